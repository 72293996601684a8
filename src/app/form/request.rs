//! What a confirmed form asks the integrator to send, what comes back and what to read again
//! afterwards. The request itself (method, path, body) is the api layer's
//! [`WireWrite`], shown masked on the confirmation and sent as is.

use crate::api::writes::{self, WireWrite};
use crate::domain::Provider;
use crate::domain::cashless::WalletOpened;
use crate::domain::requests::{OpenWallet, PaymentMethodChange};
use chrono::NaiveDate;

/// A write, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteRequest {
    /// pxlhub `POST /wallets`.
    OpenWallet(OpenWallet),
    /// MasCustomers `PATCH /orgs/{org}/accounts/{account_id}/payment-method`.
    ChangePaymentMethod {
        account_id: String,
        change: PaymentMethodChange,
    },
    /// MasCustomers `PATCH /orgs/{org}/accounts/{account_id}/promotions/{promotion_id}`.
    CancelPromotion {
        account_id: String,
        promotion_id: String,
        cancellation_date: NaiveDate,
    },
}

/// A successful write's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOk {
    WalletOpened(WalletOpened),
    /// 204: MasCustomers PATCHes.
    NoContent,
}

/// What the integrator reads again after a write (to show the new state) or after an
/// unknown outcome (to learn whether the write happened).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadTarget {
    /// pxlhub `GET /stays/{stay_id}/wallet`.
    StayWallet { stay_id: String },
    /// MasCustomers `GET /orgs/{org}/accounts/{account_id}`.
    Account { account_id: String },
    /// MasCustomers `GET /orgs/{org}/accounts/{account_id}/promotions`.
    Promotions { account_id: String },
}

impl WriteRequest {
    pub fn provider(&self) -> Provider {
        match self {
            WriteRequest::OpenWallet(_) => Provider::Pxlhub,
            WriteRequest::ChangePaymentMethod { .. } | WriteRequest::CancelPromotion { .. } => {
                Provider::Mascustomers
            }
        }
    }

    /// The request on the wire, built by the api layer: what the confirmation shows (masked),
    /// what the runtime sends, byte for byte. `org` is the MasCustomers organisation.
    pub fn wire(&self, org: &str) -> WireWrite {
        match self {
            WriteRequest::OpenWallet(open) => writes::open_wallet(open),
            WriteRequest::ChangePaymentMethod { account_id, change } => {
                writes::change_payment_method(org, account_id, change)
            }
            WriteRequest::CancelPromotion {
                account_id,
                promotion_id,
                cancellation_date,
            } => writes::cancel_promotion(org, account_id, promotion_id, *cancellation_date),
        }
    }
}
