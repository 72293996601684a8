//! The export dialog and the export line at 80x24 and 120x40.

use super::common::{draw, loaded, session, state_with, text_of};
use super::fixtures::*;
use guichet::app::export_io::ExportNote;
use guichet::app::resources::{Accounts, Customers, rows};
use guichet::app::state::{Environment, Tab};
use guichet::app::{Key, KeyCode, Msg, State, update};
use guichet::domain::Page;

fn customers_state(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.tab = Tab::CUSTOMERS;
    loaded(&mut s, |p| {
        p.rows = rows::<Customers>(customers(6));
        p.shown = Some(super::panes::page_meta(Page::with_total(
            customers(6),
            0,
            50,
            2134,
        )));
    });
    s
}

fn with_dialog(w: u16, h: u16) -> State {
    let mut s = customers_state(w, h);
    update(&mut s, Msg::Key(Key::char(' ')));
    update(&mut s, Msg::Key(Key::char('x')));
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T23:45:12Z")
        .expect("time")
        .to_utc();
    update(&mut s, Msg::Export(ExportNote::Now(now)));
    s
}

#[test]
fn the_dialog_80x24_and_120x40() {
    let s = with_dialog(80, 24);
    let text = text_of(&draw(&s));
    assert!(text.contains("customers-20261201-234512.csv"), "{text}");
    assert!(text.contains("marked rows (1)"), "{text}");
    insta::assert_snapshot!("export_dialog_80x24", draw(&s).backend());
    insta::assert_snapshot!(
        "export_dialog_120x40",
        draw(&with_dialog(120, 40)).backend()
    );
}

#[test]
fn the_progress_line_120x40_and_80x24() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut s = with_dialog(w, h);
        // The whole list, then enter: the job starts.
        update(&mut s, Msg::Key(Key::char(' ')));
        update(&mut s, Msg::Key(Key::plain(KeyCode::Enter)));
        update(
            &mut s,
            Msg::Export(ExportNote::Written {
                job: 1,
                rows: 600,
                elapsed_ms: 200,
            }),
        );
        let text = text_of(&draw(&s));
        assert!(
            text.contains("600 / 2,134 rows · 3,000 rows/s · 1 s left · esc cancels"),
            "{text}"
        );
        insta::assert_snapshot!(format!("export_progress_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn the_in_clear_confirmation_asks_a_reason_and_offers_its_key_only_after_the_guard_80x24() {
    let mut s = state_with(session(Environment::Sandbox, false, true), 80, 24);
    s.tab = Tab::ACCOUNTS;
    s.reveal_requires_reason = true;
    loaded(&mut s, |p| {
        p.rows = rows::<Accounts>((0..5).map(account).collect());
        p.shown = Some(super::panes::page_meta(Page::with_total(
            (0..5).map(account).collect(),
            0,
            50,
            5,
        )));
    });
    update(&mut s, Msg::Key(Key::char('x')));
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T23:45:12Z")
        .expect("time")
        .to_utc();
    update(&mut s, Msg::Export(ExportNote::Now(now)));
    // Format, then masking: turned to "in clear"; enter asks to confirm.
    for code in [KeyCode::Down, KeyCode::Down, KeyCode::Right, KeyCode::Enter] {
        update(&mut s, Msg::Key(Key::plain(code)));
    }
    let text = text_of(&draw(&s));
    assert!(text.contains("confirm keys open in a moment"), "{text}");
    assert!(!text.contains("export in clear"), "{text}");
    update(&mut s, Msg::Drawn { at: 1_000 });
    update(&mut s, Msg::ConfirmReady { shown: 1_000 });
    update(&mut s, Msg::InputAt(1_400));
    for c in "audit".chars() {
        update(&mut s, Msg::Key(Key::char(c)));
    }
    let text = text_of(&draw(&s));
    assert!(text.contains("reason audit"), "{text}");
    assert!(text.contains("enter export in clear"), "{text}");
    insta::assert_snapshot!("export_in_clear_reason_80x24", draw(&s).backend());
}
