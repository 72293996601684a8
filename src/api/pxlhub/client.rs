//! The pxlhub cashless client (`X-API-Key`). Wallet open and refund carry their own
//! idempotency keys and are retried with them; see [`crate::api::retry`].

use super::wire::{
    DataWire, ErrorWire, ListWire, RefundWire, StayWalletWire, StayWire, WalletOpenedWire,
    WalletWire,
};
use crate::api::http::{Core, ProviderErrorBody, Request, code_text, seg};
use crate::api::raw::{RawBody, raw_body};
use crate::api::settings::Endpoint;
use crate::api::writes::{self, WireWrite};
use crate::domain::cashless::{Refund, Stay, Wallet, WalletOpened};
use crate::domain::requests::{OpenWallet, RefundRequest};
use crate::domain::{ApiError, ErrorKind, Page, PageRequest, Provider};

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
        Ok(self.get_wallet_raw(id).await?.0)
    }

    /// The wallet and the answer as pxlhub sent it (for the raw view).
    pub async fn get_wallet_raw(&self, id: &str) -> Result<(Wallet, RawBody), ApiError> {
        let req = Request::get(format!("/wallets/{}", seg(id)));
        let answer = self.core.send(req).await?;
        let w: DataWire<WalletWire> = answer.decode()?;
        Ok((w.data.into(), raw_body(&answer)))
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

    /// `GET /wallets?mediumRef`: the wallets whose medium reference starts with `prefix` (a
    /// search the sandbox adds; a provider without it answers 400).
    pub async fn search_wallets_medium(
        &self,
        page: &PageRequest,
        prefix: &str,
    ) -> Result<Page<Wallet>, ApiError> {
        let req = Request::get("/wallets")
            .page(page)
            .query("mediumRef", prefix.to_string());
        let list: ListWire<WalletWire> = self.core.send(req).await?.decode()?;
        let items = list.data.into_iter().map(Wallet::from).collect();
        Ok(Page::from_parts(items, page, list.record_total))
    }

    /// `GET /stays?guestName`: the stays with a word of the guest's name starting with
    /// `name` (a search the sandbox adds; a provider without it answers 400).
    pub async fn search_stays_guest(
        &self,
        page: &PageRequest,
        name: &str,
    ) -> Result<Page<Stay>, ApiError> {
        let req = Request::get("/stays")
            .page(page)
            .query("guestName", name.to_string());
        let list: ListWire<StayWire> = self.core.send(req).await?.decode()?;
        let items = list.data.into_iter().map(Stay::from).collect();
        Ok(Page::from_parts(items, page, list.record_total))
    }

    pub async fn get_stay(&self, id: &str) -> Result<Stay, ApiError> {
        Ok(self.get_stay_raw(id).await?.0)
    }

    /// The stay and the answer as pxlhub sent it (for the raw view).
    pub async fn get_stay_raw(&self, id: &str) -> Result<(Stay, RawBody), ApiError> {
        let req = Request::get(format!("/stays/{}", seg(id)));
        let answer = self.core.send(req).await?;
        let w: DataWire<StayWire> = answer.decode()?;
        Ok((w.data.into(), raw_body(&answer)))
    }

    /// `POST /wallets`, built by [`writes::open_wallet`] and sent by [`Self::send_open_wallet`].
    pub async fn open_wallet(&self, open: &OpenWallet) -> Result<WalletOpened, ApiError> {
        self.send_open_wallet(&writes::open_wallet(open)).await
    }

    /// Sends a prepared wallet open. Idempotent by stay + `correlationId`: retried on connect
    /// errors, 429 and 502/503/504 with the same bytes.
    pub async fn send_open_wallet(&self, write: &WireWrite) -> Result<WalletOpened, ApiError> {
        let w: DataWire<WalletOpenedWire> = writes::send(&self.core, write).await?.decode()?;
        Ok(w.data.into())
    }

    /// `POST /wallets/{id}/refund`, built by [`writes::refund`] and sent by
    /// [`Self::send_refund`].
    pub async fn refund(
        &self,
        wallet_id: &str,
        refund: &RefundRequest,
    ) -> Result<Refund, ApiError> {
        self.send_refund(&writes::refund(wallet_id, refund)).await
    }

    /// Sends a prepared refund. Idempotent by `idempotencyKey`: retried with the same bytes.
    pub async fn send_refund(&self, write: &WireWrite) -> Result<Refund, ApiError> {
        let w: DataWire<RefundWire> = writes::send(&self.core, write).await?.decode()?;
        Ok(w.data.into())
    }
}
