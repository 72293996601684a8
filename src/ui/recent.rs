//! The `'` overlay: the pins, then the recent items (newest first), filtered by the line at
//! the top; the chosen row highlighted.

use super::Theme;
use super::modal::{LineInput, Modal};
use super::sanitize;
use crate::app::keymap::{Action, Scope};
use crate::app::memory_items::{ListKind, RecentOverlay};
use crate::app::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The overlay's lines below the filter, and the line the chosen row is on.
fn lines(
    state: &State,
    overlay: &RecentOverlay,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, usize) {
    let rows = overlay.rows(&state.remembered);
    let mut lines = Vec::new();
    let mut chosen_line = 0;
    for kind in [ListKind::Pins, ListKind::Recent] {
        let total = state.remembered.list(kind).len();
        let shown: Vec<_> = rows
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| *k == kind)
            .collect();
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        let title = match kind {
            ListKind::Pins => format!("Pins ({total})"),
            ListKind::Recent => format!("Recent ({total})"),
        };
        lines.push(Line::styled(title, theme.title));
        if shown.is_empty() {
            let empty = match (kind, total) {
                (ListKind::Pins, 0) => {
                    let keys = state.keymap.hint(Scope::Detail, Action::Pin);
                    format!("  none yet: {keys} pins the resource on screen")
                }
                (ListKind::Recent, 0) => "  none yet: the resources you open come here".into(),
                _ => "  none matches".into(),
            };
            lines.push(Line::styled(sanitize::fit(&empty, width), theme.muted));
        }
        for (index, (_, item)) in shown {
            let selected = index == overlay.cursor;
            if selected {
                chosen_line = lines.len();
            }
            let kind_width = 10;
            let label = sanitize::fit(&item.label, width.saturating_sub(kind_width + 4));
            let pad = width.saturating_sub(sanitize::width(&label) + kind_width + 2);
            let (style, muted) = if selected {
                (theme.selection, theme.selection)
            } else {
                (theme.text, theme.muted)
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  {label}{}", " ".repeat(pad)), style),
                Span::styled(format!("{:>w$}", item.what.kind(), w = kind_width), muted),
            ]));
        }
    }
    (lines, chosen_line)
}

pub fn render_recent(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    overlay: &RecentOverlay,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(8).min(72);
    let height = area.height.saturating_sub(4);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let inner_width = usize::from(width.saturating_sub(2));
    let (body, chosen) = lines(state, overlay, theme, inner_width);
    // The filter line is the first row inside the frame; the lists scroll under it.
    let room = usize::from(height.saturating_sub(3));
    let scroll = chosen.saturating_sub(room.saturating_sub(1));
    let mut all = vec![Line::raw("")];
    all.extend(body.into_iter().skip(scroll));
    let pin = state.keymap.hint(Scope::List, Action::Pin);
    let hints = Line::from(vec![Span::styled(
        format!(" ↑/↓ choose · enter open · {pin} pin/unpin · del remove · esc close "),
        theme.muted,
    )]);
    Modal::new(theme.border_focused)
        .title(Span::styled(" Recent items and pins ", theme.title))
        .hints(hints)
        .render(frame, rect, Paragraph::new(all), None, theme);
    if rect.height > 2 && rect.width > 2 {
        let line = Rect {
            x: rect.x + 1,
            y: rect.y + 1,
            width: rect.width - 2,
            height: 1,
        };
        LineInput {
            label: Span::styled("filter: ", theme.key),
            input: &overlay.filter,
            text: theme.text,
            focused: true,
            style: theme.overlay,
        }
        .render(frame, line, |_| None);
    }
}
