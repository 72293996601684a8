//! Pure rendering of the application state into a ratatui frame. Nothing here changes state
//! or does I/O.

pub mod bench;
pub mod chart;
mod chart_timeline;
mod chart_wallets;
pub mod columns;
pub mod confirm;
pub mod detail;
pub mod export;
pub mod form;
pub mod help;
pub mod hit;
pub mod json;
pub mod key_trail;
pub(crate) mod modal;
pub mod pane;
pub mod recent;
pub mod sanitize;
pub mod search;
pub mod shell;
pub mod table;
pub mod theme;
pub mod unsettled;

pub use theme::{ColorDepth, Theme};

use crate::app::Msg;
use crate::app::nav::View;
use crate::app::state::{Overlay, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The resize message for a terminal `width` x `height`, with what this layout gives a
/// view: the body's rows inside its frame (so scrolling stops at the last line) and a
/// list's table its columns (so a scroll key stops where the table shows the last column).
/// The runtime sends it; `app` keeps the numbers and holds no layout of its own.
pub fn resized(width: u16, height: u16) -> Msg {
    let [_, _, body, _] = screen_areas(Rect::new(0, 0, width, height));
    let inner = body_inner(body);
    Msg::Resize {
        width,
        height,
        body: inner.height,
        table: inner.width,
    }
}

/// The screen's bands: header, tab bar, body, status line.
pub fn screen_areas(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    if state.too_small() {
        render_too_small(frame, area, state, theme);
        return;
    }
    let [header, tabs, body, status] = screen_areas(area);
    shell::render_header(frame, header, state, theme);
    shell::render_tabs(frame, tabs, state, theme);
    render_body(frame, body, state, theme);
    shell::render_status(frame, status, state, theme);
    if let Some(slot) = &state.form {
        form::render_slot(frame, body, slot, state, theme);
    }
    if let Some(notice) = &state.unsettled {
        unsettled::render_unsettled(frame, body, notice, state, theme);
    }
    if let Some(d) = &state.export.dialog {
        export::render_dialog(frame, body, d, theme);
    }
    match &state.overlay {
        Some(Overlay::Help { scroll }) => help::render_help(frame, area, state, theme, *scroll),
        Some(Overlay::Recent(overlay)) => recent::render_recent(frame, area, state, overlay, theme),
        Some(Overlay::Columns(chooser)) => columns::render_chooser(frame, body, chooser, theme),
        None => {}
    }
}

/// The body's title: the focused pane's breadcrumbs, where each one shown sits in it (by
/// the depth of its view) and the spinner before them.
pub struct Trail {
    /// The whole title as drawn on the top border, its spaces included.
    pub text: String,
    /// Each crumb shown: its view's depth, its first column and its width, in columns from
    /// the start of `text`.
    pub crumbs: Vec<(usize, u16, u16)>,
}

/// The body's title for a body `width` columns wide.
pub fn trail(state: &State, width: u16) -> Trail {
    const SEP: &str = " › ";
    const CUT: &str = "… › ";
    let crumbs: Vec<String> = state
        .nav()
        .breadcrumbs()
        .iter()
        .map(|c| sanitize::clean(c).into_owned())
        .collect();
    let spinner = if state.view_loading() {
        format!("{} ", shell::SPINNER[state.spinner % shell::SPINNER.len()])
    } else {
        String::new()
    };
    let room = usize::from(width).saturating_sub(4 + sanitize::width(&spinner));
    let mut title = crumbs.join(SEP);
    // Too long: keep the end of the trail, where the user is.
    let mut skip = 0;
    while sanitize::width(&title) > room && skip + 1 < crumbs.len() {
        skip += 1;
        title = format!("{CUT}{}", crumbs[skip..].join(SEP));
    }
    let title = sanitize::fit(&title, room);
    let shown = sanitize::width(&title);
    let mut at = 1 + sanitize::width(&spinner) + if skip > 0 { sanitize::width(CUT) } else { 0 };
    let end = 1 + sanitize::width(&spinner) + shown;
    let mut places = Vec::new();
    for (depth, crumb) in crumbs.iter().enumerate().skip(skip) {
        let w = sanitize::width(crumb).min(end.saturating_sub(at));
        if w > 0 {
            let col = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
            places.push((depth, col(at), col(w)));
        }
        at += sanitize::width(crumb) + sanitize::width(SEP);
    }
    Trail {
        text: format!(" {spinner}{title} "),
        crumbs: places,
    }
}

/// The body's frame.
fn body_block<'a>(title: Span<'a>, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(title)
}

