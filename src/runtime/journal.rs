//! Reading the audit journal for a customer's case: the writes whose targets name one of
//! the ids the app asked about, as the app's `JournalLine`s, oldest first.

#![expect(
    clippy::result_large_err,
    reason = "ApiError is the domain's plain-data error every reply carries"
)]

use crate::app::case::JournalLine;
use crate::audit;
use crate::domain::{ApiError, ErrorKind, Provider};
use std::path::Path;

/// The journal's writes about `ids` (compared without regard to case). No journal yet
/// means no lines; a journal that cannot be read is a local error naming the folder.
pub fn lines_about(dir: &Path, ids: &[String]) -> Result<Vec<JournalLine>, ApiError> {
    let entries = audit::writes(dir).map_err(|e| {
        ApiError::new(
            Provider::Mascustomers,
            ErrorKind::Local,
            format!("the audit journal in {} cannot be read: {e}", dir.display()),
        )
    })?;
    Ok(entries
        .into_iter()
        .filter(|e| {
            e.targets
                .iter()
                .any(|t| ids.iter().any(|id| id.eq_ignore_ascii_case(t)))
        })
        .map(|e| JournalLine {
            state: e.state(),
            time: e.time,
            user: e.user,
            provider: e.provider,
            action: e.action,
            targets: e.targets,
            summary: e.summary,
        })
        .collect())
}

/// Reads the journal off the event loop's thread.
pub async fn read_about(
    dir: Option<std::path::PathBuf>,
    ids: Vec<String>,
) -> Result<Vec<JournalLine>, ApiError> {
    let Some(dir) = dir else {
        return Ok(Vec::new());
    };
    tokio::task::spawn_blocking(move || lines_about(&dir, &ids))
        .await
        .unwrap_or_else(|e| {
            Err(ApiError::new(
                Provider::Mascustomers,
                ErrorKind::Local,
                format!("reading the audit journal stopped: {e}"),
            ))
        })
}
