//! MasCustomers v4 under `/customers/v4`: customers, accounts, payment methods, billing
//! addresses and promotions (reads here, writes in `mascustomers_write`).

use super::envelope::{Envelope, store_failure};
use super::http::{Params, PathArgs, Reject, page_body, parse_paging};
use super::list::{ListQuery, fetch_page};
use super::routes::Route;
use super::search::Terms;
use super::store::StoreError;
use super::{AppState, demo};
use crate::domain::Provider;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::{Value, json};

/// The MasCustomers `ErrorResponse`.
#[derive(Debug)]
pub struct MasError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub detail: Option<String>,
}

impl MasError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> MasError {
        MasError {
            status,
            code,
            message: message.into(),
            detail: None,
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> MasError {
        MasError {
            status: StatusCode::BAD_REQUEST,
            code: "0002",
            message: "Bad request".into(),
            detail: Some(detail.into()),
        }
    }

    pub fn not_found(what: &str) -> MasError {
        MasError::new(StatusCode::NOT_FOUND, "0001", format!("{what} not found"))
    }
}

impl IntoResponse for MasError {
    fn into_response(self) -> Response {
        let body = json!({
            "code": self.code,
            "status": self.status.as_u16(),
            "message": self.message,
            "detail_msg": self.detail,
        });
        (self.status, Json(body)).into_response()
    }
}

impl Envelope for MasError {
    const PROVIDER: Provider = Provider::Mascustomers;

