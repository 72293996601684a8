//! `update(&mut State, Msg) -> Vec<Effect>`: the only place the state changes. Pure: no I/O,
//! no clock, no terminal; tested as plain functions.

use super::effect::{Effect, Query, Ticket};
use super::key::Key;
use super::keymap::Action;
use super::msg::{Msg, Reply};
use super::nav::{Prompt, PromptKind, View};
use super::state::{Health, InFlight, Overlay, State, Tab, Toast, ToastLevel};
use super::text::{self, Edit};
use super::views;
use crate::domain::{ApiError, ErrorKind, Provider};
use tui_input::Input;

/// How long a toast stays up.
pub const TOAST_MS: u64 = 4000;

/// How long the filter line must be still before it is sent.
pub const DEBOUNCE_MS: u64 = 250;

/// The effects to run when the console starts: a health check per configured provider and
/// the first page of the focused pane.
pub fn start(state: &mut State) -> Vec<Effect> {
    let mut effects = Vec::new();
    for provider in Provider::ALL {
        if state.health.get(&provider) == Some(&Health::NotConfigured) {
            continue;
        }
        effects.push(request(state, Query::Health(provider)));
    }
    for conflict in state.keymap.conflicts.clone() {
        effects.extend(toast(state, ToastLevel::Warning, conflict.to_string()));
    }
    effects.extend(views::load_if_untouched(state));
    effects
}

/// Registers a request as in flight and returns its ticket and effect.
pub fn request_ticket(state: &mut State, query: Query) -> (Ticket, Effect) {
    let ticket = state.ticket();
    state.inflight.insert(
        ticket,
        InFlight {
            query: query.clone(),
        },
    );
    state.dirty = true;
    (ticket, Effect::Request { ticket, query })
}

/// Registers a request as in flight and returns its effect.
pub fn request(state: &mut State, query: Query) -> Effect {
    request_ticket(state, query).1
}

/// Forgets a request whose answer is no longer wanted, and aborts it.
pub fn cancel(state: &mut State, ticket: Ticket) -> Effect {
    state.inflight.remove(&ticket);
    Effect::Cancel(ticket)
}

/// Shows a toast and schedules its expiry.
pub fn toast(state: &mut State, level: ToastLevel, text: impl Into<String>) -> Vec<Effect> {
    let id = state.next_toast_id();
    state.toast = Some(Toast {
        id,
        level,
        text: text.into(),
    });
    state.dirty = true;
    vec![Effect::Schedule {
        after_ms: TOAST_MS,
        msg: Box::new(Msg::ToastExpired(id)),
    }]
}

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(state, key),
        Msg::Paste(text) => on_paste(state, &text),
        Msg::Resize { width, height } => {
            state.width = width;
            state.height = height;
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
        Msg::Reply { ticket, result } => {
            // An answer nobody waits for any more (replaced or cancelled) is dropped.
            let Some(inflight) = state.inflight.remove(&ticket) else {
                return Vec::new();
            };
            state.dirty = true;
            if matches!(inflight.query, Query::AuditRefusal { .. }) {
                // Local bookkeeping: nothing was asked of the provider.
                return Vec::new();
            }
            let provider = inflight.query.provider();
            // A write refused by the runner itself (no audit log) says nothing of the provider.
            let local_refusal = matches!(inflight.query, Query::Write { .. })
                && matches!(&result, Err(e) if e.kind == ErrorKind::Local);
            if !local_refusal {
                record_health(state, provider, &result);
            }
            if state.form.as_ref().is_some_and(|f| f.owns(ticket)) {
                return super::write_flow::reply(state, ticket, result);
            }
            match (inflight.query, result) {
                (Query::Health(_), _) => Vec::new(),
                (_, result) => views::route(state, ticket, result),
            }
        }
        Msg::ToastExpired(id) => {
            if state.toast.as_ref().is_some_and(|t| t.id == id) {
                state.toast = None;
                state.dirty = true;
            }
            Vec::new()
        }
        Msg::FilterSettled(generation) => views::filter_settled(state, generation),
    }
}

