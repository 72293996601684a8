//! The customer's case: sections asked for on their own as the customer opens, answers
//! filling them in (pure `update`), a failing provider leaving the rest usable, the
//! Timeline newest first, lines that open what they name, and the screens at 80x24 and
//! 120x40.

use super::common::{draw, session, state_with, text_of};
use super::fixtures::*;
use chrono::{FixedOffset, TimeZone};
use guichet::app::case::JournalLine;
use guichet::app::detail::{Load, Subject};
use guichet::app::effect::{DetailCall, Query};
use guichet::app::msg::DetailAnswer;
use guichet::app::nav::{Go, View};
use guichet::app::state::{Environment, Tab};
use guichet::app::{Effect, Key, KeyCode, Msg, Reply, State, update};
use guichet::domain::card::{CardUpdate, ReplacementCard};
use guichet::domain::customer::{PromotionHistoryEntry, PromotionOperation};
use guichet::domain::transfer::MoneyOut;
use guichet::domain::{ApiError, Cents, ErrorKind, Provider};

/// The customer's accounts: a card account (expired card, Monext knows a replacement) and
/// a direct-debit one.
fn accounts() -> Vec<guichet::domain::customer::Account> {
    vec![account(1), account(0)]
}

fn transfers(page: u32) -> Vec<MoneyOut> {
    if page > 0 {
        return Vec::new();
    }
    let offset = FixedOffset::east_opt(3600).expect("offset");
    // Five in the last 12 months (today is 2026-11-21), two older.
    let dates = [
        (2026, 11, 5),
        (2026, 10, 5),
        (2026, 9, 5),
        (2026, 8, 5),
        (2026, 7, 5),
        (2025, 10, 5),
        (2025, 9, 5),
    ];
    dates
        .iter()
        .enumerate()
        .map(|(i, &(y, m, d))| {
            let mut t = transfer(i);
            t.id = 900 - i as i64;
            t.amount = Cents(10_000 + 100 * i as i64);
            t.operation_date = offset.with_ymd_and_hms(y, m, d, 9, 30, 0).unwrap();
            t
        })
        .collect()
}

fn history(account_id: &str) -> Vec<PromotionHistoryEntry> {
    vec![PromotionHistoryEntry {
        id: format!("h-{account_id}"),
        account_promotion_id: "p1".into(),
        promotion_code: "WELCOME10".into(),
        operation: PromotionOperation::Added,
        operation_date: at(2025, 1, 1),
    }]
}

fn journal() -> Vec<JournalLine> {
    vec![JournalLine {
        time: at(2026, 11, 20),
        user: "agent7".into(),
        provider: Provider::Mascustomers,
        action: "payment_method.change".into(),
        targets: vec![account(0).id],
        state: "ok".into(),
        summary: "DIRECT_DEBIT FR76 •••• 0189".into(),
    }]
}

/// The fixture answer to a case's call; `fail` makes S-money fail.
pub(super) fn reply_to(call: &DetailCall, fail_smoney: bool) -> DetailAnswer {
    match call {
        DetailCall::CaseAccounts { .. } => DetailAnswer::CaseAccounts(Ok(accounts())),
        DetailCall::CaseTransfers { page, .. } if !fail_smoney => {
            DetailAnswer::CaseTransfers(Ok(transfers(*page)))
        }
        DetailCall::CaseTransfers { .. } => DetailAnswer::CaseTransfers(Err(ApiError::new(
            Provider::Smoney,
            ErrorKind::ServerError,
            "boom",
        )
        .with_code("500"))),
        DetailCall::Journal { .. } => DetailAnswer::Journal(Ok(journal())),
        DetailCall::ForAccount { account_id, call } => DetailAnswer::ForAccount {
            account_id: account_id.clone(),
            answer: Box::new(match call.as_ref() {
                DetailCall::CardToken(_) => DetailAnswer::CardToken(Ok(card(true))),
                DetailCall::CardUpdater { .. } => DetailAnswer::CardUpdate(Ok(CardUpdate {
                    updated: true,
                    replacement: Some(ReplacementCard {
                        mx_token: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
                        masked_number: "497010XXXXXX1234".into(),
                        expiration_date: "1228".into(),
                        brand: "VISA".into(),
                    }),
                })),
                DetailCall::Promotions { .. } => {
                    DetailAnswer::Promotions(Ok(promotions()[..1].to_vec()))
                }
                DetailCall::PromotionHistory { account_id } => {
                    DetailAnswer::PromotionHistory(Ok(history(account_id)))
                }
                DetailCall::BillingAddresses { .. } => {
                    DetailAnswer::BillingAddresses(Ok(billing()))
                }
                other => panic!("unexpected call {other:?}"),
            }),
        },
        other => panic!("unexpected call {other:?}"),
    }
}