/// Inside the body's frame: the view, the export's progress line and the prompt line.
pub struct BodyAreas {
    pub main: Rect,
    pub export: Option<Rect>,
    pub prompt: Option<Rect>,
}

/// Inside the body's frame. The export line, the prompt and a list's filter line and
/// error take whole rows from it, never columns: its width is a list's table's.
fn body_inner(area: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(area)
}

/// Where the body's parts go, for a body in `area` (its frame included).
pub fn body_areas(state: &State, area: Rect) -> BodyAreas {
    let inner = body_inner(area);
    let (inner, export) = if export::has_line(&state.export) && inner.height > 2 {
        let [m, e] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        (m, Some(e))
    } else {
        (inner, None)
    };
    let (main, prompt) = if state.prompt.is_some() && inner.height > 1 {
        let [m, p] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        (m, Some(p))
    } else {
        (inner, None)
    };
    BodyAreas {
        main,
        export,
        prompt,
    }
}

fn render_body(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let title = trail(state, area.width).text;
    frame.render_widget(body_block(Span::styled(title, theme.title), theme), area);
    let BodyAreas {
        main,
        export: export_area,
        prompt: prompt_area,
    } = body_areas(state, area);
    if let Some(area) = export_area {
        export::render_line(frame, area, state, theme);
    }
    match state.view() {
        Some(View::List(list)) => pane::render_list(frame, main, list, state, theme),
        Some(View::Detail(d)) => detail::render_detail(frame, main, d, state, theme),
        Some(View::Chart(c)) => chart::render_chart(frame, main, c, state, theme),
        None => {}
    }
    if let (Some(prompt), Some(area)) = (&state.prompt, prompt_area) {
        if prompt.kind == crate::app::nav::PromptKind::GoTo {
            search::render_results(frame, main, state, theme);
        }
        render_prompt(frame, area, prompt, theme);
    }
}

fn render_prompt(frame: &mut Frame, area: Rect, prompt: &crate::app::nav::Prompt, theme: &Theme) {
    let input = modal::LineInput {
        label: Span::styled(format!("{} ", prompt.kind.label()), theme.key),
        input: &prompt.input,
        text: theme.text,
        focused: true,
        style: theme.overlay,
    };
    input.render(frame, area, |_| {
        prompt
            .error
            .as_ref()
            .map(|e| Span::styled(format!("  {e}"), theme.error))
    });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update;
    use chrono::NaiveDate;

    #[test]
    fn the_sizes_sent_with_a_resize_are_those_a_list_is_drawn_at() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
        for (width, height) in [(60, 15), (80, 24), (120, 40), (203, 51)] {
            let mut state = State::for_tests(today);
            update(&mut state, resized(width, height));
            // The filter line and the prompt take rows of the body, never columns.
            if let Some(list) = state.list_mut() {
                list.filter_focused = true;
            }
            state.open_prompt(crate::app::nav::PromptKind::GoTo);
            let [_, _, body, _] = screen_areas(Rect::new(0, 0, width, height));
            let main = body_areas(&state, body).main;
            let Some(View::List(list)) = state.view() else {
                panic!("a list is focused");
            };
            let table = pane::list_areas(main, list).table;
            assert_eq!(state.table_width, table.width, "at {width}x{height}");
            // Header, tabs, status line and the frame's two borders.
            assert_eq!(state.body_rows, height - 5, "at {width}x{height}");
        }
    }
}
