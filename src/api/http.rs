//! The request loop shared by the five clients: builds the request, applies the retry
//! policy, writes one log line per attempt and turns every failure into an [`ApiError`].
//!
//! Cancellation: every call is a plain future over reqwest. Dropping it (a newer request
//! replacing an older one, a `tokio::time::timeout`, an aborted task) drops the in-flight
//! HTTP request and closes its connection; nothing keeps running in the background.

use super::decode;
use super::redact::redact_with_secrets;
pub use super::request::{Request, code_text, seg};
use super::retry::{Attempt, CallKind, RetryPolicy};
use super::settings::{Auth, Endpoint};
use super::transport::{CheckedUrl, auth_header, check_url};
use crate::domain::{ApiError, ErrorKind, Provider};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::Arc;
use std::time::Instant;

/// What a provider's error body says, as its module reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderErrorBody {
    pub code: Option<String>,
    pub message: Option<String>,
    pub trace_id: Option<String>,
    /// The provider states it refused the request (S-money's business codes on HTTP 500):
    /// the outcome is known even on a 5xx.
    pub definitive: bool,
}

/// Reads a provider's error body; `None` when the body is not that provider's shape.
pub type ErrorBodyParser = fn(status: u16, body: &[u8]) -> Option<ProviderErrorBody>;

/// A successful (2xx) answer, to be decoded by the provider's module.
#[derive(Debug, Clone)]
pub struct Answer {
    pub provider: Provider,
    pub status: u16,
    pub kind: CallKind,
    pub body: Vec<u8>,
    /// The request line as sent: `GET /customers/v4/orgs/telco/accounts/8f0e…`.
    pub request: String,
}

impl Answer {
    /// Adds what the answer knows to an error found while reading it: the status, and for a
    /// write, that its outcome is unknown (it may have been applied; the answer is unreadable).
    pub fn fail(&self, mut e: ApiError) -> ApiError {
        e.status = Some(self.status);
        e.outcome_unknown = self.kind.is_write();
        e
    }

    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        decode::from_slice(self.provider, &self.body).map_err(|e| self.fail(e))
    }

    pub fn value(&self) -> Result<Value, ApiError> {
        decode::value_from_slice(self.provider, &self.body).map_err(|e| self.fail(e))
    }
}

/// How one try ended.
enum Outcome {
    Answer {
        status: u16,
        headers: HeaderMap,
        body: Vec<u8>,
    },
    Failed {
        error: reqwest::Error,
        status: Option<u16>,
    },
}

struct Inner {
    provider: Provider,
    http: reqwest::Client,
    url: CheckedUrl,
    base_path: String,
    auth: (HeaderName, HeaderValue),
    secrets: Vec<String>,
    credential_hint: String,
    parse_error: ErrorBodyParser,
    media_type: HeaderValue,
    retry: RetryPolicy,
}

/// The transport of one provider; cheap to clone.
#[derive(Clone)]
pub struct Core(Arc<Inner>);

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core")
            .field("provider", &self.0.provider)
            .field("base", &self.0.url.base)
            .finish_non_exhaustive()
    }
}

impl Core {
    pub fn new(
        provider: Provider,
        http: reqwest::Client,
        endpoint: &Endpoint,
        parse_error: ErrorBodyParser,
        media_type: &'static str,
    ) -> Result<Core, ApiError> {
        let url = check_url(provider, endpoint)?;
        let auth = auth_header(provider, &endpoint.auth)?;
        let secrets = match &endpoint.auth {
            Auth::Bearer(s) | Auth::ApiKey(s) => vec![s.expose().to_string()],
            Auth::Basic { password, .. } => vec![password.expose().to_string()],
        };
        let base_path = reqwest::Url::parse(&url.base)
            .map(|u| u.path().trim_end_matches('/').to_string())
            .unwrap_or_default();
        Ok(Core(Arc::new(Inner {
            provider,
            http,
            url,
            base_path,
            auth,
            secrets,
            credential_hint: endpoint.credential_hint.clone(),
            parse_error,
            media_type: HeaderValue::from_static(media_type),
            retry: RetryPolicy::default(),
        })))
    }

