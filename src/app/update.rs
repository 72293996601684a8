//! `update(&mut State, Msg) -> Vec<Effect>`: the only place the state changes, and the
//! shell of the console. Keys go one way: the shell resolves the action for the focused
//! scope and hands it to the overlay, the form, the prompt or the focused view, which
//! answer with effects and, maybe, where to go; replies go straight to the destination
//! their request named. Pure: no I/O, no clock, no terminal.

use super::effect::Effect;
use super::key::Key;
use super::keymap::Action;
use super::loads::{self, load_if_untouched};
use super::msg::{Msg, Reply};
use super::nav::{Step, View};
use super::state::{Health, Overlay, State, Tab, ToastLevel};
use super::{
    columns_flow, detail_view, export_flow, goto, key_trail, list_view, memory, prompt, retry_wait,
    search, unsettled_flow, watch, write_answers, write_flow,
};
use crate::domain::{ApiError, ErrorKind, Provider};

pub use super::list_view::DEBOUNCE_MS;
pub use super::state::TOAST_MS;

/// The effects to run when the console starts: a health check per configured provider and
/// the first page of the focused pane.
pub fn start(state: &mut State) -> Vec<Effect> {
    let mut effects = Vec::new();
    for provider in Provider::ALL {
        if state.health.get(&provider) == Some(&Health::NotConfigured) {
            continue;
        }
        effects.push(state.request(super::effect::Query::Health(provider)).1);
    }
    // Queued, so a key-map conflict and a broken pins file are both read.
    for conflict in state.keymap.conflicts.clone() {
        effects.extend(state.queue_toast(ToastLevel::Warning, conflict.to_string()));
    }
    for problem in std::mem::take(&mut state.memory_problems) {
        effects.extend(state.queue_toast(ToastLevel::Warning, problem));
    }
    effects.extend(load_if_untouched(state));
    effects
}

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let mut effects = dispatch(state, msg);
    // Where the user now stands: a new place, a recent item.
    effects.extend(memory::after(state));
    super::mouse::follow(state);
    // The watch countdown's next second, when it counts.
    effects.extend(watch::after(state));
    effects
}

fn dispatch(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(state, key),
        Msg::Paste(text) => on_paste(state, &text),
        Msg::Resize {
            width,
            height,
            body,
            table,
        } => {
            state.width = width;
            state.height = height;
            state.body_rows = body;
            state.table_width = table;
            state.dirty = true;
            Vec::new()
        }
        Msg::Tick => {
            if state.animating() {
                state.spinner = state.spinner.wrapping_add(1);
                state.dirty = true;
            }
            Vec::new()
        }
        Msg::Reply { ticket, reply } => on_reply(state, ticket, reply),
        Msg::ToastExpired(id) => {
            if state.toast.as_ref().is_some_and(|t| t.id == id) {
                state.toast = None;
                state.dirty = true;
            }
            match state.toast_queue.pop_front() {
                Some((level, text)) if state.toast.is_none() => state.toast(level, text),
                Some(next) => {
                    state.toast_queue.push_front(next);
                    Vec::new()
                }
                None => Vec::new(),
            }
        }
        Msg::FilterSettled(generation) if search::owns(state, generation) => {
            search::settled(state, generation)
        }
        Msg::FilterSettled(generation) => {
            let step = list_view::filter_settled(state, generation);
            follow(state, step)
        }
        Msg::Export(note) => export_flow::note(state, note),
        Msg::Today(today) => {
            if state.today != today {
                state.today = today;
                state.dirty = true;
            }
            Vec::new()
        }
        Msg::NotRemembered(why) => state.toast(ToastLevel::Warning, why),
        Msg::InputAt(at) => {
            state.input_at = Some(at);
            Vec::new()
        }
        Msg::Drawn { at } => {
            let mut effects = write_flow::drawn(state, at);
            effects.extend(export_flow::drawn(state, at));
            effects
        }
        Msg::ConfirmReady { shown } => {
            export_flow::confirm_ready(state, shown);
            write_flow::confirm_ready(state, shown)
        }
        Msg::RetryTick(id) => retry_wait::tick(state, id),
        Msg::Mouse(pointer) => on_mouse(state, pointer),
        Msg::WatchTick(n) if watch::tick(state, n) => watch_refresh(state),
        Msg::WatchTick(_) => Vec::new(),
        Msg::ChartRetry { view, page } => super::chart_loads::retry(state, view, page),
    }
}

