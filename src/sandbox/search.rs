//! The search parameters the sandbox adds to its lists (an extension: the providers'
//! documents define none), read from indexes: term tables (each word of a customer's or a
//! stay's texts, folded, with the counts of common prefixes;
//! `assets/migrations/006_search_counts.sql`) searched by prefix, expression indexes for
//! last fours, a column index for medium references.

use super::http::Paging;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

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
/// the phone's digits (with the country code, and the national number with and without its
/// leading 0) and the external id (whole and its number). The email's own words are left
/// out: they repeat the name's, and would double what a common name finds.
fn customer_terms(name: &str, email: &str, phone: &str, external_id: &str) -> Vec<String> {
    let mut terms = vec![fold(name), fold(email), fold(external_id)];
    terms.extend(fold(name).split_whitespace().map(str::to_string));
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    // `+33 6 12 34 56 78`: the national number is what follows the first group, written
    // `06 12 34 56 78` at home.
    let national: String = phone
        .split_once(' ')
        .map(|(_, rest)| rest.chars().filter(char::is_ascii_digit).collect())
        .unwrap_or_default();
    if !national.is_empty() && !national.starts_with('0') {
        terms.push(format!("0{national}"));
    }
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

/// A table of search terms: a row per (term, customer or stay), with the row's rank in name
/// order and how many bytes the term shares at its start with the same row's term just
/// before it (in byte order; 0 for its first). A row's terms starting with a prefix follow
/// one another, so exactly one of them (the first) shares fewer bytes than the prefix has
/// with the one before: reading only those counts and orders each row once, in SQL, with
/// no de-duplication. Prefixes found in many rows have their count kept in a second table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terms {
    Customers,
    Stays,
}

impl Terms {
    fn table(self) -> &'static str {
        match self {
            Terms::Customers => "customer_terms",
            Terms::Stays => "stay_terms",
        }
    }

    /// The column holding the searched table's rowid.
    fn row(self) -> &'static str {
        match self {
            Terms::Customers => "customer",
            Terms::Stays => "stay",
        }
    }

    /// The searched table's rows in name order, with what its terms are made from.
    fn walk(self, desc: bool) -> &'static str {
        match (self, desc) {
            (Terms::Customers, false) => {
                "SELECT rowid, name, email, phone, external_id FROM customers INDEXED BY customers_name ORDER BY name, id"
            }
            (Terms::Customers, true) => {
                "SELECT rowid, name, email, phone, external_id FROM customers INDEXED BY customers_name ORDER BY name DESC, id DESC"
            }
            (Terms::Stays, false) => {
                "SELECT rowid, guest_name FROM stays INDEXED BY stays_guest ORDER BY guest_name, id"
            }
            (Terms::Stays, true) => {
                "SELECT rowid, guest_name FROM stays INDEXED BY stays_guest ORDER BY guest_name DESC, id DESC"
            }
        }
    }

    /// About how many rows the searched table has (rows are only added, by the seed).
    fn walk_size(self) -> &'static str {
        match self {
            Terms::Customers => "SELECT coalesce(max(rowid), 0) FROM customers",
            Terms::Stays => "SELECT coalesce(max(rowid), 0) FROM stays",
        }
    }

    fn counts(self) -> &'static str {
        match self {
            Terms::Customers => "customer_term_counts",
            Terms::Stays => "stay_term_counts",
        }
    }
}

/// The rows a prefix must be found in for its count to be kept: a rarer prefix is counted
/// from its few term rows.
const COUNTED_FROM: u64 = 256;

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
    fill(conn, Terms::Customers, ranked(keys, terms))?;
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
    fill(conn, Terms::Stays, ranked(keys, terms))
}

/// One row of a term table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct TermRow {
    term: String,
    row: i64,
    rank: i64,
    /// Bytes shared with the same row's term before it.
    shared: usize,
}

/// The number of bytes `a` and `b` share at their start.
fn common_start(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// The term rows in key order, each row ranked by its (name, id): the order of a search by
/// name, compared byte by byte as SQLite compares text. `terms` are each row's sorted terms.
fn ranked(keys: Vec<(String, String)>, terms: Vec<(i64, Vec<String>)>) -> Vec<TermRow> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|a, b| keys[*a].cmp(&keys[*b]));
    let mut rank = vec![0i64; keys.len()];
    for (r, at) in order.into_iter().enumerate() {
        rank[at] = r as i64;
    }
    let mut rows: Vec<TermRow> = Vec::new();
    for ((row, terms), rank) in terms.into_iter().zip(rank) {
        let mut before = "";
        for term in &terms {
            rows.push(TermRow {
                term: term.clone(),
                row,
                rank,
                shared: common_start(before, term),
            });
            before = term;
        }
    }
    rows.sort_unstable();
    rows
}