    pub fn provider(&self) -> Provider {
        self.0.provider
    }

    pub fn url(&self) -> &CheckedUrl {
        &self.0.url
    }

    /// Where the credential comes from, for 401 messages.
    pub fn credential_hint(&self) -> &str {
        &self.0.credential_hint
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.0.http
    }

    /// Sends `req`, retrying idempotent writes per the policy. `Ok` only for a 2xx answer.
    pub async fn send(&self, req: Request) -> Result<Answer, ApiError> {
        let inner = &*self.0;
        let url = format!("{}{}", inner.url.base, req.path);
        let log_path = format!("{}{}", inner.base_path, req.path);
        let body = req.body.as_deref();
        let mut retries = 0u32;
        loop {
            let started = Instant::now();
            let outcome = self.attempt(&req, &url, body).await;
            let (attempt, status) = match &outcome {
                Outcome::Answer {
                    status, headers, ..
                } => (
                    Attempt::Status {
                        status: *status,
                        retry_after_secs: retry_after(headers),
                    },
                    Some(*status),
                ),
                Outcome::Failed { error, status } if error.is_connect() => {
                    (Attempt::ConnectFailed, *status)
                }
                Outcome::Failed { status, .. } => (Attempt::AnswerLost, *status),
            };
            let failure = match &outcome {
                Outcome::Answer { .. } => "",
                Outcome::Failed { error, .. } if error.is_connect() => "connect failed",
                Outcome::Failed { error, .. } if error.is_timeout() => "timed out",
                Outcome::Failed { .. } => "connection lost",
            };
            self.log(&req, &log_path, status, started, retries, failure);
            if let Outcome::Answer { status, body, .. } = &outcome
                && (200..300).contains(status)
            {
                let mut request = format!("{} {log_path}", req.method);
                for (i, (k, v)) in req.query.iter().enumerate() {
                    request.push(if i == 0 { '?' } else { '&' });
                    request.push_str(&format!("{k}={v}"));
                }
                return Ok(Answer {
                    provider: inner.provider,
                    status: *status,
                    kind: req.kind,
                    body: body.clone(),
                    request,
                });
            }
            if let Some(wait) = inner.retry.next_delay(req.kind, retries, attempt) {
                retries += 1;
                tokio::time::sleep(wait).await;
                continue;
            }
            return Err(match outcome {
                Outcome::Answer {
                    status,
                    headers,
                    body,
                } => self.status_error(status, &headers, &body, req.kind),
                Outcome::Failed { error, status } => self.transport_error(&error, req.kind, status),
            });
        }
    }

    /// One try: the full answer, or the transport error (with the status when the headers
    /// had arrived before the body was lost).
    async fn attempt(&self, req: &Request, url: &str, body: Option<&[u8]>) -> Outcome {
        let inner = &*self.0;
        let mut rb = inner
            .http
            .request(req.method.clone(), url)
            .header(inner.auth.0.clone(), inner.auth.1.clone())
            .header(ACCEPT, inner.media_type.clone());
        if !req.query.is_empty() {
            rb = rb.query(&req.query);
        }
        if let Some(b) = body {
            rb = rb
                .header(CONTENT_TYPE, inner.media_type.clone())
                .body(b.to_vec());
        }
        let resp = match rb.send().await {
            Ok(resp) => resp,
            Err(error) => {
                return Outcome::Failed {
                    error,
                    status: None,
                };
            }
        };
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        match resp.bytes().await {
            Ok(bytes) => Outcome::Answer {
                status,
                headers,
                body: bytes.to_vec(),
            },
            Err(error) => Outcome::Failed {
                error,
                status: Some(status),
            },
        }
    }