/// Any answer proves the provider reachable; transport failures and 5xx mark it down.
fn record_health(state: &mut State, provider: Provider, result: &Result<Reply, ApiError>) {
    let health = match result {
        Ok(_) => Health::Ok,
        Err(e) => match e.kind {
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

fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    if state.overlay.is_none() && state.form.is_some() {
        return super::write_flow::paste(state, text);
    }
    if let Some(prompt) = &mut state.prompt {
        text::paste(&mut prompt.input, text);
        state.dirty = true;
        return Vec::new();
    }
    if let Some(list) = state.list_mut()
        && list.filter_focused()
    {
        let edit = crate::with_list!(list, p => text::paste(&mut p.filter, text));
        if edit == Edit::Changed {
            return views::filter_edited(state);
        }
    }
    Vec::new()
}

/// Opens a prompt line.
pub fn open_prompt(state: &mut State, kind: PromptKind) {
    state.prompt = Some(Prompt {
        kind,
        input: Input::default(),
        error: None,
    });
    state.dirty = true;
}

fn on_key(state: &mut State, key: Key) -> Vec<Effect> {
    let action = state.keymap.action(state.scope(), key);
    if action == Some(Action::ForceQuit) {
        state.quit = true;
        return vec![Effect::Quit];
    }
    if let Some(Overlay::Help { scroll }) = &mut state.overlay {
        match action {
            Some(Action::Help | Action::Back | Action::Quit) => state.overlay = None,
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
        return super::write_flow::key(state, key, action);
    }
    if state.prompt.is_some() {
        return views::prompt_key(state, key);
    }
    if state.typing() {
        return views::filter_key(state, key);
    }
    let Some(action) = action else {
        return Vec::new();
    };
    match action {
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Quit if state.at_top_level() => {
            state.quit = true;
            return vec![Effect::Quit];
        }
        Action::NextTab => return switch_tab(state, state.tab.next()),
        Action::PrevTab => return switch_tab(state, state.tab.prev()),
        Action::TabCustomers => return switch_tab(state, Tab::Customers),
        Action::TabAccounts => return switch_tab(state, Tab::Accounts),
        Action::TabWallets => return switch_tab(state, Tab::Wallets),
        Action::TabTransfers => return switch_tab(state, Tab::Transfers),
        Action::GoTo => open_prompt(state, PromptKind::GoTo),
        Action::Back => return back(state),
        Action::OpenWallet | Action::ChangePaymentMethod | Action::CancelPromotion => {
            return super::write_flow::open(state, action);
        }
        other => {
            return match state.view() {
                Some(View::Detail(_)) => super::drill::detail_action(state, other),
                _ => views::list_action(state, other),
            };
        }
    }
    state.dirty = true;
    Vec::new()
}

/// Pops the focused view; the one below is exactly as it was left.
pub fn back(state: &mut State) -> Vec<Effect> {
    if state.nav().depth() <= 1 {
        return Vec::new();
    }
    let mut effects = Vec::new();
    if let Some(view) = state.nav_mut().views.pop() {
        for ticket in view.tickets() {
            effects.push(cancel(state, ticket));
        }
    }
    state.dirty = true;
    effects
}

fn switch_tab(state: &mut State, tab: Tab) -> Vec<Effect> {
    state.tab = tab;
    state.dirty = true;
    views::load_if_untouched(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::{Key, KeyCode};
    use crate::app::keymap::Keymap;
    use crate::app::state::{Environment, Session};
    use chrono::NaiveDate;

    fn state() -> State {
        let session = Session {
            profile: "demo".into(),
            environment: Environment::Sandbox,
            read_only: false,
            demo: true,
            insecure: false,
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        State::new(session, Keymap::defaults(), today)
    }

    fn key(state: &mut State, k: Key) -> Vec<Effect> {
        update(state, Msg::Key(k))
    }

    #[test]
    fn tabs_by_number_and_cycle() {
        let mut s = state();
        key(&mut s, Key::char('3'));
        assert_eq!(s.tab, Tab::Wallets);
        key(&mut s, Key::plain(KeyCode::Tab));
        assert_eq!(s.tab, Tab::Transfers);
        key(&mut s, Key::plain(KeyCode::Tab));
        assert_eq!(s.tab, Tab::Customers);
        key(&mut s, Key::plain(KeyCode::BackTab));
        assert_eq!(s.tab, Tab::Transfers);
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
        assert_eq!(s.tab, Tab::Customers);
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
                result: Ok(Reply::Health { latency_ms: 3 }),
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
                result: Ok(Reply::Health { latency_ms: 3 }),
            },
        );
        update(
            &mut s,
            Msg::Reply {
                ticket: 999,
                result: Ok(Reply::Health { latency_ms: 3 }),
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
                result: Err(err),
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
    fn toasts_expire_by_id() {
        let mut s = state();
        toast(&mut s, ToastLevel::Info, "first");
        let first = s.toast.as_ref().unwrap().id;
        toast(&mut s, ToastLevel::Info, "second");
        update(&mut s, Msg::ToastExpired(first));
        assert_eq!(s.toast.as_ref().unwrap().text, "second");
        let second = s.toast.as_ref().unwrap().id;
        update(&mut s, Msg::ToastExpired(second));
        assert!(s.toast.is_none());
    }
}
