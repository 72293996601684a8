//! The form framework's behaviour: focus, visibility, refusals, the discard question,
//! read-only profiles, and the submission state machine through every exit.

use super::common::*;
use guichet::app::form::{FormOutcome, ReadTarget, StatusView, Submission, WriteOk, WriteRequest};
use guichet::app::{Key, KeyCode, Keymap, Scope};
use guichet::domain::requests::PaymentMethodChange;

#[test]
fn tab_order_skips_hidden_fields_and_wraps() {
    let mut f = wallet_form(false, false);
    let order: Vec<String> = (0..5)
        .map(|_| {
            let l = focused(&f);
            tab(&mut f);
            l
        })
        .collect();
    assert_eq!(order, ["Stay", "Mode", "Currency", "Medium ref", "Stay"]);
    // Shift-Tab and ↑ go back, wrapping to the last field.
    press(&mut f, Key::plain(KeyCode::BackTab));
    assert_eq!(focused(&f), "Stay");
    press(&mut f, Key::plain(KeyCode::Up));
    assert_eq!(focused(&f), "Medium ref");
    press(&mut f, Key::plain(KeyCode::Down));
    assert_eq!(focused(&f), "Stay");
}

#[test]
fn submit_refused_until_valid_names_the_field() {
    let mut f = wallet_form(false, false);
    focus(&mut f, "Currency");
    clear(&mut f);
    type_text(&mut f, "E1");
    assert!(
        row(&f, "Currency").error.is_some(),
        "message shown while typing"
    );
    focus(&mut f, "Stay");
    assert_eq!(enter(&mut f), FormOutcome::Stay);
    assert_eq!(f.submission(), &Submission::Editing);
    let view = f.view(&Keymap::defaults());
    let notice = view.notice.expect("a reason");
    assert!(notice.starts_with("Currency:"), "{notice}");
    assert_eq!(focused(&f), "Currency", "focus moves to the wrong field");
    clear(&mut f);
    type_text(&mut f, "chf");
    assert!(matches!(submit_and_confirm(&mut f), FormOutcome::Submit(_)));
}

#[test]
fn untouched_fields_show_their_message_only_after_a_submit_attempt() {
    let mut f = payment_form(false, false);
    assert_eq!(row(&f, "IBAN").error, None);
    enter(&mut f);
    assert_eq!(row(&f, "IBAN").error.as_deref(), Some("enter the IBAN"));
}

#[test]
fn esc_asks_only_when_something_was_typed() {
    let mut f = wallet_form(false, false);
    assert_eq!(
        esc(&mut f),
        FormOutcome::Close,
        "nothing typed: closes at once"
    );
    let mut f = wallet_form(false, false);
    focus(&mut f, "Medium ref");
    type_text(&mut f, "QR-1");
    assert_eq!(esc(&mut f), FormOutcome::Stay);
    let view = f.view(&Keymap::defaults());
    assert!(view.discard_prompt);
    assert_eq!(f.scope(), Scope::Confirm);
    assert_eq!(press(&mut f, Key::char('n')), FormOutcome::Stay);
    assert!(!f.view(&Keymap::defaults()).discard_prompt);
    assert_eq!(row(&f, "Medium ref").value, "QR-1", "kept");
    esc(&mut f);
    assert_eq!(press(&mut f, Key::char('y')), FormOutcome::Close);
}

#[test]
fn read_only_profile_never_submits() {
    let mut f = wallet_form(false, true);
    focus(&mut f, "Medium ref");
    type_text(&mut f, "BR-1");
    let view = f.view(&Keymap::defaults());
    assert!(view.read_only.expect("says why").contains("--read-only"));
    assert_eq!(enter(&mut f), FormOutcome::Stay);
    assert_eq!(press(&mut f, Key::ctrl('s')), FormOutcome::Stay);
    assert_eq!(f.submission(), &Submission::Editing);
    let notice = f.view(&Keymap::defaults()).notice.expect("notice");
    assert!(
        notice.starts_with("read-only profile: writes are off"),
        "{notice}"
    );
}

#[test]
fn a_read_only_refusal_names_its_cause() {
    use guichet::app::form::{ReadOnlyCause, WriteForm};
    for (cause, says) in [
        (ReadOnlyCause::Flag, "started with --read-only"),
        (ReadOnlyCause::Profile, "read_only = true in profile demo"),
        (
            ReadOnlyCause::ProductionDefault,
            "profile demo is production, read-only unless it says read_only = false",
        ),
    ] {
        let mut c = ctx(false, true);
        c.read_only_cause = Some(cause);
        let mut f = WriteForm::open_wallet(c, stays(), None, CORRELATION.into());
        let view = f.view(&Keymap::defaults());
        assert!(
            view.read_only.as_deref().is_some_and(|r| r.contains(says)),
            "{view:?}"
        );
        assert_eq!(enter(&mut f), FormOutcome::Stay);
        let notice = f.view(&Keymap::defaults()).notice.expect("notice");
        assert!(notice.contains(says), "{cause:?}: {notice}");
    }
}

