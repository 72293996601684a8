//! The audit journal: a write-ahead record of every write (its intent on disk before the
//! request leaves, then its outcome, then what a re-read found), every reveal of masked
//! data, each line chained to the one before by its SHA-256 (see `journal`). Values in it
//! are masked by the caller; this module never sees a full IBAN, PAN or credential.

pub mod digest;
pub mod journal;

use std::fmt;
use std::io;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_width::UnicodeWidthStr;

use crate::config::Environment;
use crate::domain::Provider;
pub use journal::{AUDIT_FILE, Intent, Record, Resolution, Reveal, Verdict, verify};

/// What came of a write attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditOutcome {
    /// The provider confirmed it.
    Ok,
    /// The provider refused it with this code (`"110"`, `"WALLET_NOT_FOUND"`, `"0003"`…).
    ProviderCode(String),
    /// A timeout or a 5xx: it may or may not have happened.
    Unknown,
    /// The console refused it before sending (read-only profile, failed validation).
    Refused,
    /// The provider accepted it and changed nothing, e.g. `already open, wallet w-1`.
    NoOp(String),
    /// Its intent is on disk and nothing after it: the process stopped during the write.
    Pending,
}

impl fmt::Display for AuditOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuditOutcome::Ok => "ok",
            AuditOutcome::Unknown => "unknown",
            AuditOutcome::Refused => "refused",
            AuditOutcome::Pending => "no outcome",
            AuditOutcome::ProviderCode(code) => code,
            AuditOutcome::NoOp(what) => return write!(f, "no-op: {what}"),
        })
    }
}

impl Serialize for AuditOutcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AuditOutcome {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match s.as_str() {
            "ok" => AuditOutcome::Ok,
            "unknown" => AuditOutcome::Unknown,
            "refused" => AuditOutcome::Refused,
            "no outcome" => AuditOutcome::Pending,
            _ => match s.strip_prefix("no-op: ") {
                Some(what) => AuditOutcome::NoOp(what.to_owned()),
                None => AuditOutcome::ProviderCode(s),
            },
        })
    }
}

/// One write attempt with its final state (as `guichet audit` shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When it was attempted, UTC.
    pub time: DateTime<Utc>,
    /// OS user running the console (from the process's uid).
    pub user: String,
    pub profile: String,
    pub environment: Environment,
    pub provider: Provider,
    /// What was attempted, e.g. `cancel_promotion`, `open_wallet`, `create_moneyout`.
    pub action: String,
    /// Ids of the resources concerned (customer, account, wallet…).
    pub targets: Vec<String>,
    /// Correlation id or idempotency key sent with the request, if any.
    pub key: Option<String>,
    pub outcome: AuditOutcome,
    /// Human summary with masked values only, e.g. `IBAN FR76 •••• 0189, 12.50 EUR`.
    pub summary: String,
    /// What a re-read found after an unknown outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolution>,
}

impl AuditEntry {
    /// An entry stamped now, for the current OS user.
    pub fn now(
        profile: impl Into<String>,
        environment: Environment,
        provider: Provider,
        action: impl Into<String>,
        outcome: AuditOutcome,
    ) -> AuditEntry {
        AuditEntry {
            time: Utc::now(),
            user: current_user(),
            profile: profile.into(),
            environment,
            provider,
            action: action.into(),
            targets: Vec::new(),
            key: None,
            outcome,
            summary: String::new(),
            resolved: None,
        }
    }

    /// The final state in a few words: `ok`, `110`, `unknown → applied`, `no outcome`.
    pub fn state(&self) -> String {
        match self.resolved {
            Some(r) => format!("{} → {r}", self.outcome),
            None => self.outcome.to_string(),
        }
    }
}

/// The OS user: the name of the process's uid (from `/etc/passwd`, looked up once), else
/// `$USER` or `$LOGNAME` where there is no uid to read, else `unknown`.
pub fn current_user() -> String {
    static USER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    USER.get_or_init(lookup_user).clone()
}

