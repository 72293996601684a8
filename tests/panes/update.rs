//! Pure `update` tests: no runtime, no network. Replies are built by hand and fed back with
//! the tickets the effects carry.

use chrono::{NaiveDate, TimeZone, Utc};
use guichet::app::detail::{Load, Subject};
use guichet::app::effect::{DetailCall, PageQuery, Probe, SubjectRef};
use guichet::app::keymap::Scope;
use guichet::app::nav::View;
use guichet::app::resources::{
    Accounts, Customers, ListAnswer, Owner, Resource, Transfers, Wallets, param, rows,
};
use guichet::app::state::Tab;
use guichet::app::update::start;
use guichet::app::{Effect, Key, KeyCode, Keymap, Msg, Query, Reply, State, Ticket, update};
use guichet::domain::customer::{Customer, CustomerType};
use guichet::domain::transfer::MoneyOut;
use guichet::domain::{ApiError, ErrorKind, Page, PageRequest, Provider, Sort, SortDir};

/// A state at 120x40 on 2026-11-21, as the pane tests start from.
pub(super) fn state() -> State {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date");
    let mut s = State::new(super::console::session(), Keymap::defaults(), today);
    update(&mut s, guichet::ui::resized(120, 40));
    s
}

/// Customer `i`, with a uuid and an external id made from `i`.
pub(super) fn customer(i: u32) -> Customer {
    Customer {
        id: format!("00000000-0000-4000-8000-{i:012}"),
        external_id: format!("C-{i:06}"),
        kind: CustomerType::Individual,
        segment: None,
        name: format!("Customer {i}"),
        email: None,
        phone: None,
        created_at: Utc
            .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
            .single()
            .expect("a time"),
        special_treatment: vec![],
        categories: vec![],
    }
}

fn customers_page(page: u32, size: u32, total: u64) -> Page<Customer> {
    let first = page * size;
    let n = (total.saturating_sub(u64::from(first))).min(u64::from(size)) as u32;
    Page::with_total(
        (first..first + n).map(customer).collect(),
        page,
        size,
        total,
    )
}

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

fn ch(s: &mut State, c: char) -> Vec<Effect> {
    key(s, Key::char(c))
}

/// The one list request among the effects.
fn list_request(effects: &[Effect]) -> (Ticket, Query) {
    let found: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request { ticket, query } if !matches!(query, Query::Health(_)) => {
                Some((*ticket, query.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "{effects:?}");
    found[0].clone()
}

fn reply(s: &mut State, ticket: Ticket, reply: Reply) -> Vec<Effect> {
    update(s, Msg::Reply { ticket, reply })
}

/// The query in the ledger for `ticket`.
fn asked(s: &State, ticket: Ticket) -> Option<Query> {
    s.inflight.get(&ticket).map(|f| f.query.clone())
}

/// Answers the page request `ticket` with `page` of resource `R` (a stale ticket: to no
/// view, as the ledger drops it anyway).
fn page_reply<R: Resource>(
    s: &mut State,
    ticket: Ticket,
    page: Page<R::Row>,
    owner: Option<Owner>,
) -> Vec<Effect> {
    let view = match asked(s, ticket) {
        Some(Query::Page(q)) => q.view,
        _ => 0,
    };
    let result = Ok(ListAnswer::of::<R>(page, owner));
    reply(s, ticket, Reply::Page { view, result })
}

/// Answers the request `ticket` with an error, addressed like its query.
fn fail(s: &mut State, ticket: Ticket, error: ApiError) -> Vec<Effect> {
    let answer = asked(s, ticket)
        .expect("a request in flight")
        .failure(error);
    reply(s, ticket, answer)
}

/// The page a list query asks for, checking it is of resource `name`.
fn list_page<'a>(q: &'a Query, name: &str) -> &'a PageQuery {
    match q {
        Query::Page(p) if p.resource.name() == name => p,
        other => panic!("not a {name} page: {other:?}"),
    }
}

fn list_footer(s: &State) -> String {
    match s.view() {
        Some(View::List(l)) => l.footer(),
        _ => String::new(),
    }
}

fn customers(s: &State) -> &guichet::app::list::ListPane {
    match &s.navs[Tab::CUSTOMERS.index()].views[0] {
        View::List(p) => p,
        _ => unreachable!(),
    }
}

