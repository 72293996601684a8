//! The start-up notice of unfinished writes, as plain `update` calls: it takes the keys,
//! `r` reads the chosen write's target again, the answer is judged against the write
//! (per kind of write) and journaled on that write, esc dismisses it.

use chrono::{NaiveDate, TimeZone, Utc};
use guichet::app::effect::Query;
use guichet::app::form::ReadTarget;
use guichet::app::msg::ReadBack;
use guichet::app::unsettled::{Check, UnsettledNotice, UnsettledWrite};
use guichet::app::{Effect, Key, KeyCode, Keymap, Msg, Reply, State, Ticket, update};
use guichet::domain::cashless::{Wallet, WalletMode, WalletStatus};
use guichet::domain::customer::{
    Account, AccountStatus, Discount, DiscountType, IbanText, Modality, PaymentMethod, Promotion,
};
use guichet::domain::{ApiError, ErrorKind, Provider};

const STAY: &str = "a1b2c3d4-0000-4000-8000-000000000001";
const ACCOUNT: &str = "8f0e1c2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f";
const PROMOTION: &str = "c0ffee00-1111-4222-8333-444455556666";

fn write(id: &str, action: &str, targets: &[&str], request: &str) -> UnsettledWrite {
    UnsettledWrite {
        write: id.into(),
        time: Utc.with_ymd_and_hms(2026, 12, 1, 23, 50, 12).unwrap(),
        provider: if action == "wallet.open" {
            Provider::Pxlhub
        } else {
            Provider::Mascustomers
        },
        action: action.into(),
        targets: targets.iter().map(|t| t.to_string()).collect(),
        key: None,
        request: request.into(),
    }
}

fn state(writes: Vec<UnsettledWrite>) -> State {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");
    let mut s = State::new(super::console::session(), Keymap::defaults(), today);
    s.unsettled = UnsettledNotice::new(writes);
    s
}

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

fn recheck(effects: &[Effect]) -> (Ticket, String, ReadTarget) {
    match effects {
        [
            Effect::Request {
                ticket,
                query: Query::Recheck { write, target },
            },
        ] => (*ticket, write.clone(), target.clone()),
        other => panic!("expected one re-read: {other:?}"),
    }
}

fn answer(
    s: &mut State,
    ticket: Ticket,
    write: &str,
    result: Result<ReadBack, ApiError>,
) -> Vec<Effect> {
    update(
        s,
        Msg::Reply {
            ticket,
            reply: Reply::Rechecked {
                write: write.into(),
                result,
            },
        },
    )
}

fn check(s: &State, i: usize) -> Check {
    s.unsettled.as_ref().expect("the notice").writes[i]
        .1
        .clone()
}

