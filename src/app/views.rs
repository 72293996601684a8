//! `update` for lists and text lines: list actions, loading pages (a newer request cancels
//! the older one), the debounced filter, prompts, and routing answers to the view that
//! asked.

use super::drill;
use super::effect::{Effect, Ticket};
use super::key::Key;
use super::keymap::Action;
use super::list::ListCmd;
use super::msg::{Msg, Reply};
use super::nav::{AnyList, PromptKind, View};
use super::state::{State, ToastLevel};
use super::text::{self, Edit};
use super::update::{DEBOUNCE_MS, cancel, open_prompt, request_ticket, toast};
use crate::domain::ApiError;
use crate::with_list;

/// Where a view sits: tab index and depth in its stack.
pub type At = (usize, usize);

pub fn focused_at(state: &State) -> At {
    (state.tab.index(), state.nav().depth().saturating_sub(1))
}

pub fn view_at(state: &mut State, at: At) -> Option<&mut View> {
    state.navs.get_mut(at.0)?.views.get_mut(at.1)
}

fn list_at(state: &mut State, at: At) -> Option<&mut AnyList> {
    match view_at(state, at)? {
        View::List(l) => Some(l),
        View::Detail(_) => None,
    }
}

/// Asks for the list's current request, cancelling the one under way.
pub fn load_at(state: &mut State, at: At) -> Vec<Effect> {
    load_with(state, at, false)
}

fn load_with(state: &mut State, at: At, last: bool) -> Vec<Effect> {
    let Some(list) = list_at(state, at) else {
        return Vec::new();
    };
    let old = list.loading();
    let query = if last {
        with_list!(list, p => p.last_page_query())
    } else {
        with_list!(list, p => p.query())
    };
    let mut effects = Vec::new();
    if let Some(t) = old {
        effects.push(cancel(state, t));
    }
    let (ticket, effect) = request_ticket(state, query);
    effects.push(effect);
    if let Some(list) = list_at(state, at) {
        with_list!(list, p => p.loading = Some(ticket));
    }
    effects
}

/// Loads the focused list's first page if it was never loaded.
pub fn load_if_untouched(state: &mut State) -> Vec<Effect> {
    let at = focused_at(state);
    let untouched = list_at(state, at).is_some_and(|l| with_list!(l, p => p.untouched()));
    if untouched {
        load_at(state, at)
    } else {
        Vec::new()
    }
}

fn run_cmd(state: &mut State, at: At, cmd: ListCmd) -> Vec<Effect> {
    match cmd {
        ListCmd::Nothing => Vec::new(),
        ListCmd::Redraw => {
            state.dirty = true;
            Vec::new()
        }
        ListCmd::Load => load_at(state, at),
        ListCmd::LoadLast => load_with(state, at, true),
        ListCmd::Open(i) => {
            let subject = list_at(state, at).and_then(|l| l.detail_of(i));
            match subject {
                Some(subject) => drill::push_detail(state, subject),
                None => Vec::new(),
            }
        }
        ListCmd::Copy(id) => copy(state, id),
        ListCmd::Say(text) => toast(state, ToastLevel::Info, text),
        ListCmd::AskPage => {
            open_prompt(state, PromptKind::PageGo);
            Vec::new()
        }
        ListCmd::FilterEdited => filter_edited(state),
        ListCmd::FilterNow => {
            if let Some(list) = list_at(state, at) {
                with_list!(list, p => p.apply_filter());
            }
            state.dirty = true;
            load_at(state, at)
        }
    }
}

pub fn copy(state: &mut State, id: String) -> Vec<Effect> {
    let mut effects = toast(state, ToastLevel::Success, format!("copied {id}"));
    effects.insert(0, Effect::CopyToClipboard(id));
    effects
}

pub fn list_action(state: &mut State, action: Action) -> Vec<Effect> {
    let at = focused_at(state);
    let Some(list) = list_at(state, at) else {
        return Vec::new();
    };
    let cmd = with_list!(list, p => p.on_action(action));
    run_cmd(state, at, cmd)
}

