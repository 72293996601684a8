//! Field validation as the user types, and property tests over generated values.

use super::common::*;
use guichet::app::form::{FormOutcome, WriteForm, WriteRequest, validate_cancellation_date};
use guichet::app::{Key, KeyCode};
use guichet::domain::Cents;
use guichet::domain::iban::{Iban, country_length};
use guichet::domain::money::format_cents;
use guichet::domain::requests::PaymentMethodChange;
use proptest::prelude::*;

fn iban_error(typed: &str) -> Option<String> {
    let mut f = payment_form(false, false);
    focus(&mut f, "IBAN");
    type_text(&mut f, typed);
    row(&f, "IBAN").error
}

#[test]
fn iban_field_says_what_is_wrong_while_typing() {
    assert_eq!(
        iban_error("FR76 3000").as_deref(),
        Some("an IBAN for FR has 27 characters, this one has 8")
    );
    assert_eq!(
        iban_error("FR76-").as_deref(),
        Some("an IBAN has only letters and digits")
    );
    assert_eq!(
        iban_error("7F").as_deref(),
        Some("an IBAN starts with two letters and two digits, like FR76")
    );
    assert_eq!(
        iban_error("ZZ12 3456").as_deref(),
        Some("unknown IBAN country ZZ")
    );
    assert_eq!(
        iban_error("DE89370400440532013001").as_deref(),
        Some("the IBAN check digits do not match: a character is wrong")
    );
    assert_eq!(iban_error(NEW_IBAN), None);
}

#[test]
fn iban_is_revealed_while_focused_and_masked_once_left() {
    let mut f = payment_form(false, false);
    focus(&mut f, "IBAN");
    type_text(&mut f, "de89 3704 0044 0532 0130 00");
    assert_eq!(row(&f, "IBAN").value, "de89 3704 0044 0532 0130 00");
    assert_eq!(row(&f, "IBAN").note.as_deref(), Some("valid DE IBAN"));
    press(&mut f, Key::plain(KeyCode::BackTab));
    assert_eq!(row(&f, "IBAN").value, "DE89 •••• •••• •••• 3000");
    // The request still carries the whole IBAN.
    enter(&mut f);
    let FormOutcome::Submit(WriteRequest::ChangePaymentMethod { change, .. }) =
        press(&mut f, Key::char('y'))
    else {
        panic!("expected a submit")
    };
    assert_eq!(
        change,
        PaymentMethodChange::DirectDebit {
            iban: Iban::parse(NEW_IBAN).expect("valid")
        }
    );
}

#[test]
fn an_invalid_iban_stays_visible_when_left() {
    let mut f = payment_form(false, false);
    focus(&mut f, "IBAN");
    type_text(&mut f, "DE8937040044");
    tab(&mut f);
    assert_eq!(row(&f, "IBAN").value, "DE8937040044");
}

#[test]
fn wallet_fields_check_currency_limit_medium_and_uuids() {
    let mut f = wallet_form(false, false);
    focus(&mut f, "Currency");
    clear(&mut f);
    type_text(&mut f, "EURO");
    assert_eq!(
        row(&f, "Currency").error.as_deref(),
        Some("a currency is three letters, like EUR (got \"EURO\")")
    );
    focus(&mut f, "Mode");
    right(&mut f);
    focus(&mut f, "Credit limit");
    type_text(&mut f, "100.005");
    assert_eq!(
        row(&f, "Credit limit").error.as_deref(),
        Some("at most two decimals (got \"100.005\")")
    );
    clear(&mut f);
    type_text(&mut f, "abc");
    assert!(
        row(&f, "Credit limit")
            .error
            .expect("bad")
            .starts_with("enter an amount")
    );
    focus(&mut f, "Medium ref");
    type_text(&mut f, &"x".repeat(65));
    assert_eq!(
        row(&f, "Medium ref").error.as_deref(),
        Some("at most 64 characters")
    );
    focus(&mut f, "Stay");
    press(&mut f, Key::plain(KeyCode::Left));
    tab(&mut f);
    type_text(&mut f, "1234");
    let err = row(&f, "Stay id").error.expect("not a uuid");
    assert!(err.starts_with("a stay id is a uuid"), "{err}");
}

#[test]
fn dates_must_be_yyyy_mm_dd_days() {
    let mut f = promotion_form(false, false);
    clear(&mut f);
    type_text(&mut f, "2026-11-3");
    assert_eq!(
        row(&f, "Cancellation date").error.as_deref(),
        Some("a date is yyyy-mm-dd, like 2026-11-21")
    );
    clear(&mut f);
    type_text(&mut f, "2026-11-31");
    assert_eq!(
        row(&f, "Cancellation date").error.as_deref(),
        Some("2026-11-31 is not a day of the calendar")
    );
}

/// Countries with their IBAN lengths, for generating valid IBANs.
const COUNTRIES: &[&str] = &[
    "FR", "DE", "GB", "NL", "BE", "ES", "IT", "CH", "PL", "NO", "MT",
];

