//! The forms wired into `update`, as plain functions: opening each form from its view,
//! keys going to the form first, outcomes turned into requests, answers fed back,
//! submit ignored while a write is under way, read-only profiles.

use super::common::{
    ACCOUNT, CORRELATION, NEW_IBAN, card, current_dd, lost_answer, promotion, rejected, stays,
    today,
};
use chrono::Utc;
use guichet::app::detail::{Detail, Load, Section, Subject};
use guichet::app::effect::{DetailCall, Effect, FormCall, Query, SubjectRef};
use guichet::app::form::{READ_ONLY_NOTICE, ReadTarget, StatusView, WriteOk, WriteRequest};
use guichet::app::msg::{FormAnswer, Msg, ReadBack, Reply, WalletFormData};
use guichet::app::nav::View;
use guichet::app::state::{Environment, Session, State, Tab};
use guichet::app::write_flow::{CONFIRM_GUARD_MS, FormStage};
use guichet::app::{Key, KeyCode, Keymap, update};
use guichet::domain::card::TokenStatus;
use guichet::domain::cashless::WalletOpened;
use guichet::domain::customer::{Account, AccountStatus, Modality, PaymentMethodType};

const CUSTOMER: &str = "11111111-2222-4333-8444-555555555555";

fn state(read_only: bool) -> State {
    let session = Session {
        profile: "demo".into(),
        environment: Environment::Sandbox,
        read_only,
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

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        key(s, Key::char(c));
    }
}

