//! Presenter mode over a write form: the keys typed into its fields and the production
//! last four on its confirmation are never shown, only `•••`; its own keys keep their names.

use super::common::{CORRELATION, stays, today};
use guichet::app::key_trail::HIDDEN_TEXT;
use guichet::app::msg::{FormAnswer, Msg, Reply, WalletFormData};
use guichet::app::state::{Environment, Session, State};
use guichet::app::write_flow::CONFIRM_GUARD_MS;
use guichet::app::{Effect, Key, KeyCode, Keymap, update};

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

fn production_wallet_form() -> State {
    let session = Session {
        profile: "prod".into(),
        environment: Environment::Production,
        read_only: false,
        demo: false,
        insecure: false,
    };
    let mut s = State::new(session, Keymap::defaults(), today());
    s.org = "telco".into();
    s.key_trail.on = true;
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

#[test]
fn the_production_last_four_shows_as_dots() {
    let mut s = production_wallet_form();
    let stay = stays()[0].id.clone();
    let last4 = stay[stay.len() - 4..].to_string();
    key(&mut s, Key::plain(KeyCode::Enter));
    assert!(s.form.as_ref().is_some_and(|f| f.confirming()));
    update(&mut s, Msg::Drawn { at: 1 });
    update(&mut s, Msg::InputAt(1 + CONFIRM_GUARD_MS));
    for c in last4.chars() {
        key(&mut s, Key::char(c));
    }
    let trail: Vec<(String, Option<String>)> = s
        .key_trail
        .keys
        .iter()
        .map(|k| (k.key.clone(), k.name.clone()))
        .collect();
    assert_eq!(
        trail.last(),
        Some(&(HIDDEN_TEXT.to_string(), Some("text".to_string()))),
        "{trail:?}"
    );
    assert!(
        trail
            .iter()
            .any(|(k, n)| k == "o" && n.as_deref() == Some("open_wallet")),
        "{trail:?}"
    );
    // After enter (to the confirmation), nothing but the dots.
    let enter = trail
        .iter()
        .rposition(|(k, _)| k == "enter")
        .expect("enter shown");
    assert_eq!(trail.len(), enter + 2, "{trail:?}");
}
