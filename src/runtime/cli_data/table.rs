//! Rows as aligned columns for a person at a terminal: the pane's columns (or the chosen
//! export fields), widths taken from the first page within each column's bounds, so a
//! streamed listing keeps its alignment; untrusted text shown inert.

use crate::app::export::Selection;
use crate::app::resources::{Res, RowRef};
use crate::domain::time::TimeShown;
use crate::ui::sanitize;
use std::io::{self, Write};

/// Widest a chosen export field grows to.
const FIELD_MAX: usize = 40;

struct Col {
    title: String,
    min: usize,
    max: usize,
    right: bool,
    width: usize,
}

pub struct Table<W: Write> {
    out: W,
    cols: Vec<Col>,
    fields: Option<Selection>,
    time: TimeShown,
    started: bool,
}

impl<W: Write> Table<W> {
    /// A table of `res`'s pane columns, or of `fields` when given.
    pub fn new(out: W, res: Res, fields: Option<Selection>, time: TimeShown) -> Table<W> {
        let cols = match &fields {
            Some(sel) => sel
                .header()
                .into_iter()
                .map(|title| Col {
                    min: sanitize::width(&title),
                    title,
                    max: FIELD_MAX,
                    right: false,
                    width: 0,
                })
                .collect(),
            None => res
                .columns()
                .into_iter()
                .map(|c| Col {
                    title: c.title.to_string(),
                    min: usize::from(c.min),
                    max: usize::from(c.max),
                    right: c.right,
                    width: 0,
                })
                .collect(),
        };
        Table {
            out,
            cols,
            fields,
            time,
            started: false,
        }
    }

    fn cells(&self, row: &RowRef) -> Vec<String> {
        match &self.fields {
            Some(sel) => sel.texts(row),
            None => (0..self.cols.len())
                .map(|i| row.cell(i, self.time))
                .collect(),
        }
    }

    /// One page of rows; the first one sets the widths and draws the header.
    pub fn page(&mut self, rows: &[RowRef]) -> io::Result<()> {
        let cells: Vec<Vec<String>> = rows.iter().map(|r| self.cells(r)).collect();
        if !self.started {
            for (i, col) in self.cols.iter_mut().enumerate() {
                let widest = cells
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| sanitize::width(c))
                    .chain([sanitize::width(&col.title)])
                    .max()
                    .unwrap_or(0);
                col.width = widest.clamp(col.min, col.max.max(col.min));
            }
            let titles: Vec<String> = self.cols.iter().map(|c| c.title.clone()).collect();
            self.line(&titles)?;
            self.started = true;
        }
        for row in &cells {
            self.line(row)?;
        }
        Ok(())
    }

    fn line(&mut self, cells: &[String]) -> io::Result<()> {
        let mut text = String::new();
        for (i, (col, cell)) in self.cols.iter().zip(cells).enumerate() {
            let shown = sanitize::fit(cell, col.width);
            let pad = " ".repeat(col.width.saturating_sub(sanitize::width(&shown)));
            if i > 0 {
                text.push_str("  ");
            }
            if col.right {
                text.push_str(&pad);
                text.push_str(&shown);
            } else {
                text.push_str(&shown);
                if i + 1 < self.cols.len() {
                    text.push_str(&pad);
                }
            }
        }
        writeln!(self.out, "{}", text.trim_end())
    }

    /// Draws the header of an empty listing and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.started {
            self.page(&[])?;
        }
        self.out.flush()
    }
}

/// One row as `field  value` lines (for `get`): every export field, money with its currency.
pub fn record(out: &mut impl Write, sel: &Selection, row: &RowRef) -> io::Result<()> {
    let header = sel.header();
    let values = sel.texts(row);
    let width = header.iter().map(|h| h.len()).max().unwrap_or(0);
    for (name, value) in header.iter().zip(&values) {
        writeln!(out, "{name:<width$}  {}", sanitize::clean(value))?;
    }
    out.flush()
}
