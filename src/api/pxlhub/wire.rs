//! pxlhub wire types: camelCase, success bodies wrapped in `data`, money as bigint strings
//! of cents; the bodies of the two writes.

use crate::api::decode::cents_string;
use crate::domain::cashless::{Refund, Stay, Wallet, WalletMode, WalletOpened, WalletStatus};
use crate::domain::requests::{OpenWallet, RefundRequest};
use crate::domain::{Cents, Currency};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// `{"data": …}`.
#[derive(Debug, Deserialize)]
pub struct DataWire<T> {
    pub data: T,
}

/// `{"data":[…],"count","startIndex","endIndex","recordTotal"}`.
#[derive(Debug, Deserialize)]
pub struct ListWire<T> {
    pub data: Vec<T>,
    #[serde(rename = "recordTotal")]
    pub record_total: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletWire {
    pub id: String,
    pub stay_id: String,
    pub establishment_id: String,
    pub mode: WalletMode,
    pub currency: Currency,
    #[serde(deserialize_with = "cents_string::deserialize")]
    pub balance_cents: Cents,
    #[serde(default, deserialize_with = "cents_string::option")]
    pub credit_limit_cents: Option<Cents>,
    pub medium_ref: Option<String>,
    pub status: WalletStatus,
    pub opened_at: DateTime<FixedOffset>,
}

impl From<WalletWire> for Wallet {
    fn from(w: WalletWire) -> Wallet {
        Wallet {
            id: w.id,
            stay_id: w.stay_id,
            establishment_id: w.establishment_id,
            mode: w.mode,
            currency: w.currency,
            balance: w.balance_cents,
            credit_limit: w.credit_limit_cents,
            medium_ref: w.medium_ref,
            status: w.status,
            opened_at: w.opened_at.with_timezone(&Utc),
        }
    }
}

/// The stay's wallet as the public API documents it (`id, stayId, balanceCents, status`);
/// the client reads the full wallet when fields are missing.
#[derive(Debug, Deserialize)]
pub struct StayWalletWire {
    pub id: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StayWire {
    pub id: String,
    pub establishment_id: String,
    pub establishment_name: Option<String>,
    pub guest_name: String,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
}

impl From<StayWire> for Stay {
    fn from(w: StayWire) -> Stay {
        Stay {
            id: w.id,
            establishment_id: w.establishment_id,
            establishment_name: w.establishment_name,
            guest_name: w.guest_name,
            arrival: w.arrival,
            departure: w.departure,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletOpenedWire {
    #[serde(alias = "id")]
    pub wallet_id: String,
    #[serde(default)]
    pub already_open: bool,
}

impl From<WalletOpenedWire> for WalletOpened {
    fn from(w: WalletOpenedWire) -> WalletOpened {
        WalletOpened {
            wallet_id: w.wallet_id,
            already_open: w.already_open,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundWire {
    pub wallet_id: String,
    #[serde(deserialize_with = "cents_string::deserialize")]
    pub refunded_cents: Cents,
    pub refund_ref: String,
}

impl From<RefundWire> for Refund {
    fn from(w: RefundWire) -> Refund {
        Refund {
            wallet_id: w.wallet_id,
            refunded: w.refunded_cents,
            refund_ref: w.refund_ref,
        }
    }
}

/// `{"code":"WALLET_NOT_FOUND","message":"…","status":404,"traceId":"…","origin":{…}}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorWire {
    #[serde(default)]
    pub code: serde_json::Value,
    pub message: Option<String>,
    pub trace_id: Option<String>,
}

// The write bodies list their keys in alphabetical order: the order they have always been
// sent in, so the bytes on the wire are the ones the provider has seen so far.

/// `POST /wallets`. The ids are uuids, sent lower case; the credit limit exists only for a
/// postpaid wallet, so a prepaid one never carries it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenWalletBody<'a> {
    pub correlation_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_limit_cents: Option<String>,
    pub currency: &'a str,
    pub establishment_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medium_ref: Option<&'a str>,
    pub mode: &'a str,
    pub stay_id: String,
}

impl<'a> OpenWalletBody<'a> {
    pub fn new(open: &'a OpenWallet) -> OpenWalletBody<'a> {
        OpenWalletBody {
            correlation_id: open.correlation_id.to_ascii_lowercase(),
            credit_limit_cents: open
                .credit_limit
                .filter(|_| open.mode == WalletMode::Postpaid)
                .map(|c| c.0.to_string()),
            currency: open.currency.as_str(),
            establishment_id: open.establishment_id.to_ascii_lowercase(),
            medium_ref: open.medium_ref.as_deref(),
            mode: open.mode.as_str(),
            stay_id: open.stay_id.to_ascii_lowercase(),
        }
    }
}

/// `POST /wallets/{id}/refund`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundBody {
    pub business_date: String,
    pub correlation_id: String,
    pub idempotency_key: String,
}

impl RefundBody {
    pub fn new(refund: &RefundRequest) -> RefundBody {
        RefundBody {
            business_date: refund.business_date.format("%Y-%m-%d").to_string(),
            correlation_id: refund.correlation_id.to_ascii_lowercase(),
            idempotency_key: refund.idempotency_key.to_ascii_lowercase(),
        }
    }
}
