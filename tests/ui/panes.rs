//! The panes at 80x24 and 120x40, with fixed rows; loading, errors, empty lists,
//! filter line, and untrusted text.

use super::common::{draw, loaded, session, state_with, text_of};
use super::fixtures::*;
use guichet::app::nav::View;
use guichet::app::resources::{Accounts, Customers, Transfers, Wallets, rows};
use guichet::app::state::{Environment, Tab};
use guichet::app::{Key, Msg, State, update};
use guichet::domain::{ApiError, ErrorKind, Page, Provider};

fn at_size(tab: Tab, w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.tab = tab;
    s
}

fn customers_state(w: u16, h: u16) -> State {
    let mut s = at_size(Tab::CUSTOMERS, w, h);
    loaded(&mut s, |p| {
        p.rows = rows::<Customers>(customers(6));
        p.shown = Some(page_meta(Page::with_total(customers(6), 1, 50, 2134)));
    });
    s
}

pub fn page_meta<T>(p: Page<T>) -> guichet::app::list::Shown {
    guichet::app::list::Shown {
        page: p.page,
        size: p.size,
        total: p.total,
        has_more: p.has_more,
    }
}

#[test]
fn customers_80x24() {
    insta::assert_snapshot!(draw(&customers_state(80, 24)).backend());
}

#[test]
fn customers_120x40() {
    insta::assert_snapshot!(draw(&customers_state(120, 40)).backend());
}

fn accounts_state(w: u16, h: u16) -> State {
    let mut s = at_size(Tab::ACCOUNTS, w, h);
    loaded(&mut s, |p| {
        p.rows = rows::<Accounts>((0..5).map(account).collect());
        p.shown = Some(page_meta(Page::with_total(vec![(); 5], 0, 50, 5)));
    });
    s
}

#[test]
fn accounts_80x24() {
    insta::assert_snapshot!(draw(&accounts_state(80, 24)).backend());
}

#[test]
fn accounts_120x40() {
    insta::assert_snapshot!(draw(&accounts_state(120, 40)).backend());
}

fn wallets_state(w: u16, h: u16) -> State {
    let mut s = at_size(Tab::WALLETS, w, h);
    loaded(&mut s, |p| {
        p.rows = rows::<Wallets>((0..6).map(wallet).collect());
        p.shown = Some(page_meta(Page::with_total(vec![(); 6], 0, 20, 6)));
        p.request.size = 20;
    });
    s
}

#[test]
fn wallets_80x24() {
    insta::assert_snapshot!(draw(&wallets_state(80, 24)).backend());
}

#[test]
fn wallets_120x40() {
    insta::assert_snapshot!(draw(&wallets_state(120, 40)).backend());
}

fn transfers_state(w: u16, h: u16) -> State {
    let mut s = at_size(Tab::TRANSFERS, w, h);
    loaded(&mut s, |p| {
        p.rows = rows::<Transfers>((0..4).map(transfer).collect());
        p.shown = Some(page_meta(Page::without_total(vec![(); 50], 2, 50)));
        p.owner = Some(guichet::app::resources::Owner {
            id: "C-000123".into(),
            name: Some("Élodie Martin".into()),
        });
    });
    s
}

#[test]
fn transfers_80x24() {
    insta::assert_snapshot!(draw(&transfers_state(80, 24)).backend());
}

#[test]
fn transfers_120x40() {
    insta::assert_snapshot!(draw(&transfers_state(120, 40)).backend());
}

#[test]
fn error_inside_the_pane_with_code_and_retry_key() {
    let mut s = at_size(Tab::CUSTOMERS, 80, 24);
    loaded(&mut s, |p| {
        p.error = Some(
            ApiError::new(
                Provider::Mascustomers,
                ErrorKind::ServerError,
                "upstream down",
            )
            .with_status(503)
            .with_code("0503"),
        );
    });
    let text = text_of(&draw(&s));
    assert!(
        text.contains("MasCustomers error 0503 (HTTP 503)"),
        "{text}"
    );
    assert!(text.contains("upstream down"), "{text}");
    assert!(text.contains("press r to retry"), "{text}");
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn empty_filtered_list_says_why() {
    let mut s = at_size(Tab::CUSTOMERS, 80, 24);
    loaded(&mut s, |p| {
        p.filter = tui_input::Input::new("zzz".into());
        p.applied = "zzz".into();
        p.shown = Some(page_meta(Page::<()>::with_total(vec![], 0, 50, 0)));
    });
    let text = text_of(&draw(&s));
    assert!(text.contains("no customers match “zzz”"), "{text}");
}

#[test]
fn filter_line_and_spinner_while_loading() {
    let mut s = customers_state(80, 24);
    update(&mut s, Msg::Key(Key::char('/')));
    for c in "mart".chars() {
        update(&mut s, Msg::Key(Key::char(c)));
    }
    // Simulate the debounce firing: a request goes out, the old rows stay.
    let generation = match s.view() {
        Some(View::List(p)) => p.debounce.expect("debounce pending"),
        _ => unreachable!(),
    };
    update(&mut s, Msg::FilterSettled(generation));
    let text = text_of(&draw(&s));
    assert!(text.contains("/ mart"), "{text}");
    assert!(text.contains("Élodie Martin"), "previous rows stay: {text}");
    assert!(text.contains("⠋ Customers"), "spinner in the title: {text}");
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn hostile_names_cannot_reach_the_terminal() {
    let mut s = at_size(Tab::CUSTOMERS, 120, 40);
    loaded(&mut s, |p| {
        p.rows = rows::<Customers>(vec![evil_customer(), customer(1)]);
        p.shown = Some(page_meta(Page::with_total(vec![(); 2], 0, 50, 2)));
    });
    for screen in [
        draw(&s),
        {
            update(&mut s, Msg::Key(Key::plain(guichet::app::KeyCode::Enter)));
            draw(&s)
        },
        {
            update(&mut s, Msg::Key(Key::char('v')));
            draw(&s)
        },
    ] {
        let buffer = screen.backend().buffer();
        for cell in buffer.content() {
            assert!(
                !cell
                    .symbol()
                    .chars()
                    .any(|c| c == '\x1b' || c == '\x07' || c.is_control()),
                "a control character reached the screen: {:?}",
                cell.symbol()
            );
        }
        let text = text_of(&screen);
        assert!(text.contains("Mallory"), "{text}");
    }
    // The human view shows the escape inertly.
    let text = text_of(&draw(&s));
    assert!(text.contains("␛") || text.contains("\\u001b"), "{text}");
}

#[test]
fn an_empty_page_past_the_end_does_not_say_the_list_is_empty() {
    let mut s = at_size(Tab::TRANSFERS, 80, 24);
    loaded(&mut s, |p| {
        p.shown = Some(page_meta(Page::<()>::without_total(vec![], 3, 50)));
    });
    let text = text_of(&draw(&s));
    assert!(
        text.contains("no transfers on page 4: the list ends before it"),
        "{text}"
    );
    assert!(!text.contains("no transfers yet"), "{text}");
}