    fn reject(r: Reject) -> Self {
        let code = match r {
            Reject::NotFound => "0001",
            Reject::BadJson(_) | Reject::BadQuery(_) => "0002",
            Reject::MethodNotAllowed => "0004",
            Reject::UnsupportedMedia => "0005",
            Reject::TooLarge => "0006",
            Reject::Internal => "0500",
            Reject::BadGateway => "0502",
            Reject::Unavailable => "0503",
            Reject::TooManyRequests => "0429",
        };
        let detail = match &r {
            Reject::BadJson(_) | Reject::BadQuery(_) | Reject::NotFound | Reject::TooLarge => {
                Some(r.message())
            }
            _ => None,
        };
        let message = match &r {
            Reject::NotFound => "Resource not found".to_string(),
            Reject::BadJson(_) | Reject::BadQuery(_) => "Bad request".into(),
            other => other.message(),
        };
        MasError {
            status: r.status(),
            code,
            message,
            detail,
        }
    }
}

impl From<StoreError> for MasError {
    fn from(e: StoreError) -> Self {
        store_failure(e)
    }
}

impl From<rusqlite::Error> for MasError {
    fn from(e: rusqlite::Error) -> Self {
        store_failure(StoreError::from(e))
    }
}

pub type Args = PathArgs<MasError>;
pub type Query = Params<MasError>;

/// Bearer auth: the demo token, the expired one (569), anything else (570).
pub async fn auth(headers: HeaderMap, req: Request, next: Next) -> Response {
    let token = bearer(&headers);
    match token.as_deref() {
        Some(demo::MAS_TOKEN) => next.run(req).await,
        Some(demo::MAS_EXPIRED_TOKEN) => {
            MasError::new(StatusCode::UNAUTHORIZED, "569", "Token expired").into_response()
        }
        _ => MasError::new(StatusCode::UNAUTHORIZED, "570", "Invalid token").into_response(),
    }
}

pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

pub fn check_org(org: &str) -> Result<(), MasError> {
    if org == demo::MAS_ORG {
        Ok(())
    } else {
        Err(MasError::not_found("Organization"))
    }
}

pub fn routes() -> Vec<Route> {
    use super::mascustomers_write as w;
    use axum::routing::{get, patch, post};
    vec![
        Route::new(Method::GET, "/orgs/{org}/customers", get(list_customers)),
        Route::new(
            Method::GET,
            "/orgs/{org}/customers/{customer_id}",
            get(get_customer),
        ),
        Route::new(
            Method::GET,
            "/orgs/{org}/customers/{customer_id}/accounts",
            get(customer_accounts),
        ),
        Route::new(
            Method::POST,
            "/orgs/{org}/customers/{customer_id}/accounts",
            post(w::create_account),
        ),
        Route::new(
            Method::GET,
            "/orgs/{org}/customers/{customer_id}/accounts/{account_id}/payment-methods",
            get(payment_methods),
        ),
        Route::new(Method::GET, "/orgs/{org}/accounts", get(list_accounts)),
        Route::new(
            Method::GET,
            "/orgs/{org}/accounts/{account_id}",
            get(get_account),
        ),
        Route::new(
            Method::PATCH,
            "/orgs/{org}/accounts/{account_id}/payment-method",
            patch(w::patch_payment_method),
        ),
        Route::new(
            Method::GET,
            "/orgs/{org}/accounts/{account_id}/billing-addresses",
            get(billing_addresses),
        ),
        Route::new(
            Method::GET,
            "/orgs/{org}/accounts/{account_id}/promotions",
            get(promotions),
        ),
        Route::new(
            Method::GET,
            "/orgs/{org}/accounts/{account_id}/promotions/history",
            get(promotion_history),
        ),
        Route::new(
            Method::PATCH,
            "/orgs/{org}/accounts/{account_id}/promotions/{account_promotion_id}",
            patch(w::patch_promotion),
        ),
    ]
}

const CUSTOMER_COLS: &str =
    "id, external_id, kind, segment, name, email, phone, created_at, special_treatment, categories";

fn customer_json(r: &Row<'_>) -> rusqlite::Result<Value> {
    let special: String = r.get(8)?;
    let cats: String = r.get(9)?;
    Ok(json!({
        "id": r.get::<_, String>(0)?,
        "external_id": r.get::<_, String>(1)?,
        "type": r.get::<_, String>(2)?,
        "segment": r.get::<_, String>(3)?,
        "name": r.get::<_, String>(4)?,
        "email": r.get::<_, String>(5)?,
        "phone": r.get::<_, String>(6)?,
        "created_at": r.get::<_, String>(7)?,
        "special_treatment": serde_json::from_str::<Value>(&special).unwrap_or_else(|_| json!([])),
        "categories": serde_json::from_str::<Value>(&cats).unwrap_or_else(|_| json!([])),
    }))
}

pub const ACCOUNT_COLS: &str = "id, customer_id, modality, status, created_at, street, postal_code, city, country, pm_type, pm_iban, pm_token, methods";

fn account_json(r: &Row<'_>) -> rusqlite::Result<Value> {
    let street: Option<String> = r.get(5)?;
    let billing = match street {
        Some(street) => json!({
            "street": street,
            "postal_code": r.get::<_, Option<String>>(6)?,
            "city": r.get::<_, Option<String>>(7)?,
            "country": r.get::<_, Option<String>>(8)?,
        }),
        None => Value::Null,
    };
    let pm_type: String = r.get(9)?;
    let details = if pm_type == "DIRECT_DEBIT" {
        json!({ "iban": r.get::<_, Option<String>>(10)? })
    } else {
        json!({ "token_id": r.get::<_, Option<String>>(11)? })
    };
    Ok(json!({
        "id": r.get::<_, String>(0)?,
        "customer_id": r.get::<_, String>(1)?,
        "modality": r.get::<_, String>(2)?,
        "status": r.get::<_, String>(3)?,
        "created_at": r.get::<_, String>(4)?,
        "billing_address": billing,
        "payment_method": { "type": pm_type, "details": details },
    }))
}

async fn list_customers(
    State(st): State<AppState>,
    args: Args,
    q: Query,
) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let paging = parse_paging(
        q.get("size"),
        q.get("page"),
        q.get("sort"),
        &["name", "email", "external_id", "created_at"],
        (0, false),
        false,
    )
    .map_err(|e| MasError::bad_request(e.0))?;
    let needle = q
        .get("q")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    if let Some(n) = &needle {
        super::search::at_most("q", n, super::search::MAX_TEXT).map_err(MasError::bad_request)?;
    }
    if needle.as_deref() == Some(super::MAGIC_MAS_FAIL) {
        return Err(MasError::reject(Reject::Internal));
    }
    let column = ["name", "email", "external_id", "created_at"][paging.sort];
    st.db
        .read(move |conn| {
            if let (Some(n), 0) = (&needle, paging.sort) {
                // Sorted by name: counted and ordered from the search's own table.
                let (rows, total) = super::search::page_by_name(
                    conn,
                    Terms::Customers,
                    &super::search::customer_prefix(n),
                    &paging,
                )?;
                let mut one = conn.prepare_cached(&format!(
                    "SELECT {CUSTOMER_COLS} FROM customers WHERE rowid = ?1"
                ))?;
                let items = rows
                    .iter()
                    .map(|r| one.query_row([r], customer_json))
                    .collect::<Result<Vec<_>, _>>()?;
                return Ok(Json(page_body(&paging, "items", items, total)));
            }
            let (from, args) = match needle {
                Some(n) => {
                    let prefix = super::search::customer_prefix(&n);
                    let (cond, args) = super::search::rows_with(Terms::Customers, &prefix, 1);
                    (format!("customers WHERE {cond}"), args)
                }
                None => ("customers".to_string(), vec![]),
            };
            let lq = ListQuery {
                select: CUSTOMER_COLS,
                from,
                args,
                sort_column: column,
                id_column: "id",
            };
            let (items, total) = fetch_page(conn, &lq, &paging, customer_json)?;
            Ok(Json(page_body(&paging, "items", items, total)))
        })
        .await
}

