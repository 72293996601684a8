//! The audit log: one JSON line per write attempt in `audit.jsonl` in the state directory,
//! synced to disk before the console reports success. Values in it are masked by the
//! caller; this module never sees a full IBAN, PAN or credential.

use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_width::UnicodeWidthStr;

use crate::config::Environment;
use crate::domain::Provider;
use crate::logging::{create_private_dir, open_private_append};

pub const AUDIT_FILE: &str = "audit.jsonl";

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
}

impl fmt::Display for AuditOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuditOutcome::Ok => "ok",
            AuditOutcome::Unknown => "unknown",
            AuditOutcome::Refused => "refused",
            AuditOutcome::ProviderCode(code) => code,
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
            _ => AuditOutcome::ProviderCode(s),
        })
    }
}

/// One write attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When the outcome was known, UTC.
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

/// Appends one line to `dir/audit.jsonl` (created 0600, `dir` 0700) and syncs it to disk
/// before returning, so that a success shown afterwards is on disk.
pub fn append(dir: &Path, entry: &AuditEntry) -> io::Result<()> {
    create_private_dir(dir)?;
    let mut line = serde_json::to_vec(entry).map_err(io::Error::other)?;
    line.push(b'\n');
    let mut file = open_private_append(&dir.join(AUDIT_FILE))?;
    // One write of the whole line: with O_APPEND, concurrent writers never interleave.
    file.write_all(&line)?;
    file.sync_data()
}

/// The last `n` entries, oldest first. A line that does not parse (a write torn by a
/// crash, a hand edit) is skipped. No file means no entries.
pub fn read_last(dir: &Path, n: usize) -> io::Result<Vec<AuditEntry>> {
    let bytes = match std::fs::read(dir.join(AUDIT_FILE)) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut entries: Vec<AuditEntry> = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .filter_map(|l| serde_json::from_slice(l).ok())
        .collect();
    let skip = entries.len().saturating_sub(n);
    Ok(entries.split_off(skip))
}

const HEADERS: [&str; 9] = [
    "TIME (UTC)",
    "USER",
    "PROFILE",
    "PROVIDER",
    "ACTION",
    "TARGETS",
    "KEY",
    "OUTCOME",
    "SUMMARY",
];

/// A plain-text table, one row per entry, columns padded to their widest cell.
pub fn render_table(entries: &[AuditEntry]) -> String {
    if entries.is_empty() {
        return "no write attempts recorded\n".to_owned();
    }
    let rows: Vec<[String; 9]> = entries
        .iter()
        .map(|e| {
            [
                e.time.format("%Y-%m-%d %H:%M:%S").to_string(),
                e.user.clone(),
                format!("{} ({})", e.profile, e.environment),
                e.provider.key().to_owned(),
                e.action.clone(),
                e.targets.join(","),
                e.key.clone().unwrap_or_else(|| "-".to_owned()),
                e.outcome.to_string(),
                e.summary.clone(),
            ]
            .map(|cell| printable(&cell))
        })
        .collect();
    let mut widths = HEADERS.map(UnicodeWidthStr::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let headers = HEADERS.map(str::to_owned);
    for row in std::iter::once(&headers).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.extend(std::iter::repeat_n(' ', w - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
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
        let table = render_table(&[e]);
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
