//! What a confirmed form asks the integrator to send, what comes back, what to read again
//! afterwards, and the request as shown to the user (method, path, masked JSON body).

use crate::domain::Provider;
use crate::domain::cashless::WalletOpened;
use crate::domain::requests::{OpenWallet, PaymentMethodChange};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};

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

    pub fn method(&self) -> &'static str {
        match self {
            WriteRequest::OpenWallet(_) => "POST",
            WriteRequest::ChangePaymentMethod { .. } | WriteRequest::CancelPromotion { .. } => {
                "PATCH"
            }
        }
    }

    /// The path under the provider's base URL; `org` is the MasCustomers organisation.
    pub fn path(&self, org: &str) -> String {
        match self {
            WriteRequest::OpenWallet(_) => "/wallets".to_string(),
            WriteRequest::ChangePaymentMethod { account_id, .. } => {
                format!("/orgs/{org}/accounts/{account_id}/payment-method")
            }
            WriteRequest::CancelPromotion {
                account_id,
                promotion_id,
                ..
            } => format!("/orgs/{org}/accounts/{account_id}/promotions/{promotion_id}"),
        }
    }

    /// The JSON body with the IBAN masked: for the screen and the logs, never for sending.
    pub fn masked_body(&self) -> Value {
        match self {
            WriteRequest::OpenWallet(w) => {
                let mut body = Map::new();
                body.insert("stayId".into(), json!(w.stay_id));
                body.insert("establishmentId".into(), json!(w.establishment_id));
                body.insert("mode".into(), json!(w.mode.as_str()));
                body.insert("currency".into(), json!(w.currency.as_str()));
                if let Some(m) = &w.medium_ref {
                    body.insert("mediumRef".into(), json!(m));
                }
                if let Some(c) = w.credit_limit {
                    // pxlhub money is a bigint string of cents.
                    body.insert("creditLimitCents".into(), json!(c.0.to_string()));
                }
                body.insert("correlationId".into(), json!(w.correlation_id));
                Value::Object(body)
            }
            WriteRequest::ChangePaymentMethod { change, .. } => match change {
                PaymentMethodChange::DirectDebit { iban } => {
                    json!({"type": "DIRECT_DEBIT", "details": {"iban": iban.masked()}})
                }
                PaymentMethodChange::CreditCard { token_id } => {
                    json!({"type": "CREDIT_CARD", "details": {"token_id": token_id}})
                }
            },
            WriteRequest::CancelPromotion {
                cancellation_date, ..
            } => json!({"cancellation_date": cancellation_date.format("%Y-%m-%d").to_string()}),
        }
    }

    /// The masked body, pretty-printed.
    pub fn masked_body_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.masked_body()).unwrap_or_default()
    }
}
