//! Under pressure in a real terminal: a burst far larger than one read is handled at once,
//! with no further key; a terminal that goes away (during a session, during a slow write)
//! is an ordinary exit with status 129, logged, with the write finished and journaled.

use super::harness::{Pty, demo_base_url, row_text, selected_row};
use guichet::audit::{self, AuditOutcome};
use guichet::sandbox::demo::fixtures;

fn log_of(pty: &Pty) -> String {
    std::fs::read_to_string(pty.state_dir.path().join("guichet.log")).expect("log file")
}

/// `n` bytes of filter text whose last keys go back to the line's start (ctrl-a) and type a
/// marker there: the line shows the marker only once every byte before it was handled,
/// since keys are handled in order.
fn burst(n: usize, marker: &str) -> Vec<u8> {
    let mut bytes = vec![b'x'; n - marker.len() - 1];
    bytes.push(0x01);
    bytes.extend_from_slice(marker.as_bytes());
    bytes
}

#[test]
fn a_64_kib_burst_reaches_the_filter_line_with_no_further_key() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_text("rows 1–");
    pty.send_str("/");
    pty.wait_text("filter");
    pty.send(&burst(64 * 1024, "ZQEND"));
    pty.wait_text("/ ZQENDxxxx");
}

#[test]
fn esc_and_a_key_in_one_read_are_esc_then_the_key() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_text("rows 1–");
    pty.send_str("/");
    pty.wait_text("enter apply");
    // The row below the selection: where j must take it.
    let next = std::cell::RefCell::new(String::new());
    pty.wait_for("a selected row", |s| {
        let row = selected_row(s).map(|r| row_text(s, r + 1));
        *next.borrow_mut() = row.clone().unwrap_or_default();
        row.is_some()
    });
    let next = next.into_inner();
    // As over a slow link: Esc (close the filter line) and j (move down) in one read.
    pty.send(b"\x1bj");
    pty.wait_for("the filter closed and the selection one row down", |s| {
        !s.contents().contains("enter apply")
            && selected_row(s).is_some_and(|r| row_text(s, r) == next)
    });
}

#[test]
fn a_1_mib_burst_neither_hangs_nor_panics() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_text("rows 1–");
    pty.send_str("/");
    pty.wait_text("filter");
    // The write returns once the console has read it all: nothing stays in the tty.
    pty.send(&burst(1024 * 1024, "ZQEND"));
    pty.wait_text("/ xxxx");
    // Still answering keys: esc clears the filter, q quits cleanly.
    pty.send(b"\x1b");
    pty.wait_for("the filter closed", |s| !s.contents().contains("/ xxxx"));
    pty.send_str("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_terminal_closed_during_a_session_is_an_ordinary_exit() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_text("rows 1–");
    pty.hang_up();
    assert_eq!(pty.wait_exit(), 129);
    let log = log_of(&pty);
    assert!(log.contains("console stopped: terminal hung up"), "{log}");
    assert!(!log.contains("panicked"), "{log}");
}

#[test]
fn a_terminal_closed_during_a_slow_write_finishes_and_journals_it() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("rows 1–");
    let base = demo_base_url(&pty);
    let fx = fixtures(42);
    pty.send_str(&format!(":{}\r", fx.stay_without_wallet_id));
    pty.wait_text("Guest");
    pty.send_str("o");
    pty.wait_text("Correlation id");
    pty.send_str("\r");
    pty.wait_text("Confirm: Open a wallet");
    // The confirm key is offered once the confirmation has been on screen a moment.
    pty.wait_text("enter confirm");
    // pxlhub now answers after 3 s: the write is under way when the terminal goes.
    let set = std::process::Command::new("curl")
        .args(["-sf", "-X", "PUT", "-H", "content-type: application/json"])
        .args(["-d", r#"{"pxlhub": {"latency_ms": 3000}}"#])
        .arg(format!("{base}/_sandbox/faults"))
        .status()
        .expect("curl");
    assert!(set.success());
    pty.send_str("y");
    let dir = pty.state_dir.path().to_path_buf();
    let deadline = std::time::Instant::now() + super::harness::DEADLINE;
    while audit::read_last(&dir, 1).expect("journal").is_empty() {
        assert!(std::time::Instant::now() < deadline, "no intent journaled");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(
        audit::intents_without_outcome(&dir).expect("journal").len(),
        1,
        "the write is under way"
    );
    pty.hang_up();
    let status = pty.wait_exit();
    assert_eq!(status, 129, "exit status; the log:\n{}", log_of(&pty));
    let entries = audit::read_last(&dir, 10).expect("journal");
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(
        (entries[0].action.as_str(), &entries[0].outcome),
        ("wallet.open", &AuditOutcome::Ok)
    );
    assert_eq!(
        audit::verify(&dir).expect("verify"),
        audit::Verdict::Ok { lines: 2 }
    );
    let log = log_of(&pty);
    assert!(log.contains("console stopped: terminal hung up"), "{log}");
}

#[test]
fn keys_typed_ahead_in_one_burst_never_confirm_a_write_and_a_fresh_key_does() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("rows 1–");
    let _ = rustls::crypto::ring::default_provider().install_default();
    let clients = guichet::api::Clients::new(&guichet::runtime::setup::demo_settings(
        &demo_base_url(&pty),
    ))
    .expect("clients");
    let pxl = clients.pxlhub().expect("pxlhub");
    let wallet = |stay: &str| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(pxl.stay_wallet(stay))
            .expect("sandbox answers")
    };
    let stay = fixtures(42).stay_without_wallet_id;
    pty.send_str(&format!(":{stay}\r"));
    pty.wait_text("Guest");
    pty.send_str("o");
    pty.wait_text("Correlation id");
    // Submit, then the confirm keys, in one write: all typed before the confirmation was up.
    pty.send(b"\r\ry\r");
    pty.wait_text("keys typed before this was shown were ignored");
    pty.wait_text("enter confirm");
    assert!(wallet(&stay).is_none(), "no wallet was opened");
    assert!(
        audit::read_last(pty.state_dir.path(), 10)
            .expect("journal")
            .is_empty(),
        "nothing was journaled: nothing was sent"
    );
    assert!(pty.contents().contains("Confirm: Open a wallet"));
    // A key typed once the confirmation has been on screen confirms it.
    pty.send_str("y");
    pty.wait_text(" opened");
    pty.wait_for("the write's outcome journaled", |_| {
        audit::read_last(pty.state_dir.path(), 1)
            .is_ok_and(|e| e.first().is_some_and(|e| e.outcome == AuditOutcome::Ok))
    });
    assert!(
        wallet(&stay).is_some(),
        "the wallet was opened once confirmed"
    );
}
