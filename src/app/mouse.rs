//! What a click or a wheel turn does: a tab focuses its pane, a row of a list or a
//! selectable line of a detail is selected (the selected one, or a double click, opens it),
//! a breadcrumb goes back to its view, the wheel moves the list, the detail or the help. While anything asks for an answer (a form and its
//! confirmation, the unfinished-writes notice, the export dialog, a prompt, the filter line,
//! the recent items) the mouse does nothing: a confirmation is never given, nor refused, by
//! a click, and no mouse event is typed into a text field. `M` turns the capture off so the
//! terminal's own text selection works, and on again.

use super::case_lines::{case_lines, selectable};
use super::detail::{Load, Section, Subject};
use super::effect::Effect;
use super::keymap::{Action, Scope};
use super::nav::View;
use super::pointer::{Anchor, Hit, Pointer, PointerKind, Press, WHEEL_LINES};
use super::state::{Overlay, State, Tab, ToastLevel};

/// What the shell is to do for a mouse event (it owns switching panes and going back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gesture {
    None,
    /// Focus this pane.
    Tab(Tab),
    /// Close this many views on the focused pane.
    Back(usize),
    /// Run this action on the focused view this many times, as its key would.
    Repeat(Action, usize),
}

/// Whether something on screen asks for an answer, so the mouse must leave it alone.
fn answer_awaited(state: &State) -> bool {
    state.form.is_some()
        || state.unsettled.is_some()
        || state.export.dialog.is_some()
        || state.prompt.is_some()
        || state.typing()
        || matches!(
            state.overlay,
            Some(Overlay::Recent(_) | Overlay::Columns(_))
        )
}

/// Decides what a mouse event does; a row selection and the help's scroll are done here.
pub fn gesture(state: &mut State, pointer: Pointer) -> Gesture {
    if !state.mouse.capture || answer_awaited(state) {
        state.mouse.last_press = None;
        return Gesture::None;
    }
    if let Some(Overlay::Help { scroll }) = &mut state.overlay {
        // Only the wheel works on the help; a click neither closes it nor reaches below.
        let max = match pointer.hit {
            Some(Hit::Help { max_scroll }) => max_scroll,
            _ => return Gesture::None,
        };
        let lines = u16::try_from(WHEEL_LINES).unwrap_or(u16::MAX);
        let next = match pointer.kind {
            PointerKind::WheelDown => scroll.saturating_add(lines).min(max),
            PointerKind::WheelUp => (*scroll).min(max).saturating_sub(lines),
            PointerKind::Press => return Gesture::None,
        };
        if next != *scroll {
            *scroll = next;
            state.dirty = true;
        }
        return Gesture::None;
    }
    match pointer.kind {
        PointerKind::WheelDown => Gesture::Repeat(Action::SelectDown, WHEEL_LINES),
        PointerKind::WheelUp => Gesture::Repeat(Action::SelectUp, WHEEL_LINES),
        PointerKind::Press => press(state, pointer),
    }
}

fn press(state: &mut State, pointer: Pointer) -> Gesture {
    let at = state.input_at;
    let double = state.mouse.is_double(at, pointer.column, pointer.row);
    let already_opened = double && state.mouse.last_press.is_some_and(|p| p.opened);
    let gesture = match pointer.hit {
        Some(Hit::Tab(index)) => match Tab::all().nth(index) {
            Some(tab) if tab != state.tab => Gesture::Tab(tab),
            _ => Gesture::None,
        },
        Some(Hit::Crumb(depth)) => {
            let top = state.nav().depth().saturating_sub(1);
            if depth < top {
                Gesture::Back(top - depth)
            } else {
                Gesture::None
            }
        }
        Some(Hit::Row(..)) if already_opened => Gesture::None,
        // The second press of a double click opens the row its first press selected, even
        // if the rows moved under the pointer in between.
        Some(Hit::Row(..)) if double => Gesture::Repeat(Action::Open, 1),
        Some(Hit::Row(index, window)) => {
            let size = (state.width, state.height);
            match state.list_mut() {
                Some(list) if list.selected == index => Gesture::Repeat(Action::Open, 1),
                Some(list) if index < list.rows.len() => {
                    list.selected = index;
                    let view = list.id;
                    state.mouse.anchor = Some(Anchor { view, window, size });
                    state.dirty = true;
                    Gesture::None
                }
                _ => Gesture::None,
            }
        }
        Some(Hit::Line(..)) if already_opened => Gesture::None,
        Some(Hit::Line(index)) => line(state, index, double),
        Some(Hit::Help { .. }) | None => Gesture::None,
    };
    let opened = matches!(gesture, Gesture::Repeat(Action::Open, _)) || already_opened;
    state.mouse.last_press = at.map(|at| Press {
        at,
        column: pointer.column,
        row: pointer.row,
        opened,
    });
    gesture
}

/// A click on the focused detail's selectable line `index`: the line already selected, or
/// a double click's, opens what it names (as `enter` would, through the same action),
/// another is selected (as `j`/`k` would leave it; it is on screen, so nothing scrolls).
/// A line the focused view does not have does nothing, double or not.
fn line(state: &mut State, index: usize, double: bool) -> Gesture {
    let retry = state.keymap.hint(Scope::Detail, Action::Refresh);
    let (today, time) = (state.today, state.time);
    let Some(View::Detail(d)) = state.view_mut() else {
        return Gesture::None;
    };
    let selected = match (&d.subject, &d.promotions) {
        _ if d.raw => return Gesture::None,
        (Subject::Customer(_), _) => {
            let count = selectable(&case_lines(d, today, time, &retry));
            if index >= count {
                return Gesture::None;
            }
            &mut d.case.cursor
        }
        (_, Load::Ready(list)) if d.section == Section::Promotions && index < list.len() => {
            &mut d.promotion_cursor
        }
        // A stay's wallet: the one line `enter` opens, so always the selected one.
        (Subject::Stay(_), _) if index == 0 => return Gesture::Repeat(Action::Open, 1),
        _ => return Gesture::None,
    };
    if double || *selected == index {
        return Gesture::Repeat(Action::Open, 1);
    }
    *selected = index;
    state.dirty = true;
    Gesture::None
}

/// `M`: the capture off (the terminal selects text again) or on, at once, said in a toast.
pub fn toggle(state: &mut State) -> Vec<Effect> {
    let on = !state.mouse.capture;
    state.mouse.capture = on;
    state.mouse.last_press = None;
    let text = if on {
        "mouse on: click and scroll here (shift+drag selects text)"
    } else {
        "mouse off: the terminal selects text (M turns it on)"
    };
    let mut effects = vec![Effect::MouseCapture(on)];
    effects.extend(state.toast(ToastLevel::Info, text));
    effects
}

/// After each message: the clicked list's window follows its selection (the keys and the
/// wheel move it from where the click left it); at another screen size it is forgotten.
pub fn follow(state: &mut State) {
    let Some(mut anchor) = state.mouse.anchor else {
        return;
    };
    if anchor.size != (state.width, state.height) {
        state.mouse.anchor = None;
        return;
    }
    let selected = match state.view() {
        Some(super::nav::View::List(list)) if list.id == anchor.view => list.selected,
        _ => return,
    };
    anchor.follow(selected);
    state.mouse.anchor = Some(anchor);
}
