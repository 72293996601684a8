//! Monext wire types.

use crate::domain::card::{CardUpdate, ReplacementCard};
use crate::domain::mask::mask_pan;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct AliveWire {
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardWire {
    pub mx_token: String,
    pub masked_number: String,
    pub expiration_date: String,
    pub brand: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct CardUpdateWire {
    pub updated: bool,
    pub card: Option<CardWire>,
}

impl From<CardUpdateWire> for CardUpdate {
    fn from(w: CardUpdateWire) -> CardUpdate {
        CardUpdate {
            updated: w.updated,
            replacement: w.card.map(|c| ReplacementCard {
                mx_token: c.mx_token,
                masked_number: mask_pan(&c.masked_number),
                expiration_date: c.expiration_date,
                brand: c.brand.unwrap_or_default(),
            }),
        }
    }
}

/// `{"title":"Not Found","code":"NOT_FOUND","detail":"…"}`.
#[derive(Debug, Deserialize)]
pub struct ErrorWire {
    pub title: Option<String>,
    #[serde(default)]
    pub code: serde_json::Value,
    pub detail: Option<String>,
}
