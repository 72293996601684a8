//! The search parameters the sandbox adds to its lists (an extension: the providers'
//! documents define none), as SQL conditions that read an index: term tables (each word of
//! a customer's or a stay's texts, folded; `assets/migrations/004_search.sql`) searched by
//! prefix, expression indexes for last fours, a column index for medium references.

use super::http::Paging;
use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};

/// The longest search text a parameter takes, in characters (a longer one is a 400).
pub const MAX_TEXT: usize = 200;
/// The longest medium reference, as a wallet holds it.
pub const MAX_MEDIUM: usize = 64;

/// `text` if it is at most `max` characters long, else what to say.
pub fn at_most(name: &str, text: &str, max: usize) -> Result<(), String> {
    if text.chars().count() > max {
        Err(format!("{name} is longer than {max} characters"))
    } else {
        Ok(())
    }
}

/// Rows a search asks for per kind (the console's search box shows this many).
pub const RESULTS_PER_GROUP: u32 = 10;

/// Lower case with the accents of the seed's names removed, spaces collapsed; other
/// characters kept.
pub fn fold(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                super::seed_data::ascii_fold(&c.to_string())
                    .chars()
                    .next()
                    .unwrap_or(c)
            }
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The digits of a text that looks like a phone number (digits, spaces, `+ - . ( ) /`).
fn phone_digits(text: &str) -> Option<String> {
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()/".contains(c));
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    (phone_like && !digits.is_empty()).then_some(digits)
}

/// The terms a customer is found by: the whole name and each of its words, the whole email,
/// the phone's digits (with and without the country code) and the external id (whole and
/// its number). The email's own words are left out: they repeat the name's, and would
/// double what a common name finds.
fn customer_terms(name: &str, email: &str, phone: &str, external_id: &str) -> Vec<String> {
    let mut terms = vec![fold(name), fold(email), fold(external_id)];
    terms.extend(fold(name).split_whitespace().map(str::to_string));
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    // `+33 6 12 34 56 78`: the national number is what follows the first group.
    let national: String = phone
        .split_once(' ')
        .map(|(_, rest)| rest.chars().filter(char::is_ascii_digit).collect())
        .unwrap_or_default();
    terms.extend([digits, national]);
    if let Some((_, number)) = external_id.split_once('-') {
        terms.push(number.to_string());
    }
    terms.retain(|t| !t.is_empty());
    terms.sort();
    terms.dedup();
    terms
}

/// The terms a stay is found by: the guest's whole name and each of its words.
fn stay_terms(guest: &str) -> Vec<String> {
    let mut terms = vec![fold(guest)];
    terms.extend(fold(guest).split_whitespace().map(str::to_string));
    terms.sort();
    terms.dedup();
    terms
}

/// Fills the term tables from the customers and stays when they are empty (after the first
/// seeding, after a reset, or in a database made before them).
pub fn build_terms(conn: &Connection) -> rusqlite::Result<()> {
    let filled: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM customer_terms)", [], |r| {
        r.get(0)
    })?;
    if filled {
        return Ok(());
    }
    let mut keys = Vec::new();
    let mut terms = Vec::new();
    let mut stmt =
        conn.prepare("SELECT rowid, name, id, email, phone, external_id FROM customers")?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let row: i64 = r.get(0)?;
        let (name, id) = (r.get_ref(1)?.as_str()?, r.get_ref(2)?.as_str()?);
        terms.push((
            row,
            customer_terms(
                name,
                r.get_ref(3)?.as_str()?,
                r.get_ref(4)?.as_str()?,
                r.get_ref(5)?.as_str()?,
            ),
        ));
        keys.push((name.to_string(), id.to_string()));
    }
    drop(q);
    insert_terms(conn, "customer_terms", ranked(keys, terms))?;
    let mut keys = Vec::new();
    let mut terms = Vec::new();
    let mut stmt = conn.prepare("SELECT rowid, guest_name, id FROM stays")?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let guest = r.get_ref(1)?.as_str()?;
        terms.push((r.get(0)?, stay_terms(guest)));
        keys.push((guest.to_string(), r.get_ref(2)?.as_str()?.to_string()));
    }
    drop(q);
    insert_terms(conn, "stay_terms", ranked(keys, terms))
}