async fn get_customer(State(st): State<AppState>, args: Args) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let id = args.at(1).to_ascii_lowercase();
    st.db
        .read(move |conn| {
            conn.prepare_cached(&format!(
                "SELECT {CUSTOMER_COLS} FROM customers WHERE id = ?1"
            ))?
            .query_row([&id], customer_json)
            .optional()?
            .map(Json)
            .ok_or_else(|| MasError::not_found("Customer"))
        })
        .await
}

pub fn customer_exists(conn: &Connection, id: &str) -> Result<bool, MasError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

async fn customer_accounts(
    State(st): State<AppState>,
    args: Args,
) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let id = args.at(1).to_ascii_lowercase();
    st.db
        .read(move |conn| {
            if !customer_exists(conn, &id)? {
                return Err(MasError::not_found("Customer"));
            }
            let ids: Vec<String> = conn
                .prepare_cached(
                    "SELECT id FROM accounts WHERE customer_id = ?1 ORDER BY created_at, id",
                )?
                .query_map([&id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            Ok(Json(json!({ "account_ids": ids })))
        })
        .await
}

async fn payment_methods(State(st): State<AppState>, args: Args) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let customer = args.at(1).to_ascii_lowercase();
    let account = args.at(2).to_ascii_lowercase();
    st.db
        .read(move |conn| {
            let methods: Option<String> = conn
                .prepare_cached("SELECT methods FROM accounts WHERE id = ?1 AND customer_id = ?2")?
                .query_row([&account, &customer], |r| r.get(0))
                .optional()?;
            let methods = methods.ok_or_else(|| MasError::not_found("Account"))?;
            let list: Vec<&str> = methods.split(',').filter(|s| !s.is_empty()).collect();
            Ok(Json(json!({ "payment_methods": list })))
        })
        .await
}

async fn list_accounts(
    State(st): State<AppState>,
    args: Args,
    q: Query,
) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let paging = parse_paging(
        q.get("size"),
        q.get("page"),
        q.get("sort"),
        &["created_at", "status", "modality"],
        (0, true),
        false,
    )
    .map_err(|e| MasError::bad_request(e.0))?;
    let column = ["created_at", "status", "modality"][paging.sort];
    let customer = match q.get("customer_id") {
        None => None,
        Some(c) => Some(
            uuid::Uuid::parse_str(c)
                .map(|u| u.hyphenated().to_string())
                .map_err(|_| {
                    MasError::bad_request(format!("customer_id must be a uuid, got {c:?}"))
                })?,
        ),
    };
    let last4 = q
        .get("last4")
        .map(super::search::last4)
        .transpose()
        .map_err(MasError::bad_request)?;
    let mut filters = Vec::new();
    let mut args = Vec::new();
    if let Some(c) = customer {
        filters.push(format!("customer_id = ?{}", args.len() + 1));
        args.push(SqlValue::Text(c));
    }
    if let Some(l) = last4 {
        let (cond, more) = super::search::accounts_last4(l, args.len() + 1);
        filters.push(cond);
        args.extend(more);
    }
    let from = if filters.is_empty() {
        "accounts".to_string()
    } else {
        format!("accounts WHERE {}", filters.join(" AND "))
    };
    st.db
        .read(move |conn| {
            let lq = ListQuery {
                select: ACCOUNT_COLS,
                from,
                args,
                sort_column: column,
                id_column: "id",
            };
            let (items, total) = fetch_page(conn, &lq, &paging, account_json)?;
            Ok(Json(page_body(&paging, "items", items, total)))
        })
        .await
}

pub fn load_account(conn: &Connection, id: &str) -> Result<Value, MasError> {
    conn.prepare_cached(&format!(
        "SELECT {ACCOUNT_COLS} FROM accounts WHERE id = ?1"
    ))?
    .query_row([id], account_json)
    .optional()?
    .ok_or_else(|| MasError::not_found("Account"))
}

async fn get_account(State(st): State<AppState>, args: Args) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let id = args.at(1).to_ascii_lowercase();
    st.db
        .read(move |conn| load_account(conn, &id).map(Json))
        .await
}

fn date_param(q: &Query, name: &str) -> Result<Option<String>, MasError> {
    match q.get(name) {
        None => Ok(None),
        Some(s) => super::time::parse_date(s)
            .map(|d| Some(super::time::fmt_date(d)))
            .ok_or_else(|| {
                MasError::bad_request(format!("{name} must be a date yyyy-mm-dd, got {s:?}"))
            }),
    }
}

