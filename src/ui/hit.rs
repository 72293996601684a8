//! What is under a screen cell: the same layout functions the render uses (`screen_areas`,
//! `trail`, `body_areas`, `list_areas`, `row_layout`, `detail_layout`, `tab_labels`,
//! `help_rect`), so a click finds what is drawn where it lands.

use super::{Theme, body_areas, detail, help, pane, screen_areas, shell, table, trail};
use crate::app::nav::View;
use crate::app::pointer::{Hit, Window};
use crate::app::state::{Overlay, State};
use ratatui::layout::{Position, Rect};

/// What the cell at `column`, `row` shows on the screen `state` is drawn as (its size is
/// the state's); `None` for a cell that means nothing to the mouse.
pub fn hit(state: &State, column: u16, row: u16) -> Option<Hit> {
    if state.too_small() {
        return None;
    }
    let area = Rect::new(0, 0, state.width, state.height);
    let at = Position { x: column, y: row };
    if !area.contains(at) {
        return None;
    }
    match &state.overlay {
        // The help covers the screen: the wheel scrolls it wherever the pointer is.
        Some(Overlay::Help { .. }) => {
            return Some(Hit::Help {
                max_scroll: help::max_scroll(state, area),
            });
        }
        Some(Overlay::Recent(_) | Overlay::Columns(_)) => return None,
        None => {}
    }
    let [_, tabs, body, _] = screen_areas(area);
    if tabs.contains(at) {
        return tab_at(column - tabs.x);
    }
    if !body.contains(at) {
        return None;
    }
    if row == body.y {
        return crumb_at(state, body, column);
    }
    let main = body_areas(state, body).main;
    let list = match state.view() {
        Some(View::List(list)) => list,
        Some(View::Detail(d)) if main.contains(at) => {
            // Laid out by the render's own function; the styles do not move a line.
            let layout = detail::detail_layout(d, state, main, &Theme::unstyled());
            return layout.pick_at(main, row).map(Hit::Line);
        }
        _ => return None,
    };
    let table_area = pane::list_areas(main, list).table;
    if list.rows.is_empty() || !table_area.contains(at) || row == table_area.y {
        return None;
    }
    let anchored = state.mouse.anchored_first(list.id);
    let layout = table::row_layout(table_area, list.selected, anchored);
    let index = layout.row_at(row, list.rows.len())?;
    let (first, rows) = (layout.first, layout.visible);
    Some(Hit::Row(index, Window { first, rows }))
}

/// The tab whose label covers this column of the tab bar.
fn tab_at(column: u16) -> Option<Hit> {
    let mut x: u16 = 0;
    for (index, (_, label)) in shell::tab_labels().enumerate() {
        let width = u16::try_from(super::sanitize::width(&label)).unwrap_or(u16::MAX);
        if column >= x && column < x.saturating_add(width) {
            return Some(Hit::Tab(index));
        }
        x = x.saturating_add(width).saturating_add(shell::TAB_GAP);
    }
    None
}

/// The breadcrumb at this column of the body's top border.
fn crumb_at(state: &State, body: Rect, column: u16) -> Option<Hit> {
    // The title starts after the frame's corner.
    let start = body.x + 1;
    let offset = column.checked_sub(start)?;
    trail(state, body.width)
        .crumbs
        .into_iter()
        .find(|&(_, from, width)| offset >= from && offset < from.saturating_add(width))
        .map(|(depth, _, _)| Hit::Crumb(depth))
}
