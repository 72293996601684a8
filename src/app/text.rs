//! Text lines (filter, prompts): keys as `tui_input` requests, so printable keys type
//! themselves (`q` is a q, not quit) and nothing here knows the terminal library.

use super::key::{Key, KeyCode};
use tui_input::{Input, InputRequest};

/// What a key did to a text line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// The cursor moved or nothing happened.
    Unchanged,
    Submit,
    Cancel,
}

fn request(key: Key) -> Option<InputRequest> {
    Some(match key.code {
        KeyCode::Char('u') if key.ctrl => InputRequest::DeleteLine,
        KeyCode::Char('w') if key.ctrl => InputRequest::DeletePrevWord,
        KeyCode::Char('a') if key.ctrl => InputRequest::GoToStart,
        KeyCode::Char('e') if key.ctrl => InputRequest::GoToEnd,
        KeyCode::Char('k') if key.ctrl => InputRequest::DeleteTillEnd,
        KeyCode::Char(_) if key.ctrl || key.alt => return None,
        KeyCode::Char(c) => InputRequest::InsertChar(c),
        KeyCode::Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        KeyCode::Left => InputRequest::GoToPrevChar,
        KeyCode::Right => InputRequest::GoToNextChar,
        KeyCode::Home => InputRequest::GoToStart,
        KeyCode::End => InputRequest::GoToEnd,
        _ => return None,
    })
}

/// Applies a key to a line: Enter submits, Esc cancels, the rest edits.
pub fn edit(input: &mut Input, key: Key) -> Edit {
    match key.code {
        KeyCode::Enter => return Edit::Submit,
        KeyCode::Esc => return Edit::Cancel,
        _ => {}
    }
    let before = input.value().to_string();
    if let Some(req) = request(key) {
        input.handle(req);
    }
    if input.value() == before {
        Edit::Unchanged
    } else {
        Edit::Changed
    }
}

/// Pastes text, without its line breaks or control characters.
pub fn paste(input: &mut Input, text: &str) -> Edit {
    let mut changed = false;
    for c in text.chars().filter(|c| !c.is_control()) {
        input.handle(InputRequest::InsertChar(c));
        changed = true;
    }
    if changed {
        Edit::Changed
    } else {
        Edit::Unchanged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_editing_and_submit() {
        let mut i = Input::default();
        assert_eq!(edit(&mut i, Key::char('q')), Edit::Changed);
        edit(&mut i, Key::char('x'));
        assert_eq!(edit(&mut i, Key::plain(KeyCode::Backspace)), Edit::Changed);
        assert_eq!(i.value(), "q");
        assert_eq!(edit(&mut i, Key::plain(KeyCode::Left)), Edit::Unchanged);
        assert_eq!(edit(&mut i, Key::plain(KeyCode::Enter)), Edit::Submit);
        assert_eq!(paste(&mut i, "a\x1bb\n"), Edit::Changed);
        assert_eq!(i.value(), "abq");
    }
}
