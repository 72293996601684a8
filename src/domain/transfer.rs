//! S-money resources: users and moneyouts (transfers to a bank account), as the seed
//! defines MoneyOut, BankAccount, SubAccountRef and Fee.

use super::customer::IbanText;
use super::money::Cents;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmoneyUser {
    pub app_user_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub status: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubAccountRef {
    pub id: Option<i64>,
    pub app_account_id: Option<String>,
    pub display_name: Option<String>,
    pub href: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankAccount {
    pub id: Option<i64>,
    pub display_name: Option<String>,
    pub bic: Option<String>,
    pub iban: Option<IbanText>,
    pub is_mine: Option<bool>,
}

/// Fee status, as the seed numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeeStatus {
    Pending,
    Succeeded,
    Cancelled,
    Failed,
    Expired,
    Refunded,
    Unknown(i64),
}

impl FeeStatus {
    pub fn from_code(code: i64) -> FeeStatus {
        match code {
            0 => FeeStatus::Pending,
            1 => FeeStatus::Succeeded,
            2 => FeeStatus::Cancelled,
            3 => FeeStatus::Failed,
            4 => FeeStatus::Expired,
            5 => FeeStatus::Refunded,
            other => FeeStatus::Unknown(other),
        }
    }

    pub fn label(self) -> String {
        match self {
            FeeStatus::Pending => "pending".into(),
            FeeStatus::Succeeded => "succeeded".into(),
            FeeStatus::Cancelled => "cancelled".into(),
            FeeStatus::Failed => "failed".into(),
            FeeStatus::Expired => "expired".into(),
            FeeStatus::Refunded => "refunded".into(),
            FeeStatus::Unknown(c) => format!("status {c}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fee {
    /// Before VAT.
    pub amount: Cents,
    /// VAT in percent, as the provider sends it (e.g. 19.6). A rate, not money.
    pub vat_percent: Option<f64>,
    pub amount_with_vat: Cents,
    pub status: Option<FeeStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoneyOut {
    pub id: i64,
    pub account: Option<SubAccountRef>,
    pub bank_account: BankAccount,
    pub amount: Cents,
    pub fee: Option<Fee>,
    /// Kept in the provider's offset; shown in UTC or local time by a setting.
    pub operation_date: DateTime<FixedOffset>,
}
