//! The help overlay, generated from the key map: every action, its keys, its description;
//! the focused view's keys first, then those that work everywhere, then the rest. `/`
//! searches (keys, action names and descriptions).

use super::Theme;
use super::modal::{LineInput, Modal};
use crate::app::key::Key;
use crate::app::keymap::{Action, Scope};
use crate::app::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The scope of the view under the overlay: the open form's, else the focused view's.
fn focused_scope(state: &State) -> Scope {
    match &state.form {
        Some(slot) => slot.scope(),
        None => state.scope(),
    }
}

/// The scopes in the order the overlay shows them.
pub fn scope_order(state: &State) -> Vec<Scope> {
    let first = focused_scope(state);
    let mut order = vec![first];
    if first != Scope::Global {
        order.push(Scope::Global);
    }
    let rest: Vec<Scope> = Scope::ALL
        .into_iter()
        .filter(|s| !order.contains(s))
        .collect();
    order.extend(rest);
    order
}

fn matches(needle: &str, action: Action, keys: &str) -> bool {
    needle.is_empty()
        || action.description().to_lowercase().contains(needle)
        || action.name().contains(needle)
        || keys.to_lowercase().contains(needle)
}

/// The overlay's lines, grouped by scope, only those that match the search.
pub fn help_lines<'a>(state: &State, theme: &Theme) -> Vec<Line<'a>> {
    let needle = state.help_search.needle();
    let focused = focused_scope(state);
    let mut lines = Vec::new();
    for scope in scope_order(state) {
        let entries: Vec<(Action, String)> = state
            .keymap
            .entries()
            .filter(|(s, _, _)| *s == scope)
            .map(|(_, action, keys)| {
                let keys = keys.iter().map(Key::to_string).collect::<Vec<_>>();
                (action, keys.join(" "))
            })
            .filter(|(action, keys)| matches(&needle, *action, keys))
            .collect();
        if entries.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        let title = if scope == focused {
            format!("{} (here)", scope.title())
        } else {
            scope.title().to_string()
        };
        lines.push(Line::styled(title, theme.title));
        for (action, keys) in entries {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.key),
                Span::styled(action.description().to_string(), theme.text),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            format!("no key matches “{needle}”"),
            theme.muted,
        ));
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
    let search = &state.help_search;
    let searching = search.typing || !search.input.value().is_empty();
    let lines = help_lines(state, theme);
    let shown = height.saturating_sub(2 + u16::from(searching));
    let max_scroll = (lines.len() as u16).saturating_sub(shown);
    let title = if search.typing {
        " Keys — enter to keep the search, esc to clear it "
    } else {
        " Keys — esc to close, j/k to scroll, / to search "
    };
    Modal::new(theme.border_focused)
        .title(Span::styled(title, theme.title))
        .render(
            frame,
            rect,
            Paragraph::new(lines).scroll((scroll.min(max_scroll), 0)),
            None,
            theme,
        );
    if searching && rect.height > 3 && rect.width > 2 {
        // The search line takes the frame's last row inside.
        let line = Rect {
            x: rect.x + 1,
            y: rect.bottom() - 2,
            width: rect.width - 2,
            height: 1,
        };
        let input = LineInput {
            label: Span::styled("/ ", theme.key),
            input: &search.input,
            text: theme.text,
            focused: search.typing,
            style: theme.overlay,
        };
        input.render(frame, line, |_| None);
    }
}
