//! The terminal backend the console draws through: it keeps a shadow of what the terminal
//! shows, rebuilds each new frame from the cells ratatui hands it, lets the terminal shift
//! rows that only moved (a scroll region, then SU/SD) and writes what is left in few bytes,
//! each frame wrapped in synchronized output where the terminal has it.

pub mod features;
mod paint;
pub mod shift;

pub use features::Features;

use paint::Painter;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Begin and end of a synchronized update (DEC private mode 2026).
const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

/// A frame with fewer changed rows than this is written as ratatui diffs it: nothing moved.
const MIN_ROWS_FOR_SCROLL: usize = 3;
/// Bands scrolled in one frame at most (a list and, say, a footer that moved with it).
const MAX_SCROLLS: usize = 2;
/// Cells of a gap printed rather than moved over (a move costs 3–4 bytes).
const MAX_BRIDGE: u16 = 3;

/// A ratatui backend over any writer: the console's is standard output; tests use a `Vec`
/// read by a terminal emulator.
pub struct ScreenBackend<W: Write> {
    out: W,
    /// The bytes of the frame being drawn, written at `flush`.
    frame: Vec<u8>,
    painter: Painter,
    /// What the terminal shows (ratatui's previous buffer, cell for cell).
    shown: Buffer,
    /// False after an operation whose effect on the screen is not modelled (a partial
    /// clear): frames are then written as ratatui diffs them until the next full clear.
    trusted: bool,
    features: Features,
    /// A fixed size (tests); `None` asks the terminal.
    fixed_size: Option<Size>,
    cursor_visible: bool,
    in_sync: bool,
}

impl<W: Write> ScreenBackend<W> {
    /// A backend for the real terminal, whose size is asked from it. The alternate screen
    /// is blank and the cursor hidden when the first frame is drawn.
    pub fn new(out: W, features: Features) -> io::Result<ScreenBackend<W>> {
        let (w, h) = crossterm::terminal::size()?;
        Ok(Self::build(out, features, Size::new(w, h), None))
    }

    /// A backend of a fixed size, for tests and benchmarks; [`Self::resize`] changes it.
    pub fn with_size(out: W, features: Features, width: u16, height: u16) -> ScreenBackend<W> {
        let size = Size::new(width, height);
        let mut backend = Self::build(out, features, size, Some(size));
        // A fresh terminal shows its cursor.
        backend.cursor_visible = true;
        backend
    }

    fn build(out: W, features: Features, size: Size, fixed_size: Option<Size>) -> Self {
        ScreenBackend {
            out,
            frame: Vec::with_capacity(16 * 1024),
            painter: Painter::new(size.width),
            shown: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
            trusted: true,
            features,
            fixed_size,
            cursor_visible: false,
            in_sync: false,
        }
    }

