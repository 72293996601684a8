//! S-money wire types. Keys arrive in any case (PascalCase from the API, lower case in the
//! seed), so answers are read after lower-casing every key: the names here are lower case.

use crate::domain::Cents;
use crate::domain::customer::IbanText;
use crate::domain::transfer::{BankAccount, Fee, FeeStatus, MoneyOut, SmoneyUser, SubAccountRef};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

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
