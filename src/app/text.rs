//! The one-line text editor every input shares (the list filter, prompts, form fields): keys
//! as `tui_input` requests, so printable keys type themselves (`q` is a q, not quit), the
//! usual readline keys edit, and nothing here knows the terminal library.

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

/// The editing request for a key, or `None` when the key is not for the line.
fn request(key: Key) -> Option<InputRequest> {
    use InputRequest as R;
    if key.alt {
        return match key.code {
            KeyCode::Char('b') | KeyCode::Left => Some(R::GoToPrevWord),
            KeyCode::Char('f') | KeyCode::Right => Some(R::GoToNextWord),
            KeyCode::Char('d') => Some(R::DeleteNextWord),
            KeyCode::Backspace => Some(R::DeletePrevWord),
            _ => None,
        };
    }
    if key.ctrl {
        match key.code {
            KeyCode::Char('a') => return Some(R::GoToStart),
            KeyCode::Char('e') => return Some(R::GoToEnd),
            KeyCode::Char('w') | KeyCode::Backspace => return Some(R::DeletePrevWord),
            // As in readline: up to the cursor, so ctrl-u and ctrl-k split the line.
            KeyCode::Char('u') => return Some(R::DeleteFromStart),
            KeyCode::Char('k') => return Some(R::DeleteTillEnd),
            KeyCode::Left => return Some(R::GoToPrevWord),
            KeyCode::Right => return Some(R::GoToNextWord),
            // Other control characters belong to the key map, never to the text.
            KeyCode::Char(_) => return None,
            // ctrl-Home, ctrl-Delete…: as without ctrl.
            _ => {}
        }
    }
    Some(match key.code {
        KeyCode::Char(c) if !c.is_control() => R::InsertChar(c),
        KeyCode::Backspace => R::DeletePrevChar,
        KeyCode::Delete => R::DeleteNextChar,
        KeyCode::Left => R::GoToPrevChar,
        KeyCode::Right => R::GoToNextChar,
        KeyCode::Home => R::GoToStart,
        KeyCode::End => R::GoToEnd,
        _ => return None,
    })
}

/// The most a line holds, in bytes: a burst or paste beyond it is cut, so a megabyte of
/// input costs no more than this line's worth of work.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Inserts `text` at the cursor in one edit (a key at a time through `tui_input` costs the
/// whole line per key, which a burst of thousands of keys cannot afford).
fn insert(input: &mut Input, text: &str) -> bool {
    let room = MAX_LINE_BYTES.saturating_sub(input.value().len());
    let mut end = text.len().min(room);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    if text.is_empty() {
        return false;
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
    true
}

/// Applies an editing key: `Some(true)` when the text changed, `Some(false)` when only the
/// cursor moved (or nothing could be done), `None` when the key is not an editing key.
pub fn apply(input: &mut Input, key: Key) -> Option<bool> {
    match request(key)? {
        InputRequest::InsertChar(c) => Some(insert(input, c.encode_utf8(&mut [0; 4]))),
        req => Some(input.handle(req).is_some_and(|changed| changed.value)),
    }
}

/// Applies a key to a line: Enter submits, Esc cancels, the rest edits.
pub fn edit(input: &mut Input, key: Key) -> Edit {
    match key.code {
        KeyCode::Enter => Edit::Submit,
        KeyCode::Esc => Edit::Cancel,
        _ if apply(input, key) == Some(true) => Edit::Changed,
        _ => Edit::Unchanged,
    }
}

/// Pastes text, without its line breaks or control characters (and no more than a line
/// holds).
pub fn paste(input: &mut Input, text: &str) -> Edit {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_LINE_BYTES)
        .collect();
    if insert(input, &clean) {
        Edit::Changed
    } else {
        Edit::Unchanged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt(code: KeyCode) -> Key {
        Key {
            alt: true,
            ..Key::plain(code)
        }
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

    #[test]
    fn readline_keys_move_by_word_and_cut_around_the_cursor() {
        let mut i = Input::new("alpha beta gamma".into());
        assert_eq!(apply(&mut i, alt(KeyCode::Char('b'))), Some(false));
        assert_eq!(i.cursor(), "alpha beta ".len());
        assert_eq!(apply(&mut i, Key::ctrl('u')), Some(true));
        assert_eq!(i.value(), "gamma");
        assert_eq!(apply(&mut i, Key::ctrl('e')), Some(false));
        assert_eq!(apply(&mut i, Key::ctrl('w')), Some(true));
        assert_eq!(i.value(), "");
        let mut j = Input::new("one two".into());
        apply(&mut j, Key::ctrl('a'));
        assert_eq!(apply(&mut j, alt(KeyCode::Char('d'))), Some(true));
        assert_eq!(j.value(), "two");
        assert_eq!(apply(&mut j, Key::ctrl('k')), Some(true));
        assert_eq!(j.value(), "");
    }

    #[test]
    fn keys_that_are_not_for_the_line() {
        let mut i = Input::new("x".into());
        assert_eq!(apply(&mut i, Key::ctrl('t')), None);
        assert_eq!(apply(&mut i, Key::plain(KeyCode::Tab)), None);
        assert_eq!(apply(&mut i, Key::plain(KeyCode::Up)), None);
        assert_eq!(apply(&mut i, Key::char('\u{7}')), None);
        assert_eq!(edit(&mut i, Key::ctrl('t')), Edit::Unchanged);
        assert_eq!(i.value(), "x");
    }

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
}
