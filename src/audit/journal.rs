//! The journal on disk: one JSON record per line, each carrying its sequence number and the
//! SHA-256 of the line before it, appended under a lock and synced; rotated past a size
//! without breaking the chain; and the check of that chain (`guichet audit verify`).

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{AuditEntry, AuditOutcome};
use crate::config::Environment;
use crate::domain::Provider;
use crate::logging::{create_private_dir, open_private_append};

pub const AUDIT_FILE: &str = "audit.jsonl";

/// Past this size the journal moves to `audit.N.jsonl` and a new file goes on the chain.
pub const ROTATE_BYTES: u64 = 8 * 1024 * 1024;

/// The `prev` of the very first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A write about to be sent: on disk before the request leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intent {
    /// Ties the intent to its outcome and resolution.
    pub write: String,
    pub user: String,
    pub profile: String,
    pub environment: Environment,
    pub provider: Provider,
    pub action: String,
    pub targets: Vec<String>,
    pub key: Option<String>,
    /// The request as the confirmation showed it, masked.
    pub request: String,
    /// The keyed digest (`digest`) of the sensitive value sent, an IBAN: what tells a
    /// re-read value from another with the same masked form. Absent in older journals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// What a later re-read found out about a write whose outcome was unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolution {
    #[serde(rename = "applied")]
    Applied,
    #[serde(rename = "not applied")]
    NotApplied,
}

impl std::fmt::Display for Resolution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Resolution::Applied => "applied",
            Resolution::NotApplied => "not applied",
        })
    }
}

/// Masked data shown in clear on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reveal {
    pub user: String,
    pub profile: String,
    pub environment: Environment,
    /// What it belongs to, e.g. `account 7f3c…`.
    pub resource: String,
    /// `iban`, `card_number`…
    pub field: String,
    pub reason: Option<String>,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    Intent(Intent),
    Outcome {
        write: String,
        outcome: AuditOutcome,
    },
    Resolved {
        write: String,
        resolved: Resolution,
    },
    /// A whole attempt in one line: one refused before sending.
    Attempt(AuditEntry),
    Reveal(Reveal),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Line {
    seq: u64,
    prev: String,
    /// When the line was written (an attempt's own `time` is when it was made).
    at: DateTime<Utc>,
    #[serde(flatten)]
    record: Record,
}

/// The chain's fields alone, for reading lines of any kind.
#[derive(Deserialize)]
struct Link {
    seq: u64,
    prev: String,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The journal's files, oldest first: `audit.1.jsonl`, `audit.2.jsonl`, …, `audit.jsonl`.
pub fn files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut rotated: Vec<(u64, PathBuf)> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let n = name.strip_prefix("audit.")?.strip_suffix(".jsonl")?;
                Some((n.parse().ok()?, e.path()))
            })
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    rotated.sort();
    let mut all: Vec<PathBuf> = rotated.into_iter().map(|(_, p)| p).collect();
    let current = dir.join(AUDIT_FILE);
    if current.exists() {
        all.push(current);
    }
    Ok(all)
}

