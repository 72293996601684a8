//! The route table as data: what each provider serves, used both to build the routers and
//! to check the OpenAPI documents against what is served.

use super::AppState;
use crate::domain::Provider;
use axum::Router;
use axum::http::Method;
use axum::routing::MethodRouter;

/// One served route, relative to its provider's prefix, in axum's `{param}` syntax (the
/// same as OpenAPI's).
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub handler: MethodRouter<AppState>,
}

impl Route {
    pub fn new(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Route {
        Route {
            method,
            path,
            handler,
        }
    }
}

/// A row of the public route table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteSpec {
    pub provider: Provider,
    pub method: String,
    /// Relative to the provider's prefix.
    pub path: String,
}

/// The routes of one provider.
pub(crate) fn routes_of(provider: Provider) -> Vec<Route> {
    match provider {
        Provider::Mascustomers => super::mascustomers::routes(),
        Provider::Pxlhub => super::pxlhub::routes(),
        Provider::Smoney => super::smoney::routes(),
        Provider::Lyra => super::lyra::routes(),
        Provider::Monext => super::monext::routes(),
    }
}

/// Every route the sandbox serves, provider by provider.
pub fn route_table() -> Vec<RouteSpec> {
    let mut out: Vec<RouteSpec> = Provider::ALL
        .into_iter()
        .flat_map(|p| {
            routes_of(p).into_iter().map(move |r| RouteSpec {
                provider: p,
                method: r.method.as_str().to_string(),
                path: r.path.to_string(),
            })
        })
        .collect();
    out.sort();
    out
}

/// The path prefix of a provider on the sandbox.
pub fn prefix(provider: Provider) -> &'static str {
    use super::demo::*;
    match provider {
        Provider::Mascustomers => MAS_PREFIX,
        Provider::Pxlhub => PXL_PREFIX,
        Provider::Smoney => SMONEY_PREFIX,
        Provider::Lyra => LYRA_PREFIX,
        Provider::Monext => MONEXT_PREFIX,
    }
}

/// Builds a provider's router from its table.
pub(crate) fn build(routes: Vec<Route>) -> Router<AppState> {
    routes
        .into_iter()
        .fold(Router::new(), |router, r| router.route(r.path, r.handler))
}
