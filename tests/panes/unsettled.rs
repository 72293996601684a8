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
        digest: None,
    }
}

const ESTABLISHMENT: &str = "e0e0e0e0-0000-4000-8000-000000000009";

/// The wallet open as the journal keeps it: method, path, masked body.
fn open_request() -> String {
    format!(
        "POST /wallets {{\"correlation_id\":\"7c3e0000-0000-4000-8000-000000000001\",\
         \"currency\":\"EUR\",\"establishment_id\":\"{ESTABLISHMENT}\",\
         \"medium_ref\":\"BR-004512\",\"mode\":\"prepaid\",\"stay_id\":\"{STAY}\"}}"
    )
}

/// The wallet that request asks for, opened a second after its intent.
fn asked_wallet() -> Wallet {
    Wallet {
        id: "w-7".into(),
        stay_id: STAY.into(),
        establishment_id: ESTABLISHMENT.into(),
        mode: WalletMode::Prepaid,
        currency: guichet::domain::Currency::EUR,
        balance: guichet::domain::Cents(0),
        credit_limit: None,
        medium_ref: Some("BR-004512".into()),
        status: WalletStatus::Open,
        opened_at: Utc.with_ymd_and_hms(2026, 12, 1, 23, 50, 13).unwrap(),
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
                digest: None,
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
        write("w1", "wallet.open", &[STAY], &open_request()),
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
    let effects = answer(
        &mut s,
        t,
        "w1",
        Ok(ReadBack::StayWallet(Some(asked_wallet()))),
    );
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
fn a_payment_change_is_applied_only_when_the_keyed_digests_of_the_iban_agree() {
    use guichet::app::unsettled::Verdict;
    let account = |iban: &str| {
        ReadBack::Account(Account {
            id: ACCOUNT.into(),
            customer_id: "c".into(),
            modality: Modality::Postpaid,
            status: AccountStatus::Active,
            created_at: Utc::now(),
            billing_address: None,
            payment_method: PaymentMethod::DirectDebit {
                iban: IbanText(iban.into()),
            },
        })
    };
    let mut w = write(
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
    let verdict = |w: &UnsettledWrite, back: &ReadBack, digest: Option<&str>| {
        w.judge(back, digest).expect("a payment read")
    };
    // Another masked form: not applied, whatever the digests.
    let other = account("FR7630006000011234567890189");
    let (v, m) = verdict(&w, &other, None);
    assert_eq!(v, Verdict::NotApplied);
    assert!(m.starts_with("not applied"), "{m}");
    // Same masked form, but an older journal kept no digest: not known, never applied.
    let same = account("DE89370400440532013000");
    let (v, m) = verdict(&w, &same, Some("hmac-sha256:aa"));
    assert_eq!(v, Verdict::NotKnown);
    assert!(m.contains("only the masked IBAN sent"), "{m}");
    // With the digest of what was sent: the read value's digest decides.
    w.digest = Some("hmac-sha256:aa".into());
    assert_eq!(
        verdict(&w, &same, Some("hmac-sha256:aa")).0,
        Verdict::Applied
    );
    assert_eq!(
        verdict(&w, &same, Some("hmac-sha256:bb")).0,
        Verdict::NotApplied,
        "another IBAN with the same first and last four"
    );
    // The provider gave the IBAN masked (no digest of it): not known.
    let (v, m) = verdict(&w, &account("DE89 **** **** **** **30 00"), None);
    assert_eq!(v, Verdict::NotKnown);
    assert!(m.contains("the provider gives the IBAN only masked"), "{m}");
    // Not known is shown and never journaled.
    let mut s = state(vec![w]);
    let (t, _, _) = recheck(&key(&mut s, Key::char('r')));
    assert!(answer(&mut s, t, "w3", Ok(same)).is_empty());
    assert!(
        matches!(check(&s, 0), Check::Failed(ref m) if m.starts_with("not known — check by hand")),
        "{:?}",
        check(&s, 0)
    );
    // An action this console does not know is shown, not read.
    let mut s = state(vec![write("w4", "transfer.create", &["t"], "POST /x {}")]);
    assert!(key(&mut s, Key::char('r')).is_empty());
    assert!(
        matches!(check(&s, 0), Check::Failed(ref m) if m.contains("cannot read a transfer.create back"))
    );
}

/// The wallet open's re-read answered `found`: what the notice says, and whether anything
/// was journaled.
fn judged_open(found: Option<Wallet>) -> (Check, Vec<Effect>) {
    let mut s = state(vec![write("w1", "wallet.open", &[STAY], &open_request())]);
    let (t, _, _) = recheck(&key(&mut s, Key::char('r')));
    let effects = answer(&mut s, t, "w1", Ok(ReadBack::StayWallet(found)));
    (check(&s, 0), effects)
}

#[test]
fn a_wallet_open_is_applied_only_for_the_wallet_asked_for_opened_after_the_intent() {
    let (c, effects) = judged_open(Some(asked_wallet()));
    assert!(matches!(c, Check::Settled { applied: true, .. }), "{c:?}");
    assert_eq!(effects.len(), 1, "journaled: {effects:?}");

    let (c, effects) = judged_open(None);
    assert!(
        matches!(c, Check::Settled { applied: false, ref message } if message.contains("has no wallet")),
        "{c:?}"
    );
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

    // The stay's wallet was there before the write was sent: not known, nothing journaled.
    let mut before = asked_wallet();
    before.opened_at = Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let (c, effects) = judged_open(Some(before));
    assert!(
        matches!(c, Check::Failed(ref m) if m.starts_with("not known — check by hand") && m.contains("before this write was sent")),
        "{c:?}"
    );
    assert!(effects.is_empty(), "never journaled on doubt: {effects:?}");

    // A wallet unlike the one asked for (another medium, or postpaid): not known either.
    for change in [
        |w: &mut Wallet| w.medium_ref = Some("BR-999999".into()),
        |w: &mut Wallet| w.mode = WalletMode::Postpaid,
        |w: &mut Wallet| w.medium_ref = None,
    ] {
        let mut other = asked_wallet();
        change(&mut other);
        let (c, effects) = judged_open(Some(other));
        assert!(
            matches!(c, Check::Failed(ref m) if m.contains("not the one asked for")),
            "{c:?}"
        );
        assert!(effects.is_empty(), "{effects:?}");
    }
}
