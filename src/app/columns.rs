//! Which columns a list shows, in which order, and which of them fit: the choice made with
//! the column chooser (per resource, over the registry's columns, kept in `columns.json`
//! by each column's stable key), the chooser's own state while it is open, and the
//! horizontal window through the columns a narrow terminal cannot show at once.

use super::resources::{ColumnInfo, Res};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Space between columns.
pub const GAP: u16 = 1;

/// One resource's choice, as saved: every column by its key (`external_id`, the
/// registry's [`ColumnInfo::key`]) in the order shown, and the hidden ones. Keys do not
/// change when a header is renamed; a key the registry no longer has is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    #[serde(default)]
    pub order: Vec<String>,
    #[serde(default)]
    pub hidden: Vec<String>,
}

/// The file in the state folder: one choice per resource name (`customers`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnsFile {
    pub version: u32,
    #[serde(default)]
    pub panes: BTreeMap<String, Choice>,
}

/// The version this build writes: 2, columns named by key. Version 1 named them by title.
pub const FILE_VERSION: u32 = 2;

/// The last version that named columns by their titles.
const TITLES_VERSION: u32 = 1;

/// Every resource's choice, and where the runtime keeps them (`None`: not kept, in tests).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnChoices {
    panes: BTreeMap<String, Choice>,
    pub file: Option<PathBuf>,
}

impl ColumnChoices {
    /// The choices read from a file; resources this build does not know are kept as they
    /// are (another build may know them) but never shown. A file of titles (version 1) is
    /// turned into keys here, once, by the registry's titles: a title it no longer has is
    /// dropped, and so is a resource it does not know, having nothing to map by.
    pub fn from_file(file: ColumnsFile, path: Option<PathBuf>) -> ColumnChoices {
        let panes = if file.version <= TITLES_VERSION {
            file.panes
                .into_iter()
                .filter_map(|(name, choice)| {
                    let resource = Res::named(&name)?;
                    Some((name, by_key(&resource.columns(), &choice)))
                })
                .collect()
        } else {
            file.panes
        };
        ColumnChoices { panes, file: path }
    }

    pub fn to_file(&self) -> ColumnsFile {
        ColumnsFile {
            version: FILE_VERSION,
            panes: self.panes.clone(),
        }
    }

    /// The resource's columns in the order chosen, each with whether it is shown.
    pub fn arranged(&self, resource: Res) -> Vec<(usize, bool)> {
        arrange(&resource.columns(), self.panes.get(resource.name()))
    }

    /// The indices of the columns shown, in display order.
    pub fn shown(&self, resource: Res) -> Vec<usize> {
        self.arranged(resource)
            .into_iter()
            .filter_map(|(i, shown)| shown.then_some(i))
            .collect()
    }

    /// Keeps `arranged` as the resource's choice; the registry's own default is no choice
    /// at all, so columns added to the registry later take their place.
    pub fn set(&mut self, resource: Res, arranged: &[(usize, bool)]) {
        let columns = resource.columns();
        let default: Vec<(usize, bool)> = (0..columns.len()).map(|i| (i, true)).collect();
        if arranged == default.as_slice() {
            self.panes.remove(resource.name());
            return;
        }
        let key = |i: usize| columns[i].key.to_string();
        let choice = Choice {
            order: arranged.iter().map(|(i, _)| key(*i)).collect(),
            hidden: arranged
                .iter()
                .filter(|(_, shown)| !shown)
                .map(|(i, _)| key(*i))
                .collect(),
        };
        self.panes.insert(resource.name().to_string(), choice);
    }
}

/// A choice that names columns by title, naming them by key instead (titles `columns`
/// does not have left out).
fn by_key(columns: &[ColumnInfo], titled: &Choice) -> Choice {
    let keys = |titles: &[String]| {
        titles
            .iter()
            .filter_map(|t| {
                columns
                    .iter()
                    .find(|c| c.title == t)
                    .map(|c| c.key.to_string())
            })
            .collect()
    };
    Choice {
        order: keys(&titled.order),
        hidden: keys(&titled.hidden),
    }
}

