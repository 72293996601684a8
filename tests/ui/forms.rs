//! The write forms drawn over the view they were opened from, at 80x24 and 120x40: opened
//! through `update` with the keys a user presses, the data they wait for answered.

use super::common::{draw, session, state_with};
use super::fixtures::*;
use guichet::app::detail::{Detail, Load, Section, Subject};
use guichet::app::msg::{FormAnswer, WalletFormData};
use guichet::app::nav::View;
use guichet::app::state::{Environment, Tab};
use guichet::app::{Effect, Key, Msg, Reply, State, update};
use guichet::domain::customer::PaymentMethodType;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const CORRELATION: &str = "5b1e7c3a-9d2f-4e8b-a6c4-0f1e2d3c4b5a";

fn with_detail(tab: Tab, detail: Detail, w: u16, h: u16, read_only: bool) -> State {
    let mut s = state_with(session(Environment::Sandbox, read_only, true), w, h);
    s.org = "telco".into();
    s.tab = tab;
    s.nav_mut().views.push(View::Detail(Box::new(detail)));
    s
}

/// Presses `c` and answers the one request it makes with `answer`.
fn press_and_answer(s: &mut State, c: char, answer: Reply) {
    let effects = update(s, Msg::Key(Key::char(c)));
    let ticket = effects
        .iter()
        .find_map(|e| match e {
            Effect::Request { ticket, .. } => Some(*ticket),
            _ => None,
        })
        .expect("the form asks for its data");
    update(
        s,
        Msg::Reply {
            ticket,
            reply: answer,
        },
    );
}

fn wallet_over_stay(w: u16, h: u16, read_only: bool) -> State {
    let mut s = with_detail(
        Tab::WALLETS,
        Detail::new(1000, Subject::Stay(stay())),
        w,
        h,
        read_only,
    );
    press_and_answer(
        &mut s,
        'o',
        Reply::Form(FormAnswer::WalletFormData(Ok(WalletFormData {
            stays: Ok(vec![stay()]),
            correlation_id: CORRELATION.into(),
        }))),
    );
    s
}

fn payment_over_account(w: u16, h: u16) -> State {
    let mut s = with_detail(
        Tab::ACCOUNTS,
        Detail::new(1000, Subject::Account(account(0))),
        w,
        h,
        false,
    );
    press_and_answer(
        &mut s,
        'm',
        Reply::Form(FormAnswer::PaymentMethods(Ok(vec![
            PaymentMethodType::DirectDebit,
            PaymentMethodType::CreditCard,
        ]))),
    );
    s
}

fn promotion_over_promotions(w: u16, h: u16) -> State {
    let mut d = Detail::new(1000, Subject::Account(account(1)));
    d.card = Load::Ready(card(false));
    d.section = Section::Promotions;
    d.promotions = Load::Ready(promotions());
    let mut s = with_detail(Tab::ACCOUNTS, d, w, h, false);
    update(&mut s, Msg::Key(Key::char('c')));
    s
}

#[test]
fn wallet_form_over_the_stay() {
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("wallet_over_stay_{w}x{h}"),
            draw(&wallet_over_stay(w, h, false)).backend()
        );
    }
    insta::assert_snapshot!(
        "wallet_over_stay_read_only_80x24",
        draw(&wallet_over_stay(80, 24, true)).backend()
    );
}

#[test]
fn wallet_form_loading_its_stays() {
    let mut s = with_detail(
        Tab::WALLETS,
        Detail::new(1000, Subject::Stay(stay())),
        80,
        24,
        false,
    );
    update(&mut s, Msg::Key(Key::char('o')));
    insta::assert_snapshot!("wallet_loading_80x24", draw(&s).backend());
}

#[test]
fn payment_form_over_the_account() {
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("payment_over_account_{w}x{h}"),
            draw(&payment_over_account(w, h)).backend()
        );
    }
}

#[test]
fn promotion_form_over_the_promotions() {
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("promotion_over_promotions_{w}x{h}"),
            draw(&promotion_over_promotions(w, h)).backend()
        );
    }
}
