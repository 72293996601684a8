//! An export, as pure state: the dialog that sets it up (what, which format, masked or in
//! clear, the file name) and the job that runs it — which pages to ask next (a few at a
//! time, never more than [`WINDOW`] pages between the provider and the disk), the pages that
//! came early, where the list ends, the rows written, the rate and the time left.

use super::confirm_guard::ConfirmGuard;
use super::effect::{PageQuery, Ticket, ViewId};
use super::export::Format;
use super::export_io::JobId;
use super::format::thousands;
use super::resources::{Params, Res, RowRef};
use crate::domain::{Page, PageRequest, Sort};
use std::collections::BTreeMap;
use tui_input::Input;

/// Rows per page an export asks for (the APIs' maximum).
pub const EXPORT_PAGE_SIZE: u32 = 200;

/// Pages asked for, waiting their turn or handed to the writer, at most: memory holds this
/// many pages and the provider sees this many requests at once.
pub const WINDOW: usize = 3;

/// How many times one page is asked again after a 429 before the export stops.
pub const MAX_RETRIES: u32 = 5;

/// Which rows an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportScope {
    /// The rows on screen.
    Page,
    /// The marked rows, from any page.
    Marked,
    /// Every page of the list (as filtered and sorted).
    All,
}

impl ExportScope {
    const ORDER: [ExportScope; 3] = [ExportScope::Page, ExportScope::Marked, ExportScope::All];
}

/// A row of the export dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogRow {
    Scope,
    Format,
    Masking,
    Name,
}

impl DialogRow {
    pub const ALL: [DialogRow; 4] = [
        DialogRow::Scope,
        DialogRow::Format,
        DialogRow::Masking,
        DialogRow::Name,
    ];
}

/// The extension of a format's files.
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Ndjson => "ndjson",
    }
}

/// What `x` opens: the export's choices, the file name proposed (resource and time, in the
/// current folder) and editable.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    pub view: ViewId,
    pub resource: Res,
    pub scope: ExportScope,
    pub format: Format,
    /// Write IBANs and card numbers in clear.
    pub clear: bool,
    pub name: Input,
    pub focus: DialogRow,
    /// The in-clear choice is being confirmed.
    pub confirming: bool,
    /// The confirmation's type-ahead guard, as a write confirmation's.
    pub guard: ConfirmGuard,
    /// The profile asks a reason for what is shown in clear: the confirmation asks it.
    pub asks_reason: bool,
    /// The reason typed in the confirmation (journaled with the export).
    pub reason: Input,
    /// What is wrong with the choices, or what the confirmation says of a key it ignored.
    pub error: Option<String>,
    /// Rows on screen, rows marked, and the list's total if the provider gives one.
    pub page_rows: usize,
    pub marked: usize,
    pub total: Option<u64>,
}

impl ExportDialog {
    /// The label of a scope, with its count: `this page (50 rows)`, `the whole list (2,134)`.
    pub fn scope_label(&self, scope: ExportScope) -> String {
        match scope {
            ExportScope::Page => format!("this page ({} rows)", thousands(self.page_rows as u64)),
            ExportScope::Marked => format!("marked rows ({})", thousands(self.marked as u64)),
            ExportScope::All => match self.total {
                Some(t) => format!("the whole list ({} rows)", thousands(t)),
                None => "the whole list (every page)".into(),
            },
        }
    }

    /// Whether this resource has fields that are masked by default.
    pub fn has_masked(&self) -> bool {
        !self.resource.clear_fields().is_empty()
    }

    /// Moves the choice on the focused row (`step` is +1 or -1).
    pub fn cycle(&mut self, step: isize) {
        self.error = None;
        match self.focus {
            DialogRow::Scope => {
                let i = ExportScope::ORDER.iter().position(|s| *s == self.scope);
                self.scope = ExportScope::ORDER[wrap(i, step, 3)];
            }
            DialogRow::Format => {
                const FORMATS: [Format; 3] = [Format::Csv, Format::Json, Format::Ndjson];
                let i = FORMATS.iter().position(|f| *f == self.format);
                let old = extension(self.format);
                self.format = FORMATS[wrap(i, step, 3)];
                // The name follows the format while it ends with the old extension.
                let name = self.name.value();
                if let Some(stem) = name.strip_suffix(&format!(".{old}")) {
                    self.name = Input::new(format!("{stem}.{}", extension(self.format)));
                }
            }
            DialogRow::Masking if self.has_masked() => self.clear = !self.clear,
            DialogRow::Masking | DialogRow::Name => {}
        }
    }

