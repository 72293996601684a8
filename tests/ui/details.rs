//! Every detail view at 80x24 and 120x40: fields grouped and labelled, IBAN masked until
//! revealed (and the reveal logged, masked), the raw JSON view, sub-lists of an account.

use super::common::{draw, session, state_with, text_of};
use super::fixtures::*;
use guichet::app::detail::{Detail, Load, Section, Subject};
use guichet::app::nav::View;
use guichet::app::state::{Environment, Tab};
use guichet::app::{Effect, Key, Msg, State, update};
use guichet::domain::card::CardUpdate;
use guichet::domain::card::ReplacementCard;

fn with_detail(tab: Tab, detail: Detail, w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.tab = tab;
    s.nav_mut().views.push(View::Detail(Box::new(detail)));
    s
}

fn customer_detail(w: u16, h: u16) -> State {
    with_detail(
        Tab::CUSTOMERS,
        Detail::new(1000, Subject::Customer(customer(0))),
        w,
        h,
    )
}

fn account_dd(w: u16, h: u16) -> State {
    with_detail(
        Tab::ACCOUNTS,
        Detail::new(1000, Subject::Account(account(0))),
        w,
        h,
    )
}

fn account_card(w: u16, h: u16, expired: bool) -> State {
    let mut d = Detail::new(1000, Subject::Account(account(1)));
    d.card = Load::Ready(card(expired));
    if expired {
        d.card_update = Load::Ready(CardUpdate {
            updated: true,
            replacement: Some(ReplacementCard {
                mx_token: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
                masked_number: "497010XXXXXX1234".into(),
                expiration_date: "1228".into(),
                brand: "VISA".into(),
            }),
        });
    }
    d.section = Section::Promotions;
    d.promotions = Load::Ready(promotions());
    with_detail(Tab::ACCOUNTS, d, w, h)
}

fn wallet_detail(w: u16, h: u16) -> State {
    with_detail(
        Tab::WALLETS,
        Detail::new(1000, Subject::Wallet(wallet(3))),
        w,
        h,
    )
}

fn stay_detail(w: u16, h: u16) -> State {
    with_detail(Tab::WALLETS, Detail::new(1000, Subject::Stay(stay())), w, h)
}

fn transfer_detail(w: u16, h: u16) -> State {
    with_detail(
        Tab::TRANSFERS,
        Detail::new(
            1000,
            Subject::Transfer {
                user: "C-000123".into(),
                transfer: transfer(0),
            },
        ),
        w,
        h,
    )
}

#[test]
fn customer_80x24() {
    insta::assert_snapshot!(draw(&customer_detail(80, 24)).backend());
}

#[test]
fn customer_120x40() {
    insta::assert_snapshot!(draw(&customer_detail(120, 40)).backend());
}

#[test]
fn account_direct_debit_80x24() {
    insta::assert_snapshot!(draw(&account_dd(80, 24)).backend());
}

#[test]
fn account_direct_debit_120x40() {
    insta::assert_snapshot!(draw(&account_dd(120, 40)).backend());
}

#[test]
fn account_card_with_promotions_80x24() {
    insta::assert_snapshot!(draw(&account_card(80, 24, false)).backend());
}

