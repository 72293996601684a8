//! The help overlay, generated from the key map: every action, its keys, its description.

use super::Theme;
use super::modal::Modal;
use crate::app::keymap::Scope;
use crate::app::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The overlay's lines, grouped by scope.
pub fn help_lines<'a>(state: &State, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for scope in Scope::ALL {
        let entries: Vec<_> = state
            .keymap
            .entries()
            .filter(|(s, _, _)| *s == scope)
            .collect();
        if entries.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(scope.title().to_string(), theme.title));
        for (_, action, keys) in entries {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.key),
                Span::styled(action.description().to_string(), theme.text),
            ]));
        }
    }
    lines
}

pub fn render_help(frame: &mut Frame, area: Rect, state: &State, theme: &Theme, scroll: u16) {
    let width = area.width.saturating_sub(4).min(84);
    let height = area.height.saturating_sub(2);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let lines = help_lines(state, theme);
    let max_scroll = (lines.len() as u16).saturating_sub(height.saturating_sub(2));
    Modal::new(theme.border_focused)
        .title(Span::styled(
            " Keys — esc to close, j/k to scroll ",
            theme.title,
        ))
        .render(
            frame,
            rect,
            Paragraph::new(lines).scroll((scroll.min(max_scroll), 0)),
            None,
            theme,
        );
}
