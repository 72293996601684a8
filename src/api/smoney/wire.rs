//! S-money wire types. Keys arrive in any case (PascalCase from the API, lower case in the
//! seed), so answers are read after lower-casing every key: the names here are lower case.

use crate::domain::Cents;
use crate::domain::customer::IbanText;
use crate::domain::requests::{MoneyOutBankAccount, NewMoneyOut};
use crate::domain::transfer::{BankAccount, Fee, FeeStatus, MoneyOut, SmoneyUser, SubAccountRef};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
pub struct UserWire {
    pub appuserid: String,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub email: Option<String>,
    pub status: Option<i64>,
}

impl From<UserWire> for SmoneyUser {
    fn from(w: UserWire) -> SmoneyUser {
        SmoneyUser {
            app_user_id: w.appuserid,
            first_name: w.firstname.unwrap_or_default(),
            last_name: w.lastname.unwrap_or_default(),
            email: w.email,
            status: w.status,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct SubAccountRefWire {
    pub id: Option<i64>,
    pub appaccountid: Option<String>,
    pub displayname: Option<String>,
    pub href: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct BankAccountWire {
    pub id: Option<i64>,
    pub displayname: Option<String>,
    pub bic: Option<String>,
    pub iban: Option<String>,
    pub ismine: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct FeeWire {
    pub amount: Option<i64>,
    pub vat: Option<f64>,
    pub amountwithvat: Option<i64>,
    pub status: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct MoneyOutWire {
    pub id: i64,
    pub accountid: Option<SubAccountRefWire>,
    pub bankaccount: BankAccountWire,
    pub amount: i64,
    pub fee: Option<FeeWire>,
    pub operationdate: DateTime<FixedOffset>,
}

impl From<MoneyOutWire> for MoneyOut {
    fn from(w: MoneyOutWire) -> MoneyOut {
        MoneyOut {
            id: w.id,
            account: w.accountid.map(|a| SubAccountRef {
                id: a.id,
                app_account_id: a.appaccountid,
                display_name: a.displayname,
                href: a.href,
            }),
            bank_account: BankAccount {
                id: w.bankaccount.id,
                display_name: w.bankaccount.displayname,
                bic: w.bankaccount.bic,
                iban: w.bankaccount.iban.map(IbanText),
                is_mine: w.bankaccount.ismine,
            },
            amount: Cents(w.amount),
            fee: w.fee.map(|f| {
                let amount = f.amount.unwrap_or(0);
                Fee {
                    amount: Cents(amount),
                    vat_percent: f.vat,
                    amount_with_vat: Cents(f.amountwithvat.unwrap_or(amount)),
                    status: f.status.map(FeeStatus::from_code),
                }
            }),
            operation_date: w.operationdate,
        }
    }
}

/// `{"Code":110,"ErrorMessage":"Solde insuffisant"}`, keys lower-cased.
#[derive(Debug, Deserialize)]
pub struct ErrorWire {
    #[serde(default)]
    pub code: serde_json::Value,
    pub errormessage: Option<String>,
}

// The write body lists its keys in alphabetical order: the order they have always been sent
// in, so the bytes on the wire are the ones the provider has seen so far. Lower-case keys,
// as the seed writes them.

/// `POST /users/{id}/moneyouts/oneshot`.
#[derive(Debug, Serialize)]
pub struct NewMoneyOutBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accountid: Option<AccountRefBody<'a>>,
    pub amount: i64,
    pub bankaccount: BankAccountBody<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<FeeBody>,
}

#[derive(Debug, Serialize)]
pub struct AccountRefBody<'a> {
    pub appaccountid: &'a str,
}

/// A bank account already registered (`{id}`) or a new one.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum BankAccountBody<'a> {
    Saved {
        id: i64,
    },
    New {
        bic: &'a str,
        displayname: &'a str,
        iban: &'a str,
        ismine: bool,
    },
}

#[derive(Debug, Serialize)]
pub struct FeeBody {
    pub amount: i64,
}

impl<'a> NewMoneyOutBody<'a> {
    pub fn new(new: &'a NewMoneyOut) -> NewMoneyOutBody<'a> {
        NewMoneyOutBody {
            accountid: new
                .app_account_id
                .as_deref()
                .map(|appaccountid| AccountRefBody { appaccountid }),
            amount: new.amount.0,
            bankaccount: match &new.bank_account {
                MoneyOutBankAccount::Saved { id } => BankAccountBody::Saved { id: *id },
                MoneyOutBankAccount::New {
                    display_name,
                    bic,
                    iban,
                    is_mine,
                } => BankAccountBody::New {
                    bic,
                    displayname: display_name,
                    iban: iban.as_str(),
                    ismine: *is_mine,
                },
            },
            fee: new.fee.map(|f| FeeBody { amount: f.0 }),
        }
    }
}
