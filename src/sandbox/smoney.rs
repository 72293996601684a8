//! S-money under `/smoney/api/sandbox`: users and their moneyouts (reads here, creation in
//! `smoney_write`). PascalCase answers, the vendor media type, numbered error codes.

use super::envelope::{Envelope, store_failure};
use super::http::{Body, Params, PathArgs, Reject, parse_paging};
use super::list::{ListQuery, fetch_page};
use super::routes::Route;
use super::store::StoreError;
use super::time::fmt_offset_ms;
use super::{AppState, demo};
use crate::domain::Provider;
use axum::Json;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::{Map, Value, json};

pub const MEDIA_TYPE: &str = "application/vnd.s-money.v1+json";

#[derive(Debug)]
pub struct SmError {
    pub status: StatusCode,
    pub code: u32,
    pub message: String,
}

impl SmError {
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> SmError {
        SmError {
            status,
            code,
            message: message.into(),
        }
    }

    /// Business and validation errors are HTTP 500 in the seed's tables.
    pub fn business(code: u32, message: impl Into<String>) -> SmError {
        SmError::new(StatusCode::INTERNAL_SERVER_ERROR, code, message)
    }

    pub fn user_not_found() -> SmError {
        SmError::new(StatusCode::NOT_FOUND, 301, "Utilisateur introuvable")
    }

    pub fn operation_not_found() -> SmError {
        SmError::new(StatusCode::NOT_FOUND, 356, "Opération introuvable")
    }
}

impl IntoResponse for SmError {
    fn into_response(self) -> Response {
        let mut resp = (
            self.status,
            Json(json!({ "Code": self.code, "ErrorMessage": self.message })),
        )
            .into_response();
        resp.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
        resp
    }
}

impl Envelope for SmError {
    const PROVIDER: Provider = Provider::Smoney;

    fn reject(r: Reject) -> Self {
        let (code, message) = match &r {
            Reject::NotFound => (404, "Ressource introuvable".to_string()),
            Reject::MethodNotAllowed => (405, "Méthode non autorisée".into()),
            Reject::BadJson(m) => (
                704,
                format!("Paramètre(s) d'appel manquant(s) ou invalide(s) : {m}"),
            ),
            Reject::BadQuery(m) => (704, format!("Paramètre(s) d'appel invalide(s) : {m}")),
            Reject::TooLarge => (413, "Requête trop volumineuse".into()),
            Reject::UnsupportedMedia => (415, "Media type non supporté".into()),
            Reject::Internal => (500, "Erreur interne".into()),
            Reject::Unavailable => (503, "Service indisponible".into()),
            Reject::BadGateway => (502, "Passerelle en erreur".into()),
            Reject::TooManyRequests => (429, "Trop de requêtes".into()),
        };
        SmError {
            status: r.status(),
            code,
            message,
        }
    }
}

impl From<StoreError> for SmError {
    fn from(e: StoreError) -> Self {
        store_failure(e)
    }
}

impl From<rusqlite::Error> for SmError {
    fn from(e: rusqlite::Error) -> Self {
        store_failure(StoreError::from(e))
    }
}

pub type Args = PathArgs<SmError>;

/// A write's body, sent with the vendor media type as `Content-Type`. Checked by the
/// handler, after routing, so a method the route does not serve is a 405 first.
pub struct VendorBody(pub Body<SmError>);

impl<S: Send + Sync> FromRequest<S> for VendorBody {
    type Rejection = SmError;

    async fn from_request(req: Request, state: &S) -> Result<Self, SmError> {
        let ct = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            });
        if ct.as_deref() != Some(MEDIA_TYPE) {
            return Err(SmError::reject(Reject::UnsupportedMedia));
        }
        Body::from_request(req, state).await.map(VendorBody)
    }
}
type Query = Params<SmError>;

fn media_allowed(accept: Option<&str>) -> bool {
    let Some(accept) = accept else { return true };
    accept.split(',').any(|part| {
        let t = part
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        t.is_empty() || t == "*/*" || t == "application/*" || t == MEDIA_TYPE
    })
}