/// The registry's columns arranged by a saved choice: the saved order first (keys the
/// registry does not know, and repeats, ignored), each column the choice does not name
/// placed right after the column that precedes it in the registry; hidden ones flagged.
/// A choice that would hide every column shows them all.
pub fn arrange(columns: &[ColumnInfo], choice: Option<&Choice>) -> Vec<(usize, bool)> {
    let Some(choice) = choice else {
        return (0..columns.len()).map(|i| (i, true)).collect();
    };
    let index = |key: &str| columns.iter().position(|c| c.key == key);
    let mut order: Vec<usize> = Vec::with_capacity(columns.len());
    for i in choice.order.iter().filter_map(|k| index(k)) {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    for i in 0..columns.len() {
        if order.contains(&i) {
            continue;
        }
        let at = (0..i)
            .rev()
            .find_map(|before| order.iter().position(|&o| o == before))
            .map_or(0, |p| p + 1);
        order.insert(at, i);
    }
    let hidden = |i: usize| choice.hidden.iter().any(|k| k == columns[i].key);
    let mut arranged: Vec<(usize, bool)> = order.into_iter().map(|i| (i, !hidden(i))).collect();
    if arranged.iter().all(|(_, shown)| !shown) {
        for (_, shown) in &mut arranged {
            *shown = true;
        }
    }
    arranged
}

/// The columns on screen at one width and scroll offset, and how many are off either side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    /// (column index, width) in display order.
    pub columns: Vec<(usize, u16)>,
    /// Shown columns scrolled past on the left (the pinned first column is never among them).
    pub left: usize,
    /// Shown columns that do not fit on the right (or were dropped for narrowness).
    pub right: usize,
    /// The offset in effect (the one asked for, at most the last useful one).
    pub offset: usize,
}

/// Picks columns by priority until the width is used, then widens them up to their max;
/// `order` is the display order, whose first column is always taken first. Returns
/// (column index, width) in display order.
pub fn fit_by_priority(columns: &[ColumnInfo], order: &[usize], width: u16) -> Vec<(usize, u16)> {
    let mut by_priority: Vec<usize> = (0..order.len()).collect();
    by_priority.sort_by_key(|&p| (p != 0, columns[order[p]].priority, p));
    let mut chosen: Vec<usize> = Vec::new();
    let mut used: u16 = 0;
    for p in by_priority {
        let extra = columns[order[p]].min + if chosen.is_empty() { 0 } else { GAP };
        if used.saturating_add(extra) <= width {
            used += extra;
            chosen.push(p);
        }
    }
    let mut fitted = grow(columns, order, chosen, width.saturating_sub(used));
    fitted.sort_by_key(|(p, _)| *p);
    fitted.into_iter().map(|(p, w)| (order[p], w)).collect()
}

/// Hands out `left` columns of room, in the order `chosen` lists them (positions in
/// `order`).
fn grow(
    columns: &[ColumnInfo],
    order: &[usize],
    chosen: Vec<usize>,
    mut left: u16,
) -> Vec<(usize, u16)> {
    chosen
        .into_iter()
        .map(|p| {
            let col = &columns[order[p]];
            let grown = col.max.saturating_sub(col.min).min(left);
            left -= grown;
            (p, col.min + grown)
        })
        .collect()
}

/// The window at `offset` (clamped to the last useful one): at 0, the most important
/// columns (by priority, as before scrolling existed); further right, the first column
/// pinned, then the shown columns from the offset on, side by side, as many as fit.
pub fn window(columns: &[ColumnInfo], shown: &[usize], width: u16, offset: usize) -> Window {
    let offset = offset.min(last_offset(columns, shown, width));
    window_at(columns, shown, width, offset)
}

/// The offset past which scrolling right shows nothing new (0 when everything fits).
pub fn last_offset(columns: &[ColumnInfo], shown: &[usize], width: u16) -> usize {
    let scrollable = shown.len().saturating_sub(1);
    (0..scrollable.max(1))
        .find(|&o| window_at(columns, shown, width, o).right == 0)
        .unwrap_or(scrollable.saturating_sub(1))
}

fn window_at(columns: &[ColumnInfo], shown: &[usize], width: u16, offset: usize) -> Window {
    if shown.is_empty() {
        return Window::default();
    }
    let fitted = if offset == 0 {
        fit_by_priority(columns, shown, width)
    } else {
        let mut chosen = Vec::new();
        let mut used: u16 = 0;
        for p in std::iter::once(0).chain(1 + offset..shown.len()) {
            let extra = columns[shown[p]].min + if chosen.is_empty() { 0 } else { GAP };
            if used.saturating_add(extra) > width {
                break;
            }
            used += extra;
            chosen.push(p);
        }
        grow(columns, shown, chosen, width.saturating_sub(used))
            .into_iter()
            .map(|(p, w)| (shown[p], w))
            .collect()
    };
    let on_screen = |i: usize| fitted.iter().any(|(c, _)| *c == i);
    let right = shown[1 + offset.min(shown.len() - 1)..]
        .iter()
        .filter(|&&i| !on_screen(i))
        .count();
    Window {
        columns: fitted,
        left: offset,
        right,
        offset,
    }
}

