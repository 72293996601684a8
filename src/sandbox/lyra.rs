//! Lyra / PayZen V4 under `/lyra/api-payment/V4`: POST-only web services in the seed's
//! envelope, HTTP 200 even for errors (except authentication, 401).

use super::envelope::{Envelope, store_failure};
use super::http::{Body, Reject};
use super::routes::Route;
use super::store::StoreError;
use super::time::fmt_lyra;
use super::{AppState, demo};
use crate::domain::Provider;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use chrono::Datelike;
use rusqlite::OptionalExtension;
use serde_json::{Map, Value, json};

#[derive(Debug)]
pub struct LyraError {
    pub http: StatusCode,
    pub web_service: String,
    pub code: &'static str,
    pub message: String,
    pub detail: Option<String>,
}

impl LyraError {
    fn new(web_service: &str, code: &'static str, message: impl Into<String>) -> LyraError {
        LyraError {
            http: StatusCode::OK,
            web_service: web_service.to_string(),
            code,
            message: message.into(),
            detail: None,
        }
    }

    fn input(web_service: &str, detail: impl Into<String>) -> LyraError {
        LyraError {
            detail: Some(detail.into()),
            ..LyraError::new(
                web_service,
                "INT_902",
                "web-service input data validation error",
            )
        }
    }
}

/// The seed's response envelope around `answer`.
pub fn envelope(web_service: &str, status: &str, answer: Value) -> Value {
    json!({
        "webService": web_service,
        "version": "V4",
        "applicationVersion": "4.1.2",
        "status": status,
        "answer": answer,
        "ticket": null,
        "serverDate": fmt_lyra(chrono::Utc::now()),
        "applicationProvider": "NPS",
        "metadata": null,
        "_type": "V4/WebService/Response",
    })
}

impl IntoResponse for LyraError {
    fn into_response(self) -> Response {
        let mut answer = Map::new();
        answer.insert("errorCode".into(), self.code.into());
        answer.insert("errorMessage".into(), self.message.into());
        // Null non-mandatory fields are left out, as the seed says.
        if let Some(d) = self.detail {
            answer.insert("detailedErrorMessage".into(), d.into());
        }
        answer.insert(
            "ticket".into(),
            uuid::Uuid::new_v4().simple().to_string().into(),
        );
        answer.insert("_type".into(), "V4/WebService/WebServiceError".into());
        let body = envelope(&self.web_service, "ERROR", Value::Object(answer));
        (self.http, Json(body)).into_response()
    }
}

impl Envelope for LyraError {
    const PROVIDER: Provider = Provider::Lyra;

    /// Lyra's errors name the web service, which is the path.
    fn at_path(mut self, path: &str) -> Self {
        if self.web_service.is_empty() {
            self.web_service = web_service_of(path);
        }
        self
    }

    fn reject(r: Reject) -> Self {
        let (http, code) = match r {
            Reject::NotFound => (StatusCode::OK, "INT_009"),
            Reject::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "INT_009"),
            Reject::BadJson(_)
            | Reject::BadQuery(_)
            | Reject::TooLarge
            | Reject::UnsupportedMedia => (StatusCode::OK, "INT_902"),
            Reject::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "INT_999"),
            Reject::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "INT_999"),
            Reject::BadGateway => (StatusCode::BAD_GATEWAY, "INT_999"),
            Reject::TooManyRequests => (StatusCode::TOO_MANY_REQUESTS, "INT_999"),
        };
        let message = match &r {
            Reject::NotFound => "unknown web service".to_string(),
            Reject::MethodNotAllowed => "web services are called with POST".into(),
            Reject::BadJson(_)
            | Reject::BadQuery(_)
            | Reject::TooLarge
            | Reject::UnsupportedMedia => "web-service input data validation error".into(),
            other => other.message(),
        };
        let detail = match &r {
            Reject::BadJson(m) => Some(format!("can't decode JSON data : {m}")),
            Reject::TooLarge | Reject::UnsupportedMedia => Some(r.message()),
            _ => None,
        };
        LyraError {
            http,
            web_service: String::new(),
            code,
            message,
            detail,
        }
    }
}

impl From<StoreError> for LyraError {
    fn from(e: StoreError) -> Self {
        store_failure(e)
    }
}

