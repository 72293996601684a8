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

/// What the mouse does, and how to select text while the console has it.
pub const MOUSE_LINES: [&str; 4] = [
    "  click: a tab, a row or a line (again, or twice, opens it), a breadcrumb",
    "  wheel: scrolls the list, the detail or this help; no click confirms",
    "  select text: shift+drag (Option or Alt+drag in some terminals), or M",
    "  M turns the mouse off and on again; `mouse = false` in the config: off",
];

/// One line of the overlay, before it is styled.
enum HelpRow {
    Blank,
    Title(String),
    Entry(String, &'static str),
    Text(&'static str),
    Nothing(String),
}

/// The overlay's lines, grouped by scope, only those that match the search; then the
/// mouse's.
fn help_rows(state: &State) -> Vec<HelpRow> {
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
            lines.push(HelpRow::Blank);
        }
        let title = if scope == focused {
            format!("{} (here)", scope.title())
        } else {
            scope.title().to_string()
        };
        lines.push(HelpRow::Title(title));
        for (action, keys) in entries {
            lines.push(HelpRow::Entry(keys, action.description()));
        }
    }
    let mouse = needle.is_empty()
        || "mouse".contains(&needle)
        || MOUSE_LINES.iter().any(|l| l.contains(&needle));
    if mouse {
        if !lines.is_empty() {
            lines.push(HelpRow::Blank);
        }
        lines.push(HelpRow::Title("Mouse".to_string()));
        lines.extend(MOUSE_LINES.map(HelpRow::Text));
    }
    if lines.is_empty() {
        lines.push(HelpRow::Nothing(format!("no key matches “{needle}”")));
    }
    lines
}

/// The overlay's lines, styled.
pub fn help_lines<'a>(state: &State, theme: &Theme) -> Vec<Line<'a>> {
    help_rows(state)
        .into_iter()
        .map(|row| match row {
            HelpRow::Blank => Line::raw(""),
            HelpRow::Title(title) => Line::styled(title, theme.title),
            HelpRow::Entry(keys, description) => Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.key),
                Span::styled(description, theme.text),
            ]),
            HelpRow::Text(text) => Line::styled(text, theme.text),
            HelpRow::Nothing(text) => Line::styled(text, theme.muted),
        })
        .collect()
}

/// The overlay's frame on a screen `area`.
pub fn help_rect(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(84);
    let height = area.height.saturating_sub(2);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// How far the overlay scrolls on a screen `area`: its last line at the bottom.
pub fn max_scroll(state: &State, area: Rect) -> u16 {
    let search = &state.help_search;
    let searching = search.typing || !search.input.value().is_empty();
    let shown = help_rect(area)
        .height
        .saturating_sub(2 + u16::from(searching));
    u16::try_from(help_rows(state).len())
        .unwrap_or(u16::MAX)
        .saturating_sub(shown)
}

pub fn render_help(frame: &mut Frame, area: Rect, state: &State, theme: &Theme, scroll: u16) {
    let rect = help_rect(area);
    let search = &state.help_search;
    let searching = search.typing || !search.input.value().is_empty();
    let lines = help_lines(state, theme);
    let max_scroll = max_scroll(state, area);
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
