//! The Monext Retail client (HTTP Basic).

use super::wire::{AliveWire, CardUpdateWire, ErrorWire};
use crate::api::http::{Core, ProviderErrorBody, Request, code_text};
use crate::api::retry::CallKind;
use crate::api::settings::Endpoint;
use crate::domain::card::CardUpdate;
use crate::domain::{ApiError, ErrorKind, Provider};
use serde_json::json;

/// Monext client. Cheap to clone; dropping a call's future aborts its request.
#[derive(Debug, Clone)]
pub struct MonextClient {
    core: Core,
}

fn parse_error(_status: u16, body: &[u8]) -> Option<ProviderErrorBody> {
    let w: ErrorWire = serde_json::from_slice(body).ok()?;
    let code = code_text(&w.code);
    if code.is_none() && w.title.is_none() && w.detail.is_none() {
        return None;
    }
    Some(ProviderErrorBody {
        code,
        message: w.detail.or(w.title),
        trace_id: None,
        definitive: false,
    })
}

impl MonextClient {
    pub fn new(http: reqwest::Client, endpoint: &Endpoint) -> Result<Self, ApiError> {
        Ok(MonextClient {
            core: Core::new(
                Provider::Monext,
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

    /// `GET /checkout/alive`: 200 with `{"status":"UP"}`.
    pub async fn alive(&self) -> Result<(), ApiError> {
        let answer = self.core.send(Request::get("/checkout/alive")).await?;
        let w: AliveWire = answer.decode()?;
        match w.status.as_deref() {
            None => Ok(()),
            Some(s) if s.eq_ignore_ascii_case("UP") => Ok(()),
            Some(s) => Err(ApiError::new(
                Provider::Monext,
                ErrorKind::ServerError,
                format!("Monext reports status {}", self.core.redact(s)),
            )
            .with_status(answer.status)),
        }
    }

    /// `POST /card-updater/search` by token: whether the CB directory knows a replacement
    /// for the card. `mmyy` is the current expiry, e.g. `1224`.
    pub async fn card_updater_search(
        &self,
        mx_token: &str,
        mmyy: &str,
    ) -> Result<CardUpdate, ApiError> {
        let body = json!({"mxToken": mx_token.trim().to_ascii_lowercase(), "expirationDate": mmyy});
        // A search changes nothing; POST is only how it is called.
        let req = Request::post_json("/card-updater/search", &body, CallKind::Read);
        let w: CardUpdateWire = self.core.send(req).await?.decode()?;
        Ok(w.into())
    }
}