/// The filter text changed: schedule a load after the debounce, replacing any earlier one.
pub fn filter_edited(state: &mut State) -> Vec<Effect> {
    let generation = state.ticket();
    if let Some(list) = state.list_mut() {
        with_list!(list, p => p.debounce = Some(generation));
    }
    state.dirty = true;
    vec![Effect::Schedule {
        after_ms: DEBOUNCE_MS,
        msg: Box::new(Msg::FilterSettled(generation)),
    }]
}

/// The debounce of `generation` ran out: the list still waiting for it loads page 0.
pub fn filter_settled(state: &mut State, generation: u64) -> Vec<Effect> {
    let mut target = None;
    for (ti, nav) in state.navs.iter().enumerate() {
        for (di, view) in nav.views.iter().enumerate() {
            if let View::List(l) = view
                && with_list!(l, p => p.debounce == Some(generation))
            {
                target = Some((ti, di));
            }
        }
    }
    let Some(at) = target else {
        return Vec::new();
    };
    run_cmd(state, at, ListCmd::FilterNow)
}

pub fn filter_key(state: &mut State, key: Key) -> Vec<Effect> {
    let at = focused_at(state);
    let Some(list) = list_at(state, at) else {
        return Vec::new();
    };
    let cmd = with_list!(list, p => match text::edit(&mut p.filter, key) {
        Edit::Changed => p.filter_changed(),
        Edit::Unchanged => ListCmd::Redraw,
        Edit::Submit => p.filter_enter(),
        Edit::Cancel => p.filter_clear(),
    });
    run_cmd(state, at, cmd)
}

pub fn prompt_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(prompt) = &mut state.prompt else {
        return Vec::new();
    };
    state.dirty = true;
    match text::edit(&mut prompt.input, key) {
        Edit::Changed | Edit::Unchanged => {
            prompt.error = None;
            Vec::new()
        }
        Edit::Cancel => {
            state.prompt = None;
            Vec::new()
        }
        Edit::Submit => {
            let kind = prompt.kind;
            let value = prompt.input.value().trim().to_string();
            submit_prompt(state, kind, &value)
        }
    }
}

fn prompt_error(state: &mut State, text: &str) -> Vec<Effect> {
    if let Some(p) = &mut state.prompt {
        p.error = Some(text.to_string());
    }
    Vec::new()
}

fn submit_prompt(state: &mut State, kind: PromptKind, value: &str) -> Vec<Effect> {
    match kind {
        PromptKind::PageGo => {
            let Ok(n) = value.parse::<u32>() else {
                return prompt_error(state, "type a page number");
            };
            let at = focused_at(state);
            let Some(list) = list_at(state, at) else {
                state.prompt = None;
                return Vec::new();
            };
            let cmd = with_list!(list, p => p.go_to_page(n));
            if let ListCmd::Say(text) = cmd {
                return prompt_error(state, &text);
            }
            state.prompt = None;
            run_cmd(state, at, cmd)
        }
        PromptKind::GoTo => {
            if value.is_empty() {
                return prompt_error(state, "type an id");
            }
            state.prompt = None;
            drill::go_to(state, value)
        }
        PromptKind::BillingRange => match drill::parse_range(value) {
            Some(range) => {
                state.prompt = None;
                drill::billing_range(state, range)
            }
            None => prompt_error(
                state,
                "like 2025-01-01..2025-12-31 (either side may be empty)",
            ),
        },
    }
}

/// Hands an answer to the view that asked for it.
pub fn route(state: &mut State, ticket: Ticket, result: Result<Reply, ApiError>) -> Vec<Effect> {
    if state.goto == Some(ticket) {
        state.goto = None;
        return drill::found(state, result);
    }
    let mut owner = None;
    for (ti, nav) in state.navs.iter().enumerate() {
        for (di, view) in nav.views.iter().enumerate() {
            if view.tickets().contains(&ticket) {
                owner = Some((ti, di));
            }
        }
    }
    let Some(at) = owner else {
        return Vec::new();
    };
    match view_at(state, at) {
        Some(View::List(list)) => {
            with_list!(list, p => p.accept(ticket, result));
            Vec::new()
        }
        Some(View::Detail(_)) => drill::detail_reply(state, at, ticket, result),
        None => Vec::new(),
    }
}
