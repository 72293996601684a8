//! pxlhub cashless resources: wallets and stays.

use super::money::{Cents, Currency};
use crate::open_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

open_enum!(
    WalletMode { Prepaid = "prepaid", Postpaid = "postpaid" }
);

open_enum!(
    WalletStatus { Open = "open", Closed = "closed" }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wallet {
    pub id: String,
    pub stay_id: String,
    pub establishment_id: String,
    pub mode: WalletMode,
    pub currency: Currency,
    pub balance: Cents,
    pub credit_limit: Option<Cents>,
    pub medium_ref: Option<String>,
    pub status: WalletStatus,
    pub opened_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stay {
    pub id: String,
    pub establishment_id: String,
    pub establishment_name: Option<String>,
    pub guest_name: String,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
}

/// The answer to a wallet open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletOpened {
    pub wallet_id: String,
    /// The stay already held this wallet: nothing new was opened.
    pub already_open: bool,
}

/// The answer to a refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub wallet_id: String,
    pub refunded: Cents,
    pub refund_ref: String,
}
