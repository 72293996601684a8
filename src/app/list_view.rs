//! A list view's keys: list actions, the debounced filter line, and what they ask for
//! (pages, a row opened as `Go`, a copy, a message).

use super::detail_view::copy;
use super::effect::{Effect, ViewId};
use super::key::Key;
use super::keymap::Action;
use super::list::ListCmd;
use super::loads::load_list;
use super::msg::Msg;
use super::nav::{Go, PromptKind, Step, View};
use super::state::{State, ToastLevel};
use super::text::{self, Edit};

/// How long the filter line must be still before it is sent.
pub const DEBOUNCE_MS: u64 = 250;

/// Carries out what a list action asked for.
pub fn run_cmd(state: &mut State, id: ViewId, cmd: ListCmd) -> Step {
    match cmd {
        ListCmd::Nothing => Step::default(),
        ListCmd::Redraw => {
            state.dirty = true;
            Step::default()
        }
        ListCmd::Load => load_list(state, id, false).into(),
        ListCmd::LoadLast => load_list(state, id, true).into(),
        ListCmd::Open(subject) => Step::go(Go::Detail(subject)),
        ListCmd::Copy(row_id) => copy(state, row_id).into(),
        ListCmd::CopyJson(value) => super::copy::copy_json(state, value, false).into(),
        ListCmd::Export => super::export_flow::open(state, id).into(),
        ListCmd::Say(text) => state.toast(ToastLevel::Info, text).into(),
        ListCmd::AskPage => {
            state.open_prompt(PromptKind::PageGo);
            Step::default()
        }
        ListCmd::FilterEdited => filter_edited(state).into(),
        ListCmd::FilterNow => {
            if let Some(list) = state.list_by_id(id) {
                list.apply_filter();
            }
            state.dirty = true;
            load_list(state, id, false).into()
        }
    }
}

/// A key action on the focused list.
pub fn action(state: &mut State, action: Action) -> Step {
    let Some(list) = state.list_mut() else {
        return Step::default();
    };
    let id = list.id;
    let cmd = list.on_action(action);
    run_cmd(state, id, cmd)
}

/// The filter text changed: schedule a load after the debounce, replacing any earlier one.
pub fn filter_edited(state: &mut State) -> Vec<Effect> {
    let generation = state.ticket();
    if let Some(list) = state.list_mut() {
        list.debounce = Some(generation);
    }
    state.dirty = true;
    vec![Effect::Schedule {
        after_ms: DEBOUNCE_MS,
        msg: Box::new(Msg::FilterSettled(generation)),
    }]
}

/// The debounce of `generation` ran out: the list still waiting for it loads page 0.
pub fn filter_settled(state: &mut State, generation: u64) -> Step {
    let target = state
        .navs
        .iter()
        .flat_map(|n| n.views.iter())
        .find_map(|v| match v {
            View::List(l) if l.debounce == Some(generation) => Some(l.id),
            _ => None,
        });
    match target {
        Some(id) => run_cmd(state, id, ListCmd::FilterNow),
        None => Step::default(),
    }
}

/// A key on the focused list's filter line.
pub fn filter_key(state: &mut State, key: Key) -> Step {
    let Some(list) = state.list_mut() else {
        return Step::default();
    };
    let id = list.id;
    let cmd = match text::edit(&mut list.filter, key) {
        Edit::Changed => list.filter_changed(),
        Edit::Unchanged => ListCmd::Redraw,
        Edit::Submit => list.filter_enter(),
        Edit::Cancel => list.filter_clear(),
    };
    run_cmd(state, id, cmd)
}

/// Text pasted into the focused list's filter line.
pub fn filter_paste(state: &mut State, pasted: &str) -> Vec<Effect> {
    let Some(list) = state.list_mut() else {
        return Vec::new();
    };
    if text::paste(&mut list.filter, pasted) == Edit::Changed {
        return filter_edited(state);
    }
    Vec::new()
}