/// A console whose first customers page (of 2,134) has arrived.
fn loaded() -> State {
    let mut s = state();
    let (t, q) = list_request(&start(&mut s));
    let asked = list_page(&q, "customers");
    assert_eq!(
        asked.page,
        PageRequest::first(50).with_sort(Some(Sort::new("name", SortDir::Asc)))
    );
    assert!(asked.params.is_empty());
    page_reply::<Customers>(&mut s, t, customers_page(0, 50, 2134), None);
    s
}

#[test]
fn paging_keys_ask_for_the_right_pages() {
    let mut s = loaded();
    assert_eq!(
        customers(&s).footer(),
        "rows 1–50 of 2,134 · page 1/43 · sorted by name ↑ · 50/page"
    );
    let (t, q) = list_request(&ch(&mut s, 'n'));
    let page = &list_page(&q, "customers").page;
    assert!(page.page == 1);
    page_reply::<Customers>(&mut s, t, customers_page(1, 50, 2134), None);
    assert!(
        customers(&s)
            .footer()
            .starts_with("rows 51–100 of 2,134 · page 2/43")
    );
    let (_, q) = list_request(&ch(&mut s, '>'));
    let page = &list_page(&q, "customers").page;
    assert!(page.page == 42);
    let (_, q) = list_request(&ch(&mut s, '<'));
    let page = &list_page(&q, "customers").page;
    assert!(page.page == 0);
    // `#` asks for a number; 44 is refused, 7 goes.
    ch(&mut s, '#');
    assert_eq!(s.scope(), Scope::Form);
    ch(&mut s, '4');
    ch(&mut s, '4');
    assert!(key(&mut s, Key::plain(KeyCode::Enter)).is_empty());
    assert_eq!(
        s.prompt.as_ref().unwrap().error.as_deref(),
        Some("there are 43 pages")
    );
    key(&mut s, Key::plain(KeyCode::Backspace));
    key(&mut s, Key::plain(KeyCode::Backspace));
    ch(&mut s, '7');
    let (_, q) = list_request(&key(&mut s, Key::plain(KeyCode::Enter)));
    let page = &list_page(&q, "customers").page;
    assert!(page.page == 6);
    assert!(s.prompt.is_none());
}

#[test]
fn page_size_keeps_the_first_row_in_view() {
    let mut s = loaded();
    let (t, _) = list_request(&ch(&mut s, 'n'));
    page_reply::<Customers>(&mut s, t, customers_page(1, 50, 2134), None);
    // Row 51 is on page 0 of 100 (rows 1–100), page 0 of 200.
    let (_, q) = list_request(&ch(&mut s, 'z'));
    let page = &list_page(&q, "customers").page;
    assert!(page.size == 100 && page.page == 0);
}

#[test]
fn sort_cycles_only_api_fields_and_flips() {
    let mut s = loaded();
    let mut fields = Vec::new();
    for _ in 0..4 {
        let (_, q) = list_request(&ch(&mut s, 's'));
        let page = list_page(&q, "customers").page.clone();
        assert_eq!(page.page, 0);
        fields.push(page.sort.unwrap().field);
    }
    assert_eq!(fields, ["email", "external_id", "created_at", "name"]);
    let (_, q) = list_request(&ch(&mut s, 'S'));
    let page = &list_page(&q, "customers").page;
    assert_eq!(page.sort, Some(Sort::new("name", SortDir::Desc)));
}

