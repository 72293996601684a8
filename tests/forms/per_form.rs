//! What each form adds: the wallet's stay, establishment and credit limit, the payment
//! method's IBAN and card token, the promotion's dates, audit summaries, masked bodies.

use super::common::*;
use guichet::app::form::{FormOutcome, ReadTarget, Submission, WriteForm, WriteOk, WriteRequest};
use guichet::app::{Key, KeyCode, Keymap};
use guichet::domain::card::TokenStatus;
use guichet::domain::cashless::{WalletMode, WalletOpened};
use guichet::domain::requests::PaymentMethodChange;

#[test]
fn credit_limit_offered_only_for_postpaid() {
    let mut f = wallet_form(false, false);
    assert!(!labels(&f).contains(&"Credit limit".to_string()));
    focus(&mut f, "Mode");
    right(&mut f);
    assert_eq!(row(&f, "Mode").value, "postpaid");
    assert!(labels(&f).contains(&"Credit limit".to_string()));
    focus(&mut f, "Credit limit");
    type_text(&mut f, "250.5");
    assert_eq!(row(&f, "Credit limit").note.as_deref(), Some("25050 cents"));
    // Back to prepaid: hidden again, and not sent even though text was typed.
    focus(&mut f, "Mode");
    right(&mut f);
    assert!(!labels(&f).contains(&"Credit limit".to_string()));
    let FormOutcome::Submit(WriteRequest::OpenWallet(w)) = submit_and_confirm(&mut f) else {
        panic!("expected a submit");
    };
    assert_eq!(w.mode, WalletMode::Prepaid);
    assert_eq!(w.credit_limit, None);
}

#[test]
fn establishment_comes_from_the_stay_or_is_typed() {
    let mut f = wallet_form(false, false);
    assert_eq!(
        row(&f, "Establishment").value,
        "e5e5e5e5-0000-4000-8000-00000000000a"
    );
    assert_eq!(
        row(&f, "Establishment").note.as_deref(),
        Some("Hôtel des Arts Lyon")
    );
    // The last choice types a stay id; an unknown stay asks for the establishment.
    press(&mut f, Key::plain(KeyCode::Left));
    assert!(labels(&f).contains(&"Stay id".to_string()));
    tab(&mut f);
    assert_eq!(focused(&f), "Stay id");
    type_text(&mut f, "a1b2c3d4-0000-4000-8000-000000000002");
    assert_eq!(
        row(&f, "Establishment").note.as_deref(),
        Some("Grand Hôtel Nantes")
    );
    assert!(!labels(&f).contains(&"Establishment id".to_string()));
    clear(&mut f);
    type_text(&mut f, "a1b2c3d4-0000-4000-8000-0000000000ff");
    assert!(labels(&f).contains(&"Establishment id".to_string()));
    tab(&mut f);
    assert_eq!(focused(&f), "Establishment id");
    type_text(&mut f, "E5E5E5E5-0000-4000-8000-0000000000FF");
    let FormOutcome::Submit(WriteRequest::OpenWallet(w)) = submit_and_confirm(&mut f) else {
        panic!("expected a submit");
    };
    assert_eq!(w.stay_id, "a1b2c3d4-0000-4000-8000-0000000000ff");
    assert_eq!(w.establishment_id, "e5e5e5e5-0000-4000-8000-0000000000ff");
    assert_eq!(w.correlation_id, CORRELATION);
}

#[test]
fn already_open_answer_says_so_and_opens_it() {
    let mut f = filled_wallet(false);
    let FormOutcome::Submit(_) = submit_and_confirm(&mut f) else {
        panic!()
    };
    let out = f.submitted(Ok(WriteOk::WalletOpened(WalletOpened {
        wallet_id: "w-42".into(),
        already_open: true,
    })));
    let FormOutcome::Succeeded {
        message,
        open_wallet,
        ..
    } = out
    else {
        panic!("{out:?}")
    };
    assert_eq!(message, "this stay already has a wallet (w-42)");
    assert_eq!(open_wallet.as_deref(), Some("w-42"));
}