/// Each prefix (ending on a character) of the terms found in at least `at_least` rows, with
/// that number. `rows` are in term order: the terms starting with a prefix follow one
/// another, so one pass keeps a count per length of the current term's prefixes, and a
/// prefix is complete once a term no longer starts with it. A row adds one to its term's
/// prefixes longer than what the term shares with the row's previous term: those its
/// earlier terms did not start with.
fn counted_prefixes(rows: &[TermRow], at_least: u64) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    // `counts[k - 1]`: the rows found so far by the current term's first `k` bytes.
    let mut counts: Vec<u64> = Vec::new();
    let mut current = "";
    let mut complete = |current: &str, counts: &mut Vec<u64>, keep: usize| {
        for k in (keep + 1..=counts.len()).rev() {
            if counts[k - 1] >= at_least && current.is_char_boundary(k) {
                out.push((current[..k].to_string(), counts[k - 1]));
            }
        }
        counts.truncate(keep);
    };
    for r in rows {
        complete(current, &mut counts, common_start(current, &r.term));
        counts.resize(r.term.len(), 0);
        for c in counts.iter_mut().skip(r.shared) {
            *c += 1;
        }
        current = &r.term;
    }
    complete(current, &mut counts, 0);
    out.sort_unstable();
    out
}

/// Rows a statement of [`fill`] writes at once: fewer statements to step through, well
/// under SQLite's limit of arguments.
const ROWS_PER_INSERT: usize = 100;

