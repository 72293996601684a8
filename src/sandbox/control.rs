//! `/_sandbox`: health, faults and reset, answered only to loopback peers.

use super::AppState;
use super::conn::ConnInfo;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

async fn loopback_only(req: Request, next: Next) -> Response {
    let local = req
        .extensions()
        .get::<ConnectInfo<ConnInfo>>()
        .is_some_and(|c| c.0.remote.ip().is_loopback());
    if !local {
        return error(
            StatusCode::FORBIDDEN,
            "the control endpoint answers loopback clients only",
        );
    }
    next.run(req).await
}

pub fn router(st: AppState) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/faults", get(get_faults).put(put_faults))
        .route("/reset", post(reset))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such control route") })
        .method_not_allowed_fallback(|| async {
            error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
        })
        .layer(from_fn(loopback_only))
        .with_state(st)
}

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn get_faults(State(st): State<AppState>) -> Json<super::Faults> {
    Json(st.faults.snapshot())
}

async fn put_faults(State(st): State<AppState>, body: axum::body::Bytes) -> Response {
    let update: serde_json::Map<String, Value> = match serde_json::from_slice(&body) {
        Ok(m) => m,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("expected a JSON object keyed by provider: {e}"),
            );
        }
    };
    match st.faults.apply(update) {
        Ok(f) => Json(f).into_response(),
        Err(e) => error(StatusCode::BAD_REQUEST, e),
    }
}

async fn reset(State(st): State<AppState>) -> Response {
    match super::reset(&st).await {
        Ok(c) => Json(json!({
            "status": "reset",
            "customers": c.customers,
            "accounts": c.accounts,
            "wallets": c.wallets,
            "moneyouts": c.moneyouts,
        }))
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "sandbox reset failed");
            error(StatusCode::INTERNAL_SERVER_ERROR, "reset failed")
        }
    }
}
