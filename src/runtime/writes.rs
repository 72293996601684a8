//! Performing a write with a write-ahead journal: its intent synced to disk before the
//! request leaves (no intent on disk, no request), the request sent once (or with its own
//! idempotency key, retried by the client), then its outcome synced before the answer goes
//! back to the screen. Also what settles an unknown outcome later, and reveals.

use crate::api::{Clients, WireWrite};
use crate::app::form::{AuditSummary, WriteOk, WriteRequest};
use crate::app::msg::ReadBack;
use crate::app::unsettled::UnsettledWrite;
use crate::audit::journal::{self, Intent, Record, Resolution, Reveal};
use crate::audit::{self, AuditEntry, AuditOutcome};
use crate::config::Environment;
use crate::domain::customer::PaymentMethod;
use crate::domain::iban::normalize;
use crate::domain::requests::PaymentMethodChange;
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
        Ok(WriteOk::WalletOpened(w)) if w.already_open => {
            AuditOutcome::NoOp(format!("already open, wallet {}", w.wallet_id))
        }
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

/// Sends `request` and records it: the intent is on disk before anything is sent (if it
/// cannot be written, nothing is sent and the write fails), the outcome before this
/// returns (if that line cannot be written the failure is logged as an error: the write
/// itself already happened or not, and hiding its result would be worse).
pub async fn perform(
    clients: &Clients,
    audit_ctx: &AuditContext,
    request: &WriteRequest,
    wire: &WireWrite,
    summary: &AuditSummary,
) -> Result<WriteOk, ApiError> {
    let provider = request.provider();
    let write = uuid::Uuid::new_v4().to_string();
    let digest = sent_digest(audit_ctx, request).await;
    let intent = Record::Intent(Intent {
        write: write.clone(),
        user: audit::current_user(),
        profile: audit_ctx.profile.clone(),
        environment: audit_ctx.environment,
        provider,
        action: summary.action.to_owned(),
        targets: summary.target_ids.clone(),
        key: summary.key.clone(),
        // The request as it leaves, masked: method, path and body.
        request: format!(
            "{} {} {}",
            wire.method().as_str(),
            wire.path(),
            wire.masked_body()
        ),
        digest,
    });
    if let Err(e) = append(audit_ctx, intent).await {
        tracing::error!(
            action = summary.action,
            "audit intent not written, nothing sent: {e}"
        );
        return Err(ApiError::new(
            provider,
            ErrorKind::Local,
            format!("the audit journal cannot be written ({e}): nothing was sent"),
        ));
    }
    let result = send(clients, request, wire).await;
    let outcome = Record::Outcome {
        write,
        outcome: outcome_of(&result),
    };
    if let Err(e) = append(audit_ctx, outcome).await {
        tracing::error!(action = summary.action, "audit outcome not written: {e}");
    }
    result
}

/// The keyed digest of the sensitive value `request` sends (a new IBAN), for its intent.
/// Without the key the intent goes without it: a later re-read then says "not known"
/// rather than "applied".
async fn sent_digest(audit_ctx: &AuditContext, request: &WriteRequest) -> Option<String> {
    let WriteRequest::ChangePaymentMethod {
        change: PaymentMethodChange::DirectDebit { iban },
        ..
    } = request
    else {
        return None;
    };
    let value = iban.as_str().to_owned();
    match keyed_digest(audit_ctx, value).await {
        Ok(d) => Some(d),
        Err(e) => {
            tracing::error!("the journal's digest key cannot be used: {e}");
            None
        }
    }
}

/// The keyed digest of an IBAN read back, when the provider gave it in full (a masked
/// one has characters an IBAN never has).
pub async fn read_digest(audit_ctx: &AuditContext, back: &ReadBack) -> Option<String> {
    let ReadBack::Account(account) = back else {
        return None;
    };
    let PaymentMethod::DirectDebit { iban } = &account.payment_method else {
        return None;
    };
    let value = normalize(iban.reveal());
    if value.len() < 5 || !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    keyed_digest(audit_ctx, value).await.ok()
}

/// The digest under the folder's key, on the blocking pool (making the key syncs a file).
async fn keyed_digest(audit_ctx: &AuditContext, value: String) -> std::io::Result<String> {
    let dir = audit_ctx.dir.clone();
    tokio::task::spawn_blocking(move || audit::digest::digest(&dir, &value))
        .await
        .map_err(std::io::Error::other)?
}

/// Records a write the console refused before sending (read-only profile).
pub async fn record_refusal(audit_ctx: &AuditContext, provider: Provider, summary: &AuditSummary) {
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
    if let Err(e) = append(audit_ctx, Record::Attempt(entry)).await {
        tracing::error!(action = summary.action, "audit refusal not written: {e}");
    }
}

