//! Presenter mode (`--show-keys`, `K`): the last few keys pressed, each with the key map's
//! name of what it did (`j select_down`), for an audience or a screen recording. Text typed
//! into a line or a form field is shown as `•••` whatever it is: the `:` box takes IBANs
//! and card numbers, and a production confirmation its last four.

use super::key::{Key, KeyCode};
use super::keymap::Action;
use std::collections::VecDeque;

/// Keys kept, newest last.
pub const TRAIL_LEN: usize = 5;

/// What typed text is shown as.
pub const HIDDEN_TEXT: &str = "•••";

/// One key in the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailKey {
    /// The key as a key map file writes it (`j`, `enter`, `ctrl-c`), or `•••` for text.
    pub key: String,
    /// The action's key map name (`select_down`), `text` for typed text; none for a key
    /// that does nothing here.
    pub name: Option<String>,
}

/// The trail and whether it is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyTrail {
    pub on: bool,
    pub keys: VecDeque<TrailKey>,
}

/// How the key about to be handled will be shown, judged before it changes the state (`/`
/// opens the filter line but is not text itself). `text` says the keys go to a text line or
/// a form, where a character is text.
pub fn entry(key: Key, action: Option<Action>, text: bool) -> TrailKey {
    let printable = matches!(key.code, KeyCode::Char(_)) && !key.ctrl && !key.alt;
    if printable && text {
        return TrailKey {
            key: HIDDEN_TEXT.to_string(),
            name: Some("text".to_string()),
        };
    }
    TrailKey {
        key: key.to_string(),
        name: action.map(Action::name),
    }
}

impl KeyTrail {
    /// Adds a handled key, when the trail is shown; `true` when it changed. Text typed in
    /// a row is one entry.
    pub fn record(&mut self, entry: TrailKey) -> bool {
        if !self.on || (entry.key == HIDDEN_TEXT && self.keys.back() == Some(&entry)) {
            return false;
        }
        self.keys.push_back(entry);
        while self.keys.len() > TRAIL_LEN {
            self.keys.pop_front();
        }
        true
    }

    /// `K`: shows the trail, or hides and forgets it.
    pub fn toggle(&mut self) {
        self.on = !self.on;
        self.keys.clear();
    }
}
