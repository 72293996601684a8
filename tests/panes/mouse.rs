//! The mouse through `update`: what a click on a tab, a row or a breadcrumb does, the
//! wheel, double clicks judged on the arrival times, `M`, and the mouse left out while
//! something waits for an answer.

use super::update::{customer, state};
use guichet::app::nav::View;
use guichet::app::pointer::{DOUBLE_CLICK_MS, Hit, Pointer, PointerKind, Window};
use guichet::app::resources::{Customers, rows};
use guichet::app::state::{Overlay, Tab};
use guichet::app::{Effect, Key, Msg, Query, State, update};

/// A state at 120x40 with 30 customers on the Customers list.
fn listed() -> State {
    let mut s = state();
    let list = s.list_mut().expect("the customers list");
    list.rows = rows::<Customers>((0..30).map(customer).collect());
    s
}

fn pointer(kind: PointerKind, column: u16, row: u16, hit: Option<Hit>) -> Msg {
    Msg::Mouse(Pointer {
        kind,
        column,
        row,
        hit,
    })
}

/// A left press at `at` ms on the cell (10, `row`) that shows `hit`.
fn press_at(s: &mut State, at: u64, row: u16, hit: Option<Hit>) -> Vec<Effect> {
    update(s, Msg::InputAt(at));
    update(s, pointer(PointerKind::Press, 10, row, hit))
}

/// A row hit, the rows 0 to 32 on screen.
fn row(index: usize) -> Hit {
    Hit::Row(index, Window { first: 0, rows: 33 })
}

fn selected(s: &State) -> usize {
    match s.view() {
        Some(View::List(l)) => l.selected,
        other => panic!("not a list: {other:?}"),
    }
}

fn on_detail(s: &State) -> bool {
    matches!(s.view(), Some(View::Detail(_)))
}

#[test]
fn a_click_on_a_tab_focuses_its_pane_and_loads_it() {
    let mut s = listed();
    let effects = press_at(&mut s, 1000, 1, Some(Hit::Tab(2)));
    assert_eq!(s.tab, Tab::WALLETS);
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Request {
                query: Query::Page(_),
                ..
            }
        )),
        "{effects:?}"
    );
    // The pane already focused: nothing.
    assert!(press_at(&mut s, 5000, 1, Some(Hit::Tab(2))).is_empty());
    assert!(press_at(&mut s, 9000, 1, Some(Hit::Tab(9))).is_empty());
    assert_eq!(s.tab, Tab::WALLETS);
}

#[test]
fn a_click_selects_a_row_and_a_click_on_the_selected_row_opens_it() {
    let mut s = listed();
    press_at(&mut s, 1000, 8, Some(row(4)));
    assert_eq!(selected(&s), 4);
    assert!(!on_detail(&s));
    // Long after: not a double click, but the row is the selected one.
    let effects = press_at(&mut s, 5000, 8, Some(row(4)));
    assert!(on_detail(&s), "the selected row opens");
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Request {
                query: Query::Detail { .. },
                ..
            }
        )),
        "{effects:?}"
    );
    match s.view() {
        Some(View::Detail(d)) => assert_eq!(d.subject.id(), customer(4).id),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_double_click_opens_the_row_its_first_press_selected() {
    let mut s = listed();
    s.list_mut().expect("list").selected = 25;
    // The first press selects row 10; the rows move under the pointer, so the second
    // press, on the same cell, finds row 3 there.
    press_at(&mut s, 1000, 8, Some(row(10)));
    assert_eq!(selected(&s), 10);
    press_at(&mut s, 1000 + DOUBLE_CLICK_MS, 8, Some(row(3)));
    assert!(on_detail(&s), "a double click opens");
    match s.view() {
        Some(View::Detail(d)) => assert_eq!(d.subject.id(), customer(10).id),
        other => panic!("{other:?}"),
    }
}

#[test]
fn two_presses_too_far_apart_or_on_two_cells_are_two_clicks() {
    let mut s = listed();
    s.list_mut().expect("list").selected = 25;
    press_at(&mut s, 1000, 8, Some(row(10)));
    press_at(&mut s, 1001 + DOUBLE_CLICK_MS, 8, Some(row(3)));
    assert!(!on_detail(&s));
    assert_eq!(selected(&s), 3, "a second click, on row 3");
    update(&mut s, Msg::InputAt(3000));
    update(&mut s, pointer(PointerKind::Press, 10, 9, Some(row(4))));
    update(&mut s, Msg::InputAt(3100));
    update(&mut s, pointer(PointerKind::Press, 11, 9, Some(row(5))));
    assert!(!on_detail(&s), "another cell: another click");
    assert_eq!(selected(&s), 5);
}

#[test]
fn a_double_click_on_the_selected_row_opens_it_once() {
    let mut s = listed();
    press_at(&mut s, 1000, 4, Some(row(0)));
    assert!(on_detail(&s));
    let depth = s.nav().depth();
    // The second press lands on the detail now shown: nothing more opens.
    assert!(press_at(&mut s, 1100, 4, Some(row(0))).is_empty());
    assert_eq!(s.nav().depth(), depth);
}

#[test]
fn a_click_on_a_breadcrumb_goes_back_to_its_view() {
    let mut s = listed();
    press_at(&mut s, 1000, 5, Some(row(1)));
    press_at(&mut s, 2000, 5, Some(row(1)));
    assert!(on_detail(&s));
    // The customer's accounts, drilled down from her case.
    update(&mut s, Msg::Key(Key::char('a')));
    assert_eq!(s.nav().depth(), 3, "list › customer › accounts");
    // The crumb of the view already focused does nothing.
    assert!(press_at(&mut s, 3000, 2, Some(Hit::Crumb(2))).is_empty());
    assert_eq!(s.nav().depth(), 3);
    let effects = press_at(&mut s, 4000, 2, Some(Hit::Crumb(0)));
    assert_eq!(s.nav().depth(), 1);
    assert_eq!(selected(&s), 1, "the list as it was left");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Cancel(_))),
        "what the closed views waited on is cancelled: {effects:?}"
    );
}

