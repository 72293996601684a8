//! The route table as data: what each provider serves, used both to build the routers and
//! to check the OpenAPI documents against what is served.

use super::AppState;
use crate::domain::Provider;
use axum::Router;
use axum::extract::Request;
use axum::http::Method;
use axum::response::IntoResponse;
use axum::routing::MethodRouter;
use std::convert::Infallible;
use tower::{Layer, Service};

/// One served route, relative to its provider's prefix, in axum's `{param}` syntax (the
/// same as OpenAPI's).
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub handler: MethodRouter<AppState>,
    /// Also served with a trailing slash, as the provider does; documented once, so that
    /// a generated client has one operation, not two that overwrite each other.
    pub trailing_slash: bool,
}

impl Route {
    pub fn new(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Route {
        Route {
            method,
            path,
            handler,
            trailing_slash: false,
        }
    }

    pub fn and_with_trailing_slash(self) -> Route {
        Route {
            trailing_slash: true,
            ..self
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

/// Builds a provider's router from its table. `auth` wraps the handlers only, so a method
/// a route does not serve is a 405 whatever the credentials and headers.
pub(crate) fn build<L>(routes: Vec<Route>, auth: L) -> Router<AppState>
where
    L: Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
    L::Service: Service<Request, Error = Infallible> + Clone + Send + Sync + 'static,
    <L::Service as Service<Request>>::Response: IntoResponse + 'static,
    <L::Service as Service<Request>>::Future: Send + 'static,
{
    routes.into_iter().fold(Router::new(), |router, r| {
        let handler = r.handler.route_layer(auth.clone());
        let router = if r.trailing_slash {
            router.route(&format!("{}/", r.path), handler.clone())
        } else {
            router
        };
        router.route(r.path, handler)
    })
}
