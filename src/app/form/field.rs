//! Form fields: text and date inputs (a `tui_input::Input` edited by the app's one line
//! editor, `app::text`), choices, read-only displays; and the validators the forms share.

use crate::app::key::{Key, KeyCode};
use crate::app::text::{self, Edit};
use chrono::NaiveDate;
use tui_input::Input;

/// How a field's value is shown when it does not have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Masking {
    None,
    /// A valid IBAN is shown as `FR76 •••• •••• •••• 0189` once the focus leaves it; the full
    /// value stays in the field for the request.
    IbanWhenValid,
}

#[derive(Debug, Clone)]
pub enum FieldKind {
    Text(Input),
    /// A `yyyy-mm-dd` text input.
    Date(Input),
    Choice {
        options: Vec<String>,
        selected: usize,
    },
    /// Shown, never focused.
    Display(String),
    /// A type-to-filter list (`picker`): typing narrows it, ←/→ choose.
    Pick(Box<super::picker::Picker>),
}

/// One row of a form.
#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    pub visible: bool,
    /// What is wrong with the value, recomputed after every change.
    pub error: Option<String>,
    /// Good news about the value (the card behind a token, the stay's hotel).
    pub note: Option<String>,
    /// Shown in an empty input.
    pub placeholder: &'static str,
    pub masking: Masking,
    /// Edited at least once: its message is shown from then on.
    pub touched: bool,
}

impl Field {
    fn new(label: &'static str, kind: FieldKind) -> Field {
        Field {
            label,
            kind,
            visible: true,
            error: None,
            note: None,
            placeholder: "",
            masking: Masking::None,
            touched: false,
        }
    }

    pub fn text(label: &'static str, value: &str) -> Field {
        Field::new(label, FieldKind::Text(Input::new(value.to_string())))
    }

    pub fn date(label: &'static str, value: NaiveDate) -> Field {
        Field::new(label, FieldKind::Date(Input::new(format_date(value))))
    }

    pub fn choice(label: &'static str, options: Vec<String>, selected: usize) -> Field {
        let selected = selected.min(options.len().saturating_sub(1));
        Field::new(label, FieldKind::Choice { options, selected })
    }

    pub fn pick(label: &'static str, picker: super::picker::Picker) -> Field {
        Field::new(label, FieldKind::Pick(Box::new(picker)))
    }

    pub fn display(label: &'static str, value: impl Into<String>) -> Field {
        Field::new(label, FieldKind::Display(value.into()))
    }

    pub fn with_placeholder(mut self, placeholder: &'static str) -> Field {
        self.placeholder = placeholder;
        self
    }

    pub fn with_masking(mut self, masking: Masking) -> Field {
        self.masking = masking;
        self
    }

    pub fn hidden(mut self) -> Field {
        self.visible = false;
        self
    }

    /// Whether Tab stops here.
    pub fn focusable(&self) -> bool {
        self.visible && !matches!(self.kind, FieldKind::Display(_))
    }

