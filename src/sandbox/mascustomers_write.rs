//! MasCustomers writes: account creation, payment method change, promotion cancellation.
//! Each runs in one writer transaction.

use super::AppState;
use super::http::Body;
use super::mascustomers::{Args, MasError, check_org, customer_exists, load_account};
use super::time::{fmt_date, fmt_utc_ms, parse_date};
use crate::domain::iban::{Iban, IbanError};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

type MasBody = Body<MasError>;

#[derive(Deserialize)]
struct PaymentMethodIn {
    #[serde(rename = "type")]
    kind: String,
    details: Option<Value>,
}

#[derive(Deserialize)]
struct BillingAddressIn {
    street: String,
    postal_code: String,
    city: String,
    country: String,
}

#[derive(Deserialize)]
struct PostAccount {
    modality: String,
    billing_address: Option<BillingAddressIn>,
    payment_method: PaymentMethodIn,
}

#[derive(Deserialize)]
struct PatchPromotion {
    cancellation_date: String,
}

/// A payment method checked against the rules; `(type, iban, token)`.
type CheckedMethod = (String, Option<String>, Option<String>);

fn iban_message(e: &IbanError) -> String {
    format!("invalid IBAN: {e}")
}

/// Validates a payment method: IBAN structure, length and MOD-97; card token in the vault
/// and ACTIVE.
fn check_method(
    conn: &Connection,
    pm: &PaymentMethodIn,
    today: NaiveDate,
) -> Result<CheckedMethod, MasError> {
    let details = pm.details.as_ref().and_then(Value::as_object);
    match pm.kind.as_str() {
        "DIRECT_DEBIT" => {
            let iban = details
                .and_then(|d| d.get("iban"))
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    MasError::bad_request("details.iban is mandatory for DIRECT_DEBIT")
                })?;
            let iban = Iban::parse(iban).map_err(|e| MasError::bad_request(iban_message(&e)))?;
            Ok(("DIRECT_DEBIT".into(), Some(iban.as_str().to_string()), None))
        }
        "CREDIT_CARD" => {
            let token = details
                .and_then(|d| d.get("token_id"))
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    MasError::bad_request("details.token_id is mandatory for CREDIT_CARD")
                })?;
            let token = uuid::Uuid::parse_str(token)
                .map_err(|_| MasError::bad_request("details.token_id must be a uuid"))?
                .hyphenated()
                .to_string();
            let card: Option<(String, i64, i64)> = conn
                .prepare_cached(
                    "SELECT status, expiry_month, expiry_year FROM card_tokens WHERE token = ?1",
                )?
                .query_row([&token], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let (status, month, year) = card.ok_or_else(|| {
                MasError::bad_request("details.token_id is not a card token of the vault")
            })?;
            let expired = (year, month) < (i64::from(today.year()), i64::from(today.month()));
            if status != "ACTIVE" || expired {
                let state = if status == "ACTIVE" {
                    "EXPIRED"
                } else {
                    status.as_str()
                };
                return Err(MasError::bad_request(format!(
                    "the card token is {state}, not ACTIVE"
                )));
            }
            Ok(("CREDIT_CARD".into(), None, Some(token)))
        }
        other => Err(MasError::bad_request(format!(
            "type must be DIRECT_DEBIT or CREDIT_CARD, got {other:?}"
        ))),
    }
}

pub async fn create_account(
    State(st): State<AppState>,
    args: Args,
    body: MasBody,
) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let customer = args.at(1).to_ascii_lowercase();
    let input: PostAccount = body.json()?;
    if input.modality != "RECURRING_PREPAID" && input.modality != "POSTPAID" {
        return Err(MasError::bad_request(format!(
            "modality must be RECURRING_PREPAID or POSTPAID, got {:?}",
            input.modality
        )));
    }
    let today = super::today();
    let now = chrono::Utc::now().timestamp_millis();
    let id = uuid::Uuid::new_v4().to_string();
    st.db
        .write(move |tx| {
            if !customer_exists(tx, &customer)? {
                return Err(MasError::not_found("Customer"));
            }
            let (kind, iban, token) = check_method(tx, &input.payment_method, today)?;
            // Conflict: the same payment method already pays an active account of the same
            // modality for this customer.
            let dup: Option<String> = tx
                .prepare_cached(
                    "SELECT id FROM accounts WHERE customer_id = ?1 AND modality = ?2 AND status = 'ACTIVE' \
                     AND ((pm_iban IS NOT NULL AND pm_iban = ?3) OR (pm_token IS NOT NULL AND pm_token = ?4))",
                )?
                .query_row(params![customer, input.modality, iban, token], |r| r.get(0))
                .optional()?;
            if let Some(existing) = dup {
                return Err(MasError {
                    status: StatusCode::CONFLICT,
                    code: "0003",
                    message: "Conflict".into(),
                    detail: Some(format!("account {existing} already uses this payment method")),
                });
            }
            let addr = input.billing_address.as_ref();
            tx.execute(
                "INSERT INTO accounts (id, customer_id, modality, status, created_at, street, postal_code, city, country, pm_type, pm_iban, pm_token, methods) \
                 VALUES (?1, ?2, ?3, 'ACTIVE', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'DIRECT_DEBIT,CREDIT_CARD')",
                params![
                    id,
                    customer,
                    input.modality,
                    fmt_utc_ms(now),
                    addr.map(|a| a.street.clone()),
                    addr.map(|a| a.postal_code.clone()),
                    addr.map(|a| a.city.clone()),
                    addr.map(|a| a.country.clone()),
                    kind,
                    iban,
                    token
                ],
            )?;
            if let Some(a) = addr {
                tx.execute(
                    "INSERT INTO billing_addresses (account_id, street, postal_code, city, country, create_stamp) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, a.street, a.postal_code, a.city, a.country, fmt_utc_ms(now)],
                )?;
            }
            Ok(Json(json!({ "account_id": id })))
        })
        .await
}