#[test]
fn the_wheel_moves_the_list_three_rows_and_stops_at_its_ends() {
    let mut s = listed();
    update(&mut s, pointer(PointerKind::WheelDown, 10, 10, None));
    assert_eq!(selected(&s), 3);
    update(&mut s, pointer(PointerKind::WheelUp, 10, 10, None));
    update(&mut s, pointer(PointerKind::WheelUp, 10, 10, None));
    assert_eq!(selected(&s), 0);
    for _ in 0..20 {
        update(&mut s, pointer(PointerKind::WheelDown, 10, 10, None));
    }
    assert_eq!(selected(&s), 29);
}

#[test]
fn the_wheel_scrolls_the_help_within_its_length_and_a_click_leaves_it_open() {
    let mut s = listed();
    update(&mut s, Msg::Key(Key::char('?')));
    let help = Some(Hit::Help { max_scroll: 7 });
    update(&mut s, pointer(PointerKind::WheelDown, 10, 10, help));
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 3 }));
    for _ in 0..5 {
        update(&mut s, pointer(PointerKind::WheelDown, 10, 10, help));
    }
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 7 }));
    update(&mut s, pointer(PointerKind::WheelUp, 10, 10, help));
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 4 }));
    press_at(&mut s, 1000, 1, help);
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 4 }));
    assert_eq!(selected(&s), 0, "nothing under the help moved");
}

#[test]
fn the_wheel_scrolls_a_detail() {
    let mut s = listed();
    press_at(&mut s, 1000, 4, Some(row(0)));
    assert!(on_detail(&s));
    // A short screen, so that the detail is longer than its body.
    update(&mut s, guichet::ui::resized(100, 16));
    let cursor = |s: &State| match s.view() {
        Some(View::Detail(d)) => (d.scroll, d.case.cursor),
        other => panic!("{other:?}"),
    };
    let before = cursor(&s);
    update(&mut s, pointer(PointerKind::WheelDown, 10, 10, None));
    assert_ne!(cursor(&s), before, "the wheel moves in the detail");
    update(&mut s, pointer(PointerKind::WheelUp, 10, 10, None));
    assert_eq!(cursor(&s), before);
}

#[test]
fn nothing_happens_by_mouse_while_the_unsettled_notice_is_up() {
    use chrono::TimeZone;
    use guichet::app::unsettled::{UnsettledNotice, UnsettledWrite};
    let mut s = listed();
    s.unsettled = UnsettledNotice::new(vec![UnsettledWrite {
        write: "w-1".into(),
        time: chrono::Utc
            .with_ymd_and_hms(2026, 11, 20, 23, 50, 12)
            .single()
            .expect("a time"),
        provider: guichet::domain::Provider::Pxlhub,
        action: "wallet.open".into(),
        targets: vec!["stay-1".into()],
        key: None,
        request: "POST /wallets".into(),
        digest: None,
    }]);
    assert!(s.unsettled.is_some());
    assert!(press_at(&mut s, 1000, 1, Some(Hit::Tab(2))).is_empty());
    assert!(press_at(&mut s, 2000, 5, Some(row(1))).is_empty());
    assert!(press_at(&mut s, 2100, 5, Some(row(1))).is_empty());
    update(&mut s, pointer(PointerKind::WheelDown, 10, 10, None));
    assert_eq!((s.tab, selected(&s)), (Tab::CUSTOMERS, 0));
    assert!(
        s.unsettled.is_some(),
        "the notice is neither settled nor dismissed"
    );
}

