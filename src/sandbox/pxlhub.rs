//! pxlhub PMS cashless under `/pms/v1`: stays and their wallets; wallet opening
//! (idempotent per stay) and refund (idempotent per key).

use super::envelope::{Envelope, store_failure};
use super::http::{Body, Params, PathArgs, Reject, page_body, parse_paging};
use super::list::{ListQuery, fetch_page};
use super::routes::Route;
use super::search::Terms;
use super::store::StoreError;
use super::time::{fmt_utc_ms, parse_date};
use super::{AppState, demo};
use crate::domain::Provider;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Map, Value, json};

#[derive(Debug)]
pub struct PxlError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub module: &'static str,
}

impl PxlError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> PxlError {
        PxlError {
            status,
            code,
            message: message.into(),
            module: "wallets",
        }
    }

    fn validation(message: impl Into<String>) -> PxlError {
        PxlError::new(StatusCode::BAD_REQUEST, "VALIDATION_ERROR", message)
    }
}

impl IntoResponse for PxlError {
    fn into_response(self) -> Response {
        let body = json!({
            "code": self.code,
            "message": self.message,
            "status": self.status.as_u16(),
            "traceId": uuid::Uuid::new_v4().to_string(),
            "origin": { "boundedContext": "cashless", "module": self.module },
        });
        (self.status, Json(body)).into_response()
    }
}

impl Envelope for PxlError {
    const PROVIDER: Provider = Provider::Pxlhub;

    fn reject(r: Reject) -> Self {
        let code = match r {
            Reject::NotFound => "ROUTE_NOT_FOUND",
            Reject::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            Reject::BadJson(_) | Reject::BadQuery(_) => "VALIDATION_ERROR",
            Reject::TooLarge => "PAYLOAD_TOO_LARGE",
            Reject::UnsupportedMedia => "UNSUPPORTED_MEDIA_TYPE",
            Reject::Internal => "INTERNAL_ERROR",
            Reject::Unavailable => "SERVICE_UNAVAILABLE",
            Reject::BadGateway => "BAD_GATEWAY",
            Reject::TooManyRequests => "TOO_MANY_REQUESTS",
        };
        PxlError {
            status: r.status(),
            code,
            message: r.message(),
            module: "http",
        }
    }
}

impl From<StoreError> for PxlError {
    fn from(e: StoreError) -> Self {
        store_failure(e)
    }
}

impl From<rusqlite::Error> for PxlError {
    fn from(e: rusqlite::Error) -> Self {
        store_failure(StoreError::from(e))
    }
}

type Args = PathArgs<PxlError>;
type Query = Params<PxlError>;
type PxlBody = Body<PxlError>;

/// `X-API-Key`: the manage key may do everything, the read-only key only reads.
pub async fn auth(headers: HeaderMap, req: Request, next: Next) -> Response {
    let key = headers.get("x-api-key").and_then(|v| v.to_str().ok());
    let read = req.method() == Method::GET || req.method() == Method::HEAD;
    match key {
        Some(demo::PXL_MANAGE_KEY) => next.run(req).await,
        Some(demo::PXL_READONLY_KEY) if read => next.run(req).await,
        Some(demo::PXL_READONLY_KEY) => PxlError::new(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "this API key lacks the permission cashless.manage",
        )
        .into_response(),
        _ => PxlError::new(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            "missing or unknown X-API-Key",
        )
        .into_response(),
    }
}

pub fn routes() -> Vec<Route> {
    use axum::routing::{get, post};
    vec![
        Route::new(Method::POST, "/wallets", post(open_wallet)),
        Route::new(Method::GET, "/wallets", get(list_wallets)),
        Route::new(Method::GET, "/wallets/{walletId}", get(get_wallet)),
        Route::new(Method::POST, "/wallets/{walletId}/refund", post(refund)),
        Route::new(Method::GET, "/stays", get(list_stays)),
        Route::new(Method::GET, "/stays/{stayId}", get(get_stay)),
        Route::new(Method::GET, "/stays/{stayId}/wallet", get(stay_wallet)),
    ]
}