#[test]
fn account_expired_card_with_replacement_120x40() {
    let s = account_card(120, 40, true);
    let text = text_of(&draw(&s));
    assert!(text.contains("497010••••••7890"), "{text}");
    assert!(text.contains("497010••••••1234"), "{text}");
    assert!(!text.contains("XXXXXX"), "{text}");
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn account_billing_history_120x40() {
    let mut d = Detail::new(1000, Subject::Account(account(0)));
    d.section = Section::BillingHistory;
    d.billing = Load::Ready(billing());
    d.billing_range = (Some(day(2025, 1, 1)), None);
    insta::assert_snapshot!(draw(&with_detail(Tab::ACCOUNTS, d, 120, 40)).backend());
}

#[test]
fn wallet_80x24() {
    insta::assert_snapshot!(draw(&wallet_detail(80, 24)).backend());
}

#[test]
fn wallet_120x40() {
    insta::assert_snapshot!(draw(&wallet_detail(120, 40)).backend());
}

#[test]
fn stay_80x24() {
    insta::assert_snapshot!(draw(&stay_detail(80, 24)).backend());
}

#[test]
fn stay_120x40() {
    insta::assert_snapshot!(draw(&stay_detail(120, 40)).backend());
}

#[test]
fn transfer_80x24() {
    insta::assert_snapshot!(draw(&transfer_detail(80, 24)).backend());
}

#[test]
fn transfer_120x40() {
    insta::assert_snapshot!(draw(&transfer_detail(120, 40)).backend());
}

#[test]
fn raw_json_80x24_and_120x40() {
    let mut s = account_dd(80, 24);
    let effects = update(&mut s, Msg::Key(Key::char('v')));
    let text = text_of(&draw(&s));
    assert!(text.contains("reading the provider's answer…"), "{text}");
    answer_raw(
        &mut s,
        &effects,
        "GET /customers/v4/orgs/telco/accounts/a-1",
        br#"{"id":"a-1","status":"ACTIVE","payment_method":{"type":"DIRECT_DEBIT","details":{"iban":"FR7630006000011234567890189"}},"created_at":"2026-01-02T03:04:05Z"}"#,
    );
    let text = text_of(&draw(&s));
    assert!(
        text.contains("GET /customers/v4/orgs/telco/accounts/a-1  HTTP 200"),
        "{text}"
    );
    assert!(
        text.contains("\"iban\": \"FR76 •••• •••• •••• 0189\""),
        "{text}"
    );
    insta::assert_snapshot!("raw_json_80x24", draw(&s).backend());
    let mut s = transfer_detail(120, 40);
    let effects = update(&mut s, Msg::Key(Key::char('v')));
    answer_raw(
        &mut s,
        &effects,
        "GET /smoney/api/sandbox/users/C-000123/moneyouts/20241",
        br#"{"Id":20241,"Amount":12050,"OperationDate":"2026-11-20T10:00:00Z","BankAccount":{"DisplayName":"Compte courant","Iban":"FR7630006000011234567890189","Bic":"BNPAFRPP"},"Status":1}"#,
    );
    insta::assert_snapshot!("raw_json_120x40", draw(&s).backend());
}

/// Answers the raw view's request among `effects` with this provider body.
fn answer_raw(s: &mut State, effects: &[Effect], request: &str, body: &[u8]) {
    let ticket = effects
        .iter()
        .find_map(|e| match e {
            Effect::Request { ticket, .. } => Some(*ticket),
            _ => None,
        })
        .expect("the raw view asks for the provider's answer");
    let view = s.focused_id().expect("a view");
    let raw = guichet::api::RawBody {
        request: request.into(),
        status: 200,
        body: guichet::api::writes::mask_body(body, true),
        cut_from: None,
    };
    update(
        s,
        Msg::Reply {
            ticket,
            reply: guichet::app::Reply::Detail {
                view,
                answer: guichet::app::msg::DetailAnswer::Raw(Ok(raw)),
            },
        },
    );
}

#[test]
fn reveal_shows_the_iban_and_logs_only_the_masked_form() {
    let mut s = account_dd(120, 40);
    let before = text_of(&draw(&s));
    assert!(before.contains("FR76 •••• •••• •••• 0189"), "{before}");
    assert!(!before.contains("FR7630006000011234567890189"));
    let effects = update(&mut s, Msg::Key(Key::char('R')));
    let after = text_of(&draw(&s));
    assert!(after.contains("FR7630006000011234567890189"), "{after}");
    let logs: Vec<&String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Log(l) => Some(l),
            _ => None,
        })
        .collect();
    assert_eq!(logs.len(), 1, "{effects:?}");
    assert!(logs[0].contains("FR76 •••• •••• •••• 0189"), "{}", logs[0]);
    assert!(!logs[0].contains("FR7630006000011234567890189"));
    // The raw view is the provider's answer, masked even while the fields are revealed.
    let effects = update(&mut s, Msg::Key(Key::char('v')));
    answer_raw(
        &mut s,
        &effects,
        "GET /customers/v4/orgs/telco/accounts/a-1",
        br#"{"payment_method":{"details":{"iban":"FR7630006000011234567890189"}}}"#,
    );
    assert!(!text_of(&draw(&s)).contains("FR7630006000011234567890189"));
    update(&mut s, Msg::Key(Key::char('v')));
    assert!(text_of(&draw(&s)).contains("FR7630006000011234567890189"));
    update(&mut s, Msg::Key(Key::char('R')));
    assert!(!text_of(&draw(&s)).contains("FR7630006000011234567890189"));
}

#[test]
fn copy_id_goes_to_the_clipboard() {
    let mut s = wallet_detail(80, 24);
    let effects = update(&mut s, Msg::Key(Key::char('y')));
    assert!(
        effects.contains(&Effect::CopyToClipboard(wallet(3).id)),
        "{effects:?}"
    );
}

#[test]
fn times_follow_the_profile_setting() {
    let mut s = transfer_detail(80, 24);
    let text = format!("{}", draw(&s).backend());
    assert!(text.contains("2025-03-10 14:49 UTC"), "{text}");
    s.time = guichet::domain::time::TimeShown::Local(
        chrono::FixedOffset::east_opt(2 * 3600).expect("offset"),
    );
    let text = format!("{}", draw(&s).backend());
    assert!(text.contains("2025-03-10 16:49 +02:00"), "{text}");
}
