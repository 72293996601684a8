//! A list's column keys: scrolling the columns left and right (the selection and the page
//! stay as they are), and the column chooser's keys while it is open (move, show or hide,
//! reorder, reset, apply and save, or cancel).

use super::columns::{Chooser, Window, last_offset, window};
use super::effect::Effect;
use super::key::{Key, KeyCode};
use super::keymap::Action;
use super::list::ListPane;
use super::nav::View;
use super::state::{Overlay, State, ToastLevel};

/// `scroll_left`, `scroll_right` or `choose_columns` on the focused list.
pub fn action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(View::List(list)) = state.view() else {
        return Vec::new();
    };
    let resource = list.resource;
    match action {
        Action::ScrollLeft => scroll(state, false),
        Action::ScrollRight => scroll(state, true),
        Action::ChooseColumns => {
            state.overlay = Some(Overlay::Columns(Chooser::new(resource, &state.columns)));
            state.dirty = true;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// One column right or left; at either end (or when everything fits) it says so, quietly.
fn scroll(state: &mut State, right: bool) -> Vec<Effect> {
    let width = state.table_width;
    let Some(View::List(list)) = state.view() else {
        return Vec::new();
    };
    let resource = list.resource;
    let shown = state.columns.shown(resource);
    let last = last_offset(&resource.columns(), &shown, width);
    let Some(list) = state.list_mut() else {
        return Vec::new();
    };
    // A wider terminal since the last scroll may have brought the end nearer.
    let current = list.column_offset.min(last);
    list.column_offset = current;
    let next = if right {
        (current < last).then_some(current + 1)
    } else {
        current.checked_sub(1)
    };
    match next {
        Some(next) => {
            list.column_offset = next;
            state.dirty = true;
            Vec::new()
        }
        None => {
            let text = if last == 0 {
                "every column is in view at this width"
            } else if right {
                "already at the last column"
            } else {
                "already at the first column"
            };
            state.toast(ToastLevel::Info, text)
        }
    }
}

/// A key while the column chooser is up.
pub fn overlay_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(Overlay::Columns(chooser)) = &mut state.overlay else {
        return Vec::new();
    };
    state.dirty = true;
    match key.code {
        KeyCode::Esc => state.overlay = None,
        KeyCode::Enter => return apply(state),
        KeyCode::Up if key.shift => chooser.shift(true),
        KeyCode::Down if key.shift => chooser.shift(false),
        KeyCode::Char('K') => chooser.shift(true),
        KeyCode::Char('J') => chooser.shift(false),
        KeyCode::Up | KeyCode::Char('k') => chooser.up(),
        KeyCode::Char('p') if key.ctrl => chooser.up(),
        KeyCode::Down | KeyCode::Char('j') => chooser.down(),
        KeyCode::Char('n') if key.ctrl => chooser.down(),
        KeyCode::Char(' ') => chooser.toggle(),
        KeyCode::Char('d') => chooser.reset(),
        _ => state.dirty = false,
    }
    Vec::new()
}

/// Enter: the choice becomes the resource's in every list of it (scrolled back to the first
/// column, as the columns moved), and is saved in the state folder.
fn apply(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Columns(chooser)) = state.overlay.take() else {
        return Vec::new();
    };
    state.columns.set(chooser.resource, &chooser.rows);
    for view in state.navs.iter_mut().flat_map(|n| n.views.iter_mut()) {
        if let View::List(list) = view
            && list.resource == chooser.resource
        {
            list.column_offset = 0;
        }
    }
    state.dirty = true;
    match &state.columns.file {
        Some(path) => vec![Effect::SaveColumns {
            path: path.clone(),
            file: state.columns.to_file(),
        }],
        None => Vec::new(),
    }
}

/// The columns `pane` shows on this terminal, as its table draws them (at the width the
/// layout gives it, `State::table_width`).
pub fn table_window(state: &State, pane: &ListPane) -> Window {
    let shown = state.columns.shown(pane.resource);
    window(
        &pane.resource.columns(),
        &shown,
        state.table_width,
        pane.column_offset,
    )
}