/// Answers every request of the case, and those its answers make, until none is left.
/// Returns the calls seen.
fn answer_all(state: &mut State, mut effects: Vec<Effect>, fail_smoney: bool) -> Vec<DetailCall> {
    let mut seen = Vec::new();
    while let Some(effect) = effects.pop() {
        let Effect::Request {
            ticket,
            query: Query::Detail { view, call },
        } = effect
        else {
            continue;
        };
        let answer = reply_to(&call, fail_smoney);
        seen.push(call);
        effects.extend(update(
            state,
            Msg::Reply {
                ticket,
                reply: Reply::Detail { view, answer },
            },
        ));
    }
    seen
}

/// A customer's case opened on the Customers pane, its requests not yet answered.
pub(super) fn opened(w: u16, h: u16) -> (State, Vec<Effect>) {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.tab = Tab::CUSTOMERS;
    let effects =
        guichet::app::loads::open(&mut s, Go::Detail(Box::new(Subject::Customer(customer(0)))));
    (s, effects)
}

fn case_of(s: &State) -> &guichet::app::case::Case {
    match s.view() {
        Some(View::Detail(d)) => &d.case,
        _ => panic!("a detail is focused"),
    }
}

fn calls(effects: &[Effect]) -> Vec<&DetailCall> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request {
                query: Query::Detail { call, .. },
                ..
            } => Some(call),
            _ => None,
        })
        .collect()
}

#[test]
fn opening_a_customer_asks_for_each_section_on_its_own() {
    let (s, effects) = opened(120, 40);
    let asked = calls(&effects);
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(
        matches!(asked[0], DetailCall::CaseAccounts { customer_id } if *customer_id == customer(0).id)
    );
    assert!(
        matches!(asked[1], DetailCall::CaseTransfers { user, page: 0 } if user == "C-000123"),
        "S-money is asked for the customer's external id: {asked:?}"
    );
    assert!(matches!(case_of(&s).accounts, Load::Loading(_)));
    assert!(matches!(case_of(&s).transfers, Load::Loading(_)));
    let text = text_of(&draw(&s));
    assert!(text.contains("loading accounts…"), "{text}");
    assert!(text.contains("loading transfers…"), "{text}");
}

