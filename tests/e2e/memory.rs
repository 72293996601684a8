//! The console's memory in a real terminal over the embedded sandbox: back and forward
//! through places on three panes, and the recent items and pins found again by a second
//! session on the same state folder.

use super::harness::Pty;
use guichet::sandbox::demo::fixtures;

/// Whether the body's top border (row 2) names `title`.
fn border_says(pty: &Pty, what: &str, title: &str) {
    let title = title.to_string();
    pty.wait_for(what, move |s| {
        super::harness::row_text(s, 2).starts_with(&format!("┌ {title}"))
    });
}

#[test]
fn back_and_forward_through_three_places_on_three_panes() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("rows 1–");
    let fx = fixtures(42);
    // 1: a customer, on the Customers pane.
    pty.send_str(&format!(":{}\r", fx.external_id));
    pty.wait_text("External id       C-000001");
    // 2: the Wallets pane's list.
    pty.send_str("3");
    border_says(&pty, "the Wallets list", "Wallets ");
    // 3: an account, opened by go-to on the Accounts pane.
    pty.send_str(&format!(":{}\r", fx.direct_debit_account_id));
    let id = &fx.direct_debit_account_id;
    let account = format!("Account ····{} (ACTIVE)", &id[id.len() - 4..]);
    pty.wait_text(&account);
    // Back twice: the Wallets list, then the customer.
    pty.send_str("H");
    border_says(&pty, "back on the Wallets list", "Wallets ");
    pty.send_str("H");
    pty.wait_text("External id       C-000001");
    // Forward twice: the Wallets list, then the account again.
    pty.send_str("L");
    border_says(&pty, "forward on the Wallets list", "Wallets ");
    pty.send_str("L");
    pty.wait_text(&account);
    // `0`: the Accounts pane's own list at once.
    pty.send_str("0");
    border_says(&pty, "the Accounts list", "Accounts ");
    pty.send(b"\x03");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn recent_items_and_pins_are_there_in_the_next_session() {
    let state = tempfile::tempdir().expect("a state folder");
    let dir = state.path().to_str().expect("a utf-8 path").to_string();
    let env = [("GUICHET_STATE_DIR", dir.as_str())];
    let fx = fixtures(42);
    let id = &fx.direct_debit_account_id;
    let account = format!("Account ····{} (ACTIVE)", &id[id.len() - 4..]);
    {
        let mut pty = Pty::spawn(&[], 100, 30, &env);
        pty.wait_text("rows 1–");
        pty.send_str(&format!(":{}\r", fx.external_id));
        pty.wait_text("External id       C-000001");
        pty.send_str("P");
        pty.wait_text("pinned Customer Élodie Martin");
        pty.send_str(&format!(":{}\r", fx.direct_debit_account_id));
        pty.wait_text(&account);
        let recent = state.path().join("recent.json");
        pty.wait_for("the account among the recent items on disk", |_| {
            std::fs::read_to_string(&recent).is_ok_and(|t| t.contains(id.as_str()))
        });
        pty.send(b"\x03");
        assert_eq!(pty.wait_exit(), 0);
    }
    assert!(state.path().join("pins.json").exists());
    let mut pty = Pty::spawn(&[], 100, 30, &env);
    pty.wait_text("rows 1–");
    pty.send_str("'");
    pty.wait_text("Pins (1)");
    pty.wait_text("Recent (2)");
    // Type to filter, then open the customer from the pins.
    pty.send_str("martin");
    pty.wait_for("only the customer, twice", |s| {
        !s.contents().contains(&account) && s.contents().contains("filter: martin")
    });
    pty.send_str("\r");
    pty.wait_text("External id       C-000001");
    pty.send(b"\x03");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_broken_pins_file_is_said_once_and_the_console_starts() {
    let state = tempfile::tempdir().expect("a state folder");
    std::fs::write(
        state.path().join("pins.json"),
        "{\"version\": 1, \"items\": [",
    )
    .expect("write");
    let dir = state.path().to_str().expect("a utf-8 path").to_string();
    let mut pty = Pty::spawn(&[], 120, 40, &[("GUICHET_STATE_DIR", dir.as_str())]);
    pty.wait_text("pins in pins.json are unreadable");
    pty.wait_text("rows 1–");
    pty.send_str("'");
    pty.wait_text("Pins (0)");
    pty.send(b"\x03");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_detail_opened_by_go_to_and_quit_at_once_is_among_the_recent_items_next_time() {
    let state = tempfile::tempdir().expect("a state folder");
    let dir = state.path().to_str().expect("a utf-8 path").to_string();
    let env = [("GUICHET_STATE_DIR", dir.as_str())];
    let fx = fixtures(42);
    let id = &fx.direct_debit_account_id;
    let account = format!("Account ····{} (ACTIVE)", &id[id.len() - 4..]);
    {
        let mut pty = Pty::spawn(&[], 100, 30, &env);
        pty.wait_text("rows 1–");
        pty.send_str(&format!(":{id}\r"));
        pty.wait_text(&account);
        // Quit the moment it is on screen: nothing waits for the file here.
        pty.send(b"\x03");
        assert_eq!(pty.wait_exit(), 0);
    }
    let recent = std::fs::read_to_string(state.path().join("recent.json")).expect("recent.json");
    assert!(recent.contains(id.as_str()), "{recent}");
    let mut pty = Pty::spawn(&[], 100, 30, &env);
    pty.wait_text("rows 1–");
    pty.send_str("'");
    pty.wait_text("Recent (1)");
    pty.send(b"\x03");
    assert_eq!(pty.wait_exit(), 0);
}
