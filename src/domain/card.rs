//! Card tokens (Lyra `Token/Get`) and the Monext card updater's answer.

use crate::open_enum;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

open_enum!(
    TokenStatus { Active = "ACTIVE", Expired = "EXPIRED", Cancelled = "CANCELLED", NotCreated = "NOT_CREATED" }
);

/// A card behind a token, masked (first 6 + last 4 at most).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardToken {
    pub token: String,
    pub brand: String,
    pub masked_pan: String,
    pub expiry_month: u32,
    pub expiry_year: i32,
    pub status: TokenStatus,
}

impl CardToken {
    /// `12/27`.
    pub fn expiry(&self) -> String {
        format!(
            "{:02}/{:02}",
            self.expiry_month,
            self.expiry_year.rem_euclid(100)
        )
    }

    /// Expired by date or by status on `today`.
    pub fn is_expired_on(&self, today: NaiveDate) -> bool {
        if self.status == TokenStatus::Expired {
            return true;
        }
        (self.expiry_year, self.expiry_month) < (today.year(), today.month())
    }

    /// Monext's `expirationDate`: `MMYY`.
    pub fn mmyy(&self) -> String {
        format!(
            "{:02}{:02}",
            self.expiry_month,
            self.expiry_year.rem_euclid(100)
        )
    }
}

/// Monext card updater answer: whether the CB directory knows a replacement card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardUpdate {
    pub updated: bool,
    pub replacement: Option<ReplacementCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplacementCard {
    pub mx_token: String,
    pub masked_number: String,
    /// `MMYY`.
    pub expiration_date: String,
    pub brand: String,
}
