//! One generic table widget for every list: columns are data (title, width range, priority,
//! the API sort field), fitted to the width by dropping the least important columns first,
//! so nothing overlaps or wraps at 80 columns and more appear on wider terminals.

use super::Theme;
use super::sanitize;
use crate::app::names::CustomerNames;
use crate::app::resources::{ColumnInfo, RowRef};
use crate::domain::Sort;
use crate::domain::time::TimeShown;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, TableState};

/// Space between columns.
const GAP: u16 = 1;

/// Picks columns by priority until the width is used, then widens them up to their max.
/// Returns (column index, width) in display order.
pub fn fit_columns(columns: &[ColumnInfo], width: u16) -> Vec<(usize, u16)> {
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| (columns[i].priority, i));
    let mut chosen: Vec<usize> = Vec::new();
    let mut used: u16 = 0;
    for i in order {
        let extra = columns[i].min + if chosen.is_empty() { 0 } else { GAP };
        if used.saturating_add(extra) <= width {
            used += extra;
            chosen.push(i);
        }
    }
    let mut widths: Vec<(usize, u16)> = chosen.iter().map(|&i| (i, columns[i].min)).collect();
    // Hand out the rest, most important columns first.
    let mut left = width.saturating_sub(used);
    for (i, w) in widths.iter_mut() {
        let grow = (columns[*i].max.saturating_sub(*w)).min(left);
        *w += grow;
        left -= grow;
    }
    widths.sort_by_key(|(i, _)| *i);
    widths
}

/// Draws rows with the selection highlighted and kept in view; the header marks the sorted
/// column with its arrow. The columns are the resource's, from the registry.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site; each argument is a different part of the pane"
)]
pub fn render_table(
    frame: &mut Frame,
    area: Rect,
    columns: &[ColumnInfo],
    rows: &[RowRef],
    selected: usize,
    marked: &[RowRef],
    sort: Option<&Sort>,
    time: TimeShown,
    names: &CustomerNames,
    theme: &Theme,
) {
    let fitted = fit_columns(columns, area.width);
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
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let first = selected.saturating_sub(visible - 1);
    let marked: std::collections::HashSet<String> = marked.iter().map(|r| r.id()).collect();
    let body = rows.iter().skip(first).take(visible).map(|row| {
        let style = if !marked.is_empty() && marked.contains(&row.id()) {
            theme.key
        } else {
            theme.text
        };
        Row::new(fitted.iter().map(|(i, w)| {
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

    const fn col(title: &'static str, min: u16, max: u16, priority: u8) -> ColumnInfo {
        ColumnInfo {
            title,
            min,
            max,
            priority,
            sort_field: None,
            right: false,
            customer: false,
            holdings: false,
        }
    }

    #[test]
    fn drops_low_priority_columns_and_grows_the_rest() {
        let cols = [
            col("a", 10, 20, 0),
            col("b", 30, 30, 2),
            col("c", 10, 15, 1),
        ];
        assert_eq!(fit_columns(&cols, 21), vec![(0, 10), (2, 10)]);
        assert_eq!(fit_columns(&cols, 30), vec![(0, 19), (2, 10)]);
        let wide = fit_columns(&cols, 100);
        assert_eq!(wide, vec![(0, 20), (1, 30), (2, 15)]);
        assert!(fit_columns(&cols, 5).is_empty());
    }
}