const WALLET_COLS: &str = "id, stay_id, establishment_id, mode, currency, balance_cents, credit_limit_cents, medium_ref, status, opened_at";

fn wallet_json(r: &Row<'_>) -> rusqlite::Result<Value> {
    Ok(json!({
        "id": r.get::<_, String>(0)?,
        "stayId": r.get::<_, String>(1)?,
        "establishmentId": r.get::<_, String>(2)?,
        "mode": r.get::<_, String>(3)?,
        "currency": r.get::<_, String>(4)?,
        "balanceCents": r.get::<_, i64>(5)?.to_string(),
        "creditLimitCents": r.get::<_, Option<i64>>(6)?.map(|c| c.to_string()),
        "mediumRef": r.get::<_, Option<String>>(7)?,
        "status": r.get::<_, String>(8)?,
        "openedAt": r.get::<_, String>(9)?,
    }))
}

const STAY_COLS: &str = "s.id, s.establishment_id, e.name, s.guest_name, s.arrival, s.departure";
const STAY_FROM: &str = "stays s JOIN establishments e ON e.id = s.establishment_id";

fn stay_json(r: &Row<'_>) -> rusqlite::Result<Value> {
    Ok(json!({
        "id": r.get::<_, String>(0)?,
        "establishmentId": r.get::<_, String>(1)?,
        "establishmentName": r.get::<_, String>(2)?,
        "guestName": r.get::<_, String>(3)?,
        "arrival": r.get::<_, String>(4)?,
        "departure": r.get::<_, String>(5)?,
    }))
}

fn uuid_arg(s: &str, name: &str) -> Result<String, PxlError> {
    uuid::Uuid::parse_str(s)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| PxlError::validation(format!("{name} must be a uuid")))
}

fn load_wallet(conn: &Connection, id: &str) -> Result<Option<Value>, PxlError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {WALLET_COLS} FROM wallets WHERE id = ?1"))?
        .query_row([id], wallet_json)
        .optional()?)
}

async fn list_wallets(State(st): State<AppState>, q: Query) -> Result<Json<Value>, PxlError> {
    let fields = ["openedAt", "balanceCents", "status"];
    let paging = parse_paging(
        q.get("size"),
        q.get("page"),
        q.get("sort"),
        &fields,
        (0, true),
        false,
    )
    .map_err(|e| PxlError::validation(e.0))?;
    let column = ["opened_at", "balance_cents", "status"][paging.sort];
    let mut filters = Vec::new();
    let mut args = Vec::new();
    if let Some(e) = q.get("establishmentId") {
        filters.push(format!("establishment_id = ?{}", args.len() + 1));
        args.push(SqlValue::Text(uuid_arg(e, "establishmentId")?));
    }
    if let Some(s) = q.get("status") {
        if s != "open" && s != "closed" {
            return Err(PxlError::validation(format!(
                "status must be open or closed, got {s:?}"
            )));
        }
        filters.push(format!("status = ?{}", args.len() + 1));
        args.push(SqlValue::Text(s.to_string()));
    }
    if let Some(m) = q.get("mediumRef").map(str::trim).filter(|m| !m.is_empty()) {
        super::search::at_most("mediumRef", m, super::search::MAX_MEDIUM)
            .map_err(PxlError::validation)?;
        let (cond, more) = super::search::wallets_medium(m, args.len() + 1);
        filters.push(cond);
        args.extend(more);
    }
    let from = if filters.is_empty() {
        "wallets".to_string()
    } else {
        format!("wallets WHERE {}", filters.join(" AND "))
    };
    st.db
        .read(move |conn| {
            let lq = ListQuery {
                select: WALLET_COLS,
                from,
                args,
                sort_column: column,
                id_column: "id",
            };
            let (items, total) = fetch_page(conn, &lq, &paging, wallet_json)?;
            Ok(Json(page_body(&paging, "data", items, total)))
        })
        .await
}