#[test]
fn every_section_fills_in_and_the_timeline_is_newest_first() {
    let (mut s, effects) = opened(120, 40);
    let seen = answer_all(&mut s, effects, false);
    // Per account: card (the card account only), promotions, history, billing; the
    // updater for the expired card; the journal once the accounts are known.
    assert!(seen.iter().any(|c| matches!(c, DetailCall::Journal { ids } if ids.contains(&account(0).id) && ids.contains(&"C-000123".to_string()))), "{seen:?}");
    let updater = seen.iter().filter(|c| matches!(c, DetailCall::ForAccount { call, .. } if matches!(call.as_ref(), DetailCall::CardUpdater { .. }))).count();
    assert_eq!(updater, 1, "the updater is asked for the expired card only");
    assert!(!s.view_loading(), "everything answered");
    let text = text_of(&draw(&s));
    assert!(text.contains("Monext knows a replacement"), "{text}");
    assert!(text.contains("5 transfers, 510.00 EUR"), "{text}");
    let timeline = guichet::app::case::timeline(case_of(&s));
    assert!(
        timeline.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    assert!(
        timeline
            .iter()
            .any(|e| e.source == "journal" && e.text.contains("agent7"))
    );
    assert!(timeline.iter().any(|e| e.text.contains("created")));
    assert!(timeline.iter().any(|e| e.text.contains("billing address")));
    assert!(
        timeline
            .iter()
            .any(|e| e.text.contains("promotion WELCOME10"))
    );
}

#[test]
fn transfers_count_and_total_cover_the_last_twelve_months() {
    let (mut s, effects) = opened(120, 40);
    answer_all(&mut s, effects, false);
    let Load::Ready(t) = &case_of(&s).transfers else {
        panic!("transfers loaded")
    };
    assert!(t.complete, "one short page covers everything");
    let since = guichet::app::case::year_before(s.today);
    let (count, total) = t.summary(since);
    let expected: Vec<_> = t
        .items
        .iter()
        .filter(|m| m.operation_date.date_naive() >= since)
        .collect();
    assert_eq!(count, expected.len());
    assert_eq!(total.0, expected.iter().map(|m| m.amount.0).sum::<i64>());
    assert_eq!(t.last().len(), 5, "the last five");
}

#[test]
fn transfers_read_more_pages_only_while_the_year_is_not_covered() {
    let (mut s, effects) = opened(120, 40);
    let Some((ticket, view)) = effects.iter().find_map(|e| match e {
        Effect::Request {
            ticket,
            query:
                Query::Detail {
                    view,
                    call: DetailCall::CaseTransfers { .. },
                },
        } => Some((*ticket, *view)),
        _ => None,
    }) else {
        panic!("transfers asked")
    };
    // A full page, all recent: the next page is asked for.
    let recent = transfer(0);
    let mut page: Vec<MoneyOut> = vec![recent; guichet::app::case::TRANSFER_PAGE as usize];
    for m in &mut page {
        m.operation_date = FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
            .unwrap();
    }
    let mut ticket = ticket;
    for n in 1..guichet::app::case::TRANSFER_PAGES {
        let next = update(
            &mut s,
            Msg::Reply {
                ticket,
                reply: Reply::Detail {
                    view,
                    answer: DetailAnswer::CaseTransfers(Ok(page.clone())),
                },
            },
        );
        let Some(Effect::Request {
            ticket: t,
            query:
                Query::Detail {
                    call: DetailCall::CaseTransfers { page: p, .. },
                    ..
                },
        }) = next.first()
        else {
            panic!("page {n} asked: {next:?}")
        };
        assert_eq!(*p, n);
        ticket = *t;
    }
    // The bound: the last page answers, nothing more is asked, the count says "at least".
    let next = update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Detail {
                view,
                answer: DetailAnswer::CaseTransfers(Ok(page)),
            },
        },
    );
    assert!(next.is_empty(), "bounded: {next:?}");
    let Load::Ready(t) = &case_of(&s).transfers else {
        panic!()
    };
    assert!(!t.complete);
    assert_eq!(t.items.len(), 1000);
    let text = text_of(&draw(&s));
    assert!(text.contains("at least 1000 transfers"), "{text}");
}

#[test]
fn a_failing_provider_leaves_the_rest_usable_and_r_retries_that_section_only() {
    let (mut s, effects) = opened(120, 40);
    answer_all(&mut s, effects, true);
    assert!(matches!(case_of(&s).transfers, Load::Failed(_)));
    assert!(matches!(case_of(&s).accounts, Load::Ready(_)));
    let text = text_of(&draw(&s));
    assert!(
        text.contains("code 500"),
        "the provider's code is shown: {text}"
    );
    assert!(text.contains("r retries"), "{text}");
    assert!(text.contains("Account ····aaaa"), "{text}");
    let effects = update(&mut s, Msg::Key(Key::char('r')));
    let asked = calls(&effects);
    assert_eq!(asked.len(), 1, "only the failed section: {asked:?}");
    assert!(matches!(
        asked[0],
        DetailCall::CaseTransfers { page: 0, .. }
    ));
}

