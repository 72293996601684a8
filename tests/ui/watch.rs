//! Watch mode and presenter mode on screen at 80x24 and 120x40: a watched list counting
//! down with the rows changed at its last read marked `●`, a watched wallet with its
//! changed fields marked, the paused note, and the trail of keys on the tab line.

use super::common::{draw, loaded, session, state_with, text_of};
use super::fixtures::*;
use super::panes::page_meta;
use guichet::app::detail::{Detail, Subject};
use guichet::app::msg::DetailAnswer;
use guichet::app::nav::View;
use guichet::app::resources::{Customers, ListAnswer, rows};
use guichet::app::state::{Environment, Tab};
use guichet::app::{Effect, Key, KeyCode, Msg, Query, Reply, State, Ticket, update};
use guichet::domain::Page;
use guichet::domain::money::Cents;

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

/// Ticks the watch countdown to zero; the request it sends.
fn to_zero(s: &mut State, effects: Vec<Effect>) -> Ticket {
    let mut effects = effects;
    for _ in 0..10 {
        let n = effects
            .iter()
            .find_map(|e| match e {
                Effect::Schedule { msg, .. } => match **msg {
                    Msg::WatchTick(n) => Some(n),
                    _ => None,
                },
                _ => None,
            })
            .expect("a tick scheduled");
        effects = update(s, Msg::WatchTick(n));
        if let Some(t) = effects.iter().find_map(|e| match e {
            Effect::Request {
                ticket,
                query: Query::Page(_) | Query::Detail { .. },
            } => Some(*ticket),
            _ => None,
        }) {
            return t;
        }
    }
    panic!("no read at zero")
}

fn quiet(s: &mut State) {
    if let Some(t) = s.toast.as_ref().map(|t| t.id) {
        update(s, Msg::ToastExpired(t));
    }
}

fn watched_list(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    loaded(&mut s, |p| {
        p.rows = rows::<Customers>(customers(6));
        p.shown = Some(page_meta(Page::with_total(customers(6), 1, 50, 2134)));
        p.request.page = 1;
    });
    let effects = key(&mut s, Key::char('W'));
    let ticket = to_zero(&mut s, effects);
    let mut next = customers(6);
    next[1].name = "Zoë Ångström-Lind".into();
    next[4].email = Some("k.benali@example.fr".into());
    let view = s.focused_id().expect("a list");
    let result = Ok(ListAnswer::of::<Customers>(
        Page::with_total(next, 1, 50, 2134),
        None,
    ));
    update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Page { view, result },
        },
    );
    quiet(&mut s);
    s
}

#[test]
fn watched_list_80x24() {
    let s = watched_list(80, 24);
    let text = text_of(&draw(&s));
    assert!(text.contains("watch 5s"), "{text}");
    assert_eq!(text.matches("● ").count(), 2, "two rows marked: {text}");
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn watched_list_120x40() {
    insta::assert_snapshot!(draw(&watched_list(120, 40)).backend());
}

#[test]
fn watch_paused_under_the_filter_line() {
    let mut s = watched_list(80, 24);
    key(&mut s, Key::char('/'));
    let text = text_of(&draw(&s));
    assert!(text.contains("watch paused"), "{text}");
    assert!(!text.contains("watch 5s"), "{text}");
}

fn watched_wallet(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.tab = Tab::WALLETS;
    let d = Detail::new(1000, Subject::Wallet(wallet(1)));
    s.nav_mut().views.push(View::Detail(Box::new(d)));
    let effects = key(&mut s, Key::char('W'));
    let ticket = to_zero(&mut s, effects);
    let mut changed = wallet(1);
    changed.balance = Cents(-4200);
    update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Detail {
                view: 1000,
                answer: DetailAnswer::Subject(Ok(Subject::Wallet(changed))),
            },
        },
    );
    quiet(&mut s);
    s
}

#[test]
fn watched_wallet_80x24() {
    let s = watched_wallet(80, 24);
    let text = text_of(&draw(&s));
    assert_eq!(text.matches("● ").count(), 1, "the balance marked: {text}");
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn watched_wallet_120x40() {
    insta::assert_snapshot!(draw(&watched_wallet(120, 40)).backend());
}

fn key_trail(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    loaded(&mut s, |p| {
        p.rows = rows::<Customers>(customers(6));
        p.shown = Some(page_meta(Page::with_total(customers(6), 0, 50, 2134)));
    });
    s.key_trail.on = true;
    for k in [
        Key::char('j'),
        Key::char('j'),
        Key::char('s'),
        Key::char('/'),
        Key::char('Z'),
        Key::char('o'),
        Key::plain(KeyCode::Enter),
    ] {
        key(&mut s, k);
    }
    quiet(&mut s);
    s
}

#[test]
fn key_trail_80x24() {
    insta::assert_snapshot!(draw(&key_trail(80, 24)).backend());
}

#[test]
fn key_trail_120x40() {
    let s = key_trail(120, 40);
    let text = text_of(&draw(&s));
    let tabs = text.lines().nth(1).expect("the tab line");
    assert!(
        tabs.contains("s sort_next") && tabs.contains("••• text"),
        "{tabs}"
    );
    assert!(!tabs.contains("Zo"), "typed text is not shown: {tabs}");
    insta::assert_snapshot!(draw(&s).backend());
}
