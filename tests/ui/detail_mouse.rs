//! The mouse on a detail view's lines, against the drawn screen at 80x24 and 120x40: each
//! line `j`/`k` selects (a case's line that opens something, an account's promotion, a
//! stay's wallet) is the line a click there hits; a click selects it, a click on the
//! selected one or a double click opens it through `enter`'s action; a form up, the raw
//! view or a line that opens nothing leaves the mouse without effect.

use super::case::loaded_case;
use super::common::{draw, session, state_with, text_of, theme};
use super::fixtures::*;
use guichet::app::case_lines::{case_lines, cursor_line};
use guichet::app::detail::{Detail, Load, Section, Subject};
use guichet::app::nav::View;
use guichet::app::pointer::{Hit, Pointer, PointerKind};
use guichet::app::state::{Environment, State, Tab};
use guichet::app::{Key, Msg, update};
use guichet::ui::hit::hit;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The screen rows drawn in the selection's style.
fn selected_rows(s: &State) -> Vec<u16> {
    let terminal = draw(s);
    let buffer = terminal.backend().buffer();
    let selection = theme().selection.bg;
    (3..buffer.area.height - 2)
        .filter(|&y| buffer[(5, y)].style().bg == selection)
        .collect()
}

fn detail(s: &State) -> &Detail {
    match s.view() {
        Some(View::Detail(d)) => d,
        other => panic!("not a detail: {other:?}"),
    }
}

/// A left press at `at` ms on the cell (`column`, `row`), with what the screen shows there.
fn click(s: &mut State, at: u64, column: u16, row: u16) {
    let found = hit(s, column, row);
    update(s, Msg::InputAt(at));
    update(
        s,
        Msg::Mouse(Pointer {
            kind: PointerKind::Press,
            column,
            row,
            hit: found,
        }),
    );
}

/// The screen row showing `text`.
fn row_of(s: &State, text: &str) -> u16 {
    let screen = text_of(&draw(s));
    let at = screen
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} not on screen:\n{screen}"));
    u16::try_from(at).expect("a row")
}

fn case_labels(s: &State) -> Vec<String> {
    let d = detail(s);
    let lines = case_lines(d, s.today, s.time, "r");
    lines
        .iter()
        .filter(|l| l.opens.is_some())
        .map(|l| l.label.trim().to_string())
        .collect()
}

#[test]
fn each_case_line_that_opens_something_is_the_line_a_click_there_hits() {
    for (w, h) in SIZES {
        let mut s = loaded_case(w, h);
        let labels = case_labels(&s);
        assert!(labels.len() > 6, "{labels:?}");
        for cursor in 0..labels.len() {
            assert_eq!(detail(&s).case.cursor, cursor);
            let rows = selected_rows(&s);
            assert_eq!(rows.len(), 1, "{w}x{h} cursor {cursor}");
            assert_eq!(
                hit(&s, 5, rows[0]),
                Some(Hit::Line(cursor)),
                "{w}x{h} cursor {cursor}"
            );
            assert_eq!(hit(&s, w - 2, rows[0]), Some(Hit::Line(cursor)), "across");
            // Every other row hits the line it shows, or no line.
            let screen = text_of(&draw(&s));
            for (y, text) in screen.lines().enumerate() {
                let y = u16::try_from(y).expect("a row");
                if let Some(Hit::Line(i)) = hit(&s, 5, y) {
                    assert!(
                        text.contains(&labels[i]),
                        "{w}x{h} row {y} hits line {i} ({}): {text}",
                        labels[i]
                    );
                } else {
                    assert!(
                        !rows.contains(&y),
                        "{w}x{h} the selected row {y} hits no line"
                    );
                }
            }
            // The frame and the title lines are no line.
            assert_eq!(hit(&s, 0, rows[0]), None);
            if let Some(title) = screen.lines().position(|l| l.starts_with("│Accounts (")) {
                let title = u16::try_from(title).expect("a row");
                assert_eq!(hit(&s, 5, title), None, "the Accounts title");
            }
            update(&mut s, Msg::Key(Key::char('j')));
        }
    }
}

#[test]
fn a_click_selects_a_case_line_and_a_second_click_opens_what_it_names() {
    let mut s = loaded_case(120, 40);
    let row = row_of(&s, "· #899");
    click(&mut s, 1000, 30, row);
    let d = detail(&s);
    let lines = case_lines(d, s.today, s.time, "r");
    let at = cursor_line(&lines, d.case.cursor).expect("a selected line");
    assert!(lines[at].value.contains("#899"), "{:?}", lines[at]);
    assert_eq!(selected_rows(&s), vec![row]);
    // Later than a double click: the selected line opens, as enter would.
    click(&mut s, 5000, 30, row);
    match &detail(&s).subject {
        Subject::Transfer { transfer, .. } => assert_eq!(transfer.id, 899),
        other => panic!("not the transfer: {other:?}"),
    }
}