/// Hands an answer to the destination its request named. An answer whose ticket is no
/// longer in the ledger (replaced, cancelled, or its view closed) is dropped.
fn on_reply(state: &mut State, ticket: super::effect::Ticket, reply: Reply) -> Vec<Effect> {
    let Some(inflight) = state.inflight.remove(&ticket) else {
        return Vec::new();
    };
    state.dirty = true;
    let provider = inflight.query.provider();
    // Local bookkeeping, or a write the runner refused itself: nothing said of the provider.
    let local = matches!(reply, Reply::Recorded(_))
        || matches!(
            &reply,
            Reply::Detail {
                answer: super::msg::DetailAnswer::Journal(_),
                ..
            }
        )
        || matches!(
            (&reply, reply.error()),
            (Reply::Written(_), Some(e)) if e.kind == ErrorKind::Local
        );
    if !local {
        record_health(state, provider, reply.error());
    }
    if let super::effect::Query::Write { request, .. } = &inflight.query {
        super::chart_loads::forget_written(state, request);
    }
    match reply {
        Reply::Health(_) => Vec::new(),
        Reply::Recorded(result) => export_flow::recorded(state, ticket, result),
        Reply::Page { view, result } => {
            if let Some(list) = state.list_by_id(view) {
                list.accept(result);
            }
            watch::answered(state, view);
            super::name_loads::ask_for_page(state, view)
        }
        Reply::CustomerName { id, result } => {
            super::name_loads::answer(state, id, result);
            Vec::new()
        }
        Reply::CustomerHoldings { id, result } => {
            super::name_loads::answer_holdings(state, id, result);
            Vec::new()
        }
        Reply::ExportPage { job, page, result } => export_flow::page(state, job, page, result),
        Reply::Detail { view, answer } => {
            let effects = detail_view::answer(state, view, answer);
            watch::answered(state, view);
            effects
        }
        Reply::Form(answer) => write_answers::answer(state, answer),
        Reply::Written(result) => write_answers::written(state, ticket, result),
        Reply::Rechecked {
            write,
            result,
            digest,
        } => unsettled_flow::answer(state, ticket, &write, result, digest.as_deref()),
        Reply::Search(result) => {
            search::answer(state, ticket, result);
            Vec::new()
        }
        Reply::Probe(result) => {
            let step = goto::answer(state, result);
            follow(state, step)
        }
        Reply::Chart { view, answer } => super::chart_loads::answer(state, view, answer),
    }
}

/// Any answer proves the provider reachable; transport failures and 5xx mark it down.
fn record_health(state: &mut State, provider: Provider, error: Option<&ApiError>) {
    let health = match error {
        None => Health::Ok,
        Some(e) => match e.kind {
            ErrorKind::Connect
            | ErrorKind::Timeout
            | ErrorKind::ConnectionLost
            | ErrorKind::ServerError => Health::Down,
            ErrorKind::Unauthorized | ErrorKind::Local => Health::Down,
            _ => Health::Ok,
        },
    };
    state.health.insert(provider, health);
}

/// Runs a view's step: its effects, then the view it asks to open.
fn follow(state: &mut State, step: Step) -> Vec<Effect> {
    let mut effects = step.effects;
    if let Some(go) = step.go {
        effects.extend(loads::open(state, go));
    }
    effects
}

fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    if state.overlay.is_none() && state.form.is_some() {
        return write_flow::paste(state, text);
    }
    if state.export.dialog.is_some() {
        export_flow::paste(state, text);
        return Vec::new();
    }
    if state.prompt.is_some() {
        return prompt::paste(state, text);
    }
    if state.typing() {
        return list_view::filter_paste(state, text);
    }
    Vec::new()
}

/// A key press, and its place in the presenter's trail (judged before the key changes where
/// keys go).
fn on_key(state: &mut State, key: Key) -> Vec<Effect> {
    let action = state.keymap.action(state.scope(), key);
    let entry = key_trail::entry(key, action, takes_text(state));
    let effects = handle_key(state, key);
    if state.key_trail.record(entry) {
        state.dirty = true;
    }
    effects
}

/// Whether keys go to a text line, a form or a dialog, where a character is text.
fn takes_text(state: &State) -> bool {
    state.typing()
        || state.form.is_some()
        || state.export.dialog.is_some()
        || matches!(state.overlay, Some(Overlay::Recent(_)))
        || (matches!(state.overlay, Some(Overlay::Help { .. })) && state.help_search.typing)
}

