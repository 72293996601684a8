//! The search parameters the sandbox adds to its lists (an extension: the providers'
//! documents define none), as SQL conditions that read an index: FTS5 trigram tables for
//! "any part of" a text (`assets/migrations/004_search.sql`), expression indexes for last
//! fours, a column index for medium references.

use rusqlite::types::Value;

/// Rows a search asks for per kind (the console's search box shows this many).
pub const RESULTS_PER_GROUP: u32 = 10;

/// Fewest characters a trigram index can match; a shorter text matches by a scan.
pub const MIN_SUBSTRING: usize = 3;

/// `text` as one FTS5 phrase (a double-quoted string, quotes doubled).
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The digits of a text that looks like a phone number (digits, spaces, `+ - . ( ) /`), if
/// it has enough of them to search.
fn phone_digits(text: &str) -> Option<String> {
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()/".contains(c));
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    (phone_like && digits.len() >= MIN_SUBSTRING).then_some(digits)
}

/// Customers whose name, email, phone or external id contains `needle` (case- and
/// accent-insensitive; a phone number matches on its digits, whatever the spacing): the
/// condition and its arguments, numbered from `?{first}`.
pub fn customers(needle: &str, first: usize) -> (String, Vec<Value>) {
    if needle.chars().count() < MIN_SUBSTRING {
        let pattern = super::list::like_pattern(needle);
        return (
            format!(
                "(name LIKE ?{first} ESCAPE '\\' OR email LIKE ?{first} ESCAPE '\\' OR external_id LIKE ?{first} ESCAPE '\\' OR phone LIKE ?{first} ESCAPE '\\')"
            ),
            vec![Value::Text(pattern)],
        );
    }
    let mut expr = format!("{{name email external_id}} : {}", phrase(needle));
    match phone_digits(needle) {
        Some(digits) => expr.push_str(&format!(" OR phone : {}", phrase(&digits))),
        None => expr.push_str(&format!(" OR phone : {}", phrase(needle))),
    }
    (
        format!(
            "rowid IN (SELECT rowid FROM customers_search WHERE customers_search MATCH ?{first})"
        ),
        vec![Value::Text(expr)],
    )
}

/// Stays whose guest's name contains `needle` (case- and accent-insensitive); columns are
/// those of the stays table aliased `s`.
pub fn stays(needle: &str, first: usize) -> (String, Vec<Value>) {
    if needle.chars().count() < MIN_SUBSTRING {
        return (
            format!("s.guest_name LIKE ?{first} ESCAPE '\\'"),
            vec![Value::Text(super::list::like_pattern(needle))],
        );
    }
    (
        format!("s.rowid IN (SELECT rowid FROM stays_search WHERE stays_search MATCH ?{first})"),
        vec![Value::Text(format!("guest_name : {}", phrase(needle)))],
    )
}

/// The last four characters of an IBAN or a PAN, upper case; `Err` says what was wrong.
pub fn last4(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.chars().count() == 4 && t.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(t.to_ascii_uppercase())
    } else {
        Err(format!(
            "last4 must be the last 4 letters or digits of an IBAN or card number, got {text:?}"
        ))
    }
}

/// Accounts whose direct-debit IBAN or card PAN ends with `last4`.
pub fn accounts_last4(last4: String, first: usize) -> (String, Vec<Value>) {
    (
        format!(
            "(substr(pm_iban, -4) = ?{first} OR pm_token IN (SELECT token FROM card_tokens WHERE substr(pan, -4) = ?{first}))"
        ),
        vec![Value::Text(last4)],
    )
}

/// Wallets whose medium reference starts with `prefix` (letters compared in upper case, as
/// references are written).
pub fn wallets_medium(prefix: &str, first: usize) -> (String, Vec<Value>) {
    let mut glob = String::new();
    for c in prefix.trim().to_uppercase().chars() {
        match c {
            '*' | '?' | '[' => {
                glob.push('[');
                glob.push(c);
                glob.push(']');
            }
            c => glob.push(c),
        }
    }
    glob.push('*');
    (format!("medium_ref GLOB ?{first}"), vec![Value::Text(glob)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_and_phones() {
        assert_eq!(phrase("a\"b"), "\"a\"\"b\"");
        assert_eq!(phone_digits("06 12 34").as_deref(), Some("061234"));
        assert_eq!(phone_digits("martin"), None);
        assert_eq!(phone_digits("12"), None);
        assert!(last4("1234").is_ok());
        assert_eq!(last4(" ab12 ").unwrap(), "AB12");
        assert!(last4("12345").is_err());
        assert!(last4("12-4").is_err());
        assert_eq!(
            wallets_medium("br-1*", 1).1,
            vec![Value::Text("BR-1[*]*".into())]
        );
    }
}