pub async fn patch_payment_method(
    State(st): State<AppState>,
    args: Args,
    body: MasBody,
) -> Result<Response, MasError> {
    check_org(args.at(0))?;
    let account = args.at(1).to_ascii_lowercase();
    let input: PaymentMethodIn = body.json()?;
    let today = super::today();
    st.db
        .write(move |tx| {
            load_account(tx, &account)?;
            let methods: String = tx
                .prepare_cached("SELECT methods FROM accounts WHERE id = ?1")?
                .query_row([&account], |r| r.get(0))?;
            if !input.kind.is_empty()
                && ["DIRECT_DEBIT", "CREDIT_CARD"].contains(&input.kind.as_str())
                && !methods.split(',').any(|m| m == input.kind)
            {
                return Err(MasError::bad_request(format!(
                    "{} is not an available payment method of this account (available: {})",
                    input.kind,
                    methods.replace(',', ", ")
                )));
            }
            let (kind, iban, token) = check_method(tx, &input, today)?;
            tx.execute(
                "UPDATE accounts SET pm_type = ?2, pm_iban = ?3, pm_token = ?4 WHERE id = ?1",
                params![account, kind, iban, token],
            )?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}

pub async fn patch_promotion(
    State(st): State<AppState>,
    args: Args,
    body: MasBody,
) -> Result<Response, MasError> {
    check_org(args.at(0))?;
    let account = args.at(1).to_ascii_lowercase();
    let promo = args.at(2).to_ascii_lowercase();
    let input: PatchPromotion = body.json()?;
    let date = parse_date(&input.cancellation_date).ok_or_else(|| {
        MasError::bad_request(format!(
            "cancellation_date must be a date yyyy-mm-dd, got {:?}",
            input.cancellation_date
        ))
    })?;
    let today = super::today();
    let now = chrono::Utc::now().timestamp_millis();
    let history_id = uuid::Uuid::new_v4().to_string();
    st.db
        .write(move |tx| {
            load_account(tx, &account)?;
            let row: Option<(String, Option<String>, Option<String>)> = tx
                .prepare_cached("SELECT code, end_date, cancellation_date FROM promotions WHERE id = ?1 AND account_id = ?2")?
                .query_row([&promo, &account], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let (code, end, cancelled) = row.ok_or_else(|| MasError::not_found("Account promotion"))?;
            if date < today {
                return Err(MasError::bad_request(format!(
                    "cancellation_date {} is before today ({})",
                    fmt_date(date),
                    fmt_date(today)
                )));
            }
            if let Some(c) = cancelled.as_deref().and_then(parse_date)
                && c <= today
            {
                return Err(MasError::bad_request(format!("the promotion was already cancelled on {}", fmt_date(c))));
            }
            if let Some(e) = end.as_deref().and_then(parse_date) {
                if e < today {
                    return Err(MasError::bad_request(format!("the promotion already ended on {}", fmt_date(e))));
                }
                if date > e {
                    return Err(MasError::bad_request(format!(
                        "cancellation_date {} is after the promotion's end_date {}",
                        fmt_date(date),
                        fmt_date(e)
                    )));
                }
            }
            tx.execute(
                "UPDATE promotions SET cancellation_date = ?2 WHERE id = ?1",
                params![promo, fmt_date(date)],
            )?;
            tx.execute(
                "INSERT INTO promotion_history (id, account_id, account_promotion_id, code, operation, operation_date) VALUES (?1, ?2, ?3, ?4, 'CANCELLED', ?5)",
                params![history_id, account, promo, code, fmt_utc_ms(now)],
            )?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