    fn log(
        &self,
        req: &Request,
        path: &str,
        status: Option<u16>,
        started: Instant,
        retries: u32,
        failure: &str,
    ) {
        let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let provider = self.0.provider.key();
        let method = req.method.as_str();
        let attempt = retries + 1;
        match (status, failure.is_empty()) {
            (Some(status), true) => tracing::info!(
                provider, method, path, status, latency_ms, attempt, "request"
            ),
            (Some(status), false) => tracing::info!(
                provider,
                method,
                path,
                status,
                latency_ms,
                attempt,
                failure,
                "request failed"
            ),
            (None, _) => tracing::info!(
                provider,
                method,
                path,
                latency_ms,
                attempt,
                failure,
                "request failed"
            ),
        }
    }

    /// Scrubs text from a provider or a library of PAN/IBAN-like values and our secrets.
    pub fn redact(&self, text: &str) -> String {
        let secrets: Vec<&str> = self.0.secrets.iter().map(String::as_str).collect();
        redact_with_secrets(text, &secrets)
    }

    fn transport_error(&self, e: &reqwest::Error, kind: CallKind, status: Option<u16>) -> ApiError {
        let provider = self.0.provider;
        // The deepest cause says what happened ("Connection refused"); the top level repeats
        // the URL, which is left out.
        let mut cause = String::new();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            cause = s.to_string();
            source = s.source();
        }
        let cause = self.redact(&cause);
        let (err_kind, what) = if e.is_connect() {
            (
                ErrorKind::Connect,
                format!("could not connect to {}", self.0.url.host),
            )
        } else if e.is_timeout() {
            (
                ErrorKind::Timeout,
                "no answer within the request timeout".to_string(),
            )
        } else {
            (
                ErrorKind::ConnectionLost,
                "the connection closed before the answer was complete".to_string(),
            )
        };
        let message = if let Some(advice) = tls_advice(&cause) {
            format!("{what}: {advice}")
        } else if cause.is_empty() || err_kind == ErrorKind::Timeout {
            what
        } else {
            format!("{what} ({cause})")
        };
        let mut err = ApiError::new(provider, err_kind, message);
        err.status = status;
        // Nothing was sent when the connection failed; otherwise a write may have landed.
        err.outcome_unknown = kind.is_write() && err_kind != ErrorKind::Connect;
        err.retryable = retry_may_help(err.retryable, kind, err.outcome_unknown);
        err
    }

    fn status_error(
        &self,
        status: u16,
        headers: &HeaderMap,
        body: &[u8],
        kind: CallKind,
    ) -> ApiError {
        let inner = &*self.0;
        let provider = inner.provider;
        let parsed = (inner.parse_error)(status, body);
        let definitive = parsed.as_ref().is_some_and(|p| p.definitive);
        let err_kind = match status {
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            429 => ErrorKind::RateLimited,
            500..=599 if definitive => ErrorKind::Rejected,
            500..=599 => ErrorKind::ServerError,
            _ => ErrorKind::Rejected,
        };
        let parsed = parsed.unwrap_or_default();
        let message = match parsed.message.filter(|m| !m.trim().is_empty()) {
            Some(m) => self.redact(&m),
            None => default_message(provider, status, headers, body),
        };
        let mut err = ApiError::new(provider, err_kind, message).with_status(status);
        err.code = parsed.code.map(|c| self.redact(&c));
        err.trace_id = parsed.trace_id.or_else(|| {
            ["x-trace-id", "x-request-id", "x-correlation-id"]
                .iter()
                .find_map(|h| headers.get(*h)?.to_str().ok().map(str::to_string))
        });
        err.outcome_unknown = kind.is_write() && status >= 500 && !definitive;
        err.retryable = retry_may_help(
            matches!(status, 429 | 502 | 503 | 504),
            kind,
            err.outcome_unknown,
        );
        if status == 401 {
            err.credential_hint = Some(inner.credential_hint.clone());
        }
        if matches!(status, 429 | 503) {
            err.retry_after_secs = retry_after(headers);
        }
        err
    }
}

