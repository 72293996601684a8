//! Injected faults, per provider: latency, an error rate (5xx in the provider's shape),
//! "applied but answered 502" for writes, dropped connections, truncated bodies and 429
//! with `Retry-After` (seconds or an HTTP date). Rolls
//! come from a counter through splitmix64, so a rate of 1.0 always fires and 0.0 never does.

use super::conn::ConnInfo;
use super::http::Reject;
use super::prng::mix;
use crate::domain::Provider;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Faults of one provider. Rates are in `0.0..=1.0`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProviderFaults {
    pub latency_ms: u64,
    pub error_rate: f64,
    pub fail_after_commit: bool,
    pub drop_rate: f64,
    pub truncate_rate: f64,
    /// Share of requests answered 429 with `Retry-After`, before doing anything.
    pub throttle_rate: f64,
    /// The `Retry-After` of a 429, in seconds (0 is taken as 1).
    pub retry_after_s: u64,
    /// `Retry-After` as an HTTP date (now + `retry_after_s`) instead of seconds.
    pub retry_after_date: bool,
}

impl ProviderFaults {
    /// The `Retry-After` value of a 429 answered at `now`.
    pub fn retry_after(&self, now: chrono::DateTime<chrono::Utc>) -> String {
        let secs = self.retry_after_s.clamp(1, 86_400);
        if self.retry_after_date {
            let at = now + chrono::Duration::seconds(secs as i64);
            at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
        } else {
            secs.to_string()
        }
    }
}

/// Faults of all five providers, as `PUT /_sandbox/faults` takes them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    pub mascustomers: ProviderFaults,
    pub pxlhub: ProviderFaults,
    pub smoney: ProviderFaults,
    pub lyra: ProviderFaults,
    pub monext: ProviderFaults,
}

impl Faults {
    pub fn get(&self, p: Provider) -> &ProviderFaults {
        match p {
            Provider::Mascustomers => &self.mascustomers,
            Provider::Pxlhub => &self.pxlhub,
            Provider::Smoney => &self.smoney,
            Provider::Lyra => &self.lyra,
            Provider::Monext => &self.monext,
        }
    }

    pub fn get_mut(&mut self, p: Provider) -> &mut ProviderFaults {
        match p {
            Provider::Mascustomers => &mut self.mascustomers,
            Provider::Pxlhub => &mut self.pxlhub,
            Provider::Smoney => &mut self.smoney,
            Provider::Lyra => &mut self.lyra,
            Provider::Monext => &mut self.monext,
        }
    }
}

/// The live fault settings and the roll counter.
#[derive(Clone)]
pub struct FaultState {
    faults: Arc<Mutex<Faults>>,
    counter: Arc<AtomicU64>,
    seed: u64,
}

impl FaultState {
    pub fn new(faults: Faults, seed: u64) -> FaultState {
        FaultState {
            faults: Arc::new(Mutex::new(faults)),
            counter: Arc::new(AtomicU64::new(0)),
            seed,
        }
    }

    pub fn snapshot(&self) -> Faults {
        self.faults.lock().map(|f| f.clone()).unwrap_or_default()
    }

    /// Replaces the faults of the providers present in `update` (a JSON object keyed by
    /// provider key); others stay as they are.
    pub fn apply(
        &self,
        update: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Faults, String> {
        let mut parsed = Vec::new();
        for (key, value) in update {
            let p = Provider::from_key(&key).ok_or_else(|| format!("unknown provider {key:?}"))?;
            let f: ProviderFaults =
                serde_json::from_value(value).map_err(|e| format!("{key}: {e}"))?;
            for (name, rate) in [
                ("error_rate", f.error_rate),
                ("drop_rate", f.drop_rate),
                ("truncate_rate", f.truncate_rate),
                ("throttle_rate", f.throttle_rate),
            ] {
                if !(0.0..=1.0).contains(&rate) {
                    return Err(format!("{key}.{name} must be between 0 and 1"));
                }
            }
            parsed.push((p, f));
        }
        let mut guard = self
            .faults
            .lock()
            .map_err(|_| "fault settings poisoned".to_string())?;
        for (p, f) in parsed {
            *guard.get_mut(p) = f;
        }
        Ok(guard.clone())
    }

    fn roll(&self, rate: f64) -> bool {
        if rate <= 0.0 {
            return false;
        }
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let unit = (mix(self.seed ^ mix(n)) >> 11) as f64 / (1u64 << 53) as f64;
        unit < rate
    }
}

/// What the fault layer needs to know of the provider it wraps.
#[derive(Clone)]
pub struct FaultLayer {
    pub state: FaultState,
    pub provider: Provider,
    /// Renders a fault in the provider's shape; gets the path relative to the prefix.
    pub render: fn(Reject, &str) -> Response,
}

/// Middleware: applies the provider's faults around the real handler.
pub async fn fault_middleware(
    State(layer): State<FaultLayer>,
    req: Request,
    next: Next,
) -> Response {
    let began = std::time::Instant::now();
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let response = apply_faults(&layer, req, next).await;
    // Paths hold ids only (IBANs and card numbers travel in bodies), so they may be logged.
    tracing::debug!(
        provider = layer.provider.key(),
        %method,
        path,
        status = response.status().as_u16(),
        elapsed = ?began.elapsed(),
        "sandbox request"
    );
    response
}

async fn apply_faults(layer: &FaultLayer, req: Request, next: Next) -> Response {
    let f = layer.state.snapshot().get(layer.provider).clone();
    if f == ProviderFaults::default() {
        return next.run(req).await;
    }
    let path = req.uri().path().to_string();
    if f.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(f.latency_ms.min(60_000))).await;
    }
    let conn = req
        .extensions()
        .get::<ConnectInfo<ConnInfo>>()
        .map(|c| c.0.clone());
    if layer.state.roll(f.drop_rate)
        && let Some(conn) = &conn
    {
        conn.cut();
        return ().into_response();
    }
    if layer.state.roll(f.throttle_rate) {
        let mut response = (layer.render)(Reject::TooManyRequests, &path);
        if let Ok(v) = header::HeaderValue::from_str(&f.retry_after(chrono::Utc::now())) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return response;
    }
    if layer.state.roll(f.error_rate) {
        return (layer.render)(Reject::Unavailable, &path);
    }
    let is_write = req.method() != Method::GET && req.method() != Method::HEAD;
    let response = next.run(req).await;
    if f.fail_after_commit && is_write && response.status().is_success() {
        return (layer.render)(Reject::BadGateway, &path);
    }
    if layer.state.roll(f.truncate_rate) {
        return truncate(response).await;
    }
    response
}

/// Announces the whole length but sends half the bytes, then the connection ends.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let full = bytes.len();
    let half = bytes.slice(..full / 2);
    parts.headers.insert(header::CONTENT_LENGTH, full.into());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(half) });
    Response::from_parts(parts, Body::from_stream(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_or_as_an_http_date() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T21:00:00Z")
            .expect("date")
            .to_utc();
        let mut f = ProviderFaults {
            retry_after_s: 3,
            ..ProviderFaults::default()
        };
        assert_eq!(f.retry_after(now), "3");
        f.retry_after_date = true;
        assert_eq!(f.retry_after(now), "Tue, 01 Dec 2026 21:00:03 GMT");
        f.retry_after_s = 0;
        f.retry_after_date = false;
        assert_eq!(
            f.retry_after(now),
            "1",
            "never 0: a client would retry at once"
        );
    }
}
