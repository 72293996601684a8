//! The shell in a real terminal: first frame, tabs, help, resize, too small, and the
//! terminal settings restored after quit, SIGTERM and SIGHUP.

use super::harness::Pty;

fn started(cols: u16, rows: u16) -> Pty {
    let pty = Pty::spawn(&[], cols, rows, &[]);
    pty.wait_text("1 Customers");
    pty
}

#[test]
fn quits_with_q_and_restores_the_terminal() {
    let mut pty = Pty::spawn(&[], 80, 24, &[]);
    let before = pty.initial_stty.clone();
    pty.wait_text("1 Customers");
    pty.wait_for("the alternate screen", |s| s.alternate_screen());
    assert_ne!(pty.stty(), before, "raw mode while running");
    pty.send_str("q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(pty.stty(), before);
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut pty = Pty::spawn(&[], 80, 24, &[]);
    let before = pty.initial_stty.clone();
    pty.wait_text("1 Customers");
    pty.signal("TERM");
    pty.wait_exit();
    assert_eq!(pty.stty(), before);
    pty.wait_for("the main screen back", |s| !s.alternate_screen());
}

#[test]
fn sighup_restores_the_terminal() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    let before = pty.initial_stty.clone();
    pty.wait_text("1 Customers");
    pty.signal("HUP");
    pty.wait_exit();
    assert_eq!(pty.stty(), before);
}

#[test]
fn tabs_and_help_at_80x24() {
    let mut pty = started(80, 24);
    pty.send_str("3");
    pty.wait_text("┌ Wallets");
    pty.send_str("?");
    pty.wait_text("Keys — esc to close");
    pty.send(b"\x1b");
    pty.wait_for("help closed", |s| !s.contents().contains("Keys — esc"));
    pty.send_str("\t");
    pty.wait_text("┌ Transfers");
}

#[test]
fn resize_redraws_cleanly_and_too_small_says_so() {
    let mut pty = started(80, 24);
    pty.resize(120, 40);
    pty.wait_for("a 120-column frame", |s| {
        s.contents()
            .lines()
            .next()
            .is_some_and(|l| l.contains("MasCustomers"))
    });
    pty.resize(50, 12);
    pty.wait_text("Terminal too small");
    pty.resize(80, 24);
    pty.wait_for("the shell again", |s| {
        let text = s.contents();
        text.contains("1 Customers") && !text.contains("too small")
    });
    pty.send_str("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn logs_go_to_the_state_dir_and_the_cursor_stays_hidden() {
    let mut pty = started(80, 24);
    pty.wait_for("a hidden cursor", |s| s.hide_cursor());
    pty.send_str("q");
    assert_eq!(pty.wait_exit(), 0);
    let log = std::fs::read_to_string(pty.state_dir.path().join("guichet.log"))
        .expect("log file written");
    assert!(log.contains("console stopped"), "{log}");
    assert!(!log.contains('\u{1b}'), "no escape sequences in the log");
}

#[test]
fn a_one_row_move_writes_little() {
    use super::harness::selected_row;
    let mut pty = started(120, 40);
    pty.wait_text("rows 1–50 of");
    pty.wait_for("the first row selected", |s| selected_row(s) == Some(4));
    let before = pty.bytes();
    for i in 1..=10u16 {
        pty.send_str("j");
        pty.wait_for("the selection one row down", |s| {
            selected_row(s) == Some(4 + i)
        });
    }
    let per_move = (pty.bytes() - before) / 10;
    // Two rows restyled; 600 bytes per move is the budget for an SSH link.
    assert!(per_move <= 600, "a one-row move wrote {per_move} bytes");
}
