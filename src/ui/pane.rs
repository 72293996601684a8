//! A list view: the filter line, the table (rows stay on screen while the next page
//! loads), an error with its provider, code and message and the retry key, or an honest
//! "nothing matches", and the paging footer.

use super::Theme;
use super::sanitize;
use super::table::render_table;
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

pub fn render_list(frame: &mut Frame, area: Rect, pane: &ListPane, state: &State, theme: &Theme) {
    let show_filter = pane.filter_focused || !pane.filter.value().is_empty();
    let [filter_area, main, footer] = Layout::vertical([
        Constraint::Length(u16::from(show_filter)),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    if show_filter {
        render_filter(frame, filter_area, pane, theme);
    }
    let mut table_area = main;
    if let Some(e) = &pane.error {
        let retry = state.keymap.hint(Scope::List, Action::Refresh);
        let lines = error_lines(e, &retry, theme);
        let h = (lines.len() as u16 + 1).min(main.height);
        let [err, rest] = Layout::vertical([Constraint::Length(h), Constraint::Min(0)]).areas(main);
        frame.render_widget(Paragraph::new(lines), err);
        table_area = rest;
    }
    let noun = pane.resource.name();
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
        render_table(
            frame,
            table_area,
            &pane.resource.columns(),
            &pane.rows,
            pane.selected,
            &pane.marked,
            state.watch.changed(pane.id),
            pane.request.sort.as_ref(),
            state.time,
            &state.customer_names,
            theme,
        );
    }
    let text = sanitize::fit(&pane.footer(), usize::from(footer.width));
    frame.render_widget(Paragraph::new(Line::styled(text, theme.muted)), footer);
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