#[test]
fn nothing_happens_by_mouse_while_a_prompt_is_up() {
    let mut s = listed();
    update(&mut s, Msg::Key(Key::char(':')));
    assert!(s.prompt.is_some());
    assert!(press_at(&mut s, 1000, 1, Some(Hit::Tab(2))).is_empty());
    press_at(&mut s, 2000, 5, Some(row(1)));
    update(&mut s, pointer(PointerKind::WheelDown, 10, 10, None));
    assert_eq!((s.tab, selected(&s)), (Tab::CUSTOMERS, 0));
    assert!(s.prompt.is_some(), "the prompt is still up");
    assert_eq!(
        s.prompt.as_ref().map(|p| p.input.value().to_string()),
        Some(String::new()),
        "nothing typed into it"
    );
}

#[test]
fn m_turns_the_capture_off_and_on_and_the_mouse_is_ignored_while_off() {
    let mut s = listed();
    assert!(s.mouse.capture);
    let effects = update(&mut s, Msg::Key(Key::char('M')));
    assert!(
        effects.contains(&Effect::MouseCapture(false)),
        "{effects:?}"
    );
    assert!(!s.mouse.capture);
    assert!(
        s.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("mouse off")),
        "{:?}",
        s.toast
    );
    press_at(&mut s, 1000, 1, Some(Hit::Tab(2)));
    assert_eq!(s.tab, Tab::CUSTOMERS);
    let effects = update(&mut s, Msg::Key(Key::char('M')));
    assert!(effects.contains(&Effect::MouseCapture(true)), "{effects:?}");
    press_at(&mut s, 2000, 1, Some(Hit::Tab(2)));
    assert_eq!(s.tab, Tab::WALLETS);
}

#[test]
fn m_is_typed_into_the_filter_line_not_taken_as_the_mouse_key() {
    let mut s = listed();
    update(&mut s, Msg::Key(Key::char('/')));
    let effects = update(&mut s, Msg::Key(Key::char('M')));
    assert!(!effects.contains(&Effect::MouseCapture(false)));
    assert!(s.mouse.capture);
    match s.view() {
        Some(View::List(l)) => assert_eq!(l.filter.value(), "M"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_clicked_list_keeps_its_rows_and_follows_the_keys_from_there() {
    let mut s = listed();
    s.list_mut().expect("list").selected = 25;
    let window = Window {
        first: 16,
        rows: 10,
    };
    press_at(&mut s, 1000, 6, Some(Hit::Row(18, window)));
    assert_eq!(selected(&s), 18);
    let first = |s: &State| s.mouse.anchor.map(|a| a.window.first);
    assert_eq!(first(&s), Some(16), "the rows stay where they were");
    for _ in 0..3 {
        update(&mut s, Msg::Key(Key::char('k')));
    }
    assert_eq!(
        (selected(&s), first(&s)),
        (15, Some(15)),
        "one row up past the top"
    );
    for _ in 0..11 {
        update(&mut s, Msg::Key(Key::char('j')));
    }
    assert_eq!(
        (selected(&s), first(&s)),
        (26, Some(17)),
        "the bottom follows down"
    );
    update(&mut s, pointer(PointerKind::WheelDown, 10, 10, None));
    assert_eq!((selected(&s), first(&s)), (29, Some(20)));
    update(&mut s, guichet::ui::resized(100, 30));
    assert_eq!(s.mouse.anchor, None, "another size lays the list out anew");
}

/// A detail's line is only ever a detail's: on a list, or past the lines a case has, it
/// selects and opens nothing.
#[test]
fn a_line_hit_where_no_such_line_is_does_nothing() {
    let mut s = listed();
    let effects = press_at(&mut s, 1000, 9, Some(Hit::Line(3)));
    assert!(effects.is_empty(), "{effects:?}");
    press_at(&mut s, 1100, 9, Some(Hit::Line(3)));
    assert_eq!(selected(&s), 0);
    assert!(!on_detail(&s));
    update(&mut s, Msg::Key(Key::plain(guichet::app::KeyCode::Enter)));
    assert!(on_detail(&s), "a customer's case");
    let depth = s.nav().depth();
    // Her sections not answered yet: no line opens anything.
    press_at(&mut s, 5000, 9, Some(Hit::Line(0)));
    press_at(&mut s, 5100, 9, Some(Hit::Line(0)));
    assert_eq!(s.nav().depth(), depth);
    match s.view() {
        Some(View::Detail(d)) => assert_eq!(d.case.cursor, 0),
        other => panic!("not the case: {other:?}"),
    }
}
