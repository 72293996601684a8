//! Finding the band of rows that moved between what the terminal shows and the next frame,
//! as curses' hardware-scroll optimisation does: row hashes pick the candidate shifts, then
//! the exact cost of what would be left to write picks the band, so a scroll is only made
//! when it saves bytes.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use std::hash::{DefaultHasher, Hash, Hasher};
use unicode_width::UnicodeWidthStr;

/// Rows `top..=bottom` (0-based) scrolled by `lines`: up (SU) when the content moves towards
/// the top, down (SD) otherwise. The rows that come into view are blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub lines: u16,
    pub up: bool,
}

/// What a scroll costs on the wire (DECSTBM, SU/SD, DECSTBM reset), in the same unit as
/// [`row_cost`]; a scroll must save more than this.
const SCROLL_COST: i64 = 16;
/// What a cursor move costs, so two scattered cells weigh more than two adjacent ones.
const MOVE_COST: i64 = 6;
/// Candidate shifts tried exactly, the best by hash matches first.
const CANDIDATES: usize = 3;

/// Whether the terminal may shift row `y` of both buffers: rows holding cells that ask
/// ratatui for a special diff (skipped or forced-width cells) are written as it diffs them.
pub fn movable_rows(shown: &Buffer, next: &Buffer) -> Vec<bool> {
    let width = usize::from(shown.area.width).max(1);
    let plain = |c: &Cell| c.diff_option == CellDiffOption::None;
    shown
        .content
        .chunks(width)
        .zip(next.content.chunks(width))
        .map(|(a, b)| a.iter().all(plain) && b.iter().all(plain))
        .collect()
}

/// Columns a cell at `x` of `row` spans: two for a wide symbol.
fn span(row: &[Cell], x: usize) -> usize {
    row[x].symbol().width().clamp(1, row.len() - x)
}

/// The columns of a row to write to turn what the terminal shows (`old`) into `new`: the
/// cells that differ, every column of a wide character of `old` that any of them touches
/// (the terminal erases a wide character written over in part), and the head of a wide
/// character of `new` for any column it covers; never a column `new` covers.
pub fn row_writes(old: &[Cell], new: &[Cell]) -> Vec<usize> {
    let width = old.len().min(new.len());
    let mut dirty: Vec<bool> = (0..width).map(|x| old[x] != new[x]).collect();
    let mut x = 0;
    while x < width {
        let k = span(old, x);
        if k > 1 && dirty[x..x + k].iter().any(|d| *d) {
            dirty[x..x + k].fill(true);
        }
        x += k;
    }
    let mut writes = Vec::new();
    let mut x = 0;
    while x < width {
        let k = span(new, x);
        if dirty[x..x + k].iter().any(|d| *d) {
            writes.push(x);
        }
        x += k;
    }
    writes
}

/// Cells to write to turn row `from` into row `to`: each differing cell, and a cursor move
/// for each run of them.
fn row_cost(from: &[Cell], to: &[Cell]) -> i64 {
    run_cost(from.iter().zip(to).map(|(a, b)| a != b))
}

/// The same, onto a blank row.
fn blank_cost(to: &[Cell]) -> i64 {
    run_cost(to.iter().map(|b| *b != Cell::EMPTY))
}

/// One per cell to write, plus a cursor move for each run of them.
fn run_cost(to_write: impl Iterator<Item = bool>) -> i64 {
    let mut cost = 0;
    let mut in_run = false;
    for write in to_write {
        if write {
            cost += 1;
            if !in_run {
                cost += MOVE_COST;
            }
        }
        in_run = write;
    }
    cost
}

fn hash_cells(cells: &[Cell]) -> u64 {
    let mut h = DefaultHasher::new();
    cells.hash(&mut h);
    h.finish()
}