#[test]
fn filter_is_debounced_cancels_and_drops_stale_answers() {
    let mut s = loaded();
    ch(&mut s, '/');
    assert_eq!(s.scope(), Scope::Form);
    // Typing schedules a settle message per key; `q` is text, not quit.
    let mut generations = Vec::new();
    for c in "qua".chars() {
        let effects = ch(&mut s, c);
        assert!(!s.quit);
        let [Effect::Schedule { after_ms, msg }] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        assert_eq!(*after_ms, 250);
        let Msg::FilterSettled(g) = **msg else {
            panic!()
        };
        generations.push(g);
    }
    // An old generation settling does nothing.
    assert!(update(&mut s, Msg::FilterSettled(generations[0])).is_empty());
    let effects = update(&mut s, Msg::FilterSettled(generations[2]));
    let (t1, q) = list_request(&effects);
    let asked = list_page(&q, "customers");
    assert_eq!(
        asked.page,
        PageRequest::first(50).with_sort(Some(Sort::new("name", SortDir::Asc)))
    );
    assert_eq!(asked.params, vec![("q", "qua".to_string())]);
    // More typing, then Enter: the pending request is cancelled and replaced at once.
    ch(&mut s, 'x');
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert!(effects.contains(&Effect::Cancel(t1)), "{effects:?}");
    let (t2, q) = list_request(&effects);
    assert_eq!(param(&list_page(&q, "customers").params, "q"), Some("quax"));
    assert_eq!(s.scope(), Scope::List);
    // The cancelled answer arriving anyway is dropped; the current one lands.
    s.dirty = false;
    page_reply::<Customers>(&mut s, t1, customers_page(0, 50, 9), None);
    assert!(!s.dirty);
    assert_eq!(customers(&s).shown.unwrap().total, Some(2134));
    page_reply::<Customers>(&mut s, t2, customers_page(0, 50, 0), None);
    assert!(customers(&s).rows.is_empty());
    assert_eq!(customers(&s).applied, "quax");
    // Esc on the line clears the filter and reloads everything.
    ch(&mut s, '/');
    let (_, q) = list_request(&key(&mut s, Key::plain(KeyCode::Esc)));
    assert!(list_page(&q, "customers").params.is_empty());
}

#[test]
fn rows_stay_while_loading_and_errors_keep_them() {
    let mut s = loaded();
    let (t, _) = list_request(&ch(&mut s, 'n'));
    assert!(s.view_loading());
    assert_eq!(customers(&s).rows.len(), 50);
    // The selection moves on the rows on screen while the page loads.
    ch(&mut s, 'j');
    assert_eq!(customers(&s).selected, 1);
    let err = ApiError::new(Provider::Mascustomers, ErrorKind::ServerError, "down")
        .with_status(503)
        .with_code("0503");
    fail(&mut s, t, err.clone());
    assert_eq!(customers(&s).error, Some(err));
    assert_eq!(customers(&s).rows.len(), 50);
    let (_, q) = list_request(&ch(&mut s, 'r'));
    let page = &list_page(&q, "customers").page;
    assert!(page.page == 1);
}

#[test]
fn drill_down_and_back_restore_the_row() {
    let mut s = loaded();
    ch(&mut s, 'j');
    ch(&mut s, 'j');
    assert!(s.at_top_level());
    key(&mut s, Key::plain(KeyCode::Enter));
    assert_eq!(s.scope(), Scope::Detail);
    assert!(!s.at_top_level());
    // `q` does not quit below the top.
    assert!(ch(&mut s, 'q').is_empty() && !s.quit);
    let (t, q) = list_request(&ch(&mut s, 'a'));
    assert_eq!(
        param(&list_page(&q, "accounts").params, "customer_id"),
        Some(customer(2).id.as_str())
    );
    assert_eq!(s.scope(), Scope::List);
    assert_eq!(
        s.nav().breadcrumbs(),
        vec!["Customers", "Customer Customer 2", "Accounts of Customer 2"]
    );
    // Back while the accounts load: the request is cancelled.
    let effects = key(&mut s, Key::plain(KeyCode::Esc));
    assert!(effects.contains(&Effect::Cancel(t)));
    let (t2, q) = list_request(&ch(&mut s, 't'));
    assert_eq!(
        param(&list_page(&q, "transfers").params, "user"),
        Some("C-000002")
    );
    page_reply::<Transfers>(
        &mut s,
        t2,
        Page::<MoneyOut>::without_total(vec![], 0, 50),
        Some(Owner {
            id: "C-000002".into(),
            name: None,
        }),
    );
    key(&mut s, Key::plain(KeyCode::Backspace));
    key(&mut s, Key::plain(KeyCode::Backspace));
    assert_eq!(s.scope(), Scope::List);
    assert!(s.at_top_level());
    assert_eq!(customers(&s).selected, 2);
    assert!(customers(&s).footer().starts_with("rows 1–50 of 2,134"));
}