#[test]
fn a_double_click_on_a_case_line_opens_it_and_no_more() {
    let mut s = loaded_case(80, 24);
    let row = row_of(&s, "Account ····aaaa  ACTIVE");
    click(&mut s, 1000, 10, row);
    click(&mut s, 1200, 10, row);
    let opened = detail(&s).id;
    assert!(matches!(detail(&s).subject, Subject::Account(_)));
    assert_eq!(s.nav().depth(), 3, "the account opened above the case");
    // A third press in the same burst opens nothing more.
    click(&mut s, 1300, 10, row);
    assert_eq!(detail(&s).id, opened);
    assert_eq!(s.nav().depth(), 3);
}

#[test]
fn a_click_on_a_line_that_opens_nothing_or_on_the_raw_view_does_nothing() {
    let mut s = loaded_case(120, 40);
    let before = detail(&s).clone();
    let row = row_of(&s, "External id");
    assert_eq!(hit(&s, 10, row), None);
    click(&mut s, 1000, 10, row);
    click(&mut s, 1100, 10, row);
    assert_eq!(detail(&s), &before);
    update(&mut s, Msg::Key(Key::char('v')));
    for y in 3..38 {
        assert_eq!(hit(&s, 10, y), None, "the raw view, row {y}");
    }
}

#[test]
fn while_a_form_is_up_a_click_on_the_case_does_nothing() {
    let mut s = loaded_case(120, 40);
    let row = row_of(&s, "· #899");
    // The promotion selected by a click, `c` opens its cancellation.
    let promo = row_of(&s, "WELCOME10");
    click(&mut s, 1000, 10, promo);
    update(&mut s, Msg::Key(Key::char('c')));
    assert!(s.form.is_some(), "the cancellation form");
    let cursor = detail_under_form(&s);
    click(&mut s, 5000, 10, row);
    click(&mut s, 5100, 10, row);
    assert!(s.form.is_some(), "the form stays");
    assert_eq!(detail_under_form(&s), cursor);
}

/// The case's cursor, whatever is focused above it.
fn detail_under_form(s: &State) -> usize {
    s.navs[Tab::CUSTOMERS.index()]
        .views
        .iter()
        .find_map(|v| match v {
            View::Detail(d) => Some(d.case.cursor),
            _ => None,
        })
        .expect("the case")
}

/// An account's detail showing its promotions, on the Accounts pane.
fn promotions_shown(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.tab = Tab::ACCOUNTS;
    let mut d = Detail::new(1000, Subject::Account(account(0)));
    d.section = Section::Promotions;
    d.promotions = Load::Ready(promotions());
    s.nav_mut().views.push(View::Detail(Box::new(d)));
    s
}

#[test]
fn each_promotion_is_the_line_a_click_there_hits_and_a_click_selects_it() {
    for (w, h) in SIZES {
        let mut s = promotions_shown(w, h);
        let list = promotions();
        for (i, p) in list.iter().enumerate() {
            let row = row_of(&s, &format!("{} ", p.name));
            assert_eq!(hit(&s, 5, row), Some(Hit::Line(i)), "{w}x{h} {}", p.name);
        }
        assert_eq!(hit(&s, 5, row_of(&s, "Payment method")), None);
        let last = list.len() - 1;
        let row = row_of(&s, &format!("{} ", list[last].name));
        click(&mut s, 1000, 5, row);
        assert_eq!(detail(&s).promotion_cursor, last, "{w}x{h}");
        assert_eq!(selected_rows(&s), vec![row], "{w}x{h}");
        // Enter opens nothing on a promotion: nor does a click on the selected one.
        click(&mut s, 5000, 5, row);
        assert_eq!(detail(&s).promotion_cursor, last);
        assert_eq!(s.nav().depth(), 2);
    }
}

#[test]
fn a_click_on_a_stays_wallet_opens_it_as_enter_does() {
    for (w, h) in SIZES {
        let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
        s.tab = Tab::STAYS;
        let mut d = Detail::new(1000, Subject::Stay(stay()));
        d.stay_wallet = Load::Ready(Some(wallet(1)));
        s.nav_mut().views.push(View::Detail(Box::new(d)));
        let guest = row_of(&s, "Guest");
        assert_eq!(hit(&s, 5, guest), None, "{w}x{h}: the stay's own fields");
        let title = row_of(&s, "│Wallet ");
        assert_eq!(hit(&s, 5, title), None, "{w}x{h}: the group's title");
        assert_eq!(hit(&s, 5, title + 1), Some(Hit::Line(0)), "{w}x{h}");
        click(&mut s, 1000, 5, title + 1);
        match &detail(&s).subject {
            Subject::Wallet(opened) => assert_eq!(opened.id, wallet(1).id),
            other => panic!("{w}x{h}: not the wallet: {other:?}"),
        }
    }
}
