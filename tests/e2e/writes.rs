//! Writes in a real terminal over the embedded sandbox: each form used as a person would,
//! then the sandbox's own API read to check that exactly the intended change happened, and
//! the audit line read from the state dir.

use super::harness::{Pty, demo_base_url};
use guichet::api::Clients;
use guichet::audit::{self, AuditOutcome};
use guichet::domain::customer::{PaymentMethod, PromotionFilter};
use guichet::sandbox::demo::fixtures;

pub(super) fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

pub(super) fn console(args: &[&str]) -> (Pty, Clients) {
    let pty = Pty::spawn(args, 120, 40, &[]);
    pty.wait_text("rows 1–");
    let _ = rustls::crypto::ring::default_provider().install_default();
    let clients = Clients::new(&guichet::runtime::setup::demo_settings(&demo_base_url(
        &pty,
    )))
    .expect("clients");
    (pty, clients)
}

/// Opens customer C-000001's direct-debit account through the drill-down.
fn drill_to_direct_debit_account(pty: &mut Pty) {
    pty.send_str(":C-000001\r");
    pty.wait_text("External id       C-000001");
    pty.send_str("a");
    pty.wait_text("Accounts of");
    pty.wait_text("DIRECT_DEBIT");
    // The accounts' rows start at screen row 5 (filter line, then the header).
    let lines: Vec<String> = pty.contents().lines().map(str::to_string).collect();
    let index = lines
        .iter()
        .skip(5)
        .position(|l| l.contains("DIRECT_DEBIT"))
        .expect("a direct-debit row");
    pty.send_str(&"j".repeat(index));
    pty.send_str("\r");
    pty.wait_text("IBAN              FR");
}

/// Drills to the direct-debit account's promotions and opens the cancel form on the active
/// one.
pub(super) fn open_the_cancel_form_of_the_active_promotion(pty: &mut Pty) {
    drill_to_direct_debit_account(pty);
    // The promotions show with the account.
    pty.wait_text("Promotions (ALL)");
    pty.wait_text("· active");
    let lines: Vec<String> = pty.contents().lines().map(str::to_string).collect();
    let start = lines
        .iter()
        .position(|l| l.contains("Promotions (ALL)"))
        .expect("promotions")
        + 1;
    let active = lines[start..]
        .iter()
        .position(|l| l.contains("· active"))
        .expect("an active one");
    pty.send_str(&"j".repeat(active));
    pty.send_str("c");
    pty.wait_text("Cancel a promotion");
}

#[test]
fn cancel_a_promotion_through_the_drill_down() {
    let (mut pty, c) = console(&[]);
    let fx = fixtures(42);
    open_the_cancel_form_of_the_active_promotion(&mut pty);
    pty.send_str("\r");
    pty.wait_text("Confirm: Cancel a promotion");
    // The confirm key is offered once the confirmation has been on screen a moment.
    pty.wait_text("enter confirm");
    pty.send_str("y");
    pty.wait_text("cancelled as of");
    let today = guichet::sandbox::today();
    let promos = block_on(
        c.mascustomers()
            .expect("configured")
            .promotions(&fx.direct_debit_account_id, &PromotionFilter::All),
    )
    .expect("promotions");
    let cancelled: Vec<_> = promos
        .iter()
        .filter(|p| p.cancellation_date == Some(today))
        .collect();
    assert_eq!(
        cancelled.len(),
        1,
        "exactly one promotion cancelled today: {promos:?}"
    );
    assert_eq!(cancelled[0].id, fx.active_promotion_id);
    let entries = audit::read_last(pty.state_dir.path(), 10).expect("audit");
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].action.as_str(), &entries[0].outcome),
        ("promotion.cancel", &AuditOutcome::Ok)
    );
}

#[test]
fn change_a_payment_method_to_a_direct_debit_iban() {
    let (mut pty, c) = console(&[]);
    let fx = fixtures(42);
    pty.send_str(&format!(":{}\r", fx.card_account_id));
    pty.wait_text("CREDIT_CARD");
    pty.send_str("m");
    pty.wait_text("Change the payment method");
    // The method choice first: make it DIRECT_DEBIT, then the IBAN field.
    // The methods the account may use load first; then the choice shows.
    pty.wait_text("▸ Method");
    if !pty.contents().contains("◀DIRECT_DEBIT") {
        // ← to the previous method.
        pty.send(b"\x1b[D");
        pty.wait_text("◀DIRECT_DEBIT");
    }
    pty.send_str("\t");
    pty.send_str("DE89 3704 0044 0532 0130 00");
    pty.send_str("\r");
    pty.wait_text("Confirm: Change the payment method");
    // The confirm key is offered once the confirmation has been on screen a moment.
    pty.wait_text("enter confirm");
    pty.wait_text("DE89 •••• •••• •••• 3000");
    let confirm = pty.contents();
    assert!(
        !confirm.contains("0532") && !confirm.contains("0532013000"),
        "the confirmation masks the IBAN:\n{confirm}"
    );
    pty.send_str("y");
    pty.wait_text("payment method changed to");
    let account = block_on(
        c.mascustomers()
            .expect("configured")
            .get_account(&fx.card_account_id),
    )
    .expect("account");
    match account.payment_method {
        PaymentMethod::DirectDebit { iban } => assert_eq!(iban.reveal(), "DE89370400440532013000"),
        other => panic!("not changed: {other:?}"),
    }
    let other = block_on(
        c.mascustomers()
            .expect("configured")
            .get_account(&fx.direct_debit_account_id),
    )
    .expect("account");
    assert!(
        !matches!(&other.payment_method, PaymentMethod::DirectDebit { iban } if iban.reveal().starts_with("DE89"))
    );
    let log = std::fs::read_to_string(pty.state_dir.path().join("audit.jsonl")).expect("audit");
    assert!(
        log.contains("payment_method.change") && log.contains("\"ok\""),
        "{log}"
    );
    assert!(!log.contains("0532013000"), "no full IBAN in the audit log");
}

