//! Charts, pure: which chart `i` opens, the pages asked for (a window of three, the end
//! found from a short page or one reaching past the 24 months), partial data as pages
//! arrive, 429s waited out, errors and `r`, and the cache.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use guichet::app::chart::{ChartData, ChartKey, ChartView};
use guichet::app::chart_loads::{CHART_PAGE, ChartAnswer, ChartCall, WINDOW};
use guichet::app::nav::View;
use guichet::app::resources::Owner;
use guichet::app::state::Tab;
use guichet::app::{Effect, Key, KeyCode, Msg, Query, Reply, State, Ticket, update};
use guichet::domain::cashless::{Wallet, WalletMode, WalletStatus};
use guichet::domain::money::Currency;
use guichet::domain::transfer::{BankAccount, MoneyOut};
use guichet::domain::{ApiError, Cents, ErrorKind, Page, Provider};

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

/// The Transfers pane, its list showing `C-000001`'s transfers.
fn on_transfers() -> State {
    let mut s = super::update::state();
    key(&mut s, Key::char('4'));
    assert_eq!(s.tab, Tab::TRANSFERS);
    let list = s.list_mut().expect("the transfers list");
    list.owner = Some(Owner {
        id: "C-000001".into(),
        name: None,
    });
    s
}

fn chart_calls(effects: &[Effect]) -> Vec<(Ticket, ChartCall)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request {
                ticket,
                query: Query::Chart { call, .. },
            } => Some((*ticket, call.clone())),
            _ => None,
        })
        .collect()
}

fn cancels(effects: &[Effect]) -> Vec<Ticket> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Cancel(t) => Some(*t),
            _ => None,
        })
        .collect()
}

fn chart(s: &State) -> &ChartView {
    match s.view() {
        Some(View::Chart(c)) => c,
        other => panic!("not a chart: {:?}", other.map(View::title)),
    }
}

fn moneyout(id: i64, day: NaiveDate, cents: i64) -> MoneyOut {
    let offset = FixedOffset::east_opt(3600).expect("offset");
    MoneyOut {
        id,
        account: None,
        bank_account: BankAccount {
            id: None,
            display_name: None,
            bic: None,
            iban: None,
            is_mine: None,
        },
        amount: Cents(cents),
        fee: None,
        operation_date: offset
            .from_local_datetime(&day.and_hms_opt(12, 0, 0).expect("noon"))
            .single()
            .expect("a time"),
    }
}

/// `n` transfers of 10.00 each, all on `day`.
fn page_on(n: u32, day: NaiveDate) -> Vec<MoneyOut> {
    (0..n).map(|i| moneyout(i64::from(i), day, 1_000)).collect()
}

fn reply(s: &mut State, ticket: Ticket, answer: ChartAnswer) -> Vec<Effect> {
    let view = chart(s).id;
    update(
        s,
        Msg::Reply {
            ticket,
            reply: Reply::Chart { view, answer },
        },
    )
}

