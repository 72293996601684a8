//! The mouse as data: what a press or a wheel turn hit (found by the UI's layout, so no
//! layout number lives in `app`), and what the console remembers of the last press to tell
//! a double click, judged with the arrival times the runtime gives (`Msg::InputAt`), and
//! the rows a clicked list keeps on screen.

use super::ids::ViewId;

/// Two presses on the same cell at most this far apart are a double click.
pub const DOUBLE_CLICK_MS: u64 = 400;

/// Rows (or lines) one notch of the wheel moves.
pub const WHEEL_LINES: usize = 3;

/// What is under the pointer, as the screen last drawn lays it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A tab of the tab bar, by its position in tab order.
    Tab(usize),
    /// A breadcrumb of the focused pane's trail: the depth of its view (0 is the pane's
    /// own list).
    Crumb(usize),
    /// A row of the focused list, by its index in the page, and the rows then on screen.
    Row(usize, Window),
    /// A line of the focused detail that `j`/`k` selects (a case's line that opens
    /// something, an account's promotion, a stay's wallet), by the index they move over.
    Line(usize),
    /// The help overlay, which can scroll down to `max_scroll` at this size.
    Help { max_scroll: u16 },
}

/// The rows of a list on screen: the first one drawn and how many fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub first: usize,
    pub rows: usize,
}

/// Where a clicked list's rows stay: the list does not jump under the pointer when a click
/// selects a row (a second click there then opens what the first selected), and the window
/// follows the selection from there, one row at a time, as the keys or the wheel move it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub view: ViewId,
    pub window: Window,
    /// The screen size it was measured at: another size lays the list out anew.
    pub size: (u16, u16),
}

impl Anchor {
    /// Moves the window just enough to show `selected`.
    pub fn follow(&mut self, selected: usize) {
        let w = &mut self.window;
        if selected < w.first {
            w.first = selected;
        } else if w.rows > 0 && selected >= w.first + w.rows {
            w.first = selected + 1 - w.rows;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerKind {
    /// The left button went down.
    Press,
    WheelUp,
    WheelDown,
}

/// A mouse event the console acts on: its kind, its cell and what it hit there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pointer {
    pub kind: PointerKind,
    pub column: u16,
    pub row: u16,
    pub hit: Option<Hit>,
}

/// The last press: when and where it came, and whether it opened something (a double
/// click on a row the first press already opened opens nothing more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Press {
    pub at: u64,
    pub column: u16,
    pub row: u16,
    pub opened: bool,
}

/// Whether the terminal reports the mouse (the config's `mouse`, then `M`), the last
/// press, and where the list clicked last keeps its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MouseState {
    pub capture: bool,
    pub last_press: Option<Press>,
    pub anchor: Option<Anchor>,
}

impl Default for MouseState {
    fn default() -> MouseState {
        MouseState {
            capture: true,
            last_press: None,
            anchor: None,
        }
    }
}

impl MouseState {
    /// The first row the list `view` shows from, when a click anchored it.
    pub fn anchored_first(&self, view: ViewId) -> Option<usize> {
        self.anchor
            .filter(|a| a.view == view)
            .map(|a| a.window.first)
    }

    /// Whether a press at `at` on this cell completes a double click with the last one.
    pub fn is_double(&self, at: Option<u64>, column: u16, row: u16) -> bool {
        match (self.last_press, at) {
            (Some(last), Some(at)) => {
                last.column == column
                    && last.row == row
                    && at >= last.at
                    && at - last.at <= DOUBLE_CLICK_MS
            }
            _ => false,
        }
    }
}
