//! The console's write path (`runtime::writes::perform`) against the sandbox: each write
//! sent, its audit line on disk with the outcome, and the outcome-unknown case.

use super::sandbox_support::Sandbox;
use super::support::perform_write;
use guichet::app::form::{AuditSummary, WriteOk, WriteRequest};
use guichet::audit::{self, AuditOutcome};
use guichet::config::Environment;
use guichet::domain::cashless::WalletMode;
use guichet::domain::iban::Iban;
use guichet::domain::requests::{OpenWallet, PaymentMethodChange};
use guichet::domain::{Currency, ErrorKind};
use guichet::runtime::writes::AuditContext;
use serde_json::json;

fn audit_ctx(dir: &std::path::Path) -> AuditContext {
    AuditContext {
        dir: dir.to_path_buf(),
        profile: "demo".into(),
        environment: Environment::Sandbox,
    }
}

/// A wallet open for the seeded stay without a wallet; its establishment read from the stay,
/// as the form does.
async fn open_wallet(sb: &Sandbox, correlation_id: &str) -> (WriteRequest, AuditSummary) {
    let stay = sb
        .clients
        .pxlhub()
        .unwrap()
        .get_stay(&sb.fx.stay_without_wallet_id)
        .await
        .unwrap();
    let open = OpenWallet {
        stay_id: stay.id.clone(),
        establishment_id: stay.establishment_id.clone(),
        mode: WalletMode::Prepaid,
        currency: Currency::EUR,
        medium_ref: None,
        credit_limit: None,
        correlation_id: correlation_id.to_string(),
    };
    let summary = AuditSummary {
        action: "wallet.open",
        target_ids: vec![open.stay_id.clone()],
        key: Some(correlation_id.to_string()),
        summary: "prepaid EUR".into(),
    };
    (WriteRequest::OpenWallet(open), summary)
}

#[tokio::test]
async fn wallet_open_is_audited_with_its_correlation_id() {
    let sb = Sandbox::start().await;
    let dir = tempfile::tempdir().unwrap();
    let (req, summary) = open_wallet(&sb, "6f1c5a2e-0b7d-4c1e-9a51-1d2f3e4a5b6c").await;
    let ok = perform_write(&sb.clients, &audit_ctx(dir.path()), &req, &summary)
        .await
        .unwrap();
    let WriteOk::WalletOpened(opened) = ok else {
        panic!("{ok:?}")
    };
    assert!(!opened.already_open);
    let lines = audit::read_last(dir.path(), 10).unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].outcome, AuditOutcome::Ok);
    assert_eq!(lines[0].action, "wallet.open");
    assert_eq!(
        lines[0].key.as_deref(),
        Some("6f1c5a2e-0b7d-4c1e-9a51-1d2f3e4a5b6c")
    );
    assert_eq!(lines[0].targets, vec![sb.fx.stay_without_wallet_id.clone()]);
}

#[tokio::test]
async fn applied_but_answered_502_is_unknown_then_the_retry_finds_it_open() {
    let sb = Sandbox::start().await;
    let dir = tempfile::tempdir().unwrap();
    sb.set_faults(json!({"pxlhub": {"fail_after_commit": true}}))
        .await;
    let (req, summary) = open_wallet(&sb, "0a8e7d6c-5b4a-4938-8271-6e5d4c3b2a19").await;
    let e = perform_write(&sb.clients, &audit_ctx(dir.path()), &req, &summary)
        .await
        .unwrap_err();
    assert!(e.outcome_unknown, "{e:?}");
    sb.set_faults(json!({"pxlhub": {"fail_after_commit": false}}))
        .await;
    // Reading again shows it was applied.
    let wallet = sb
        .clients
        .pxlhub()
        .unwrap()
        .stay_wallet(&sb.fx.stay_without_wallet_id)
        .await
        .unwrap();
    let wallet = wallet.expect("the write was applied");
    // The retry with the same correlation id opens nothing new.
    let ok = perform_write(&sb.clients, &audit_ctx(dir.path()), &req, &summary)
        .await
        .unwrap();
    let WriteOk::WalletOpened(opened) = ok else {
        panic!("{ok:?}")
    };
    assert!(opened.already_open);
    assert_eq!(opened.wallet_id, wallet.id);
    let outcomes: Vec<_> = audit::read_last(dir.path(), 10)
        .unwrap()
        .into_iter()
        .map(|e| e.outcome)
        .collect();
    // The retry found what the lost answer had opened: a no-op, not a second success.
    assert_eq!(
        outcomes,
        vec![
            AuditOutcome::Unknown,
            AuditOutcome::NoOp(format!("already open, wallet {}", wallet.id))
        ]
    );
}

#[tokio::test]
async fn a_refused_promotion_cancel_records_the_provider_code() {
    let sb = Sandbox::start().await;
    let dir = tempfile::tempdir().unwrap();
    let yesterday = guichet::sandbox::today().pred_opt().unwrap();
    let req = WriteRequest::CancelPromotion {
        account_id: sb.fx.direct_debit_account_id.clone(),
        promotion_id: sb.fx.active_promotion_id.clone(),
        cancellation_date: yesterday,
    };
    let summary = AuditSummary {
        action: "promotion.cancel",
        target_ids: vec![sb.fx.active_promotion_id.clone()],
        key: None,
        summary: format!("cancel on {yesterday}"),
    };
    let e = perform_write(&sb.clients, &audit_ctx(dir.path()), &req, &summary)
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::Rejected, Some("0002")),
        "{e:?}"
    );
    let lines = audit::read_last(dir.path(), 10).unwrap();
    assert_eq!(lines[0].outcome, AuditOutcome::ProviderCode("0002".into()));
}

#[tokio::test]
async fn a_payment_method_change_is_audited_masked() {
    let sb = Sandbox::start().await;
    let dir = tempfile::tempdir().unwrap();
    let iban = Iban::parse("DE89370400440532013000").unwrap();
    let req = WriteRequest::ChangePaymentMethod {
        account_id: sb.fx.direct_debit_account_id.clone(),
        change: PaymentMethodChange::DirectDebit { iban: iban.clone() },
    };
    let summary = AuditSummary {
        action: "payment_method.change",
        target_ids: vec![sb.fx.direct_debit_account_id.clone()],
        key: None,
        summary: format!("DIRECT_DEBIT {}", iban.masked()),
    };
    perform_write(&sb.clients, &audit_ctx(dir.path()), &req, &summary)
        .await
        .unwrap();
    let account = sb
        .clients
        .mascustomers()
        .unwrap()
        .get_account(&sb.fx.direct_debit_account_id)
        .await
        .unwrap();
    assert!(
        account.payment_method.summary().ends_with("3000"),
        "{account:?}"
    );
    let file = std::fs::read_to_string(dir.path().join("audit.jsonl")).unwrap();
    assert!(
        !file.contains("0532013"),
        "no full IBAN in the audit log: {file}"
    );
    assert!(file.contains("\"ok\""), "{file}");
}
