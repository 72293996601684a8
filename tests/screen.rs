//! The screen backend against a terminal emulator (`vt100`, which implements scroll
//! regions): frames drawn through the real render path, scroll regions and all, leave the
//! same screen as a full redraw of the same state.

#[path = "ui/fixtures.rs"]
#[expect(
    dead_code,
    reason = "shared with the rendering tests; not every fixture is used"
)]
mod fixtures;

mod screen {
    pub mod console;
    mod props;
    mod scrolls;
}