    /// The typed text, the chosen option or the displayed text.
    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Text(i) | FieldKind::Date(i) => i.value(),
            FieldKind::Choice { options, selected } => {
                options.get(*selected).map(String::as_str).unwrap_or("")
            }
            FieldKind::Display(s) => s,
            FieldKind::Pick(p) => p.label(),
        }
    }

    pub fn selected(&self) -> usize {
        match &self.kind {
            FieldKind::Choice { selected, .. } => *selected,
            FieldKind::Pick(p) => p.chosen,
            _ => 0,
        }
    }

    pub fn set_display(&mut self, text: impl Into<String>) {
        if let FieldKind::Display(s) = &mut self.kind {
            *s = text.into();
        }
    }

    /// Applies a key; `Some(true)` when the value changed, `Some(false)` when only the
    /// cursor moved, `None` when the field has no use for the key.
    pub fn apply_key(&mut self, key: Key) -> Option<bool> {
        match &mut self.kind {
            FieldKind::Text(input) | FieldKind::Date(input) => text::apply(input, key),
            FieldKind::Choice { options, selected } => {
                let n = options.len();
                if n == 0 {
                    return None;
                }
                let new = match (key.code, key.ctrl || key.alt) {
                    (KeyCode::Right | KeyCode::Char(' '), false) => (*selected + 1) % n,
                    (KeyCode::Left, false) => (*selected + n - 1) % n,
                    (KeyCode::Home, false) => 0,
                    (KeyCode::End, false) => n - 1,
                    _ => return None,
                };
                let changed = new != *selected;
                *selected = new;
                Some(changed)
            }
            FieldKind::Display(_) => None,
            FieldKind::Pick(p) => p.apply_key(key),
        }
    }

    /// Inserts pasted text into a text or date field; control characters are dropped.
    pub fn paste(&mut self, pasted: &str) -> bool {
        match &mut self.kind {
            FieldKind::Text(input) | FieldKind::Date(input) => {
                text::paste(input, pasted) == Edit::Changed
            }
            FieldKind::Pick(p) => p.paste(pasted),
            _ => false,
        }
    }

    /// The cursor in display columns, for an editable field.
    pub fn visual_cursor(&self) -> Option<usize> {
        match &self.kind {
            FieldKind::Text(i) | FieldKind::Date(i) => Some(i.visual_cursor()),
            FieldKind::Pick(p) => Some(p.filter.visual_cursor()),
            _ => None,
        }
    }
}

pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A date typed as `yyyy-mm-dd`, exactly: `2026-1-5` is refused so that what is sent is
/// what the user read.
pub fn parse_date(input: &str) -> Result<NaiveDate, String> {
    let s = input.trim();
    let shape_ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err("a date is yyyy-mm-dd, like 2026-11-21".into());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s} is not a day of the calendar"))
}

/// A uuid in its usual hyphenated form, returned lower case (as the providers send them).
pub fn parse_uuid(input: &str, what: &str) -> Result<String, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err(format!("enter the {what}"));
    }
    let hyphenated = crate::app::resources::is_uuid(s);
    if hyphenated {
        Ok(s.to_ascii_lowercase())
    } else {
        Err(format!(
            "a {what} is a uuid like 3f2b8c1e-…-…, {} of 36 characters",
            s.len()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_date("2026-11-21"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
        );
        assert!(parse_date("2026-1-21").is_err());
        assert!(parse_date("2026-02-30").unwrap_err().contains("calendar"));
        assert!(parse_date("21/11/2026").is_err());
    }

    #[test]
    fn uuids_are_hyphenated() {
        assert_eq!(
            parse_uuid("3F2B8C1E-0000-4000-8000-00000000000A", "stay id").as_deref(),
            Ok("3f2b8c1e-0000-4000-8000-00000000000a")
        );
        assert!(parse_uuid("3f2b8c1e00004000800000000000000a", "stay id").is_err());
        assert!(parse_uuid("", "stay id").unwrap_err().contains("enter"));
    }

    #[test]
    fn text_keys_edit_and_choice_keys_cycle() {
        let mut f = Field::text("Name", "ab");
        assert_eq!(f.apply_key(Key::char('c')), Some(true));
        assert_eq!(f.apply_key(Key::plain(KeyCode::Left)), Some(false));
        assert_eq!(f.apply_key(Key::plain(KeyCode::Backspace)), Some(true));
        assert_eq!(f.value(), "ac");
        assert_eq!(f.apply_key(Key::plain(KeyCode::Tab)), None);
        let mut c = Field::choice("Mode", vec!["a".into(), "b".into()], 0);
        assert_eq!(c.apply_key(Key::plain(KeyCode::Left)), Some(true));
        assert_eq!(c.value(), "b");
        assert_eq!(c.apply_key(Key::char('x')), None);
    }
}