#[test]
fn transfers_total_unknown_is_said_honestly() {
    let mut s = loaded();
    let (t, q) = list_request(&ch(&mut s, '4'));
    assert!(list_page(&q, "transfers").params.is_empty());
    page_reply::<Transfers>(
        &mut s,
        t,
        Page::without_total(vec![], 2, 50),
        Some(Owner {
            id: "C-000001".into(),
            name: Some("Élodie Martin".into()),
        }),
    );
    let View::List(list) = s.view().unwrap() else {
        panic!()
    };
    assert_eq!(list.title(), "Transfers of C-000001 (Élodie Martin)");
    assert_eq!(
        list_footer(&s),
        "no rows · page 3 · last · sorted by operationdate ↓ · 50/page"
    );
    // `>` on the known last page asks for nothing; on a page with more it asks the runner
    // to probe for the last one.
    let effects = ch(&mut s, '>');
    assert!(effects.iter().all(|e| !matches!(e, Effect::Request { .. })));
    if let Some(p) = s.list_mut() {
        p.shown.as_mut().expect("shown").has_more = true;
    }
    let (_, q) = list_request(&ch(&mut s, '>'));
    let asked = list_page(&q, "transfers");
    assert!(asked.last);
    assert_eq!(param(&asked.params, "user"), Some("C-000001"));
}

#[test]
fn credit_card_account_loads_its_card_and_reveal_is_logged_masked() {
    let mut s = state();
    s.tab = Tab::ACCOUNTS;
    let account = guichet::domain::customer::Account {
        id: "a".into(),
        customer_id: "c".into(),
        modality: guichet::domain::customer::Modality::Postpaid,
        status: guichet::domain::customer::AccountStatus::Active,
        created_at: Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        billing_address: None,
        payment_method: guichet::domain::customer::PaymentMethod::CreditCard {
            token_id: "tok".into(),
        },
    };
    if let Some(p) = s.list_mut() {
        p.rows = rows::<Accounts>(vec![account]);
    }
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Request {
            query: Query::Detail { call: DetailCall::CardToken(t), .. },
            ..
        } if t == "tok")),
        "{effects:?}"
    );
    let Some(View::Detail(d)) = s.view() else {
        panic!()
    };
    assert!(matches!(d.card, Load::Loading(_)));
    assert!(matches!(d.subject, Subject::Account(_)));
    // Nothing masked on a card account: reveal says so, logs nothing.
    let effects = ch(&mut s, 'R');
    assert!(effects.iter().all(|e| !matches!(e, Effect::Log(_))));
}

#[test]
fn go_to_asks_the_runner_and_opens_on_the_right_tab() {
    let mut s = loaded();
    ch(&mut s, ':');
    for c in "C-000007".chars() {
        ch(&mut s, c);
    }
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    let (t, q) = list_request(&effects);
    assert_eq!(q, Query::Probe(Probe::ExternalId("C-000007".into())));
    reply(
        &mut s,
        t,
        Reply::Probe(Ok(Some(Subject::Customer(customer(7))))),
    );
    assert_eq!(s.tab, Tab::CUSTOMERS);
    assert_eq!(
        s.nav().breadcrumbs(),
        vec!["Customers", "Customer Customer 7"]
    );
    // Unknown ids say so, without asking any provider.
    ch(&mut s, ':');
    ch(&mut s, 'x');
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert!(requests(&effects).is_empty(), "{effects:?}");
    let said = &s.toast.as_ref().expect("a toast").text;
    assert!(said.starts_with("“x” is not an id"), "{said}");
    // A uuid is asked of each kind in turn; "not found" moves to the next.
    ch(&mut s, ':');
    for c in customer(3).id.chars() {
        ch(&mut s, c);
    }
    let (t, q) = list_request(&key(&mut s, Key::plain(KeyCode::Enter)));
    assert_eq!(
        q,
        Query::Probe(Probe::Get(SubjectRef::Customer(customer(3).id)))
    );
    let (t, q) = list_request(&reply(&mut s, t, Reply::Probe(Ok(None))));
    assert_eq!(
        q,
        Query::Probe(Probe::Get(SubjectRef::Account(customer(3).id)))
    );
    reply(&mut s, t, Reply::Probe(Ok(None)));
    let (t, _) = s
        .goto
        .as_ref()
        .map(|g| (g.ticket, ()))
        .expect("a third probe");
    reply(&mut s, t, Reply::Probe(Ok(None)));
    let (t, _) = s
        .goto
        .as_ref()
        .map(|g| (g.ticket, ()))
        .expect("a fourth probe");
    reply(&mut s, t, Reply::Probe(Ok(None)));
    assert!(s.goto.is_none());
    let said = &s.toast.as_ref().expect("a toast").text;
    assert!(
        said.starts_with("no customer, account, wallet or stay has id"),
        "{said}"
    );
    // Esc leaves the prompt without asking anything.
    ch(&mut s, ':');
    assert!(key(&mut s, Key::plain(KeyCode::Esc)).is_empty());
    assert!(s.prompt.is_none());
}

