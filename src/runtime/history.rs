//! The `:` box's history on disk: `goto_history` in the state folder, one text a line,
//! oldest first. A missing or unreadable file is an empty history, never an error; the file
//! is replaced whole (written aside, then renamed), owner-only like the log.

use crate::app::search_box::History;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the history lives in the state folder `dir`.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join("goto_history")
}

/// The history kept at `path` (empty when there is none or it cannot be read), to be saved
/// there again.
pub fn load(path: &Path) -> History {
    let bytes = std::fs::read(path).unwrap_or_default();
    let mut history = History::from_lines(&String::from_utf8_lossy(&bytes));
    history.file = Some(path.to_path_buf());
    history
}

/// Replaces the file at `path` with `text`.
pub fn save(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
    }
    let aside = path.with_extension("tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&aside)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&aside, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_broken_file_is_an_empty_history_and_a_saved_one_comes_back() {
        let dir = tempfile::tempdir().expect("dir");
        let path = path_in(&dir.path().join("state"));
        assert!(load(&path).entries.is_empty());
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, [0xff, 0xfe, b'\n', b'a', b'\n']).expect("write");
        assert_eq!(
            load(&path).entries.len(),
            2,
            "undecodable bytes are replaced, not fatal"
        );
        let mut h = load(&path);
        h.entries.clear();
        h.push("martin");
        h.push("1234");
        save(&path, &h.to_lines()).expect("save");
        assert_eq!(load(&path).entries, ["martin", "1234"]);
        assert_eq!(load(&path).file.as_deref(), Some(path.as_path()));
    }
}