/// The one request among `effects`, with its ticket.
fn request(effects: &[Effect]) -> (u64, Query) {
    let found: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request { ticket, query } => Some((*ticket, query.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "{effects:?}");
    found[0].clone()
}

fn reply(s: &mut State, ticket: u64, reply: Reply) -> Vec<Effect> {
    update(s, Msg::Reply { ticket, reply })
}

/// Answers the request `ticket` with an error, addressed like its query.
fn fail(s: &mut State, ticket: u64, error: guichet::domain::ApiError) -> Vec<Effect> {
    let answer = s
        .inflight
        .get(&ticket)
        .expect("a request in flight")
        .query
        .failure(error);
    reply(s, ticket, answer)
}

fn wallet_data(stays: Vec<guichet::domain::cashless::Stay>) -> Reply {
    Reply::Form(FormAnswer::WalletFormData(Ok(WalletFormData {
        stays: Ok(stays),
        correlation_id: CORRELATION.into(),
    })))
}

fn account() -> Account {
    Account {
        id: ACCOUNT.into(),
        customer_id: CUSTOMER.into(),
        modality: Modality::Postpaid,
        status: AccountStatus::Active,
        created_at: Utc::now(),
        billing_address: None,
        payment_method: current_dd(),
    }
}

fn push_detail(s: &mut State, tab: Tab, subject: Subject) {
    s.tab = tab;
    s.nav_mut()
        .views
        .push(View::Detail(Box::new(Detail::new(1000, subject))));
}

fn form_status(s: &State) -> StatusView {
    let slot = s.form.as_ref().expect("a form is open");
    slot.form()
        .expect("the form is ready")
        .view(&s.keymap)
        .status
}

/// Opens the wallet form on the Wallets pane and answers its data request.
fn open_wallet_form(s: &mut State) {
    key(s, Key::char('3'));
    let (ticket, query) = request(&key(s, Key::char('o')));
    assert_eq!(query, Query::Form(FormCall::WalletFormData));
    assert!(matches!(
        s.form.as_ref().map(|f| &f.stage),
        Some(FormStage::Loading { .. })
    ));
    reply(s, ticket, wallet_data(stays()));
}

/// The confirmation is drawn at `at` and the guard time passes: the next key arrived late
/// enough to confirm.
fn shown_and_waited(s: &mut State, at: u64) {
    update(s, Msg::Drawn { at });
    update(s, Msg::InputAt(at + CONFIRM_GUARD_MS));
}

/// Submits and confirms; returns the write request and its ticket.
fn submit_and_confirm(s: &mut State) -> (u64, WriteRequest) {
    assert!(key(s, Key::plain(KeyCode::Enter)).is_empty());
    shown_and_waited(s, 1_000);
    let (ticket, query) = request(&key(s, Key::char('y')));
    match query {
        Query::Write {
            request,
            wire,
            summary,
        } => {
            assert!(!summary.action.is_empty());
            // The write carries the very request the confirmation showed.
            assert_eq!(*wire, request.wire(&s.org));
            (ticket, *request)
        }
        other => panic!("expected a write, got {other:?}"),
    }
}

#[test]
fn wallets_pane_o_loads_stays_then_opens_the_form_and_keys_go_to_it() {
    let mut s = state(false);
    open_wallet_form(&mut s);
    assert!(s.form.as_ref().unwrap().form().is_some());
    // `q`, `3`, `?`-free text keys belong to the form: nothing quits or switches tabs.
    key(&mut s, Key::plain(KeyCode::Tab));
    typed(&mut s, "q2");
    assert!(!s.quit);
    assert_eq!(s.tab, Tab::WALLETS);
    // ctrl-c still quits.
    assert_eq!(key(&mut s, Key::ctrl('c')), vec![Effect::Quit]);
}

#[test]
fn esc_while_loading_cancels_the_data_request() {
    let mut s = state(false);
    key(&mut s, Key::char('3'));
    let (ticket, _) = request(&key(&mut s, Key::char('o')));
    let effects = key(&mut s, Key::plain(KeyCode::Esc));
    assert!(effects.contains(&Effect::Cancel(ticket)), "{effects:?}");
    assert!(s.form.is_none());
    assert!(!s.inflight.contains_key(&ticket));
}

#[test]
fn o_on_a_stay_preselects_it_and_success_opens_the_wallet_detail() {
    let mut s = state(false);
    let stay = stays()[1].clone();
    push_detail(&mut s, Tab::WALLETS, Subject::Stay(stay.clone()));
    let (ticket, _) = request(&key(&mut s, Key::char('o')));
    reply(&mut s, ticket, wallet_data(stays()));
    let (write, request) = submit_and_confirm(&mut s);
    let WriteRequest::OpenWallet(open) = request else {
        panic!("{request:?}")
    };
    assert_eq!(open.stay_id, stay.id);
    assert_eq!(open.establishment_id, stay.establishment_id);
    assert_eq!(open.correlation_id, CORRELATION);
    // Submit does nothing while the write is under way.
    assert!(key(&mut s, Key::plain(KeyCode::Enter)).is_empty());
    assert!(key(&mut s, Key::ctrl('s')).is_empty());
    assert_eq!(form_status(&s), StatusView::InFlight);

    let wallet = "77777777-0000-4000-8000-000000000009";
    let effects = reply(
        &mut s,
        write,
        Reply::Written(Ok(WriteOk::WalletOpened(WalletOpened {
            wallet_id: wallet.into(),
            already_open: true,
        }))),
    );
    assert!(s.form.is_none(), "the form closes on success");
    let toast = s.toast.as_ref().unwrap();
    assert!(
        toast.text.starts_with("this stay already has a wallet"),
        "{toast:?}"
    );
    assert_eq!(s.tab, Tab::WALLETS);
    let Some(View::Detail(d)) = s.view() else {
        panic!("a detail is on top")
    };
    assert_eq!(d.subject.id(), wallet);
    let (load, _) = effects
        .iter()
        .find_map(|e| match e {
            Effect::Request {
                ticket,
                query:
                    Query::Detail {
                        call: DetailCall::Subject(SubjectRef::Wallet(id)),
                        ..
                    },
            } if id == wallet => Some((*ticket, id)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the wallet is read: {effects:?}"));
    // The read fails; refreshing the placeholder asks for the wallet again, not a stay.
    fail(&mut s, load, lost_answer());
    let (_, query) = request_of(&key(&mut s, Key::char('r')));
    assert!(
        matches!(query, Query::Detail {
            call: DetailCall::Subject(SubjectRef::Wallet(ref id)),
            ..
        } if id == wallet),
        "{query:?}"
    );
}

#[test]
fn unknown_wallet_outcome_retries_with_the_same_correlation_id() {
    let mut s = state(false);
    open_wallet_form(&mut s);
    let (write, first) = submit_and_confirm(&mut s);
    fail(&mut s, write, lost_answer());
    assert!(matches!(
        form_status(&s),
        StatusView::OutcomeUnknown {
            can_retry: true,
            ..
        }
    ));
    // ctrl-t asks again; keys typed with it (before the confirmation is drawn) never send.
    update(&mut s, Msg::InputAt(20_000));
    let mut effects = key(&mut s, Key::ctrl('t'));
    effects.extend(key(&mut s, Key::char('y')));
    effects.extend(key(&mut s, Key::plain(KeyCode::Enter)));
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Request {
                query: Query::Write { .. },
                ..
            }
        )),
        "{effects:?}"
    );
    assert!(s.form.as_ref().is_some_and(|f| f.confirming()));
    shown_and_waited(&mut s, 30_000);
    let (_, query) = request(&key(&mut s, Key::char('y')));
    let Query::Write { request, .. } = query else {
        panic!("{query:?}")
    };
    assert_eq!(
        *request, first,
        "the very same request, same correlation id"
    );
}

#[test]
fn reread_after_unknown_outcome_says_applied_and_feeds_the_form() {
    let mut s = state(false);
    open_wallet_form(&mut s);
    let (write, request) = submit_and_confirm(&mut s);
    let WriteRequest::OpenWallet(open) = request else {
        panic!()
    };
    fail(&mut s, write, lost_answer());
    let (ticket, query) = request_of(&key(&mut s, Key::ctrl('r')));
    assert_eq!(
        query,
        Query::Form(FormCall::Reread(ReadTarget::StayWallet {
            stay_id: open.stay_id.clone()
        }))
    );
    let wallet = guichet::domain::cashless::Wallet {
        id: "77777777-0000-4000-8000-000000000010".into(),
        stay_id: open.stay_id.clone(),
        establishment_id: open.establishment_id.clone(),
        mode: open.mode.clone(),
        currency: open.currency,
        balance: guichet::domain::Cents(0),
        credit_limit: None,
        medium_ref: None,
        status: guichet::domain::cashless::WalletStatus::Open,
        opened_at: Utc::now(),
    };
    let effects = reply(
        &mut s,
        ticket,
        Reply::Form(FormAnswer::Reread(Ok(ReadBack::StayWallet(Some(wallet))))),
    );
    // The journal is told how the unknown outcome was settled, for this very write.
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Request {
            query: Query::AuditResolution { summary, applied: true, .. },
            ..
        } if summary.action == "wallet.open" && summary.key.as_deref() == Some(CORRELATION))),
        "{effects:?}"
    );
    match form_status(&s) {
        StatusView::Done(text) => assert!(text.contains("the change was applied"), "{text}"),
        other => panic!("{other:?}"),
    }
}

