//! MasCustomers resources: customers, accounts, payment methods, promotions, billing
//! addresses.

use crate::open_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

open_enum!(
    /// `type` of a customer.
    CustomerType { Individual = "INDIVIDUAL", Business = "BUSINESS" }
);

open_enum!(
    /// How an account is billed.
    Modality { RecurringPrepaid = "RECURRING_PREPAID", Postpaid = "POSTPAID" }
);

open_enum!(
    AccountStatus { Active = "ACTIVE", Suspended = "SUSPENDED", Closed = "CLOSED" }
);

open_enum!(
    /// A payment method type, as in `AvailablePaymentMethods`.
    PaymentMethodType { DirectDebit = "DIRECT_DEBIT", CreditCard = "CREDIT_CARD" }
);

open_enum!(
    /// `account_promotion_type` filter.
    PromotionFilter { Active = "ACTIVE", Scheduled = "SCHEDULED", All = "ALL" }
);

open_enum!(
    DiscountType { Percentage = "PERCENTAGE", Amount = "AMOUNT" }
);

open_enum!(
    /// What happened to an account promotion, in its history.
    PromotionOperation { Added = "ADDED", Cancelled = "CANCELLED", Ended = "ENDED" }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: String,
    pub external_id: String,
    pub kind: CustomerType,
    pub segment: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub special_treatment: Vec<String>,
    pub categories: Vec<String>,
}

/// An IBAN as received from a provider: maybe invalid, always shown masked unless revealed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IbanText(pub String);

impl IbanText {
    pub fn masked(&self) -> String {
        super::mask::mask_iban(&self.0)
    }

    /// The full value, for an explicit reveal by the user (which is logged) or a request body.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for IbanText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IbanText({})", self.masked())
    }
}

/// An account's payment method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PaymentMethod {
    DirectDebit {
        iban: IbanText,
    },
    /// `token_id` is the Lyra token (and Monext `mxToken`) of the card.
    CreditCard {
        token_id: String,
    },
    Unknown {
        kind: String,
    },
}

impl PaymentMethod {
    pub fn kind(&self) -> PaymentMethodType {
        match self {
            PaymentMethod::DirectDebit { .. } => PaymentMethodType::DirectDebit,
            PaymentMethod::CreditCard { .. } => PaymentMethodType::CreditCard,
            PaymentMethod::Unknown { kind } => PaymentMethodType::Unknown(kind.clone()),
        }
    }

    /// One line for a table or a confirmation: `DIRECT_DEBIT FR76 •••• •••• •••• 0189`.
    pub fn summary(&self) -> String {
        match self {
            PaymentMethod::DirectDebit { iban } => format!("DIRECT_DEBIT {}", iban.masked()),
            PaymentMethod::CreditCard { token_id } => format!("CREDIT_CARD token {token_id}"),
            PaymentMethod::Unknown { kind } => kind.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillingAddress {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

impl BillingAddress {
    pub fn one_line(&self) -> String {
        format!(
            "{}, {} {}, {}",
            self.street, self.postal_code, self.city, self.country
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub customer_id: String,
    pub modality: Modality,
    pub status: AccountStatus,
    pub created_at: DateTime<Utc>,
    pub billing_address: Option<BillingAddress>,
    pub payment_method: PaymentMethod,
}

/// One entry of an account's billing address history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillingAddressRecord {
    pub address: BillingAddress,
    pub create_stamp: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discount {
    pub kind: DiscountType,
    /// Percent for `PERCENTAGE`, cents for `AMOUNT`.
    pub value: i64,
}

impl fmt::Display for Discount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            DiscountType::Percentage => write!(f, "{}%", self.value),
            DiscountType::Amount => write!(
                f,
                "{} off",
                super::money::format_cents(super::Cents(self.value))
            ),
            DiscountType::Unknown(ref k) => write!(f, "{} {}", self.value, k),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Promotion {
    pub id: String,
    pub promotion_code: String,
    pub name: String,
    pub discount: Discount,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub cancellation_date: Option<NaiveDate>,
}

/// Where a promotion stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromotionState {
    Scheduled,
    Active,
    Ended,
    Cancelled,
}

impl PromotionState {
    pub fn label(self) -> &'static str {
        match self {
            PromotionState::Scheduled => "scheduled",
            PromotionState::Active => "active",
            PromotionState::Ended => "ended",
            PromotionState::Cancelled => "cancelled",
        }
    }
}

impl Promotion {
    /// The state on `today`. A cancellation date in the future leaves it active until then.
    pub fn state_on(&self, today: NaiveDate) -> PromotionState {
        if self.cancellation_date.is_some_and(|c| c <= today) {
            return PromotionState::Cancelled;
        }
        if self.end_date.is_some_and(|e| e < today) {
            return PromotionState::Ended;
        }
        if self.start_date > today {
            PromotionState::Scheduled
        } else {
            PromotionState::Active
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromotionHistoryEntry {
    pub id: String,
    pub account_promotion_id: String,
    pub promotion_code: String,
    pub operation: PromotionOperation,
    pub operation_date: DateTime<Utc>,
}
