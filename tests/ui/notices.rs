//! The safety notices drawn over the console, at 80x24 and 120x40: a confirmation before
//! its guard time has passed (confirm keys not offered yet, typed-ahead keys refused) and
//! after it, and the start-up notice of unfinished writes.

use super::common::{draw, session, state_with};
use super::fixtures::*;
use chrono::{TimeZone, Utc};
use guichet::app::detail::{Detail, Subject};
use guichet::app::msg::{FormAnswer, WalletFormData};
use guichet::app::nav::View;
use guichet::app::state::{Environment, State, Tab};
use guichet::app::unsettled::{UnsettledNotice, UnsettledWrite};
use guichet::app::write_flow::CONFIRM_GUARD_MS;
use guichet::app::{Effect, Key, KeyCode, Msg, Reply, update};
use guichet::domain::Provider;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The wallet form over a stay, submitted: its confirmation is up (`ready` once the guard
/// time has passed), after a typed-ahead `y` was refused.
fn confirming(w: u16, h: u16, ready: bool) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.org = "telco".into();
    s.tab = Tab::WALLETS;
    s.nav_mut().views.push(View::Detail(Box::new(Detail::new(
        1000,
        Subject::Stay(stay()),
    ))));
    update(&mut s, Msg::InputAt(0));
    let effects = update(&mut s, Msg::Key(Key::char('o')));
    let Some(Effect::Request { ticket, .. }) = effects.first().cloned() else {
        panic!("the form asks for its data: {effects:?}")
    };
    let reply = Reply::Form(FormAnswer::WalletFormData(Ok(WalletFormData {
        stays: Ok(vec![stay()]),
        correlation_id: "5b1e7c3a-9d2f-4e8b-a6c4-0f1e2d3c4b5a".into(),
    })));
    update(&mut s, Msg::Reply { ticket, reply });
    update(&mut s, Msg::Key(Key::plain(KeyCode::Enter)));
    update(&mut s, Msg::Key(Key::char('y')));
    update(&mut s, Msg::Drawn { at: 5 });
    if ready {
        update(&mut s, Msg::ConfirmReady { shown: 5 });
        update(&mut s, Msg::InputAt(5 + CONFIRM_GUARD_MS));
    }
    s
}

fn unfinished(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.unsettled = UnsettledNotice::new(vec![UnsettledWrite {
        write: "w-1".into(),
        time: Utc.with_ymd_and_hms(2026, 11, 20, 17, 4, 9).unwrap(),
        provider: Provider::Pxlhub,
        action: "wallet.open".into(),
        targets: vec![stay().id, stay().establishment_id],
        key: Some("5b1e7c3a-9d2f-4e8b-a6c4-0f1e2d3c4b5a".into()),
        request: format!(
            "POST /wallets {{\"stayId\":\"{}\",\"mode\":\"prepaid\",\"currency\":\"EUR\"}}",
            stay().id
        ),
        digest: None,
    }]);
    s
}

#[test]
fn a_confirmation_offers_its_confirm_key_only_after_the_guard_time() {
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("confirm_guarded_{w}x{h}"),
            draw(&confirming(w, h, false)).backend()
        );
        insta::assert_snapshot!(
            format!("confirm_ready_{w}x{h}"),
            draw(&confirming(w, h, true)).backend()
        );
    }
}

#[test]
fn the_start_up_notice_of_unfinished_writes() {
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("unfinished_writes_{w}x{h}"),
            draw(&unfinished(w, h)).backend()
        );
    }
}
