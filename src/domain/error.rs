//! The one error model for every provider call. Plain data (cloneable, no source chain) so
//! that a failed request becomes state the UI can render.

use super::Provider;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of failure, as a support agent needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The provider answered with its own error body (a 4xx, or Lyra's `status: ERROR`).
    Rejected,
    /// 401: a credential is missing, wrong or expired.
    Unauthorized,
    /// 403: the credential lacks a permission.
    Forbidden,
    /// 404: no such resource.
    NotFound,
    /// 429: too many requests.
    RateLimited,
    /// 5xx: the provider failed.
    ServerError,
    /// Could not connect (nothing was sent).
    Connect,
    /// No answer in time.
    Timeout,
    /// The connection dropped while waiting for the answer.
    ConnectionLost,
    /// An answer came but could not be read (truncated JSON, an HTML page from a proxy, a
    /// field of the wrong type).
    Decode,
    /// The request was refused locally before sending (bad configuration, insecure URL).
    Local,
}

/// A failed provider call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub provider: Provider,
    pub kind: ErrorKind,
    /// HTTP status, when an answer arrived.
    pub status: Option<u16>,
    /// The provider's own code: `PSP_030`, `110`, `RESERVATION_NOT_FOUND`, `0001`…
    pub code: Option<String>,
    /// The provider's message, or ours when the provider gave none.
    pub message: String,
    /// Trace id or ticket for the provider's support, when there is one.
    pub trace_id: Option<String>,
    /// Whether trying again may help (timeouts, 429, 502/503/504, connect errors).
    pub retryable: bool,
    /// A write whose answer was lost: it may or may not have been applied.
    pub outcome_unknown: bool,
    /// For 401: which credential to check (`the MasCustomers token (env GUICHET_MAS_TOKEN)`).
    pub credential_hint: Option<String>,
    /// For decode errors: the failing field path (`items[3].created_at`).
    pub field_path: Option<String>,
    /// For 429: seconds to wait, from `Retry-After`.
    pub retry_after_secs: Option<u64>,
}

impl ApiError {
    pub fn new(provider: Provider, kind: ErrorKind, message: impl Into<String>) -> ApiError {
        ApiError {
            provider,
            kind,
            status: None,
            code: None,
            message: message.into(),
            trace_id: None,
            retryable: matches!(
                kind,
                ErrorKind::Timeout
                    | ErrorKind::Connect
                    | ErrorKind::RateLimited
                    | ErrorKind::ConnectionLost
            ),
            outcome_unknown: false,
            credential_hint: None,
            field_path: None,
            retry_after_secs: None,
        }
    }

    pub fn with_status(mut self, status: u16) -> ApiError {
        self.status = Some(status);
        self
    }

    pub fn with_code(mut self, code: impl Into<String>) -> ApiError {
        self.code = Some(code.into());
        self
    }

    pub fn with_trace_id(mut self, trace: impl Into<String>) -> ApiError {
        self.trace_id = Some(trace.into());
        self
    }

    /// Short headline for a status line: `S-money 110: Solde insuffisant`.
    pub fn headline(&self) -> String {
        match &self.code {
            Some(code) => format!("{} {}: {}", self.provider, code, self.message),
            None => format!("{}: {}", self.provider, self.message),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.provider;
        match self.kind {
            ErrorKind::Unauthorized => {
                write!(f, "{p} refused the credentials")?;
                if let Some(hint) = &self.credential_hint {
                    write!(f, ": check {hint}")?;
                }
            }
            ErrorKind::Forbidden => write!(f, "{p} says this credential may not do that")?,
            ErrorKind::NotFound => write!(f, "{p} has no such record")?,
            ErrorKind::RateLimited => write!(f, "{p} asks to slow down")?,
            ErrorKind::ServerError => write!(f, "{p} failed on its side")?,
            ErrorKind::Connect => write!(f, "could not reach {p}")?,
            ErrorKind::Timeout => write!(f, "{p} did not answer in time")?,
            ErrorKind::ConnectionLost => write!(f, "the connection to {p} dropped")?,
            ErrorKind::Decode => write!(f, "{p} sent an answer guichet cannot read")?,
            ErrorKind::Rejected => write!(f, "{p} refused the request")?,
            ErrorKind::Local => write!(f, "{p}: not sent")?,
        }
        match (&self.code, self.status) {
            (Some(code), Some(status)) => write!(f, " (code {code}, HTTP {status})")?,
            (Some(code), None) => write!(f, " (code {code})")?,
            (None, Some(status)) => write!(f, " (HTTP {status})")?,
            (None, None) => {}
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(path) = &self.field_path {
            write!(f, " [at {path}]")?;
        }
        if self.outcome_unknown {
            f.write_str(" — outcome unknown: the change may have been applied; read it again before retrying")?;
        }
        if let Some(trace) = &self.trace_id {
            write!(f, " (trace {trace})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_for_people() {
        let e = ApiError::new(Provider::Smoney, ErrorKind::Rejected, "Solde insuffisant")
            .with_status(500)
            .with_code("110");
        assert_eq!(
            e.to_string(),
            "S-money refused the request (code 110, HTTP 500): Solde insuffisant"
        );
        let mut e = ApiError::new(
            Provider::Mascustomers,
            ErrorKind::Unauthorized,
            "token expired",
        )
        .with_status(401);
        e.credential_hint = Some("the MasCustomers token (env GUICHET_MAS_TOKEN)".into());
        assert!(e.to_string().contains("check the MasCustomers token"));
    }
}