fn request_of(effects: &[Effect]) -> (u64, Query) {
    request(effects)
}

#[test]
fn read_only_forms_open_but_only_audit_the_refusal() {
    let mut s = state(true);
    open_wallet_form(&mut s);
    let view = s.form.as_ref().unwrap().form().unwrap().view(&s.keymap);
    assert_eq!(view.read_only.as_deref(), Some(READ_ONLY_NOTICE));
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    let (_, query) = request(&effects);
    assert!(
        matches!(query, Query::AuditRefusal { ref summary, .. } if summary.action == "wallet.open"),
        "{query:?}"
    );
    // Nothing else is sent, whatever is pressed.
    for k in [Key::char('y'), Key::plain(KeyCode::Enter), Key::ctrl('s')] {
        let effects = key(&mut s, k);
        assert!(
            !effects.iter().any(|e| matches!(
                e,
                Effect::Request {
                    query: Query::Write { .. },
                    ..
                }
            )),
            "{effects:?}"
        );
    }
    let view = s.form.as_ref().unwrap().form().unwrap().view(&s.keymap);
    assert_eq!(view.notice.as_deref(), Some(READ_ONLY_NOTICE));
}

#[test]
fn account_m_loads_methods_resolves_the_card_and_refreshes_after_success() {
    let mut s = state(false);
    push_detail(&mut s, Tab::ACCOUNTS, Subject::Account(account()));
    let (ticket, query) = request(&key(&mut s, Key::char('m')));
    assert_eq!(
        query,
        Query::Form(FormCall::PaymentMethods {
            customer_id: CUSTOMER.into(),
            account_id: ACCOUNT.into()
        })
    );
    reply(
        &mut s,
        ticket,
        Reply::Form(FormAnswer::PaymentMethods(Ok(vec![
            PaymentMethodType::DirectDebit,
            PaymentMethodType::CreditCard,
        ]))),
    );
    // Card: choose CREDIT_CARD, type the token: the form asks Lyra.
    key(&mut s, Key::plain(KeyCode::Right));
    key(&mut s, Key::plain(KeyCode::Tab));
    let effects = {
        let mut all = Vec::new();
        for c in super::common::TOKEN.chars() {
            all.extend(key(&mut s, Key::char(c)));
        }
        all
    };
    let (token_ticket, query) = request(&effects);
    assert_eq!(
        query,
        Query::Form(FormCall::CardToken(super::common::TOKEN.into()))
    );
    reply(
        &mut s,
        token_ticket,
        Reply::Form(FormAnswer::CardToken(Ok(card(
            TokenStatus::Active,
            12,
            2030,
        )))),
    );
    let (write, request) = submit_and_confirm(&mut s);
    assert!(matches!(request, WriteRequest::ChangePaymentMethod { .. }));
    // A provider refusal stays under the form, values kept.
    fail(&mut s, write, rejected("0002", "token not usable"));
    match form_status(&s) {
        StatusView::Failed { code, .. } => assert_eq!(code.as_deref(), Some("0002")),
        other => panic!("{other:?}"),
    }
    let (write, _) = submit_and_confirm(&mut s);
    let effects = reply(&mut s, write, Reply::Written(Ok(WriteOk::NoContent)));
    assert!(s.form.is_none());
    assert!(
        s.toast
            .as_ref()
            .unwrap()
            .text
            .contains("payment method changed")
    );
    assert!(
        effects.iter().any(|e| matches!(e,
            Effect::Request {
                query: Query::Detail { call: DetailCall::Subject(SubjectRef::Account(id)), .. },
                ..
            } if id == ACCOUNT)),
        "the account is read again: {effects:?}"
    );
}

