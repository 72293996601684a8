//! Watch mode and presenter mode in a real terminal over the embedded sandbox: a wallet's
//! balance refunded through pxlhub's HTTP API shows on a watched detail, marked, with no key
//! pressed, and so does a promotion cancelled through MasCustomers on a watched customer's
//! case; `--show-keys` shows the key-map names of the keys typed, and never typed text.

use super::harness::{Pty, demo_base_url, row_text};
use guichet::api::Clients;
use guichet::domain::requests::RefundRequest;
use guichet::sandbox::demo::fixtures;

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

#[test]
fn a_watched_wallet_shows_a_refund_made_through_the_api_with_no_key_pressed() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("rows 1–");
    let fx = fixtures(42);
    pty.send_str(&format!(":{}\r", fx.wallet_id));
    pty.wait_text("Balance           123.45 EUR");
    pty.send_str("W");
    pty.wait_text("watching every 5 s");
    pty.wait_for("the countdown", |s| {
        row_text(s, 39).contains("watch 4s") || row_text(s, 39).contains("watch 3s")
    });
    let _ = rustls::crypto::ring::default_provider().install_default();
    let clients = Clients::new(&guichet::runtime::setup::demo_settings(&demo_base_url(
        &pty,
    )))
    .expect("clients");
    let refund = RefundRequest {
        business_date: guichet::sandbox::today(),
        idempotency_key: "0d6a4f3e-5b1c-4c2d-9e8f-7a6b5c4d3e2f".into(),
        correlation_id: "1e7b5a4f-6c2d-4d3e-8f9a-8b7c6d5e4f3a".into(),
    };
    let done = block_on(
        clients
            .pxlhub()
            .expect("configured")
            .refund(&fx.wallet_id, &refund),
    )
    .expect("refunded");
    assert_eq!(done.refunded, guichet::domain::Cents(12345), "{done:?}");
    // No key pressed: the next read shows the new balance, marked as changed.
    pty.wait_text("● Balance           0.00 EUR");
    // And the mark goes after a moment, the watch going on.
    pty.wait_for("the mark to clear", |s| {
        s.contents().contains("  Balance           0.00 EUR") && !s.contents().contains("● Balance")
    });
    pty.send_str("W");
    pty.wait_text("watch off");
    pty.wait_for("no countdown", |s| !row_text(s, 39).contains("watch "));
}

#[test]
fn a_watched_case_marks_a_promotion_cancelled_through_the_api_with_no_key_pressed() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("rows 1–");
    let fx = fixtures(42);
    pty.send_str(&format!(":{}\r", fx.external_id));
    pty.wait_text("External id       C-000001");
    pty.wait_for("the whole case", |s| {
        let t = s.contents();
        t.contains("Monext knows a replacement") && t.contains("Timeline") && !t.contains("loading")
    });
    // The card account has no active promotion; the direct-debit one has one.
    let before = pty.contents();
    assert_eq!(before.matches("no active promotion").count(), 1, "{before}");
    pty.send_str("W");
    pty.wait_text("watching every 5 s");
    pty.wait_for("the countdown", |s| {
        row_text(s, 39).contains("watch 4s") || row_text(s, 39).contains("watch 3s")
    });
    let _ = rustls::crypto::ring::default_provider().install_default();
    let clients = Clients::new(&guichet::runtime::setup::demo_settings(&demo_base_url(
        &pty,
    )))
    .expect("clients");
    block_on(
        clients
            .mascustomers()
            .expect("configured")
            .cancel_promotion(
                &fx.direct_debit_account_id,
                &fx.active_promotion_id,
                guichet::sandbox::today(),
            ),
    )
    .expect("cancelled");
    // No key pressed: the next read shows the direct-debit account without an active
    // promotion, that line marked as new.
    pty.wait_for("the marked line", |s| {
        s.contents()
            .lines()
            .any(|l| l.starts_with("│●   promotions") && l.contains("no active promotion"))
    });
    // The mark goes after a moment, the line staying.
    pty.wait_for("the mark to clear", |s| {
        let t = s.contents();
        t.matches("    promotions      no active promotion").count() == 2 && !t.contains("│● ")
    });
}

#[test]
fn show_keys_names_the_keys_typed_and_hides_text() {
    let mut pty = Pty::spawn(&["--show-keys"], 120, 40, &[]);
    pty.wait_text("rows 1–");
    pty.send_str("jj");
    pty.wait_for("the trail", |s| {
        row_text(s, 1).contains("j select_down  j select_down")
    });
    pty.send_str(":C-000001");
    pty.wait_for("typed text as dots", |s| {
        let tabs = row_text(s, 1);
        tabs.contains(": go_to") && tabs.contains("••• text")
    });
    let contents = pty.contents();
    let tabs = contents.lines().nth(1).unwrap_or_default();
    assert!(!tabs.contains("C-0"), "typed text shown: {tabs}");
    pty.send_str("\x1b");
    pty.send_str("K");
    pty.wait_for("the trail hidden", |s| {
        !row_text(s, 1).contains("select_down")
    });
}
