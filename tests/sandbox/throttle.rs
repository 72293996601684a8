//! The 429 fault: `Retry-After` in seconds or as an HTTP date, in each provider's own error
//! shape, set at start or per provider through `/_sandbox/faults`; and the start-up
//! safety of `guichet sandbox`: a private `--db` file and loopback unless allowed.

use super::common::*;
use guichet::domain::Provider;
use guichet::sandbox::{self, Faults, ProviderFaults, SandboxError, SandboxOptions};
use reqwest::Method;
use serde_json::json;

/// Sends and returns the status, the `Retry-After` header and the body, checking the body
/// against the provider's document for that route.
async fn throttled(
    p: Provider,
    method: &str,
    template: &str,
    req: reqwest::RequestBuilder,
) -> (u16, String, serde_json::Value) {
    let resp = req.send().await.expect("send");
    let status = resp.status().as_u16();
    let retry = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body: serde_json::Value = resp.json().await.expect("json");
    if let Err(e) = super::openapi::validate(p, method, template, status, &body) {
        panic!("{} {template} {status} {body}: {e}", p.key());
    }
    (status, retry, body)
}

#[tokio::test]
async fn throttling_answers_429_with_retry_after_in_each_providers_shape() {
    let sb = fresh().await;
    let base = sb.base_url();
    let every = json!({"throttle_rate": 1.0, "retry_after_s": 3});
    let (s, f) = send(
        client()
            .put(format!("{base}/_sandbox/faults"))
            .json(&json!({
                "mascustomers": every, "pxlhub": every, "smoney": every, "lyra": every,
                "monext": {"throttle_rate": 1.0, "retry_after_s": 3, "retry_after_date": true},
            })),
    )
    .await;
    assert_eq!((s, f["pxlhub"]["throttle_rate"].as_f64()), (200, Some(1.0)));
    let (s, r, b) = throttled(
        Provider::Mascustomers,
        "GET",
        "/orgs/{org}/customers",
        mas(&base, Method::GET, "/customers"),
    )
    .await;
    assert_eq!(
        (s, r.as_str(), b["code"].as_str()),
        (429, "3", Some("0429"))
    );
    let (s, r, b) = throttled(
        Provider::Pxlhub,
        "GET",
        "/wallets",
        pxl(&base, Method::GET, "/wallets"),
    )
    .await;
    assert_eq!(
        (s, r.as_str(), b["code"].as_str()),
        (429, "3", Some("TOO_MANY_REQUESTS"))
    );
    let (s, r, b) = throttled(
        Provider::Smoney,
        "GET",
        "/users",
        smoney(&base, Method::GET, "/users"),
    )
    .await;
    assert_eq!((s, r.as_str(), b["Code"].as_i64()), (429, "3", Some(429)));
    let (s, r, b) = throttled(
        Provider::Lyra,
        "POST",
        "/Charge/SDKTest",
        lyra(&base, "Charge/SDKTest", &json!({"value": "x"})),
    )
    .await;
    assert_eq!(
        (
            s,
            r.as_str(),
            b["status"].as_str(),
            b["webService"].as_str()
        ),
        (429, "3", Some("ERROR"), Some("Charge/SDKTest"))
    );
    let (s, r, b) = throttled(
        Provider::Monext,
        "GET",
        "/checkout/alive",
        monext(&base, Method::GET, "/checkout/alive"),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (429, Some("TOO_MANY_REQUESTS")));
    let at = chrono::DateTime::parse_from_rfc2822(&r).unwrap_or_else(|e| panic!("{r:?}: {e}"));
    let ahead = at.to_utc() - chrono::Utc::now();
    assert!(
        (1..=4).contains(&ahead.num_seconds()),
        "an HTTP date about 3 s ahead: {r}"
    );
    // Turning it off answers again; a rate out of 0..1 is refused.
    let (s, _) = send(
        client()
            .put(format!("{base}/_sandbox/faults"))
            .json(&json!({
                "pxlhub": {}
            })),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = send(pxl(&base, Method::GET, "/wallets")).await;
    assert_eq!(s, 200);
    let (s, b) = send(
        client()
            .put(format!("{base}/_sandbox/faults"))
            .json(&json!({
                "pxlhub": {"throttle_rate": 2.0}
            })),
    )
    .await;
    assert_eq!(s, 400, "{b}");
    sb.stop().await;
}

#[tokio::test]
async fn throttling_set_at_start() {
    let mut faults = Faults::default();
    *faults.get_mut(Provider::Pxlhub) = ProviderFaults {
        throttle_rate: 1.0,
        retry_after_s: 7,
        ..ProviderFaults::default()
    };
    let sb = sandbox::start(SandboxOptions {
        faults,
        ..SandboxOptions::default()
    })
    .await
    .expect("start");
    let base = sb.base_url();
    let (s, r, _) = throttled(
        Provider::Pxlhub,
        "POST",
        "/wallets",
        pxl(&base, Method::POST, "/wallets").json(&json!({})),
    )
    .await;
    assert_eq!((s, r.as_str()), (429, "7"));
    let (s, _) = send(monext(&base, Method::GET, "/checkout/alive")).await;
    assert_eq!(s, 200, "other providers are untouched");
    sb.stop().await;
}

#[cfg(unix)]
#[tokio::test]
async fn the_db_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sandbox.db");
    let sb = sandbox::start(SandboxOptions {
        db: Some(path.clone()),
        ..SandboxOptions::default()
    })
    .await
    .expect("start");
    // A write, so that the WAL and shared-memory files exist too.
    let (s, _) = send(client().post(format!("{}/_sandbox/reset", sb.base_url()))).await;
    assert_eq!(s, 200);
    for suffix in ["", "-wal", "-shm"] {
        let file = dir.path().join(format!("sandbox.db{suffix}"));
        if let Ok(meta) = std::fs::metadata(&file) {
            assert_eq!(
                meta.permissions().mode() & 0o777,
                0o600,
                "{}",
                file.display()
            );
        } else {
            assert!(!suffix.is_empty(), "the database file exists");
        }
    }
    sb.stop().await;
}

#[tokio::test]
async fn a_non_loopback_address_needs_allow_remote() {
    let addr: std::net::SocketAddr = "0.0.0.0:0".parse().expect("addr");
    let refused = sandbox::start(SandboxOptions {
        addr,
        ..SandboxOptions::default()
    })
    .await;
    match refused {
        Err(e @ SandboxError::Remote { .. }) => {
            assert!(e.to_string().contains("--allow-remote"), "{e}");
        }
        Err(e) => panic!("refused for another reason: {e}"),
        Ok(_) => panic!("listened on every interface without --allow-remote"),
    }
    let sb = sandbox::start(SandboxOptions {
        addr,
        allow_remote: true,
        ..SandboxOptions::default()
    })
    .await
    .expect("allowed");
    assert!(sb.addr().ip().is_unspecified());
    sb.stop().await;
}