/// Bearer auth, then the vendor media type on `Accept`; answers carry the vendor type.
pub async fn auth(headers: HeaderMap, req: Request, next: Next) -> Response {
    match super::mascustomers::bearer(&headers).as_deref() {
        Some(demo::SMONEY_TOKEN) => {}
        Some(demo::SMONEY_EXPIRED_TOKEN) => {
            return SmError::new(StatusCode::UNAUTHORIZED, 569, "Jeton d'accès expiré")
                .into_response();
        }
        _ => {
            return SmError::new(StatusCode::UNAUTHORIZED, 570, "Jeton d'accès invalide")
                .into_response();
        }
    }
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    if !media_allowed(accept) {
        return SmError::reject(Reject::UnsupportedMedia).into_response();
    }
    let mut resp = next.run(req).await;
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        resp.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
    }
    resp
}

pub fn routes() -> Vec<Route> {
    use super::smoney_write as w;
    use axum::routing::{get, post};
    vec![
        Route::new(Method::GET, "/users", get(list_users)),
        Route::new(
            Method::GET,
            "/users/{appuserid}/moneyouts",
            get(user_moneyouts),
        )
        .and_with_trailing_slash(),
        Route::new(
            Method::GET,
            "/users/{appuserid}/moneyouts/{id}",
            get(user_moneyout),
        ),
        Route::new(
            Method::POST,
            "/users/{appuserid}/moneyouts/oneshot",
            post(w::user_oneshot),
        ),
        Route::new(
            Method::POST,
            "/users/{appuserid}/moneyouts/recurring",
            post(w::user_recurring),
        ),
        Route::new(Method::GET, "/moneyouts", get(own_moneyouts)).and_with_trailing_slash(),
        Route::new(Method::GET, "/moneyouts/{id}", get(own_moneyout)),
        Route::new(Method::POST, "/moneyouts/oneshot", post(w::own_oneshot)),
        Route::new(Method::POST, "/moneyouts/recurring", post(w::own_recurring)),
    ]
}

/// The user behind the demo token (the "connected user" of the seed's `/api/moneyouts`).
pub fn own_user() -> String {
    demo::SMONEY_TOKEN_USER.to_string()
}

/// The SubAccountRef of a user: (Id, AppAccountId, DisplayName).
#[derive(Clone)]
pub struct SubAccount {
    pub id: i64,
    pub app_id: String,
    pub name: String,
}

impl SubAccount {
    pub fn json(&self) -> Value {
        json!({
            "Id": self.id,
            "AppAccountId": self.app_id,
            "DisplayName": self.name,
            "Href": format!("/api/accounts/{}", self.app_id),
        })
    }
}

pub fn load_user(conn: &Connection, app_user_id: &str) -> Result<SubAccount, SmError> {
    conn.prepare_cached(
        "SELECT account_id, first_name, last_name FROM smoney_users WHERE app_user_id = ?1",
    )?
    .query_row([app_user_id], |r| {
        Ok(SubAccount {
            id: r.get(0)?,
            app_id: app_user_id.to_string(),
            name: format!("{} {}", r.get::<_, String>(1)?, r.get::<_, String>(2)?),
        })
    })
    .optional()?
    .ok_or_else(SmError::user_not_found)
}

pub const MONEYOUT_COLS: &str = "id, bank_account_id, ba_display_name, ba_bic, ba_iban, ba_is_mine, amount, fee_amount, fee_vat_tenths, fee_with_vat, fee_status, op_ms, op_offset_min";

pub fn moneyout_json(account: &SubAccount, r: &Row<'_>) -> rusqlite::Result<Value> {
    let mut bank = Map::new();
    if let Some(id) = r.get::<_, Option<i64>>(1)? {
        bank.insert("Id".into(), id.into());
    }
    bank.insert("DisplayName".into(), r.get::<_, String>(2)?.into());
    bank.insert("Bic".into(), r.get::<_, String>(3)?.into());
    bank.insert("Iban".into(), r.get::<_, String>(4)?.into());
    bank.insert("IsMine".into(), (r.get::<_, i64>(5)? != 0).into());
    let vat: Value = match r.get::<_, Option<i64>>(8)? {
        Some(t) => json!(t as f64 / 10.0),
        None => Value::Null,
    };
    Ok(json!({
        "Id": r.get::<_, i64>(0)?,
        "AccountId": account.json(),
        "BankAccount": Value::Object(bank),
        "Amount": r.get::<_, i64>(6)?,
        "Fee": {
            "Amount": r.get::<_, i64>(7)?,
            "VAT": vat,
            "AmountWithVAT": r.get::<_, i64>(9)?,
            "Status": r.get::<_, i64>(10)?,
        },
        "OperationDate": fmt_offset_ms(r.get(11)?, r.get(12)?),
    }))
}

