//! A shared read-only sandbox per test binary, fresh ones for writes, and request helpers.

use guichet::domain::Provider;
use guichet::sandbox::{self, SandboxHandle, SandboxOptions, demo};
use reqwest::{Client, Method, RequestBuilder};
use serde_json::Value;
use std::sync::OnceLock;

pub const SEED: u64 = 42;

pub fn client() -> Client {
    static CLIENT: OnceLock<Client> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            let _ = rustls::crypto::ring::default_provider().install_default();
            // No idle pool: each test has its own runtime, and a pooled connection would
            // belong to a runtime that is gone.
            Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .expect("client")
        })
        .clone()
}

pub use super::shared::shared;

/// A sandbox of its own, for tests that write.
pub async fn fresh() -> SandboxHandle {
    sandbox::start(SandboxOptions::default())
        .await
        .expect("start")
}

pub fn fixtures() -> demo::Fixtures {
    demo::fixtures(SEED)
}

/// Provider-authenticated request builders.
pub fn mas(base: &str, method: Method, path: &str) -> RequestBuilder {
    client()
        .request(
            method,
            format!("{base}{}/orgs/{}{path}", demo::MAS_PREFIX, demo::MAS_ORG),
        )
        .bearer_auth(demo::MAS_TOKEN)
}

pub fn pxl(base: &str, method: Method, path: &str) -> RequestBuilder {
    client()
        .request(method, format!("{base}{}{path}", demo::PXL_PREFIX))
        .header("X-API-Key", demo::PXL_MANAGE_KEY)
}

pub const SMONEY_MEDIA: &str = "application/vnd.s-money.v1+json";

pub fn smoney(base: &str, method: Method, path: &str) -> RequestBuilder {
    client()
        .request(method, format!("{base}{}{path}", demo::SMONEY_PREFIX))
        .bearer_auth(demo::SMONEY_TOKEN)
        .header("Accept", SMONEY_MEDIA)
}

/// An S-money POST with the vendor media type and a JSON body.
pub fn smoney_post(base: &str, path: &str, body: &Value) -> RequestBuilder {
    smoney(base, Method::POST, path)
        .header("Content-Type", SMONEY_MEDIA)
        .body(body.to_string())
}

pub fn lyra(base: &str, service: &str, body: &Value) -> RequestBuilder {
    client()
        .post(format!("{base}{}/{service}", demo::LYRA_PREFIX))
        .basic_auth(demo::LYRA_USER, Some(demo::LYRA_PASSWORD))
        .json(body)
}

pub fn monext(base: &str, method: Method, path: &str) -> RequestBuilder {
    client()
        .request(method, format!("{base}{}{path}", demo::MONEXT_PREFIX))
        .basic_auth(demo::MONEXT_USER, Some(demo::MONEXT_PASSWORD))
}

/// Sends and returns the status and the JSON body (Null when empty).
pub async fn send(req: RequestBuilder) -> (u16, Value) {
    let resp = req.send().await.expect("request");
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.expect("body");
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))
    };
    (status, body)
}

/// Sends, then checks the body against the provider's OpenAPI document for that route.
pub async fn call(p: Provider, method: &str, template: &str, req: RequestBuilder) -> (u16, Value) {
    let (status, body) = send(req).await;
    if let Err(e) = super::openapi::validate(p, method, template, status, &body) {
        panic!(
            "{} {method} {template} answered {status} {body}: {e}",
            p.key()
        );
    }
    (status, body)
}

/// Sends to a route that is not documented and checks the provider's error shape.
pub async fn call_error(p: Provider, req: RequestBuilder) -> (u16, Value) {
    let (status, body) = send(req).await;
    if let Err(e) = super::openapi::validate_error(p, &body) {
        panic!("{} answered {status} {body}: {e}", p.key());
    }
    (status, body)
}