async fn billing_addresses(
    State(st): State<AppState>,
    args: Args,
    q: Query,
) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let id = args.at(1).to_ascii_lowercase();
    let from = date_param(&q, "from")?;
    // `to` is a whole day: everything stamped before the next midnight.
    let to = date_param(&q, "to")?.map(|d| format!("{d}T99"));
    st.db
        .read(move |conn| {
            load_account(conn, &id)?;
            let rows: Vec<Value> = conn
                .prepare_cached(
                    "SELECT street, postal_code, city, country, create_stamp FROM billing_addresses \
                     WHERE account_id = ?1 AND (?2 IS NULL OR create_stamp >= ?2) AND (?3 IS NULL OR create_stamp < ?3) \
                     ORDER BY create_stamp DESC, id DESC",
                )?
                .query_map(rusqlite::params![id, from, to], |r| {
                    Ok(json!({
                        "address": {
                            "street": r.get::<_, String>(0)?,
                            "postal_code": r.get::<_, String>(1)?,
                            "city": r.get::<_, String>(2)?,
                            "country": r.get::<_, String>(3)?,
                        },
                        "create_stamp": r.get::<_, String>(4)?,
                    }))
                })?
                .collect::<Result<_, _>>()?;
            Ok(Json(json!({ "billing_addresses": rows })))
        })
        .await
}

pub const PROMO_COLS: &str =
    "id, code, name, discount_type, discount_value, start_date, end_date, cancellation_date";

pub fn promotion_json(r: &Row<'_>) -> rusqlite::Result<Value> {
    Ok(json!({
        "id": r.get::<_, String>(0)?,
        "promotion_code": r.get::<_, String>(1)?,
        "name": r.get::<_, String>(2)?,
        "discount": { "type": r.get::<_, String>(3)?, "value": r.get::<_, i64>(4)? },
        "start_date": r.get::<_, String>(5)?,
        "end_date": r.get::<_, Option<String>>(6)?,
        "cancellation_date": r.get::<_, Option<String>>(7)?,
    }))
}

async fn promotions(
    State(st): State<AppState>,
    args: Args,
    q: Query,
) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let id = args.at(1).to_ascii_lowercase();
    let filter = match q.get("account_promotion_type").unwrap_or("ALL") {
        "ALL" => 0,
        "ACTIVE" => 1,
        "SCHEDULED" => 2,
        other => {
            return Err(MasError::bad_request(format!(
                "account_promotion_type must be ACTIVE, SCHEDULED or ALL, got {other:?}"
            )));
        }
    };
    let today = super::time::fmt_date(super::today());
    st.db
        .read(move |conn| {
            load_account(conn, &id)?;
            // ACTIVE: started, not ended, not cancelled as of today; SCHEDULED: not started,
            // not cancelled.
            let sql = format!(
                "SELECT {PROMO_COLS} FROM promotions WHERE account_id = ?1 AND (\
                 ?2 = 0 \
                 OR (?2 = 1 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?3) AND (cancellation_date IS NULL OR cancellation_date > ?3)) \
                 OR (?2 = 2 AND start_date > ?3 AND (cancellation_date IS NULL OR cancellation_date > ?3))) \
                 ORDER BY start_date, id"
            );
            let rows: Vec<Value> = conn
                .prepare_cached(&sql)?
                .query_map(rusqlite::params![id, filter, today], promotion_json)?
                .collect::<Result<_, _>>()?;
            Ok(Json(Value::Array(rows)))
        })
        .await
}

async fn promotion_history(
    State(st): State<AppState>,
    args: Args,
    q: Query,
) -> Result<Json<Value>, MasError> {
    check_org(args.at(0))?;
    let id = args.at(1).to_ascii_lowercase();
    let start = date_param(&q, "start_date")?;
    st.db
        .read(move |conn| {
            load_account(conn, &id)?;
            let rows: Vec<Value> = conn
                .prepare_cached(
                    "SELECT id, account_promotion_id, code, operation, operation_date FROM promotion_history \
                     WHERE account_id = ?1 AND (?2 IS NULL OR operation_date >= ?2) ORDER BY operation_date DESC, id",
                )?
                .query_map(rusqlite::params![id, start], |r| {
                    Ok(json!({
                        "id": r.get::<_, String>(0)?,
                        "account_promotion_id": r.get::<_, String>(1)?,
                        "promotion_code": r.get::<_, String>(2)?,
                        "operation": r.get::<_, String>(3)?,
                        "operation_date": r.get::<_, String>(4)?,
                    }))
                })?
                .collect::<Result<_, _>>()?;
            Ok(Json(Value::Array(rows)))
        })
        .await
}
