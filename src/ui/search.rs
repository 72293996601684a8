//! The `:` box's results, drawn above its line: one group per kind with its count, its
//! spinner while the provider has not answered, or what stopped it ("failed: 503",
//! "search not supported", "not configured"); the chosen hit highlighted and kept in view.

use super::modal::Modal;
use super::{Theme, sanitize, shell};
use crate::app::search_box::{GroupState, SearchBox, hit_line};
use crate::app::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The group's heading after its title.
fn status(state: &GroupState, spinner: usize) -> (String, bool) {
    match state {
        GroupState::NotConfigured => ("not configured".into(), false),
        GroupState::Searching(_) => (
            format!(
                "{} searching…",
                shell::SPINNER[spinner % shell::SPINNER.len()]
            ),
            false,
        ),
        GroupState::Found(h) if h.hits.is_empty() => ("none".into(), false),
        GroupState::Found(h) => match h.total {
            Some(t) if t > h.hits.len() as u64 => (format!("{} of {t}", h.hits.len()), false),
            _ => (h.hits.len().to_string(), false),
        },
        GroupState::Unsupported => ("search not supported".into(), true),
        GroupState::Failed { code, .. } => (format!("failed: {code}"), true),
    }
}

/// The lines of the results, and the index of the chosen one.
fn lines<'a>(
    search: &SearchBox,
    width: usize,
    spinner: usize,
    theme: &Theme,
) -> (Vec<Line<'a>>, Option<usize>) {
    let mut out = Vec::new();
    let mut chosen_line = None;
    let mut hit_index = 0;
    for group in &search.groups {
        let (text, bad) = status(&group.state, spinner);
        out.push(Line::from(vec![
            Span::styled(format!("{} ", group.kind.title()), theme.table_header),
            Span::styled(text, if bad { theme.warning } else { theme.muted }),
        ]));
        for hit in group.hits() {
            let chosen = search.selected == Some(hit_index);
            let marker = if chosen { "› " } else { "  " };
            let text = sanitize::fit(
                &sanitize::clean(&hit_line(hit)),
                width.saturating_sub(sanitize::width(marker)),
            );
            if chosen {
                chosen_line = Some(out.len());
            }
            out.push(Line::from(vec![
                Span::styled(marker, theme.key),
                Span::styled(text, if chosen { theme.selection } else { theme.text }),
            ]));
            hit_index += 1;
        }
    }
    if search.groups.is_empty() && search.debounce.is_some() {
        out.push(Line::styled("…", theme.muted));
    }
    (out, chosen_line)
}

/// Draws the results over the bottom of `area` (the view's body above the `:` line).
pub fn render_results(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let search = &state.search;
    if !search.showing() && search.debounce.is_none() {
        return;
    }
    let width = usize::from(area.width.saturating_sub(2));
    let (lines, chosen) = lines(search, width, state.spinner, theme);
    let room = usize::from(area.height.saturating_sub(2)).max(1);
    let height = (lines.len().min(room) + 2).min(usize::from(area.height));
    let skip = match chosen {
        Some(c) if c >= room => c + 1 - room,
        _ => 0,
    };
    let shown: Vec<Line> = lines.into_iter().skip(skip).take(room).collect();
    let rect = Rect {
        x: area.x,
        y: area.bottom().saturating_sub(height as u16),
        width: area.width,
        height: height as u16,
    };
    let hints = Line::from(Span::styled(
        " ↑↓ choose · enter open · ctrl-p/n history · esc close ",
        theme.muted,
    ));
    Modal::new(theme.border_focused)
        .title(Span::styled(
            format!(" Search “{}” ", sanitize::clean(&search.text)),
            theme.title,
        ))
        .hints(hints)
        .render(frame, rect, Paragraph::new(shown), None, theme);
}
