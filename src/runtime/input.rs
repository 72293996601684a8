//! Translation of terminal events into messages.

use crate::app::key::{Key, KeyCode};
use crate::app::msg::Msg;
use crossterm::event::{Event, KeyCode as CtCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A crossterm event as a message; `None` for events the console ignores.
pub fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => to_key(key).map(Msg::Key),
        Event::Resize(width, height) => Some(Msg::Resize {
            width,
            height,
            body: crate::ui::body_rows(height),
        }),
        Event::Paste(text) => Some(Msg::Paste(text)),
        _ => None,
    }
}

pub fn to_key(event: KeyEvent) -> Option<Key> {
    let m = event.modifiers;
    let code = match event.code {
        CtCode::Char(c) => KeyCode::Char(c),
        CtCode::Enter => KeyCode::Enter,
        CtCode::Esc => KeyCode::Esc,
        CtCode::Backspace => KeyCode::Backspace,
        CtCode::Tab if m.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        CtCode::Tab => KeyCode::Tab,
        CtCode::BackTab => KeyCode::BackTab,
        CtCode::Up => KeyCode::Up,
        CtCode::Down => KeyCode::Down,
        CtCode::Left => KeyCode::Left,
        CtCode::Right => KeyCode::Right,
        CtCode::Home => KeyCode::Home,
        CtCode::End => KeyCode::End,
        CtCode::PageUp => KeyCode::PageUp,
        CtCode::PageDown => KeyCode::PageDown,
        CtCode::Delete => KeyCode::Delete,
        CtCode::Insert => KeyCode::Insert,
        CtCode::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let printable = matches!(code, KeyCode::Char(_));
    let ctrl = m.contains(KeyModifiers::CONTROL);
    let code = match code {
        // Ctrl combinations are matched on the lower-case letter.
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Some(Key {
        code,
        ctrl,
        alt: m.contains(KeyModifiers::ALT),
        // Shift is already in the character for printable keys, and in BackTab.
        shift: m.contains(KeyModifiers::SHIFT) && !printable && code != KeyCode::BackTab,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_shift_into_characters() {
        let ev = KeyEvent::new(CtCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(to_key(ev), Some(Key::char('G')));
        let ev = KeyEvent::new(CtCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(to_key(ev), Some(Key::plain(KeyCode::BackTab)));
        let ev = KeyEvent::new(
            CtCode::Char('C'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(to_key(ev), Some(Key::ctrl('c')));
    }
}
