//! Type-ahead never confirms a write: keys that arrived before the confirmation was on
//! screen, or within the guard time after, are dropped with a notice; pastes never confirm;
//! a fresh key after the guard does. Pure `update`, time as data (`Msg::InputAt`,
//! `Msg::Drawn`).

use super::common::{CORRELATION, stays, today};
use guichet::app::effect::{Effect, Query};
use guichet::app::form::Submission;
use guichet::app::msg::{FormAnswer, Msg, Reply, WalletFormData};
use guichet::app::state::{Environment, Session, State};
use guichet::app::write_flow::CONFIRM_GUARD_MS;
use guichet::app::{Key, KeyCode, Keymap, update};

fn state(environment: Environment) -> State {
    let session = Session {
        profile: "demo".into(),
        environment,
        read_only: false,
        demo: true,
        insecure: false,
    };
    let mut s = State::new(session, Keymap::defaults(), today());
    s.org = "telco".into();
    s
}

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

fn writes(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| {
            matches!(
                e,
                Effect::Request {
                    query: Query::Write { .. },
                    ..
                }
            )
        })
        .count()
}

/// Opens the wallet form on the Wallets pane with the stays loaded (the first stay chosen).
fn wallet_form(environment: Environment) -> State {
    let mut s = state(environment);
    update(&mut s, Msg::InputAt(0));
    key(&mut s, Key::char('3'));
    let effects = key(&mut s, Key::char('o'));
    let Some(Effect::Request { ticket, .. }) = effects.first() else {
        panic!("{effects:?}")
    };
    let reply = Reply::Form(FormAnswer::WalletFormData(Ok(WalletFormData {
        stays: Ok(stays()),
        correlation_id: CORRELATION.into(),
    })));
    update(
        &mut s,
        Msg::Reply {
            ticket: *ticket,
            reply,
        },
    );
    s
}

fn confirming(s: &State) -> bool {
    s.form.as_ref().is_some_and(|f| f.confirming())
}

fn notice(s: &State) -> String {
    let slot = s.form.as_ref().expect("a form");
    slot.view(&s.keymap)
        .and_then(|v| v.confirm)
        .and_then(|c| c.notice)
        .unwrap_or_default()
}

fn confirm_hints(s: &State) -> String {
    let slot = s.form.as_ref().expect("a form");
    let confirm = slot
        .view(&s.keymap)
        .and_then(|v| v.confirm)
        .expect("confirm");
    confirm
        .hints
        .iter()
        .map(|(k, l)| format!("{k} {l}"))
        .collect::<Vec<_>>()
        .join("  ")
}

#[test]
fn a_burst_with_enter_enter_y_before_the_confirmation_was_drawn_sends_nothing() {
    let mut s = wallet_form(Environment::Sandbox);
    // One read: submit, then the confirm keys, all before any frame.
    update(&mut s, Msg::InputAt(5_000));
    let mut effects = key(&mut s, Key::plain(KeyCode::Enter));
    effects.extend(key(&mut s, Key::plain(KeyCode::Enter)));
    effects.extend(key(&mut s, Key::char('y')));
    assert_eq!(writes(&effects), 0, "{effects:?}");
    assert!(confirming(&s), "the confirmation waits");
    assert!(
        notice(&s).contains("keys typed before this was shown were ignored — press y/enter"),
        "{}",
        notice(&s)
    );
    // Drawn now; the confirm key is offered only once the guard time has passed.
    let effects = update(&mut s, Msg::Drawn { at: 5_010 });
    assert_eq!(
        effects,
        vec![Effect::Schedule {
            after_ms: CONFIRM_GUARD_MS,
            msg: Box::new(Msg::ConfirmReady { shown: 5_010 }),
        }]
    );
    assert!(confirm_hints(&s).contains("confirm keys open in a moment"));
    // A later frame does not move the time it was first shown.
    assert!(update(&mut s, Msg::Drawn { at: 5_200 }).is_empty());
    // A key that arrived inside the guard time is dropped too.
    update(&mut s, Msg::InputAt(5_010 + CONFIRM_GUARD_MS - 1));
    assert_eq!(writes(&key(&mut s, Key::char('y'))), 0);
    assert!(confirming(&s));
    update(&mut s, Msg::ConfirmReady { shown: 5_010 });
    assert!(
        confirm_hints(&s).contains("y/enter confirm"),
        "{}",
        confirm_hints(&s)
    );
    // A fresh key after the guard confirms.
    update(&mut s, Msg::InputAt(5_010 + CONFIRM_GUARD_MS));
    assert_eq!(writes(&key(&mut s, Key::char('y'))), 1);
    assert!(matches!(
        s.form
            .as_ref()
            .and_then(|f| f.form())
            .map(|f| f.submission()),
        Some(Submission::InFlight(_))
    ));
}

