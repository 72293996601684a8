//! Wide tables in a real terminal over the embedded sandbox: a column hidden and one moved
//! with the chooser are the table's columns again in the next session on the same state
//! folder, and at 80 columns scrolling right brings the Transfers' IBAN column, masked,
//! without moving the selection.

use super::harness::{Pty, row_text, selected_row};

/// The table's header line (the first line inside the body's frame).
const HEADER: u16 = 3;

fn header_has(pty: &Pty, what: &str, cond: impl Fn(&str) -> bool) {
    pty.wait_for(what, move |s| cond(&row_text(s, HEADER)));
}

#[test]
fn a_column_choice_is_kept_across_sessions_and_scrolling_shows_the_iban() {
    let state = tempfile::tempdir().expect("a state folder");
    let dir = state.path().to_str().expect("a utf-8 path").to_string();
    let env = [("GUICHET_STATE_DIR", dir.as_str())];
    {
        let mut pty = Pty::spawn(&[], 80, 24, &env);
        pty.wait_text("rows 1–");
        header_has(&pty, "the default columns", |h| {
            h.contains("Email") && !h.contains("Phone")
        });
        pty.send_str("c");
        pty.wait_text("Columns of Customers");
        // Hide Email (the fourth) and Accounts (the second), so that Phone fits at 80
        // columns, then move Phone (the eighth) up to the fourth place.
        pty.send_str("jjj ");
        pty.wait_text("[ ] Email");
        pty.send_str("kk ");
        pty.wait_text("[ ] Accounts");
        pty.send_str("jjjjjjKKKK");
        pty.wait_for("Phone moved above Email", |s| {
            let text = s.contents();
            matches!(
                (text.find("[x] Phone"), text.find("[ ] Email")),
                (Some(p), Some(e)) if p < e
            )
        });
        pty.send_str("\r");
        header_has(&pty, "the chosen columns", |h| {
            h.contains("Phone") && !h.contains("Email")
        });
        let file = state.path().join("columns.json");
        pty.wait_for("the choice on disk", |_| {
            std::fs::read_to_string(&file).is_ok_and(|t| t.contains("\"phone\""))
        });
        pty.send(b"\x03");
        assert_eq!(pty.wait_exit(), 0);
    }
    let mut pty = Pty::spawn(&[], 80, 24, &env);
    pty.wait_text("rows 1–");
    header_has(&pty, "the saved choice, in its order", |h| {
        matches!(
            (h.find("External id"), h.find("Phone"), h.find("Created")),
            (Some(x), Some(p), Some(c)) if x < p && p < c
        ) && !h.contains("Email")
    });
    // Transfers at 80 columns: the IBAN is left out until scrolled to.
    pty.send_str("4");
    pty.wait_for("the transfers", |s| {
        row_text(s, HEADER).contains("Bank account") && row_text(s, 4).contains("EUR")
    });
    let header = pty
        .contents()
        .lines()
        .nth(usize::from(HEADER))
        .unwrap_or("")
        .to_string();
    assert!(!header.contains("IBAN"), "{header}");
    pty.send_str("jj");
    pty.wait_for("the third row selected", |s| selected_row(s) == Some(6));
    pty.send_str("l");
    header_has(&pty, "the IBAN column", |h| {
        h.contains("IBAN") && h.trim_start_matches('│').trim_start().starts_with("Id")
    });
    pty.wait_for("masked IBANs, the selection where it was", |s| {
        row_text(s, 4).contains("••••") && selected_row(s) == Some(6)
    });
    pty.send(b"\x03");
    assert_eq!(pty.wait_exit(), 0);
}