#[test]
fn card_token_is_resolved_and_expired_or_cancelled_refused() {
    let mut f = payment_form(false, false);
    right(&mut f);
    assert_eq!(row(&f, "Method").value, "CREDIT_CARD (card token)");
    assert!(!labels(&f).contains(&"IBAN".to_string()));
    focus(&mut f, "Card token");
    let out = type_text(&mut f, &TOKEN.to_uppercase());
    assert_eq!(out, FormOutcome::ResolveToken(TOKEN.into()));
    enter(&mut f);
    assert!(
        f.view(&Keymap::defaults())
            .notice
            .expect("why")
            .contains("waiting for the card lookup")
    );
    f.token_resolved(Ok(card(TokenStatus::Active, 3, 2026)));
    let err = row(&f, "Card token").error.expect("expired by date");
    assert!(
        err.contains("card expired") && err.contains("03/26"),
        "{err}"
    );
    assert_eq!(enter(&mut f), FormOutcome::Stay);
    assert_eq!(f.submission(), &Submission::Editing);

    // Change the token and back: asked again, then cancelled is refused with its reason.
    press(&mut f, Key::plain(KeyCode::Backspace));
    assert_eq!(
        type_text(&mut f, "a"),
        FormOutcome::ResolveToken(TOKEN.into())
    );
    f.token_resolved(Ok(card(TokenStatus::Cancelled, 12, 2027)));
    assert!(
        row(&f, "Card token")
            .error
            .expect("refused")
            .contains("cancelled")
    );

    press(&mut f, Key::plain(KeyCode::Backspace));
    type_text(&mut f, "a");
    f.token_resolved(Ok(card(TokenStatus::Active, 12, 2027)));
    let r = row(&f, "Card token");
    assert_eq!(r.error, None);
    assert_eq!(r.note.as_deref(), Some("VISA 497010••••••7890 exp 12/27"));
    enter(&mut f);
    let confirm = f.view(&Keymap::defaults()).confirm.expect("confirm");
    assert!(
        confirm.changes[0]
            .after
            .contains("VISA 497010••••••7890 exp 12/27")
    );
    assert_eq!(
        press(&mut f, Key::char('y')),
        FormOutcome::Submit(WriteRequest::ChangePaymentMethod {
            account_id: ACCOUNT.into(),
            change: PaymentMethodChange::CreditCard {
                token_id: TOKEN.into()
            },
        })
    );
}

#[test]
fn stale_or_failed_token_answers() {
    let mut f = payment_form(false, false);
    right(&mut f);
    focus(&mut f, "Card token");
    type_text(&mut f, TOKEN);
    press(&mut f, Key::plain(KeyCode::Backspace));
    // The answer for the token no longer typed is dropped.
    f.token_resolved(Ok(card(TokenStatus::Active, 12, 2027)));
    assert!(row(&f, "Card token").note.is_none());
    type_text(&mut f, "a");
    f.token_resolved(Err(rejected("PSP_030", "token not found")));
    let err = row(&f, "Card token").error.expect("lookup failed");
    assert!(
        err.contains("PSP_030") && err.contains("token not found"),
        "{err}"
    );
}

#[test]
fn only_allowed_methods_are_offered() {
    use guichet::domain::customer::PaymentMethodType;
    let mut f = WriteForm::payment_method(
        ctx(false, false),
        ACCOUNT.into(),
        vec![
            PaymentMethodType::CreditCard,
            PaymentMethodType::Unknown("SEPA_INSTANT".into()),
        ],
        current_dd(),
        today(),
    );
    assert_eq!(row(&f, "Method").choice_pos, Some((1, 1)));
    assert_eq!(row(&f, "Method").value, "CREDIT_CARD (card token)");
    right(&mut f);
    assert_eq!(row(&f, "Method").value, "CREDIT_CARD (card token)");
    assert!(!labels(&f).contains(&"IBAN".to_string()));
}

#[test]
fn same_iban_as_before_is_refused() {
    let mut f = payment_form(false, false);
    focus(&mut f, "IBAN");
    type_text(&mut f, "fr76 3000 6000 0112 3456 7890 189");
    assert_eq!(
        row(&f, "IBAN").error.as_deref(),
        Some("this is already the account's IBAN")
    );
}

#[test]
fn promotion_cancel_defaults_to_today_and_builds_the_request() {
    let mut f = promotion_form(false, false);
    assert_eq!(row(&f, "Cancellation date").value, "2026-11-21");
    let FormOutcome::Submit(req) = submit_and_confirm(&mut f) else {
        panic!()
    };
    assert_eq!(
        req,
        WriteRequest::CancelPromotion {
            account_id: ACCOUNT.into(),
            promotion_id: PROMOTION.into(),
            cancellation_date: today(),
        }
    );
    assert_eq!(
        f.submitted(Ok(WriteOk::NoContent)),
        FormOutcome::Succeeded {
            message: "promotion WELCOME10 cancelled as of 2026-11-21".into(),
            reread: ReadTarget::Promotions {
                account_id: ACCOUNT.into()
            },
            open_wallet: None,
        }
    );
}