    /// Changes a fixed size (as a terminal resize would); ratatui clears and redraws.
    pub fn resize(&mut self, width: u16, height: u16) {
        if self.fixed_size.is_some() {
            self.fixed_size = Some(Size::new(width, height));
        }
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// The frame's bytes, the synchronized update begun with the first of them.
    fn frame_bytes(&mut self) -> &mut Vec<u8> {
        if self.features.sync && !self.in_sync {
            self.frame.extend_from_slice(SYNC_BEGIN);
            self.in_sync = true;
        }
        &mut self.frame
    }

    fn current_size(&self) -> io::Result<Size> {
        match self.fixed_size {
            Some(size) => Ok(size),
            None => crossterm::terminal::size().map(|(w, h)| Size::new(w, h)),
        }
    }
}

/// Paints `cells` (sorted by row, then column) onto `frame`. `screen` holds what the
/// terminal shows once the frame is drawn: a short gap between two cells of the same style
/// is printed from it rather than moved over.
fn paint(painter: &mut Painter, frame: &mut Vec<u8>, cells: &[(u16, u16, Cell)], screen: &Buffer) {
    for (x, y, cell) in cells {
        if let Some(gap) = painter.can_bridge(*x, *y, cell)
            && gap <= MAX_BRIDGE
        {
            let from = *x - gap;
            // One-byte symbols only: never half of a wide character.
            let same = (from..*x).all(|gx| {
                let c = &screen[(gx, *y)];
                c.fg == cell.fg
                    && c.bg == cell.bg
                    && c.modifier == cell.modifier
                    && (c.symbol().len() == 1
                        && (c.symbol().as_bytes()[0].is_ascii_graphic() || c.symbol() == " "))
            });
            if same {
                for gx in from..*x {
                    painter.put(frame, gx, *y, &screen[(gx, *y)]);
                }
            }
        }
        painter.put(frame, *x, *y, cell);
    }
}

/// A narrower symbol written over a wide one uncovers the cells the wide one covered: the
/// terminal blanks them in the old cell's colours, and a diff that saw no change there
/// (ratatui's) would leave them so. They are written from `next` too. Sorts `cells` by row,
/// then column.
fn add_uncovered(shown: &Buffer, next: &Buffer, cells: &mut Vec<(u16, u16, Cell)>) {
    let area = shown.area;
    let mut extra = Vec::new();
    for (x, y, cell) in cells.iter() {
        if *x >= area.width || *y >= area.height {
            continue;
        }
        let old = shown[(*x, *y)].symbol().width();
        let new = cell.symbol().width().max(1);
        for k in new..old {
            let Some(ux) = x.checked_add(k as u16).filter(|ux| *ux < area.width) else {
                break;
            };
            extra.push((ux, *y, next[(ux, *y)].clone()));
        }
    }
    cells.sort_by_key(|(x, y, _)| (*y, *x));
    for e in extra {
        if cells
            .binary_search_by_key(&(e.1, e.0), |(x, y, _)| (*y, *x))
            .is_err()
        {
            cells.push(e);
        }
    }
    cells.sort_by_key(|(x, y, _)| (*y, *x));
}

/// Sets `cell` at `(x, y)` as the terminal will show it: a wide symbol covers the cells
/// after it, which show nothing of their own.
fn set_cell(buf: &mut Buffer, x: u16, y: u16, cell: &Cell) {
    let area = buf.area;
    if x >= area.width || y >= area.height {
        return;
    }
    buf[(x, y)] = cell.clone();
    let width = u16::try_from(cell.symbol().width()).unwrap_or(1);
    for covered in 1..width {
        if x + covered < area.width {
            buf[(x + covered, y)] = Cell::EMPTY;
        }
    }
}

impl<W: Write> Backend for ScreenBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut updates: Vec<(u16, u16, Cell)> =
            content.map(|(x, y, c)| (x, y, c.clone())).collect();
        if updates.is_empty() {
            return Ok(());
        }
        let size = self.current_size()?;
        // A frame laid out for another size (the terminal was resized or went away since)
        // has cells outside this one: they are not on this screen.
        updates.retain(|(x, y, _)| *x < size.width && *y < size.height);
        if self.shown.area.as_size() != size {
            // ratatui clears on a resize; a draw at another size means the model is stale.
            self.shown = Buffer::empty(Rect::new(0, 0, size.width, size.height));
            self.painter.set_width(size.width);
            self.trusted = false;
        }
        let mut rows: Vec<u16> = updates.iter().map(|u| u.1).collect();
        rows.dedup();
        if !(self.trusted && self.features.scroll_regions && rows.len() >= MIN_ROWS_FOR_SCROLL) {
            let mut next = self.shown.clone();
            for (x, y, cell) in &updates {
                set_cell(&mut next, *x, *y, cell);
            }
            add_uncovered(&self.shown, &next, &mut updates);
            self.frame_bytes();
            paint(&mut self.painter, &mut self.frame, &updates, &next);
            self.shown = next;
            return Ok(());
        }
        let mut next = self.shown.clone();
        for (x, y, cell) in &updates {
            set_cell(&mut next, *x, *y, cell);
        }
        let movable = shift::movable_rows(&self.shown, &next);
        let mut scrolled = vec![false; usize::from(size.height)];
        for _ in 0..MAX_SCROLLS {
            let Some(scroll) = shift::find(&self.shown, &next, &movable) else {
                break;
            };
            self.frame_bytes();
            self.painter.scroll(&mut self.frame, scroll);
            shift::apply(&mut self.shown, scroll);
            for flag in &mut scrolled[usize::from(scroll.top)..=usize::from(scroll.bottom)] {
                *flag = true;
            }
        }
        // Rows that moved are written from the shifted shadow; the others as ratatui
        // diffed them.
        let width = size.width;
        let mut cells: Vec<(u16, u16, Cell)> = updates
            .into_iter()
            .filter(|(_, y, _)| !scrolled[usize::from(*y)])
            .collect();
        let w = usize::from(width);
        for y in (0..size.height).filter(|y| scrolled[usize::from(*y)]) {
            let row = usize::from(y) * w..(usize::from(y) + 1) * w;
            let (old, new) = (&self.shown.content[row.clone()], &next.content[row]);
            for x in shift::row_writes(old, new) {
                cells.push((x as u16, y, new[x].clone()));
            }
        }
        add_uncovered(&self.shown, &next, &mut cells);
        self.frame_bytes();
        paint(&mut self.painter, &mut self.frame, &cells, &next);
        self.shown = next;
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible {
            self.frame_bytes().extend_from_slice(b"\x1b[?25l");
            self.cursor_visible = false;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if !self.cursor_visible {
            self.frame_bytes().extend_from_slice(b"\x1b[?25h");
            self.cursor_visible = true;
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        if let Some((x, y)) = self.painter.cursor() {
            return Ok(Position::new(x, y));
        }
        if self.fixed_size.is_some() {
            return Ok(Position::ORIGIN);
        }
        // Only inline viewports ask; this one is full-screen.
        self.flush()?;
        let (x, y) = crossterm::cursor::position()?;
        Ok(Position::new(x, y))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if self.painter.cursor() != Some((p.x, p.y)) {
            self.frame_bytes();
            self.painter.move_to(&mut self.frame, p.x, p.y);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.frame_bytes();
        match clear_type {
            ClearType::All => {
                self.painter.clear(&mut self.frame);
                let size = self.current_size()?;
                self.shown = Buffer::empty(Rect::new(0, 0, size.width, size.height));
                self.painter.set_width(size.width);
                self.trusted = true;
                return Ok(());
            }
            ClearType::AfterCursor => self.frame.extend_from_slice(b"\x1b[J"),
            ClearType::BeforeCursor => self.frame.extend_from_slice(b"\x1b[1J"),
            ClearType::CurrentLine => self.frame.extend_from_slice(b"\x1b[2K"),
            ClearType::UntilNewLine => self.frame.extend_from_slice(b"\x1b[K"),
        }
        self.trusted = false;
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        for _ in 0..n {
            self.frame_bytes().push(b'\n');
        }
        self.painter.forget_cursor();
        self.trusted = false;
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        self.current_size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        match self.fixed_size {
            Some(size) => Ok(WindowSize {
                columns_rows: size,
                pixels: Size::new(0, 0),
            }),
            None => {
                let w = crossterm::terminal::window_size()?;
                Ok(WindowSize {
                    columns_rows: Size::new(w.columns, w.rows),
                    pixels: Size::new(w.width, w.height),
                })
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.frame.is_empty() {
            self.painter.plain(&mut self.frame);
            if self.in_sync {
                self.frame.extend_from_slice(SYNC_END);
                self.in_sync = false;
            }
            self.out.write_all(&self.frame)?;
            self.frame.clear();
        }
        self.out.flush()
    }
}

impl<W: Write> super::event_loop::RawWrite for ScreenBackend<W> {
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.flush()?;
        self.out.write_all(bytes)?;
        self.out.flush()
    }
}
