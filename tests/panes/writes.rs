//! End to end for the write forms: the real loop and runner against the seeded sandbox,
//! driven by keys. After each write the sandbox's own API is read to check that exactly the
//! intended change happened (or none), and the audit line in a temporary state dir.

use super::console::{Console, Options, start_with};
use crossterm::event::KeyCode as CtCode;
use guichet::audit::{AuditEntry, AuditOutcome, read_last};
use guichet::domain::PageRequest;
use guichet::domain::customer::{PaymentMethod, PromotionFilter};
use guichet::sandbox::demo::{Fixtures, fixtures};
use guichet::sandbox::today;
use serde_json::json;
use tempfile::TempDir;

/// A valid German IBAN none of the seeded accounts holds.
const NEW_IBAN: &str = "DE89370400440532013000";
/// A stay id no stay has.
const UNKNOWN_STAY: &str = "00000000-0000-4000-8000-00000000abcd";

fn fx() -> Fixtures {
    fixtures(42)
}

async fn console(read_only: bool) -> (Console, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = start_with(
        120,
        40,
        Options {
            read_only,
            audit_dir: Some(dir.path().to_path_buf()),
        },
    )
    .await;
    (c, dir)
}

fn audit(dir: &TempDir, n: usize) -> Vec<AuditEntry> {
    read_last(dir.path(), n).expect("audit log readable")
}

/// `:` then the id: opens whatever it is on its own pane.
async fn go_to(c: &Console, id: &str, shown: &str) {
    c.wait_text("rows 1–").await;
    c.key(':');
    c.keys(id);
    c.enter();
    c.wait_loaded(shown, |t| t.contains(shown)).await;
}

async fn open_stay(c: &Console, stay_id: &str) {
    let stay = c
        .clients
        .pxlhub()
        .expect("sandbox answers")
        .get_stay(stay_id)
        .await
        .expect("sandbox answers");
    go_to(c, stay_id, &format!(" › Stay {}", stay.guest_name)).await;
}

async fn open_account(c: &Console, account_id: &str) {
    // Breadcrumbs name an account by the end of its id.
    go_to(
        c,
        account_id,
        &format!(" › Account ····{}", &account_id[account_id.len() - 4..]),
    )
    .await;
}

/// Submits the open form and confirms; waits until the confirmation was up.
async fn submit_and_confirm(c: &Console, title: &str) {
    c.enter();
    c.wait_text(&format!("Confirm: {title}")).await;
    // Keys typed ahead never confirm: the confirm key is offered once the confirmation has
    // been on screen for the guard time.
    c.wait_text("enter confirm").await;
    c.key('y');
}

async fn wallets_of_stay(c: &Console, stay_id: &str) -> usize {
    let pxl = c.clients.pxlhub().expect("sandbox answers");
    let stay = pxl.get_stay(stay_id).await.expect("sandbox answers");
    let mut n = 0;
    let mut page = PageRequest::first(200);
    loop {
        let p = pxl
            .list_wallets(&page, Some(&stay.establishment_id), None)
            .await
            .expect("sandbox answers");
        n += p.items.iter().filter(|w| w.stay_id == stay_id).count();
        if !p.has_more || p.items.is_empty() {
            return n;
        }
        page.page += 1;
    }
}

async fn pxl_faults(c: &Console, on: bool) {
    c.faults(json!({"pxlhub": {"fail_after_commit": on}})).await;
}

async fn mas_faults(c: &Console, on: bool) {
    c.faults(json!({"mascustomers": {"fail_after_commit": on}}))
        .await;
}

// ---- open a wallet ----------------------------------------------------------------------

