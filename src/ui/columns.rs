//! The column chooser (`c` on a list): the pane's columns in order, `[x]` shown and `[ ]`
//! hidden, the cursor marked with `›` as well as highlighted (readable without colour), the
//! first shown column named as the one kept in view while scrolling.

use super::Theme;
use super::modal::Modal;
use super::sanitize;
use crate::app::columns::Chooser;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines of the body around the columns: a blank line above, a blank line, the keys and a
/// note below (kept free so the frame does not change size when a note appears).
const CHROME: u16 = 4;

pub fn render_chooser(frame: &mut Frame, area: Rect, chooser: &Chooser, theme: &Theme) {
    let columns = chooser.resource.columns();
    let width = area.width.saturating_sub(8).min(52);
    let wanted = u16::try_from(chooser.rows.len())
        .unwrap_or(u16::MAX)
        .saturating_add(CHROME + 2);
    let height = wanted.min(area.height.saturating_sub(2));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let inner = usize::from(width.saturating_sub(2));
    let pinned = chooser.rows.iter().position(|(_, shown)| *shown);
    // The rows scroll to keep the cursor in view on a short terminal.
    let room = usize::from(height.saturating_sub(CHROME + 2)).max(1);
    let skip = chooser.cursor.saturating_sub(room - 1);
    let mut lines = vec![Line::raw("")];
    for (pos, (index, shown)) in chooser.rows.iter().enumerate().skip(skip).take(room) {
        let here = pos == chooser.cursor;
        let mark = if *shown { "[x]" } else { "[ ]" };
        let cursor = if here { "›" } else { " " };
        let title = columns.get(*index).map_or("?", |c| c.title);
        let mut text = format!(" {cursor} {mark} {title}");
        if Some(pos) == pinned {
            let note = "first: stays in view";
            let pad = inner.saturating_sub(sanitize::width(&text) + note.len() + 1);
            text = format!("{text}{}{note}", " ".repeat(pad.max(2)));
        }
        let style = if here { theme.selection } else { theme.text };
        let text = sanitize::fit(&text, inner);
        let fill = inner.saturating_sub(sanitize::width(&text));
        lines.push(Line::styled(format!("{text}{}", " ".repeat(fill)), style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(" space", theme.key),
        Span::styled(" show/hide  ", theme.muted),
        Span::styled("K/J", theme.key),
        Span::styled(" move  ", theme.muted),
        Span::styled("d", theme.key),
        Span::styled(" default", theme.muted),
    ]));
    if let Some(note) = &chooser.note {
        lines.push(Line::styled(
            sanitize::fit(&format!(" {note}"), inner),
            theme.warning,
        ));
    }
    let hints = Line::from(vec![Span::styled(
        " enter apply · esc cancel ",
        theme.muted,
    )]);
    let title = format!(" Columns of {} ", chooser.resource.title());
    Modal::new(theme.border_focused)
        .title(Span::styled(title, theme.title))
        .hints(hints)
        .render(frame, rect, Paragraph::new(lines), None, theme);
}