    /// Moves the focus to the next (+1) or previous (-1) row.
    pub fn move_focus(&mut self, step: isize) {
        let i = DialogRow::ALL.iter().position(|r| *r == self.focus);
        self.focus = DialogRow::ALL[wrap(i, step, DialogRow::ALL.len())];
    }

    /// The proposed name: `customers-20261201-234512.csv`.
    pub fn propose(&mut self, now: chrono::DateTime<chrono::Utc>) {
        self.name = Input::new(format!(
            "{}-{}.{}",
            self.resource.name(),
            now.format("%Y%m%d-%H%M%S"),
            extension(self.format)
        ));
    }

    /// What is wrong with the dialog as it stands, in the user's words.
    pub fn problem(&self) -> Option<String> {
        let name = self.name.value().trim();
        if name.is_empty() {
            return Some("type a file name".into());
        }
        if name.ends_with('/') {
            return Some("the name is a folder; add a file name".into());
        }
        match self.scope {
            ExportScope::Marked if self.marked == 0 => {
                Some("no rows are marked (space marks a row)".into())
            }
            ExportScope::Page if self.page_rows == 0 => Some("this page has no rows".into()),
            _ => None,
        }
    }
}

fn wrap(i: Option<usize>, step: isize, n: usize) -> usize {
    let i = i.unwrap_or(0) as isize;
    (i + step).rem_euclid(n as isize) as usize
}

/// Why a job is stopping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    Cancelled,
    /// A page could not be read or the file not written: the reason, for the screen.
    Failed(String),
}

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Reading pages and writing them.
    Running,
    /// Every row is handed to the writer; the file is being completed.
    Finishing,
    /// Stopped; the runtime is keeping or removing the unfinished file.
    Stopping(Stop),
}

/// A whole-list export under way (a page or marked rows are written at once, with no job
/// state beyond the file).
#[derive(Debug, Clone)]
pub struct ExportJob {
    pub id: JobId,
    /// The list it was started from (esc there cancels it).
    pub view: ViewId,
    pub resource: Res,
    pub path: String,
    pub format: Format,
    pub scope: ExportScope,
    pub clear: bool,
    params: Params,
    sort: Option<Sort>,
    /// Rows to write in all, when known (the provider's total, or the rows in hand).
    pub total_rows: Option<u64>,
    /// The index of the last page, once known.
    end: Option<u32>,
    next_ask: u32,
    next_write: u32,
    /// Pages asked for and not answered, by page index.
    pub asking: BTreeMap<u32, Ticket>,
    /// Pages answered before their turn.
    early: BTreeMap<u32, Page<RowRef>>,
    retries: BTreeMap<u32, u32>,
    /// Rows handed to the writer, and written (as the runtime said).
    pub sent_rows: u64,
    pub written_rows: u64,
    sent_batches: u32,
    written_batches: u32,
    pub elapsed_ms: u64,
    pub phase: Phase,
    /// Rows already in hand (a page, the marked rows), written in one batch.
    pub in_hand: Option<Vec<RowRef>>,
    /// The audit record of an export in clear, awaited before the file is opened.
    pub journal: Option<Ticket>,
}

/// What a job asks of the flow after an answer.
#[derive(Default)]
pub struct JobStep {
    /// Rows to hand to the writer, in order, one batch a page.
    pub write: Vec<Vec<RowRef>>,
    /// Every row has been handed over: finish the file.
    pub finish: bool,
    /// Tickets to cancel (pages past the end).
    pub cancel: Vec<Ticket>,
}

impl std::fmt::Debug for JobStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobStep")
            .field(
                "write",
                &self.write.iter().map(Vec::len).collect::<Vec<_>>(),
            )
            .field("finish", &self.finish)
            .field("cancel", &self.cancel)
            .finish()
    }
}

