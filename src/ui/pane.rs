//! A list view: the filter line, the table (rows stay on screen while the next page
//! loads), an error with its provider, code and message and the retry key, or an honest
//! "nothing matches", and the paging footer.

use super::Theme;
use super::sanitize;
use super::table::render_table;
use crate::app::columns;
use crate::app::keymap::{Action, Scope};
use crate::app::list::ListPane;
use crate::app::state::State;
use crate::domain::ApiError;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Error lines for a failed request: provider, code, status, message, what to press.
pub fn error_lines(e: &ApiError, retry_keys: &str, theme: &Theme) -> Vec<Line<'static>> {
    let mut head = format!("{} error", e.provider);
    if let Some(code) = &e.code {
        head.push_str(&format!(" {}", sanitize::clean(code)));
    }
    if let Some(status) = e.status {
        head.push_str(&format!(" (HTTP {status})"));
    }
    let mut lines = vec![
        Line::styled(head, theme.error),
        Line::styled(sanitize::clean(&e.to_string()).into_owned(), theme.text),
    ];
    if let Some(trace) = &e.trace_id {
        lines.push(Line::styled(
            format!("trace {}", sanitize::clean(trace)),
            theme.muted,
        ));
    }
    lines.push(Line::from(vec![
        Span::styled("press ", theme.muted),
        Span::styled(retry_keys.to_string(), theme.key),
        Span::styled(" to retry", theme.muted),
    ]));
    lines
}

/// The rows `error_lines` takes for this error.
fn error_line_count(e: &ApiError) -> u16 {
    3 + u16::from(e.trace_id.is_some())
}

/// Where a list's parts go: the filter line (empty when hidden), the error above the table
/// (when the last request failed), the table and the paging footer.
pub struct ListAreas {
    pub filter: Rect,
    pub error: Option<Rect>,
    pub table: Rect,
    pub footer: Rect,
}

pub fn list_areas(area: Rect, pane: &ListPane) -> ListAreas {
    let show_filter = pane.filter_focused || !pane.filter.value().is_empty();
    let [filter, main, footer] = Layout::vertical([
        Constraint::Length(u16::from(show_filter)),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (error, table) = match &pane.error {
        Some(e) => {
            let h = (error_line_count(e) + 1).min(main.height);
            let [err, rest] =
                Layout::vertical([Constraint::Length(h), Constraint::Min(0)]).areas(main);
            (Some(err), rest)
        }
        None => (None, main),
    };
    ListAreas {
        filter,
        error,
        table,
        footer,
    }
}

pub fn render_list(frame: &mut Frame, area: Rect, pane: &ListPane, state: &State, theme: &Theme) {
    let ListAreas {
        filter: filter_area,
        error: error_area,
        table: table_area,
        footer,
    } = list_areas(area, pane);
    if filter_area.height > 0 {
        render_filter(frame, filter_area, pane, theme);
    }
    if let (Some(e), Some(err)) = (&pane.error, error_area) {
        let retry = state.keymap.hint(Scope::List, Action::Refresh);
        frame.render_widget(Paragraph::new(error_lines(e, &retry, theme)), err);
    }
    let noun = pane.resource.name();
    let mut off_screen = String::new();
    if pane.rows.is_empty() {
        if pane.error.is_none() {
            let past_the_end = pane.shown.filter(|s| s.page > 0);
            let text = if pane.shown.is_none() {
                format!("loading {noun}…")
            } else if let Some(s) = past_the_end {
                // An empty page after the first says nothing of the pages before it.
                format!("no {noun} on page {}: the list ends before it", s.page + 1)
            } else if pane.applied.is_empty() {
                format!("no {noun} yet")
            } else {
                format!(
                    "no {noun} match “{}” (esc on the filter line clears it)",
                    sanitize::clean(&pane.applied)
                )
            };
            frame.render_widget(Paragraph::new(Line::styled(text, theme.muted)), table_area);
        }
    } else if table_area.height > 0 {
        let columns = pane.resource.columns();
        let shown = state.columns.shown(pane.resource);
        let window = columns::window(&columns, &shown, table_area.width, pane.column_offset);
        off_screen = columns::window_label(&window);
        render_table(
            frame,
            table_area,
            &columns,
            &window,
            &pane.rows,
            pane.selected,
            state.mouse.anchored_first(pane.id),
            &pane.marked,
            state.watch.changed(pane.id),
            pane.request.sort.as_ref(),
            state.time,
            &state.customer_names,
            theme,
        );
    }
    // The columns off screen keep their place at the right end, whatever the paging says.
    let width = usize::from(footer.width);
    let label_width = sanitize::width(&off_screen);
    let room = if label_width == 0 {
        width
    } else {
        width.saturating_sub(label_width + 2)
    };
    let text = sanitize::fit(&pane.footer(), room);
    let pad = width.saturating_sub(sanitize::width(&text) + label_width);
    let line = Line::from(vec![
        Span::styled(text, theme.muted),
        Span::raw(" ".repeat(pad)),
        Span::styled(off_screen, theme.muted),
    ]);
    frame.render_widget(Paragraph::new(line), footer);
}

fn render_filter(frame: &mut Frame, area: Rect, pane: &ListPane, theme: &Theme) {
    let hint = format!("  {}", pane.resource.filter_hint());
    let width = usize::from(area.width);
    let input = super::modal::LineInput {
        label: Span::styled("/ ", theme.key),
        input: &pane.filter,
        text: theme.text,
        focused: pane.filter_focused,
        style: ratatui::style::Style::default(),
    };
    input.render(frame, area, |used| {
        (pane.filter_focused && used + hint.len() < width).then(|| Span::styled(hint, theme.muted))
    });
}
