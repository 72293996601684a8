//! Serving while the seed is still being written (demo mode): the first part of the seed
//! (the customers) is committed before the sandbox listens, the rest is written in the
//! background, and until it is done every request that needs it waits here. A request never
//! sees a half-seeded table: MasCustomers' customer list and customer reads pass at once
//! (their table is complete), everything else waits for the rest, or gets the provider's own
//! 503 if the seeding failed.

use super::http::Reject;
use crate::domain::Provider;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::watch;

/// Where the seeding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seeding {
    /// The first part is served; the rest is being written.
    Rest,
    Done,
    Failed(String),
}

/// The receiving end, shared by the providers' gates.
#[derive(Clone)]
pub struct SeedGate {
    pub state: watch::Receiver<Seeding>,
    pub provider: Provider,
    /// Renders a refusal in the provider's shape; gets the path relative to the prefix.
    pub render: fn(Reject, &str) -> Response,
}

impl SeedGate {
    /// A gate that is already open (a database seeded before listening, or reused).
    pub fn open() -> watch::Receiver<Seeding> {
        watch::channel(Seeding::Done).1
    }
}

/// Whether a request only needs the first part of the seed: MasCustomers'
/// `GET /orgs/{org}/customers` without a search (`q` reads the term tables, filled with the
/// rest) and `GET /orgs/{org}/customers/{id}`. The path is relative to the provider's prefix.
fn served_early(provider: Provider, method: &Method, path: &str, query: Option<&str>) -> bool {
    if provider != Provider::Mascustomers || method != Method::GET {
        return false;
    }
    let searches = query
        .unwrap_or("")
        .split('&')
        .any(|pair| pair.split('=').next() == Some("q"));
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        ["orgs", _, "customers"] => !searches,
        ["orgs", _, "customers", _] => true,
        _ => false,
    }
}

/// Middleware: lets a request through once the data it reads is written.
pub async fn seed_gate(State(gate): State<SeedGate>, req: Request, next: Next) -> Response {
    let mut state = gate.state.clone();
    if *state.borrow() == Seeding::Done
        || served_early(
            gate.provider,
            req.method(),
            req.uri().path(),
            req.uri().query(),
        )
    {
        return next.run(req).await;
    }
    let outcome = state
        .wait_for(|s| *s != Seeding::Rest)
        .await
        .map(|s| s.clone());
    match outcome {
        Ok(Seeding::Done) => next.run(req).await,
        Ok(Seeding::Failed(why)) => {
            tracing::error!(%why, "sandbox request refused: the seed was not written");
            (gate.render)(Reject::Unavailable, req.uri().path())
        }
        // The sender went away before the end: the sandbox is stopping.
        _ => (gate.render)(Reject::Unavailable, req.uri().path()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_customer_reads_pass_early() {
        let m = Provider::Mascustomers;
        let get = &Method::GET;
        assert!(served_early(
            m,
            get,
            "/orgs/telco/customers",
            Some("size=50")
        ));
        assert!(served_early(m, get, "/orgs/telco/customers", None));
        assert!(!served_early(
            m,
            get,
            "/orgs/telco/customers",
            Some("size=5&q=mar")
        ));
        assert!(served_early(m, get, "/orgs/telco/customers/c1", None));
        assert!(!served_early(
            m,
            get,
            "/orgs/telco/customers/c1/accounts",
            None
        ));
        assert!(!served_early(m, get, "/orgs/telco/accounts", None));
        assert!(!served_early(
            m,
            &Method::POST,
            "/orgs/telco/customers",
            None
        ));
        for p in [
            Provider::Pxlhub,
            Provider::Smoney,
            Provider::Lyra,
            Provider::Monext,
        ] {
            assert!(
                !served_early(p, get, "/orgs/telco/customers", None),
                "{p:?}"
            );
        }
    }
}