/// Records what a re-read found about the latest unsettled write of `summary` (same action,
/// targets and key; outcome unknown or missing): `resolved: applied | not applied`. Returns
/// whether there was such a write (none: nothing is written).
pub async fn record_resolution(
    audit_ctx: &AuditContext,
    summary: &AuditSummary,
    resolved: Resolution,
) -> std::io::Result<bool> {
    let dir = audit_ctx.dir.clone();
    let (action, targets, key) = (
        summary.action,
        summary.target_ids.clone(),
        summary.key.clone(),
    );
    let found = tokio::task::spawn_blocking(move || {
        audit::unsettled_write(&dir, action, &targets, key.as_deref())
    })
    .await
    .map_err(std::io::Error::other)??;
    let Some(write) = found else {
        return Ok(false);
    };
    append(audit_ctx, Record::Resolved { write, resolved }).await?;
    Ok(true)
}

/// Records what a re-read found about the write `write` whose intent had nothing after it
/// (the start-up notice): `resolved: applied | not applied` on that very write.
pub async fn record_settled(
    audit_ctx: &AuditContext,
    write: &str,
    resolved: Resolution,
) -> std::io::Result<()> {
    let record = Record::Resolved {
        write: write.to_owned(),
        resolved,
    };
    append(audit_ctx, record).await
}

/// The writes of this profile the journal left unfinished (an intent and nothing after),
/// for the start-up notice. A journal that cannot be read is logged and tells nothing.
pub fn unfinished_writes(audit_ctx: &AuditContext) -> Vec<UnsettledWrite> {
    let intents = match audit::unfinished_intents(&audit_ctx.dir) {
        Ok(intents) => intents,
        Err(e) => {
            tracing::error!("the audit journal could not be read for unfinished writes: {e}");
            return Vec::new();
        }
    };
    intents
        .into_iter()
        .filter(|(_, i)| i.profile == audit_ctx.profile && i.environment == audit_ctx.environment)
        .map(|(time, i)| UnsettledWrite {
            write: i.write,
            time,
            provider: i.provider,
            action: i.action,
            targets: i.targets,
            key: i.key,
            request: i.request,
            digest: i.digest,
        })
        .collect()
}

/// Records that masked data was shown in clear: who, what, and why when a reason was asked.
pub async fn record_reveal(
    audit_ctx: &AuditContext,
    resource: &str,
    field: &str,
    reason: Option<&str>,
) -> std::io::Result<()> {
    let reveal = Reveal {
        user: audit::current_user(),
        profile: audit_ctx.profile.clone(),
        environment: audit_ctx.environment,
        resource: resource.to_owned(),
        field: field.to_owned(),
        reason: reason.map(str::to_owned),
    };
    append(audit_ctx, Record::Reveal(reveal)).await
}

/// Appends one record, synced to disk, on the blocking pool (an fsync must not hold an
/// async worker).
async fn append(audit_ctx: &AuditContext, record: Record) -> std::io::Result<()> {
    let dir = audit_ctx.dir.clone();
    tokio::task::spawn_blocking(move || journal::append_record(&dir, record))
        .await
        .map_err(std::io::Error::other)?
}