fn typed_request(f: &mut WriteForm) -> Option<WriteRequest> {
    enter(f);
    match press(f, Key::char('y')) {
        FormOutcome::Submit(r) => Some(r),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_valid_generated_iban_is_accepted_by_the_field(
        country in prop::sample::select(COUNTRIES),
        digits in prop::collection::vec(0u8..10, 40),
        spaced in any::<bool>(),
    ) {
        let len = country_length(country).expect("known country") - 4;
        let bban: String = digits[..len].iter().map(|d| char::from(b'0' + d)).collect();
        let iban = Iban::from_bban(country, &bban);
        let typed = if spaced { iban.grouped().to_lowercase() } else { iban.as_str().to_string() };
        let mut f = payment_form(false, false);
        focus(&mut f, "IBAN");
        type_text(&mut f, &typed);
        let r = row(&f, "IBAN");
        prop_assert_eq!(r.error, None);
        let req = typed_request(&mut f);
        prop_assert_eq!(
            req,
            Some(WriteRequest::ChangePaymentMethod {
                account_id: ACCOUNT.into(),
                change: PaymentMethodChange::DirectDebit { iban: iban.clone() },
            })
        );
    }

    #[test]
    fn a_changed_digit_in_a_valid_iban_is_refused(
        digits in prop::collection::vec(0u8..10, 23),
        pos in 4usize..27,
        bump in 1u8..10,
    ) {
        let bban: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let iban = Iban::from_bban("FR", &bban);
        let mut chars: Vec<u8> = iban.as_str().bytes().collect();
        chars[pos] = b'0' + (chars[pos] - b'0' + bump) % 10;
        let typed = String::from_utf8(chars).expect("ascii");
        let mut f = payment_form(false, false);
        focus(&mut f, "IBAN");
        type_text(&mut f, &typed);
        prop_assert!(row(&f, "IBAN").error.is_some());
        prop_assert_eq!(typed_request(&mut f), None);
    }

    #[test]
    fn cents_formatted_then_typed_back_give_the_same_cents(cents in 0i64..100_000_000_000) {
        let mut f = wallet_form(false, false);
        focus(&mut f, "Mode");
        right(&mut f);
        focus(&mut f, "Credit limit");
        type_text(&mut f, &format_cents(Cents(cents)));
        prop_assert_eq!(row(&f, "Credit limit").error, None);
        let Some(WriteRequest::OpenWallet(w)) = typed_request(&mut f) else {
            return Err(TestCaseError::fail("no request"));
        };
        prop_assert_eq!(w.credit_limit, Some(Cents(cents)));
    }

    #[test]
    fn dates_before_today_are_always_refused(days in 1i64..200_000) {
        let day = today() - chrono::Duration::days(days);
        prop_assert!(validate_cancellation_date(&day.format("%Y-%m-%d").to_string(), today(), None).is_err());
        let mut f = promotion_form(false, false);
        clear(&mut f);
        type_text(&mut f, &day.format("%Y-%m-%d").to_string());
        prop_assert!(row(&f, "Cancellation date").error.expect("refused").starts_with("cannot be before today"));
        prop_assert_eq!(typed_request(&mut f), None);
    }

    #[test]
    fn dates_from_today_to_the_end_are_accepted(days in 0i64..=40) {
        let day = today() + chrono::Duration::days(days);
        let mut f = promotion_form(false, false);
        clear(&mut f);
        type_text(&mut f, &day.format("%Y-%m-%d").to_string());
        let ok = day <= date(2026, 12, 31);
        prop_assert_eq!(row(&f, "Cancellation date").error.is_none(), ok);
        let req = typed_request(&mut f);
        prop_assert_eq!(req.is_some(), ok);
    }
}

/// A postpaid wallet form with `typed` in its credit limit, never submitted.
fn credit_limit_typed(typed: &str) -> WriteForm {
    let mut f = wallet_form(false, false);
    focus(&mut f, "Mode");
    right(&mut f);
    focus(&mut f, "Credit limit");
    type_text(&mut f, typed);
    f
}

#[test]
fn amount_errors_show_as_you_type() {
    for (typed, message) in [
        ("-", "enter an amount like 100.00 (got \"-\")"),
        ("-5", "enter an amount like 100.00 (got \"-5\")"),
        ("a", "enter an amount like 100.00 (got \"a\")"),
        ("abc", "enter an amount like 100.00 (got \"abc\")"),
        ("12.345", "at most two decimals (got \"12.345\")"),
    ] {
        let f = credit_limit_typed(typed);
        assert!(!f.core().submit_attempted, "{typed}: never submitted");
        assert_eq!(
            row(&f, "Credit limit").error.as_deref(),
            Some(message),
            "{typed}"
        );
    }
    assert_eq!(
        row(&credit_limit_typed("12.34"), "Credit limit").error,
        None
    );
}
