//! Watch mode: `W` reads the focused list or detail again every few seconds (the config's
//! `watch_seconds`), counting down in the footer, and marks for a moment the rows (or the
//! detail's fields) that changed since the previous read. The countdown is one timer a
//! second, scheduled only while the focused view is watched and nothing pauses it (typing,
//! a form, an overlay, a dialog): with no view watched there is no timer at all.

use super::effect::{Effect, ViewId};
use super::msg::Msg;
use super::nav::View;
use super::state::{State, ToastLevel};
use super::watched::{MARK_TICKS, TICK_MS, WatchStatus, Watched, differences, seen};
use std::collections::BTreeMap;

/// Whether something takes the keys or covers the view, so the countdown waits.
pub fn paused(state: &State) -> bool {
    state.overlay.is_some()
        || state.form.is_some()
        || state.export.dialog.is_some()
        || state.unsettled.is_some()
        || state.typing()
}

/// The footer's watch note for the focused view, if it is watched.
pub fn status(state: &State) -> Option<WatchStatus> {
    let w = state.watch.views.get(&state.focused_id()?)?;
    Some(if paused(state) {
        WatchStatus::Paused
    } else {
        WatchStatus::Counting(w.left_s)
    })
}

/// `W`: watches the focused view, or stops watching it.
pub fn toggle(state: &mut State) -> Vec<Effect> {
    let Some(id) = state.focused_id() else {
        return Vec::new();
    };
    if state.watch.views.remove(&id).is_some() {
        return state.toast(ToastLevel::Info, "watch off");
    }
    let (today, time) = (state.today, state.time);
    let Some(view) = state.view() else {
        return Vec::new();
    };
    let watched = Watched {
        left_s: state.watch.every_s,
        changed: BTreeMap::new(),
        by_watch: false,
        seen: seen(view, today, time),
    };
    state.watch.views.insert(id, watched);
    let every = state.watch.every_s;
    state.toast(ToastLevel::Info, format!("watching every {every} s"))
}

/// The user read the view again (`r`): the countdown starts over, and this read marks
/// nothing.
pub fn reset(state: &mut State) {
    let every = state.watch.every_s;
    if let Some(id) = state.focused_id()
        && let Some(w) = state.watch.views.get_mut(&id)
    {
        w.left_s = every;
        w.by_watch = false;
        state.dirty = true;
    }
}

/// The countdown reached zero and the focused view is read again: what this read finds
/// changed is marked.
pub fn reading(state: &mut State) {
    if let Some(id) = state.focused_id()
        && let Some(w) = state.watch.views.get_mut(&id)
    {
        w.by_watch = true;
    }
}

/// A second passed (tick `n`): marks age, and the focused watched view counts down. `true`
/// when it is at zero and must be read again (as `r` would).
pub fn tick(state: &mut State, n: u64) -> bool {
    if state.watch.timer != Some(n) {
        return false;
    }
    state.watch.timer = None;
    for w in state.watch.views.values_mut() {
        let before = w.changed.len();
        w.changed.retain(|_, left| {
            *left = left.saturating_sub(1);
            *left > 0
        });
        if w.changed.len() != before {
            state.dirty = true;
        }
    }
    if paused(state) {
        return false;
    }
    let every = state.watch.every_s;
    let Some(w) = state
        .focused_id()
        .and_then(|id| state.watch.views.get_mut(&id))
    else {
        return false;
    };
    state.dirty = true;
    w.left_s = w.left_s.saturating_sub(1);
    if w.left_s > 0 {
        return false;
    }
    w.left_s = every;
    true
}

/// The view `id` took an answer: when it is watched and has everything it asked for, what
/// it shows becomes the new reference, and when the countdown asked for this read, what
/// differs from the previous one is marked.
pub fn answered(state: &mut State, id: ViewId) {
    if !state.watch.views.contains_key(&id) {
        return;
    }
    let (today, time) = (state.today, state.time);
    let Some(view) = state.view_by_id(id) else {
        return;
    };
    if !view.tickets().is_empty() {
        // Sections still coming: compared once they are all in.
        return;
    }
    let new = seen(view, today, time);
    let Some(w) = state.watch.views.get_mut(&id) else {
        return;
    };
    if w.by_watch {
        for key in differences(&w.seen, &new) {
            w.changed.insert(key, MARK_TICKS);
        }
    }
    w.by_watch = false;
    w.seen = new;
    state.dirty = true;
}

/// After every message: forgets the watches of closed views, and schedules the next tick
/// when the focused view is watched, nothing pauses it, and none is scheduled yet. Marks
/// left on a view that is not counting wait for its next tick.
pub fn after(state: &mut State) -> Vec<Effect> {
    if state.watch.views.is_empty() {
        return Vec::new();
    }
    let open: Vec<ViewId> = state
        .navs
        .iter()
        .flat_map(|n| n.views.iter().map(View::id))
        .collect();
    state.watch.views.retain(|id, _| open.contains(id));
    let counting = state
        .focused_id()
        .is_some_and(|id| state.watch.views.contains_key(&id))
        && !paused(state);
    if !counting || state.watch.timer.is_some() {
        return Vec::new();
    }
    let n = state.watch.next_timer;
    state.watch.next_timer += 1;
    state.watch.timer = Some(n);
    vec![Effect::Schedule {
        after_ms: TICK_MS,
        msg: Box::new(Msg::WatchTick(n)),
    }]
}