#[test]
fn in_flight_submit_is_ignored() {
    let mut f = filled_wallet(false);
    let FormOutcome::Submit(_) = submit_and_confirm(&mut f) else {
        panic!("expected a submit")
    };
    assert!(matches!(f.submission(), Submission::InFlight(_)));
    assert_eq!(f.view(&Keymap::defaults()).status, StatusView::InFlight);
    for key in [
        Key::plain(KeyCode::Enter),
        Key::ctrl('s'),
        Key::char('y'),
        Key::plain(KeyCode::Esc),
        Key::char('x'),
    ] {
        assert_eq!(press(&mut f, key), FormOutcome::Stay, "{key}");
    }
    assert!(matches!(f.submission(), Submission::InFlight(_)));
    assert_eq!(
        press(&mut f, Key::ctrl('c')),
        FormOutcome::Unhandled,
        "force quit still works"
    );
}

#[test]
fn outcome_unknown_rereads_and_retries_with_same_correlation_id() {
    let mut f = filled_wallet(false);
    let FormOutcome::Submit(first) = submit_and_confirm(&mut f) else {
        panic!("expected a submit")
    };
    assert_eq!(f.submitted(Err(lost_answer())), FormOutcome::Stay);
    let StatusView::OutcomeUnknown { can_retry, .. } = f.view(&Keymap::defaults()).status else {
        panic!("expected outcome unknown");
    };
    assert!(can_retry);
    assert_eq!(
        press(&mut f, Key::ctrl('r')),
        FormOutcome::Reread(ReadTarget::StayWallet {
            stay_id: "a1b2c3d4-0000-4000-8000-000000000002".into()
        })
    );
    // Fields are locked: typing changes nothing.
    type_text(&mut f, "zz");
    // The retry is confirmed first, the same request shown; going back sends nothing.
    assert_eq!(press(&mut f, Key::ctrl('t')), FormOutcome::Stay);
    let Submission::Confirming(again) = f.submission().clone() else {
        panic!("a confirmation first: {:?}", f.submission())
    };
    assert_eq!(again.request, first, "it shows the very request sent");
    let confirm = f.view(&Keymap::defaults()).confirm.expect("confirmation");
    assert!(
        confirm
            .again
            .as_deref()
            .is_some_and(|a| a.contains(&format!("same idempotency key {CORRELATION}"))),
        "{:?}",
        confirm.again
    );
    assert_eq!(press(&mut f, Key::plain(KeyCode::Esc)), FormOutcome::Stay);
    assert!(
        matches!(f.submission(), Submission::OutcomeUnknown { .. }),
        "back to the unknown outcome: {:?}",
        f.submission()
    );
    assert_eq!(press(&mut f, Key::ctrl('t')), FormOutcome::Stay);
    let FormOutcome::Submit(second) = press(&mut f, Key::char('y')) else {
        panic!("expected a retry")
    };
    assert_eq!(first, second, "the very same request, same correlation id");
    let WriteRequest::OpenWallet(w) = &second else {
        panic!()
    };
    assert_eq!(w.correlation_id, CORRELATION);
    assert_eq!(w.medium_ref.as_deref(), Some("BR-004512"));
    assert!(matches!(f.submission(), Submission::InFlight(_)));
}

#[test]
fn outcome_unknown_without_idempotency_key_only_rereads() {
    let mut f = filled_payment(false);
    let FormOutcome::Submit(_) = submit_and_confirm(&mut f) else {
        panic!()
    };
    f.submitted(Err(lost_answer()));
    assert_eq!(press(&mut f, Key::ctrl('t')), FormOutcome::Stay);
    assert!(matches!(f.submission(), Submission::OutcomeUnknown { .. }));
    assert!(
        f.view(&Keymap::defaults())
            .notice
            .expect("why")
            .contains("no idempotency key")
    );
    assert_eq!(
        press(&mut f, Key::ctrl('r')),
        FormOutcome::Reread(ReadTarget::Account {
            account_id: ACCOUNT.into()
        })
    );
}