/// Sends the request the confirmation showed, as it was built for it; `request` says only
/// which answer to expect.
async fn send(
    clients: &Clients,
    request: &WriteRequest,
    wire: &WireWrite,
) -> Result<WriteOk, ApiError> {
    match request {
        WriteRequest::OpenWallet(_) => clients
            .pxlhub()?
            .send_open_wallet(wire)
            .await
            .map(WriteOk::WalletOpened),
        WriteRequest::ChangePaymentMethod { .. } | WriteRequest::CancelPromotion { .. } => clients
            .mascustomers()?
            .send_patch(wire)
            .await
            .map(|()| WriteOk::NoContent),
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

    #[test]
    fn a_wallet_already_open_is_a_no_op_not_ok() {
        use crate::domain::cashless::WalletOpened;
        let again = WriteOk::WalletOpened(WalletOpened {
            wallet_id: "w-7".into(),
            already_open: true,
        });
        let outcome = outcome_of(&Ok(again));
        assert_eq!(outcome.to_string(), "no-op: already open, wallet w-7");
        let fresh = WriteOk::WalletOpened(WalletOpened {
            wallet_id: "w-8".into(),
            already_open: false,
        });
        assert_eq!(outcome_of(&Ok(fresh)), AuditOutcome::Ok);
    }

    fn ctx(dir: &std::path::Path) -> AuditContext {
        AuditContext {
            dir: dir.to_path_buf(),
            profile: "staging".into(),
            environment: Environment::Staging,
        }
    }

    fn summary() -> AuditSummary {
        AuditSummary {
            action: "wallet.open",
            target_ids: vec!["stay-1".into()],
            key: Some("corr-1".into()),
            summary: "open a prepaid EUR wallet".into(),
        }
    }

    #[tokio::test]
    async fn an_iban_read_back_is_digested_with_the_folder_key_unless_masked() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let c = ctx(tmp.path());
        let account = |iban: &str| {
            ReadBack::Account(crate::domain::customer::Account {
                id: "a-1".into(),
                customer_id: "c-1".into(),
                modality: crate::domain::customer::Modality::Postpaid,
                status: crate::domain::customer::AccountStatus::Active,
                created_at: chrono::Utc::now(),
                billing_address: None,
                payment_method: PaymentMethod::DirectDebit {
                    iban: crate::domain::customer::IbanText(iban.into()),
                },
            })
        };
        let sent = audit::digest::digest(tmp.path(), "DE89370400440532013000").expect("key");
        assert_eq!(
            read_digest(&c, &account("de89 3704 0044 0532 0130 00")).await,
            Some(sent),
            "the same IBAN as sent, however it is spaced"
        );
        assert_eq!(
            read_digest(&c, &account("DE89 •••• •••• •••• 3000")).await,
            None
        );
        assert_eq!(
            read_digest(&c, &account("DE89**************3000")).await,
            None
        );
    }

    #[tokio::test]
    async fn the_intent_is_on_disk_before_the_request_leaves() {
        // An unreachable provider: the request fails, the intent was written first.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let tmp = tempfile::tempdir().expect("tempdir");
        let settings = crate::runtime::setup::demo_settings("http://127.0.0.1:9");
        let clients = Clients::new(&settings).expect("clients");
        let request = WriteRequest::CancelPromotion {
            account_id: "a-1".into(),
            promotion_id: "p-1".into(),
            cancellation_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
        };
        let result = perform(
            &clients,
            &ctx(tmp.path()),
            &request,
            &request.wire(clients.mascustomers_org()),
            &summary(),
        )
        .await;
        assert!(result.is_err());
        let records = journal::records(tmp.path()).expect("journal");
        let Record::Intent(intent) = &records[0].1 else {
            panic!("the intent first: {records:?}");
        };
        assert_eq!(intent.key.as_deref(), Some("corr-1"));
        assert!(matches!(&records[1].1, Record::Outcome { write, .. } if *write == intent.write));
        // An unwritable journal: nothing is sent.
        let file = tmp.path().join("not-a-dir");
        std::fs::write(&file, "x").expect("file");
        let refused = perform(
            &clients,
            &ctx(&file),
            &request,
            &request.wire(clients.mascustomers_org()),
            &summary(),
        )
        .await;
        assert!(refused.is_err_and(|e| e.message.contains("nothing was sent")));
    }

    #[tokio::test]
    async fn an_unknown_outcome_is_settled_by_a_resolution_and_reveals_are_journaled() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let c = ctx(tmp.path());
        let s = summary();
        let intent = |write: &str| {
            Record::Intent(Intent {
                write: write.into(),
                user: "ann".into(),
                profile: "staging".into(),
                environment: Environment::Staging,
                provider: Provider::Pxlhub,
                action: s.action.into(),
                targets: s.target_ids.clone(),
                key: s.key.clone(),
                request: s.summary.clone(),
                digest: None,
            })
        };
        append(&c, intent("w1")).await.expect("append");
        let lost = Record::Outcome {
            write: "w1".into(),
            outcome: AuditOutcome::Unknown,
        };
        append(&c, lost).await.expect("append");
        assert!(
            record_resolution(&c, &s, Resolution::Applied)
                .await
                .expect("resolve")
        );
        // Settled once: a second re-read finds nothing left to settle.
        assert!(
            !record_resolution(&c, &s, Resolution::Applied)
                .await
                .expect("resolve")
        );
        append(&c, intent("w2")).await.expect("append");
        record_reveal(&c, "account a-1", "iban", Some("customer asked"))
            .await
            .expect("reveal");
        let writes = audit::writes(tmp.path()).expect("writes");
        assert_eq!(writes[0].state(), "unknown → applied");
        assert_eq!(writes[1].state(), "no outcome");
        let pending = audit::intents_without_outcome(tmp.path()).expect("pending");
        assert_eq!(pending.len(), 1);
        let records = journal::records(tmp.path()).expect("journal");
        assert!(matches!(&records.last().expect("a reveal").1,
            Record::Reveal(r) if r.field == "iban" && r.reason.as_deref() == Some("customer asked")));
        assert!(matches!(
            audit::verify(tmp.path()),
            Ok(audit::Verdict::Ok { lines: 5 })
        ));
    }
}
