//! Cells to bytes for a VT-compatible terminal, as few as it takes: the shortest cursor move
//! from where the cursor is known to be, one SGR sequence per change of style, the style
//! reset only when a style is set, and the scroll-region sequences.

use super::shift::Scroll;
use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// The colours and attributes the terminal writes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

impl Pen {
    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

/// Writes cells into a frame's bytes, knowing where the cursor and the pen are.
#[derive(Debug)]
pub struct Painter {
    /// `None` when unknown (after a scroll-region change, at the right margin, at start).
    cursor: Option<(u16, u16)>,
    /// `None` when unknown (at start): the first style change resets first.
    pen: Option<Pen>,
    width: u16,
}

impl Painter {
    pub fn new(width: u16) -> Painter {
        Painter {
            cursor: None,
            pen: None,
            width,
        }
    }

    pub fn set_width(&mut self, width: u16) {
        self.width = width;
        self.cursor = None;
    }

    /// Moves the cursor to `(x, y)` by the shortest sequence from where it is.
    pub fn move_to(&mut self, out: &mut Vec<u8>, x: u16, y: u16) {
        if self.cursor == Some((x, y)) {
            return;
        }
        let absolute = |out: &mut Vec<u8>| {
            if (x, y) == (0, 0) {
                out.extend_from_slice(b"\x1b[H");
            } else if x == 0 {
                let _ = write!(out, "\x1b[{}H", y + 1);
            } else {
                let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
            }
        };
        match self.cursor {
            Some((cx, cy)) if cy == y && x > cx => {
                let n = x - cx;
                if n == 1 {
                    out.extend_from_slice(b"\x1b[C");
                } else {
                    let _ = write!(out, "\x1b[{n}C");
                }
            }
            Some((_, cy)) if cy == y => {
                let _ = write!(out, "\x1b[{}G", x + 1);
            }
            // Full-screen margins are in force while painting, so a line feed never scrolls.
            Some((_, cy)) if x == 0 && y == cy + 1 => out.extend_from_slice(b"\r\n"),
            _ => absolute(out),
        }
        self.cursor = Some((x, y));
    }

    /// Writes `cell` at `(x, y)`.
    pub fn put(&mut self, out: &mut Vec<u8>, x: u16, y: u16, cell: &Cell) {
        self.move_to(out, x, y);
        self.pen_for(out, Pen::of(cell));
        let symbol = cell.symbol();
        out.extend_from_slice(symbol.as_bytes());
        let advance = u16::try_from(symbol.width()).unwrap_or(0);
        let after = x.saturating_add(advance);
        // At the right margin the terminal holds a pending wrap, and a zero-width symbol
        // moves the cursor as the terminal sees fit: the next move is absolute.
        self.cursor = (advance > 0 && after < self.width).then_some((after, y));
    }

    /// Whether the cursor is `n` cells left of `(x, y)` on that row with `pen` set: the gap
    /// may be printed instead of moved over.
    pub fn can_bridge(&self, x: u16, y: u16, cell: &Cell) -> Option<u16> {
        let (cx, cy) = self.cursor?;
        (cy == y && cx < x && self.pen == Some(Pen::of(cell))).then(|| x - cx)
    }

    /// Where the cursor is, when known.
    pub fn cursor(&self) -> Option<(u16, u16)> {
        self.cursor
    }

    fn pen_for(&mut self, out: &mut Vec<u8>, to: Pen) {
        if self.pen == Some(to) {
            return;
        }
        let mut params: Vec<String> = Vec::new();
        let from = match self.pen {
            Some(from) if from.modifier.difference(to.modifier).is_empty() => from,
            // Attributes go off together: reset, then set what the new style has.
            _ => {
                params.push("0".into());
                PLAIN
            }
        };
        for (flag, code) in MODIFIER_CODES {
            if to.modifier.contains(flag) && !from.modifier.contains(flag) {
                params.push(code.into());
            }
        }
        if to.fg != from.fg {
            params.push(color_code(to.fg, false));
        }
        if to.bg != from.bg {
            params.push(color_code(to.bg, true));
        }
        let _ = write!(out, "\x1b[{}m", params.join(";"));
        self.pen = Some(to);
    }

    /// Back to the terminal's default style, if another is set (before erasing, scrolling
    /// and at the end of a frame, so blank cells the terminal makes are plain).
    pub fn plain(&mut self, out: &mut Vec<u8>) {
        if self.pen != Some(PLAIN) {
            out.extend_from_slice(b"\x1b[m");
            self.pen = Some(PLAIN);
        }
    }

    /// Erases the whole screen.
    pub fn clear(&mut self, out: &mut Vec<u8>) {
        self.plain(out);
        out.extend_from_slice(b"\x1b[2J");
    }