#[test]
fn provider_error_keeps_values_and_returns_to_editing() {
    let mut f = filled_payment(false);
    let FormOutcome::Submit(_) = submit_and_confirm(&mut f) else {
        panic!()
    };
    f.submitted(Err(rejected("0002", "IBAN bank code unknown")));
    let StatusView::Failed { code, message } = f.view(&Keymap::defaults()).status else {
        panic!("expected failed")
    };
    assert_eq!(code.as_deref(), Some("0002"));
    assert!(message.contains("IBAN bank code unknown"), "{message}");
    assert!(f.submission().is_editing());
    focus(&mut f, "IBAN");
    assert_eq!(row(&f, "IBAN").value, NEW_IBAN, "still filled");
    // Editing and submitting again works.
    assert!(matches!(submit_and_confirm(&mut f), FormOutcome::Submit(_)));
}

#[test]
fn success_reports_and_rereads() {
    let mut f = filled_payment(false);
    let FormOutcome::Submit(_) = submit_and_confirm(&mut f) else {
        panic!()
    };
    let out = f.submitted(Ok(WriteOk::NoContent));
    assert_eq!(
        out,
        FormOutcome::Succeeded {
            message: "payment method changed to DIRECT_DEBIT DE89 •••• •••• •••• 3000".into(),
            reread: ReadTarget::Account {
                account_id: ACCOUNT.into()
            },
            open_wallet: None,
        }
    );
    assert_eq!(
        esc(&mut f),
        FormOutcome::Close,
        "done: closes without asking"
    );
    // A late duplicate answer is ignored.
    assert_eq!(f.submitted(Ok(WriteOk::NoContent)), FormOutcome::Stay);
}

#[test]
fn confirm_back_returns_to_editing_and_confirm_view_shows_the_change() {
    let mut f = filled_wallet(false);
    enter(&mut f);
    let confirm = f.view(&Keymap::defaults()).confirm.expect("confirm view");
    assert_eq!(confirm.method, "POST");
    assert_eq!(confirm.path, "/wallets");
    assert_eq!(confirm.changes[0].before, "none");
    assert_eq!(
        confirm.changes[0].after,
        "postpaid EUR, credit limit 100.00 EUR, medium BR-004512"
    );
    assert!(
        confirm.body.contains("\"creditLimitCents\": \"10000\""),
        "{}",
        confirm.body
    );
    assert!(confirm.last4.is_none());
    assert_eq!(press(&mut f, Key::char('n')), FormOutcome::Stay);
    assert_eq!(f.submission(), &Submission::Editing);
}

#[test]
fn production_confirm_needs_last_four() {
    let mut f = filled_payment(true);
    enter(&mut f);
    // y is text here, and enter is refused until the last four match.
    assert_eq!(press(&mut f, Key::char('y')), FormOutcome::Stay);
    assert_eq!(enter(&mut f), FormOutcome::Stay);
    assert!(matches!(f.submission(), Submission::Confirming(_)));
    let v = f.view(&Keymap::defaults()).confirm.expect("confirm");
    assert_eq!(v.last4.as_ref().map(|l| l.matches), Some(false));
    assert!(v.notice.expect("why").contains("last 4"));
    press(&mut f, Key::plain(KeyCode::Backspace));
    type_text(&mut f, "1E2F");
    assert_eq!(
        f.view(&Keymap::defaults())
            .confirm
            .and_then(|c| c.last4)
            .map(|l| l.matches),
        Some(true)
    );
    let FormOutcome::Submit(WriteRequest::ChangePaymentMethod { account_id, change }) =
        enter(&mut f)
    else {
        panic!("expected a submit")
    };
    assert_eq!(account_id, ACCOUNT);
    let PaymentMethodChange::DirectDebit { iban } = change else {
        panic!()
    };
    assert_eq!(iban.as_str(), NEW_IBAN);
}

#[test]
fn typing_keys_bound_globally_goes_into_the_field() {
    let mut f = wallet_form(false, false);
    focus(&mut f, "Medium ref");
    type_text(&mut f, "q1:?");
    assert_eq!(row(&f, "Medium ref").value, "q1:?");
    // On a choice field, help is left to the caller.
    focus(&mut f, "Mode");
    assert_eq!(press(&mut f, Key::char('?')), FormOutcome::Unhandled);
    assert_eq!(press(&mut f, Key::char('q')), FormOutcome::Stay);
}

#[test]
fn paste_goes_into_the_focused_input() {
    let mut f = payment_form(false, false);
    focus(&mut f, "IBAN");
    f.paste("DE89 3704 0044 0532 0130 00\n");
    assert_eq!(row(&f, "IBAN").error, None);
    assert_eq!(row(&f, "IBAN").value, "DE89 3704 0044 0532 0130 00");
    tab(&mut f);
    assert_eq!(row(&f, "IBAN").value, "DE89 •••• •••• •••• 3000");
}
