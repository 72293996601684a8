//! The sandbox's injected faults (`PUT /_sandbox/faults`) seen through the clients.

use super::sandbox_support::Sandbox;
use guichet::api::{Clients, RefundRequest};
use guichet::domain::{ErrorKind, PageRequest};
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn error_drop_truncate_and_latency() {
    let sb = Sandbox::start().await;
    sb.set_faults(json!({
        "mascustomers": {"error_rate": 1.0},
        "monext": {"drop_rate": 1.0},
        "lyra": {"truncate_rate": 1.0},
        "smoney": {"latency_ms": 1500}
    }))
    .await;
    let mut settings = sb.settings();
    settings.request_timeout = Duration::from_millis(500);
    let c = Clients::new(&settings).unwrap();

    let e = c
        .mascustomers
        .list_customers(&PageRequest::first(1), None)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::ServerError, "{e:?}");
    assert_eq!(e.status, Some(503));
    assert!(
        e.code.is_some() && e.retryable && !e.outcome_unknown,
        "{e:?}"
    );

    let e = c.monext.alive().await.unwrap_err();
    assert_eq!(
        (e.kind, e.status),
        (ErrorKind::ConnectionLost, None),
        "{e:?}"
    );
    assert!(e.retryable);

    // Full length announced, half the body sent, then the connection ends (hyper may end it
    // before the status line is flushed, so the status may be missing).
    let e = c.lyra.sdk_test("x").await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::ConnectionLost, "{e:?}");
    assert!(matches!(e.status, None | Some(200)), "{e:?}");
    assert!(e.retryable && !e.outcome_unknown);

    let started = Instant::now();
    let e = c
        .smoney
        .list_users(&PageRequest::first(1))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e:?}");
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn idempotent_write_retried_through_unavailability() {
    let sb = Sandbox::start().await;
    sb.set_faults(json!({"pxlhub": {"error_rate": 1.0}})).await;
    let refund = RefundRequest {
        business_date: chrono::Utc::now().date_naive(),
        idempotency_key: uuid::Uuid::new_v4().to_string(),
        correlation_id: uuid::Uuid::new_v4().to_string(),
    };
    let started = Instant::now();
    let e = sb
        .clients
        .pxlhub
        .refund(&sb.fx.wallet_id, &refund)
        .await
        .unwrap_err();
    // 200 + 400 + 800 ms of backoff between four attempts.
    assert!(
        started.elapsed() >= Duration::from_millis(1400),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        (e.kind, e.status),
        (ErrorKind::ServerError, Some(503)),
        "{e:?}"
    );
    assert_eq!(e.code.as_deref(), Some("SERVICE_UNAVAILABLE"));
    assert!(e.retryable && e.outcome_unknown);
    sb.set_faults(json!({"pxlhub": {"error_rate": 0.0}})).await;
    let r = sb
        .clients
        .pxlhub
        .refund(&sb.fx.wallet_id, &refund)
        .await
        .unwrap();
    assert_eq!(r.wallet_id, sb.fx.wallet_id);
}
