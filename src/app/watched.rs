//! What watch mode keeps (`app::watch` runs it): the watched views, each with its
//! countdown, what it showed at the previous read and what changed since.

use super::case_lines::case_lines;
use super::detail::{Detail, Subject};
use super::effect::ViewId;
use super::fields;
use super::list::ListPane;
use super::nav::View;
use crate::domain::time::TimeShown;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Seconds between two reads when the config does not say.
pub const DEFAULT_SECONDS: u64 = 5;
/// A second of the countdown, in milliseconds.
pub const TICK_MS: u64 = 1000;
/// Ticks a change stays marked: it goes at the next tick once this many seconds passed.
pub const MARK_TICKS: u8 = 2;

/// Every watched view and the countdown's timer.
#[derive(Debug, Clone)]
pub struct Watch {
    /// Seconds between two reads.
    pub every_s: u64,
    pub views: BTreeMap<ViewId, Watched>,
    /// The number of the tick scheduled, if one is: a tick with another number is stale.
    pub(super) timer: Option<u64>,
    pub(super) next_timer: u64,
}

impl Default for Watch {
    fn default() -> Watch {
        Watch {
            every_s: DEFAULT_SECONDS,
            views: BTreeMap::new(),
            timer: None,
            next_timer: 1,
        }
    }
}

/// One watched view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    /// Seconds until the next read.
    pub left_s: u64,
    /// What changed at the last reads (a row's id, a field's `group/label`), with the ticks
    /// it stays marked.
    pub changed: BTreeMap<String, u8>,
    /// The read under way was asked by the countdown: only such a read marks what changed
    /// (`r`, a write's re-read or the first load only becomes the new reference).
    pub(super) by_watch: bool,
    /// What the view showed at the previous read.
    pub(super) seen: Seen,
}

/// What a view showed, to compare the next read with: for a list, the page it was (so
/// turning a page or changing the filter marks nothing) and each row's cell texts by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Seen {
    page: Option<String>,
    items: BTreeMap<String, String>,
}

/// What the footer says of the focused view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchStatus {
    /// Seconds until the next read.
    Counting(u64),
    Paused,
}

impl Watch {
    /// What changed in the view `id` at its last reads (empty when it is not watched).
    pub fn changed(&self, id: ViewId) -> Option<&BTreeMap<String, u8>> {
        self.views
            .get(&id)
            .map(|w| &w.changed)
            .filter(|c| !c.is_empty())
    }

    /// Whether a countdown tick is scheduled.
    pub fn ticking(&self) -> bool {
        self.timer.is_some()
    }
}

/// The key for a detail field in `Watched::changed`.
pub fn field_key(group: &str, label: &str) -> String {
    format!("{group}/{label}")
}

fn list_seen(list: &ListPane, time: TimeShown) -> Seen {
    let columns = list.resource.columns().len();
    let page = list.shown.map(|s| {
        format!(
            "{}|{}|{}|{:?}|{:?}",
            s.page,
            s.size,
            list.applied,
            list.request.sort,
            list.owner.as_ref().map(|o| &o.id)
        )
    });
    let items = list
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = (0..columns).map(|c| row.cell(c, time)).collect();
            (row.id(), cells.join("\u{1f}"))
        })
        .collect();
    Seen { page, items }
}

/// A customer's case is compared line by line, by the key each line carries; the retry
/// hint in its error lines is the same at every read, so any text does.
fn case_seen(d: &Detail, today: NaiveDate, time: TimeShown) -> BTreeMap<String, String> {
    case_lines(d, today, time, "r")
        .into_iter()
        .filter(|l| !l.key.is_empty())
        .map(|l| (l.key, l.value))
        .collect()
}

fn detail_seen(d: &Detail, today: NaiveDate, time: TimeShown) -> Seen {
    if matches!(d.subject, Subject::Customer(_)) {
        return Seen {
            page: Some(format!("{:?}", d.subject.reference())),
            items: case_seen(d, today, time),
        };
    }
    let items = fields::groups(d, today, time)
        .into_iter()
        .flat_map(|g| {
            g.fields
                .into_iter()
                .map(move |f| (field_key(&g.title, &f.label), f.value))
        })
        .collect();
    Seen {
        page: Some(format!("{:?}", d.subject.reference())),
        items,
    }
}

pub(super) fn seen(view: &View, today: NaiveDate, time: TimeShown) -> Seen {
    match view {
        View::List(l) => list_seen(l, time),
        View::Detail(d) => detail_seen(d, today, time),
        // A chart is read again with `r`, not watched.
        View::Chart(_) => Seen::default(),
    }
}

/// The items of `new` that are not in `old` as they are now. Nothing when `old` showed
/// another page, or showed nothing yet.
pub(super) fn differences(old: &Seen, new: &Seen) -> Vec<String> {
    if old.page != new.page || old.page.is_none() || old.items.is_empty() {
        return Vec::new();
    }
    new.items
        .iter()
        .filter(|(k, v)| old.items.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect()
}
