//! The `:` box as a search: every edit drops the groups of the old text (their requests
//! cancelled) and, after the list filters' debounce, asks each provider group once; each
//! group shows its answer as soon as it comes, whatever the others do. ↑/↓ choose across the
//! groups (or browse the history when no results are shown; ctrl-p/ctrl-n always do), enter
//! opens the chosen hit, an id jumps straight to its resource as before.

use super::effect::{Effect, Query};
use super::goto;
use super::key::{Key, KeyCode};
use super::list_view::DEBOUNCE_MS;
use super::msg::Msg;
use super::nav::{PromptKind, Step};
use super::search_box::{Group, GroupState, SearchBox, SearchCall, SearchHits, kinds_for};
use super::state::{Health, State};
use super::subject::Subject;
use crate::domain::ApiError;

/// The text in the `:` box, trimmed.
fn typed(state: &State) -> Option<String> {
    let p = state.prompt.as_ref()?;
    (p.kind == PromptKind::GoTo).then(|| p.input.value().trim().to_string())
}

/// Forgets the groups, cancelling their requests.
fn clear(state: &mut State) -> Vec<Effect> {
    let tickets = state.search.tickets();
    state.search = SearchBox::default();
    state.dirty = true;
    tickets.into_iter().map(|t| state.cancel(t)).collect()
}

/// The `:` box closed: nothing more to search.
pub fn close(state: &mut State) -> Vec<Effect> {
    state.goto_history.cursor = None;
    clear(state)
}

/// The text changed: the old groups go, and the new text is searched after the debounce.
pub fn edited(state: &mut State) -> Vec<Effect> {
    let Some(text) = typed(state) else {
        return Vec::new();
    };
    if text == state.search.text && (state.search.showing() || state.search.debounce.is_some()) {
        return Vec::new();
    }
    let mut effects = clear(state);
    if kinds_for(&text).is_empty() {
        return effects;
    }
    let generation = state.ticket();
    state.search.text = text;
    state.search.debounce = Some(generation);
    effects.push(Effect::Schedule {
        after_ms: DEBOUNCE_MS,
        msg: Box::new(Msg::FilterSettled(generation)),
    });
    effects
}

/// Whether the debounce `generation` is the search box's.
pub fn owns(state: &State, generation: u64) -> bool {
    state.search.debounce == Some(generation)
}

/// The debounce ran out: one request per group (a provider the profile lacks says so).
pub fn settled(state: &mut State, generation: u64) -> Vec<Effect> {
    if !owns(state, generation) {
        return Vec::new();
    }
    state.search.debounce = None;
    let text = state.search.text.clone();
    let mut effects = Vec::new();
    for kind in kinds_for(&text) {
        let group_state = if state.health.get(&kind.provider()) == Some(&Health::NotConfigured) {
            GroupState::NotConfigured
        } else {
            let (ticket, effect) = state.request(Query::Search(SearchCall {
                kind,
                text: text.clone(),
            }));
            effects.push(effect);
            GroupState::Searching(ticket)
        };
        state.search.groups.push(Group {
            kind,
            state: group_state,
        });
    }
    state.dirty = true;
    effects
}

/// One group's answer. The chosen hit stays chosen when a group above it fills in.
pub fn answer(state: &mut State, ticket: u64, result: Result<SearchHits, ApiError>) {
    let search = &mut state.search;
    let Some(at) = search
        .groups
        .iter()
        .position(|g| g.state == GroupState::Searching(ticket))
    else {
        return;
    };
    let before: usize = search.groups[..at].iter().map(|g| g.hits().len()).sum();
    let new_state = match result {
        Ok(hits) => GroupState::Found(hits),
        Err(e) => GroupState::failed(&e),
    };
    search.groups[at].state = new_state;
    let added = search.groups[at].hits().len();
    if let Some(s) = &mut search.selected
        && *s >= before
    {
        *s += added;
    }
    state.dirty = true;
}

/// A key in the `:` box that is the search's, not the line's: ↑/↓ choose a hit (or browse
/// the history when no results are shown), ctrl-p/ctrl-n browse the history. `None`: the
/// line's key.
pub fn key(state: &mut State, key: Key) -> Option<Vec<Effect>> {
    let plain = !key.ctrl && !key.alt;
    let older = match key.code {
        KeyCode::Up if plain => true,
        KeyCode::Down if plain => false,
        KeyCode::Char('p') if key.ctrl && !key.alt => {
            return Some(browse(state, true));
        }
        KeyCode::Char('n') if key.ctrl && !key.alt => {
            return Some(browse(state, false));
        }
        _ => return None,
    };
    if state.search.hit_count() > 0 {
        state.search.choose(if older { -1 } else { 1 });
        state.dirty = true;
        return Some(Vec::new());
    }
    Some(browse(state, older))
}

/// One step through the history: the text replaces the line, and is searched.
fn browse(state: &mut State, older: bool) -> Vec<Effect> {
    let current = typed(state).unwrap_or_default();
    let Some(text) = state.goto_history.step(older, &current) else {
        return Vec::new();
    };
    if let Some(p) = &mut state.prompt {
        p.input = tui_input::Input::new(text);
        p.error = None;
    }
    state.dirty = true;
    edited(state)
}

/// What enter does with `value`: the chosen hit opens (a transfer number found across
/// users too); an id (a uuid, an external id) is looked up as before; otherwise the first
/// hit opens. `Err` is said in the box, which stays open, while groups still search.
pub fn submit(state: &mut State, value: &str) -> Result<Step, String> {
    let mut effects = remember(state, value);
    let first = state.search.hits().next().cloned();
    let is_number = value.chars().all(|c| c.is_ascii_digit());
    let chosen = state
        .search
        .chosen()
        .cloned()
        .or_else(|| first.clone().filter(|_| is_number));
    let user = goto::transfers_user(state);
    let hit = match (chosen, goto::plan(value, user.as_deref()), first) {
        (Some(hit), _, _) => hit,
        (None, Ok(_), _) => {
            state.prompt = None;
            effects.extend(close(state));
            effects.extend(goto::start(state, value));
            return Ok(effects.into());
        }
        (None, Err(_), Some(hit)) => hit,
        (None, Err(_), None) if state.search.searching() => {
            return Err("still searching…".to_string());
        }
        (None, Err(_), None) => {
            let searched = state.search.showing();
            state.prompt = None;
            effects.extend(close(state));
            if searched {
                effects.extend(state.toast(
                    super::state::ToastLevel::Warning,
                    format!("nothing found for “{value}”"),
                ));
            } else {
                effects.extend(goto::start(state, value));
            }
            return Ok(effects.into());
        }
    };
    state.prompt = None;
    effects.extend(close(state));
    let mut step = open_hit(state, hit);
    effects.append(&mut step.effects);
    step.effects = effects;
    Ok(step)
}

/// Opens a hit on its own pane, as a go-to that found it.
fn open_hit(state: &mut State, subject: Subject) -> Step {
    goto::found(state, subject)
}

/// Keeps `value` in the history, and asks the runtime to write it where it is kept.
fn remember(state: &mut State, value: &str) -> Vec<Effect> {
    if !state.goto_history.push(value) {
        return Vec::new();
    }
    match &state.goto_history.file {
        Some(path) => vec![Effect::SaveHistory {
            path: path.clone(),
            text: state.goto_history.to_lines(),
        }],
        None => Vec::new(),
    }
}