#[test]
fn open_a_wallet_for_a_stay() {
    let (mut pty, c) = console(&[]);
    let fx = fixtures(42);
    let pxl = c.pxlhub().expect("configured");
    assert!(
        block_on(pxl.stay_wallet(&fx.stay_without_wallet_id))
            .expect("read")
            .is_none()
    );
    pty.send_str(&format!(":{}\r", fx.stay_without_wallet_id));
    pty.wait_text("Guest");
    pty.send_str("o");
    pty.wait_text("Open a wallet");
    pty.wait_text("Correlation id");
    pty.send_str("\r");
    pty.wait_text("Confirm: Open a wallet");
    // The confirm key is offered once the confirmation has been on screen a moment.
    pty.wait_text("enter confirm");
    pty.send_str("y");
    // The new wallet's detail opens (its hints offer the stay).
    pty.wait_for("the wallet's detail", |s| {
        s.contents().contains(" s stay ") && !s.contents().contains("Confirm:")
    });
    let wallet = block_on(pxl.stay_wallet(&fx.stay_without_wallet_id))
        .expect("read")
        .expect("a wallet for the stay");
    pty.wait_text(&wallet.id);
    let entries = audit::read_last(pty.state_dir.path(), 10).expect("audit");
    let last = entries.last().expect("an audit line");
    assert_eq!(
        (last.action.as_str(), &last.outcome),
        ("wallet.open", &AuditOutcome::Ok)
    );
    assert!(last.key.is_some(), "the correlation id is recorded");
}

#[test]
fn read_only_refuses_a_write() {
    let (mut pty, c) = console(&["--read-only"]);
    pty.wait_text("READ-ONLY");
    let fx = fixtures(42);
    open_the_cancel_form_of_the_active_promotion(&mut pty);
    // The form names why writes are off: the flag, not the profile.
    pty.wait_text("started with --read-only");
    pty.send_str("\r");
    pty.send_str("y");
    // The refusal is recorded; nothing was sent.
    let deadline = std::time::Instant::now() + super::harness::DEADLINE;
    let entries = loop {
        let entries = audit::read_last(pty.state_dir.path(), 10).expect("audit");
        if !entries.is_empty() || std::time::Instant::now() > deadline {
            break entries;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(
        entries.iter().all(|e| e.outcome == AuditOutcome::Refused),
        "{entries:?}"
    );
    let promos = block_on(
        c.mascustomers()
            .expect("configured")
            .promotions(&fx.direct_debit_account_id, &PromotionFilter::All),
    )
    .expect("promotions");
    let active = promos
        .iter()
        .find(|p| p.id == fx.active_promotion_id)
        .expect("the active promotion");
    assert_eq!(
        active.cancellation_date, None,
        "nothing changed at the provider"
    );
}

#[test]
fn a_write_left_unfinished_is_shown_at_start_and_its_re_read_is_journaled() {
    use guichet::audit::journal::{self, Intent, Record};
    let dir = tempfile::tempdir().expect("temp dir");
    let fx = fixtures(42);
    let intent = Intent {
        write: "w-dangling-1".into(),
        user: "ann".into(),
        profile: "demo".into(),
        environment: guichet::config::Environment::Sandbox,
        provider: guichet::domain::Provider::Pxlhub,
        action: "wallet.open".into(),
        targets: vec![fx.stay_without_wallet_id.clone()],
        key: Some("5b1e7c3a-9d2f-4e8b-a6c4-0f1e2d3c4b5a".into()),
        request: "POST /wallets {\"stayId\":\"…\"}".into(),
        digest: None,
    };
    journal::append_record(dir.path(), Record::Intent(intent)).expect("journal written");
    let state = dir.path().to_str().expect("utf-8 path");
    let mut pty = super::harness::Pty::spawn(&[], 120, 40, &[("GUICHET_STATE_DIR", state)]);
    pty.wait_text("Unfinished writes");
    let shown = [
        "wallet.open",
        "pxlhub",
        fx.stay_without_wallet_id.as_str(),
        "5b1e7c3a-9d2f-4e8b-a6c4-0f1e2d3c4b5a",
        "not read again yet",
    ];
    // The notice's lines may come in more than one read of the terminal's output.
    pty.wait_for("the notice's write, whole", |s| {
        let screen = s.contents();
        shown.iter().all(|t| screen.contains(t))
    });
    // r reads the stay's wallet again: it has none, so the write did not happen.
    pty.send_str("r");
    pty.wait_text("not applied: stay");
    pty.wait_for("the resolution journaled", |_| {
        journal::records(dir.path()).is_ok_and(|r| {
            r.iter().any(|(_, rec)| {
                matches!(rec, Record::Resolved { write, resolved }
                    if write == "w-dangling-1" && *resolved == journal::Resolution::NotApplied)
            })
        })
    });
    assert!(
        audit::unfinished_intents(dir.path())
            .expect("journal")
            .is_empty()
    );
    assert!(matches!(
        audit::verify(dir.path()),
        Ok(audit::Verdict::Ok { .. })
    ));
    // Esc dismisses it; the console is there beneath.
    pty.send_str("\x1b");
    pty.wait_for("the notice gone", |s| {
        !s.contents().contains("Unfinished writes")
    });
    assert!(pty.contents().contains("rows 1–"));
}
