//! Wide tables on screen: Customers and Transfers scrolled right (Segment and Phone, the
//! masked IBAN), the footer's count of the columns off screen, a terminal where everything
//! fits, where the scroll keys stop against what the table draws (before and after a
//! resize), and the column chooser, at 80x24 and 120x40.

use super::common::{draw, loaded, session, state_with, text_of};
use super::fixtures::*;
use super::panes::page_meta;
use guichet::app::nav::View;
use guichet::app::resources::{Accounts, Customers, Owner, Stays, Transfers, Wallets, rows};
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

/// Every resource's list at `w` x `h`, filled with a few rows.
fn every_list(w: u16, h: u16) -> Vec<State> {
    let filled = |tab: Tab, fill: fn(&mut guichet::app::list::ListPane)| {
        let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
        s.tab = tab;
        loaded(&mut s, fill);
        s
    };
    vec![
        customers_state(w, h),
        filled(Tab::ACCOUNTS, |p| {
            p.rows = rows::<Accounts>((0..3).map(account).collect())
        }),
        filled(Tab::WALLETS, |p| {
            p.rows = rows::<Wallets>((0..3).map(wallet).collect())
        }),
        transfers_state(w, h),
        filled(Tab::STAYS, |p| p.rows = rows::<Stays>(vec![stay()])),
    ]
}

fn offset(s: &State) -> usize {
    match s.view() {
        Some(View::List(l)) => l.column_offset,
        _ => panic!("a list is focused"),
    }
}

/// The footer's right end as drawn: `◀ 2 · 3 ▶`, or nothing when all columns are on screen.
fn off_screen_label(text: &str, h: u16) -> String {
    let footer = text.lines().nth(usize::from(h) - 3).unwrap_or_default();
    let footer = footer.trim_matches(|c: char| c == '│' || c.is_whitespace());
    match footer.find(['◀', '▶']) {
        Some(at) => {
            let from = footer[..at].rfind("  ").map_or(at, |p| p + 2);
            footer[from..].trim().to_string()
        }
        None => String::new(),
    }
}

/// The table's header as drawn, without the frame.
fn header(text: &str) -> String {
    let line = text.lines().nth(3).unwrap_or_default();
    line.trim_matches(|c: char| c == '│' || c.is_whitespace())
        .to_string()
}

/// The columns scrolled past, as the footer draws them (`◀ 2`).
fn drawn_offset(label: &str) -> usize {
    label
        .strip_prefix("◀ ")
        .and_then(|rest| rest.split(' ').next())
        .map_or(0, |n| n.parse().expect("a count"))
}

/// Presses `l` until the app says there is nothing further, checking each step against the
/// screen: every offset the app takes is the one the table draws (the footer counts as many
/// columns scrolled past), and where the app stops the table shows the list's last column
/// and none is left to the right. Returns the offset where it stopped.
fn scroll_to_the_end(s: &mut State, h: u16) -> usize {
    let resource = match s.view() {
        Some(View::List(l)) => l.resource,
        _ => panic!("a list is focused"),
    };
    let shown = s.columns.shown(resource);
    let last_title = resource.columns()[*shown.last().expect("a column")].title;
    loop {
        // Where the table is drawn now (after a resize, the app's offset may lie past it).
        let before = drawn_offset(&off_screen_label(&text_of(&draw(s)), h));
        s.toast = None;
        keys(s, "l");
        let text = text_of(&draw(s));
        let label = off_screen_label(&text, h);
        if offset(s) == before {
            let toast = s.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
            assert!(
                toast == "already at the last column"
                    || toast == "every column is in view at this width",
                "{toast}"
            );
            assert!(
                !label.contains('▶'),
                "{} stopped early: {label}",
                resource.name()
            );
            assert!(
                header(&text).ends_with(last_title),
                "{}: the last column on screen: {text}",
                resource.name()
            );
            let scrolled = if before == 0 {
                String::new()
            } else {
                format!("◀ {before}")
            };
            assert_eq!(label, scrolled, "{}", resource.name());
            return before;
        }
        assert_eq!(offset(s), before + 1, "one column a press");
        assert_eq!(
            drawn_offset(&label),
            offset(s),
            "{}: the app's offset is not the one drawn: {label}",
            resource.name()
        );
    }
}

#[test]
fn scrolling_stops_exactly_where_the_table_shows_the_last_column() {
    for (w, h) in [(80, 24), (120, 40)] {
        let ends: Vec<usize> = every_list(w, h)
            .iter_mut()
            .map(|s| scroll_to_the_end(s, h))
            .collect();
        assert!(
            ends.iter().any(|&e| e > 0),
            "at {w}x{h} some list scrolls: {ends:?}"
        );
    }
    // Customers at 80 columns: `l` three times brings Segment and Phone, more the Id.
    assert!(scroll_to_the_end(&mut customers_state(80, 24), 24) > 3);
}

#[test]
fn a_resize_moves_where_scrolling_stops() {
    let mut s = customers_state(80, 24);
    let narrow = scroll_to_the_end(&mut s, 24);
    update(&mut s, guichet::ui::resized(120, 40));
    // Wider, the end is nearer: the next `l` says so and the table is at the new end.
    let wide = scroll_to_the_end(&mut s, 40);
    assert!(wide < narrow, "{wide} < {narrow}");
    assert_eq!(
        offset(&s),
        wide,
        "the key brought the offset back to the end"
    );
    // Narrower again, the columns left out are reached once more, to the same end.
    update(&mut s, guichet::ui::resized(80, 24));
    assert_eq!(scroll_to_the_end(&mut s, 24), narrow);
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
