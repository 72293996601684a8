//! The manual retry after a 429: `r` on a list or detail whose last request was refused
//! with `Retry-After` counts that long down on screen ("retrying in 3 s", one timer a
//! second) and sends only at zero; `r` again meanwhile does not send early. The open form's
//! own countdown (ctrl-t after a refused write) ticks through here too.

use super::effect::Effect;
use super::loads::{load_list, refresh_detail};
use super::msg::Msg;
use super::nav::View;
use super::state::{RetryWait, State, ToastLevel};
use super::write_flow;

const SECOND_MS: u64 = write_flow::RETRY_TICK_MS;

/// `r` on the focused view: `Some` when it takes the key (the last request was rate
/// limited with `Retry-After`, or a countdown for it is running), `None` to refresh now.
pub fn refresh(state: &mut State) -> Option<Vec<Effect>> {
    let view = state.view()?;
    let id = view.id();
    if let Some(wait) = state.retry_wait.filter(|w| w.view == id) {
        // Already counting: said again, nothing sent early.
        return Some(state.toast(ToastLevel::Info, format!("retrying in {} s", wait.left_s)));
    }
    let error = match view {
        View::List(l) => l.error.as_ref(),
        View::Detail(d) => d.error.as_ref(),
        // A chart's `r` reads it again; its 429s wait on their own.
        View::Chart(_) => None,
    };
    let secs = error
        .filter(|e| e.status == Some(429))
        .and_then(|e| e.retry_after_secs)
        .filter(|s| *s > 0)?;
    let wait = RetryWait {
        view: id,
        left_s: secs,
        id: state.ticket(),
    };
    state.retry_wait = Some(wait);
    let mut effects = state.toast(
        ToastLevel::Info,
        format!("rate limited: retrying in {secs} s"),
    );
    effects.push(next_tick(wait.id));
    Some(effects)
}

/// A second of the countdown `id` passed: the next, or at zero the retry itself.
pub fn tick(state: &mut State, id: u64) -> Vec<Effect> {
    if let Some(effects) = write_flow::retry_tick(state, id) {
        return effects;
    }
    let Some(wait) = state.retry_wait.as_mut().filter(|w| w.id == id) else {
        return Vec::new();
    };
    wait.left_s = wait.left_s.saturating_sub(1);
    if wait.left_s > 0 {
        let left = wait.left_s;
        let mut effects = state.toast(ToastLevel::Info, format!("retrying in {left} s"));
        effects.push(next_tick(id));
        return effects;
    }
    let view = wait.view;
    state.retry_wait = None;
    state.toast = None;
    state.dirty = true;
    match state.view_by_id(view) {
        Some(View::List(_)) => load_list(state, view, false),
        Some(View::Detail(_)) => refresh_detail(state, view),
        Some(View::Chart(_)) | None => Vec::new(),
    }
}

fn next_tick(id: u64) -> Effect {
    Effect::Schedule {
        after_ms: SECOND_MS,
        msg: Box::new(Msg::RetryTick(id)),
    }
}
