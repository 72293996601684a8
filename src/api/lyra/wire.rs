//! Lyra V4 wire types: the envelope every answer comes in, the error answer, the token.

use crate::domain::card::{CardToken, TokenStatus};
use crate::domain::mask::mask_pan;
use serde::Deserialize;
use serde_json::Value;

/// `{"webService","version","status":"SUCCESS"|"ERROR","answer":{…},"ticket",…}`.
#[derive(Debug, Deserialize)]
pub struct EnvelopeWire {
    pub status: String,
    #[serde(default)]
    pub answer: Value,
    pub ticket: Option<String>,
}

/// `V4/WebService/WebServiceError`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorAnswerWire {
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub detailed_error_code: Option<String>,
    pub detailed_error_message: Option<String>,
    pub ticket: Option<String>,
}

impl ErrorAnswerWire {
    pub fn message(&self) -> Option<String> {
        match (&self.error_message, &self.detailed_error_message) {
            (Some(m), Some(d)) if m != d => Some(format!("{m} ({d})")),
            (Some(m), _) => Some(m.clone()),
            (None, Some(d)) => Some(d.clone()),
            (None, None) => self.detailed_error_code.clone(),
        }
    }
}

/// `V4/Type/String`.
#[derive(Debug, Deserialize)]
pub struct StringAnswerWire {
    pub value: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenDetailsWire {
    pub pan: String,
    pub expiry_month: u32,
    pub expiry_year: i32,
    pub effective_brand: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenWire {
    pub payment_method_token: String,
    pub token_status: TokenStatus,
    pub token_details: TokenDetailsWire,
}

impl From<TokenWire> for CardToken {
    fn from(w: TokenWire) -> CardToken {
        CardToken {
            token: w.payment_method_token,
            brand: w.token_details.effective_brand.unwrap_or_default(),
            // Re-masked: a provider's masking must never show more than ours.
            masked_pan: mask_pan(&w.token_details.pan),
            expiry_month: w.token_details.expiry_month,
            expiry_year: w.token_details.expiry_year,
            status: w.token_status,
        }
    }
}
