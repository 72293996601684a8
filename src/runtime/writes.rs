//! Performing a write: send it once (or with its own idempotency key, retried by the
//! client), then append the attempt to the audit log — written and flushed to disk — before
//! the answer goes back to the screen.

use crate::api::Clients;
use crate::app::form::{AuditSummary, WriteOk, WriteRequest};
use crate::audit::{self, AuditEntry, AuditOutcome};
use crate::config::Environment;
use crate::domain::{ApiError, ErrorKind, Provider};
use std::path::PathBuf;

/// Who writes, where the audit log is.
#[derive(Debug, Clone)]
pub struct AuditContext {
    pub dir: PathBuf,
    pub profile: String,
    pub environment: Environment,
}

/// The audit outcome of a write's result. A write refused before sending (not configured,
/// a URL refused by the transport policy) is `refused`, like a read-only refusal.
pub fn outcome_of(result: &Result<WriteOk, ApiError>) -> AuditOutcome {
    match result {
        Ok(_) => AuditOutcome::Ok,
        Err(e) if e.outcome_unknown => AuditOutcome::Unknown,
        Err(e) if e.kind == ErrorKind::Local => AuditOutcome::Refused,
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
    record(audit_ctx, request.provider(), summary, outcome_of(&result)).await;
    result
}

/// Records a write the console refused before sending (read-only profile).
pub async fn record_refusal(audit_ctx: &AuditContext, provider: Provider, summary: &AuditSummary) {
    record(audit_ctx, provider, summary, AuditOutcome::Refused).await;
}

/// Appends one audit line, synced to disk, on the blocking pool (an fsync must not hold an
/// async worker).
async fn record(
    audit_ctx: &AuditContext,
    provider: Provider,
    summary: &AuditSummary,
    outcome: AuditOutcome,
) {
    let mut entry = AuditEntry::now(
        audit_ctx.profile.clone(),
        audit_ctx.environment,
        provider,
        summary.action,
        outcome,
    );
    entry.targets = summary.target_ids.clone();
    entry.key = summary.key.clone();
    entry.summary = summary.summary.clone();
    let dir = audit_ctx.dir.clone();
    let written = tokio::task::spawn_blocking(move || audit::append(&dir, &entry)).await;
    match written {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::error!(action = summary.action, "audit log not written: {e}"),
        Err(e) => tracing::error!(action = summary.action, "audit log not written: {e}"),
    }
}

/// Sends the request the confirmation showed: the api layer's [`crate::api::WireWrite`]
/// for it, built from the same value and the profile's organisation.
async fn send(clients: &Clients, request: &WriteRequest) -> Result<WriteOk, ApiError> {
    match request {
        WriteRequest::OpenWallet(_) => {
            let pxlhub = clients.pxlhub()?;
            let wire = request.wire(clients.mascustomers_org());
            pxlhub
                .send_open_wallet(&wire)
                .await
                .map(WriteOk::WalletOpened)
        }
        WriteRequest::ChangePaymentMethod { .. } | WriteRequest::CancelPromotion { .. } => {
            let mas = clients.mascustomers()?;
            let wire = request.wire(mas.org());
            mas.send_patch(&wire).await.map(|()| WriteOk::NoContent)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_for_the_audit_log() {
        let p = Provider::Pxlhub;
        assert_eq!(outcome_of(&Ok(WriteOk::NoContent)), AuditOutcome::Ok);
        let mut lost = ApiError::new(p, ErrorKind::ServerError, "bad gateway").with_status(502);
        lost.outcome_unknown = true;
        assert_eq!(outcome_of(&Err(lost)), AuditOutcome::Unknown);
        let refused = ApiError::new(p, ErrorKind::Rejected, "no")
            .with_status(404)
            .with_code("STAY_NOT_FOUND");
        assert_eq!(
            outcome_of(&Err(refused)),
            AuditOutcome::ProviderCode("STAY_NOT_FOUND".into())
        );
        let local = ApiError::new(p, ErrorKind::Local, "not configured in this profile");
        assert_eq!(outcome_of(&Err(local)), AuditOutcome::Refused);
    }
}