fn paging(q: &Query, sortable: bool) -> Result<super::http::Paging, SmError> {
    let fields: &[&str] = if sortable {
        &["operationdate", "amount", "id"]
    } else {
        &["appuserid"]
    };
    let sort = if sortable { q.get("sort") } else { None };
    parse_paging(
        q.get("per_page"),
        q.get("page"),
        sort,
        fields,
        (0, sortable),
        true,
    )
    .map_err(|e| {
        SmError::new(
            StatusCode::BAD_REQUEST,
            704,
            format!("Paramètre(s) d'appel invalide(s) : {}", e.0),
        )
    })
}

async fn list_users(State(st): State<AppState>, q: Query) -> Result<Json<Value>, SmError> {
    let paging = paging(&q, false)?;
    // An extension: the owner of one moneyout, for a search by transfer number.
    let (from, args) = match q.get("moneyout_id") {
        None => ("smoney_users".to_string(), vec![]),
        Some(id) => {
            let id: i64 = id.trim().parse().ok().filter(|n: &i64| *n >= 0).ok_or_else(|| {
                SmError::new(
                    StatusCode::BAD_REQUEST,
                    704,
                    format!("Paramètre(s) d'appel invalide(s) : moneyout_id doit être un nombre positif, reçu {id:?}"),
                )
            })?;
            (
                "smoney_users WHERE app_user_id IN (SELECT app_user_id FROM moneyouts WHERE id = ?1)"
                    .to_string(),
                vec![SqlValue::Integer(id)],
            )
        }
    };
    st.db
        .read(move |conn| {
            let lq = ListQuery {
                select: "app_user_id, first_name, last_name, email, status",
                from,
                args,
                sort_column: "app_user_id",
                id_column: "app_user_id",
            };
            let (items, _) = fetch_page(conn, &lq, &paging, |r| {
                Ok(json!({
                    "AppUserId": r.get::<_, String>(0)?,
                    "FirstName": r.get::<_, String>(1)?,
                    "LastName": r.get::<_, String>(2)?,
                    "Email": r.get::<_, String>(3)?,
                    "Status": r.get::<_, i64>(4)?,
                }))
            })?;
            Ok(Json(Value::Array(items)))
        })
        .await
}

async fn moneyouts_of(st: AppState, user: String, q: Query) -> Result<Json<Value>, SmError> {
    let paging = paging(&q, true)?;
    let column = ["op_ms", "amount", "id"][paging.sort];
    st.db
        .read(move |conn| {
            let account = load_user(conn, &user)?;
            let lq = ListQuery {
                select: MONEYOUT_COLS,
                from: "moneyouts WHERE app_user_id = ?1".into(),
                args: vec![SqlValue::Text(user.clone())],
                sort_column: column,
                id_column: "id",
            };
            let (items, _) = fetch_page(conn, &lq, &paging, |r| moneyout_json(&account, r))?;
            Ok(Json(Value::Array(items)))
        })
        .await
}

async fn one_moneyout(st: AppState, user: String, id: &str) -> Result<Json<Value>, SmError> {
    let id: i64 = id.parse().map_err(|_| SmError::operation_not_found())?;
    st.db
        .read(move |conn| {
            let account = load_user(conn, &user)?;
            conn.prepare_cached(&format!(
                "SELECT {MONEYOUT_COLS} FROM moneyouts WHERE id = ?1 AND app_user_id = ?2"
            ))?
            .query_row(rusqlite::params![id, user], |r| moneyout_json(&account, r))
            .optional()?
            .map(Json)
            .ok_or_else(SmError::operation_not_found)
        })
        .await
}

async fn user_moneyouts(
    State(st): State<AppState>,
    args: Args,
    q: Query,
) -> Result<Json<Value>, SmError> {
    moneyouts_of(st, args.at(0).to_string(), q).await
}

async fn own_moneyouts(State(st): State<AppState>, q: Query) -> Result<Json<Value>, SmError> {
    moneyouts_of(st, own_user(), q).await
}

async fn user_moneyout(State(st): State<AppState>, args: Args) -> Result<Json<Value>, SmError> {
    one_moneyout(st, args.at(0).to_string(), args.at(1)).await
}

async fn own_moneyout(State(st): State<AppState>, args: Args) -> Result<Json<Value>, SmError> {
    one_moneyout(st, own_user(), args.at(0)).await
}