/// Reads the focused view again, as `r` does: after a 429 with `Retry-After`, that long
/// from now.
fn refresh_focused(state: &mut State) -> Vec<Effect> {
    if let Some(effects) = retry_wait::refresh(state) {
        return effects;
    }
    let step = match state.view() {
        Some(View::Detail(_)) => detail_view::action(state, Action::Refresh),
        _ => list_view::action(state, Action::Refresh),
    };
    follow(state, step)
}

/// Watch mode's read at zero: as `r`, except that a retry already counting down to the
/// provider's `Retry-After` is left to run (said once, not every few seconds).
fn watch_refresh(state: &mut State) -> Vec<Effect> {
    let focused = state.focused_id();
    if state.retry_wait.is_some_and(|w| Some(w.view) == focused) {
        return Vec::new();
    }
    watch::reading(state);
    refresh_focused(state)
}

fn handle_key(state: &mut State, key: Key) -> Vec<Effect> {
    let action = state.keymap.action(state.scope(), key);
    if action == Some(Action::ForceQuit) {
        state.quit = true;
        return vec![Effect::Quit];
    }
    if let Some(effects) = unsettled_flow::key(state, key) {
        return effects;
    }
    if matches!(state.overlay, Some(Overlay::Recent(_))) {
        return memory::overlay_key(state, key);
    }
    if matches!(state.overlay, Some(Overlay::Columns(_))) {
        return columns_flow::overlay_key(state, key);
    }
    if matches!(state.overlay, Some(Overlay::Help { .. })) && help_search_key(state, key) {
        return Vec::new();
    }
    if let Some(Overlay::Help { scroll }) = &mut state.overlay {
        match action {
            Some(Action::Help | Action::Back | Action::Quit) => {
                state.overlay = None;
                state.help_search = Default::default();
            }
            Some(Action::SelectDown) => *scroll = scroll.saturating_add(1),
            Some(Action::SelectUp) => *scroll = scroll.saturating_sub(1),
            Some(Action::PageNext) => *scroll = scroll.saturating_add(10),
            Some(Action::PagePrev) => *scroll = scroll.saturating_sub(10),
            Some(Action::SelectTop) => *scroll = 0,
            _ => return Vec::new(),
        }
        state.dirty = true;
        return Vec::new();
    }
    if state.form.is_some() {
        return write_flow::key(state, key, action);
    }
    if state.export.dialog.is_some() {
        return export_flow::key(state, key);
    }
    if state.prompt.is_some() {
        let step = prompt::key(state, key);
        return follow(state, step);
    }
    if state.typing() {
        let step = list_view::filter_key(state, key);
        return follow(state, step);
    }
    let Some(action) = action else {
        return Vec::new();
    };
    if action == Action::Back && export_flow::takes_esc(state) {
        return export_flow::cancel(state);
    }
    if let Some(tab) = Tab::all().find(|t| t.resource().tab_action() == action) {
        return switch_tab(state, tab);
    }
    match action {
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Quit if state.at_top_level() => {
            state.quit = true;
            return vec![Effect::Quit];
        }
        Action::NextTab => return switch_tab(state, state.tab.next()),
        Action::PrevTab => return switch_tab(state, state.tab.prev()),
        Action::GoTo => state.open_prompt(super::nav::PromptKind::GoTo),
        Action::Back => return back(state),
        Action::PlaceBack
        | Action::PlaceForward
        | Action::ToList
        | Action::Pin
        | Action::Recent => return memory::action(state, action),
        Action::OpenWallet
        | Action::ChangePaymentMethod
        | Action::CancelPromotion
        | Action::ApplyReplacementCard => {
            return write_flow::open(state, action);
        }
        Action::ToggleMouse => return super::mouse::toggle(state),
        Action::ShowKeys => state.key_trail.toggle(),
        Action::Chart => return super::chart_loads::open_for_focus(state),
        other if matches!(state.view(), Some(View::Chart(_))) => {
            return super::chart_loads::action(state, other).unwrap_or_default();
        }
        Action::ScrollLeft | Action::ScrollRight | Action::ChooseColumns => {
            return columns_flow::action(state, action);
        }
        Action::Refresh => {
            watch::reset(state);
            return refresh_focused(state);
        }
        Action::Watch => return watch::toggle(state),
        other => {
            let step = match state.view() {
                Some(View::Detail(_)) => detail_view::action(state, other),
                _ => list_view::action(state, other),
            };
            return follow(state, step);
        }
    }
    state.dirty = true;
    Vec::new()
}

