//! S-money moneyout creation (one-shot and recurring) with the seed's error codes: 704
//! missing parameters, 111 wrong account, 302 unknown bank account, 176 alias, 179–185 IBAN,
//! 186–190 and 556 BIC, 703/702 KYC ceilings, 110 balance.

use super::AppState;
use super::http::Body;
use super::smoney::{Args, MONEYOUT_COLS, SmError, VendorBody, load_user, moneyout_json, own_user};
use super::time::paris_offset_minutes;
use crate::domain::bic::parse_bic;
use crate::domain::iban::{Iban, country_length, normalize};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rusqlite::{OptionalExtension, params};
use serde_json::{Map, Value};

/// KYC level 1 may send at most this much in one transfer (cents).
pub const KYC1_CEILING: i64 = 1_000_000;
/// KYC level 2 ceiling (cents).
pub const KYC2_CEILING: i64 = 5_000_000;

/// Lower-cases every key, so requests are accepted in any case.
fn lower_keys(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), lower_keys(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(lower_keys).collect()),
        other => other,
    }
}

fn missing(what: &str) -> SmError {
    SmError::business(704, format!("Paramètre(s) d'appel manquant(s) : {what}"))
}

/// A bank account given in full, checked like the seed's one-shot errors.
struct NewBank {
    display: String,
    bic: String,
    iban: String,
    mine: bool,
}

fn check_iban(raw: &str) -> Result<String, SmError> {
    let s = normalize(raw);
    let b = s.as_bytes();
    // 181: the check digits 00, 01 and 99 never occur in a valid IBAN.
    if b.len() >= 4
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && ["00", "01", "99"].contains(&&s[2..4])
    {
        return Err(SmError::business(
            181,
            "IBAN incorrect : Les chiffres de vérification de l'IBAN sont invalides : Seules les valeurs 00, 01 ou 99 sont valides",
        ));
    }
    Iban::parse(&s).map(|i| i.as_str().to_string()).map_err(|e| {
        let msg = match e.smoney_code() {
            179 => "IBAN incorrect : l'IBAN contient des caractères invalides (autre que a-z, A-Z, ou 0-9)",
            180 => "IBAN incorrect : l'IBAN présente une structure invalide : Les quatre premiers caractères doivent être de la forme \"lettre lettre chiffre chiffre\"",
            182 => "IBAN incorrect : Code pays inconnu",
            183 => "IBAN incorrect : Nombre de caractères pour le pays incorrect",
            _ => "IBAN incorrect",
        };
        SmError::business(e.smoney_code(), msg)
    })
}

fn check_bic(raw: &str) -> Result<String, SmError> {
    let bic = parse_bic(raw).map_err(|e| {
        let msg = match e.smoney_code() {
            186 => "BIC incorrect : Longueur de BIC invalide",
            187 => "BIC incorrect : Format du code de banque du BIC invalide",
            188 => "BIC incorrect : Format du code de pays du BIC invalide",
            189 => "BIC incorrect : Format du code de situation du BIC invalide",
            _ => "BIC incorrect : Format du code de branche du BIC invalide",
        };
        SmError::business(e.smoney_code(), msg)
    })?;
    // 556: well formed, but no such country.
    if country_length(&bic[4..6]).is_none() {
        return Err(SmError::business(556, "Bic incorrect"));
    }
    Ok(bic)
}

enum BankRef {
    Existing(i64),
    New(NewBank),
}

struct Request {
    amount: i64,
    bank: BankRef,
    fee_amount: i64,
    vat_tenths: Option<i64>,
    fee_with_vat: i64,
}

fn as_i64(v: Option<&Value>) -> Option<i64> {
    v.and_then(|v| {
        v.as_i64()
            .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
    })
}

/// A VAT rate in percent as tenths of a percent, or `None` outside 0–100 % (or not finite).
fn vat_tenths(vat: f64) -> Option<i64> {
    (vat.is_finite() && (0.0..=100.0).contains(&vat)).then(|| (vat * 10.0).round() as i64)
}

