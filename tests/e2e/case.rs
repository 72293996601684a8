//! The customer's case in a real terminal over the embedded sandbox: opened by her
//! external id, every section loaded, and from it her active promotion cancelled, checked
//! through the sandbox's own API and the audit journal.

use super::harness::{Pty, demo_base_url, row_text, selected_row};
use guichet::api::Clients;
use guichet::audit::{self, AuditOutcome};
use guichet::domain::customer::PromotionFilter;
use guichet::sandbox::demo::fixtures;

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

#[test]
fn from_her_case_an_agent_cancels_her_active_promotion() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("rows 1–");
    let _ = rustls::crypto::ring::default_provider().install_default();
    let c = Clients::new(&guichet::runtime::setup::demo_settings(&demo_base_url(
        &pty,
    )))
    .expect("clients");
    let fx = fixtures(42);
    let mas = c.mascustomers().expect("configured");
    let active = block_on(mas.promotions(&fx.direct_debit_account_id, &PromotionFilter::Active))
        .expect("promotions");
    let code = active
        .iter()
        .find(|p| p.id == fx.active_promotion_id)
        .expect("the active promotion is listed as active")
        .promotion_code
        .clone();

    pty.send_str(&format!(":{}\r", fx.external_id));
    pty.wait_text("External id       C-000001");
    // Every section answered: the card updater, the transfers' summary, the Timeline.
    pty.wait_for("the whole case", |s| {
        let t = s.contents();
        t.contains("Monext knows a replacement")
            && t.contains("last 12 months")
            && t.contains("Timeline")
            && !t.contains("loading")
    });
    // Down the lines that open something until the active promotion is selected.
    let on_code = |s: &vt100::Screen| {
        selected_row(s).is_some_and(|r| row_text(s, r).contains(&format!("  {code} ")))
    };
    for _ in 0..12 {
        if on_code(&pty_screen(&pty)) {
            break;
        }
        let before = selected_row(&pty_screen(&pty));
        pty.send_str("j");
        pty.wait_for("the cursor to move", |s| selected_row(s) != before);
    }
    pty.wait_for("the active promotion selected", on_code);
    pty.send_str("c");
    pty.wait_text("Cancel a promotion");
    pty.send_str("\r");
    // The confirmation refuses keys typed before it is drawn: wait for it first.
    pty.wait_text("Confirm: Cancel a promotion");
    pty.wait_text("enter confirm");
    pty.send_str("y");
    pty.wait_text("cancelled as of");
    // The case reads the account's promotions and the journal again: the write is on the
    // Timeline with who made it.
    pty.wait_for("the write on the Timeline", |s| {
        s.contents().contains("promotion.cancel ok by")
    });

    let today = guichet::sandbox::today();
    let promos = block_on(mas.promotions(&fx.direct_debit_account_id, &PromotionFilter::All))
        .expect("promotions");
    let cancelled: Vec<_> = promos
        .iter()
        .filter(|p| p.cancellation_date == Some(today))
        .collect();
    assert_eq!(
        cancelled.len(),
        1,
        "exactly one cancelled today: {promos:?}"
    );
    assert_eq!(cancelled[0].id, fx.active_promotion_id);
    let entries = audit::read_last(pty.state_dir.path(), 10).expect("audit");
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].action.as_str(), &entries[0].outcome),
        ("promotion.cancel", &AuditOutcome::Ok)
    );
}

/// The screen as it is now.
fn pty_screen(pty: &Pty) -> vt100::Screen {
    let found = std::cell::RefCell::new(None);
    pty.wait_for("a screen", |s| {
        *found.borrow_mut() = Some(s.clone());
        true
    });
    found.into_inner().expect("a screen")
}
