//! Copying to the clipboard through OSC 52: an id (`y`), a row or a detail as JSON (`Y`),
//! within what terminals accept in one sequence.

use super::detail::mask_json;
use super::effect::Effect;
use super::state::{State, ToastLevel};

/// The most base64 an OSC 52 sequence carries here: many terminals cap it near 100 KB (and
/// some drop a longer one without a word), so a longer text is refused with a message.
pub const OSC52_MAX_BASE64: usize = 100_000;

/// Bytes of base64 that `len` bytes of text become.
pub fn base64_len(len: usize) -> usize {
    len.div_ceil(3) * 4
}

/// Puts `text` on the clipboard and says `what` was copied, or says why it was not.
pub fn copy_text(state: &mut State, text: String, what: &str) -> Vec<Effect> {
    let encoded = base64_len(text.len());
    if encoded > OSC52_MAX_BASE64 {
        let kb = encoded.div_ceil(1000);
        let limit = OSC52_MAX_BASE64 / 1000;
        return state.toast(
            ToastLevel::Error,
            format!(
                "{what} is too large for the terminal's clipboard ({kb} KB of base64, OSC 52 \
                 carries at most {limit} KB): export it to a file instead"
            ),
        );
    }
    let mut effects = state.toast(ToastLevel::Success, format!("copied {what}"));
    effects.insert(0, Effect::CopyToClipboard(text));
    effects
}

/// A row or a detail as pretty JSON, its IBANs (unless `revealed`) and card numbers masked.
pub fn copy_json(state: &mut State, mut value: serde_json::Value, revealed: bool) -> Vec<Effect> {
    mask_json(&mut value, revealed);
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    let what = match value.get("id") {
        Some(serde_json::Value::String(id)) => format!("{id} as JSON"),
        Some(id @ serde_json::Value::Number(_)) => format!("{id} as JSON"),
        _ => "the JSON".to_string(),
    };
    copy_text(state, text, &what)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        State::for_tests(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
    }

    #[test]
    fn json_is_masked_and_copied_within_the_limit() {
        let mut s = state();
        let value = serde_json::json!({
            "id": "t-1",
            "bank_account": { "iban": "FR7630006000011234567890189" }
        });
        let effects = copy_json(&mut s, value, false);
        let Some(Effect::CopyToClipboard(text)) = effects.first() else {
            panic!("{effects:?}")
        };
        assert!(!text.contains("FR7630006000011234567890189"), "{text}");
        assert!(text.contains("0189"), "{text}");
        assert_eq!(
            s.toast.as_ref().map(|t| t.text.as_str()),
            Some("copied t-1 as JSON")
        );
    }

    #[test]
    fn too_large_for_osc52_is_said_and_not_sent() {
        let mut s = state();
        let big = "x".repeat(80_000);
        let effects = copy_json(
            &mut s,
            serde_json::json!({ "id": "c-1", "note": big }),
            false,
        );
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::CopyToClipboard(_))),
            "nothing goes to the terminal"
        );
        let toast = s.toast.expect("a message");
        assert_eq!(toast.level, ToastLevel::Error);
        assert!(
            toast
                .text
                .starts_with("c-1 as JSON is too large for the terminal's clipboard (107 KB"),
            "{}",
            toast.text
        );
        assert_eq!(base64_len(75_000), OSC52_MAX_BASE64);
    }
}
