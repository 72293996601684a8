//! The Lyra V4 client (HTTP Basic, `POST /{Namespace}/{Service}`). Answers come in an
//! envelope; an HTTP 200 whose status is `ERROR` is an error carrying `errorCode`,
//! `errorMessage` and the `ticket`.

use super::wire::{EnvelopeWire, ErrorAnswerWire, StringAnswerWire, TokenWire};
use crate::api::decode::from_value;
use crate::api::http::{Core, ProviderErrorBody, Request};
use crate::api::retry::CallKind;
use crate::api::settings::Endpoint;
use crate::domain::card::CardToken;
use crate::domain::{ApiError, ErrorKind, Provider};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Lyra client. Cheap to clone; dropping a call's future aborts its request.
#[derive(Debug, Clone)]
pub struct LyraClient {
    core: Core,
}

fn error_body(envelope: &EnvelopeWire) -> Option<ProviderErrorBody> {
    let answer: ErrorAnswerWire = serde_json::from_value(envelope.answer.clone()).ok()?;
    if answer.error_code.is_none() && answer.error_message.is_none() {
        return None;
    }
    Some(ProviderErrorBody {
        message: answer.message(),
        code: answer.error_code.clone(),
        trace_id: answer.ticket.clone().or_else(|| envelope.ticket.clone()),
        definitive: false,
    })
}

fn parse_error(_status: u16, body: &[u8]) -> Option<ProviderErrorBody> {
    let envelope: EnvelopeWire = serde_json::from_slice(body).ok()?;
    error_body(&envelope)
}

impl LyraClient {
    pub fn new(http: reqwest::Client, endpoint: &Endpoint) -> Result<Self, ApiError> {
        Ok(LyraClient {
            core: Core::new(
                Provider::Lyra,
                http,
                endpoint,
                parse_error,
                "application/json",
            )?,
        })
    }

    pub(crate) fn core(&self) -> &Core {
        &self.core
    }

    /// Calls one web service and unwraps its envelope.
    async fn call<T: DeserializeOwned>(&self, service: &str, body: Value) -> Result<T, ApiError> {
        // These services read; a POST is only Lyra's way of calling them.
        let req = Request::post_json(format!("/{service}"), &body, CallKind::Read);
        let answer = self.core.send(req).await?;
        let envelope: EnvelopeWire = answer.decode()?;
        if envelope.status.eq_ignore_ascii_case("SUCCESS") {
            return from_value(Provider::Lyra, envelope.answer, "answer")
                .map_err(|e| answer.fail(e));
        }
        let parsed = error_body(&envelope).unwrap_or_default();
        let kind = match parsed.code.as_deref() {
            Some("PSP_030" | "PSP_010") => ErrorKind::NotFound,
            Some("INT_001") => ErrorKind::Unauthorized,
            _ => ErrorKind::Rejected,
        };
        let message = parsed
            .message
            .map(|m| self.core.redact(&m))
            .unwrap_or_else(|| format!("Lyra answered status {}", envelope.status));
        let mut err = ApiError::new(Provider::Lyra, kind, message).with_status(answer.status);
        err.code = parsed.code;
        err.trace_id = parsed.trace_id;
        err.retryable = false;
        if kind == ErrorKind::Unauthorized {
            err.credential_hint = Some(self.core.credential_hint().to_string());
        }
        Err(err)
    }

    /// `Charge/SDKTest`: echoes `value`; checks connectivity and credentials.
    pub async fn sdk_test(&self, value: &str) -> Result<String, ApiError> {
        let a: StringAnswerWire = self.call("Charge/SDKTest", json!({"value": value})).await?;
        Ok(a.value)
    }

    /// `Token/Get`: the card behind a token, its PAN re-masked.
    pub async fn get_token(&self, token: &str) -> Result<CardToken, ApiError> {
        let body = json!({"paymentMethodToken": token.trim().to_ascii_lowercase()});
        let w: TokenWire = self.call("Token/Get", body).await?;
        Ok(w.into())
    }
}
