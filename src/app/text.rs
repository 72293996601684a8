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

/// The most a line holds, in bytes: a burst or paste beyond it is cut, so a megabyte of
/// input costs no more than this line's worth of work.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Inserts `text` at the cursor in one edit (a key at a time through `tui_input` costs the
/// whole line per key, which a burst of thousands of keys cannot afford).
fn insert(input: &mut Input, text: &str) -> Edit {
    let room = MAX_LINE_BYTES.saturating_sub(input.value().len());
    let mut end = text.len().min(room);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    if text.is_empty() {
        return Edit::Unchanged;
    }
    let cursor = input.cursor();
    let mut value = input.value().to_owned();
    let byte = if cursor >= value.chars().count() {
        value.len()
    } else {
        value
            .char_indices()
            .nth(cursor)
            .map_or(value.len(), |(i, _)| i)
    };
    value.insert_str(byte, text);
    *input = Input::new(value).with_cursor(cursor + text.chars().count());
    Edit::Changed
}

/// Applies a key to a line: Enter submits, Esc cancels, the rest edits.
pub fn edit(input: &mut Input, key: Key) -> Edit {
    match key.code {
        KeyCode::Enter => return Edit::Submit,
        KeyCode::Esc => return Edit::Cancel,
        KeyCode::Char(c) if !key.ctrl && !key.alt => {
            return insert(input, c.encode_utf8(&mut [0; 4]));
        }
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
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_LINE_BYTES)
        .collect();
    insert(input, &clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_stops_growing_at_its_limit() {
        let mut i = Input::default();
        assert_eq!(paste(&mut i, &"é".repeat(MAX_LINE_BYTES)), Edit::Changed);
        assert_eq!(i.value().len(), MAX_LINE_BYTES);
        assert_eq!(edit(&mut i, Key::char('x')), Edit::Unchanged);
        edit(&mut i, Key::plain(KeyCode::Backspace));
        assert_eq!(i.value().len(), MAX_LINE_BYTES - 2);
        assert_eq!(edit(&mut i, Key::ctrl('a')), Edit::Unchanged);
        assert_eq!(i.cursor(), 0);
        let mut j = Input::new("ac".into()).with_cursor(1);
        edit(&mut j, Key::char('b'));
        assert_eq!((j.value(), j.cursor()), ("abc", 2));
    }

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
