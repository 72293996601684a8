//! A handler that panics is answered with the provider's own 500 — nothing of the panic in
//! it — and logged, instead of a dropped connection.

use super::http::Reject;
use crate::domain::Provider;
use axum::response::Response;
use tower_http::catch_panic::{CatchPanicLayer, ResponseForPanic};

pub(crate) fn layer(
    provider: Provider,
    render_at: fn(Reject, &str) -> Response,
) -> CatchPanicLayer<impl ResponseForPanic<ResponseBody = axum::body::Body>> {
    CatchPanicLayer::custom(move |panic: Box<dyn std::any::Any + Send>| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        tracing::error!(
            provider = provider.key(),
            "sandbox handler panicked: {what}"
        );
        render_at(Reject::Internal, "")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::routing::get;

    async fn boom() -> &'static str {
        panic!("secret internals")
    }

    #[tokio::test]
    async fn a_panic_becomes_the_providers_own_500() {
        let app = Router::new().route("/boom", get(boom)).layer(layer(
            Provider::Pxlhub,
            <super::super::pxlhub::PxlError as super::super::envelope::Envelope>::render,
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let _ = rustls::crypto::ring::default_provider().install_default();
        let resp = reqwest::get(format!("http://{addr}/boom")).await.unwrap();
        assert_eq!(resp.status(), 500);
        let body: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(body["code"], "INTERNAL_ERROR");
        assert!(!body.to_string().contains("secret"), "{body}");
        server.abort();
    }
}
