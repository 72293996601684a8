//! What an export asks of the runtime (open the file, write rows, finish or discard it) and
//! what the runtime tells it back (rows written, the file complete, the file discarded), as
//! data. The app decides which pages to read and when to stop; the runtime only writes.

use super::export::{Format, Selection};
use super::resources::RowRef;
use chrono::{DateTime, Utc};

/// Identifies one export for as long as it runs.
pub type JobId = u64;

/// Rows handed to the file writer (shared, not copied).
#[derive(Debug, Clone)]
pub struct Rows(pub Vec<RowRef>);

impl PartialEq for Rows {
    fn eq(&self, other: &Rows) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(&other.0).all(|(a, b)| a.same(b.as_ref()))
    }
}

/// An export's file operation, for the runtime.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportEffect {
    /// Tell the time (the proposed file name carries it): answered by [`ExportNote::Now`].
    Clock,
    /// Create `path` + [`PARTIAL`] and start the output (CSV header, JSON bracket).
    Open {
        job: JobId,
        path: String,
        format: Format,
        selection: Selection,
        /// Write IBANs and card numbers in clear (confirmed and journaled before).
        clear: bool,
    },
    /// Append rows, in order; answered by [`ExportNote::Written`].
    Rows { job: JobId, rows: Rows },
    /// End the output and give the file its name; answered by [`ExportNote::Finished`].
    Finish { job: JobId },
    /// Stop writing: the `.partial` file is kept (`keep`, after a failure, so what was read
    /// is not lost) or removed (a cancel); answered by [`ExportNote::Discarded`].
    Discard { job: JobId, keep: bool },
}

/// What an unfinished file is called until it is complete.
pub const PARTIAL: &str = ".partial";

/// What the runtime says about an export (or the app to itself, for a retry).
#[derive(Debug, Clone, PartialEq)]
pub enum ExportNote {
    /// The time now, for the proposed file name.
    Now(DateTime<Utc>),
    /// Rows written so far, and the milliseconds since the file was opened.
    Written {
        job: JobId,
        rows: u64,
        elapsed_ms: u64,
    },
    /// The file is complete under its name, or could not be written (the reason).
    Finished {
        job: JobId,
        result: Result<String, String>,
    },
    /// The unfinished file was kept under this name (`Some`) or removed (`None`).
    Discarded { job: JobId, kept: Option<String> },
    /// Ask page `page` again (a 429 asked to wait).
    Retry { job: JobId, page: u32 },
}
