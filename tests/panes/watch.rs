//! Watch mode as plain `update` calls: `W` on the customers list, the countdown's ticks as
//! messages, what pauses it, the read at zero replacing one still under way, `r` starting
//! over, a 429 waited out, and the rows that changed marked for two ticks. With nothing
//! watched, no timer is ever asked for.

use super::update::{customer, state};
use guichet::app::nav::View;
use guichet::app::resources::{Customers, ListAnswer};
use guichet::app::state::{Overlay, Tab};
use guichet::app::update::start;
use guichet::app::watched::WatchStatus;
use guichet::app::{Effect, Key, KeyCode, Msg, Query, Reply, State, Ticket, update, watch};
use guichet::domain::customer::Customer;
use guichet::domain::{ApiError, ErrorKind, Page, Provider};

fn page_requests(effects: &[Effect]) -> Vec<Ticket> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request {
                ticket,
                query: Query::Page(_),
            } => Some(*ticket),
            _ => None,
        })
        .collect()
}

/// The watch ticks `effects` schedule.
fn ticks(effects: &[Effect]) -> Vec<u64> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Schedule { msg, .. } => match **msg {
                Msg::WatchTick(n) => Some(n),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn list_id(s: &State) -> guichet::app::ViewId {
    s.navs[Tab::CUSTOMERS.index()].views[0].id()
}

fn answer(s: &mut State, ticket: Ticket, items: Vec<Customer>) -> Vec<Effect> {
    let view = list_id(s);
    let result = Ok(ListAnswer::of::<Customers>(
        Page::with_total(items, 0, 50, 200),
        None,
    ));
    update(
        s,
        Msg::Reply {
            ticket,
            reply: Reply::Page { view, result },
        },
    )
}

fn rows() -> Vec<Customer> {
    (0..50).map(customer).collect()
}

fn loaded() -> State {
    let mut s = state();
    let effects = start(&mut s);
    let t = page_requests(&effects)[0];
    answer(&mut s, t, rows());
    s
}

fn key(s: &mut State, c: char) -> Vec<Effect> {
    update(s, Msg::Key(Key::char(c)))
}

/// Sends the tick `n` and returns what followed, with the next tick's number.
fn tick(s: &mut State, n: u64) -> (Vec<Effect>, Option<u64>) {
    let effects = update(s, Msg::WatchTick(n));
    let next = ticks(&effects).first().copied();
    (effects, next)
}

/// Ticks until the read at zero; its page request's ticket and the next tick.
fn to_zero(s: &mut State, mut n: u64) -> (Ticket, u64) {
    for _ in 0..s.watch.every_s {
        let (effects, next) = tick(s, n);
        n = next.expect("the countdown goes on");
        if let Some(t) = page_requests(&effects).first() {
            return (*t, n);
        }
    }
    panic!("no read at zero");
}

fn screen(s: &State, width: u16, height: u16) -> String {
    let theme =
        guichet::ui::Theme::builtin("dark", guichet::ui::ColorDepth::Ansi16).expect("theme");
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut t = ratatui::Terminal::new(backend).expect("terminal");
    t.draw(|f| guichet::ui::render(f, s, &theme))
        .expect("drawn");
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn watching() -> (State, u64) {
    let mut s = loaded();
    let effects = key(&mut s, 'W');
    let n = ticks(&effects)[0];
    (s, n)
}

#[test]
fn w_watches_the_focused_list_and_w_again_stops_with_no_timer_left() {
    let mut s = loaded();
    let effects = key(&mut s, 'W');
    assert_eq!(ticks(&effects).len(), 1, "one timer a second: {effects:?}");
    assert_eq!(
        s.toast.as_ref().map(|t| t.text.as_str()),
        Some("watching every 5 s")
    );
    assert_eq!(watch::status(&s), Some(WatchStatus::Counting(5)));
    let n = ticks(&effects)[0];
    let effects = key(&mut s, 'W');
    assert!(ticks(&effects).is_empty());
    assert_eq!(s.toast.as_ref().map(|t| t.text.as_str()), Some("watch off"));
    assert_eq!(watch::status(&s), None);
    // The tick already scheduled comes and goes: nothing read, nothing scheduled.
    let (effects, next) = tick(&mut s, n);
    assert!(effects.is_empty() && next.is_none(), "{effects:?}");
    assert!(!s.watch.ticking());
}

#[test]
fn with_nothing_watched_no_message_ever_asks_for_a_watch_tick() {
    let mut s = state();
    let mut all = start(&mut s);
    let t = page_requests(&all)[0];
    all.extend(answer(&mut s, t, rows()));
    for c in ['j', 'j', 'r', '2', '1', '?', 'q', 'n'] {
        all.extend(key(&mut s, c));
    }
    all.extend(update(&mut s, Msg::Tick));
    assert!(ticks(&all).is_empty(), "{all:?}");
    assert!(s.watch.views.is_empty() && !s.watch.ticking());
}

#[test]
fn the_countdown_reads_the_list_again_at_zero_and_starts_over() {
    let (mut s, mut n) = watching();
    for left in [4, 3, 2, 1] {
        let (effects, next) = tick(&mut s, n);
        assert!(page_requests(&effects).is_empty());
        assert_eq!(watch::status(&s), Some(WatchStatus::Counting(left)));
        n = next.expect("next second");
    }
    assert!(
        screen(&s, 80, 24).contains("watch 1s"),
        "{}",
        screen(&s, 80, 24)
    );
    let (effects, next) = tick(&mut s, n);
    assert_eq!(page_requests(&effects).len(), 1, "{effects:?}");
    assert!(next.is_some());
    assert_eq!(watch::status(&s), Some(WatchStatus::Counting(5)));
    // A stale tick (an older number) does nothing.
    let (effects, next) = tick(&mut s, n);
    assert!(effects.is_empty() && next.is_none());
}

#[test]
fn the_config_sets_the_seconds() {
    let mut s = loaded();
    s.watch.every_s = 2;
    let n = ticks(&key(&mut s, 'W'))[0];
    assert_eq!(
        s.toast.as_ref().map(|t| t.text.as_str()),
        Some("watching every 2 s")
    );
    let (effects, n) = tick(&mut s, n);
    assert!(page_requests(&effects).is_empty());
    let (effects, _) = tick(&mut s, n.expect("next"));
    assert_eq!(page_requests(&effects).len(), 1);
}

/// Opens something, checks the countdown waits under it, closes it, checks it resumes.
fn pauses_under(
    open: impl Fn(&mut State) -> Vec<Effect>,
    close: impl Fn(&mut State) -> Vec<Effect>,
) {
    let (mut s, n) = watching();
    let (_, n) = tick(&mut s, n);
    let n = n.expect("next");
    assert_eq!(watch::status(&s), Some(WatchStatus::Counting(4)));
    let effects = open(&mut s);
    assert!(ticks(&effects).is_empty(), "{effects:?}");
    // The tick scheduled before it came: nothing counted, nothing scheduled.
    let (effects, next) = tick(&mut s, n);
    assert!(
        page_requests(&effects).is_empty() && next.is_none(),
        "{effects:?}"
    );
    assert!(!s.watch.ticking(), "paused: no timer");
    let effects = close(&mut s);
    let n = *ticks(&effects).first().expect("resumes");
    let (_, _) = tick(&mut s, n);
    assert_eq!(watch::status(&s), Some(WatchStatus::Counting(3)));
}

#[test]
fn typing_in_the_filter_pauses_the_countdown() {
    pauses_under(
        |s| {
            let mut e = key(s, '/');
            assert_eq!(watch::status(s), Some(WatchStatus::Paused));
            assert!(
                screen(s, 80, 24).contains("watch paused"),
                "{}",
                screen(s, 80, 24)
            );
            e.extend(key(s, 'x'));
            e
        },
        |s| {
            key(s, 'x');
            update(s, Msg::Key(Key::plain(KeyCode::Esc)))
        },
    );
}

#[test]
fn the_help_overlay_the_go_to_prompt_and_another_pane_pause_it() {
    pauses_under(
        |s| {
            let e = key(s, '?');
            assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
            e
        },
        |s| key(s, '?'),
    );
    pauses_under(
        |s| key(s, ':'),
        |s| update(s, Msg::Key(Key::plain(KeyCode::Esc))),
    );
    pauses_under(
        |s| {
            let e = key(s, '2');
            assert_eq!(watch::status(s), None, "the focused view is not watched");
            e
        },
        |s| key(s, '1'),
    );
}

#[test]
fn a_read_still_under_way_is_replaced_by_the_next_latest_wins() {
    let (mut s, n) = watching();
    let (first, n) = to_zero(&mut s, n);
    assert!(s.inflight.contains_key(&first));
    // No answer yet; the next zero comes.
    let mut effects = Vec::new();
    let mut n = n;
    for _ in 0..5 {
        let (e, next) = tick(&mut s, n);
        effects.extend(e);
        n = next.expect("next");
    }
    assert!(effects.contains(&Effect::Cancel(first)), "{effects:?}");
    let second = page_requests(&effects)[0];
    assert!(!s.inflight.contains_key(&first));
    // The old answer, if it still comes, is dropped; the new one is taken.
    let mut changed = rows();
    changed[0].name = "Old answer".into();
    answer(&mut s, first, changed);
    let View::List(l) = &s.navs[0].views[0] else {
        panic!()
    };
    assert!(l.loading == Some(second));
    answer(&mut s, second, rows());
    assert!(!s.inflight.contains_key(&second));
}

#[test]
fn r_starts_the_countdown_over() {
    let (mut s, n) = watching();
    let (_, n) = tick(&mut s, n);
    let (_, _) = tick(&mut s, n.expect("next"));
    assert_eq!(watch::status(&s), Some(WatchStatus::Counting(3)));
    let effects = key(&mut s, 'r');
    assert_eq!(page_requests(&effects).len(), 1);
    assert_eq!(watch::status(&s), Some(WatchStatus::Counting(5)));
}

/// Only the countdown's reads mark: what `r` reads is taken as the new reference, so the
/// next read of the countdown compares with it.
#[test]
fn what_r_reads_again_is_not_marked() {
    let (mut s, n) = watching();
    let t = page_requests(&key(&mut s, 'r'))[0];
    let mut next = rows();
    next[2].name = "Renamed Customer".into();
    answer(&mut s, t, next.clone());
    let id = list_id(&s);
    assert!(s.watch.changed(id).is_none());
    let (t, _) = to_zero(&mut s, n);
    next[3].name = "Another Name".into();
    answer(&mut s, t, next);
    let marked: Vec<&String> = s.watch.changed(id).expect("marks").keys().collect();
    assert_eq!(marked, vec![&customer(3).id]);
}

#[test]
fn changed_and_new_rows_are_marked_for_two_ticks_then_cleared() {
    let (mut s, n) = watching();
    let (t, n) = to_zero(&mut s, n);
    let mut next = rows();
    next[2].name = "Renamed Customer".into();
    next[49] = customer(777);
    answer(&mut s, t, next);
    let id = list_id(&s);
    let marked: Vec<&String> = s.watch.changed(id).expect("marks").keys().collect();
    assert_eq!(marked, vec![&customer(2).id, &customer(777).id]);
    let screen_now = screen(&s, 120, 40);
    assert!(screen_now.contains("● "), "{screen_now}");
    assert_eq!(
        screen_now.matches('●').count() - 5,
        1,
        "one visible row marked (and the five health dots): {screen_now}"
    );
    let (_, n) = tick(&mut s, n);
    assert!(
        s.watch.changed(id).is_some(),
        "still marked after one second"
    );
    let (_, n) = tick(&mut s, n.expect("next"));
    assert!(s.watch.changed(id).is_none(), "cleared after two");
    // The same rows again: nothing marked.
    let (t, _) = to_zero(&mut s, n.expect("next"));
    let mut same = rows();
    same[2].name = "Renamed Customer".into();
    same[49] = customer(777);
    answer(&mut s, t, same);
    assert!(s.watch.changed(id).is_none());
}

#[test]
fn another_page_is_not_a_change() {
    let (mut s, _) = watching();
    let t = page_requests(&key(&mut s, 'n'))[0];
    let view = list_id(&s);
    let result = Ok(ListAnswer::of::<Customers>(
        Page::with_total((50..100).map(customer).collect(), 1, 50, 200),
        None,
    ));
    update(
        &mut s,
        Msg::Reply {
            ticket: t,
            reply: Reply::Page { view, result },
        },
    );
    assert!(s.watch.changed(view).is_none());
}

#[test]
fn after_a_429_the_watch_waits_for_retry_after_and_keeps_going() {
    let (mut s, n) = watching();
    let (t, n) = to_zero(&mut s, n);
    let mut e =
        ApiError::new(Provider::Mascustomers, ErrorKind::RateLimited, "slow down").with_status(429);
    e.retry_after_secs = Some(30);
    let reply = s.inflight[&t].query.failure(e);
    update(&mut s, Msg::Reply { ticket: t, reply });
    // The next zero starts the Retry-After countdown instead of asking now.
    let mut effects = Vec::new();
    let mut n = n;
    for _ in 0..5 {
        let (e, next) = tick(&mut s, n);
        effects.extend(e);
        n = next.expect("watch keeps going");
    }
    assert!(page_requests(&effects).is_empty(), "{effects:?}");
    let wait = s.retry_wait.expect("waiting for Retry-After");
    assert_eq!(wait.left_s, 30);
    // And the zero after that leaves that countdown alone.
    let before = s.toast.clone();
    let mut effects = Vec::new();
    for _ in 0..5 {
        let (e, next) = tick(&mut s, n);
        effects.extend(e);
        n = next.expect("watch keeps going");
    }
    assert!(page_requests(&effects).is_empty(), "{effects:?}");
    assert_eq!(s.retry_wait, Some(wait));
    assert_eq!(s.toast, before);
}

#[test]
fn a_closed_view_is_no_longer_watched() {
    let mut s = loaded();
    let effects = key(&mut s, 'W');
    assert_eq!(ticks(&effects).len(), 1);
    // Open a customer (a detail above the list), watch it, go back: its watch is gone.
    let effects = update(&mut s, Msg::Key(Key::plain(KeyCode::Enter)));
    let detail = s.focused_id().expect("a detail");
    assert_ne!(detail, list_id(&s));
    let _ = effects;
    key(&mut s, 'W');
    assert!(s.watch.views.contains_key(&detail));
    update(&mut s, Msg::Key(Key::plain(KeyCode::Esc)));
    assert!(!s.watch.views.contains_key(&detail));
    assert!(s.watch.views.contains_key(&list_id(&s)));
}
