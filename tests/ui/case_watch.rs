//! Watch mode on a customer's case: a read the countdown asks for marks the case's lines
//! that changed or are new (an account's status, a new transfer) for two ticks, by the key
//! each line carries; `r` and the first load mark nothing. At 80x24 the mark is drawn `●`.

use super::case::{loaded_case, opened, reply_to};
use super::common::{draw, text_of};
use super::fixtures::*;
use chrono::{FixedOffset, TimeZone};
use guichet::app::detail::Subject;
use guichet::app::effect::{DetailCall, Query};
use guichet::app::msg::DetailAnswer;
use guichet::app::{Effect, Key, Msg, Reply, State, update};
use guichet::domain::Cents;
use guichet::domain::customer::AccountStatus;
use std::collections::BTreeSet;

/// How a read's answers differ from the fixture's.
type Change = fn(&DetailCall, DetailAnswer) -> DetailAnswer;

fn same(_: &DetailCall, answer: DetailAnswer) -> DetailAnswer {
    answer
}

/// The direct-debit account (the second) suspended since the last read.
fn suspended(call: &DetailCall, answer: DetailAnswer) -> DetailAnswer {
    match (call, answer) {
        (DetailCall::CaseAccounts { .. }, DetailAnswer::CaseAccounts(Ok(mut list))) => {
            list[1].status = AccountStatus::Suspended;
            DetailAnswer::CaseAccounts(Ok(list))
        }
        (_, other) => other,
    }
}

/// A transfer made since the last read, the newest.
fn new_transfer(call: &DetailCall, answer: DetailAnswer) -> DetailAnswer {
    match (call, answer) {
        (DetailCall::CaseTransfers { page: 0, .. }, DetailAnswer::CaseTransfers(Ok(mut list))) => {
            let mut t = transfer(9);
            t.id = 901;
            t.amount = Cents(4_200);
            t.operation_date = FixedOffset::east_opt(3600)
                .and_then(|o| o.with_ymd_and_hms(2026, 11, 20, 14, 0, 0).single())
                .expect("a date");
            list.insert(0, t);
            DetailAnswer::CaseTransfers(Ok(list))
        }
        (_, other) => other,
    }
}

/// Answers every request (the customer herself, then each section and what its answers
/// ask for) with the fixture's answers as `change` alters them.
fn answer_all(s: &mut State, mut effects: Vec<Effect>, change: Change) {
    while let Some(effect) = effects.pop() {
        let Effect::Request {
            ticket,
            query: Query::Detail { view, call },
        } = effect
        else {
            continue;
        };
        let answer = match &call {
            DetailCall::Subject(_) => DetailAnswer::Subject(Ok(Subject::Customer(customer(0)))),
            other => change(other, reply_to(other, false)),
        };
        effects.extend(update(
            s,
            Msg::Reply {
                ticket,
                reply: Reply::Detail { view, answer },
            },
        ));
    }
}

fn tick_of(effects: &[Effect]) -> Option<u64> {
    effects.iter().find_map(|e| match e {
        Effect::Schedule { msg, .. } => match **msg {
            Msg::WatchTick(n) => Some(n),
            _ => None,
        },
        _ => None,
    })
}

fn reads(effects: &[Effect]) -> bool {
    effects.iter().any(|e| {
        matches!(
            e,
            Effect::Request {
                query: Query::Detail { .. },
                ..
            }
        )
    })
}

/// Ticks the countdown until the case is read again; that read's requests and the next tick.
fn to_zero(s: &mut State, effects: &[Effect]) -> (Vec<Effect>, u64) {
    let mut n = tick_of(effects).expect("a tick scheduled");
    for _ in 0..=s.watch.every_s {
        let effects = update(s, Msg::WatchTick(n));
        let next = tick_of(&effects).expect("the countdown goes on");
        if reads(&effects) {
            return (effects, next);
        }
        n = next;
    }
    panic!("no read at zero")
}

/// The keys marked on the focused case.
fn marked(s: &State) -> BTreeSet<String> {
    let id = s.focused_id().expect("a view");
    s.watch
        .changed(id)
        .map(|c| c.keys().cloned().collect())
        .unwrap_or_default()
}

/// The loaded case, watched, read again by the countdown with `change`'s answers.
fn watched(w: u16, h: u16, change: Change) -> (State, u64) {
    let mut s = loaded_case(w, h);
    let effects = update(&mut s, Msg::Key(Key::char('W')));
    let (effects, next) = to_zero(&mut s, &effects);
    answer_all(&mut s, effects, change);
    if let Some(t) = s.toast.as_ref().map(|t| t.id) {
        update(&mut s, Msg::ToastExpired(t));
    }
    (s, next)
}

