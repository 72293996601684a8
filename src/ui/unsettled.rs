//! The start-up notice of unfinished writes: each write the journal holds an intent for
//! and nothing after (when, what, on what, with which key, what became of its check), and
//! the keys to read the chosen one again or to dismiss the notice.

use super::Theme;
use super::form::{centered, hint_line, wrap};
use super::modal::Modal;
use super::sanitize;
use crate::app::keymap::{Action, Scope};
use crate::app::state::State;
use crate::app::unsettled::{Check, UnsettledNotice};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the notice over `area`.
pub fn render_unsettled(
    frame: &mut Frame,
    area: Rect,
    notice: &UnsettledNotice,
    state: &State,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(4).min(100);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    for part in wrap(
        "The console stopped while these writes were under way: the journal has each one's \
         intent and no outcome, so whether it happened is unknown until its target is read \
         again. Dismissed, the notice comes back at the next start until each is settled.",
        inner.saturating_sub(2),
    ) {
        lines.push(Line::styled(format!(" {part}"), theme.text));
    }
    for (i, (write, check)) in notice.writes.iter().enumerate() {
        lines.push(Line::raw(""));
        let mark = if i == notice.selected { "▸" } else { " " };
        let head = format!(
            "{mark} {}  {}  {}",
            write.time.format("%Y-%m-%d %H:%M:%S UTC"),
            write.action,
            write.provider
        );
        let style = if i == notice.selected {
            theme.selection
        } else {
            theme.title
        };
        lines.push(Line::styled(sanitize::fit(&head, inner), style));
        let mut facts = vec![("target", write.targets.join(", "))];
        if let Some(key) = &write.key {
            facts.push(("key", key.clone()));
        }
        facts.push(("request", write.request.clone()));
        for (label, value) in facts {
            let value = sanitize::clean(&value);
            for (j, part) in wrap(&value, inner.saturating_sub(12))
                .into_iter()
                .enumerate()
            {
                let label = if j == 0 { label } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("   {label:<8} "), theme.muted),
                    Span::styled(part, theme.text),
                ]));
            }
        }
        let (text, style) = match check {
            Check::Unchecked => ("not read again yet".to_string(), theme.warning),
            Check::Reading(_) => ("reading it again…".to_string(), theme.info),
            Check::Settled {
                applied: true,
                message,
            } => (message.clone(), theme.success),
            Check::Settled {
                applied: false,
                message,
            } => (message.clone(), theme.warning),
            Check::Failed(message) => (message.clone(), theme.error),
        };
        for part in wrap(&sanitize::clean(&text), inner.saturating_sub(4)) {
            lines.push(Line::styled(format!("   {part}"), style));
        }
    }
    let hints = [
        (Action::Refresh, "read it again"),
        (Action::SelectDown, "next"),
        (Action::Back, "dismiss"),
    ]
    .into_iter()
    .filter_map(|(action, label)| {
        let keys = state.keymap.hint(Scope::List, action);
        (!keys.is_empty()).then(|| (keys, label.to_string()))
    })
    .collect::<Vec<_>>();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, height.min(area.height));
    Modal::new(theme.warning)
        .title(Span::styled(" Unfinished writes ", theme.title))
        .hints(hint_line(&hints, theme))
        .render(frame, rect, Paragraph::new(lines), None, theme);
}
