//! Scrubbing of text that came from a provider or a parser before it reaches an error
//! message or a log line: anything shaped like a PAN or an IBAN is masked, and known
//! secrets are replaced, whatever the provider chose to echo.

use crate::domain::mask::{mask_iban, mask_pan};

/// Masks PAN-like digit runs (12+ digits, spaces allowed inside) and IBAN-like words
/// (two letters, two digits, then 10+ letters or digits).
pub fn redact_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = iban_at(&chars, i) {
            let word: String = chars[i..end].iter().collect();
            out.push_str(&mask_iban(&word));
            i = end;
        } else if let Some(end) = pan_at(&chars, i) {
            let run: String = chars[i..end].iter().collect();
            out.push_str(&mask_pan(&run));
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Also replaces every occurrence of the given secret values.
pub fn redact_with_secrets(text: &str, secrets: &[&str]) -> String {
    let mut s = redact_text(text);
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        s = s.replace(secret, "••••");
    }
    s
}

fn word_start(chars: &[char], i: usize) -> bool {
    i == 0 || !chars[i - 1].is_ascii_alphanumeric()
}

fn iban_at(chars: &[char], i: usize) -> Option<usize> {
    if !word_start(chars, i) || i + 4 > chars.len() {
        return None;
    }
    let head = &chars[i..i + 4];
    if !(head[0].is_ascii_alphabetic()
        && head[1].is_ascii_alphabetic()
        && head[2].is_ascii_digit()
        && head[3].is_ascii_digit())
    {
        return None;
    }
    // IBANs are often printed in groups of four: allow single spaces between groups.
    // A space continues the IBAN only after a full group of four.
    let mut end = i + 4;
    let mut body = 0;
    let mut group = 4;
    while end < chars.len() {
        let c = chars[end];
        if c.is_ascii_alphanumeric() {
            body += 1;
            group += 1;
            end += 1;
        } else if c == ' '
            && group == 4
            && chars.get(end + 1).is_some_and(char::is_ascii_alphanumeric)
        {
            group = 0;
            end += 1;
        } else {
            break;
        }
    }
    while end > i && chars[end - 1] == ' ' {
        end -= 1;
    }
    (body >= 10).then_some(end)
}

fn pan_at(chars: &[char], i: usize) -> Option<usize> {
    if !word_start(chars, i) || !chars[i].is_ascii_digit() {
        return None;
    }
    let mut end = i;
    let mut digits = 0;
    while end < chars.len() {
        let c = chars[end];
        if c.is_ascii_digit() {
            digits += 1;
            end += 1;
        } else if (c == ' ' || c == '-') && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
            end += 1;
        } else {
            break;
        }
    }
    (digits >= 12).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_pans_and_ibans() {
        assert_eq!(
            redact_text("IBAN FR7630006000011234567890189 is invalid"),
            "IBAN FR76 •••• •••• •••• 0189 is invalid"
        );
        assert_eq!(
            redact_text("iban FR76 3000 6000 0112 3456 7890 189."),
            "iban FR76 •••• •••• •••• 0189."
        );
        assert_eq!(
            redact_text("card 4970101234567890"),
            "card 497010••••••7890"
        );
        assert_eq!(
            redact_text("Customer not found (0001) trace 8f0e-1234"),
            "Customer not found (0001) trace 8f0e-1234"
        );
        assert_eq!(
            redact_text("Plafond de 1000000 atteint"),
            "Plafond de 1000000 atteint"
        );
    }

    #[test]
    fn replaces_secrets() {
        assert_eq!(
            redact_with_secrets("bad token mas_sandbox_token", &["mas_sandbox_token"]),
            "bad token ••••"
        );
    }
}
