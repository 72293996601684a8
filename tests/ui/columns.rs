//! Wide tables on screen: Customers and Transfers scrolled right (Segment and Phone, the
//! masked IBAN), the footer's count of the columns off screen, a terminal where everything
//! fits, and the column chooser, at 80x24 and 120x40.

use super::common::{draw, loaded, session, state_with, text_of};
use super::fixtures::*;
use super::panes::page_meta;
use guichet::app::resources::{Customers, Owner, Transfers, rows};
use guichet::app::state::{Environment, Tab};
use guichet::app::{Key, Msg, State, update};
use guichet::domain::Page;

fn customers_state(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    loaded(&mut s, |p| {
        p.rows = rows::<Customers>(customers(6));
        p.shown = Some(page_meta(Page::with_total(customers(6), 1, 50, 2134)));
        p.selected = 1;
    });
    s
}

fn transfers_state(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.tab = Tab::TRANSFERS;
    loaded(&mut s, |p| {
        p.rows = rows::<Transfers>((0..4).map(transfer).collect());
        p.shown = Some(page_meta(Page::without_total(vec![(); 50], 2, 50)));
        p.owner = Some(Owner {
            id: "C-000123".into(),
            name: Some("Élodie Martin".into()),
        });
    });
    s
}

fn keys(s: &mut State, keys: &str) {
    for c in keys.chars() {
        update(s, Msg::Key(Key::char(c)));
    }
}

#[test]
fn customers_scrolled_right_80x24() {
    let mut s = customers_state(80, 24);
    keys(&mut s, "lll");
    let screen = draw(&s);
    let text = text_of(&screen);
    assert!(text.contains("Segment") && text.contains("Phone"), "{text}");
    assert!(text.contains("RESIDENTIAL") && text.contains("+33 6 12 34 56 78"));
    assert!(text.contains("◀ 3 · 1 ▶"), "{text}");
    insta::assert_snapshot!(screen.backend());
}

#[test]
fn customers_scrolled_right_120x40() {
    let mut s = customers_state(120, 40);
    keys(&mut s, "lll");
    let screen = draw(&s);
    let text = text_of(&screen);
    assert!(text.contains("Segment") && text.contains("Phone"), "{text}");
    assert!(
        text.contains("8f0e0001-1c2d-4e5f-8a9b-0c1d2e3f4a5b"),
        "the Id column: {text}"
    );
    insta::assert_snapshot!(screen.backend());
}

#[test]
fn transfers_scrolled_right_80x24() {
    let mut s = transfers_state(80, 24);
    assert!(!text_of(&draw(&s)).contains("IBAN"));
    keys(&mut s, "l");
    let screen = draw(&s);
    let text = text_of(&screen);
    assert!(text.contains("IBAN"), "{text}");
    assert!(text.contains("FR76 •••• •••• •••• 0189"), "masked: {text}");
    assert!(!text.contains("FR7630006000011234567890189"));
    insta::assert_snapshot!(screen.backend());
}

#[test]
fn transfers_scrolled_right_120x40() {
    // Everything fits: the key says so and the table is the one of the home position.
    let mut s = transfers_state(120, 40);
    let before = text_of(&draw(&s));
    keys(&mut s, "l");
    let screen = draw(&s);
    let text = text_of(&screen);
    assert!(
        text.contains("every column is in view at this width"),
        "{text}"
    );
    assert_eq!(
        text.lines().take(10).collect::<Vec<_>>(),
        before.lines().take(10).collect::<Vec<_>>()
    );
    assert!(!text.contains('◀') && !text.contains('▶'), "{text}");
    insta::assert_snapshot!(screen.backend());
}

fn chooser_state(w: u16, h: u16) -> State {
    let mut s = customers_state(w, h);
    // Hide Email, move Phone above Created (the cursor moves with it).
    keys(&mut s, "cjjj jjjjKKK");
    s
}

#[test]
fn column_chooser_80x24() {
    let s = chooser_state(80, 24);
    let screen = draw(&s);
    let text = text_of(&screen);
    assert!(
        text.contains("[ ] Email") && text.contains("[x] Name"),
        "{text}"
    );
    assert!(
        text.contains("› [x] Phone"),
        "the cursor, without colour: {text}"
    );
    insta::assert_snapshot!(screen.backend());
}

#[test]
fn column_chooser_120x40() {
    insta::assert_snapshot!(draw(&chooser_state(120, 40)).backend());
}

#[test]
fn column_chooser_keeps_the_last_column_80x24() {
    let mut s = customers_state(80, 24);
    keys(&mut s, "c j j j j j j j j ");
    let text = text_of(&draw(&s));
    assert!(text.contains("at least one column stays shown"), "{text}");
    assert_eq!(text.matches("[x]").count(), 1, "{text}");
}
