//! Helpers shared by the rendering tests.

use chrono::NaiveDate;
use guichet::app::state::{Environment, Session, State};
use guichet::app::{Keymap, update};
use guichet::ui::{self, ColorDepth, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn session(environment: Environment, read_only: bool, demo: bool) -> Session {
    Session {
        profile: "demo".into(),
        environment,
        read_only,
        demo,
        insecure: false,
    }
}

pub fn state_with(session: Session, width: u16, height: u16) -> State {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date");
    let mut state = State::new(session, Keymap::defaults(), today);
    update(&mut state, guichet::ui::resized(width, height));
    state
}

pub fn theme() -> Theme {
    Theme::builtin("dark", ColorDepth::TrueColor).expect("built-in theme")
}

/// Renders the state into a fresh test terminal of its size.
pub fn draw(state: &State) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(state.width, state.height)).expect("test terminal");
    let theme = theme();
    terminal
        .draw(|f| ui::render(f, state, &theme))
        .expect("draw");
    terminal
}

/// Fills the focused tab's list as if a page had arrived.
pub fn loaded(state: &mut State, fill: impl FnOnce(&mut guichet::app::list::ListPane)) {
    let list = state.list_mut().expect("a list is focused");
    fill(list);
    state.dirty = true;
}

/// The screen as plain text, one line per row.
pub fn text_of(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