#[test]
fn direct_debit_change_sends_the_typed_iban() {
    let mut s = state(false);
    push_detail(&mut s, Tab::ACCOUNTS, Subject::Account(account()));
    let (ticket, _) = request(&key(&mut s, Key::char('m')));
    reply(
        &mut s,
        ticket,
        Reply::Form(FormAnswer::PaymentMethods(Ok(vec![
            PaymentMethodType::DirectDebit,
        ]))),
    );
    key(&mut s, Key::plain(KeyCode::Tab));
    typed(&mut s, NEW_IBAN);
    let (_, request) = submit_and_confirm(&mut s);
    let WriteRequest::ChangePaymentMethod { account_id, change } = request else {
        panic!()
    };
    assert_eq!(account_id, ACCOUNT);
    assert!(matches!(change,
        guichet::domain::requests::PaymentMethodChange::DirectDebit { ref iban } if iban.as_str() == NEW_IBAN));
}

fn account_with_promotions(s: &mut State) {
    push_detail(s, Tab::ACCOUNTS, Subject::Account(account()));
    let mut second = promotion();
    second.id = "c0ffee00-1111-4222-8333-444455556667".into();
    second.promotion_code = "SUMMER5".into();
    if let Some(View::Detail(d)) = s.view_mut() {
        d.section = Section::Promotions;
        d.promotions = Load::Ready(vec![promotion(), second]);
    }
}

