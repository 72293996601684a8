//! What a user submits to change something at a provider, as plain data the app layer
//! builds; `api::writes` turns each into the one wire request that is shown and sent.

use super::cashless::WalletMode;
use super::iban::Iban;
use super::money::{Cents, Currency};
use chrono::NaiveDate;

/// A new payment method for a MasCustomers account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentMethodChange {
    DirectDebit {
        iban: Iban,
    },
    /// `token_id` is the Lyra token uuid of the card.
    CreditCard {
        token_id: String,
    },
}

/// Opening a pxlhub wallet for a stay. Idempotent: the stay plus `correlation_id` identify
/// it, so the same value is kept across retries of one submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenWallet {
    pub stay_id: String,
    pub establishment_id: String,
    pub mode: WalletMode,
    pub currency: Currency,
    pub medium_ref: Option<String>,
    /// Postpaid only.
    pub credit_limit: Option<Cents>,
    /// A uuid made once per user submission.
    pub correlation_id: String,
}

/// Refunding a pxlhub wallet's balance. `idempotency_key` is made once per user submission
/// and kept across retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRequest {
    pub business_date: NaiveDate,
    pub idempotency_key: String,
    pub correlation_id: String,
}

/// The bank account a new S-money moneyout goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyOutBankAccount {
    /// One the user already registered at S-money.
    Saved { id: i64 },
    /// A new one, validated before sending.
    New {
        display_name: String,
        bic: String,
        iban: Iban,
        is_mine: bool,
    },
}

/// A one-shot S-money moneyout. Not idempotent: never retried automatically.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMoneyOut {
    pub amount: Cents,
    /// The sub-account paying (`AppAccountId`); the main account when `None`.
    pub app_account_id: Option<String>,
    pub bank_account: MoneyOutBankAccount,
    /// The fee before VAT, when the operator sets one.
    pub fee: Option<Cents>,
}
