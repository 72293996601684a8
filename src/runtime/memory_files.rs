//! The recent items and the pins on disk: one small JSON file each in the state folder
//! (`recent.json`, `pins.json`), replaced atomically (a temporary file renamed over it), read
//! at start. A missing file is an empty list; a broken one is an empty list and a sentence
//! saying so (the file kept aside as `….broken`), never a failure to start.

use super::executor::{QueryRunner, ReplyFuture};
use crate::app::effect::Query;
use crate::app::memory_items::{ItemsFile, ListKind, Remembered};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A runner that also keeps the remembered lists in a folder; queries go to `inner`.
pub struct Remembering {
    inner: Arc<dyn QueryRunner>,
    dir: PathBuf,
}

impl Remembering {
    pub fn new(inner: Arc<dyn QueryRunner>, dir: PathBuf) -> Remembering {
        Remembering { inner, dir }
    }
}

impl QueryRunner for Remembering {
    fn run(&self, query: Query) -> ReplyFuture {
        self.inner.run(query)
    }

    fn remember(&self, list: ListKind, file: &ItemsFile) -> Result<(), String> {
        save(&self.dir, list, file)
    }
}

/// Reads both lists from `dir`; what could not be read is said in the returned sentences.
pub fn load(dir: &Path) -> (Remembered, Vec<String>) {
    let mut remembered = Remembered::default();
    let mut problems = Vec::new();
    for list in [ListKind::Recent, ListKind::Pins] {
        let path = dir.join(list.file_name());
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                problems.push(format!(
                    "{} could not be read ({e}): starting with none",
                    list.title()
                ));
                continue;
            }
        };
        match serde_json::from_str::<ItemsFile>(&text) {
            Ok(file) => remembered.load(list, file.items),
            Err(e) => {
                tracing::warn!(path = %path.display(), "unreadable {}: {e}", list.title());
                // Kept aside, so the next save does not lose what a person may mend.
                let aside = dir.join(format!("{}.broken", list.file_name()));
                let kept = match std::fs::rename(&path, &aside) {
                    Ok(()) => format!(" (kept as {}.broken)", list.file_name()),
                    Err(_) => String::new(),
                };
                problems.push(format!(
                    "{} in {} are unreadable (line {}): starting with none{kept}",
                    list.title(),
                    list.file_name(),
                    e.line()
                ));
            }
        }
    }
    (remembered, problems)
}

/// Replaces the file of `list` in `dir` with `file`: written to a temporary file first, then
/// renamed over the old one, so a crash leaves the old list or the new one, never half.
pub fn save(dir: &Path, list: ListKind, file: &ItemsFile) -> Result<(), String> {
    let write = || -> std::io::Result<()> {
        crate::logging::create_private_dir(dir)?;
        let path = dir.join(list.file_name());
        let tmp = dir.join(format!("{}.tmp", list.file_name()));
        let text = serde_json::to_vec_pretty(file).map_err(std::io::Error::other)?;
        let mut options = std::fs::OpenOptions::new();
        options.create(true).write(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut out = options.open(&tmp)?;
        out.write_all(&text)?;
        out.write_all(b"\n")?;
        drop(out);
        std::fs::rename(&tmp, &path)
    };
    write().map_err(|e| {
        tracing::warn!(dir = %dir.display(), "{} not saved: {e}", list.title());
        format!(
            "{} could not be saved in the state folder: {e}",
            list.title()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::memory_items::{Item, ItemRef};

    fn item(id: &str) -> Item {
        Item {
            what: ItemRef::Wallet { id: id.into() },
            label: format!("Wallet {id}"),
        }
    }

    #[test]
    fn lists_round_trip_and_a_missing_folder_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let (empty, problems) = load(&dir.path().join("nowhere"));
        assert_eq!(empty, Remembered::default());
        assert!(problems.is_empty());
        let mut r = Remembered::default();
        r.put_first(ListKind::Recent, item("a"));
        r.put_first(ListKind::Pins, item("b"));
        let sub = dir.path().join("state");
        save(&sub, ListKind::Recent, &r.file(ListKind::Recent)).unwrap();
        save(&sub, ListKind::Pins, &r.file(ListKind::Pins)).unwrap();
        let (back, problems) = load(&sub);
        assert_eq!(back, r);
        assert!(problems.is_empty());
        assert!(!sub.join("recent.json.tmp").exists());
    }

    #[test]
    fn a_broken_file_is_an_empty_list_and_one_sentence() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("pins.json"), "{ not json").unwrap();
        let mut r = Remembered::default();
        r.put_first(ListKind::Recent, item("a"));
        save(dir.path(), ListKind::Recent, &r.file(ListKind::Recent)).unwrap();
        let (back, problems) = load(dir.path());
        assert_eq!(back.recent, r.recent);
        assert!(back.pins.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("pins.json"), "{problems:?}");
        assert!(
            problems[0].ends_with("(kept as pins.json.broken)"),
            "{problems:?}"
        );
        assert!(dir.path().join("pins.json.broken").exists());
    }
}