fn account_key(i: usize) -> String {
    format!("Account {}/", account(i).id)
}

#[test]
fn a_watch_read_with_the_same_answers_marks_nothing() {
    let (s, _) = watched(80, 24, same);
    assert_eq!(marked(&s), BTreeSet::new());
}

/// The Timeline event of the account's creation, which names it with its status.
fn created_event(status: &str) -> String {
    format!(
        "Timeline/{} MasCustomers Account ····aaaa ({status}) created, POSTPAID",
        account(0).created_at.to_rfc3339()
    )
}

#[test]
fn an_account_whose_status_changed_is_marked_and_nothing_else() {
    let (s, _) = watched(80, 24, suspended);
    // Its line, and the Timeline's line that says its status: nothing else.
    assert_eq!(
        marked(&s),
        BTreeSet::from([account_key(0), created_event("SUSPENDED")])
    );
}

/// The lines of the screen drawn with watch mode's mark.
fn marked_lines(s: &State) -> Vec<String> {
    text_of(&draw(s))
        .lines()
        .filter(|l| l.starts_with("│● "))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_new_transfer_is_marked_and_the_older_ones_are_not() {
    let (s, _) = watched(120, 40, new_transfer);
    let marks = marked(&s);
    assert!(marks.contains("Transfers/#901"), "{marks:?}");
    // The summary counts it too: a changed line.
    assert!(marks.contains("Transfers/last 12 months"), "{marks:?}");
    for older in 896..=900 {
        assert!(!marks.contains(&format!("Transfers/#{older}")), "{marks:?}");
    }
    assert!(
        marks
            .iter()
            .all(|k| k.starts_with("Transfers/") || k.starts_with("Timeline/")),
        "only the transfers and their Timeline events: {marks:?}"
    );
    let lines = marked_lines(&s);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("42.00 EUR") && l.contains("#901")),
        "{lines:?}"
    );
}

#[test]
fn the_mark_goes_after_two_ticks() {
    let (mut s, n) = watched(80, 24, suspended);
    let effects = update(&mut s, Msg::WatchTick(n));
    assert_eq!(marked(&s).len(), 2, "one tick");
    let n = tick_of(&effects).expect("the countdown goes on");
    update(&mut s, Msg::WatchTick(n));
    assert_eq!(marked(&s), BTreeSet::new(), "two ticks");
    assert_eq!(marked_lines(&s), Vec::<String>::new());
}

#[test]
fn r_on_a_watched_case_marks_nothing() {
    let mut s = loaded_case(80, 24);
    let watching = update(&mut s, Msg::Key(Key::char('W')));
    let effects = update(&mut s, Msg::Key(Key::char('r')));
    assert!(reads(&effects), "r reads the case again");
    answer_all(&mut s, effects, suspended);
    assert_eq!(marked(&s), BTreeSet::new());
    // What `r` read is the new reference: the countdown's next read finds nothing more.
    let (effects, _) = to_zero(&mut s, &watching);
    answer_all(&mut s, effects, suspended);
    assert_eq!(marked(&s), BTreeSet::new());
}

#[test]
fn the_first_load_of_a_watched_case_marks_nothing() {
    let (mut s, effects) = opened(80, 24);
    update(&mut s, Msg::Key(Key::char('W')));
    answer_all(&mut s, effects, same);
    assert_eq!(marked(&s), BTreeSet::new());
}

#[test]
fn watched_case_with_a_changed_account_80x24() {
    let (s, _) = watched(80, 24, suspended);
    let lines = marked_lines(&s);
    assert_eq!(
        lines.len(),
        1,
        "the account's line (its Timeline event is below): {lines:?}"
    );
    assert!(lines[0].contains("SUSPENDED · POSTPAID"), "{lines:?}");
    insta::assert_snapshot!(draw(&s).backend());
}

/// A case line's key says what it stands for, not how it is shown: the Timeline's and the
/// transfers' lines keep their keys in another time zone.
#[test]
fn the_lines_keys_do_not_follow_the_time_zone_shown() {
    let s = loaded_case(120, 40);
    let Some(guichet::app::nav::View::Detail(d)) = s.view() else {
        panic!("the case");
    };
    let keys = |time| -> Vec<String> {
        guichet::app::case_lines::case_lines(d, s.today, time, "r")
            .into_iter()
            .filter(|l| !l.key.is_empty() && l.label != "Created")
            .map(|l| l.key)
            .collect()
    };
    let paris = FixedOffset::east_opt(3600).expect("an offset");
    let utc = keys(guichet::domain::time::TimeShown::Utc);
    assert!(utc.iter().any(|k| k.starts_with("Timeline/")), "{utc:?}");
    assert_eq!(utc, keys(guichet::domain::time::TimeShown::Local(paris)));
}