fn screen(s: &State) -> String {
    let theme =
        guichet::ui::Theme::builtin("dark", guichet::ui::ColorDepth::Ansi16).expect("theme");
    let mut t =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    t.draw(|f| guichet::ui::render(f, s, &theme))
        .expect("drawn");
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_notice_takes_the_keys_rereads_and_journals_what_it_found() {
    let mut s = state(vec![
        write("w1", "wallet.open", &[STAY], "POST /wallets {}"),
        write(
            "w2",
            "promotion.cancel",
            &[ACCOUNT, PROMOTION],
            "PATCH /orgs/telco/accounts/x/promotions/y {\"cancellation_date\":\"2026-12-01\"}",
        ),
    ]);
    let shown = screen(&s);
    assert!(shown.contains("Unfinished writes"), "{shown}");
    assert!(
        shown.contains("2026-12-01 23:50:12 UTC  wallet.open  pxlhub"),
        "{shown}"
    );
    // Keys that mean something beneath do nothing while it is up.
    assert!(key(&mut s, Key::char('3')).is_empty());
    assert_eq!(s.tab, guichet::app::Tab::CUSTOMERS);
    let (t, w, target) = recheck(&key(&mut s, Key::char('r')));
    assert_eq!(
        (w.as_str(), target),
        (
            "w1",
            ReadTarget::StayWallet {
                stay_id: STAY.into()
            }
        )
    );
    assert_eq!(check(&s, 0), Check::Reading(t));
    assert!(
        key(&mut s, Key::char('r')).is_empty(),
        "one re-read at a time"
    );
    let wallet = Wallet {
        id: "w-7".into(),
        stay_id: STAY.into(),
        establishment_id: "e".into(),
        mode: WalletMode::Prepaid,
        currency: guichet::domain::Currency::EUR,
        balance: guichet::domain::Cents(0),
        credit_limit: None,
        medium_ref: None,
        status: WalletStatus::Open,
        opened_at: Utc::now(),
    };
    let effects = answer(&mut s, t, "w1", Ok(ReadBack::StayWallet(Some(wallet))));
    assert!(
        matches!(effects.as_slice(), [Effect::Request { query: Query::AuditSettle { write, applied: true, .. }, .. }] if write == "w1"),
        "{effects:?}"
    );
    assert!(
        matches!(check(&s, 0), Check::Settled { applied: true, ref message } if message.contains("has wallet w-7"))
    );
    // The second: its read fails, then succeeds and shows it not applied.
    key(&mut s, Key::char('j'));
    let (t, w, target) = recheck(&key(&mut s, Key::char('r')));
    assert_eq!(
        target,
        ReadTarget::Promotions {
            account_id: ACCOUNT.into()
        }
    );
    let down =
        ApiError::new(Provider::Mascustomers, ErrorKind::ServerError, "down").with_status(503);
    assert!(answer(&mut s, t, &w, Err(down)).is_empty());
    assert!(matches!(check(&s, 1), Check::Failed(ref m) if m.contains("could not read it again")));
    let (t, w, _) = recheck(&key(&mut s, Key::char('r')));
    let promotion = Promotion {
        id: PROMOTION.into(),
        promotion_code: "WELCOME10".into(),
        name: "Welcome".into(),
        discount: Discount {
            kind: DiscountType::Percentage,
            value: 10,
        },
        start_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        end_date: None,
        cancellation_date: None,
    };
    let effects = answer(&mut s, t, &w, Ok(ReadBack::Promotions(vec![promotion])));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Request {
                query: Query::AuditSettle { applied: false, .. },
                ..
            }]
        ),
        "{effects:?}"
    );
    assert!(
        screen(&s).contains("not applied: promotion"),
        "{}",
        screen(&s)
    );
    key(&mut s, Key::plain(KeyCode::Esc));
    assert!(s.unsettled.is_none());
    assert!(!screen(&s).contains("Unfinished writes"));
}

#[test]
fn a_payment_change_is_judged_on_the_masked_iban_the_journal_kept() {
    let account = |iban: &str| Account {
        id: ACCOUNT.into(),
        customer_id: "c".into(),
        modality: Modality::Postpaid,
        status: AccountStatus::Active,
        created_at: Utc::now(),
        billing_address: None,
        payment_method: PaymentMethod::DirectDebit {
            iban: IbanText(iban.into()),
        },
    };
    let w = write(
        "w3",
        "payment_method.change",
        &[ACCOUNT],
        "PATCH /orgs/telco/accounts/x/payment-method {\"details\":{\"iban\":\"DE89 •••• •••• •••• 3000\"},\"type\":\"DIRECT_DEBIT\"}",
    );
    assert_eq!(
        w.target(),
        Some(ReadTarget::Account {
            account_id: ACCOUNT.into()
        })
    );
    let now = ReadBack::Account(account("DE89370400440532013000"));
    assert!(w.judge(&now).is_some_and(|(applied, _)| applied));
    let before = ReadBack::Account(account("FR7630006000011234567890189"));
    assert!(
        w.judge(&before)
            .is_some_and(|(applied, m)| !applied && m.starts_with("not applied"))
    );
    // An action this console does not know is shown, not read.
    let mut s = state(vec![write("w4", "transfer.create", &["t"], "POST /x {}")]);
    assert!(key(&mut s, Key::char('r')).is_empty());
    assert!(
        matches!(check(&s, 0), Check::Failed(ref m) if m.contains("cannot read a transfer.create back"))
    );
}
