//! The `:` box as a search in a real terminal over the embedded sandbox: a customer found by
//! the start of her email and opened; an account found by its IBAN's last four; the history
//! of submitted texts kept in the state folder across sessions.

use super::harness::{Pty, block_on, demo};
use guichet::domain::customer::PaymentMethod;
use guichet::sandbox::demo::fixtures;

/// The hit lines of the results panel in the screen's text, in order (group headings left
/// out).
fn hit_lines(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|line| {
            let inner = line.strip_prefix("││")?;
            (inner.starts_with("  ") || inner.starts_with("› ")).then(|| inner.to_string())
        })
        .collect()
}

/// Chooses the hit whose line contains `text` with ↓, and waits until it is chosen.
fn choose(pty: &mut Pty, text: &str) {
    pty.wait_for(&format!("a hit with {text}"), |s| {
        hit_lines(&s.contents()).iter().any(|l| l.contains(text))
    });
    let at = hit_lines(&pty.contents())
        .iter()
        .position(|l| l.contains(text))
        .unwrap_or(0);
    for _ in 0..=at {
        pty.send(b"\x1b[B");
    }
    pty.wait_for(&format!("{text} chosen"), |s| {
        hit_lines(&s.contents())
            .iter()
            .any(|l| l.starts_with("› ") && l.contains(text))
    });
}

#[test]
fn a_customer_found_by_the_start_of_her_email_opens_and_the_text_is_kept() {
    let (mut pty, c) = demo(120, 40);
    let fx = fixtures(42);
    let me = block_on(
        c.mascustomers()
            .expect("configured")
            .get_customer(&fx.customer_id),
    )
    .expect("the fixture customer");
    let email = me.email.expect("an email");
    let part = &email[..12];
    pty.send_str(":");
    pty.send_str(part);
    pty.wait_text(&format!("Search “{part}”"));
    choose(&mut pty, &email);
    pty.send(b"\r");
    pty.wait_text("Customers › Customer Élodie Martin");
    // Kept in the state folder, where the next session loads it from.
    pty.send(b"\x1b");
    pty.wait_text("rows 1–");
    pty.send_str("q");
    pty.wait_exit();
    let kept = std::fs::read_to_string(pty.state_dir.path().join("goto_history")).expect("history");
    assert_eq!(kept, format!("{part}\n"));
}

#[test]
fn an_account_found_by_its_ibans_last_four() {
    let (mut pty, c) = demo(120, 40);
    let fx = fixtures(42);
    let account = block_on(
        c.mascustomers()
            .expect("configured")
            .get_account(&fx.direct_debit_account_id),
    )
    .expect("the fixture account");
    let PaymentMethod::DirectDebit { iban } = &account.payment_method else {
        panic!("a direct debit account")
    };
    let last4 = &iban.reveal()[iban.reveal().len() - 4..];
    pty.send_str(":");
    pty.send_str(last4);
    pty.wait_text("Accounts ");
    choose(&mut pty, &iban.masked());
    // The IBAN is masked in the results, never shown in full.
    assert!(!pty.contents().contains(iban.reveal()));
    pty.send(b"\r");
    let id = &account.id;
    pty.wait_text(&format!("Accounts › Account ····{}", &id[id.len() - 4..]));
    pty.wait_text(&account.customer_id);
}
