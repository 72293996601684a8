//! A write refused with 429 and `Retry-After`: ctrl-t sends the very same request again,
//! but only once the delay has counted down (one tick a second), never sooner; editing
//! the fields or stopping the countdown sends nothing.

use super::common::*;
use guichet::app::effect::{Effect, Query};
use guichet::app::form::{FormOutcome, Submission, WriteForm};
use guichet::app::msg::{FormAnswer, Msg, Reply, WalletFormData};
use guichet::app::state::{Environment, Session, State};
use guichet::app::write_flow::{CONFIRM_GUARD_MS, RETRY_TICK_MS};
use guichet::app::{Key, Keymap, update};
use guichet::domain::{ApiError, ErrorKind, Provider};

fn throttled(secs: u64) -> ApiError {
    let mut e = ApiError::new(
        Provider::Mascustomers,
        ErrorKind::RateLimited,
        "too many requests",
    )
    .with_status(429);
    e.retry_after_secs = Some(secs);
    e
}

fn hints(f: &WriteForm) -> String {
    f.view(&Keymap::defaults())
        .hints
        .iter()
        .map(|(k, l)| format!("{k} {l}"))
        .collect::<Vec<_>>()
        .join("  ")
}

fn notice(f: &WriteForm) -> String {
    f.view(&Keymap::defaults()).notice.unwrap_or_default()
}

#[test]
fn ctrl_t_after_a_429_waits_the_delay_then_sends_the_same_request() {
    let mut f = filled_payment(false);
    let FormOutcome::Submit(sent) = submit_and_confirm(&mut f) else {
        panic!("submitted")
    };
    assert_eq!(f.submitted(Err(throttled(2))), FormOutcome::Stay);
    assert!(hints(&f).contains("ctrl-t retry in 2 s"), "{}", hints(&f));
    assert_eq!(press(&mut f, Key::ctrl('t')), FormOutcome::WaitToRetry);
    assert!(notice(&f).contains("retrying in 2 s"), "{}", notice(&f));
    // Again, or enter: still waiting.
    assert_eq!(press(&mut f, Key::ctrl('t')), FormOutcome::Stay);
    assert_eq!(enter(&mut f), FormOutcome::Stay);
    assert!(matches!(
        f.submission(),
        Submission::RetryWait { left_s: 2, .. }
    ));
    assert_eq!(f.retry_tick(), FormOutcome::WaitToRetry);
    assert!(notice(&f).contains("retrying in 1 s"));
    assert_eq!(f.retry_tick(), FormOutcome::Submit(sent.clone()));
    assert_eq!(f.submission(), &Submission::InFlight(Box::new(sent)));
}

#[test]
fn no_retry_once_the_fields_changed_or_after_esc() {
    let mut f = filled_payment(false);
    submit_and_confirm(&mut f);
    f.submitted(Err(throttled(2)));
    // Esc stops the countdown: back to the refusal, nothing sent.
    press(&mut f, Key::ctrl('t'));
    assert_eq!(esc(&mut f), FormOutcome::Stay);
    assert!(matches!(f.submission(), Submission::Failed(_)));
    assert!(notice(&f).contains("nothing was sent"));
    assert_eq!(f.retry_tick(), FormOutcome::Stay);
    // An edit: the refused request is no longer what the fields say.
    type_text(&mut f, "0");
    assert!(!hints(&f).contains("retry in"), "{}", hints(&f));
    assert_eq!(press(&mut f, Key::ctrl('t')), FormOutcome::Stay);
    // A refusal that is not a 429 offers no timed retry.
    let mut g = filled_payment(false);
    submit_and_confirm(&mut g);
    g.submitted(Err(rejected("110", "invalid IBAN")));
    assert_eq!(press(&mut g, Key::ctrl('t')), FormOutcome::Stay);
    assert!(!hints(&g).contains("retry in"));
}

#[test]
fn through_update_the_countdown_is_one_timer_a_second_and_the_write_goes_at_zero() {
    let session = Session {
        profile: "demo".into(),
        environment: Environment::Sandbox,
        read_only: false,
        demo: true,
        insecure: false,
    };
    let mut s = State::new(session, Keymap::defaults(), today());
    s.org = "telco".into();
    let key = |s: &mut State, k: Key| update(s, Msg::Key(k));
    let writes = |effects: &[Effect]| {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Request {
                    ticket,
                    query: Query::Write { .. },
                } => Some(*ticket),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    update(&mut s, Msg::InputAt(0));
    key(&mut s, Key::char('3'));
    let Some(Effect::Request { ticket, .. }) = key(&mut s, Key::char('o')).first().cloned() else {
        panic!("the form's data asked for")
    };
    let reply = Reply::Form(FormAnswer::WalletFormData(Ok(WalletFormData {
        stays: Ok(stays()),
        correlation_id: CORRELATION.into(),
    })));
    update(&mut s, Msg::Reply { ticket, reply });
    key(&mut s, Key::plain(guichet::app::KeyCode::Enter));
    update(&mut s, Msg::Drawn { at: 10 });
    update(&mut s, Msg::InputAt(10 + CONFIRM_GUARD_MS));
    let sent = writes(&key(&mut s, Key::char('y')));
    assert_eq!(sent.len(), 1);
    let mut refused = throttled(1);
    refused.provider = Provider::Pxlhub;
    update(
        &mut s,
        Msg::Reply {
            ticket: sent[0],
            reply: Reply::Written(Err(refused)),
        },
    );
    let effects = key(&mut s, Key::ctrl('t'));
    assert!(writes(&effects).is_empty(), "{effects:?}");
    let [Effect::Schedule { after_ms, msg }] = effects.as_slice() else {
        panic!("one timer: {effects:?}")
    };
    assert_eq!(*after_ms, RETRY_TICK_MS);
    let again = update(&mut s, (**msg).clone());
    assert_eq!(writes(&again).len(), 1, "sent at zero: {again:?}");
    // The same tick again is stale.
    assert!(update(&mut s, (**msg).clone()).is_empty());
}
