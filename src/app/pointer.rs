//! The mouse as data: what a press or a wheel turn hit (found by the UI's layout, so no
//! layout number lives in `app`), and what the console remembers of the last press to tell
//! a double click, judged with the arrival times the runtime gives (`Msg::InputAt`).

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
    /// A row of the focused list, by its index in the page.
    Row(usize),
    /// The help overlay, which can scroll down to `max_scroll` at this size.
    Help { max_scroll: u16 },
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

/// Whether the terminal reports the mouse (the config's `mouse`, then `M`), and the last
/// press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MouseState {
    pub capture: bool,
    pub last_press: Option<Press>,
}

impl Default for MouseState {
    fn default() -> MouseState {
        MouseState {
            capture: true,
            last_press: None,
        }
    }
}

impl MouseState {
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