async fn get_wallet(State(st): State<AppState>, args: Args) -> Result<Json<Value>, PxlError> {
    let id = uuid_arg(args.at(0), "walletId")?;
    st.db
        .read(move |conn| {
            let w = load_wallet(conn, &id)?.ok_or_else(|| {
                PxlError::new(
                    StatusCode::NOT_FOUND,
                    "WALLET_NOT_FOUND",
                    "Wallet introuvable",
                )
            })?;
            Ok(Json(json!({ "data": w })))
        })
        .await
}

async fn list_stays(State(st): State<AppState>, q: Query) -> Result<Json<Value>, PxlError> {
    let paging = parse_paging(
        q.get("size"),
        q.get("page"),
        q.get("sort"),
        &["arrival", "guestName"],
        (0, true),
        false,
    )
    .map_err(|e| PxlError::validation(e.0))?;
    let column = ["s.arrival", "s.guest_name"][paging.sort];
    let mut filters = Vec::new();
    let mut args = Vec::new();
    let guest = q
        .get("guestName")
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(str::to_string);
    if let Some(g) = &guest {
        super::search::at_most("guestName", g, super::search::MAX_TEXT)
            .map_err(PxlError::validation)?;
    }
    if let (Some(g), 1, None) = (&guest, paging.sort, q.get("establishmentId")) {
        // Sorted by guest name: counted and ordered from the search's own table.
        let prefix = super::search::stay_prefix(g);
        return st
            .db
            .read(move |conn| {
                let (rows, total) =
                    super::search::page_by_name(conn, Terms::Stays, &prefix, &paging)?;
                let mut one = conn.prepare_cached(&format!(
                    "SELECT {STAY_COLS} FROM {STAY_FROM} WHERE s.rowid = ?1"
                ))?;
                let items = rows
                    .iter()
                    .map(|r| one.query_row([r], stay_json))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Json(page_body(&paging, "data", items, total)))
            })
            .await;
    }
    if let Some(e) = q.get("establishmentId") {
        filters.push(format!("s.establishment_id = ?{}", args.len() + 1));
        args.push(SqlValue::Text(uuid_arg(e, "establishmentId")?));
    }
    if let Some(g) = guest.as_deref() {
        let prefix = super::search::stay_prefix(g);
        let (cond, more) = super::search::rows_with(Terms::Stays, &prefix, args.len() + 1);
        filters.push(cond);
        args.extend(more);
    }
    let from = if filters.is_empty() {
        STAY_FROM.to_string()
    } else {
        format!("{STAY_FROM} WHERE {}", filters.join(" AND "))
    };
    st.db
        .read(move |conn| {
            let lq = ListQuery {
                select: STAY_COLS,
                from,
                args,
                sort_column: column,
                id_column: "s.id",
            };
            let (items, total) = fetch_page(conn, &lq, &paging, stay_json)?;
            Ok(Json(page_body(&paging, "data", items, total)))
        })
        .await
}

fn stay_not_found() -> PxlError {
    PxlError {
        module: "stays",
        ..PxlError::new(
            StatusCode::NOT_FOUND,
            "STAY_NOT_FOUND",
            "Séjour introuvable",
        )
    }
}

async fn get_stay(State(st): State<AppState>, args: Args) -> Result<Json<Value>, PxlError> {
    let id = uuid_arg(args.at(0), "stayId")?;
    st.db
        .read(move |conn| {
            let s = conn
                .prepare_cached(&format!(
                    "SELECT {STAY_COLS} FROM {STAY_FROM} WHERE s.id = ?1"
                ))?
                .query_row([&id], stay_json)
                .optional()?
                .ok_or_else(stay_not_found)?;
            Ok(Json(json!({ "data": s })))
        })
        .await
}