/// A click or a wheel turn: `mouse` decides, the shell switches panes and goes back, the
/// focused view runs the action as it would for its key.
fn on_mouse(state: &mut State, pointer: super::pointer::Pointer) -> Vec<Effect> {
    use super::mouse::Gesture;
    let mut effects = Vec::new();
    match super::mouse::gesture(state, pointer) {
        Gesture::None => {}
        Gesture::Tab(tab) => effects.extend(switch_tab(state, tab)),
        Gesture::Back(levels) => {
            for _ in 0..levels {
                effects.extend(back(state));
            }
        }
        Gesture::Repeat(action, times) => {
            for _ in 0..times {
                let step = match state.view() {
                    Some(View::Detail(_)) => detail_view::action(state, action),
                    _ => list_view::action(state, action),
                };
                effects.extend(follow(state, step));
            }
        }
    }
    effects
}

/// The help overlay's search line: `/` starts it; while typing, keys edit it (enter keeps
/// the text, esc clears it). `true` when the key was the search's.
fn help_search_key(state: &mut State, key: Key) -> bool {
    let search = &mut state.help_search;
    if !search.typing {
        if key == Key::char('/') {
            search.typing = true;
            state.dirty = true;
            return true;
        }
        return false;
    }
    match super::text::edit(&mut search.input, key) {
        super::text::Edit::Submit => search.typing = false,
        super::text::Edit::Cancel => *search = Default::default(),
        super::text::Edit::Changed => {
            if let Some(Overlay::Help { scroll }) = &mut state.overlay {
                *scroll = 0;
            }
        }
        super::text::Edit::Unchanged => {}
    }
    state.dirty = true;
    true
}

/// Pops the focused view; the one below is exactly as it was left.
pub fn back(state: &mut State) -> Vec<Effect> {
    if state.nav().depth() <= 1 {
        return Vec::new();
    }
    let mut effects = Vec::new();
    if let Some(view) = state.nav_mut().views.pop() {
        for ticket in view.tickets() {
            effects.push(state.cancel(ticket));
        }
    }
    state.dirty = true;
    effects
}

