//! MasCustomers v4 wire types, exactly as the API sends them (WIRE.md), and their
//! conversion into domain types; the bodies of the two writes.

use crate::api::decode::decode_error;
use crate::domain::customer::{
    Account, AccountStatus, BillingAddress, BillingAddressRecord, Customer, CustomerType, Discount,
    DiscountType, IbanText, Modality, PaymentMethod, PaymentMethodType, Promotion,
    PromotionHistoryEntry, PromotionOperation,
};
use crate::domain::requests::PaymentMethodChange;
use crate::domain::{ApiError, Provider};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

const P: Provider = Provider::Mascustomers;

/// A server-paged list: `{"items":[…],"count","startIndex","endIndex","recordTotal"}`.
#[derive(Debug, Deserialize)]
pub struct ListWire<T> {
    pub items: Vec<T>,
    #[serde(rename = "recordTotal")]
    pub record_total: Option<u64>,
}

#[derive(Debug, Deserialize)]
pub struct CustomerWire {
    pub id: String,
    pub external_id: String,
    #[serde(rename = "type")]
    pub kind: CustomerType,
    pub segment: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<FixedOffset>,
    pub special_treatment: Option<Vec<String>>,
    pub categories: Option<Vec<String>>,
}

impl From<CustomerWire> for Customer {
    fn from(w: CustomerWire) -> Customer {
        Customer {
            id: w.id,
            external_id: w.external_id,
            kind: w.kind,
            segment: w.segment,
            name: w.name,
            email: w.email,
            phone: w.phone,
            created_at: w.created_at.with_timezone(&Utc),
            special_treatment: w.special_treatment.unwrap_or_default(),
            categories: w.categories.unwrap_or_default(),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct AddressWire {
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub country: String,
}

impl From<AddressWire> for BillingAddress {
    fn from(w: AddressWire) -> BillingAddress {
        BillingAddress {
            street: w.street,
            postal_code: w.postal_code,
            city: w.city,
            country: w.country,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct PaymentDetailsWire {
    pub iban: Option<String>,
    pub token_id: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct PaymentMethodWire {
    #[serde(rename = "type")]
    pub kind: PaymentMethodType,
    pub details: Option<PaymentDetailsWire>,
}

#[derive(Debug, Deserialize)]
pub struct AccountWire {
    pub id: String,
    pub customer_id: String,
    pub modality: Modality,
    pub status: AccountStatus,
    pub created_at: DateTime<FixedOffset>,
    pub billing_address: Option<AddressWire>,
    pub payment_method: Option<PaymentMethodWire>,
}

impl AccountWire {
    /// `at` is where this account sits in the answer, for the error's field path.
    pub fn into_domain(self, at: &str) -> Result<Account, ApiError> {
        let missing = |field: &str| {
            decode_error(
                P,
                Some(format!("{at}payment_method.details.{field}")),
                format!("missing field `{field}`"),
            )
        };
        let payment_method = match self.payment_method {
            None => PaymentMethod::Unknown {
                kind: "NONE".to_string(),
            },
            Some(pm) => {
                let details = pm.details.unwrap_or(PaymentDetailsWire {
                    iban: None,
                    token_id: None,
                });
                match pm.kind {
                    PaymentMethodType::DirectDebit => PaymentMethod::DirectDebit {
                        iban: IbanText(details.iban.ok_or_else(|| missing("iban"))?),
                    },
                    PaymentMethodType::CreditCard => PaymentMethod::CreditCard {
                        token_id: details.token_id.ok_or_else(|| missing("token_id"))?,
                    },
                    PaymentMethodType::Unknown(kind) => PaymentMethod::Unknown { kind },
                }
            }
        };
        Ok(Account {
            id: self.id,
            customer_id: self.customer_id,
            modality: self.modality,
            status: self.status,
            created_at: self.created_at.with_timezone(&Utc),
            billing_address: self.billing_address.map(BillingAddress::from),
            payment_method,
        })
    }
}

#[derive(Debug, Deserialize)]
pub struct AccountIdsWire {
    pub account_ids: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct PaymentMethodsWire {
    pub payment_methods: Vec<PaymentMethodType>,
}

#[derive(Debug, Deserialize)]
pub struct BillingRecordWire {
    pub address: AddressWire,
    pub create_stamp: DateTime<FixedOffset>,
}

#[derive(Debug, Deserialize)]
pub struct BillingHistoryWire {
    pub billing_addresses: Vec<BillingRecordWire>,
}

impl From<BillingRecordWire> for BillingAddressRecord {
    fn from(w: BillingRecordWire) -> BillingAddressRecord {
        BillingAddressRecord {
            address: w.address.into(),
            create_stamp: w.create_stamp.with_timezone(&Utc),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct DiscountWire {
    #[serde(rename = "type")]
    pub kind: DiscountType,
    pub value: i64,
}

#[derive(Debug, Deserialize)]
pub struct PromotionWire {
    pub id: String,
    pub promotion_code: String,
    pub name: String,
    pub discount: DiscountWire,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub cancellation_date: Option<NaiveDate>,
}

impl From<PromotionWire> for Promotion {
    fn from(w: PromotionWire) -> Promotion {
        Promotion {
            id: w.id,
            promotion_code: w.promotion_code,
            name: w.name,
            discount: Discount {
                kind: w.discount.kind,
                value: w.discount.value,
            },
            start_date: w.start_date,
            end_date: w.end_date,
            cancellation_date: w.cancellation_date,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct HistoryWire {
    pub id: String,
    pub account_promotion_id: String,
    pub promotion_code: String,
    pub operation: PromotionOperation,
    pub operation_date: DateTime<FixedOffset>,
}

impl From<HistoryWire> for PromotionHistoryEntry {
    fn from(w: HistoryWire) -> PromotionHistoryEntry {
        PromotionHistoryEntry {
            id: w.id,
            account_promotion_id: w.account_promotion_id,
            promotion_code: w.promotion_code,
            operation: w.operation,
            operation_date: w.operation_date.with_timezone(&Utc),
        }
    }
}

/// `{"code":"0001","status":404,"message":"Customer not found","detail_msg":null}`.
#[derive(Debug, Deserialize)]
pub struct ErrorWire {
    #[serde(default)]
    pub code: Value,
    pub message: Option<String>,
    pub detail_msg: Option<Value>,
}

// The write bodies list their keys in alphabetical order: the order they have always been
// sent in, so the bytes on the wire are the ones the provider has seen so far.

/// `PATCH …/payment-method`: `{type: DIRECT_DEBIT, details: {iban}}` or
/// `{type: CREDIT_CARD, details: {token_id}}`, the token a uuid sent lower case.
#[derive(Debug, Serialize)]
pub struct PaymentMethodBody<'a> {
    pub details: PaymentDetailsBody<'a>,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum PaymentDetailsBody<'a> {
    DirectDebit { iban: &'a str },
    CreditCard { token_id: String },
}

impl<'a> PaymentMethodBody<'a> {
    pub fn new(change: &'a PaymentMethodChange) -> PaymentMethodBody<'a> {
        match change {
            PaymentMethodChange::DirectDebit { iban } => PaymentMethodBody {
                details: PaymentDetailsBody::DirectDebit {
                    iban: iban.as_str(),
                },
                kind: "DIRECT_DEBIT",
            },
            PaymentMethodChange::CreditCard { token_id } => PaymentMethodBody {
                details: PaymentDetailsBody::CreditCard {
                    token_id: token_id.to_ascii_lowercase(),
                },
                kind: "CREDIT_CARD",
            },
        }
    }
}

/// `PATCH …/promotions/{id}`: `{cancellation_date: yyyy-mm-dd}`.
#[derive(Debug, Serialize)]
pub struct CancellationBody {
    pub cancellation_date: String,
}

impl CancellationBody {
    pub fn new(date: NaiveDate) -> CancellationBody {
        CancellationBody {
            cancellation_date: date.format("%Y-%m-%d").to_string(),
        }
    }
}