impl ExportJob {
    #[expect(
        clippy::too_many_arguments,
        reason = "one call site, in the export flow; each is a different part of the job"
    )]
    pub fn new(
        id: JobId,
        view: ViewId,
        resource: Res,
        path: String,
        format: Format,
        scope: ExportScope,
        clear: bool,
        params: Params,
        sort: Option<Sort>,
        total_rows: Option<u64>,
    ) -> ExportJob {
        let end = total_rows.map(|t| {
            let pages = t.div_ceil(u64::from(EXPORT_PAGE_SIZE)).max(1);
            u32::try_from(pages - 1).unwrap_or(u32::MAX)
        });
        ExportJob {
            id,
            view,
            resource,
            path,
            format,
            scope,
            clear,
            params,
            sort,
            total_rows,
            end,
            next_ask: 0,
            next_write: 0,
            asking: BTreeMap::new(),
            early: BTreeMap::new(),
            retries: BTreeMap::new(),
            sent_rows: 0,
            written_rows: 0,
            sent_batches: 0,
            written_batches: 0,
            elapsed_ms: 0,
            phase: Phase::Running,
            in_hand: None,
            journal: None,
        }
    }

    /// The query for page `page` of the list.
    pub fn query(&self, page: u32) -> PageQuery {
        PageQuery {
            view: self.view,
            resource: self.resource,
            params: self.params.clone(),
            page: PageRequest {
                page,
                size: EXPORT_PAGE_SIZE,
                sort: self.sort.clone(),
            },
            last: false,
        }
    }

    /// Pages handed to the writer and not yet written.
    fn unwritten(&self) -> usize {
        self.sent_batches.saturating_sub(self.written_batches) as usize
    }

    /// The pages to ask for now: the next ones, while the window has room and the end is not
    /// passed. The caller records each ticket with [`ExportJob::asked`].
    pub fn to_ask(&mut self) -> Vec<u32> {
        let mut out = Vec::new();
        if self.phase != Phase::Running || self.journal.is_some() || self.in_hand.is_some() {
            return out;
        }
        while self.asking.len() + self.early.len() + self.unwritten() + out.len() < WINDOW
            && self.end.is_none_or(|e| self.next_ask <= e)
        {
            out.push(self.next_ask);
            self.next_ask += 1;
        }
        out
    }

    /// Rows already in hand (a page, the marked rows) go to the writer in one batch.
    pub fn hand_over(&mut self, rows: u64) {
        self.sent_rows = rows;
        self.sent_batches = 1;
        self.total_rows = Some(rows);
        self.phase = Phase::Finishing;
    }

    pub fn asked(&mut self, page: u32, ticket: Ticket) {
        self.asking.insert(page, ticket);
    }

    /// Page `page` arrived: the pages now in turn go to the writer; a short or last page
    /// ends the list (pages asked past it are cancelled).
    pub fn accept(&mut self, page: u32, answer: Page<RowRef>) -> JobStep {
        let mut step = JobStep::default();
        self.asking.remove(&page);
        if self.phase != Phase::Running || page < self.next_write {
            return step;
        }
        if !answer.has_more || answer.items.is_empty() {
            self.end = Some(self.end.map_or(page, |e| e.min(page)));
        } else if self.end == Some(page) {
            // The list grew since its total was read: keep going until a page says last.
            self.end = None;
            if let Some(t) = answer.total {
                self.total_rows = Some(t);
            }
        }
        if let Some(t) = answer.total {
            self.total_rows = Some(t);
        }
        self.early.insert(page, answer);
        if let Some(end) = self.end {
            let past: Vec<u32> = self.asking.range(end + 1..).map(|(p, _)| *p).collect();
            for p in past {
                if let Some(t) = self.asking.remove(&p) {
                    step.cancel.push(t);
                }
            }
            self.early.retain(|p, _| *p <= end);
        }
        while let Some(next) = self.early.remove(&self.next_write) {
            self.next_write += 1;
            if !next.items.is_empty() {
                self.sent_rows += next.items.len() as u64;
                self.sent_batches += 1;
                step.write.push(next.items);
            }
        }
        if self.end.is_some_and(|e| self.next_write > e) {
            self.phase = Phase::Finishing;
            step.finish = true;
            self.total_rows = Some(self.sent_rows);
        }
        step
    }

    /// A 429 on page `page`: whether to ask it again (after the wait the provider asked).
    /// The page stays in the window while it waits.
    pub fn retry(&mut self, page: u32) -> bool {
        let n = self.retries.entry(page).or_insert(0);
        *n += 1;
        *n <= MAX_RETRIES
    }

    /// The runtime wrote rows: `rows` in all so far.
    pub fn written(&mut self, rows: u64, elapsed_ms: u64) {
        self.written_rows = rows;
        self.written_batches += 1;
        self.elapsed_ms = elapsed_ms;
    }

    /// Stops the job; the tickets still out are returned to cancel.
    pub fn stop(&mut self, why: Stop) -> Vec<Ticket> {
        self.phase = Phase::Stopping(why);
        self.early.clear();
        std::mem::take(&mut self.asking).into_values().collect()
    }

    /// Rows per second so far.
    pub fn rate(&self) -> Option<f64> {
        (self.elapsed_ms > 0 && self.written_rows > 0)
            .then(|| self.written_rows as f64 * 1000.0 / self.elapsed_ms as f64)
    }

    /// Seconds left at the rate so far, when the total is known.
    pub fn seconds_left(&self) -> Option<u64> {
        let total = self.total_rows?;
        let rate = self.rate()?;
        Some((total.saturating_sub(self.written_rows) as f64 / rate).ceil() as u64)
    }

    /// Done so far, from 0 to 1, when the total is known.
    pub fn ratio(&self) -> Option<f64> {
        let total = self.total_rows?;
        Some(if total == 0 {
            1.0
        } else {
            (self.written_rows as f64 / total as f64).min(1.0)
        })
    }

    /// `12,400 / 100,000 rows · 3,500 rows/s · 26 s left`, or `page 12 · 2,400 rows · …`.
    pub fn progress_text(&self) -> String {
        let mut parts = Vec::new();
        match self.total_rows {
            Some(t) => parts.push(format!(
                "{} / {} rows",
                thousands(self.written_rows),
                thousands(t)
            )),
            None => parts.push(format!(
                "page {} · {} rows",
                self.written_batches,
                thousands(self.written_rows)
            )),
        }
        if let Some(rate) = self.rate() {
            parts.push(format!("{} rows/s", thousands(rate.round() as u64)));
        }
        if let Some(left) = self.seconds_left() {
            parts.push(if left >= 60 {
                format!("{} min {:02} s left", left / 60, left % 60)
            } else {
                format!("{left} s left")
            });
        }
        parts.join(" · ")
    }
}