fn switch_tab(state: &mut State, tab: Tab) -> Vec<Effect> {
    state.tab = tab;
    state.dirty = true;
    load_if_untouched(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::{Key, KeyCode};
    use chrono::NaiveDate;

    fn state() -> State {
        State::for_tests(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
    }

    fn key(state: &mut State, k: Key) -> Vec<Effect> {
        update(state, Msg::Key(k))
    }

    #[test]
    fn tabs_by_number_and_cycle() {
        let mut s = state();
        key(&mut s, Key::char('3'));
        assert_eq!(s.tab, Tab::WALLETS);
        key(&mut s, Key::plain(KeyCode::Tab));
        assert_eq!(s.tab, Tab::TRANSFERS);
        key(&mut s, Key::plain(KeyCode::Tab));
        assert_eq!(s.tab, Tab::STAYS);
        key(&mut s, Key::plain(KeyCode::Tab));
        assert_eq!(s.tab, Tab::CUSTOMERS);
        key(&mut s, Key::plain(KeyCode::BackTab));
        assert_eq!(s.tab, Tab::STAYS);
        key(&mut s, Key::char('5'));
        assert_eq!(s.tab, Tab::STAYS);
    }

    #[test]
    fn help_opens_scrolls_and_closes_with_esc() {
        let mut s = state();
        key(&mut s, Key::char('?'));
        assert_eq!(s.overlay, Some(Overlay::Help { scroll: 0 }));
        key(&mut s, Key::char('j'));
        assert_eq!(s.overlay, Some(Overlay::Help { scroll: 1 }));
        // Keys that mean something elsewhere do nothing under the overlay.
        key(&mut s, Key::char('2'));
        assert_eq!(s.tab, Tab::CUSTOMERS);
        key(&mut s, Key::plain(KeyCode::Esc));
        assert_eq!(s.overlay, None);
    }

    #[test]
    fn q_closes_help_before_quitting() {
        let mut s = state();
        key(&mut s, Key::char('?'));
        assert!(key(&mut s, Key::char('q')).is_empty());
        assert!(!s.quit && s.overlay.is_none());
        assert_eq!(key(&mut s, Key::char('q')), vec![Effect::Quit]);
        assert!(s.quit);
    }

    #[test]
    fn ctrl_c_always_quits() {
        let mut s = state();
        key(&mut s, Key::char('?'));
        assert_eq!(key(&mut s, Key::ctrl('c')), vec![Effect::Quit]);
    }

    #[test]
    fn unbound_keys_do_not_redraw() {
        let mut s = state();
        s.dirty = false;
        key(&mut s, Key::char('%'));
        assert!(!s.dirty);
    }

    #[test]
    fn stale_replies_are_dropped_and_health_recorded() {
        let mut s = state();
        let effects = start(&mut s);
        assert_eq!(
            effects.len(),
            6,
            "five health checks and the first customers page"
        );
        let Effect::Request { ticket, .. } = effects[0].clone() else {
            panic!("{effects:?}")
        };
        update(
            &mut s,
            Msg::Reply {
                ticket,
                reply: Reply::Health(Ok(3)),
            },
        );
        assert_eq!(s.health[&Provider::Mascustomers], Health::Ok);
        assert_eq!(s.inflight.len(), 5);
        // The same ticket again (or an unknown one) changes nothing.
        s.dirty = false;
        update(
            &mut s,
            Msg::Reply {
                ticket,
                reply: Reply::Health(Ok(3)),
            },
        );
        update(
            &mut s,
            Msg::Reply {
                ticket: 999,
                reply: Reply::Health(Ok(3)),
            },
        );
        assert!(!s.dirty);
        let Effect::Request { ticket, .. } = effects[1].clone() else {
            panic!()
        };
        let err = ApiError::new(Provider::Pxlhub, ErrorKind::Connect, "refused");
        update(
            &mut s,
            Msg::Reply {
                ticket,
                reply: Reply::Health(Err(err)),
            },
        );
        assert_eq!(s.health[&Provider::Pxlhub], Health::Down);
    }

    #[test]
    fn ticks_only_animate_while_requests_run() {
        let mut s = state();
        s.dirty = false;
        update(&mut s, Msg::Tick);
        assert!(!s.dirty, "an idle console must not redraw on ticks");
        start(&mut s);
        s.dirty = false;
        update(&mut s, Msg::Tick);
        assert!(s.dirty);
    }

    #[test]
    fn start_up_notices_are_shown_one_after_the_other_none_lost() {
        let mut s = state();
        s.memory_problems = vec!["pins.json is not readable".into(), "recent.json too".into()];
        let effects = start(&mut s);
        let expiry = |effects: &[Effect]| {
            effects.iter().find_map(|e| match e {
                Effect::Schedule { msg, .. } => match **msg {
                    Msg::ToastExpired(id) => Some(id),
                    _ => None,
                },
                _ => None,
            })
        };
        assert_eq!(s.toast.as_ref().unwrap().text, "pins.json is not readable");
        let first = expiry(&effects).expect("the first expires");
        // Something else said meanwhile replaces it; the queued one still comes after.
        s.toast(ToastLevel::Info, "copied c-1");
        let copied = s.toast.as_ref().unwrap().id;
        assert!(update(&mut s, Msg::ToastExpired(first)).is_empty());
        assert_eq!(s.toast.as_ref().unwrap().text, "copied c-1");
        let effects = update(&mut s, Msg::ToastExpired(copied));
        assert_eq!(s.toast.as_ref().unwrap().text, "recent.json too");
        let last = expiry(&effects).expect("it expires too");
        update(&mut s, Msg::ToastExpired(last));
        assert!(s.toast.is_none() && s.toast_queue.is_empty());
    }

    #[test]
    fn toasts_expire_by_id() {
        let mut s = state();
        s.toast(ToastLevel::Info, "first");
        let first = s.toast.as_ref().unwrap().id;
        s.toast(ToastLevel::Info, "second");
        update(&mut s, Msg::ToastExpired(first));
        assert_eq!(s.toast.as_ref().unwrap().text, "second");
        let second = s.toast.as_ref().unwrap().id;
        update(&mut s, Msg::ToastExpired(second));
        assert!(s.toast.is_none());
    }

    #[test]
    fn the_date_moves_on_when_the_runtime_says_midnight_passed() {
        let mut s = state();
        s.dirty = false;
        let today = s.today;
        update(&mut s, Msg::Today(today));
        assert!(!s.dirty, "the same day changes nothing");
        let tomorrow = today.succ_opt().unwrap();
        update(&mut s, Msg::Today(tomorrow));
        assert_eq!(s.today, tomorrow);
        assert!(s.dirty);
    }
}