/// The fee with VAT, rounded half up, for a fee and a VAT rate in tenths of a percent; `None`
/// for a negative fee, a rate outside 0–100 %, or an amount too large to compute.
pub(super) fn fee_with_vat(amount: i64, vat_tenths: i64) -> Option<i64> {
    if amount < 0 || !(0..=1000).contains(&vat_tenths) {
        return None;
    }
    let vat = amount.checked_mul(vat_tenths)?.checked_add(500)? / 1000;
    amount.checked_add(vat)
}

/// The fee before VAT from the fee with VAT, rounded half up; `None` like `fee_with_vat`.
fn fee_without_vat(with_vat: i64, vat_tenths: i64) -> Option<i64> {
    if with_vat < 0 || !(0..=1000).contains(&vat_tenths) {
        return None;
    }
    let divisor = 1000 + vat_tenths;
    Some(with_vat.checked_mul(1000)?.checked_add(divisor / 2)? / divisor)
}

fn parse_request(body: Value, user: &str) -> Result<Request, SmError> {
    let body = lower_keys(body);
    let body = body.as_object().ok_or_else(|| missing("corps JSON"))?;
    let amount = as_i64(body.get("amount")).ok_or_else(|| missing("amount"))?;
    if amount <= 0 {
        return Err(missing("amount (positif, en centimes)"));
    }
    if let Some(acc) = body.get("accountid").filter(|v| !v.is_null()) {
        let app = acc.get("appaccountid").and_then(Value::as_str);
        if app.is_some_and(|a| a.trim() != user) {
            return Err(SmError::business(
                111,
                "Votre compte est incorrect ou incomplet",
            ));
        }
    }
    let bank = body
        .get("bankaccount")
        .and_then(Value::as_object)
        .ok_or_else(|| missing("bankaccount"))?;
    let bank = if let Some(id) = as_i64(bank.get("id")) {
        BankRef::Existing(id)
    } else {
        let display = bank
            .get("displayname")
            .or_else(|| bank.get("alias"))
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or("");
        let iban = bank
            .get("iban")
            .and_then(Value::as_str)
            .ok_or_else(|| missing("bankaccount.iban"))?;
        let bic = bank
            .get("bic")
            .and_then(Value::as_str)
            .ok_or_else(|| missing("bankaccount.bic"))?;
        if display.is_empty() {
            return Err(SmError::business(176, "Alias du compte bancaire invalide"));
        }
        let iban = check_iban(iban)?;
        let bic = check_bic(bic)?;
        BankRef::New(NewBank {
            display: display.to_string(),
            bic,
            iban,
            mine: bank.get("ismine").and_then(Value::as_bool).unwrap_or(true),
        })
    };
    let fee = body.get("fee").and_then(Value::as_object);
    let (fee_amount, vat_tenths, fee_with_vat) = match fee {
        None => (0, None, 0),
        Some(f) => {
            let vat = f.get("vat").and_then(Value::as_f64).unwrap_or(20.0);
            let tenths = vat_tenths(vat).ok_or_else(|| missing("fee.VAT (0 à 100)"))?;
            let bad = || missing("fee.amount ou fee.amountWithVAT");
            match (as_i64(f.get("amount")), as_i64(f.get("amountwithvat"))) {
                (Some(a), _) => (a, Some(tenths), fee_with_vat(a, tenths).ok_or_else(bad)?),
                (None, Some(w)) => (fee_without_vat(w, tenths).ok_or_else(bad)?, Some(tenths), w),
                _ => return Err(bad()),
            }
        }
    };
    Ok(Request {
        amount,
        bank,
        fee_amount,
        vat_tenths,
        fee_with_vat,
    })
}