async fn open_wallet_form_on(c: &Console, stay_id: &str) {
    open_stay(c, stay_id).await;
    c.key('o');
    c.wait_loaded("the wallet form", |t| t.contains("Correlation id"))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wallet_open_from_a_stay_opens_exactly_one_wallet_and_shows_it() {
    let (c, dir) = console(false).await;
    let stay = fx().stay_without_wallet_id;
    let pxl = c.clients.pxlhub().expect("sandbox answers");
    assert!(
        pxl.stay_wallet(&stay)
            .await
            .expect("sandbox answers")
            .is_none()
    );
    open_wallet_form_on(&c, &stay).await;
    submit_and_confirm(&c, "Open a wallet").await;
    let screen = c
        .wait_loaded("the new wallet's detail", |t| {
            t.contains(" opened") && t.contains(" › Wallet ")
        })
        .await;
    let wallet = pxl
        .stay_wallet(&stay)
        .await
        .expect("sandbox answers")
        .expect("a wallet now");
    assert!(screen.contains(&wallet.id), "{screen}");
    assert_eq!(wallet.mode.as_str(), "prepaid");
    assert_eq!(wallet.currency.as_str(), "EUR");
    assert_eq!(wallets_of_stay(&c, &stay).await, 1);
    let line = &audit(&dir, 1)[0];
    assert_eq!(line.action, "wallet.open");
    assert_eq!(line.outcome, AuditOutcome::Ok);
    assert_eq!(line.targets[0], stay);
    let key = line.key.clone().expect("the correlation id is audited");
    assert_eq!(
        uuid::Uuid::parse_str(&key)
            .expect("sandbox answers")
            .get_version_num(),
        4
    );
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wallet_for_an_unknown_stay_shows_the_provider_code_and_keeps_the_values() {
    let (c, dir) = console(false).await;
    let before = c
        .clients
        .pxlhub()
        .expect("sandbox answers")
        .list_wallets(&PageRequest::first(1), None, None)
        .await
        .expect("sandbox answers")
        .total;
    c.wait_text("rows 1–").await;
    c.key('3');
    c.wait_loaded("the wallets", |t| {
        t.contains("Wallets") && t.contains("rows 1–")
    })
    .await;
    c.key('o');
    c.wait_loaded("the wallet form", |t| t.contains("Correlation id"))
        .await;
    // The last choice is "type a stay id…".
    c.code(CtCode::End);
    c.code(CtCode::Tab);
    c.keys(UNKNOWN_STAY);
    c.code(CtCode::Tab);
    c.keys(&fx().establishment_id);
    submit_and_confirm(&c, "Open a wallet").await;
    let screen = c.wait_text("STAY_NOT_FOUND").await;
    assert!(screen.contains(UNKNOWN_STAY), "values kept: {screen}");
    let after = c
        .clients
        .pxlhub()
        .expect("sandbox answers")
        .list_wallets(&PageRequest::first(1), None, None)
        .await
        .expect("sandbox answers")
        .total;
    assert_eq!(before, after, "no wallet opened");
    let line = &audit(&dir, 1)[0];
    assert_eq!(
        line.outcome,
        AuditOutcome::ProviderCode("STAY_NOT_FOUND".into())
    );
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wallet_on_a_read_only_profile_is_refused_and_nothing_is_sent() {
    let (c, dir) = console(true).await;
    let stay = fx().stay_without_wallet_id;
    open_wallet_form_on(&c, &stay).await;
    c.enter();
    c.wait_text("read-only profile: writes are off").await;
    c.key('y');
    // The refusal is audited; nothing reached pxlhub.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while audit(&dir, 1).is_empty() {
        assert!(std::time::Instant::now() < deadline, "no refusal audited");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let lines = audit(&dir, 10);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].outcome, AuditOutcome::Refused);
    assert_eq!(lines[0].action, "wallet.open");
    assert!(c.text().contains("Open a wallet"), "the form stays open");
    let pxl = c.clients.pxlhub().expect("sandbox answers");
    assert!(
        pxl.stay_wallet(&stay)
            .await
            .expect("sandbox answers")
            .is_none()
    );
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wallet_lost_answer_then_reread_shows_it_was_applied() {
    let (c, dir) = console(false).await;
    let stay = fx().stay_without_wallet_id;
    open_wallet_form_on(&c, &stay).await;
    pxl_faults(&c, true).await;
    submit_and_confirm(&c, "Open a wallet").await;
    c.wait_loaded("outcome unknown", |t| t.contains("outcome unknown"))
        .await;
    assert_eq!(audit(&dir, 1)[0].outcome, AuditOutcome::Unknown);
    pxl_faults(&c, false).await;
    c.ctrl('r');
    let screen = c.wait_text("the change was applied").await;
    let wallet = c
        .clients
        .pxlhub()
        .expect("sandbox answers")
        .stay_wallet(&stay)
        .await
        .expect("sandbox answers")
        .expect("committed before the 502");
    assert!(screen.contains(&wallet.id), "{screen}");
    assert_eq!(wallets_of_stay(&c, &stay).await, 1);
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wallet_retry_after_a_lost_answer_reuses_the_correlation_id() {
    let (c, dir) = console(false).await;
    let stay = fx().stay_without_wallet_id;
    open_wallet_form_on(&c, &stay).await;
    pxl_faults(&c, true).await;
    submit_and_confirm(&c, "Open a wallet").await;
    c.wait_loaded("outcome unknown", |t| t.contains("outcome unknown"))
        .await;
    pxl_faults(&c, false).await;
    c.ctrl('t');
    // Confirmed again, with the same idempotency key on screen.
    c.wait_text("same idempotency key").await;
    c.wait_text("enter confirm").await;
    c.key('y');
    let screen = c
        .wait_loaded("the wallet the stay already had", |t| {
            t.contains("this stay already has a wallet") && t.contains(" › Wallet ")
        })
        .await;
    let wallet = c
        .clients
        .pxlhub()
        .expect("sandbox answers")
        .stay_wallet(&stay)
        .await
        .expect("sandbox answers")
        .expect("one wallet");
    assert!(screen.contains(&wallet.id), "{screen}");
    assert_eq!(wallets_of_stay(&c, &stay).await, 1, "exactly one wallet");
    let lines = audit(&dir, 2);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].outcome, AuditOutcome::Unknown);
    // The retry found the wallet the lost answer had opened: a no-op, not a second success.
    assert_eq!(
        lines[1].outcome,
        AuditOutcome::NoOp(format!("already open, wallet {}", wallet.id))
    );
    assert!(lines[0].key.is_some());
    assert_eq!(lines[0].key, lines[1].key, "same correlation id");
    c.quit().await;
}

// ---- change a payment method ------------------------------------------------------------

async fn open_payment_form(c: &Console, account_id: &str) {
    open_account(c, account_id).await;
    c.key('m');
    c.wait_loaded("the payment method form", |t| {
        t.contains("Change the payment method") && t.contains("Before")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payment_card_swap_checks_the_card_at_lyra_and_changes_only_that_account() {
    let (c, dir) = console(false).await;
    let f = fx();
    let mas = c.clients.mascustomers().expect("sandbox answers");
    let other_before = mas
        .get_account(&f.direct_debit_account_id)
        .await
        .expect("sandbox answers");
    open_payment_form(&c, &f.card_account_id).await;
    // The card account's method is CREDIT_CARD already: the next field is the token.
    c.code(CtCode::Tab);
    c.keys(&f.spare_active_token);
    c.wait_loaded("the card found at Lyra", |t| t.contains(" exp "))
        .await;
    submit_and_confirm(&c, "Change the payment method").await;
    c.wait_loaded("the account read again", |t| {
        t.contains("payment method changed") && !t.contains("Change the payment method")
    })
    .await;
    let account = mas
        .get_account(&f.card_account_id)
        .await
        .expect("sandbox answers");
    assert_eq!(
        account.payment_method,
        PaymentMethod::CreditCard {
            token_id: f.spare_active_token.clone()
        }
    );
    assert_eq!(
        mas.get_account(&f.direct_debit_account_id)
            .await
            .expect("sandbox answers"),
        other_before
    );
    let line = &audit(&dir, 1)[0];
    assert_eq!(line.action, "payment_method.change");
    assert_eq!(line.outcome, AuditOutcome::Ok);
    assert_eq!(line.targets, vec![f.card_account_id.clone()]);
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payment_iban_lost_answer_then_reread_shows_it_applied_and_masks_the_audit() {
    let (c, dir) = console(false).await;
    let f = fx();
    open_payment_form(&c, &f.direct_debit_account_id).await;
    c.code(CtCode::Tab);
    c.keys(NEW_IBAN);
    mas_faults(&c, true).await;
    submit_and_confirm(&c, "Change the payment method").await;
    c.wait_loaded("outcome unknown", |t| t.contains("outcome unknown"))
        .await;
    mas_faults(&c, false).await;
    c.ctrl('r');
    c.wait_text("the change was applied").await;
    let account = c
        .clients
        .mascustomers()
        .expect("sandbox answers")
        .get_account(&f.direct_debit_account_id)
        .await
        .expect("sandbox answers");
    let PaymentMethod::DirectDebit { iban } = &account.payment_method else {
        panic!("{account:?}")
    };
    assert_eq!(iban.0, NEW_IBAN);
    let line = &audit(&dir, 1)[0];
    assert_eq!(line.outcome, AuditOutcome::Unknown);
    assert!(line.summary.contains("DE89"), "{line:?}");
    assert!(!line.summary.contains(NEW_IBAN), "IBAN masked: {line:?}");
    // The intent keeps the keyed digest of the IBAN sent, never the IBAN itself.
    let digest = guichet::audit::digest::digest(dir.path(), NEW_IBAN).expect("the key");
    let records = guichet::audit::journal::records(dir.path()).expect("journal");
    assert!(
        records.iter().any(|(_, r)| matches!(r,
            guichet::audit::Record::Intent(i) if i.digest.as_deref() == Some(digest.as_str()))),
        "{records:?}"
    );
    let text =
        std::fs::read_to_string(dir.path().join(guichet::audit::AUDIT_FILE)).expect("journal file");
    assert!(!text.contains(NEW_IBAN), "{text}");
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payment_on_a_read_only_profile_is_refused_and_the_account_unchanged() {
    let (c, dir) = console(true).await;
    let f = fx();
    let mas = c.clients.mascustomers().expect("sandbox answers");
    let before = mas
        .get_account(&f.direct_debit_account_id)
        .await
        .expect("sandbox answers");
    open_payment_form(&c, &f.direct_debit_account_id).await;
    c.code(CtCode::Tab);
    c.keys(NEW_IBAN);
    c.enter();
    c.wait_text("read-only profile: writes are off").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while audit(&dir, 1).is_empty() {
        assert!(std::time::Instant::now() < deadline, "no refusal audited");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(audit(&dir, 1)[0].outcome, AuditOutcome::Refused);
    assert_eq!(
        mas.get_account(&f.direct_debit_account_id)
            .await
            .expect("sandbox answers"),
        before
    );
    c.quit().await;
}

// ---- cancel a promotion -----------------------------------------------------------------

/// The account holding the active promotion, and the promotion's row in the ALL list.
async fn promotion_account(c: &Console) -> (String, usize) {
    let f = fx();
    let mas = c.clients.mascustomers().expect("sandbox answers");
    for account in [&f.direct_debit_account_id, &f.card_account_id] {
        let list = mas
            .promotions(account, &PromotionFilter::All)
            .await
            .expect("sandbox answers");
        if let Some(i) = list.iter().position(|p| p.id == f.active_promotion_id) {
            return (account.clone(), i);
        }
    }
    panic!("the seeded active promotion belongs to a fixture account");
}

async fn open_promotion_form(c: &Console) -> String {
    let (account, row) = promotion_account(c).await;
    open_account(c, &account).await;
    // The promotions show with the account.
    c.wait_loaded("the promotions", |t| t.contains("Promotions ("))
        .await;
    for _ in 0..row {
        c.key('j');
    }
    c.key('c');
    c.wait_text("Cancellation date").await;
    account
}

async fn cancellation_of(c: &Console, account: &str) -> Option<chrono::NaiveDate> {
    let list = c
        .clients
        .mascustomers()
        .expect("sandbox answers")
        .promotions(account, &PromotionFilter::All)
        .await
        .expect("sandbox answers");
    list.into_iter()
        .find(|p| p.id == fx().active_promotion_id)
        .expect("still listed")
        .cancellation_date
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn promotion_cancel_sets_today_and_the_list_shows_it() {
    let (c, dir) = console(false).await;
    let account = open_promotion_form(&c).await;
    assert_eq!(cancellation_of(&c, &account).await, None);
    submit_and_confirm(&c, "Cancel a promotion").await;
    let day = today().format("%Y-%m-%d").to_string();
    c.wait_loaded("the promotions read again", |t| {
        t.contains(&format!("(cancelled {day})")) && !t.contains("Cancellation date")
    })
    .await;
    assert_eq!(cancellation_of(&c, &account).await, Some(today()));
    let line = &audit(&dir, 1)[0];
    assert_eq!(line.action, "promotion.cancel");
    assert_eq!(line.outcome, AuditOutcome::Ok);
    assert!(line.targets.contains(&fx().active_promotion_id), "{line:?}");
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn promotion_cancelled_meanwhile_shows_the_provider_code() {
    let (c, dir) = console(false).await;
    let account = open_promotion_form(&c).await;
    // Someone else cancels it first: the console's form still shows it active.
    c.clients
        .mascustomers()
        .expect("sandbox answers")
        .cancel_promotion(&account, &fx().active_promotion_id, today())
        .await
        .expect("sandbox answers");
    submit_and_confirm(&c, "Cancel a promotion").await;
    let screen = c.wait_text("code 0002").await;
    assert!(screen.contains("the promotion was already"), "{screen}");
    assert!(
        screen.contains("Cancellation date"),
        "the form stays: {screen}"
    );
    let line = &audit(&dir, 1)[0];
    assert_eq!(line.outcome, AuditOutcome::ProviderCode("0002".into()));
    assert_eq!(cancellation_of(&c, &account).await, Some(today()));
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn promotion_on_a_read_only_profile_is_refused() {
    let (c, dir) = console(true).await;
    let account = open_promotion_form(&c).await;
    c.enter();
    c.wait_text("read-only profile: writes are off").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while audit(&dir, 1).is_empty() {
        assert!(std::time::Instant::now() < deadline, "no refusal audited");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(audit(&dir, 1)[0].outcome, AuditOutcome::Refused);
    assert_eq!(cancellation_of(&c, &account).await, None);
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn promotion_lost_answer_then_reread_shows_it_applied() {
    let (c, dir) = console(false).await;
    let account = open_promotion_form(&c).await;
    mas_faults(&c, true).await;
    submit_and_confirm(&c, "Cancel a promotion").await;
    c.wait_loaded("outcome unknown", |t| t.contains("outcome unknown"))
        .await;
    assert_eq!(audit(&dir, 1)[0].outcome, AuditOutcome::Unknown);
    mas_faults(&c, false).await;
    c.ctrl('r');
    c.wait_text("the change was applied").await;
    assert_eq!(cancellation_of(&c, &account).await, Some(today()));
    c.quit().await;
}