async fn stay_wallet(State(st): State<AppState>, args: Args) -> Result<Json<Value>, PxlError> {
    let id = uuid_arg(args.at(0), "stayId")?;
    st.db
        .read(move |conn| {
            let exists = conn
                .prepare_cached("SELECT 1 FROM stays WHERE id = ?1")?
                .query_row([&id], |_| Ok(()))
                .optional()?
                .is_some();
            if !exists {
                return Err(stay_not_found());
            }
            let w = conn
                .prepare_cached(&format!(
                    "SELECT {WALLET_COLS} FROM wallets WHERE stay_id = ?1"
                ))?
                .query_row([&id], wallet_json)
                .optional()?
                .ok_or_else(|| {
                    PxlError::new(
                        StatusCode::NOT_FOUND,
                        "WALLET_NOT_FOUND",
                        "Aucun wallet pour ce séjour",
                    )
                })?;
            Ok(Json(json!({ "data": w })))
        })
        .await
}

fn field<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    body.get(name).filter(|v| !v.is_null())
}

fn required_uuid(body: &Map<String, Value>, name: &str) -> Result<String, PxlError> {
    match field(body, name) {
        None => Err(PxlError::validation(format!("{name} is required"))),
        Some(Value::String(s)) => uuid_arg(s, name),
        Some(_) => Err(PxlError::validation(format!(
            "{name} must be a uuid string"
        ))),
    }
}

struct OpenWallet {
    stay: String,
    establishment: String,
    mode: &'static str,
    currency: String,
    medium_ref: Option<String>,
    credit_limit: Option<i64>,
    correlation: String,
}

fn validate_open(body: &Value) -> Result<OpenWallet, PxlError> {
    let body = body
        .as_object()
        .ok_or_else(|| PxlError::validation("the body must be a JSON object"))?;
    let stay = required_uuid(body, "stayId")?;
    let establishment = required_uuid(body, "establishmentId")?;
    let mode = match field(body, "mode").and_then(Value::as_str) {
        Some("prepaid") => "prepaid",
        Some("postpaid") => "postpaid",
        _ => return Err(PxlError::validation("mode must be prepaid or postpaid")),
    };
    let currency = match field(body, "currency").and_then(Value::as_str) {
        Some(c) if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) => {
            c.to_ascii_uppercase()
        }
        _ => return Err(PxlError::validation("currency must be 3 letters, like EUR")),
    };
    let medium_ref = match field(body, "mediumRef") {
        None => None,
        Some(Value::String(s)) if s.len() <= 64 => Some(s.clone()),
        Some(_) => {
            return Err(PxlError::validation(
                "mediumRef must be a string of at most 64 characters",
            ));
        }
    };
    let credit_limit = match field(body, "creditLimitCents") {
        None => None,
        Some(_) if mode == "prepaid" => {
            return Err(PxlError::validation(
                "creditLimitCents is for postpaid wallets only",
            ));
        }
        Some(Value::String(s))
            if !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(
                s.parse::<i64>()
                    .map_err(|_| PxlError::validation("creditLimitCents is too large"))?,
            )
        }
        Some(_) => {
            return Err(PxlError::validation(
                "creditLimitCents must be a string of cents (bigint), like \"10000\"",
            ));
        }
    };
    let correlation = required_uuid(body, "correlationId")?;
    Ok(OpenWallet {
        stay,
        establishment,
        mode,
        currency,
        medium_ref,
        credit_limit,
        correlation,
    })
}