async fn create(
    st: AppState,
    user: String,
    kind: &'static str,
    body: Body<SmError>,
    location_user: bool,
) -> Result<Response, SmError> {
    let req = parse_request(body.value()?, &user)?;
    if req.amount == super::MAGIC_SMONEY_110 {
        return Err(SmError::business(110, "Solde insuffisant"));
    }
    if req.amount == super::MAGIC_SMONEY_362 {
        return Err(SmError::business(362, "Opération non autorisée"));
    }
    let now = chrono::Utc::now().timestamp_millis();
    let (id, json) = st
        .db
        .write(move |tx| {
            let account = load_user(tx, &user)?;
            let (kyc, balance): (i64, i64) = tx
                .prepare_cached("SELECT kyc_level, balance_cents FROM smoney_users WHERE app_user_id = ?1")?
                .query_row([&user], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let (bank_id, bank) = match req.bank {
                BankRef::Existing(id) => {
                    let b: Option<(String, String, String, i64)> = tx
                        .prepare_cached("SELECT display_name, bic, iban, is_mine FROM bank_accounts WHERE id = ?1 AND app_user_id = ?2")?
                        .query_row(params![id, user], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                        .optional()?;
                    let (display, bic, iban, mine) = b.ok_or_else(|| SmError::business(302, "Compte bancaire introuvable"))?;
                    (Some(id), NewBank { display, bic, iban, mine: mine != 0 })
                }
                BankRef::New(b) => (None, b),
            };
            if kyc <= 1 && req.amount > KYC1_CEILING {
                return Err(SmError::business(703, "Plafond de transaction atteint (Niveau KYC 1)"));
            }
            if req.amount > KYC2_CEILING {
                return Err(SmError::business(702, "Plafond de transaction atteint (Niveau KYC 2)"));
            }
            let total = req.amount.saturating_add(req.fee_with_vat);
            if total > balance {
                return Err(SmError::business(110, "Solde insuffisant"));
            }
            tx.execute(
                "INSERT INTO moneyouts (app_user_id, kind, bank_account_id, ba_display_name, ba_bic, ba_iban, ba_is_mine, amount, fee_amount, fee_vat_tenths, fee_with_vat, fee_status, op_ms, op_offset_min) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13)",
                params![
                    user,
                    kind,
                    bank_id,
                    bank.display,
                    bank.bic,
                    bank.iban,
                    bank.mine,
                    req.amount,
                    req.fee_amount,
                    req.vat_tenths,
                    req.fee_with_vat,
                    now,
                    paris_offset_minutes(now)
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "UPDATE smoney_users SET balance_cents = balance_cents - ?2 WHERE app_user_id = ?1",
                params![user, total],
            )?;
            let json = tx
                .prepare_cached(&format!("SELECT {MONEYOUT_COLS} FROM moneyouts WHERE id = ?1"))?
                .query_row([id], |r| moneyout_json(&account, r))?;
            Ok((id, json))
        })
        .await?;
    // A path this sandbox serves: the provider's own, under the sandbox's prefix.
    let prefix = super::demo::SMONEY_PREFIX;
    let location = if location_user {
        format!(
            "{prefix}/users/{}/moneyouts/{id}",
            json["AccountId"]["AppAccountId"].as_str().unwrap_or("")
        )
    } else {
        format!("{prefix}/moneyouts/{id}")
    };
    let mut resp = (StatusCode::CREATED, Json(json)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    Ok(resp)
}

pub async fn user_oneshot(
    State(st): State<AppState>,
    args: Args,
    VendorBody(body): VendorBody,
) -> Result<Response, SmError> {
    create(st, args.at(0).to_string(), "oneshot", body, true).await
}

pub async fn user_recurring(
    State(st): State<AppState>,
    args: Args,
    VendorBody(body): VendorBody,
) -> Result<Response, SmError> {
    create(st, args.at(0).to_string(), "recurring", body, true).await
}

pub async fn own_oneshot(
    State(st): State<AppState>,
    VendorBody(body): VendorBody,
) -> Result<Response, SmError> {
    create(st, own_user(), "oneshot", body, false).await
}

pub async fn own_recurring(
    State(st): State<AppState>,
    VendorBody(body): VendorBody,
) -> Result<Response, SmError> {
    create(st, own_user(), "recurring", body, false).await
}