/// The scroll that saves the most over writing `next` onto `shown` cell by cell, if any
/// saves more than it costs. Both buffers have the same area; only rows marked `movable`
/// are part of a scrolled band.
pub fn find(shown: &Buffer, next: &Buffer, movable: &[bool]) -> Option<Scroll> {
    if shown.area != next.area || shown.area.height < 3 {
        return None;
    }
    let width = usize::from(shown.area.width);
    let height = usize::from(shown.area.height);
    let old = |y: usize| &shown.content[y * width..(y + 1) * width];
    let new = |y: usize| &next.content[y * width..(y + 1) * width];
    let changed: Vec<bool> = (0..height).map(|y| old(y) != new(y)).collect();
    if changed.iter().filter(|c| **c).count() < 3 {
        return None;
    }
    // The columns that changed at all: an overlay (the help) scrolls inside them while
    // what is around stays, so rows are compared on these columns to find candidates.
    let (mut lo, mut hi) = (width, 0);
    for y in (0..height).filter(|&y| changed[y]) {
        let (a, b) = (old(y), new(y));
        if let Some(first) = (0..width).find(|&x| a[x] != b[x]) {
            let last = (0..width).rev().find(|&x| a[x] != b[x]).unwrap_or(first);
            lo = lo.min(first);
            hi = hi.max(last + 1);
        }
    }
    let window = |cells: &[Cell]| hash_cells(&cells[lo..hi]);
    let old_hash: Vec<u64> = (0..height).map(|y| window(old(y))).collect();
    let new_hash: Vec<u64> = (0..height).map(|y| window(new(y))).collect();
    // Candidate shifts: content moving up by `d` means new row y is old row y + d.
    let mut candidates: Vec<(usize, i64)> = Vec::new();
    for d in 1..height - 1 {
        for up in [true, false] {
            let matches = (0..height)
                .filter(|&y| changed[y] && movable[y])
                .filter(|&y| match from_row(y, d, up, height) {
                    Some(src) => movable[src] && new_hash[y] == old_hash[src],
                    None => false,
                })
                .count();
            if matches >= 2 {
                candidates.push((matches, if up { d as i64 } else { -(d as i64) }));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.abs().cmp(&b.1.abs())));
    candidates.truncate(CANDIDATES);
    let stay: Vec<i64> = (0..height)
        .map(|y| {
            if changed[y] {
                row_cost(old(y), new(y))
            } else {
                0
            }
        })
        .collect();
    let blank: Vec<i64> = (0..height).map(|y| blank_cost(new(y))).collect();
    let mut best: Option<(i64, Scroll)> = None;
    for (_, shift) in candidates {
        let (d, up) = (shift.unsigned_abs() as usize, shift > 0);
        // What each row saves if it takes the shifted old row, or a blank one.
        let moved: Vec<i64> = (0..height)
            .map(|y| match from_row(y, d, up, height) {
                Some(src) => stay[y] - row_cost(old(src), new(y)),
                // Never inside a band: every band row has its source.
                None => 0,
            })
            .collect();
        let cleared: Vec<i64> = (0..height).map(|y| stay[y] - blank[y]).collect();
        if let Some((gain, scroll)) = best_band(&moved, &cleared, movable, d, up)
            && gain > SCROLL_COST
            && best.is_none_or(|(g, _)| gain > g)
        {
            best = Some((gain, scroll));
        }
    }
    best.map(|(_, s)| s)
}

/// The old row that new row `y` shows after a shift by `d`.
fn from_row(y: usize, d: usize, up: bool, height: usize) -> Option<usize> {
    if up {
        (y + d < height).then_some(y + d)
    } else {
        y.checked_sub(d)
    }
}

/// The band `top..=bottom` of movable rows with the largest saving for a shift by `d`:
/// up, rows `top..=bottom-d` take `moved` and the last `d` rows `cleared`; down, the first
/// `d` rows `cleared` and the rest `moved`.
fn best_band(
    moved: &[i64],
    cleared: &[i64],
    movable: &[bool],
    d: usize,
    up: bool,
) -> Option<(i64, Scroll)> {
    let height = moved.len();
    let mut best: Option<(i64, Scroll)> = None;
    // O(height²) with prefix sums: heights are a few dozen rows.
    let prefix = |v: &[i64]| {
        let mut p = vec![0i64; v.len() + 1];
        for (i, x) in v.iter().enumerate() {
            p[i + 1] = p[i] + x;
        }
        p
    };
    let (pm, pc) = (prefix(moved), prefix(cleared));
    for top in 0..height {
        if !movable[top] {
            continue;
        }
        for bottom in top + d..height {
            if !movable[bottom] {
                break;
            }
            let gain = if up {
                pm[bottom + 1 - d] - pm[top] + pc[bottom + 1] - pc[bottom + 1 - d]
            } else {
                pc[top + d] - pc[top] + pm[bottom + 1] - pm[top + d]
            };
            if best.is_none_or(|(g, _)| gain > g) {
                let scroll = Scroll {
                    top: top as u16,
                    bottom: bottom as u16,
                    lines: d as u16,
                    up,
                };
                best = Some((gain, scroll));
            }
        }
    }
    best
}

/// Shifts `buf` as the terminal does for `scroll`: rows move inside the band and those
/// that come into view are blank.
pub fn apply(buf: &mut Buffer, scroll: Scroll) {
    let width = usize::from(buf.area.width);
    let (top, bottom) = (usize::from(scroll.top), usize::from(scroll.bottom));
    let lines = usize::from(scroll.lines).min(bottom + 1 - top);
    let band = &mut buf.content[top * width..(bottom + 1) * width];
    if scroll.up {
        band.rotate_left(lines * width);
        let len = band.len();
        band[len - lines * width..].fill(Cell::EMPTY);
    } else {
        band.rotate_right(lines * width);
        band[..lines * width].fill(Cell::EMPTY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn screen(lines: &[&str]) -> Buffer {
        let width = lines.iter().map(|l| l.len()).max().unwrap_or(1) as u16;
        let mut b = Buffer::empty(Rect::new(0, 0, width, lines.len() as u16));
        for (y, l) in lines.iter().enumerate() {
            b.set_string(0, y as u16, l, ratatui::style::Style::default());
        }
        b
    }

    fn all(b: &Buffer) -> Vec<bool> {
        vec![true; usize::from(b.area.height)]
    }

    #[test]
    fn a_list_that_moved_up_one_row_is_one_scroll_of_its_band() {
        let shown = screen(&[
            "header ----",
            "row 1 aaaaa",
            "row 2 bbbbb",
            "row 3 ccccc",
            "row 4 ddddd",
            "row 5 eeeee",
            "footer ----",
        ]);
        let next = screen(&[
            "header ----",
            "row 2 bbbbb",
            "row 3 ccccc",
            "row 4 ddddd",
            "row 5 eeeee",
            "row 6 fffff",
            "footer ----",
        ]);
        let scroll = find(&shown, &next, &all(&shown));
        assert_eq!(
            scroll,
            Some(Scroll {
                top: 1,
                bottom: 5,
                lines: 1,
                up: true
            })
        );
        let mut after = shown.clone();
        apply(
            &mut after,
            scroll.unwrap_or(Scroll {
                top: 0,
                bottom: 0,
                lines: 0,
                up: true,
            }),
        );
        // What is left to write is the new row's text (its spaces are already blank).
        assert_eq!(after.diff(&next).len(), "row6fffff".len());
    }

    #[test]
    fn a_list_that_moved_down_is_a_scroll_down() {
        let shown = screen(&["h", "b", "c", "d", "e", "f"]);
        let next = screen(&["h", "a", "b", "c", "d", "e"]);
        let shown = screen(
            &shown
                .content
                .chunks(1)
                .map(|c| c[0].symbol().repeat(30))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        let next = screen(
            &next
                .content
                .chunks(1)
                .map(|c| c[0].symbol().repeat(30))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        assert_eq!(
            find(&shown, &next, &all(&shown)),
            Some(Scroll {
                top: 1,
                bottom: 5,
                lines: 1,
                up: false
            })
        );
    }

    #[test]
    fn unrelated_content_is_not_scrolled() {
        let shown = screen(&["aaaa", "bbbb", "cccc", "dddd"]);
        let next = screen(&["wxyz", "zyxw", "qrst", "tsrq"]);
        assert_eq!(find(&shown, &next, &all(&shown)), None);
    }

    #[test]
    fn rows_that_cannot_move_bound_the_band() {
        let lines: Vec<String> = (0..8)
            .map(|i| format!("line {i} {}", "x".repeat(20)))
            .collect();
        let shown = screen(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        let next = screen(&lines[1..].iter().map(String::as_str).collect::<Vec<_>>());
        let mut next_full = Buffer::empty(shown.area);
        for (y, l) in lines[1..].iter().enumerate() {
            next_full.set_string(0, y as u16, l, ratatui::style::Style::default());
        }
        drop(next);
        let mut movable = all(&shown);
        movable[4] = false;
        let s = find(&shown, &next_full, &movable).expect("a scroll above the fixed row");
        assert!(s.bottom < 4 || s.top > 4, "{s:?}");
    }

    #[test]
    fn cells_with_a_special_diff_make_a_row_unmovable() {
        let shown = screen(&["ab", "cd"]);
        let mut next = screen(&["ab", "cd"]);
        next[(1, 1)].set_diff_option(CellDiffOption::Skip);
        assert_eq!(movable_rows(&shown, &next), vec![true, false]);
    }

    fn cells(s: &str) -> Vec<Cell> {
        let mut b = Buffer::empty(Rect::new(0, 0, 6, 1));
        b.set_string(0, 0, s, ratatui::style::Style::default());
        b.content
    }

    #[test]
    fn a_wide_character_is_written_whole_and_over_whole() {
        // Equal rows: nothing.
        assert_eq!(
            row_writes(&cells("aコb"), &cells("aコb")),
            Vec::<usize>::new()
        );
        // Narrow over the first half of a wide one: both of its columns.
        assert_eq!(row_writes(&cells("aコb"), &cells("axyb")), vec![1, 2]);
        assert_eq!(row_writes(&cells("aコb"), &cells("ax b")), vec![1, 2]);
        // Narrow over its second half only: the first half too.
        assert_eq!(row_writes(&cells("aコb"), &cells("a zb")), vec![1, 2]);
        // A wide one over narrow ones: its head only.
        assert_eq!(row_writes(&cells("axyb"), &cells("aコb")), vec![1]);
        // Shifted by one column.
        assert_eq!(row_writes(&cells("aコbc"), &cells("abコc")), vec![1, 2]);
    }
}