/// Writes a term table (in key order, the fast way into a B-tree, many rows per statement)
/// and its counted prefixes.
fn fill(conn: &Connection, terms: Terms, rows: Vec<TermRow>) -> rusqlite::Result<()> {
    let table = terms.table();
    let values = |n: usize| vec!["(?, ?, ?, ?)"; n].join(", ");
    let mut many = conn.prepare(&format!(
        "INSERT INTO {table} VALUES {}",
        values(ROWS_PER_INSERT)
    ))?;
    let mut chunks = rows.chunks_exact(ROWS_PER_INSERT);
    let mut args: Vec<rusqlite::types::ToSqlOutput<'_>> = Vec::with_capacity(4 * ROWS_PER_INSERT);
    for chunk in &mut chunks {
        args.clear();
        for r in chunk {
            args.push(r.term.as_str().into());
            args.push(r.row.into());
            args.push(r.rank.into());
            args.push((r.shared as i64).into());
        }
        many.execute(params_from_iter(args.iter()))?;
    }
    let mut one = conn.prepare(&format!("INSERT INTO {table} VALUES (?1, ?2, ?3, ?4)"))?;
    for r in chunks.remainder() {
        one.execute(params![r.term, r.row, r.rank, r.shared as i64])?;
    }
    let mut count = conn.prepare(&format!("INSERT INTO {} VALUES (?1, ?2)", terms.counts()))?;
    for (prefix, n) in counted_prefixes(&rows, COUNTED_FROM) {
        count.execute(params![prefix, n as i64])?;
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

/// The prefix a customer search looks up: for a phone-like text its digits (the terms hold
/// a phone with its country code and without, with its leading 0 and without), else the
/// folded text.
pub fn customer_prefix(needle: &str) -> String {
    phone_digits(needle).unwrap_or_else(|| fold(needle.trim()))
}

/// The prefix a stay search looks up: the folded text.
pub fn stay_prefix(needle: &str) -> String {
    fold(needle.trim())
}

/// Whether `term` is in the range of terms starting with `prefix`, compared as SQLite
/// compares text (byte by byte).
fn in_range(term: &str, prefix: &str) -> bool {
    let (lo, hi) = range(prefix);
    matches!((lo, hi), (Value::Text(lo), Value::Text(hi)) if term >= lo.as_str() && term < hi.as_str())
}

/// What a customer search finds, decided for one customer from her own texts, without the
/// term tables: the definition the indexed search is checked against.
pub fn customer_matches(
    needle: &str,
    name: &str,
    email: &str,
    phone: &str,
    external_id: &str,
) -> bool {
    let prefix = customer_prefix(needle);
    customer_terms(name, email, phone, external_id)
        .iter()
        .any(|t| in_range(t, &prefix))
}

/// What a stay search finds, decided for one guest name without the term tables.
pub fn stay_matches(needle: &str, guest: &str) -> bool {
    let prefix = stay_prefix(needle);
    stay_terms(guest).iter().any(|t| in_range(t, &prefix))
}

/// The condition on a term table that finds each row with a term starting with `prefix`
/// once (by its first such term), and its arguments, numbered from `?{first}`.
fn once_per_row(prefix: &str, first: usize) -> (String, Vec<Value>) {
    let (lo, hi) = range(prefix);
    (
        format!(
            "term >= ?{first} AND term < ?{} AND shared < ?{}",
            first + 1,
            first + 2
        ),
        vec![lo, hi, Value::Integer(prefix.len() as i64)],
    )
}

/// Rows of the searched table (customers, or stays aliased `s`) with a term starting with
/// `prefix`: a condition on `rowid` and its arguments, numbered from `?{first}`, for the
/// sorts a term table holds no order for.
pub fn rows_with(terms: Terms, prefix: &str, first: usize) -> (String, Vec<Value>) {
    let (cond, args) = once_per_row(prefix, first);
    let rowid = match terms {
        Terms::Customers => "rowid",
        Terms::Stays => "s.rowid",
    };
    (
        format!(
            "{rowid} IN (SELECT {} FROM {} WHERE {cond})",
            terms.row(),
            terms.table()
        ),
        args,
    )
}

/// How many rows have a term starting with `prefix`: kept for a common prefix, counted from
/// the term rows for a rare one.
pub fn count(conn: &Connection, terms: Terms, prefix: &str) -> rusqlite::Result<u64> {
    let kept: Option<i64> = conn
        .prepare_cached(&format!(
            "SELECT found FROM {} WHERE prefix = ?1",
            terms.counts()
        ))?
        .query_row([prefix], |r| r.get(0))
        .optional()?;
    let n = match kept {
        Some(n) => n,
        None => {
            let (cond, args) = once_per_row(prefix, 1);
            conn.prepare_cached(&format!(
                "SELECT count(*) FROM {} WHERE {cond}",
                terms.table()
            ))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?
        }
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// A page of what a term search found, sorted by name then id: the searched table's rowids
/// in page order, and the total. A prefix found in many rows is looked for by walking the
/// rows in name order, each judged by the search's own definition, when few rows should
/// need reading; otherwise (or when the rows found are bunched further on) SQLite reads the
/// term rows in range keeping only the page (ordered by the rank each holds).
pub fn page_by_name(
    conn: &Connection,
    terms: Terms,
    prefix: &str,
    paging: &Paging,
) -> rusqlite::Result<(Vec<i64>, u64)> {
    let total = count(conn, terms, prefix)?;
    let wanted = paging.start().saturating_add(u64::from(paging.size));
    if total >= COUNTED_FROM {
        let rows: i64 = conn
            .prepare_cached(terms.walk_size())?
            .query_row([], |r| r.get(0))?;
        let expected = wanted.saturating_mul(u64::try_from(rows).unwrap_or(0)) / total;
        if expected <= WALKED_AT_MOST {
            // Rows bunched by name can hide the page further on: read up to about what
            // reading the term rows instead would cost (a row read here costs some thirty
            // term rows).
            let budget = (expected.saturating_mul(4).saturating_add(wanted)).max(total / 30);
            if let Some(rows) = walk(conn, terms, prefix, paging, budget)? {
                return Ok((rows, total));
            }
        }
    }
    let (cond, mut args) = once_per_row(prefix, 1);
    let n = args.len();
    args.extend([
        Value::Integer(i64::from(paging.size)),
        Value::Integer(i64::try_from(paging.start()).unwrap_or(i64::MAX)),
    ]);
    let rows = conn
        .prepare_cached(&format!(
            "SELECT {} FROM {} WHERE {cond} ORDER BY rank {} LIMIT ?{} OFFSET ?{}",
            terms.row(),
            terms.table(),
            if paging.desc { "DESC" } else { "ASC" },
            n + 1,
            n + 2
        ))?
        .query_map(params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok((rows, total))
}

/// The rows a walk in name order is expected to read, at most, for it to be tried.
const WALKED_AT_MOST: u64 = 100;

/// The page's rowids found by reading the searched table in name order (by its index on
/// name and id) and judging each row by [`customer_matches`]' or [`stay_matches`]' terms;
/// `None` when `budget` rows were read first.
fn walk(
    conn: &Connection,
    terms: Terms,
    prefix: &str,
    paging: &Paging,
    budget: u64,
) -> rusqlite::Result<Option<Vec<i64>>> {
    let mut stmt = conn.prepare_cached(terms.walk(paging.desc))?;
    let mut rows = stmt.query([])?;
    let (skip, size) = (paging.start(), u64::from(paging.size));
    let (mut read, mut found, mut page) = (0u64, 0u64, Vec::new());
    while let Some(r) = rows.next()? {
        if read == budget {
            return Ok(None);
        }
        read += 1;
        let text = |i: usize| r.get_ref(i).and_then(|v| Ok(v.as_str()?));
        let row_terms = match terms {
            Terms::Customers => customer_terms(text(1)?, text(2)?, text(3)?, text(4)?),
            Terms::Stays => stay_terms(text(1)?),
        };
        if row_terms.iter().any(|t| in_range(t, prefix)) {
            if found >= skip {
                page.push(r.get(0)?);
            }
            found += 1;
            if found == skip.saturating_add(size) {
                break;
            }
        }
    }
    Ok(Some(page))
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
                "0612345678",
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
        assert_eq!(customer_prefix(" +33 6 12 "), "33612");
        assert_eq!(customer_prefix("Élodie MAR"), "elodie mar");
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

    /// Rows with these terms, ranked in the order given.
    fn rows_of(terms: &[&[&str]]) -> Vec<TermRow> {
        let keys = (0..terms.len())
            .map(|i| (format!("{i:03}"), String::new()))
            .collect();
        let terms = terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut t: Vec<String> = t.iter().map(|s| s.to_string()).collect();
                t.sort();
                t.dedup();
                (i as i64, t)
            })
            .collect();
        ranked(keys, terms)
    }

    #[test]
    fn each_row_is_found_once_by_its_first_term_with_the_prefix() {
        let rows = rows_of(&[
            &["martin", "martine", "martin.x@ex", "elodie"],
            &["martinez", "ana"],
            &["marc", "é"],
        ]);
        for prefix in ["m", "mar", "mart", "martin", "martine", "e", "é", "a", "z"] {
            let once: Vec<i64> = rows
                .iter()
                .filter(|r| in_range(&r.term, prefix) && r.shared < prefix.len())
                .map(|r| r.row)
                .collect();
            let mut distinct: Vec<i64> = rows
                .iter()
                .filter(|r| in_range(&r.term, prefix))
                .map(|r| r.row)
                .collect();
            distinct.sort();
            distinct.dedup();
            let mut sorted = once.clone();
            sorted.sort();
            assert_eq!(sorted, distinct, "{prefix}");
        }
    }

    #[test]
    fn counted_prefixes_are_the_distinct_rows_of_every_common_prefix() {
        // Terms drawn from a few words, so prefixes are shared within and across rows.
        let words = [
            "martin", "mar", "marc", "élodie", "elo", "e", "ma", "é", "zoé",
        ];
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let table: Vec<Vec<&str>> = (0..60)
            .map(|_| {
                (0..1 + next() % 4)
                    .map(|_| words[next() % words.len()])
                    .collect()
            })
            .collect();
        let refs: Vec<&[&str]> = table.iter().map(Vec::as_slice).collect();
        let rows = rows_of(&refs);
        let counted = counted_prefixes(&rows, 5);
        // Every prefix of every term, by brute force.
        let mut all: Vec<String> = Vec::new();
        for r in &rows {
            for (k, _) in r.term.char_indices().skip(1) {
                all.push(r.term[..k].to_string());
            }
            all.push(r.term.clone());
        }
        all.sort();
        all.dedup();
        let mut expected = Vec::new();
        for p in all {
            let mut found: Vec<i64> = rows
                .iter()
                .filter(|r| r.term.starts_with(p.as_str()))
                .map(|r| r.row)
                .collect();
            found.sort();
            found.dedup();
            if found.len() >= 5 {
                expected.push((p, found.len() as u64));
            }
        }
        assert!(expected.len() > 5, "{expected:?}");
        assert_eq!(counted, expected);
    }
}