/// `◀ 2 · 3 ▶`: how many columns are off screen either side, readable without colour and
/// short enough to leave the paging footer whole at 80 columns; empty when all are on screen.
pub fn window_label(window: &Window) -> String {
    let mut parts = Vec::new();
    if window.left > 0 {
        parts.push(format!("◀ {}", window.left));
    }
    if window.right > 0 {
        parts.push(format!("{} ▶", window.right));
    }
    parts.join(" · ")
}

/// The column chooser while it is open: the pane's columns in order with whether each is
/// shown, the cursor, and a note when a key was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Chooser {
    pub resource: Res,
    pub rows: Vec<(usize, bool)>,
    pub cursor: usize,
    pub note: Option<String>,
}

impl Chooser {
    pub fn new(resource: Res, choices: &ColumnChoices) -> Chooser {
        Chooser {
            resource,
            rows: choices.arranged(resource),
            cursor: 0,
            note: None,
        }
    }

    pub fn up(&mut self) {
        self.note = None;
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn down(&mut self) {
        self.note = None;
        if self.cursor + 1 < self.rows.len() {
            self.cursor += 1;
        }
    }

    /// Shows or hides the column under the cursor; the last shown one stays.
    pub fn toggle(&mut self) {
        self.note = None;
        let shown = self.rows.iter().filter(|(_, s)| *s).count();
        if let Some(row) = self.rows.get_mut(self.cursor) {
            if row.1 && shown == 1 {
                self.note = Some("at least one column stays shown".into());
            } else {
                row.1 = !row.1;
            }
        }
    }

    /// Moves the column under the cursor one place up or down, the cursor with it.
    pub fn shift(&mut self, up: bool) {
        self.note = None;
        let to = if up {
            self.cursor.checked_sub(1)
        } else {
            Some(self.cursor + 1).filter(|&t| t < self.rows.len())
        };
        if let Some(to) = to {
            self.rows.swap(self.cursor, to);
            self.cursor = to;
        }
    }

    /// The registry's order with every column shown (applied only with enter).
    pub fn reset(&mut self) {
        self.rows = arrange(&self.resource.columns(), None);
        self.cursor = 0;
        self.note = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(order: &[&str], hidden: &[&str]) -> Choice {
        Choice {
            order: order.iter().map(|s| s.to_string()).collect(),
            hidden: hidden.iter().map(|s| s.to_string()).collect(),
        }
    }

    const COLS: [ColumnInfo; 4] = [
        ColumnInfo::for_tests("a", 10, 10, 0),
        ColumnInfo::for_tests("b", 10, 10, 0),
        ColumnInfo::for_tests("c", 10, 10, 1),
        ColumnInfo::for_tests("d", 10, 10, 2),
    ];

    #[test]
    fn a_saved_order_ignores_unknown_names_and_places_new_columns_after_their_neighbour() {
        assert_eq!(
            arrange(&COLS, None),
            vec![(0, true), (1, true), (2, true), (3, true)]
        );
        // `c` is not in the file (added to the registry since): after `b`, its neighbour.
        let saved = choice(&["d", "gone", "b", "a", "b"], &["a", "gone"]);
        assert_eq!(
            arrange(&COLS, Some(&saved)),
            vec![(3, true), (1, true), (2, true), (0, false)]
        );
        // A file naming none of the columns is the default order.
        assert_eq!(
            arrange(&COLS, Some(&choice(&["x"], &[]))),
            arrange(&COLS, None)
        );
        // A file hiding every column shows them all.
        let all_hidden = choice(&["a", "b", "c", "d"], &["a", "b", "c", "d"]);
        assert!(arrange(&COLS, Some(&all_hidden)).iter().all(|(_, s)| *s));
    }

    #[test]
    fn every_registry_column_has_a_snake_case_key_of_its_own() {
        for resource in crate::app::resources::ALL {
            let columns = resource.columns();
            for (i, c) in columns.iter().enumerate() {
                let snake = !c.key.is_empty()
                    && c.key.starts_with(|ch: char| ch.is_ascii_lowercase())
                    && c.key
                        .chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
                assert!(snake, "{}: {:?}", resource.name(), c.key);
                assert!(
                    columns[..i].iter().all(|other| other.key != c.key),
                    "{}: {} twice",
                    resource.name(),
                    c.key
                );
            }
        }
    }

    #[test]
    fn a_file_of_titles_is_read_as_keys_once() {
        let mut panes = BTreeMap::new();
        panes.insert(
            "customers".to_string(),
            choice(&["Phone", "Fax", "External id"], &["Email", "Fax"]),
        );
        panes.insert("invoices".to_string(), choice(&["Number"], &[]));
        let read = ColumnChoices::from_file(ColumnsFile { version: 1, panes }, None);
        let file = read.to_file();
        assert_eq!(file.version, FILE_VERSION);
        assert_eq!(
            file.panes.get("customers"),
            Some(&choice(&["phone", "external_id"], &["email"])),
            "titles it no longer has dropped"
        );
        assert!(
            !file.panes.contains_key("invoices"),
            "nothing to map an unknown resource's titles by"
        );
        // Read again, the keys stay keys: a key that happens to be a title is not a title.
        let again = ColumnChoices::from_file(file.clone(), None);
        assert_eq!(again.to_file(), file);
    }

    #[test]
    fn the_window_pins_the_first_column_and_scrolls_through_the_rest() {
        let shown = [0, 1, 2, 3];
        // 32 columns: three of 10 and their gaps.
        let home = window(&COLS, &shown, 32, 0);
        assert_eq!(home.columns, vec![(0, 10), (1, 10), (2, 10)]);
        assert_eq!((home.left, home.right), (0, 1));
        assert_eq!(window_label(&home), "1 ▶");
        let right = window(&COLS, &shown, 32, 1);
        assert_eq!(right.columns, vec![(0, 10), (2, 10), (3, 10)]);
        assert_eq!((right.left, right.right), (1, 0));
        assert_eq!(window_label(&right), "◀ 1");
        assert_eq!(last_offset(&COLS, &shown, 32), 1);
        assert_eq!(
            window(&COLS, &shown, 32, 9),
            right,
            "past the end is the end"
        );
        // Wide: everything fits, nothing to scroll.
        assert_eq!(last_offset(&COLS, &shown, 100), 0);
        assert_eq!(window_label(&window(&COLS, &shown, 100, 3)), "");
        // Very narrow: one column beside the pinned one at a time.
        assert_eq!(last_offset(&COLS, &shown, 21), 2);
        assert_eq!(window(&COLS, &shown, 21, 2).columns, vec![(0, 10), (3, 10)]);
    }

    #[test]
    fn priority_picks_at_home_in_the_chosen_order() {
        let cols = [
            ColumnInfo::for_tests("a", 10, 20, 0),
            ColumnInfo::for_tests("b", 30, 30, 2),
            ColumnInfo::for_tests("c", 10, 15, 1),
        ];
        assert_eq!(
            fit_by_priority(&cols, &[0, 1, 2], 21),
            vec![(0, 10), (2, 10)]
        );
        assert_eq!(
            fit_by_priority(&cols, &[0, 1, 2], 30),
            vec![(0, 19), (2, 10)]
        );
        assert_eq!(fit_by_priority(&cols, &[2, 0], 21), vec![(2, 10), (0, 10)]);
        // The first column is pinned whatever its priority.
        assert_eq!(
            fit_by_priority(&cols, &[1, 0, 2], 41),
            vec![(1, 30), (0, 10)]
        );
    }

    #[test]
    fn the_chooser_keeps_one_column_shown_and_moves_with_its_column() {
        use crate::app::resources::{Res, Stays};
        let mut chooser = Chooser::new(Res::of::<Stays>(), &ColumnChoices::default());
        let n = chooser.rows.len();
        for i in 0..n {
            if i > 0 {
                chooser.down();
            }
            chooser.toggle();
        }
        assert_eq!(
            chooser.rows.iter().filter(|(_, s)| *s).count(),
            1,
            "the last one stays"
        );
        assert!(chooser.note.is_some());
        chooser.shift(true);
        assert_eq!(chooser.cursor, n - 2);
        assert_eq!(chooser.rows[n - 2], (n - 1, true));
        chooser.reset();
        assert_eq!(chooser.rows, arrange(&Res::of::<Stays>().columns(), None));
    }
}
