//! One generic table widget for every list: columns are data (title, width range, priority,
//! the API sort field), fitted to the width by dropping the least important columns first,
//! so nothing overlaps or wraps at 80 columns and more appear on wider terminals; the
//! columns left out are reached by scrolling (`app::columns::window`).

use super::Theme;
use super::sanitize;
use crate::app::columns::{self, Window};
use crate::app::names::CustomerNames;
use crate::app::resources::{ColumnInfo, RowRef};
use crate::domain::Sort;
use crate::domain::time::TimeShown;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, TableState};

/// Space between columns.
const GAP: u16 = crate::app::columns::GAP;

/// Picks columns by priority until the width is used, then widens them up to their max.
/// Returns (column index, width) in registry order: the table with no choice made and no
/// scrolling.
pub fn fit_columns(columns: &[ColumnInfo], width: u16) -> Vec<(usize, u16)> {
    let order: Vec<usize> = (0..columns.len()).collect();
    columns::fit_by_priority(columns, &order, width)
}

/// Where a table drawn over an area puts its lines: the header on the area's first line,
/// then the rows from `first` (the index of the first row on screen), one a line, `visible`
/// of them at most. The one place the rows' positions are decided, for drawing and for
/// finding the row under a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowLayout {
    pub header_y: u16,
    /// The screen line of the row `first`.
    pub top: u16,
    pub first: usize,
    pub visible: usize,
}

impl RowLayout {
    /// The index of the row drawn on screen line `y`, if one is (`rows` on the page).
    pub fn row_at(&self, y: u16, rows: usize) -> Option<usize> {
        let line = usize::from(y.checked_sub(self.top)?);
        (line < self.visible)
            .then_some(self.first + line)
            .filter(|&i| i < rows)
    }
}

/// The layout of a table over `area` with row `selected` kept in view: from the `anchored`
/// first row while the selection is on screen (a click keeps the rows where they were),
/// else with the selection on the last line once it passes it.
pub fn row_layout(area: Rect, selected: usize, anchored: Option<usize>) -> RowLayout {
    let (first, visible) = shown_rows(selected, anchored, area.height);
    RowLayout {
        header_y: area.y,
        top: area.y.saturating_add(1),
        first,
        visible,
    }
}

/// Draws rows with the selection highlighted and kept in view; the header marks the sorted
/// column with its arrow. The columns are the resource's, from the registry, as `window`
/// (the choice and the horizontal scroll, fitted to the width) puts them.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site; each argument is a different part of the pane"
)]
pub fn render_table(
    frame: &mut Frame,
    area: Rect,
    columns: &[ColumnInfo],
    window: &Window,
    rows: &[RowRef],
    selected: usize,
    anchored: Option<usize>,
    marked: &[RowRef],
    changed: Option<&std::collections::BTreeMap<String, u8>>,
    sort: Option<&Sort>,
    time: TimeShown,
    names: &CustomerNames,
    theme: &Theme,
) {
    let fitted = &window.columns;
    let header = Row::new(fitted.iter().map(|(i, w)| {
        let col = &columns[*i];
        let mut title = col.title.to_string();
        if let (Some(field), Some(sort)) = (col.sort_field, sort)
            && sort.field == field
        {
            title.push(' ');
            title.push_str(sort.dir.arrow());
        }
        Cell::from(align(&title, usize::from(*w), col.right))
    }))
    .style(theme.table_header);
    // Only the rows that can be visible are formatted: a 200-row page costs what a
    // screenful costs.
    let layout = row_layout(area, selected, anchored);
    let first = layout.first;
    let marked: std::collections::HashSet<String> = marked.iter().map(|r| r.id()).collect();
    let body = rows.iter().skip(first).take(layout.visible).map(|row| {
        // Watch mode's mark: a glyph before the first cell, not colour alone.
        let fresh = changed.is_some_and(|c| c.contains_key(&row.id()));
        let style = if fresh {
            theme.success
        } else if !marked.is_empty() && marked.contains(&row.id()) {
            theme.key
        } else {
            theme.text
        };
        Row::new(fitted.iter().enumerate().map(|(n, (i, w))| {
            let col = &columns[*i];
            let mut cell = row.cell(*i, time);
            if col.customer
                && let Some(name) = names.get(&cell)
            {
                cell = name.clone();
            }
            if col.holdings {
                cell = names.holdings_label(&cell);
            }
            if fresh && n == 0 {
                cell = format!("{CHANGED} {cell}");
            }
            let text = sanitize::fit(&cell, usize::from(*w));
            Cell::from(Line::from(Span::raw(align(
                &text,
                usize::from(*w),
                col.right,
            ))))
        }))
        .style(style)
    });
    let widths: Vec<Constraint> = fitted.iter().map(|(_, w)| Constraint::Length(*w)).collect();
    let table = Table::new(body, widths)
        .header(header)
        .column_spacing(GAP)
        .row_highlight_style(theme.selection);
    let mut state = TableState::default();
    if !rows.is_empty() {
        state.select(Some(selected - first));
    }
    frame.render_stateful_widget(table, area, &mut state);
}

/// The first row drawn and how many fit, for a table `height` rows tall (its header
/// included) that keeps `selected` in view: the rows start one line below the header. A
/// list a click anchored shows from its `anchored` row while the selection is in view.
fn shown_rows(selected: usize, anchored: Option<usize>, height: u16) -> (usize, usize) {
    let visible = usize::from(height.saturating_sub(1)).max(1);
    match anchored {
        Some(first) if selected >= first && selected < first + visible => (first, visible),
        _ => (selected.saturating_sub(visible - 1), visible),
    }
}

/// Marks a row (or a detail's field) that changed at watch mode's last read.
pub const CHANGED: &str = "●";

fn align(text: &str, width: usize, right: bool) -> String {
    let w = sanitize::width(text);
    if right && w < width {
        format!("{}{text}", " ".repeat(width - w))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_low_priority_columns_and_grows_the_rest() {
        let cols = [
            ColumnInfo::for_tests("a", 10, 20, 0),
            ColumnInfo::for_tests("b", 30, 30, 2),
            ColumnInfo::for_tests("c", 10, 15, 1),
        ];
        assert_eq!(fit_columns(&cols, 21), vec![(0, 10), (2, 10)]);
        assert_eq!(fit_columns(&cols, 30), vec![(0, 19), (2, 10)]);
        let wide = fit_columns(&cols, 100);
        assert_eq!(wide, vec![(0, 20), (1, 30), (2, 15)]);
        assert!(fit_columns(&cols, 5).is_empty());
    }

    #[test]
    fn rows_sit_under_the_header_and_the_selection_stays_on_screen() {
        let area = Rect::new(1, 3, 40, 6);
        let top = row_layout(area, 2, None);
        assert_eq!(
            (top.header_y, top.top, top.first, top.visible),
            (3, 4, 0, 5)
        );
        assert_eq!(top.row_at(4, 10), Some(0));
        assert_eq!(top.row_at(8, 10), Some(4));
        assert_eq!(top.row_at(9, 10), None, "below the table");
        assert_eq!(top.row_at(3, 10), None, "the header");
        assert_eq!(top.row_at(6, 2), None, "past the last row");
        let scrolled = row_layout(area, 7, None);
        assert_eq!(scrolled.first, 3);
        assert_eq!(scrolled.row_at(8, 10), Some(7));
    }
}
