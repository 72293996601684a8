//! Monext Retail under `/monext/v1`: the connectivity check and the card updater, which
//! knows replacement cards for some expired cards of the vault.

use super::envelope::{Envelope, store_failure};
use super::http::{Body, Reject};
use super::lyra::basic_matches;
use super::routes::Route;
use super::store::StoreError;
use super::{AppState, demo};
use crate::domain::Provider;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rusqlite::OptionalExtension;
use serde_json::{Value, json};

#[derive(Debug)]
pub struct MonextError {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: String,
}

impl MonextError {
    fn validation(detail: impl Into<String>) -> MonextError {
        MonextError {
            status: StatusCode::BAD_REQUEST,
            code: "VALIDATION_ERROR",
            detail: detail.into(),
        }
    }
}

impl IntoResponse for MonextError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        let body = json!({ "title": title, "code": self.code, "detail": self.detail });
        (self.status, Json(body)).into_response()
    }
}

impl Envelope for MonextError {
    const PROVIDER: Provider = Provider::Monext;

    fn reject(r: Reject) -> Self {
        let code = match r {
            Reject::NotFound => "NOT_FOUND",
            Reject::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            Reject::BadJson(_) | Reject::BadQuery(_) => "VALIDATION_ERROR",
            Reject::TooLarge => "PAYLOAD_TOO_LARGE",
            Reject::UnsupportedMedia => "UNSUPPORTED_MEDIA_TYPE",
            Reject::Internal => "INTERNAL_ERROR",
            Reject::Unavailable => "SERVICE_UNAVAILABLE",
            Reject::BadGateway => "BAD_GATEWAY",
            Reject::TooManyRequests => "TOO_MANY_REQUESTS",
        };
        MonextError {
            status: r.status(),
            code,
            detail: r.message(),
        }
    }
}

impl From<StoreError> for MonextError {
    fn from(e: StoreError) -> Self {
        store_failure(e)
    }
}

impl From<rusqlite::Error> for MonextError {
    fn from(e: rusqlite::Error) -> Self {
        store_failure(StoreError::from(e))
    }
}

pub async fn auth(headers: HeaderMap, req: Request, next: Next) -> Response {
    if basic_matches(&headers, demo::MONEXT_USER, demo::MONEXT_PASSWORD) {
        return next.run(req).await;
    }
    MonextError {
        status: StatusCode::UNAUTHORIZED,
        code: "UNAUTHORIZED",
        detail: "missing or wrong HTTP Basic credentials".into(),
    }
    .into_response()
}

pub fn routes() -> Vec<Route> {
    use axum::routing::{get, post};
    vec![
        Route::new(Method::GET, "/checkout/alive", get(alive)),
        Route::new(Method::POST, "/card-updater/search", post(search)),
    ]
}

async fn alive() -> Json<Value> {
    Json(json!({ "status": "UP" }))
}

fn masked(pan: &str) -> String {
    if pan.len() <= 10 {
        return "X".repeat(pan.len());
    }
    format!(
        "{}{}{}",
        &pan[..6],
        "X".repeat(pan.len() - 10),
        &pan[pan.len() - 4..]
    )
}

async fn search(
    State(st): State<AppState>,
    body: Body<MonextError>,
) -> Result<Json<Value>, MonextError> {
    let v = body.value()?;
    let exp = v
        .get("expirationDate")
        .and_then(Value::as_str)
        .unwrap_or("");
    let month = exp.get(..2).and_then(|m| m.parse::<u32>().ok());
    if exp.len() != 4 || !exp.bytes().all(|b| b.is_ascii_digit()) || !matches!(month, Some(1..=12))
    {
        return Err(MonextError::validation(
            "expirationDate must be MMYY, 4 digits",
        ));
    }
    // Absent is absent; anything but a string (null included) is refused.
    let text = |key: &str| match v.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(MonextError::validation(format!("{key} must be a string"))),
    };
    let (token, number) = (text("mxToken")?, text("number")?);
    let key = match (token, number) {
        (Some(t), None) => {
            let t = uuid::Uuid::parse_str(t)
                .map_err(|_| MonextError::validation("mxToken must be a uuid"))?
                .hyphenated()
                .to_string();
            (true, t)
        }
        (None, Some(n)) => {
            let n: String = n.chars().filter(|c| !c.is_whitespace()).collect();
            if !(12..=19).contains(&n.len()) || !n.bytes().all(|b| b.is_ascii_digit()) {
                return Err(MonextError::validation("number must be 12 to 19 digits"));
            }
            if n.ends_with(super::MAGIC_MONEXT_503_SUFFIX) {
                return Err(MonextError::reject(Reject::Unavailable));
            }
            (false, n)
        }
        _ => return Err(MonextError::validation("give either mxToken or number")),
    };
    st.db
        .read(move |conn| {
            let sql = if key.0 {
                "SELECT token, replacement FROM card_tokens WHERE token = ?1"
            } else {
                "SELECT token, replacement FROM card_tokens WHERE pan = ?1 ORDER BY token LIMIT 1"
            };
            let found: Option<(String, Option<String>)> = conn
                .prepare_cached(sql)?
                .query_row([&key.1], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let Some((_, replacement)) = found else {
                if key.0 {
                    return Err(MonextError {
                        status: StatusCode::NOT_FOUND,
                        code: "NOT_FOUND",
                        detail: "unknown mxToken".into(),
                    });
                }
                return Ok(Json(json!({ "updated": false })));
            };
            let Some(new_token) = replacement else {
                return Ok(Json(json!({ "updated": false })));
            };
            let (pan, month, year, brand): (String, i64, i64, String) = conn
                .prepare_cached("SELECT pan, expiry_month, expiry_year, brand FROM card_tokens WHERE token = ?1")?
                .query_row([&new_token], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            Ok(Json(json!({
                "updated": true,
                "card": {
                    "mxToken": new_token,
                    "maskedNumber": masked(&pan),
                    "expirationDate": format!("{:02}{:02}", month, year.rem_euclid(100)),
                    "brand": brand,
                }
            })))
        })
        .await
}
