//! The pxlhub cashless client (`X-API-Key`). Wallet open and refund carry their own
//! idempotency keys and are retried with them; see [`crate::api::retry`].

use super::wire::{
    DataWire, ErrorWire, ListWire, RefundWire, StayWalletWire, StayWire, WalletOpenedWire,
    WalletWire,
};
use crate::api::http::{Core, ProviderErrorBody, Request, code_text, seg};
use crate::api::retry::CallKind;
use crate::api::settings::Endpoint;
use crate::domain::cashless::{Refund, Stay, Wallet, WalletMode, WalletOpened};
use crate::domain::requests::{OpenWallet, RefundRequest};
use crate::domain::{ApiError, ErrorKind, Page, PageRequest, Provider};
use reqwest::Method;
use serde_json::{Map, Value, json};

/// pxlhub client. Cheap to clone; dropping a call's future aborts its request.
#[derive(Debug, Clone)]
pub struct PxlhubClient {
    core: Core,
}

fn parse_error(_status: u16, body: &[u8]) -> Option<ProviderErrorBody> {
    let w: ErrorWire = serde_json::from_slice(body).ok()?;
    let code = code_text(&w.code);
    if code.is_none() && w.message.is_none() {
        return None;
    }
    Some(ProviderErrorBody {
        code,
        message: w.message,
        trace_id: w.trace_id,
        definitive: false,
    })
}

impl PxlhubClient {
    pub fn new(http: reqwest::Client, endpoint: &Endpoint) -> Result<Self, ApiError> {
        Ok(PxlhubClient {
            core: Core::new(
                Provider::Pxlhub,
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

    /// `GET /wallets?size&page&sort&establishmentId&status`.
    pub async fn list_wallets(
        &self,
        page: &PageRequest,
        establishment_id: Option<&str>,
        status: Option<&str>,
    ) -> Result<Page<Wallet>, ApiError> {
        let req = Request::get("/wallets")
            .page(page)
            .query_opt("establishmentId", establishment_id)
            .query_opt("status", status);
        let list: ListWire<WalletWire> = self.core.send(req).await?.decode()?;
        let items = list.data.into_iter().map(Wallet::from).collect();
        Ok(Page::from_parts(items, page, list.record_total))
    }

    pub async fn get_wallet(&self, id: &str) -> Result<Wallet, ApiError> {
        let req = Request::get(format!("/wallets/{}", seg(id)));
        let w: DataWire<WalletWire> = self.core.send(req).await?.decode()?;
        Ok(w.data.into())
    }

    /// The stay's wallet, `None` when the stay has none. An unknown stay is an error.
    pub async fn stay_wallet(&self, stay_id: &str) -> Result<Option<Wallet>, ApiError> {
        let req = Request::get(format!("/stays/{}/wallet", seg(stay_id)));
        let answer = match self.core.send(req).await {
            Ok(a) => a,
            Err(e)
                if e.kind == ErrorKind::NotFound
                    && !matches!(
                        e.code.as_deref(),
                        Some("STAY_NOT_FOUND" | "ROUTE_NOT_FOUND")
                    ) =>
            {
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        // The public API documents a partial wallet here; read the full one when so.
        match answer.decode::<DataWire<WalletWire>>() {
            Ok(w) => Ok(Some(w.data.into())),
            Err(full_err) => match answer.decode::<DataWire<StayWalletWire>>() {
                Ok(partial) => self.get_wallet(&partial.data.id).await.map(Some),
                Err(_) => Err(full_err),
            },
        }
    }

    /// `GET /stays?size&page&sort`.
    /// `GET /stays?size&page&sort&establishmentId`; sort fields `arrival`, `guestName`.
    pub async fn list_stays(
        &self,
        page: &PageRequest,
        establishment_id: Option<&str>,
    ) -> Result<Page<Stay>, ApiError> {
        let req = Request::get("/stays")
            .page(page)
            .query_opt("establishmentId", establishment_id);
        let list: ListWire<StayWire> = self.core.send(req).await?.decode()?;
        let items = list.data.into_iter().map(Stay::from).collect();
        Ok(Page::from_parts(items, page, list.record_total))
    }

    pub async fn get_stay(&self, id: &str) -> Result<Stay, ApiError> {
        let req = Request::get(format!("/stays/{}", seg(id)));
        let w: DataWire<StayWire> = self.core.send(req).await?.decode()?;
        Ok(w.data.into())
    }

    /// `POST /wallets`. Idempotent by stay + `correlation_id`: retried on connect errors,
    /// 429 and 502/503/504 with the same body.
    pub async fn open_wallet(&self, open: &OpenWallet) -> Result<WalletOpened, ApiError> {
        let mut body = Map::new();
        body.insert("stayId".into(), json!(open.stay_id.to_ascii_lowercase()));
        body.insert(
            "establishmentId".into(),
            json!(open.establishment_id.to_ascii_lowercase()),
        );
        body.insert("mode".into(), json!(open.mode.as_str()));
        body.insert("currency".into(), json!(open.currency.as_str()));
        if let Some(m) = &open.medium_ref {
            body.insert("mediumRef".into(), json!(m));
        }
        if let Some(limit) = open.credit_limit
            && open.mode != WalletMode::Prepaid
        {
            body.insert("creditLimitCents".into(), json!(limit.0.to_string()));
        }
        body.insert(
            "correlationId".into(),
            json!(open.correlation_id.to_ascii_lowercase()),
        );
        let req = Request::write(
            Method::POST,
            "/wallets",
            Value::Object(body),
            CallKind::IdempotentWrite,
        );
        let w: DataWire<WalletOpenedWire> = self.core.send(req).await?.decode()?;
        Ok(w.data.into())
    }

    /// `POST /wallets/{id}/refund`. Idempotent by `idempotency_key`: retried with it.
    pub async fn refund(
        &self,
        wallet_id: &str,
        refund: &RefundRequest,
    ) -> Result<Refund, ApiError> {
        let body = json!({
            "businessDate": refund.business_date.format("%Y-%m-%d").to_string(),
            "idempotencyKey": refund.idempotency_key.to_ascii_lowercase(),
            "correlationId": refund.correlation_id.to_ascii_lowercase(),
        });
        let path = format!("/wallets/{}/refund", seg(wallet_id));
        let req = Request::write(Method::POST, path, body, CallKind::IdempotentWrite);
        let w: DataWire<RefundWire> = self.core.send(req).await?.decode()?;
        Ok(w.data.into())
    }
}
