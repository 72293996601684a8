//! Fixtures and key helpers shared by the form tests.

use chrono::NaiveDate;
use guichet::app::form::{FormOutcome, Submission, WriteContext, WriteForm};
use guichet::app::{Key, KeyCode, Keymap, Scope};
use guichet::domain::card::{CardToken, TokenStatus};
use guichet::domain::cashless::Stay;
use guichet::domain::customer::{
    Discount, DiscountType, IbanText, PaymentMethod, PaymentMethodType, Promotion,
};
use guichet::domain::{ApiError, ErrorKind, Provider};

pub const ACCOUNT: &str = "8f0e1c2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f";
pub const PROMOTION: &str = "c0ffee00-1111-4222-8333-444455556666";
pub const CORRELATION: &str = "5b1e7c3a-9d2f-4e8b-a6c4-0f1e2d3c4b5a";
pub const TOKEN: &str = "0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a";
pub const OLD_IBAN: &str = "FR7630006000011234567890189";
/// A valid German IBAN, different from the account's.
pub const NEW_IBAN: &str = "DE89370400440532013000";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn ctx(production: bool, read_only: bool) -> WriteContext {
    WriteContext {
        profile: if production { "telco-prod" } else { "demo" }.into(),
        environment_label: if production { "PRODUCTION" } else { "sandbox" }.into(),
        production,
        read_only,
        read_only_cause: None,
        customer_name: Some("Élodie Martin".into()),
        org: "telco".into(),
    }
}

pub fn stays() -> Vec<Stay> {
    vec![
        Stay {
            id: "a1b2c3d4-0000-4000-8000-000000000001".into(),
            establishment_id: "e5e5e5e5-0000-4000-8000-00000000000a".into(),
            establishment_name: Some("Hôtel des Arts Lyon".into()),
            guest_name: "Jan de Vries".into(),
            arrival: date(2026, 11, 19),
            departure: date(2026, 11, 23),
        },
        Stay {
            id: "a1b2c3d4-0000-4000-8000-000000000002".into(),
            establishment_id: "e5e5e5e5-0000-4000-8000-00000000000b".into(),
            establishment_name: Some("Grand Hôtel Nantes".into()),
            guest_name: "Aiko Tanaka".into(),
            arrival: date(2026, 11, 20),
            departure: date(2026, 11, 27),
        },
    ]
}

pub fn wallet_form(production: bool, read_only: bool) -> WriteForm {
    WriteForm::open_wallet(
        ctx(production, read_only),
        stays(),
        None,
        CORRELATION.into(),
    )
}

pub fn current_dd() -> PaymentMethod {
    PaymentMethod::DirectDebit {
        iban: IbanText(OLD_IBAN.into()),
    }
}

pub fn payment_form(production: bool, read_only: bool) -> WriteForm {
    WriteForm::payment_method(
        ctx(production, read_only),
        ACCOUNT.into(),
        vec![
            PaymentMethodType::DirectDebit,
            PaymentMethodType::CreditCard,
        ],
        current_dd(),
        today(),
    )
}

pub fn promotion() -> Promotion {
    Promotion {
        id: PROMOTION.into(),
        promotion_code: "WELCOME10".into(),
        name: "Welcome 10%".into(),
        discount: Discount {
            kind: DiscountType::Percentage,
            value: 10,
        },
        start_date: date(2026, 1, 1),
        end_date: Some(date(2026, 12, 31)),
        cancellation_date: None,
    }
}

pub fn promotion_form(production: bool, read_only: bool) -> WriteForm {
    WriteForm::cancel_promotion(
        ctx(production, read_only),
        ACCOUNT.into(),
        promotion(),
        today(),
    )
}

pub fn card(status: TokenStatus, month: u32, year: i32) -> CardToken {
    CardToken {
        token: TOKEN.into(),
        brand: "VISA".into(),
        masked_pan: "497010XXXXXX7890".into(),
        expiry_month: month,
        expiry_year: year,
        status,
    }
}