/// A write without an idempotency key whose outcome is unknown is never offered as
/// "retry": sending it again could apply it twice (a second transfer). The user re-reads the
/// state first. Idempotent writes and reads keep the transport's answer.
fn retry_may_help(transport_says: bool, kind: CallKind, outcome_unknown: bool) -> bool {
    transport_says && !(kind == CallKind::Write && outcome_unknown)
}

fn default_message(provider: Provider, status: u16, headers: &HeaderMap, body: &[u8]) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("error");
    let html = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.contains("html"))
        || body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    if body.iter().all(u8::is_ascii_whitespace) {
        format!("HTTP {status} {reason}, with no body")
    } else if html {
        format!(
            "HTTP {status} {reason}: an HTML page from a proxy or gateway, not {provider}'s answer"
        )
    } else {
        format!("HTTP {status} {reason}: an answer that is not {provider}'s error shape")
    }
}

/// A certificate the TLS library refused, in words: what failed and what to do.
pub(crate) fn tls_advice(cause: &str) -> Option<String> {
    if !cause.contains("certificate") {
        return None;
    }
    let what = if cause.contains("UnknownIssuer") {
        "TLS: the server's certificate is signed by an authority this machine does not trust \
         (a private or company CA?); if the server is the right one, name its CA file in the \
         profile (certificate_authority = \"/path/to/ca.pem\") or in SSL_CERT_FILE"
    } else if cause.contains("Expired") {
        "TLS: the server's certificate has expired (or this machine's clock is wrong); \
         tell the provider, or check the date"
    } else if cause.contains("NotValidForName") {
        "TLS: the server's certificate is for another host name; check base_url"
    } else {
        "TLS: the server's certificate was refused; check base_url, and the profile's \
         certificate_authority if it has one"
    };
    Some(format!("{what} ({cause})"))
}

/// `Retry-After` as seconds from now: either form of RFC 9110, delay-seconds or an
/// HTTP-date (rounded up, so a wait is never shorter than asked).
fn retry_after(headers: &HeaderMap) -> Option<u64> {
    parse_retry_after(
        headers.get(RETRY_AFTER)?.to_str().ok()?,
        std::time::SystemTime::now(),
    )
}

pub(crate) fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<u64> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(secs);
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let wait = at.duration_since(now).unwrap_or_default();
    Some(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
}

#[cfg(test)]
mod retry_after_tests {
    use super::parse_retry_after;
    use std::time::{Duration, SystemTime};

    #[test]
    fn certificate_errors_say_what_failed_and_what_to_do() {
        let advice = super::tls_advice("invalid peer certificate: UnknownIssuer").expect("tls");
        assert!(advice.contains("does not trust"), "{advice}");
        assert!(advice.contains("certificate_authority"), "{advice}");
        assert!(advice.contains("SSL_CERT_FILE"), "{advice}");
        let expired = super::tls_advice("invalid peer certificate: Expired").expect("tls");
        assert!(expired.contains("expired"), "{expired}");
        assert_eq!(super::tls_advice("Connection refused (os error 111)"), None);
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = httpdate::parse_http_date("Tue, 01 Dec 2026 21:00:00 GMT").expect("date");
        assert_eq!(parse_retry_after("3", now), Some(3));
        assert_eq!(parse_retry_after(" 120 ", now), Some(120));
        assert_eq!(
            parse_retry_after("Tue, 01 Dec 2026 21:00:05 GMT", now),
            Some(5)
        );
        // A date already past: no wait; a fraction of a second: a whole second.
        assert_eq!(
            parse_retry_after("Tue, 01 Dec 2026 20:59:00 GMT", now),
            Some(0)
        );
        let just_before = now - Duration::from_millis(300);
        assert_eq!(
            parse_retry_after("Tue, 01 Dec 2026 21:00:00 GMT", just_before),
            Some(1)
        );
        assert_eq!(parse_retry_after("soon", SystemTime::now()), None);
        assert_eq!(parse_retry_after("-1", SystemTime::now()), None);
    }
}