impl From<rusqlite::Error> for LyraError {
    fn from(e: rusqlite::Error) -> Self {
        store_failure(StoreError::from(e))
    }
}

/// `Namespace/Service` from a path relative to the prefix.
fn web_service_of(path: &str) -> String {
    path.trim_matches('/').to_string()
}

pub async fn auth(headers: HeaderMap, req: Request, next: Next) -> Response {
    if basic_matches(&headers, demo::LYRA_USER, demo::LYRA_PASSWORD) {
        return next.run(req).await;
    }
    LyraError {
        http: StatusCode::UNAUTHORIZED,
        ..LyraError::new(
            &web_service_of(req.uri().path()),
            "INT_001",
            "authentication failed",
        )
    }
    .into_response()
}

/// HTTP Basic check shared with Monext.
pub fn basic_matches(headers: &HeaderMap, user: &str, password: &str) -> bool {
    let Some(v) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some((scheme, b64)) = v.split_once(' ') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(b64.trim()) else {
        return false;
    };
    raw == format!("{user}:{password}").as_bytes()
}

pub fn routes() -> Vec<Route> {
    use axum::routing::post;
    vec![
        Route::new(Method::POST, "/Charge/SDKTest", post(sdk_test)),
        Route::new(Method::POST, "/Token/Get", post(token_get)),
    ]
}

fn with_service(ws: &str) -> impl Fn(LyraError) -> LyraError + '_ {
    move |mut e| {
        if e.web_service.is_empty() {
            e.web_service = ws.to_string();
        }
        e
    }
}

async fn sdk_test(body: Result<Body<LyraError>, LyraError>) -> Result<Json<Value>, LyraError> {
    const WS: &str = "Charge/SDKTest";
    let body = body.map_err(with_service(WS))?;
    let v = body.value().map_err(with_service(WS))?;
    let value = match v.get("value") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => return Err(LyraError::input(WS, "value is mandatory")),
        Some(_) => return Err(LyraError::input(WS, "value must be a string")),
    };
    Ok(Json(envelope(
        WS,
        "SUCCESS",
        json!({ "value": value, "_type": "V4/Type/String" }),
    )))
}

/// First six and last four digits, `X` in between.
fn masked_pan(pan: &str) -> String {
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

async fn token_get(
    State(st): State<AppState>,
    body: Result<Body<LyraError>, LyraError>,
) -> Result<Json<Value>, LyraError> {
    const WS: &str = "Token/Get";
    let body = body.map_err(with_service(WS))?;
    let v = body.value().map_err(with_service(WS))?;
    let token = match v.get("paymentMethodToken").and_then(Value::as_str) {
        Some(t) => t.trim().to_ascii_lowercase(),
        None => return Err(LyraError::input(WS, "paymentMethodToken is mandatory")),
    };
    let not_found = || LyraError::new(WS, "PSP_030", "token not found");
    if token.ends_with(super::MAGIC_LYRA_PSP030_SUFFIX) {
        return Err(not_found());
    }
    let today = super::today();
    st.db
        .read(move |conn| {
            let row: Option<(String, String, i64, i64, String, String)> = conn
                .prepare_cached(
                    "SELECT pan, brand, expiry_month, expiry_year, status, creation_date FROM card_tokens WHERE token = ?1",
                )?
                .query_row([&token], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
                .optional()?;
            let (pan, brand, month, year, status, created) = row.ok_or_else(not_found)?;
            let expired = (year, month) < (i64::from(today.year()), i64::from(today.month()));
            let status = if status == "ACTIVE" && expired { "EXPIRED".to_string() } else { status };
            let answer = json!({
                "paymentMethodToken": token,
                "paymentMethodType": "CARD",
                "tokenStatus": status,
                "creationDate": created.trim_end_matches('Z').to_string() + "+00:00",
                "tokenDetails": {
                    "pan": masked_pan(&pan),
                    "expiryMonth": month,
                    "expiryYear": year,
                    "effectiveBrand": brand,
                    "_type": "V4/TokenDetails",
                },
                "_type": "V4/Token",
            });
            Ok(Json(envelope(WS, "SUCCESS", answer)))
        })
        .await
        .map_err(with_service(WS))
}