fn read(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    File::open(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Every line of every file, oldest first, with the file and line number it came from.
pub fn lines(dir: &Path) -> io::Result<Vec<(PathBuf, usize, Vec<u8>)>> {
    let mut out = Vec::new();
    for path in files(dir)? {
        let bytes = read(&path)?;
        for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if !line.is_empty() {
                out.push((path.clone(), i + 1, line.to_vec()));
            }
        }
    }
    Ok(out)
}

/// Every record that parses, oldest first, with its time.
pub fn records(dir: &Path) -> io::Result<Vec<(DateTime<Utc>, Record)>> {
    Ok(lines(dir)?
        .into_iter()
        .filter_map(|(_, _, l)| serde_json::from_slice::<Line>(&l).ok())
        .map(|l| (l.at, l.record))
        .collect())
}

/// The last line on the chain, whichever file holds it.
fn last_line(dir: &Path) -> io::Result<Option<Vec<u8>>> {
    for path in files(dir)?.iter().rev() {
        let bytes = read(path)?;
        if let Some(line) = bytes.split(|b| *b == b'\n').rev().find(|l| !l.is_empty()) {
            return Ok(Some(line.to_vec()));
        }
    }
    Ok(None)
}

/// Appends `record` to the chain and syncs it to disk before returning. A lock on the file
/// keeps two consoles of the same user from forking the chain.
pub fn append_record(dir: &Path, record: Record) -> io::Result<()> {
    append_with(dir, record, ROTATE_BYTES)
}

pub fn append_with(dir: &Path, record: Record, rotate_bytes: u64) -> io::Result<()> {
    create_private_dir(dir)?;
    let lock = open_private_append(&dir.join(".audit.lock"))?;
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive)?;
    let (seq, prev) = match last_line(dir)? {
        Some(line) => {
            let seq = serde_json::from_slice::<Link>(&line).map_or(0, |l| l.seq);
            (seq + 1, sha256_hex(&line))
        }
        None => (1, GENESIS.to_owned()),
    };
    let line = Line {
        seq,
        prev,
        at: Utc::now(),
        record,
    };
    let mut bytes = serde_json::to_vec(&line).map_err(io::Error::other)?;
    bytes.push(b'\n');
    let path = dir.join(AUDIT_FILE);
    let mut file = open_private_append(&path)?;
    // A line torn by a crash gets no continuation: the new line starts on its own.
    let len = file.metadata()?.len();
    if len > 0 && !ends_with_newline(&path)? {
        bytes.insert(0, b'\n');
    }
    file.write_all(&bytes)?;
    file.sync_data()?;
    if len + bytes.len() as u64 > rotate_bytes {
        let n = files(dir)?.len();
        std::fs::rename(&path, dir.join(format!("audit.{n}.jsonl")))?;
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

fn ends_with_newline(path: &Path) -> io::Result<bool> {
    use std::io::{Seek, SeekFrom};
    let mut f = File::open(path)?;
    f.seek(SeekFrom::End(-1))?;
    let mut b = [0u8];
    f.read_exact(&mut b)?;
    Ok(b[0] == b'\n')
}

/// What `guichet audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every line is on the chain.
    Ok { lines: usize },
    /// The first place where the chain breaks, e.g. `audit.jsonl:12: …`.
    Broken { at: String, what: String },
}

/// Walks the whole chain, every file in order, and reports the first line that was changed,
/// removed or inserted. (Lines cut off the end leave no trace in a chain; the count says
/// how many there are.)
pub fn verify(dir: &Path) -> io::Result<Verdict> {
    let mut prev: Option<(u64, Vec<u8>, String)> = None;
    let all = lines(dir)?;
    let count = all.len();
    for (path, n, line) in all {
        let name = path
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        let at = format!("{name}:{n}");
        let broken = |what: String| {
            Ok(Verdict::Broken {
                at: at.clone(),
                what,
            })
        };
        let Ok(link) = serde_json::from_slice::<Link>(&line) else {
            return broken("changed: not a journal record (or cut off by a crash)".into());
        };
        match &prev {
            None if link.seq != 1 => {
                return broken(format!(
                    "{} line(s) removed before it (it is number {})",
                    link.seq.saturating_sub(1),
                    link.seq
                ));
            }
            None if link.prev != GENESIS => {
                return broken("changed: the first line must start the chain".into());
            }
            None => {}
            Some((seq, bytes, at_prev)) => {
                if link.seq > seq + 1 {
                    return broken(format!(
                        "{} line(s) removed before it (numbers {}–{} are missing)",
                        link.seq - seq - 1,
                        seq + 1,
                        link.seq - 1
                    ));
                }
                if link.seq <= *seq {
                    return broken(format!(
                        "inserted: its number {} repeats or goes back (previous {seq})",
                        link.seq
                    ));
                }
                if link.prev != sha256_hex(bytes) {
                    return Ok(Verdict::Broken {
                        at: at_prev.clone(),
                        what: format!("changed: its hash no longer matches the one in {at}"),
                    });
                }
            }
        }
        prev = Some((link.seq, line, at));
    }
    Ok(Verdict::Ok { lines: count })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reveal(field: &str) -> Record {
        Record::Reveal(Reveal {
            user: "ann".into(),
            profile: "prod".into(),
            environment: Environment::Production,
            resource: "account a-1".into(),
            field: field.into(),
            reason: None,
        })
    }

    fn journal_of(n: usize) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().expect("tempdir");
        for i in 0..n {
            append_record(tmp.path(), reveal(&format!("f{i}"))).expect("append");
        }
        tmp
    }

    fn edit(dir: &Path, f: impl FnOnce(&mut Vec<String>)) {
        let path = dir.join(AUDIT_FILE);
        let text = std::fs::read_to_string(&path).expect("read");
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        f(&mut lines);
        std::fs::write(&path, lines.join("\n") + "\n").expect("write");
    }

    fn broken_at(dir: &Path) -> (String, String) {
        match verify(dir).expect("verify") {
            Verdict::Broken { at, what } => (at, what),
            Verdict::Ok { lines } => panic!("chain whole ({lines} lines)"),
        }
    }

    #[test]
    fn a_whole_chain_verifies_with_its_count() {
        let tmp = journal_of(5);
        assert_eq!(
            verify(tmp.path()).expect("verify"),
            Verdict::Ok { lines: 5 }
        );
        let empty = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            verify(empty.path()).expect("verify"),
            Verdict::Ok { lines: 0 }
        );
    }

    #[test]
    fn a_changed_line_is_named() {
        let tmp = journal_of(5);
        // The field's value itself, not any "f2" a hash or a time may contain.
        edit(tmp.path(), |l| {
            l[2] = l[2].replace("\"field\":\"f2\"", "\"field\":\"f9\"");
        });
        let (at, what) = broken_at(tmp.path());
        assert_eq!(at, "audit.jsonl:3");
        assert!(what.starts_with("changed"), "{what}");
    }

    #[test]
    fn a_removed_line_is_named() {
        let tmp = journal_of(5);
        edit(tmp.path(), |l| {
            l.remove(1);
        });
        let (at, what) = broken_at(tmp.path());
        assert_eq!(at, "audit.jsonl:2");
        assert!(what.contains("1 line(s) removed"), "{what}");
        let first = journal_of(3);
        edit(first.path(), |l| {
            l.remove(0);
        });
        assert_eq!(broken_at(first.path()).0, "audit.jsonl:1");
    }

    #[test]
    fn an_inserted_line_is_named() {
        let tmp = journal_of(4);
        edit(tmp.path(), |l| {
            let copy = l[1].clone();
            l.insert(2, copy);
        });
        let (at, what) = broken_at(tmp.path());
        assert_eq!(at, "audit.jsonl:3");
        assert!(what.starts_with("inserted"), "{what}");
        let junk = journal_of(2);
        edit(junk.path(), |l| l.insert(1, "{\"kind\":\"reveal\"}".into()));
        assert_eq!(broken_at(junk.path()).0, "audit.jsonl:2");
    }

    #[test]
    fn rotation_keeps_the_chain() {
        let tmp = tempfile::tempdir().expect("tempdir");
        for i in 0..10 {
            append_with(tmp.path(), reveal(&format!("f{i}")), 600).expect("append");
        }
        let files = files(tmp.path()).expect("files");
        assert!(files.len() > 2, "{files:?}");
        assert_eq!(
            verify(tmp.path()).expect("verify"),
            Verdict::Ok { lines: 10 }
        );
        assert_eq!(records(tmp.path()).expect("records").len(), 10);
        // A rotated file removed breaks the chain where the next one starts.
        std::fs::remove_file(&files[0]).expect("remove");
        assert!(broken_at(tmp.path()).1.contains("removed"));
    }

    #[test]
    fn a_line_torn_by_a_crash_is_reported_and_the_next_starts_fresh() {
        let tmp = journal_of(2);
        let mut f = open_private_append(&tmp.path().join(AUDIT_FILE)).expect("open");
        f.write_all(br#"{"seq":3,"prev":"ab"#).expect("write");
        append_record(tmp.path(), reveal("after")).expect("append");
        assert_eq!(records(tmp.path()).expect("records").len(), 3);
        assert_eq!(broken_at(tmp.path()).0, "audit.jsonl:3");
    }

    #[test]
    fn an_intent_with_a_digest_chains_and_one_of_an_older_journal_still_reads() {
        let tmp = tempfile::tempdir().expect("tempdir");
        // A line written before intents kept a digest: no `digest` field.
        let old = r#"{"seq":1,"prev":"0000000000000000000000000000000000000000000000000000000000000000","at":"2026-11-01T10:00:00Z","kind":"intent","write":"w0","user":"ann","profile":"prod","environment":"production","provider":"mascustomers","action":"payment_method.change","targets":["a-1"],"key":null,"request":"PATCH /x {}"}"#;
        std::fs::write(tmp.path().join(AUDIT_FILE), format!("{old}\n")).expect("write");
        let intent = Intent {
            write: "w1".into(),
            user: "ann".into(),
            profile: "prod".into(),
            environment: Environment::Production,
            provider: Provider::Mascustomers,
            action: "payment_method.change".into(),
            targets: vec!["a-1".into()],
            key: None,
            request: "PATCH /x {}".into(),
            digest: Some("hmac-sha256:00ff".into()),
        };
        append_record(tmp.path(), Record::Intent(intent)).expect("append");
        let read = records(tmp.path()).expect("records");
        let digests: Vec<Option<String>> = read
            .iter()
            .map(|(_, r)| match r {
                Record::Intent(i) => i.digest.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(digests, vec![None, Some("hmac-sha256:00ff".into())]);
        assert_eq!(
            verify(tmp.path()).expect("verify"),
            Verdict::Ok { lines: 2 }
        );
    }
}