async fn open_wallet(State(st): State<AppState>, body: PxlBody) -> Result<Json<Value>, PxlError> {
    let input = validate_open(&body.value()?)?;
    if input.medium_ref.as_deref() == Some(super::MAGIC_PXL_FAIL) {
        return Err(PxlError::reject(Reject::Internal));
    }
    let now = chrono::Utc::now().timestamp_millis();
    let new_id = uuid::Uuid::new_v4().to_string();
    st.db
        .write(move |tx| {
            let est: Option<String> = tx
                .prepare_cached("SELECT establishment_id FROM stays WHERE id = ?1")?
                .query_row([&input.stay], |r| r.get(0))
                .optional()?;
            let est = est.ok_or_else(stay_not_found)?;
            if est != input.establishment {
                return Err(PxlError::validation("establishmentId is not the establishment of this stay"));
            }
            let existing: Option<String> = tx
                .prepare_cached("SELECT id FROM wallets WHERE stay_id = ?1")?
                .query_row([&input.stay], |r| r.get(0))
                .optional()?;
            if let Some(id) = existing {
                return Ok(Json(json!({ "data": { "walletId": id, "alreadyOpen": true } })));
            }
            tx.execute(
                "INSERT INTO wallets (id, stay_id, establishment_id, mode, currency, balance_cents, credit_limit_cents, medium_ref, status, opened_at, correlation_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, 'open', ?8, ?9)",
                params![
                    new_id,
                    input.stay,
                    input.establishment,
                    input.mode,
                    input.currency,
                    input.credit_limit,
                    input.medium_ref,
                    fmt_utc_ms(now),
                    input.correlation
                ],
            )?;
            Ok(Json(json!({ "data": { "walletId": new_id, "alreadyOpen": false } })))
        })
        .await
}

fn refund_json(wallet: &str, cents: i64, reference: &str) -> Json<Value> {
    Json(
        json!({ "data": { "walletId": wallet, "refundedCents": cents.to_string(), "refundRef": reference } }),
    )
}

async fn refund(
    State(st): State<AppState>,
    args: Args,
    body: PxlBody,
) -> Result<Json<Value>, PxlError> {
    let wallet = uuid_arg(args.at(0), "walletId")?;
    let body = body.value()?;
    let body = body
        .as_object()
        .ok_or_else(|| PxlError::validation("the body must be a JSON object"))?;
    let date = match field(body, "businessDate")
        .and_then(Value::as_str)
        .and_then(parse_date)
    {
        Some(d) => super::time::fmt_date(d),
        None => {
            return Err(PxlError::validation(
                "businessDate must be a date yyyy-mm-dd",
            ));
        }
    };
    let key = required_uuid(body, "idempotencyKey")?;
    let correlation = required_uuid(body, "correlationId")?;
    let reference = format!(
        "RF-{:010X}",
        super::prng::mix(super::prng::fnv(&key)) & 0xFF_FFFF_FFFF
    );
    st.db
        .write(move |tx| {
            let seen: Option<(String, i64, String)> = tx
                .prepare_cached("SELECT wallet_id, refunded_cents, refund_ref FROM refunds WHERE idempotency_key = ?1")?
                .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            if let Some((w, cents, r)) = seen {
                if w != wallet {
                    return Err(PxlError::validation("idempotencyKey was already used for another wallet"));
                }
                return Ok(refund_json(&w, cents, &r));
            }
            let row: Option<(i64, String)> = tx
                .prepare_cached("SELECT balance_cents, status FROM wallets WHERE id = ?1")?
                .query_row([&wallet], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (balance, status) = row.ok_or_else(|| {
                PxlError::new(StatusCode::NOT_FOUND, "WALLET_NOT_FOUND", "Wallet introuvable")
            })?;
            if status == "closed" {
                return Err(PxlError::validation("the wallet is closed: nothing to refund"));
            }
            let refunded = balance.max(0);
            tx.execute(
                "INSERT INTO refunds (idempotency_key, wallet_id, refunded_cents, refund_ref, business_date, correlation_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![key, wallet, refunded, reference, date, correlation],
            )?;
            tx.execute(
                "UPDATE wallets SET balance_cents = balance_cents - ?2, status = 'closed' WHERE id = ?1",
                params![wallet, refunded],
            )?;
            Ok(refund_json(&wallet, refunded, &reference))
        })
        .await
}