#[test]
fn detail_scroll_stops_at_the_end() {
    let mut s = loaded();
    update(&mut s, guichet::ui::resized(80, 15));
    key(&mut s, Key::plain(KeyCode::Enter));
    for _ in 0..100 {
        ch(&mut s, 'j');
    }
    let Some(View::Detail(d)) = s.view() else {
        panic!()
    };
    let max = guichet::app::fields::content_lines(d, s.today) - 10;
    assert_eq!(usize::from(d.scroll), max);
    ch(&mut s, 'k');
    let Some(View::Detail(d)) = s.view() else {
        panic!()
    };
    assert_eq!(usize::from(d.scroll), max - 1);
}

/// The requests among `effects`, with their tickets.
fn requests(effects: &[Effect]) -> Vec<(Ticket, Query)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request { ticket, query } => Some((*ticket, query.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn refreshing_a_stay_placeholder_cancels_the_old_load_and_asks_for_the_stay() {
    use guichet::domain::cashless::{Wallet, WalletMode, WalletStatus};
    use guichet::domain::{Cents, Currency};
    let mut s = state();
    s.tab = Tab::WALLETS;
    let wallet = Wallet {
        id: "w0000001-0000-4000-8000-00000000beef".into(),
        stay_id: "50000001-0000-4000-8000-00000000cafe".into(),
        establishment_id: "e5ab0000-0000-4000-8000-000000000001".into(),
        mode: WalletMode::Prepaid,
        currency: Currency::EUR,
        balance: Cents(100),
        credit_limit: None,
        medium_ref: None,
        status: WalletStatus::Open,
        opened_at: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
    };
    if let Some(p) = s.list_mut() {
        p.rows = rows::<Wallets>(vec![wallet.clone()]);
    }
    key(&mut s, Key::plain(KeyCode::Enter));
    let (first, q) = list_request(&ch(&mut s, 's'));
    let stay = DetailCall::Subject(SubjectRef::Stay(wallet.stay_id.clone()));
    assert!(
        matches!(q, Query::Detail { ref call, .. } if *call == stay),
        "{q:?}"
    );
    // Refreshed while the stay still loads: the first load is aborted, not orphaned.
    let effects = ch(&mut s, 'r');
    assert!(effects.contains(&Effect::Cancel(first)), "{effects:?}");
    assert!(!s.inflight.contains_key(&first));
    let (second, q) = list_request(&effects);
    assert!(
        matches!(q, Query::Detail { ref call, .. } if *call == stay),
        "{q:?}"
    );
    fail(
        &mut s,
        second,
        ApiError::new(Provider::Pxlhub, ErrorKind::Timeout, "slow"),
    );
    let (_, q) = list_request(&ch(&mut s, 'r'));
    assert!(
        matches!(q, Query::Detail { ref call, .. } if *call == stay),
        "{q:?}"
    );
    assert_eq!(s.inflight.len(), 1, "{:?}", s.inflight);
}

#[test]
fn refreshing_an_account_aborts_the_card_request_under_way() {
    let mut s = state();
    s.tab = Tab::ACCOUNTS;
    let account = guichet::domain::customer::Account {
        id: "a".into(),
        customer_id: "c".into(),
        modality: guichet::domain::customer::Modality::Postpaid,
        status: guichet::domain::customer::AccountStatus::Active,
        created_at: Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        billing_address: None,
        payment_method: guichet::domain::customer::PaymentMethod::CreditCard {
            token_id: "tok".into(),
        },
    };
    if let Some(p) = s.list_mut() {
        p.rows = rows::<Accounts>(vec![account]);
    }
    // The card and the promotions are asked for at once.
    let opened = requests(&key(&mut s, Key::plain(KeyCode::Enter)));
    let (card, _) = opened
        .iter()
        .find(|(_, q)| matches!(q, Query::Detail { call: DetailCall::CardToken(t), .. } if t == "tok"))
        .cloned()
        .expect("the card is asked for");
    let effects = ch(&mut s, 'r');
    assert!(effects.contains(&Effect::Cancel(card)), "{effects:?}");
    assert!(!s.inflight.contains_key(&card));
    let asked: Vec<_> = requests(&effects).into_iter().map(|(_, q)| q).collect();
    assert!(
        matches!(asked.as_slice(), [Query::Detail {
            call: DetailCall::Subject(SubjectRef::Account(a)),
            ..
        }] if a == "a"),
        "{asked:?}"
    );
    // The promotions request goes on: the subject's answer does not ask for it again.
    assert_eq!(s.inflight.len(), 2, "{:?}", s.inflight);
}

fn iban_account() -> guichet::domain::customer::Account {
    guichet::domain::customer::Account {
        id: "acc-1".into(),
        customer_id: "c".into(),
        modality: guichet::domain::customer::Modality::Postpaid,
        status: guichet::domain::customer::AccountStatus::Active,
        created_at: Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        billing_address: None,
        payment_method: guichet::domain::customer::PaymentMethod::DirectDebit {
            iban: guichet::domain::customer::IbanText("FR7630006000011234567890189".into()),
        },
    }
}

/// The journal record among `effects`: (resource, field, reason).
fn reveal_record(effects: &[Effect]) -> Option<(String, &'static str, Option<String>)> {
    effects.iter().find_map(|e| match e {
        Effect::Request {
            query:
                Query::AuditReveal {
                    resource,
                    field,
                    reason,
                    ..
                },
            ..
        } => Some((resource.clone(), *field, reason.clone())),
        _ => None,
    })
}

#[test]
fn a_reveal_is_journaled_and_asks_a_reason_where_the_profile_says_so() {
    let mut s = state();
    s.tab = Tab::ACCOUNTS;
    if let Some(p) = s.list_mut() {
        p.rows = rows::<Accounts>(vec![iban_account()]);
    }
    key(&mut s, Key::plain(KeyCode::Enter));
    // No reason asked: revealed at once, logged masked and journaled.
    let effects = ch(&mut s, 'R');
    assert_eq!(
        reveal_record(&effects),
        Some(("account acc-1".to_string(), "iban", None))
    );
    assert!(effects.iter().any(
        |e| matches!(e, Effect::Log(l) if l.contains("revealed IBAN") && !l.contains("1234567890189"))
    ));
    // Masking again records nothing.
    assert!(reveal_record(&ch(&mut s, 'R')).is_none());
    // A profile that asks for a reason: nothing is shown until one is given.
    s.reveal_requires_reason = true;
    let effects = ch(&mut s, 'R');
    assert!(reveal_record(&effects).is_none());
    let Some(View::Detail(d)) = s.view() else {
        panic!()
    };
    assert!(!d.revealed);
    assert!(s.prompt.is_some());
    // An empty reason is refused, the prompt stays.
    assert!(reveal_record(&key(&mut s, Key::plain(KeyCode::Enter))).is_none());
    assert!(s.prompt.as_ref().unwrap().error.is_some());
    for c in "ticket 4711".chars() {
        ch(&mut s, c);
    }
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert_eq!(
        reveal_record(&effects),
        Some((
            "account acc-1".to_string(),
            "iban",
            Some("ticket 4711".to_string())
        ))
    );
    let Some(View::Detail(d)) = s.view() else {
        panic!()
    };
    assert!(d.revealed);
}

#[test]
fn v_asks_for_the_providers_answer_and_shows_it() {
    let mut s = loaded();
    ch(&mut s, ':');
    for c in "C-000007".chars() {
        ch(&mut s, c);
    }
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    let (t, _) = list_request(&effects);
    reply(
        &mut s,
        t,
        Reply::Probe(Ok(Some(Subject::Customer(customer(7))))),
    );
    let effects = ch(&mut s, 'v');
    let asked = requests(&effects);
    assert!(
        matches!(
            asked.as_slice(),
            [(
                _,
                Query::Detail {
                    call: guichet::app::effect::DetailCall::Raw(_),
                    ..
                }
            )]
        ),
        "{effects:?}"
    );
    let View::Detail(d) = s.view().expect("a view") else {
        panic!("a detail")
    };
    assert!(d.raw);
}
