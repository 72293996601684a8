//! Performing a write: send it once (or with its own idempotency key, retried by the
//! client), then append the attempt to the audit log — written and flushed to disk — before
//! the answer goes back to the screen.

use crate::api::Clients;
use crate::app::form::{AuditSummary, WriteOk, WriteRequest};
use crate::audit::{self, AuditEntry, AuditOutcome};
use crate::config::Environment;
use crate::domain::ApiError;
use std::path::PathBuf;

/// Who writes, where the audit log is.
#[derive(Debug, Clone)]
pub struct AuditContext {
    pub dir: PathBuf,
    pub profile: String,
    pub environment: Environment,
}

/// The audit outcome of a write's result.
pub fn outcome_of(result: &Result<WriteOk, ApiError>) -> AuditOutcome {
    match result {
        Ok(_) => AuditOutcome::Ok,
        Err(e) if e.outcome_unknown => AuditOutcome::Unknown,
        Err(e) => AuditOutcome::ProviderCode(
            e.code
                .clone()
                .or_else(|| e.status.map(|s| format!("HTTP {s}")))
                .unwrap_or_else(|| format!("{:?}", e.kind)),
        ),
    }
}

/// Sends `request` and records it. The audit line is on disk before this returns; if it
/// cannot be written the failure is logged as an error (the write itself already happened
/// or not, and hiding its result would be worse).
pub async fn perform(
    clients: &Clients,
    audit_ctx: &AuditContext,
    request: &WriteRequest,
    summary: &AuditSummary,
) -> Result<WriteOk, ApiError> {
    let result = send(clients, request).await;
    let mut entry = AuditEntry::now(
        audit_ctx.profile.clone(),
        audit_ctx.environment,
        request.provider(),
        summary.action,
        outcome_of(&result),
    );
    entry.targets = summary.target_ids.clone();
    entry.key = summary.key.clone();
    entry.summary = summary.summary.clone();
    if let Err(e) = audit::append(&audit_ctx.dir, &entry) {
        tracing::error!(action = summary.action, "audit log not written: {e}");
    }
    result
}

/// Records a write the console refused before sending (read-only profile).
pub fn record_refusal(
    audit_ctx: &AuditContext,
    provider: crate::domain::Provider,
    summary: &AuditSummary,
) {
    let mut entry = AuditEntry::now(
        audit_ctx.profile.clone(),
        audit_ctx.environment,
        provider,
        summary.action,
        AuditOutcome::Refused,
    );
    entry.targets = summary.target_ids.clone();
    entry.key = summary.key.clone();
    entry.summary = summary.summary.clone();
    if let Err(e) = audit::append(&audit_ctx.dir, &entry) {
        tracing::error!(action = summary.action, "audit log not written: {e}");
    }
}

async fn send(clients: &Clients, request: &WriteRequest) -> Result<WriteOk, ApiError> {
    match request {
        WriteRequest::OpenWallet(open) => clients
            .pxlhub()?
            .open_wallet(open)
            .await
            .map(WriteOk::WalletOpened),
        WriteRequest::ChangePaymentMethod { account_id, change } => clients
            .mascustomers()?
            .change_payment_method(account_id, change)
            .await
            .map(|()| WriteOk::NoContent),
        WriteRequest::CancelPromotion {
            account_id,
            promotion_id,
            cancellation_date,
        } => clients
            .mascustomers()?
            .cancel_promotion(account_id, promotion_id, *cancellation_date)
            .await
            .map(|()| WriteOk::NoContent),
    }
}