#[test]
fn lines_open_what_they_name() {
    let (mut s, effects) = opened(120, 40);
    answer_all(&mut s, effects, false);
    // The first selectable line is the first account.
    update(&mut s, Msg::Key(Key::plain(KeyCode::Enter)));
    let Some(View::Detail(d)) = s.view() else {
        panic!()
    };
    assert!(matches!(&d.subject, Subject::Account(a) if a.id == account(1).id));
    update(&mut s, Msg::Key(Key::plain(KeyCode::Esc)));
    // Down to its promotion: enter opens the account on it, the cursor on that promotion.
    update(&mut s, Msg::Key(Key::char('j')));
    let effects = update(&mut s, Msg::Key(Key::plain(KeyCode::Enter)));
    let Some(View::Detail(d)) = s.view() else {
        panic!()
    };
    assert!(matches!(&d.subject, Subject::Account(a) if a.id == account(1).id));
    assert_eq!(d.want_promotion.as_deref(), Some("p1"));
    assert!(
        calls(&effects)
            .iter()
            .any(|c| matches!(c, DetailCall::Promotions { .. }))
    );
    update(&mut s, Msg::Key(Key::plain(KeyCode::Esc)));
    // Down past the accounts to a transfer: it opens for the customer's external id.
    for _ in 0..3 {
        update(&mut s, Msg::Key(Key::char('j')));
    }
    update(&mut s, Msg::Key(Key::plain(KeyCode::Enter)));
    let Some(View::Detail(d)) = s.view() else {
        panic!()
    };
    assert!(
        matches!(&d.subject, Subject::Transfer { user, transfer } if user == "C-000123" && transfer.id == 900),
        "{:?}",
        d.subject
    );
}

#[test]
fn c_on_a_promotion_of_the_case_opens_its_cancellation() {
    let (mut s, effects) = opened(120, 40);
    answer_all(&mut s, effects, false);
    // On an account line, `c` says what to pick.
    update(&mut s, Msg::Key(Key::char('c')));
    assert!(s.form.is_none());
    update(&mut s, Msg::Key(Key::char('j')));
    update(&mut s, Msg::Key(Key::char('c')));
    assert!(s.form.is_some(), "the cancel form opens from the case");
    let text = text_of(&draw(&s));
    assert!(text.contains("WELCOME10"), "{text}");
}

/// `A` on a case's account whose expired card Monext replaced opens the payment-method
/// form with the new card; further down (a transfer line) it is not offered.
#[test]
fn a_on_a_case_account_applies_its_replacement_card() {
    let mut s = loaded_case(120, 40);
    update(&mut s, Msg::Key(Key::char('A')));
    assert!(s.form.is_some(), "the payment form opens from the case");
    let mut s = loaded_case(120, 40);
    for _ in 0..4 {
        update(&mut s, Msg::Key(Key::char('j')));
    }
    let h = hints_of(&s);
    assert!(!h.iter().any(|(k, _)| k == "A"), "{h:?}");
    update(&mut s, Msg::Key(Key::char('A')));
    assert!(s.form.is_none());
}

#[test]
fn the_accounts_and_a_and_t_still_drill_down() {
    let (mut s, effects) = opened(120, 40);
    answer_all(&mut s, effects, false);
    update(&mut s, Msg::Key(Key::char('a')));
    assert!(matches!(s.view(), Some(View::List(_))));
    update(&mut s, Msg::Key(Key::plain(KeyCode::Esc)));
    update(&mut s, Msg::Key(Key::char('t')));
    assert!(matches!(s.view(), Some(View::List(_))));
}

