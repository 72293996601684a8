//! Pure rendering of the application state into a ratatui frame. Nothing here changes state
//! or does I/O.

pub mod confirm;
pub mod form;
pub mod help;
pub mod shell;
pub mod theme;

pub use theme::{ColorDepth, Theme};

use crate::app::state::{Overlay, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Draws the whole screen.
pub fn render(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    if state.too_small() {
        render_too_small(frame, area, state, theme);
        return;
    }
    let [header, tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    shell::render_header(frame, header, state, theme);
    shell::render_tabs(frame, tabs, state, theme);
    render_body(frame, body, state, theme);
    shell::render_status(frame, status, state, theme);
    if let Some(Overlay::Help { scroll }) = &state.overlay {
        help::render_help(frame, area, state, theme, *scroll);
    }
}

fn render_body(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(
            format!(" {} ", state.tab.title()),
            theme.title,
        ));
    frame.render_widget(block, area);
}

fn render_too_small(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    use crate::app::state::{MIN_HEIGHT, MIN_WIDTH};
    let text = vec![
        Line::styled("Terminal too small", theme.error),
        Line::styled(
            format!(
                "{}x{} — guichet needs at least {MIN_WIDTH}x{MIN_HEIGHT}",
                state.width, state.height
            ),
            theme.text,
        ),
        Line::styled("Enlarge the window, or press ctrl-c to quit.", theme.muted),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