#[test]
fn promotion_date_limits() {
    let mut f = promotion_form(false, false);
    clear(&mut f);
    type_text(&mut f, "2026-11-20");
    assert_eq!(
        row(&f, "Cancellation date").error.as_deref(),
        Some("cannot be before today (2026-11-21)")
    );
    clear(&mut f);
    type_text(&mut f, "2027-01-01");
    assert_eq!(
        row(&f, "Cancellation date").error.as_deref(),
        Some("cannot be after the promotion's end (2026-12-31)")
    );
    clear(&mut f);
    type_text(&mut f, "2026-12-31");
    assert_eq!(row(&f, "Cancellation date").error, None);
    assert!(matches!(submit_and_confirm(&mut f), FormOutcome::Submit(_)));
}

#[test]
fn an_ended_or_cancelled_promotion_cannot_be_cancelled() {
    let mut p = promotion();
    p.cancellation_date = Some(date(2026, 11, 1));
    let mut f = WriteForm::cancel_promotion(ctx(false, false), ACCOUNT.into(), p, today());
    assert_eq!(enter(&mut f), FormOutcome::Stay);
    assert_eq!(f.submission(), &Submission::Editing);
    let notice = f.view(&Keymap::defaults()).notice.expect("why");
    assert!(
        notice.contains("already cancelled (since 2026-11-01)"),
        "{notice}"
    );
}

#[test]
fn audit_summary_is_masked_and_names_targets_and_key() {
    let f = filled_payment(false);
    let a = f.audit_summary();
    assert_eq!(a.action, "payment_method.change");
    assert_eq!(a.target_ids, vec![ACCOUNT.to_string()]);
    assert_eq!(
        a.summary,
        "DIRECT_DEBIT DE89 •••• •••• •••• 3000 (was DIRECT_DEBIT FR76 •••• •••• •••• 0189)"
    );
    assert!(!a.summary.contains("0440532"));
    let w = filled_wallet(false).audit_summary();
    assert_eq!(w.action, "wallet.open");
    assert_eq!(w.key.as_deref(), Some(CORRELATION));
    assert_eq!(
        w.target_ids,
        vec![
            "a1b2c3d4-0000-4000-8000-000000000002".to_string(),
            "e5e5e5e5-0000-4000-8000-00000000000b".to_string()
        ]
    );
    let p = promotion_form(false, false).audit_summary();
    assert_eq!(p.action, "promotion.cancel");
    assert_eq!(
        p.target_ids,
        vec![ACCOUNT.to_string(), PROMOTION.to_string()]
    );
    assert!(p.summary.contains("2026-11-21"), "{}", p.summary);
}

#[test]
fn confirmation_body_masks_the_iban() {
    let mut f = filled_payment(false);
    enter(&mut f);
    let c = f.view(&Keymap::defaults()).confirm.expect("confirm");
    assert_eq!(c.method, "PATCH");
    assert_eq!(
        c.path,
        format!("/orgs/telco/accounts/{ACCOUNT}/payment-method")
    );
    assert!(c.body.contains("DE89 •••• •••• •••• 3000"), "{}", c.body);
    assert!(!c.body.contains(NEW_IBAN));
}

#[test]
fn a_form_opened_from_a_stay_starts_on_it() {
    let listed = WriteForm::open_wallet(
        ctx(false, false),
        stays(),
        Some("A1B2C3D4-0000-4000-8000-000000000002".into()),
        CORRELATION.into(),
    );
    assert_eq!(row(&listed, "Stay").choice_pos, Some((2, 3)));
    assert!(!labels(&listed).contains(&"Stay id".to_string()));
    let mut unlisted = WriteForm::open_wallet(
        ctx(false, false),
        Vec::new(),
        Some("a1b2c3d4-0000-4000-8000-0000000000aa".into()),
        CORRELATION.into(),
    );
    assert_eq!(row(&unlisted, "Stay").value, "type a stay id…");
    assert_eq!(
        row(&unlisted, "Stay id").value,
        "a1b2c3d4-0000-4000-8000-0000000000aa"
    );
    focus(&mut unlisted, "Establishment id");
    type_text(&mut unlisted, "e5e5e5e5-0000-4000-8000-00000000000c");
    enter(&mut unlisted);
    let FormOutcome::Submit(WriteRequest::OpenWallet(w)) = press(&mut unlisted, Key::char('y'))
    else {
        panic!("expected a submit")
    };
    assert_eq!(w.stay_id, "a1b2c3d4-0000-4000-8000-0000000000aa");
    assert_eq!(w.currency.as_str(), "EUR");
    assert_eq!(w.mode, WalletMode::Prepaid);
}