/// The footer's hints on the case, as (key, label).
fn hints_of(s: &State) -> Vec<(String, String)> {
    guichet::ui::shell::hints(s)
}

fn has(hints: &[(String, String)], key: &str, label: &str) -> bool {
    hints.iter().any(|(k, l)| k == key && l == label)
}

/// The case's footer follows its cursor: enter says what the line opens, `c` shows on a
/// promotion only (saying why it is refused on a read-only profile), `r` retries when a
/// section failed and reads again otherwise.
#[test]
fn the_case_footer_hints_its_own_keys() {
    let mut s = loaded_case(120, 40);
    let h = hints_of(&s);
    assert!(has(&h, "enter", "open account"), "{h:?}");
    assert!(h.iter().any(|(_, l)| l == "select"), "{h:?}");
    assert!(has(&h, "r", "refresh"), "{h:?}");
    assert!(
        !h.iter().any(|(k, _)| k == "c"),
        "no promotion under the cursor: {h:?}"
    );
    assert!(
        has(&h, "A", "replacement card"),
        "her expired card has a replacement: {h:?}"
    );
    update(&mut s, Msg::Key(Key::char('j')));
    let h = hints_of(&s);
    assert!(has(&h, "enter", "open promotion"), "{h:?}");
    assert!(has(&h, "c", "cancel promo"), "{h:?}");

    let mut ro = loaded_read_only(120, 40);
    update(&mut ro, Msg::Key(Key::char('j')));
    let h = hints_of(&ro);
    assert!(has(&h, "c", "cancel promo (read-only profile)"), "{h:?}");

    let (mut failed, effects) = opened(120, 40);
    answer_all(&mut failed, effects, true);
    assert!(
        has(&hints_of(&failed), "r", "retry"),
        "{:?}",
        hints_of(&failed)
    );
}

fn loaded_read_only(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, true, true), w, h);
    s.tab = Tab::CUSTOMERS;
    let effects =
        guichet::app::loads::open(&mut s, Go::Detail(Box::new(Subject::Customer(customer(0)))));
    answer_all(&mut s, effects, false);
    s
}