    /// Asks the terminal to shift a band of rows: margins, SU or SD, margins back to the
    /// full screen. The cursor is left at home by the margin change; it is forgotten.
    pub fn scroll(&mut self, out: &mut Vec<u8>, s: Scroll) {
        self.plain(out);
        let _ = write!(out, "\x1b[{};{}r", s.top + 1, s.bottom + 1);
        let op = if s.up { 'S' } else { 'T' };
        if s.lines == 1 {
            let _ = write!(out, "\x1b[{op}");
        } else {
            let _ = write!(out, "\x1b[{}{op}", s.lines);
        }
        out.extend_from_slice(b"\x1b[r");
        self.cursor = None;
    }

    /// The cursor was moved by something else (a raw write, a query).
    pub fn forget_cursor(&mut self) {
        self.cursor = None;
    }
}

const MODIFIER_CODES: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// SGR parameters of a colour: the 16 named ones as 30–37/90–97 (40–47/100–107), the rest
/// as 256-colour or truecolor.
fn color_code(color: Color, background: bool) -> String {
    let base = |n: u8| {
        let n = if background { n + 10 } else { n };
        n.to_string()
    };
    let extended = if background { "48" } else { "38" };
    match color {
        Color::Reset => base(39),
        Color::Black => base(30),
        Color::Red => base(31),
        Color::Green => base(32),
        Color::Yellow => base(33),
        Color::Blue => base(34),
        Color::Magenta => base(35),
        Color::Cyan => base(36),
        Color::Gray => base(37),
        Color::DarkGray => base(90),
        Color::LightRed => base(91),
        Color::LightGreen => base(92),
        Color::LightYellow => base(93),
        Color::LightBlue => base(94),
        Color::LightMagenta => base(95),
        Color::LightCyan => base(96),
        Color::White => base(97),
        Color::Indexed(i) => format!("{extended};5;{i}"),
        Color::Rgb(r, g, b) => format!("{extended};2;{r};{g};{b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn cell(s: &str, style: Style) -> Cell {
        let mut c = Cell::EMPTY;
        c.set_symbol(s).set_style(style);
        c
    }

    #[test]
    fn moves_are_the_shortest_known_sequence() {
        let mut p = Painter::new(80);
        let mut out = Vec::new();
        p.move_to(&mut out, 0, 4);
        assert_eq!(out, b"\x1b[5H");
        out.clear();
        p.move_to(&mut out, 3, 4);
        assert_eq!(out, b"\x1b[3C");
        out.clear();
        p.move_to(&mut out, 1, 4);
        assert_eq!(out, b"\x1b[2G");
        out.clear();
        p.move_to(&mut out, 0, 5);
        assert_eq!(out, b"\r\n");
        out.clear();
        p.move_to(&mut out, 7, 9);
        assert_eq!(out, b"\x1b[10;8H");
    }

    #[test]
    fn one_sgr_per_change_and_a_reset_only_when_attributes_go() {
        let mut p = Painter::new(80);
        let mut out = Vec::new();
        let bold_red = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
        p.put(&mut out, 0, 0, &cell("a", bold_red));
        assert_eq!(out, b"\x1b[H\x1b[0;1;31ma");
        out.clear();
        p.put(&mut out, 1, 0, &cell("b", bold_red.bg(Color::Indexed(236))));
        assert_eq!(out, b"\x1b[48;5;236mb");
        out.clear();
        p.put(&mut out, 2, 0, &cell("c", Style::new().fg(Color::Red)));
        assert_eq!(out, b"\x1b[0;31mc");
        out.clear();
        p.plain(&mut out);
        assert_eq!(out, b"\x1b[m");
    }

    #[test]
    fn the_last_column_forgets_the_cursor() {
        let mut p = Painter::new(3);
        let mut out = Vec::new();
        p.put(&mut out, 2, 0, &cell("x", Style::new()));
        assert_eq!(p.cursor(), None);
    }

    #[test]
    fn a_scroll_sets_and_resets_the_margins() {
        let mut p = Painter::new(80);
        let mut out = Vec::new();
        p.scroll(
            &mut out,
            Scroll {
                top: 4,
                bottom: 36,
                lines: 1,
                up: true,
            },
        );
        assert_eq!(out, b"\x1b[m\x1b[5;37r\x1b[S\x1b[r");
        out.clear();
        p.scroll(
            &mut out,
            Scroll {
                top: 0,
                bottom: 9,
                lines: 3,
                up: false,
            },
        );
        assert_eq!(out, b"\x1b[1;10r\x1b[3T\x1b[r");
    }
}