fn lookup_user() -> String {
    // The process's own uid first: `$USER` is only a claim anyone can set.
    uid_user()
        .or_else(|| {
            ["USER", "LOGNAME"]
                .into_iter()
                .filter_map(|v| std::env::var(v).ok())
                .find(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The name of the process's uid (from `/etc/passwd`), or `uid N` when it has none.
#[cfg(target_os = "linux")]
fn uid_user() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let name = passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id: u32 = fields.nth(1)?.parse().ok()?;
        (id == uid).then(|| name.to_owned())
    });
    Some(name.unwrap_or_else(|| format!("uid {uid}")))
}

#[cfg(not(target_os = "linux"))]
fn uid_user() -> Option<String> {
    None
}

/// Appends a whole attempt (intent and outcome at once: a refusal, nothing sent) to the
/// journal in `dir` (created 0700, files 0600), synced to disk before returning.
pub fn append(dir: &Path, entry: &AuditEntry) -> io::Result<()> {
    journal::append_record(dir, Record::Attempt(entry.clone()))
}

/// One row per write, oldest first, each with its final state: an intent followed by its
/// outcome and any resolution. A line that does not parse is skipped (`verify` reports it).
pub fn writes(dir: &Path) -> io::Result<Vec<AuditEntry>> {
    let mut rows: Vec<AuditEntry> = Vec::new();
    // Where each write's row is, so an outcome finds its intent at once.
    let mut by_write: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (time, record) in journal::records(dir)? {
        match record {
            Record::Intent(i) => {
                by_write.insert(i.write, rows.len());
                rows.push(AuditEntry {
                    time,
                    user: i.user,
                    profile: i.profile,
                    environment: i.environment,
                    provider: i.provider,
                    action: i.action,
                    targets: i.targets,
                    key: i.key,
                    outcome: AuditOutcome::Pending,
                    summary: i.request,
                    resolved: None,
                });
            }
            Record::Outcome { write, outcome } => {
                if let Some(e) = by_write.get(&write).and_then(|&i| rows.get_mut(i)) {
                    e.outcome = outcome;
                }
            }
            Record::Resolved { write, resolved } => {
                if let Some(e) = by_write.get(&write).and_then(|&i| rows.get_mut(i)) {
                    e.resolved = Some(resolved);
                }
            }
            Record::Attempt(e) => rows.push(e),
            Record::Reveal(_) => {}
        }
    }
    Ok(rows)
}

/// The last `n` writes, oldest first. No journal means no entries.
pub fn read_last(dir: &Path, n: usize) -> io::Result<Vec<AuditEntry>> {
    let mut entries = writes(dir)?;
    let skip = entries.len().saturating_sub(n);
    Ok(entries.split_off(skip))
}

/// Writes whose intent is on disk with no outcome after it: the process stopped while they
/// were under way, and only a re-read can tell whether they happened.
pub fn intents_without_outcome(dir: &Path) -> io::Result<Vec<AuditEntry>> {
    Ok(writes(dir)?
        .into_iter()
        .filter(|e| e.outcome == AuditOutcome::Pending)
        .collect())
}

/// Intents with nothing after them, neither an outcome nor a resolution, with when they
/// were written: the writes a start-up must tell about (the process stopped during them).
pub fn unfinished_intents(dir: &Path) -> io::Result<Vec<(DateTime<Utc>, Intent)>> {
    let mut open: Vec<(DateTime<Utc>, Intent)> = Vec::new();
    for (time, record) in journal::records(dir)? {
        match record {
            Record::Intent(i) => open.push((time, i)),
            Record::Outcome { write, .. } | Record::Resolved { write, .. } => {
                open.retain(|(_, i)| i.write != write);
            }
            Record::Attempt(_) | Record::Reveal(_) => {}
        }
    }
    Ok(open)
}

/// The id of the latest write of `action` on `targets` (and `key`, when given) whose
/// outcome is unknown or missing and not yet resolved: what a re-read settles.
pub fn unsettled_write(
    dir: &Path,
    action: &str,
    targets: &[String],
    key: Option<&str>,
) -> io::Result<Option<String>> {
    let mut found = None;
    for (_, record) in journal::records(dir)? {
        match record {
            Record::Intent(i)
                if i.action == action
                    && i.targets == targets
                    && (key.is_none() || i.key.as_deref() == key) =>
            {
                found = Some((i.write, true));
            }
            Record::Outcome { write, outcome } => {
                if let Some((w, open)) = &mut found
                    && *w == write
                {
                    *open = outcome == AuditOutcome::Unknown;
                }
            }
            Record::Resolved { write, .. } => {
                if let Some((w, open)) = &mut found
                    && *w == write
                {
                    *open = false;
                }
            }
            _ => {}
        }
    }
    Ok(found.and_then(|(w, open)| open.then_some(w)))
}

const HEADERS: [&str; 9] = [
    "TIME (UTC)",
    "USER",
    "PROFILE",
    "PROVIDER",
    "ACTION",
    "TARGETS",
    "OUTCOME",
    "KEY",
    "SUMMARY",
];

/// The table's width: it fits a standard terminal unless `--wide` asks for everything.
pub const TABLE_WIDTH: usize = 80;

/// A plain-text table, one row per write with its final state. By default it fits 80
/// columns: the key and summary are left out and wide cells are cut with `…` (the outcome
/// only when nothing else can give); `wide` shows every column in full. `--json` has every field.
pub fn render_table(entries: &[AuditEntry], wide: bool) -> String {
    if entries.is_empty() {
        return "no write attempts recorded\n".to_owned();
    }
    let columns = if wide { HEADERS.len() } else { 7 };
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            [
                e.time.format("%Y-%m-%d %H:%M").to_string(),
                e.user.clone(),
                format!("{} ({})", e.profile, e.environment),
                e.provider.key().to_owned(),
                e.action.clone(),
                e.targets.join(","),
                e.state(),
                e.key.clone().unwrap_or_else(|| "-".to_owned()),
                e.summary.clone(),
            ]
            .iter()
            .take(columns)
            .map(|cell| printable(cell))
            .collect()
        })
        .collect();
    let headers: Vec<String> = HEADERS
        .iter()
        .take(columns)
        .map(|h| (*h).to_owned())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    if !wide {
        // Shrink the widest of user, profile, action and targets until a row fits (two
        // spaces between columns); time and provider stay whole.
        let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * (w.len() - 1);
        while total(&widths) > TABLE_WIDTH {
            let Some(i) = [1, 2, 4, 5]
                .into_iter()
                .filter(|&i| widths[i] > HEADERS[i].width().max(4))
                .max_by_key(|&i| widths[i])
            else {
                break;
            };
            widths[i] -= 1;
        }
        // Still too wide (a long no-op detail): the outcome's tail goes last.
        let over = total(&widths).saturating_sub(TABLE_WIDTH);
        widths[6] = widths[6].saturating_sub(over).max(HEADERS[6].width());
    }
    let mut out = String::new();
    for row in std::iter::once(&headers).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            let cell = cut(cell, *w);
            line.push_str(&cell);
            if i + 1 < row.len() {
                line.extend(std::iter::repeat_n(' ', w - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `s` cut to `width` columns, with `…` when something was cut.
fn cut(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The file is written by us but may be edited by hand: escape control characters so a
/// line cannot move the cursor or change colours on the reader's terminal.
fn printable(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logging::open_private_append;
    use std::io::Write;

    fn entry(action: &str, outcome: AuditOutcome) -> AuditEntry {
        let mut e = AuditEntry::now(
            "staging",
            Environment::Staging,
            Provider::Pxlhub,
            action,
            outcome,
        );
        e.targets = vec!["w-1".to_owned()];
        e.key = Some("corr-1".to_owned());
        e.summary = "refund of wallet w-1".to_owned();
        e
    }

    #[cfg(unix)]
    #[test]
    fn append_creates_private_file_and_dir() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("state");
        append(&dir, &entry("refund_wallet", AuditOutcome::Ok)).expect("append");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&dir.join(AUDIT_FILE)), 0o600);
        assert_eq!(mode(&dir), 0o700);
    }

    #[test]
    fn lines_parse_back_in_order() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let outcomes = [
            AuditOutcome::Ok,
            AuditOutcome::ProviderCode("110".to_owned()),
            AuditOutcome::Unknown,
            AuditOutcome::Refused,
        ];
        let written: Vec<AuditEntry> = outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| entry(&format!("action_{i}"), o.clone()))
            .collect();
        for e in &written {
            append(tmp.path(), e).expect("append");
        }
        let text = std::fs::read_to_string(tmp.path().join(AUDIT_FILE)).expect("read");
        assert_eq!(text.lines().count(), 4);
        assert!(
            text.lines()
                .nth(1)
                .is_some_and(|l| l.contains(r#""outcome":"110""#))
        );
        assert_eq!(read_last(tmp.path(), 10).expect("read"), written);
        assert_eq!(read_last(tmp.path(), 2).expect("read"), written[2..]);
    }

    #[test]
    fn torn_last_line_is_skipped() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let first = entry("open_wallet", AuditOutcome::Ok);
        append(tmp.path(), &first).expect("append");
        let mut file = open_private_append(&tmp.path().join(AUDIT_FILE)).expect("open");
        file.write_all(br#"{"time":"2026-11-21T05:00:00Z","user":"ann","prof"#)
            .expect("write");
        assert_eq!(read_last(tmp.path(), 5).expect("read"), vec![first]);
        assert!(
            read_last(&tmp.path().join("none"), 5)
                .expect("read")
                .is_empty()
        );
    }

    #[test]
    fn table_aligns_and_escapes() {
        let mut e = entry("cancel_promotion", AuditOutcome::Unknown);
        e.summary = "evil\u{1b}[31m".to_owned();
        let table = render_table(&[e], true);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("TIME (UTC)"));
        assert!(lines[1].contains("staging (staging)  pxlhub"));
        assert!(lines[1].contains("unknown"));
        assert!(!table.contains('\u{1b}'));
        let col = lines[0].find("OUTCOME").expect("header");
        assert_eq!(lines[1].get(col..col + 7), Some("unknown"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_user_is_the_process_uid_not_the_environment() {
        use std::os::unix::fs::MetadataExt;
        let uid = std::fs::metadata("/proc/self").unwrap().uid();
        let user = current_user();
        let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
        let expected = passwd
            .lines()
            .find(|l| l.split(':').nth(2) == Some(uid.to_string().as_str()))
            .and_then(|l| l.split(':').next())
            .map(str::to_owned)
            .unwrap_or_else(|| format!("uid {uid}"));
        assert_eq!(user, expected);
    }
}