#[test]
fn case_footer_on_a_promotion_read_only_80x24() {
    let mut s = loaded_read_only(80, 24);
    update(&mut s, Msg::Key(Key::char('j')));
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn case_footer_on_a_promotion_read_only_120x40() {
    let mut s = loaded_read_only(120, 40);
    update(&mut s, Msg::Key(Key::char('j')));
    insta::assert_snapshot!(draw(&s).backend());
}

pub(super) fn loaded_case(w: u16, h: u16) -> State {
    let (mut s, effects) = opened(w, h);
    answer_all(&mut s, effects, false);
    s
}

#[test]
fn case_80x24() {
    insta::assert_snapshot!(draw(&loaded_case(80, 24)).backend());
}

#[test]
fn case_120x40() {
    insta::assert_snapshot!(draw(&loaded_case(120, 40)).backend());
}

#[test]
fn case_with_a_failed_section_120x40() {
    let (mut s, effects) = opened(120, 40);
    answer_all(&mut s, effects, true);
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn case_scrolls_to_keep_the_cursor_in_sight_80x24() {
    let mut s = loaded_case(80, 24);
    for _ in 0..12 {
        update(&mut s, Msg::Key(Key::char('j')));
    }
    insta::assert_snapshot!(draw(&s).backend());
}

/// An accounts page answered for the Accounts pane: the distinct customers of the page are
/// asked for once each, after the page (which shows at once), and their names fill the
/// column when they answer.
#[test]
fn the_accounts_list_names_the_customers_after_its_page() {
    use guichet::app::resources::{Accounts, ListAnswer};
    use guichet::domain::{Page, PageRequest};
    let mut s = state_with(session(Environment::Sandbox, false, true), 120, 40);
    let effects = update(&mut s, Msg::Key(Key::char('2')));
    let Some((ticket, view)) = effects.iter().find_map(|e| match e {
        Effect::Request {
            ticket,
            query: Query::Page(q),
        } => Some((*ticket, q.view)),
        _ => None,
    }) else {
        panic!("a page is asked: {effects:?}")
    };
    let mut other = account(2);
    other.customer_id = customer(1).id;
    let items = vec![account(0), account(1), other];
    let page = Page::from_parts(items, &PageRequest::first(50), Some(3));
    let effects = update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Page {
                view,
                result: Ok(ListAnswer::of::<Accounts>(page.clone(), None)),
            },
        },
    );
    let asked: Vec<(u64, String)> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request {
                ticket,
                query: Query::CustomerName(id),
            } => Some((*ticket, id.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        asked.len(),
        2,
        "one request per distinct customer: {asked:?}"
    );
    let text = text_of(&draw(&s));
    assert!(
        text.contains(&customer(0).id[..8]),
        "the page shows at once: {text}"
    );
    for (ticket, id) in &asked {
        let name = if *id == customer(0).id {
            customer(0).name
        } else {
            customer(1).name
        };
        update(
            &mut s,
            Msg::Reply {
                ticket: *ticket,
                reply: Reply::CustomerName {
                    id: id.clone(),
                    result: Ok(name),
                },
            },
        );
    }
    let text = text_of(&draw(&s));
    assert!(text.contains("Élodie Martin"), "{text}");
    assert!(text.contains("Jan de Vries"), "{text}");
    // The next page of the same customers asks for nothing: the names are cached by id.
    let effects = update(&mut s, Msg::Key(Key::char('r')));
    let Some(ticket) = effects.iter().find_map(|e| match e {
        Effect::Request {
            ticket,
            query: Query::Page(_),
        } => Some(*ticket),
        _ => None,
    }) else {
        panic!("the page again")
    };
    let effects = update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Page {
                view,
                result: Ok(ListAnswer::of::<Accounts>(page, None)),
            },
        },
    );
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Request {
                query: Query::CustomerName(_),
                ..
            }
        )),
        "{effects:?}"
    );
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn breadcrumbs_name_what_they_point_at() {
    let (mut s, effects) = opened(120, 40);
    answer_all(&mut s, effects, false);
    update(&mut s, Msg::Key(Key::plain(KeyCode::Enter)));
    let text = text_of(&draw(&s));
    assert!(
        text.contains("Customers › Customer Élodie Martin › Account ····aaaa (SUSPENDED)"),
        "{text}"
    );
    update(&mut s, Msg::Key(Key::plain(KeyCode::Esc)));
    update(&mut s, Msg::Key(Key::char('a')));
    let text = text_of(&draw(&s));
    assert!(text.contains("› Accounts of Élodie Martin"), "{text}");
}

fn detail_state(tab: Tab, subject: Subject) -> (State, Vec<Effect>) {
    let mut s = state_with(session(Environment::Sandbox, false, true), 120, 40);
    s.tab = tab;
    let effects = guichet::app::loads::open(&mut s, Go::Detail(Box::new(subject)));
    (s, effects)
}

