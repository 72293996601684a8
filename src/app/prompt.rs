//! The prompt line (`#` page, `:` go to and search, a billing range): its keys, and what a
//! submitted value asks of the focused view.

use super::detail_view::{billing_range, parse_range, reveal};
use super::effect::Effect;
use super::key::Key;
use super::list::ListCmd;
use super::list_view::run_cmd;
use super::nav::{PromptKind, Step};
use super::search;
use super::state::State;
use super::text::{self, Edit};

/// A key while the prompt line is open.
pub fn key(state: &mut State, key: Key) -> Step {
    let Some(prompt) = &mut state.prompt else {
        return Step::default();
    };
    state.dirty = true;
    let go_to = prompt.kind == PromptKind::GoTo;
    if go_to && let Some(effects) = search::key(state, key) {
        return effects.into();
    }
    let Some(prompt) = &mut state.prompt else {
        return Step::default();
    };
    match text::edit(&mut prompt.input, key) {
        Edit::Changed if go_to => {
            prompt.error = None;
            search::edited(state).into()
        }
        Edit::Changed | Edit::Unchanged => {
            prompt.error = None;
            Step::default()
        }
        Edit::Cancel => {
            state.prompt = None;
            if go_to {
                return search::close(state).into();
            }
            Step::default()
        }
        Edit::Submit => {
            let kind = prompt.kind;
            let value = prompt.input.value().trim().to_string();
            submit(state, kind, &value)
        }
    }
}

/// Text pasted into the prompt line.
pub fn paste(state: &mut State, pasted: &str) -> Vec<Effect> {
    if let Some(prompt) = &mut state.prompt {
        text::paste(&mut prompt.input, pasted);
        state.dirty = true;
        if prompt.kind == PromptKind::GoTo {
            return search::edited(state);
        }
    }
    Vec::new()
}

fn error(state: &mut State, text: &str) -> Step {
    if let Some(p) = &mut state.prompt {
        p.error = Some(text.to_string());
    }
    Step::default()
}

fn submit(state: &mut State, kind: PromptKind, value: &str) -> Step {
    match kind {
        PromptKind::PageGo => {
            let Ok(n) = value.parse::<u32>() else {
                return error(state, "type a page number");
            };
            let Some(list) = state.list_mut() else {
                state.prompt = None;
                return Step::default();
            };
            let id = list.id;
            let cmd = list.go_to_page(n);
            if let ListCmd::Say(text) = cmd {
                return error(state, &text);
            }
            state.prompt = None;
            run_cmd(state, id, cmd)
        }
        PromptKind::GoTo => {
            if value.is_empty() {
                return error(state, "type an id, or a name, email, IBAN's last four…");
            }
            match search::submit(state, value) {
                Ok(step) => step,
                Err(why) => error(state, &why),
            }
        }
        PromptKind::RevealReason => {
            if value.is_empty() {
                return error(state, "this profile asks for a reason; esc gives up");
            }
            state.prompt = None;
            match state.focused_id() {
                Some(id) => reveal(state, id, Some(value.to_string())).into(),
                None => Step::default(),
            }
        }
        PromptKind::BillingRange => match parse_range(value) {
            Some(range) => {
                state.prompt = None;
                billing_range(state, range).into()
            }
            None => error(
                state,
                "like 2025-01-01..2025-12-31 (either side may be empty)",
            ),
        },
    }
}
