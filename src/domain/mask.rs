//! Masking of card numbers and IBANs for the screen and the logs (PCI DSS: first 6 + last 4
//! of a PAN at most; IBAN: country, check digits and last 4).

/// `4970101234567890` → `497010••••••7890`. Input already masked (with `x`, `X`, `*` or `•`)
/// is re-masked the same way, so a provider's masking can never show more than ours.
pub fn mask_pan(pan: &str) -> String {
    let chars: Vec<char> = pan
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if chars.len() <= 10 {
        return "•".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "•".repeat(chars.len() - 10))
}

/// `FR7630006000011234567890189` → `FR76 •••• •••• •••• 0189`. The number of hidden
/// characters is not shown either.
pub fn mask_iban(iban: &str) -> String {
    let s: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 8 {
        return "•".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head} •••• •••• •••• {tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pan_keeps_six_and_four() {
        assert_eq!(mask_pan("4970101234567890"), "497010••••••7890");
        assert_eq!(mask_pan("4970 1012 3456 7890"), "497010••••••7890");
        assert_eq!(mask_pan("497010XXXXXX7890"), "497010••••••7890");
        assert_eq!(mask_pan("1234"), "••••");
    }

    #[test]
    fn iban_keeps_country_check_and_last_four() {
        assert_eq!(
            mask_iban("FR7630006000011234567890189"),
            "FR76 •••• •••• •••• 0189"
        );
        assert_eq!(mask_iban("short"), "•••••");
    }
}