pub fn rejected(code: &str, message: &str) -> ApiError {
    ApiError::new(Provider::Mascustomers, ErrorKind::Rejected, message)
        .with_status(400)
        .with_code(code)
}

pub fn lost_answer() -> ApiError {
    let mut e = ApiError::new(Provider::Pxlhub, ErrorKind::Timeout, "no answer in 10 s");
    e.outcome_unknown = true;
    e
}

/// Presses a key the way the integrator will: its action resolved in the form's scope.
pub fn press(form: &mut WriteForm, key: Key) -> FormOutcome {
    let action = Keymap::defaults().action(form.scope(), key);
    form.handle_key(key, action)
}

pub fn tab(form: &mut WriteForm) -> FormOutcome {
    press(form, Key::plain(KeyCode::Tab))
}

pub fn enter(form: &mut WriteForm) -> FormOutcome {
    press(form, Key::plain(KeyCode::Enter))
}

pub fn esc(form: &mut WriteForm) -> FormOutcome {
    press(form, Key::plain(KeyCode::Esc))
}

pub fn right(form: &mut WriteForm) -> FormOutcome {
    press(form, Key::plain(KeyCode::Right))
}

/// Types text into the focused field; returns the last outcome.
pub fn type_text(form: &mut WriteForm, text: &str) -> FormOutcome {
    let mut last = FormOutcome::Stay;
    for c in text.chars() {
        last = press(form, Key::char(c));
    }
    last
}

/// Clears the focused input (ctrl-u from the end).
pub fn clear(form: &mut WriteForm) {
    press(form, Key::plain(KeyCode::End));
    press(form, Key::ctrl('u'));
}

/// The label of the focused row.
pub fn focused(form: &WriteForm) -> String {
    form.view(&Keymap::defaults())
        .rows
        .iter()
        .find(|r| r.focused)
        .map(|r| r.label.clone())
        .unwrap_or_default()
}

/// Focuses the row labelled `label` by tabbing (at most one round).
pub fn focus(form: &mut WriteForm, label: &str) {
    for _ in 0..12 {
        if focused(form) == label {
            return;
        }
        tab(form);
    }
    panic!("no focusable field {label}");
}

/// The row labelled `label` in the current view.
pub fn row(form: &WriteForm, label: &str) -> guichet::app::form::FieldRow {
    form.view(&Keymap::defaults())
        .rows
        .into_iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("no visible row {label}"))
}

pub fn labels(form: &WriteForm) -> Vec<String> {
    form.view(&Keymap::defaults())
        .rows
        .into_iter()
        .map(|r| r.label)
        .collect()
}

/// A filled, valid postpaid wallet form on the second stay.
pub fn filled_wallet(production: bool) -> WriteForm {
    let mut f = wallet_form(production, false);
    right(&mut f); // second stay
    // Its wallet was looked up: it has none.
    f.stay_wallet_known(&stays()[1].id, Ok(None));
    focus(&mut f, "Mode");
    right(&mut f); // postpaid
    focus(&mut f, "Credit limit");
    type_text(&mut f, "100.00");
    focus(&mut f, "Medium ref");
    type_text(&mut f, "BR-004512");
    f
}

/// A payment form with a valid new IBAN typed.
pub fn filled_payment(production: bool) -> WriteForm {
    let mut f = payment_form(production, false);
    focus(&mut f, "IBAN");
    type_text(&mut f, NEW_IBAN);
    f
}

/// Submits (enter) and confirms (y) on a non-production form.
pub fn submit_and_confirm(f: &mut WriteForm) -> FormOutcome {
    assert_eq!(enter(f), FormOutcome::Stay);
    assert!(
        matches!(f.submission(), Submission::Confirming(_)),
        "{:?}",
        f.view(&Keymap::defaults()).notice
    );
    assert_eq!(f.scope(), Scope::Confirm);
    press(f, Key::char('y'))
}
