//! A provider's error envelope as one trait: how it renders a provider-neutral rejection,
//! so the extractors, the fault and panic layers and the fallbacks answer in each
//! provider's own shape without a copy per provider.

use super::http::Reject;
use super::store::StoreError;
use crate::domain::Provider;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};

pub trait Envelope: IntoResponse + From<StoreError> + Send + Sized + 'static {
    const PROVIDER: Provider;

    /// The provider's answer to a rejection.
    fn reject(r: Reject) -> Self;

    /// Completes an answer with what the path tells (Lyra names its web service).
    fn at_path(self, _path: &str) -> Self {
        self
    }

    /// A rejection at `path` (relative to the provider's prefix), rendered.
    fn render(r: Reject, path: &str) -> Response {
        Self::reject(r).at_path(path).into_response()
    }
}

/// The fallback of a provider: an unknown path.
pub async fn not_found<E: Envelope>(uri: Uri) -> Response {
    E::render(Reject::NotFound, uri.path())
}

/// A method the route does not serve.
pub async fn method_not_allowed<E: Envelope>(uri: Uri) -> Response {
    E::render(Reject::MethodNotAllowed, uri.path())
}

/// A store failure, logged, answered as the provider's 500.
pub fn store_failure<E: Envelope>(e: StoreError) -> E {
    E::reject(Reject::from(e))
}