/// The term rows (term, row, rank) in key order, each row ranked by its (name, id): the
/// order of a search by name, compared byte by byte as SQLite compares text.
fn ranked(keys: Vec<(String, String)>, terms: Vec<(i64, Vec<String>)>) -> Vec<(String, i64, i64)> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|a, b| keys[*a].cmp(&keys[*b]));
    let mut rank = vec![0i64; keys.len()];
    for (r, at) in order.into_iter().enumerate() {
        rank[at] = r as i64;
    }
    let mut rows: Vec<(String, i64, i64)> = terms
        .into_iter()
        .zip(rank)
        .flat_map(|((row, terms), rank)| terms.into_iter().map(move |t| (t, row, rank)))
        .collect();
    rows.sort_unstable();
    rows
}

/// Rows a statement of [`insert_terms`] writes at once: fewer statements to step through,
/// well under SQLite's limit of arguments.
const ROWS_PER_INSERT: usize = 100;

/// Inserts term rows, in key order (the fast way into a B-tree), many per statement.
fn insert_terms(
    conn: &Connection,
    table: &str,
    rows: Vec<(String, i64, i64)>,
) -> rusqlite::Result<()> {
    let values = |n: usize| vec!["(?, ?, ?)"; n].join(", ");
    let mut many = conn.prepare(&format!(
        "INSERT INTO {table} VALUES {}",
        values(ROWS_PER_INSERT)
    ))?;
    let mut chunks = rows.chunks_exact(ROWS_PER_INSERT);
    let mut args: Vec<rusqlite::types::ToSqlOutput<'_>> = Vec::with_capacity(3 * ROWS_PER_INSERT);
    for chunk in &mut chunks {
        args.clear();
        for (term, row, rank) in chunk {
            args.push(term.as_str().into());
            args.push((*row).into());
            args.push((*rank).into());
        }
        many.execute(params_from_iter(args.iter()))?;
    }
    let mut one = conn.prepare(&format!("INSERT INTO {table} VALUES (?1, ?2, ?3)"))?;
    for (term, row, rank) in chunks.remainder() {
        one.execute(params![term, row, rank])?;
    }
    Ok(())
}

/// The range of terms starting with `prefix`.
fn range(prefix: &str) -> (Value, Value) {
    (
        Value::Text(prefix.to_string()),
        Value::Text(format!("{prefix}\u{10FFFF}")),
    )
}

/// Customers with a word of their name, email, phone or external id (or the whole of one)
/// starting with `needle`, case and accents aside; a phone number matches on its digits,
/// with or without the country code or a leading 0. The condition and its arguments,
/// numbered from `?{first}`.
pub fn customers(needle: &str, first: usize) -> (String, Vec<Value>) {
    let (cond, args) = customer_terms_where(needle, first);
    (
        format!("rowid IN (SELECT customer FROM customer_terms WHERE {cond})"),
        args,
    )
}

/// The prefixes a customer search looks up: the folded text, and for a phone-like text its
/// digits with and without leading zeros.
fn customer_prefixes(needle: &str) -> Vec<String> {
    let mut prefixes = vec![fold(needle.trim())];
    if let Some(digits) = phone_digits(needle) {
        let national = digits.trim_start_matches('0').to_string();
        prefixes.push(digits);
        prefixes.push(national);
    }
    prefixes.retain(|p| !p.is_empty());
    prefixes.sort();
    prefixes.dedup();
    prefixes
}

/// Whether `term` is in the range of terms starting with `prefix`, compared as SQLite
/// compares text (byte by byte).
fn in_range(term: &str, prefix: &str) -> bool {
    let (lo, hi) = range(prefix);
    matches!((lo, hi), (Value::Text(lo), Value::Text(hi)) if term >= lo.as_str() && term < hi.as_str())
}

