//! Untrusted text made safe for the terminal: every string from an API passes through here
//! before it is drawn (list cells, detail fields, banners alike). Control characters and
//! escape sequences are shown inert (`␛[31m`), zero-width characters are dropped, and
//! over-long fields are cut with an ellipsis by display width.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether a character must not reach the terminal as is.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        // Bidirectional overrides and isolates can reorder what the agent reads.
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// The inert form of an unsafe character: a control picture for C0 (`␛`, `␇`), `␡` for
/// DEL, `\u{9b}` for the rest.
fn inert(c: char, out: &mut String) {
    let code = c as u32;
    if code < 0x20 {
        out.push(char::from_u32(0x2400 + code).unwrap_or('�'));
    } else if code == 0x7f {
        out.push('␡');
    } else {
        out.push_str(&format!("\\u{{{code:x}}}"));
    }
}

/// Zero-width characters: invisible, they make two equal-looking ids differ and shift what
/// the terminal thinks a cell holds, so they are dropped rather than shown.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// The text with every control character shown inert and every zero-width character
/// dropped. Borrowed when already clean.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || is_invisible(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if is_unsafe(c) {
            inert(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Cleaned and cut to `width` display columns, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    let s = clean(s);
    if s.width() <= width {
        return s.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Display width of a string after cleaning.
pub fn width(s: &str) -> usize {
    clean(s).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_width_characters_are_dropped_in_every_cell() {
        let id = "C-0\u{200b}001\u{200d}\u{feff}";
        assert_eq!(clean(id), "C-0001");
        assert_eq!(fit(id, 20), "C-0001");
        assert_eq!(width(id), 6);
        assert!(matches!(clean("C-0001"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_become_inert() {
        let evil = "Eve\x1b]0;pwned\x07\x1b[31mred\u{9b}2J\u{202e}";
        let shown = clean(evil);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown}");
        assert_eq!(shown, "Eve␛]0;pwned␇␛[31mred\\u{9b}2J\\u{202e}");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn fit_cuts_by_display_width() {
        assert_eq!(fit("Élodie Martin", 20), "Élodie Martin");
        assert_eq!(fit("Élodie Martin", 7), "Élodie…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(fit("日本語", 5).width(), 5);
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("a\x1bb", 10), "a␛b");
    }
}