fn probes(effects: &[Effect]) -> Vec<guichet::app::effect::Probe> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request {
                query: Query::Probe(p),
                ..
            } => Some(p.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn c_pivots_from_an_account_or_a_transfer_to_the_customer() {
    use guichet::app::effect::{Probe, SubjectRef};
    let (mut s, _) = detail_state(Tab::ACCOUNTS, Subject::Account(account(0)));
    let effects = update(&mut s, Msg::Key(Key::char('C')));
    assert_eq!(
        probes(&effects).first(),
        Some(&Probe::Get(SubjectRef::Customer(account(0).customer_id))),
        "{effects:?}"
    );
    let Some(ticket) = effects.iter().find_map(|e| match e {
        Effect::Request {
            ticket,
            query: Query::Probe(_),
        } => Some(*ticket),
        _ => None,
    }) else {
        panic!()
    };
    update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Probe(Ok(Some(Subject::Customer(customer(0))))),
        },
    );
    assert_eq!(
        s.tab,
        Tab::CUSTOMERS,
        "her case opens on the Customers pane"
    );
    assert!(matches!(s.view(), Some(View::Detail(d)) if matches!(d.subject, Subject::Customer(_))));
    // A transfer's customer is the one whose external id is its S-money AppUserId.
    let (mut s, _) = detail_state(
        Tab::TRANSFERS,
        Subject::Transfer {
            user: "C-000123".into(),
            transfer: transfer(0),
        },
    );
    let effects = update(&mut s, Msg::Key(Key::char('C')));
    assert_eq!(
        probes(&effects),
        vec![Probe::ExternalId("C-000123".into())],
        "{effects:?}"
    );
}

#[test]
fn w_goes_from_a_wallet_to_its_stay_and_from_a_stay_to_its_wallet() {
    let (mut s, _) = detail_state(Tab::WALLETS, Subject::Wallet(wallet(0)));
    update(&mut s, Msg::Key(Key::char('w')));
    assert!(
        matches!(s.view(), Some(View::Detail(d)) if matches!(&d.subject, Subject::Pending { id, .. } if *id == wallet(0).stay_id))
    );
    let (mut s, effects) = detail_state(Tab::STAYS, Subject::Stay(stay()));
    let Some((ticket, view)) = effects.iter().find_map(|e| match e {
        Effect::Request {
            ticket,
            query: Query::Detail { view, .. },
        } => Some((*ticket, *view)),
        _ => None,
    }) else {
        panic!()
    };
    update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Detail {
                view,
                answer: DetailAnswer::StayWallet(Ok(Some(wallet(0)))),
            },
        },
    );
    update(&mut s, Msg::Key(Key::char('w')));
    assert!(
        matches!(s.view(), Some(View::Detail(d)) if matches!(&d.subject, Subject::Wallet(w) if w.id == wallet(0).id))
    );
}

#[test]
fn a_applies_the_updaters_replacement_card_through_the_payment_form() {
    use guichet::app::effect::FormCall;
    use guichet::app::msg::FormAnswer;
    use guichet::domain::customer::PaymentMethodType;
    let (mut s, _) = detail_state(Tab::ACCOUNTS, Subject::Account(account(1)));
    // Before the updater answered, `A` says how to ask it.
    assert!(
        update(&mut s, Msg::Key(Key::char('A')))
            .iter()
            .all(|e| !matches!(e, Effect::Request { .. }))
    );
    assert!(s.toast.as_ref().is_some_and(|t| t.text.contains("updater")));
    if let Some(View::Detail(d)) = s.view_mut() {
        d.card = Load::Ready(card(true));
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
    let effects = update(&mut s, Msg::Key(Key::char('A')));
    let Some(ticket) = effects.iter().find_map(|e| match e {
        Effect::Request {
            ticket,
            query: Query::Form(FormCall::PaymentMethods { .. }),
        } => Some(*ticket),
        _ => None,
    }) else {
        panic!("{effects:?}")
    };
    let effects = update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Form(FormAnswer::PaymentMethods(Ok(vec![
                PaymentMethodType::DirectDebit,
                PaymentMethodType::CreditCard,
            ]))),
        },
    );
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Request {
            query: Query::Form(FormCall::CardToken(t)), ..
        } if t == "0f8fad5b-d9cb-469f-a165-70867728950e")),
        "the new token is looked up at once: {effects:?}"
    );
    let text = text_of(&draw(&s));
    assert!(
        text.contains("0f8fad5b-d9cb-469f-a165-70867728950e"),
        "{text}"
    );
    assert!(text.contains("CREDIT_CARD"), "{text}");
}
