//! The Customers list's Accounts column: after a page (shown at once, with `…`), one
//! request per distinct customer asks what she holds; the answers tell apart two
//! customers of one name (accounts and an active promotion, or none); a failure shows `?`;
//! the next page of the same customers asks for nothing.

use super::common::{draw, session, state_with, text_of};
use super::fixtures::*;
use guichet::app::names::Holdings;
use guichet::app::resources::{Customers, ListAnswer};
use guichet::app::state::Environment;
use guichet::app::{Effect, Key, Msg, Query, Reply, State, update};
use guichet::domain::{ApiError, ErrorKind, Page, PageRequest, Provider};

/// Two "Alessia Greco": the first with two accounts and an active promotion, the second
/// with none; a third customer whose holdings cannot be read.
fn twins() -> Vec<guichet::domain::customer::Customer> {
    let mut a = customer(0);
    a.name = "Alessia Greco".into();
    let mut b = customer(1);
    b.name = "Alessia Greco".into();
    vec![a, b, customer(2)]
}

fn page_answer(s: &mut State, effects: &[Effect]) -> Vec<Effect> {
    let Some((ticket, view)) = effects.iter().find_map(|e| match e {
        Effect::Request {
            ticket,
            query: Query::Page(q),
        } => Some((*ticket, q.view)),
        _ => None,
    }) else {
        panic!("a page is asked: {effects:?}")
    };
    let page = Page::from_parts(twins(), &PageRequest::first(50), Some(3));
    update(
        s,
        Msg::Reply {
            ticket,
            reply: Reply::Page {
                view,
                result: Ok(ListAnswer::of::<Customers>(page, None)),
            },
        },
    )
}

fn holdings_asked(effects: &[Effect]) -> Vec<(u64, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request {
                ticket,
                query: Query::CustomerHoldings(id),
            } => Some((*ticket, id.clone())),
            _ => None,
        })
        .collect()
}

/// The Customers list with its page answered and, with `answer`, the holdings too.
fn listed(w: u16, h: u16, answer: bool) -> (State, Vec<(u64, String)>) {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    let effects = update(&mut s, Msg::Key(Key::char('r')));
    let effects = page_answer(&mut s, &effects);
    let asked = holdings_asked(&effects);
    if answer {
        for (ticket, id) in &asked {
            let result = if *id == customer(0).id {
                Ok(Holdings {
                    accounts: 2,
                    promotions: 1,
                    partial: false,
                })
            } else if *id == customer(1).id {
                Ok(Holdings {
                    accounts: 0,
                    promotions: 0,
                    partial: false,
                })
            } else {
                Err(ApiError::new(
                    Provider::Mascustomers,
                    ErrorKind::ServerError,
                    "HTTP 500",
                ))
            };
            update(
                &mut s,
                Msg::Reply {
                    ticket: *ticket,
                    reply: Reply::CustomerHoldings {
                        id: id.clone(),
                        result,
                    },
                },
            );
        }
    }
    (s, asked)
}

fn row_of<'a>(text: &'a str, external_id: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(external_id))
        .unwrap_or_else(|| panic!("no row for {external_id}: {text}"))
}

#[test]
fn the_customers_list_says_which_customer_holds_accounts_and_promotions() {
    let (mut s, asked) = listed(120, 40, false);
    assert_eq!(asked.len(), 3, "one request per customer: {asked:?}");
    let text = text_of(&draw(&s));
    assert!(text.contains("Accounts"), "{text}");
    assert!(
        row_of(&text, "C-000123").contains('…'),
        "shown at once: {text}"
    );

    let (s2, _) = listed(120, 40, true);
    let text = text_of(&draw(&s2));
    let (first, second) = (row_of(&text, "C-000123"), row_of(&text, "C-000124"));
    assert!(first.contains("Alessia Greco") && second.contains("Alessia Greco"));
    assert!(first.contains("2 promo"), "{first}");
    assert!(second.contains(" 0 "), "{second}");
    assert!(row_of(&text, "C-000125").contains('?'), "{text}");

    // The same customers again ask for nothing more.
    let effects = update(&mut s, Msg::Key(Key::char('r')));
    let effects = page_answer(&mut s, &effects);
    assert!(holdings_asked(&effects).is_empty(), "{effects:?}");
}

#[test]
fn holdings_labels() {
    let h = |accounts, promotions, partial| Holdings {
        accounts,
        promotions,
        partial,
    };
    assert_eq!(h(0, 0, false).label(), "0");
    assert_eq!(h(3, 0, false).label(), "3");
    assert_eq!(h(2, 1, false).label(), "2 promo");
    assert_eq!(h(9, 0, true).label(), "9+");
    assert_eq!(h(9, 2, true).label(), "9 promo+");
}

#[test]
fn customers_with_holdings_80x24() {
    insta::assert_snapshot!(draw(&listed(80, 24, true).0).backend());
}

#[test]
fn customers_with_holdings_120x40() {
    insta::assert_snapshot!(draw(&listed(120, 40, true).0).backend());
}
