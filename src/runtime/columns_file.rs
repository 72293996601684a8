//! The lists' column choices on disk: `columns.json` in the state folder, replaced whole (a
//! temporary file renamed over it), read at start. A missing file is the registry's
//! defaults; a broken one is the defaults and one sentence saying so (the file kept aside as
//! `columns.json.broken`), never a failure to start.

use crate::app::columns::{ColumnChoices, ColumnsFile, FILE_VERSION};
use std::io::Write;
use std::path::{Path, PathBuf};

const FILE_NAME: &str = "columns.json";

/// Where the choices live in the state folder `dir`.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// The choices kept in `dir` (to be saved there again), and what went wrong reading them.
pub fn load(dir: &Path) -> (ColumnChoices, Option<String>) {
    let path = path_in(dir);
    let defaults = || ColumnChoices::from_file(ColumnsFile::default(), Some(path.clone()));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (defaults(), None),
        Err(e) => {
            return (
                defaults(),
                Some(format!(
                    "the column choices could not be read ({e}): the default columns are shown"
                )),
            );
        }
    };
    let problem = match serde_json::from_str::<ColumnsFile>(&text) {
        Ok(file) if file.version <= FILE_VERSION => {
            return (ColumnChoices::from_file(file, Some(path.clone())), None);
        }
        Ok(file) => format!("version {} is newer than this guichet's", file.version),
        Err(e) => format!("unreadable at line {}", e.line()),
    };
    tracing::warn!(path = %path.display(), "column choices: {problem}");
    // Kept aside, so the next save does not lose what a person may mend.
    let aside = dir.join(format!("{FILE_NAME}.broken"));
    let kept = match std::fs::rename(&path, &aside) {
        Ok(()) => format!(" (kept as {FILE_NAME}.broken)"),
        Err(_) => String::new(),
    };
    (
        defaults(),
        Some(format!(
            "{FILE_NAME} is {problem}: the default columns are shown{kept}"
        )),
    )
}

/// Replaces the file at `path` with `file`: written aside first, then renamed over the old
/// one, so a crash leaves the old choices or the new ones, never half.
pub fn save(path: &Path, file: &ColumnsFile) -> Result<(), String> {
    let write = || -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            crate::logging::create_private_dir(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
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
        out.sync_all()?;
        drop(out);
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        tracing::warn!(path = %path.display(), "column choices not saved: {e}");
        format!("the column choices could not be saved in the state folder: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::resources::{Customers, Res};

    #[test]
    fn choices_round_trip_and_a_missing_folder_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let (empty, problem) = load(&dir.path().join("nowhere"));
        assert_eq!(empty.to_file().panes.len(), 0);
        assert!(problem.is_none());
        let customers = Res::of::<Customers>();
        let mut choices = ColumnChoices::default();
        let mut arranged = choices.arranged(customers);
        arranged.swap(0, 1);
        arranged[2].1 = false;
        choices.set(customers, &arranged);
        let sub = dir.path().join("state");
        save(&path_in(&sub), &choices.to_file()).unwrap();
        let (back, problem) = load(&sub);
        assert!(problem.is_none());
        assert_eq!(back.arranged(customers), arranged);
        assert_eq!(back.file, Some(path_in(&sub)));
        assert!(!sub.join("columns.json.tmp").exists());
        // Named by key, not by the header a later build may rename.
        let text = std::fs::read_to_string(path_in(&sub)).unwrap();
        assert!(text.contains("\"version\": 2"), "{text}");
        assert!(text.contains("\"external_id\"") && !text.contains("External id"));
    }

    /// The customers' columns as read from `text` in `columns.json`, by title.
    fn customers_read_from(text: &str) -> Vec<(&'static str, bool)> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(path_in(dir.path()), text).unwrap();
        let (choices, problem) = load(dir.path());
        assert_eq!(problem, None);
        let customers = Res::of::<Customers>();
        let columns = customers.columns();
        choices
            .arranged(customers)
            .into_iter()
            .map(|(i, shown)| (columns[i].title, shown))
            .collect()
    }

    #[test]
    fn a_file_of_titles_from_an_earlier_version_keeps_its_choice() {
        let old = r#"{"version": 1, "panes": {"customers": {
            "order": ["Phone", "Name", "Id"], "hidden": ["Email"]}}}"#;
        let new = r#"{"version": 2, "panes": {"customers": {
            "order": ["phone", "name", "id"], "hidden": ["email"]}}}"#;
        let read = customers_read_from(old);
        assert_eq!(read, customers_read_from(new));
        assert_eq!(
            &read[..3],
            [("Phone", true), ("Name", true), ("Accounts", true)]
        );
        assert!(read.contains(&("Email", false)), "{read:?}");
    }

    #[test]
    fn a_key_this_build_does_not_have_is_ignored() {
        let read = customers_read_from(
            r#"{"version": 2, "panes": {"customers": {
                "order": ["fax", "phone", "name", "Email"], "hidden": ["fax", "Email"]}}}"#,
        );
        // Titles are not keys in a file of keys: `Email` names nothing and stays shown.
        // Id, which the file does not name, follows Phone, the column before it.
        assert_eq!(&read[..3], [("Phone", true), ("Id", true), ("Name", true)]);
        assert!(read.iter().all(|(_, shown)| *shown), "{read:?}");
        assert_eq!(read.len(), Res::of::<Customers>().columns().len());
    }

    #[test]
    fn a_broken_file_is_the_defaults_and_one_sentence() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(path_in(dir.path()), "{ \"version\": 1, \"panes\": [").unwrap();
        let (choices, problem) = load(dir.path());
        let customers = Res::of::<Customers>();
        assert_eq!(
            choices.shown(customers),
            (0..customers.columns().len()).collect::<Vec<_>>()
        );
        let problem = problem.expect("said once");
        assert!(
            problem.starts_with("columns.json is unreadable"),
            "{problem}"
        );
        assert!(
            problem.ends_with("(kept as columns.json.broken)"),
            "{problem}"
        );
        assert!(dir.path().join("columns.json.broken").exists());
        assert_eq!(choices.file, Some(path_in(dir.path())), "saved there again");
    }
}