#[test]
fn going_back_works_at_once_and_a_new_confirmation_guards_again() {
    let mut s = wallet_form(Environment::Sandbox);
    update(&mut s, Msg::InputAt(100));
    key(&mut s, Key::plain(KeyCode::Enter));
    update(&mut s, Msg::Drawn { at: 110 });
    // Esc inside the guard time: back to the form.
    key(&mut s, Key::plain(KeyCode::Esc));
    assert!(!confirming(&s));
    // A late ready from the first confirmation does not arm the second.
    update(&mut s, Msg::InputAt(2_000));
    key(&mut s, Key::plain(KeyCode::Enter));
    update(&mut s, Msg::ConfirmReady { shown: 110 });
    assert!(confirm_hints(&s).contains("open in a moment"));
    assert_eq!(writes(&key(&mut s, Key::char('y'))), 0, "not drawn yet");
    update(&mut s, Msg::Drawn { at: 2_005 });
    update(&mut s, Msg::InputAt(2_005 + CONFIRM_GUARD_MS));
    assert_eq!(writes(&key(&mut s, Key::char('y'))), 1);
}

#[test]
fn a_paste_never_confirms_and_keys_of_unknown_arrival_do_not_either() {
    let mut s = wallet_form(Environment::Sandbox);
    key(&mut s, Key::plain(KeyCode::Enter));
    update(&mut s, Msg::Drawn { at: 10 });
    update(&mut s, Msg::InputAt(10 + 10 * CONFIRM_GUARD_MS));
    assert_eq!(writes(&update(&mut s, Msg::Paste("y\r".into()))), 0);
    assert!(
        notice(&s).contains("pasted text does not confirm"),
        "{}",
        notice(&s)
    );
    assert!(confirming(&s));
    // A state that was never told when keys arrived takes no confirm key at all.
    let mut blind = wallet_form(Environment::Sandbox);
    blind.input_at = None;
    key(&mut blind, Key::plain(KeyCode::Enter));
    update(&mut blind, Msg::Drawn { at: 10 });
    assert_eq!(writes(&key(&mut blind, Key::char('y'))), 0);
}

#[test]
fn production_last_four_typed_ahead_or_pasted_does_not_count() {
    let mut s = wallet_form(Environment::Production);
    let stay = stays()[0].id.clone();
    let last4 = &stay[stay.len() - 4..];
    update(&mut s, Msg::InputAt(1_000));
    key(&mut s, Key::plain(KeyCode::Enter));
    // Typed ahead in the same read: the last four and enter are all dropped.
    for c in last4.chars() {
        key(&mut s, Key::char(c));
    }
    assert_eq!(writes(&key(&mut s, Key::plain(KeyCode::Enter))), 0);
    let typed = |s: &State| {
        let slot = s.form.as_ref().expect("form");
        let confirm = slot
            .view(&s.keymap)
            .and_then(|v| v.confirm)
            .expect("confirm");
        confirm.last4.expect("last four asked").typed
    };
    assert_eq!(typed(&s), "", "typed-ahead characters are not taken");
    assert!(
        notice(&s).contains("type the last 4 characters"),
        "{}",
        notice(&s)
    );
    update(&mut s, Msg::Drawn { at: 1_001 });
    update(&mut s, Msg::InputAt(1_001 + CONFIRM_GUARD_MS));
    // A paste of the last four is refused with a message.
    update(&mut s, Msg::Paste(last4.into()));
    assert_eq!(typed(&s), "");
    assert!(
        notice(&s).contains("pasted text does not confirm"),
        "{}",
        notice(&s)
    );
    // Typed now, they count.
    for c in last4.chars() {
        key(&mut s, Key::char(c));
    }
    assert_eq!(writes(&key(&mut s, Key::plain(KeyCode::Enter))), 1);
}