/// What [`customers`] finds, decided for one customer from her own texts, without the
/// term tables: the definition the indexed search is checked against.
pub fn customer_matches(
    needle: &str,
    name: &str,
    email: &str,
    phone: &str,
    external_id: &str,
) -> bool {
    let prefixes = customer_prefixes(needle);
    customer_terms(name, email, phone, external_id)
        .iter()
        .any(|t| prefixes.iter().any(|p| in_range(t, p)))
}

/// What [`stays`] finds, decided for one guest name without the term tables.
pub fn stay_matches(needle: &str, guest: &str) -> bool {
    let prefix = fold(needle.trim());
    stay_terms(guest).iter().any(|t| in_range(t, &prefix))
}

/// The condition on `customer_terms` behind [`customers`].
pub fn customer_terms_where(needle: &str, first: usize) -> (String, Vec<Value>) {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    for p in customer_prefixes(needle) {
        let n = first + args.len();
        conds.push(format!("(term >= ?{n} AND term < ?{})", n + 1));
        let (lo, hi) = range(&p);
        args.extend([lo, hi]);
    }
    (format!("({})", conds.join(" OR ")), args)
}

/// Stays with a word of the guest's name (or the whole name) starting with `needle`, case
/// and accents aside; columns are those of the stays table aliased `s`.
pub fn stays(needle: &str, first: usize) -> (String, Vec<Value>) {
    let (cond, args) = stay_terms_where(needle, first);
    (
        format!("s.rowid IN (SELECT stay FROM stay_terms WHERE {cond})"),
        args,
    )
}

/// The condition on `stay_terms` behind [`stays`].
pub fn stay_terms_where(needle: &str, first: usize) -> (String, Vec<Value>) {
    let (lo, hi) = range(&fold(needle.trim()));
    (
        format!("(term >= ?{first} AND term < ?{})", first + 1),
        vec![lo, hi],
    )
}

/// A page of what a term search found, sorted by name then id, read from the term table
/// alone (`table`, whose row column is `row`) in one pass over the range: the rowids in page
/// order, and the total. Only integers are read and sorted: each term row holds its row's
/// rank in that order.
pub fn page_by_name(
    conn: &Connection,
    table: &str,
    row: &str,
    cond: &str,
    args: &[Value],
    paging: &Paging,
) -> rusqlite::Result<(Vec<i64>, u64)> {
    let mut stmt = conn.prepare_cached(&format!("SELECT rank, {row} FROM {table} WHERE {cond}"))?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    let mut found: Vec<(i64, i64)> = Vec::new();
    while let Some(r) = rows.next()? {
        found.push((r.get(0)?, r.get(1)?));
    }
    // A row found by several of its terms has the same rank each time.
    found.sort_unstable();
    found.dedup();
    let total = found.len() as u64;
    if paging.desc {
        found.reverse();
    }
    let start = usize::try_from(paging.start()).unwrap_or(usize::MAX);
    let end = start.saturating_add(paging.size as usize).min(found.len());
    Ok((
        found
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .map(|(_, row)| *row)
            .collect(),
        total,
    ))
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
    fn terms_and_phones() {
        assert_eq!(fold("Élodie MARTÍN"), "elodie martin");
        assert_eq!(
            customer_terms(
                "Élodie Martin",
                "elodie.martin@example.fr",
                "+33 6 12 34 56 78",
                "C-000001"
            ),
            vec![
                "000001",
                "33612345678",
                "612345678",
                "c-000001",
                "elodie",
                "elodie martin",
                "elodie.martin@example.fr",
                "martin",
            ]
        );
        assert_eq!(
            stay_terms("Jean  Dubois"),
            vec!["dubois", "jean", "jean dubois"]
        );
        assert_eq!(phone_digits("06 12 34").as_deref(), Some("061234"));
        assert_eq!(phone_digits("martin"), None);
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
