//! Property: any sequence of keys, answers (pages, errors, stale ones) and terminal sizes
//! leaves `update` and `render` without a panic, and nothing drawn holds a control character.

use super::console::session;
use chrono::{NaiveDate, TimeZone, Utc};
use guichet::app::detail::Subject;
use guichet::app::effect::{DetailCall, SubjectRef};
use guichet::app::msg::DetailAnswer;
use guichet::app::resources::{Accounts, Customers, ListAnswer, Owner, Transfers, Wallets};
use guichet::app::{Effect, Key, KeyCode, Keymap, Msg, Query, Reply, State, Ticket, update};
use guichet::domain::customer::{
    Account, AccountStatus, Customer, CustomerType, IbanText, Modality, PaymentMethod,
};
use guichet::domain::{ApiError, ErrorKind, Page, Provider};
use guichet::ui::{ColorDepth, Theme, render};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[derive(Debug, Clone)]
enum Step {
    Key(Key),
    /// Answer the n-th outstanding request (modulo), with success or an error.
    Answer(usize, bool),
    Resize(u16, u16),
}

fn keys() -> impl Strategy<Value = Key> {
    let chars = "jkgGnp[]<>#/:sSzrRyvatuhfbqo0123456789xC-\u{1b}é ";
    prop_oneof![
        proptest::sample::select(chars.chars().collect::<Vec<_>>()).prop_map(Key::char),
        proptest::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::PageDown,
            KeyCode::Left,
            KeyCode::Delete,
        ])
        .prop_map(Key::plain),
    ]
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(
        prop_oneof![
            6 => keys().prop_map(Step::Key),
            3 => (0usize..8, any::<bool>()).prop_map(|(n, ok)| Step::Answer(n, ok)),
            1 => (20u16..160, 5u16..50).prop_map(|(w, h)| Step::Resize(w, h)),
        ],
        1..80,
    )
}

fn customer(i: u32) -> Customer {
    Customer {
        id: format!("00000000-0000-4000-8000-{i:012}"),
        external_id: format!("C-{i:06}"),
        kind: CustomerType::Individual,
        segment: Some("SMB\u{1b}[2J".into()),
        name: format!("N\u{1b}]0;x\u{7}{i}"),
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

fn account(i: u32) -> Account {
    Account {
        id: format!("a0000000-0000-4000-8000-{i:012}"),
        customer_id: customer(0).id,
        modality: Modality::Postpaid,
        status: AccountStatus::Active,
        created_at: customer(0).created_at,
        billing_address: None,
        payment_method: if i.is_multiple_of(2) {
            PaymentMethod::DirectDebit {
                iban: IbanText("FR7630006000011234567890189".into()),
            }
        } else {
            PaymentMethod::CreditCard {
                token_id: "t".into(),
            }
        },
    }
}

/// A plausible answer to `query`, addressed like it.
fn answer(query: &Query, ok: bool) -> Reply {
    if !ok {
        return query.failure(
            ApiError::new(query.provider(), ErrorKind::Rejected, "no\u{1b}[31m way")
                .with_code("0002\u{7}")
                .with_status(400),
        );
    }
    match query {
        Query::Page(q) => {
            let page = &q.page;
            let result = Ok(match q.resource.name() {
                "customers" => ListAnswer::of::<Customers>(
                    Page::with_total(
                        (0..page.size.min(30)).map(customer).collect(),
                        page.page,
                        page.size,
                        5000,
                    ),
                    None,
                ),
                "accounts" => ListAnswer::of::<Accounts>(
                    Page::with_total(
                        (0..page.size.min(7)).map(account).collect(),
                        page.page,
                        page.size,
                        7,
                    ),
                    None,
                ),
                "transfers" => ListAnswer::of::<Transfers>(
                    Page::without_total(vec![], page.page, page.size),
                    Some(Owner {
                        id: "C-\u{1b}1".into(),
                        name: Some("\u{7}".into()),
                    }),
                ),
                _ => ListAnswer::of::<Wallets>(
                    Page::with_total(vec![], page.page, page.size, 0),
                    None,
                ),
            });
            Reply::Page {
                view: q.view,
                result,
            }
        }
        Query::Detail { view, call } => Reply::Detail {
            view: *view,
            answer: match call {
                DetailCall::Subject(SubjectRef::Customer(_)) => {
                    DetailAnswer::Subject(Ok(Subject::Customer(customer(1))))
                }
                DetailCall::Subject(SubjectRef::Account(_)) => {
                    DetailAnswer::Subject(Ok(Subject::Account(account(1))))
                }
                DetailCall::Promotions { .. } => DetailAnswer::Promotions(Ok(vec![])),
                DetailCall::PromotionHistory { .. } => DetailAnswer::PromotionHistory(Ok(vec![])),
                DetailCall::BillingAddresses { .. } => DetailAnswer::BillingAddresses(Ok(vec![])),
                _ => {
                    return query.failure(ApiError::new(
                        Provider::Lyra,
                        ErrorKind::Timeout,
                        "slow",
                    ));
                }
            },
        },
        Query::Probe(_) => Reply::Probe(Ok(Some(Subject::Account(account(2))))),
        _ => query.failure(ApiError::new(Provider::Lyra, ErrorKind::Timeout, "slow")),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_never_draws_control_characters(steps in steps()) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date");
        let mut state = State::new(session(), Keymap::defaults(), today);
        let theme = Theme::builtin("dark", ColorDepth::TrueColor).expect("theme");
        let mut outstanding: Vec<(Ticket, Query)> = Vec::new();
        let mut effects = guichet::app::update::start(&mut state);
        let (mut w, mut h) = (80u16, 24u16);
        for step in steps {
            for e in effects.drain(..) {
                match e {
                    Effect::Request { ticket, query } => outstanding.push((ticket, query)),
                    Effect::Schedule { msg, .. } => {
                        // Deliver debounce settles at once, as if the delay passed.
                        if matches!(*msg, Msg::FilterSettled(_)) {
                            let more = update(&mut state, *msg);
                            for e in more {
                                if let Effect::Request { ticket, query } = e {
                                    outstanding.push((ticket, query));
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            let msg = match step {
                Step::Key(k) => Msg::Key(k),
                Step::Resize(nw, nh) => {
                    (w, h) = (nw, nh);
                    guichet::ui::resized(w, h)
                }
                Step::Answer(n, ok) => {
                    if outstanding.is_empty() {
                        continue;
                    }
                    // Not removed: the same answer may come twice (a stale duplicate).
                    let (ticket, query) = outstanding[n % outstanding.len()].clone();
                    Msg::Reply { ticket, reply: answer(&query, ok) }
                }
            };
            effects = update(&mut state, msg);
            if state.quit {
                break;
            }
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            terminal.draw(|f| render(f, &state, &theme)).expect("draw");
            for cell in terminal.backend().buffer().content() {
                prop_assert!(!cell.symbol().chars().any(char::is_control), "{:?}", cell.symbol());
            }
        }
    }
}