fn transfers(page: u32, items: Vec<MoneyOut>) -> ChartAnswer {
    ChartAnswer::Transfers {
        page,
        result: Ok(items),
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

#[test]
fn i_on_the_transfers_list_reads_the_users_pages_three_at_a_time_and_caches_the_chart() {
    let mut s = on_transfers();
    let effects = key(&mut s, Key::char('i'));
    let asked = chart_calls(&effects);
    assert_eq!(asked.len(), WINDOW);
    for (i, (_, call)) in asked.iter().enumerate() {
        assert_eq!(
            call,
            &ChartCall::TransfersPage {
                user: "C-000001".into(),
                page: i as u32
            }
        );
    }
    assert_eq!(chart(&s).key, ChartKey::UserTransfers("C-000001".into()));
    assert!(s.nav().breadcrumbs().last().unwrap().contains("C-000001"));
    assert!(chart(&s).progress().starts_with("loading · page 0"));

    // Page 1 comes first: drawn at once, and one more page is asked for.
    let effects = reply(
        &mut s,
        asked[1].0,
        transfers(1, page_on(CHART_PAGE, day(2026, 3, 10))),
    );
    let more = chart_calls(&effects);
    assert_eq!(more.len(), 1);
    assert!(matches!(
        more[0].1,
        ChartCall::TransfersPage { page: 3, .. }
    ));
    let ChartData::Transfers(t) = &chart(&s).data else {
        panic!()
    };
    assert_eq!(t.total_count(), u64::from(CHART_PAGE));
    assert!(!chart(&s).complete);

    // Page 2 reaches before the first month: the list ends there, page 3 is cancelled.
    let mut items = page_on(CHART_PAGE - 1, day(2025, 2, 1));
    items.push(moneyout(9, day(2024, 11, 30), 99_999));
    let effects = reply(&mut s, asked[2].0, transfers(2, items));
    assert_eq!(cancels(&effects), vec![more[0].0]);
    assert!(chart_calls(&effects).is_empty());
    assert!(!chart(&s).complete, "page 0 is still out");

    let effects = reply(
        &mut s,
        asked[0].0,
        transfers(0, page_on(CHART_PAGE, day(2026, 11, 21))),
    );
    assert!(chart_calls(&effects).is_empty());
    let c = chart(&s);
    assert!(c.complete);
    assert!(c.progress().starts_with("complete · 600 transfers"));
    let ChartData::Transfers(t) = &c.data else {
        panic!()
    };
    assert_eq!(
        t.total_count(),
        599,
        "the one before the window is left out"
    );
    assert_eq!(t.total_amount(), Cents(599 * 1_000));
    assert_eq!(t.months[23].count, 200);
    assert_eq!(t.months[15].count, 200, "March 2026");
    assert_eq!(t.months[2].count, 199, "February 2025");
    assert_eq!(s.charts.len(), 1);

    // Back, and `i` again: the cache, at once, without a request.
    key(&mut s, Key::plain(KeyCode::Esc));
    assert!(matches!(s.view(), Some(View::List(_))));
    let effects = key(&mut s, Key::char('i'));
    assert!(chart_calls(&effects).is_empty());
    assert!(chart(&s).complete && chart(&s).cached);
    assert!(chart(&s).progress().contains("cached"));

    // `r` forgets it and reads again.
    let effects = key(&mut s, Key::char('r'));
    assert_eq!(chart_calls(&effects).len(), WINDOW);
    assert!(s.charts.is_empty());
    assert!(!chart(&s).complete);
}

#[test]
fn a_short_first_page_is_the_whole_chart_and_an_empty_user_charts_zeros() {
    let mut s = on_transfers();
    let asked = chart_calls(&key(&mut s, Key::char('i')));
    let effects = reply(&mut s, asked[0].0, transfers(0, vec![]));
    assert_eq!(cancels(&effects), vec![asked[1].0, asked[2].0]);
    let c = chart(&s);
    assert!(c.complete);
    let ChartData::Transfers(t) = &c.data else {
        panic!()
    };
    assert_eq!((t.total_count(), t.total_amount()), (0, Cents(0)));
}

#[test]
fn a_429_waits_for_its_retry_after_and_asks_the_page_again() {
    let mut s = on_transfers();
    let asked = chart_calls(&key(&mut s, Key::char('i')));
    let mut limited = ApiError::new(Provider::Smoney, ErrorKind::RateLimited, "slow down");
    limited.status = Some(429);
    limited.retry_after_secs = Some(2);
    let effects = reply(
        &mut s,
        asked[0].0,
        ChartAnswer::Transfers {
            page: 0,
            result: Err(limited),
        },
    );
    let Some(Effect::Schedule { after_ms, msg }) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(*after_ms, 2_000);
    assert!(chart(&s).error.is_none());
    assert!(chart(&s).progress().contains("rate limited"));
    let effects = update(&mut s, (**msg).clone());
    let again = chart_calls(&effects);
    assert_eq!(again.len(), 1);
    assert!(matches!(
        again[0].1,
        ChartCall::TransfersPage { page: 0, .. }
    ));
}

#[test]
fn an_error_stops_the_reading_and_r_starts_it_again() {
    let mut s = on_transfers();
    let asked = chart_calls(&key(&mut s, Key::char('i')));
    let effects = reply(
        &mut s,
        asked[1].0,
        ChartAnswer::Transfers {
            page: 1,
            result: Err(ApiError::new(
                Provider::Smoney,
                ErrorKind::ServerError,
                "boom",
            )),
        },
    );
    assert_eq!(cancels(&effects), vec![asked[0].0, asked[2].0]);
    assert!(chart(&s).error.is_some());
    assert!(s.inflight.is_empty() || s.inflight.keys().all(|t| !asked.iter().any(|a| a.0 == *t)));
    assert!(s.charts.is_empty(), "a failed chart is not cached");
    let effects = key(&mut s, Key::char('r'));
    assert_eq!(chart_calls(&effects).len(), WINDOW);
    assert!(chart(&s).error.is_none());
}

fn wallet(est: &str, mode: WalletMode, cents: i64) -> Wallet {
    Wallet {
        id: "w".into(),
        stay_id: "s".into(),
        establishment_id: est.into(),
        mode,
        currency: Currency::EUR,
        balance: Cents(cents),
        credit_limit: None,
        medium_ref: None,
        status: WalletStatus::Open,
        opened_at: chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    }
}

#[test]
fn the_wallets_chart_learns_its_page_count_from_the_total() {
    let mut s = super::update::state();
    key(&mut s, Key::char('3'));
    let asked = chart_calls(&key(&mut s, Key::char('i')));
    assert_eq!(asked.len(), WINDOW);
    assert_eq!(asked[0].1, ChartCall::WalletsPage { page: 0 });
    // 450 wallets: three pages, the last one short.
    let page = |p: u32, n: usize| ChartAnswer::Wallets {
        page: p,
        result: Ok(Page::with_total(
            (0..n)
                .map(|i| {
                    let mode = if i % 2 == 0 {
                        WalletMode::Postpaid
                    } else {
                        WalletMode::Prepaid
                    };
                    wallet(if i % 3 == 0 { "e1" } else { "e2" }, mode, -100)
                })
                .collect(),
            p,
            CHART_PAGE,
            450,
        )),
    };
    let effects = reply(&mut s, asked[0].0, page(0, 200));
    assert!(chart_calls(&effects).is_empty(), "three pages, all asked");
    assert_eq!(chart(&s).paging.pages, Some(3));
    assert!(
        chart(&s)
            .progress()
            .starts_with("loading · page 1 of 3 · 200 wallets")
    );
    reply(&mut s, asked[2].0, page(2, 50));
    reply(&mut s, asked[1].0, page(1, 200));
    let c = chart(&s);
    assert!(c.complete);
    let ChartData::Wallets(w) = &c.data else {
        panic!()
    };
    let all: u64 = w.by_establishment.values().map(|t| t.wallets).sum();
    assert_eq!(all, 450);
    let total: i64 = w.by_establishment.values().map(|t| t.balance).sum();
    assert_eq!(total, -45_000);
    let negative: u64 = w
        .by_establishment
        .values()
        .map(|t| t.postpaid_negative)
        .sum();
    assert_eq!(negative, 100 + 100 + 25);
}

#[test]
fn i_where_no_chart_applies_says_so() {
    let mut s = super::update::state();
    assert_eq!(s.tab, Tab::CUSTOMERS);
    let effects = key(&mut s, Key::char('i'));
    assert!(chart_calls(&effects).is_empty());
    assert!(matches!(s.view(), Some(View::List(_))));
    let toast = s.toast.as_ref().expect("a toast");
    assert!(toast.text.starts_with("No chart here"), "{}", toast.text);
}

#[test]
fn a_chart_closed_before_its_pages_arrive_cancels_them() {
    let mut s = on_transfers();
    let asked = chart_calls(&key(&mut s, Key::char('i')));
    let effects = key(&mut s, Key::plain(KeyCode::Esc));
    let mut gone = cancels(&effects);
    gone.sort_unstable();
    assert_eq!(gone, asked.iter().map(|a| a.0).collect::<Vec<_>>());
    assert!(s.charts.is_empty());
}