#[test]
fn c_cancels_the_promotion_under_the_cursor_and_reread_reports_not_applied() {
    let mut s = state(false);
    // Outside the promotions, `c` only says how.
    push_detail(&mut s, Tab::ACCOUNTS, Subject::Account(account()));
    key(&mut s, Key::char('c'));
    assert!(s.form.is_none());
    assert!(s.toast.as_ref().unwrap().text.contains("promotions"));
    s.nav_mut().views.pop();

    account_with_promotions(&mut s);
    key(&mut s, Key::char('j'));
    assert!(
        key(&mut s, Key::char('c')).is_empty(),
        "no request to open it"
    );
    let (write, request) = submit_and_confirm(&mut s);
    let WriteRequest::CancelPromotion {
        promotion_id,
        cancellation_date,
        ..
    } = request
    else {
        panic!()
    };
    assert_eq!(promotion_id, "c0ffee00-1111-4222-8333-444455556667");
    assert_eq!(cancellation_date, today());
    let mut lost = lost_answer();
    lost.provider = guichet::domain::Provider::Mascustomers;
    fail(&mut s, write, lost);
    // No idempotency key: retry refuses, reread asks the promotions.
    assert!(key(&mut s, Key::ctrl('t')).is_empty());
    let (ticket, query) = request_of(&key(&mut s, Key::ctrl('r')));
    assert!(matches!(
        query,
        Query::Form(FormCall::Reread(ReadTarget::Promotions { ref account_id }))
            if account_id == ACCOUNT
    ));
    reply(
        &mut s,
        ticket,
        Reply::Form(FormAnswer::Reread(Ok(ReadBack::Promotions(vec![
            promotion(),
        ])))),
    );
    assert_eq!(form_status(&s), StatusView::None, "editing again");
    let notice = s
        .form
        .as_ref()
        .unwrap()
        .form()
        .unwrap()
        .view(&s.keymap)
        .notice;
    assert!(
        notice.as_deref().unwrap_or("").contains("not applied"),
        "{notice:?}"
    );
}

#[test]
fn promotion_success_reloads_the_promotions() {
    let mut s = state(false);
    account_with_promotions(&mut s);
    key(&mut s, Key::char('c'));
    let (write, _) = submit_and_confirm(&mut s);
    let effects = reply(&mut s, write, Reply::Written(Ok(WriteOk::NoContent)));
    assert!(s.form.is_none());
    assert!(
        effects.iter().any(|e| matches!(e,
            Effect::Request {
                query: Query::Detail { call: DetailCall::Promotions { account_id, .. }, .. },
                ..
            } if account_id == ACCOUNT)),
        "{effects:?}"
    );
}

#[test]
fn a_stay_not_among_the_latest_is_still_offered_and_typed_keys_are_text() {
    let mut s = state(false);
    let mut old = stays()[0].clone();
    old.id = "a1b2c3d4-0000-4000-8000-0000000000ff".into();
    old.guest_name = "Old Guest".into();
    push_detail(&mut s, Tab::WALLETS, Subject::Stay(old.clone()));
    let (ticket, _) = request(&key(&mut s, Key::char('o')));
    reply(&mut s, ticket, wallet_data(stays()));
    // Medium ref is the last field: `?`, `q` and `:` typed there are text.
    key(&mut s, Key::plain(KeyCode::BackTab));
    typed(&mut s, "B?q:1");
    assert!(s.overlay.is_none() && !s.quit && s.prompt.is_none());
    update(&mut s, Msg::Paste("-X".into()));
    let (_, request) = submit_and_confirm(&mut s);
    let WriteRequest::OpenWallet(open) = request else {
        panic!()
    };
    assert_eq!(open.stay_id, old.id);
    assert_eq!(open.medium_ref.as_deref(), Some("B?q:1-X"));
}

#[test]
fn stays_that_cannot_be_listed_still_open_the_form_with_a_notice() {
    let mut s = state(false);
    key(&mut s, Key::char('3'));
    let (ticket, _) = request(&key(&mut s, Key::char('o')));
    let down = guichet::domain::ApiError::new(
        guichet::domain::Provider::Pxlhub,
        guichet::domain::ErrorKind::Connect,
        "connection refused",
    );
    reply(
        &mut s,
        ticket,
        Reply::Form(FormAnswer::WalletFormData(Ok(WalletFormData {
            stays: Err(down),
            correlation_id: CORRELATION.into(),
        }))),
    );
    let view = s.form.as_ref().unwrap().form().unwrap().view(&s.keymap);
    assert!(
        view.notice
            .as_deref()
            .unwrap_or("")
            .contains("type a stay id"),
        "{view:?}"
    );
}

#[test]
fn methods_that_cannot_be_read_close_the_form_with_the_reason() {
    let mut s = state(false);
    push_detail(&mut s, Tab::ACCOUNTS, Subject::Account(account()));
    let (ticket, _) = request(&key(&mut s, Key::char('m')));
    fail(&mut s, ticket, rejected("0001", "Account not found"));
    assert!(s.form.is_none());
    assert!(
        s.toast
            .as_ref()
            .unwrap()
            .text
            .contains("cannot open the form")
    );
}