/// What the last export came to, shown under the list until esc or the next export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastExport {
    pub ok: bool,
    pub text: String,
}

/// The export dialog and the job under way (one at a time).
#[derive(Debug, Clone, Default)]
pub struct ExportSlot {
    pub dialog: Option<ExportDialog>,
    pub job: Option<ExportJob>,
    pub last: Option<LastExport>,
    next_job: JobId,
}

impl ExportSlot {
    pub fn next_id(&mut self) -> JobId {
        self.next_job += 1;
        self.next_job
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::resources::{Customers, Wallets, rows};

    fn page(n: u32, items: usize, total: Option<u64>, has_more: bool) -> Page<RowRef> {
        use crate::domain::cashless::{Wallet, WalletMode, WalletStatus};
        let wallets: Vec<Wallet> = (0..items)
            .map(|i| Wallet {
                id: format!("w{n}-{i}"),
                stay_id: "s".into(),
                establishment_id: "e".into(),
                mode: WalletMode::Prepaid,
                currency: crate::domain::Currency::EUR,
                balance: crate::domain::Cents(0),
                credit_limit: None,
                medium_ref: None,
                status: WalletStatus::Open,
                opened_at: chrono::DateTime::UNIX_EPOCH,
            })
            .collect();
        Page {
            items: rows::<Wallets>(wallets),
            page: n,
            size: EXPORT_PAGE_SIZE,
            total,
            has_more,
        }
    }

    fn job(total: Option<u64>) -> ExportJob {
        ExportJob::new(
            1,
            9,
            Res::of::<Customers>(),
            "c.csv".into(),
            Format::Csv,
            ExportScope::All,
            false,
            Vec::new(),
            None,
            total,
        )
    }

    #[test]
    fn a_few_pages_at_once_and_written_in_order() {
        let mut j = job(Some(1000));
        assert_eq!(j.to_ask(), vec![0, 1, 2], "the window");
        for (p, t) in [(0, 10), (1, 11), (2, 12)] {
            j.asked(p, t);
        }
        assert!(j.to_ask().is_empty());
        // Page 1 before page 0: it waits.
        let s = j.accept(1, page(1, 200, Some(1000), true));
        assert!(s.write.is_empty());
        let s = j.accept(0, page(0, 200, Some(1000), true));
        assert_eq!(s.write.len(), 2);
        assert_eq!(s.write[0][0].id(), "w0-0");
        assert_eq!(s.write[1][0].id(), "w1-0");
        // Two pages wait for the disk: one more page may be asked.
        assert!(
            j.to_ask().is_empty(),
            "2 unwritten + 1 asking fill the window"
        );
        j.written(200, 10);
        j.written(400, 20);
        assert_eq!(j.to_ask(), vec![3, 4]);
        assert_eq!(j.ratio(), Some(0.4));
        assert_eq!(j.rate(), Some(20_000.0));
        assert_eq!(j.seconds_left(), Some(1));
    }

    #[test]
    fn the_last_page_finishes_and_cancels_pages_past_it() {
        // No total (S-money): pages until one says it is the last.
        let mut j = job(None);
        for p in j.to_ask() {
            j.asked(p, u64::from(p) + 100);
        }
        let s = j.accept(0, page(0, 200, None, true));
        assert_eq!(s.write.len(), 1);
        j.written(200, 5);
        let s = j.accept(1, page(1, 30, None, false));
        assert_eq!(s.write.len(), 1);
        assert!(s.finish);
        assert_eq!(s.cancel, vec![102], "page 2 is past the end");
        assert_eq!(j.total_rows, Some(230));
        assert_eq!(j.phase, Phase::Finishing);
        assert!(j.to_ask().is_empty());
    }

    #[test]
    fn an_empty_list_finishes_with_no_rows() {
        let mut j = job(Some(0));
        assert_eq!(j.to_ask(), vec![0]);
        j.asked(0, 1);
        let s = j.accept(0, page(0, 0, Some(0), false));
        assert!(s.write.is_empty() && s.finish);
        assert_eq!(j.ratio(), Some(1.0));
    }

    #[test]
    fn retries_are_bounded_and_stop_cancels_what_is_out() {
        let mut j = job(Some(1000));
        for p in j.to_ask() {
            j.asked(p, u64::from(p) + 1);
        }
        for _ in 0..MAX_RETRIES {
            assert!(j.retry(0));
        }
        assert!(!j.retry(0));
        let mut out = j.stop(Stop::Cancelled);
        out.sort_unstable();
        assert_eq!(
            out,
            vec![1, 2, 3],
            "a page waiting out a 429 stays in the window"
        );
        assert!(j.to_ask().is_empty());
    }

    #[test]
    fn the_dialog_proposes_a_name_that_follows_the_format() {
        let mut d = ExportDialog {
            view: 1,
            resource: Res::of::<Wallets>(),
            scope: ExportScope::Page,
            format: Format::Csv,
            clear: false,
            name: Input::default(),
            focus: DialogRow::Format,
            confirming: false,
            guard: Default::default(),
            asks_reason: false,
            reason: Input::default(),
            error: None,
            page_rows: 50,
            marked: 0,
            total: Some(1234),
        };
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T23:45:12Z")
            .unwrap()
            .to_utc();
        d.propose(now);
        assert_eq!(d.name.value(), "wallets-20261201-234512.csv");
        d.cycle(1);
        assert_eq!(d.name.value(), "wallets-20261201-234512.json");
        d.cycle(1);
        assert_eq!(d.name.value(), "wallets-20261201-234512.ndjson");
        d.focus = DialogRow::Scope;
        d.cycle(1);
        assert_eq!(d.scope, ExportScope::Marked);
        assert_eq!(
            d.problem().as_deref(),
            Some("no rows are marked (space marks a row)")
        );
        d.cycle(1);
        assert_eq!(d.scope_label(d.scope), "the whole list (1,234 rows)");
        assert_eq!(d.problem(), None);
        // Wallets have nothing masked: the choice does not move.
        d.focus = DialogRow::Masking;
        d.cycle(1);
        assert!(!d.clear);
    }
}
