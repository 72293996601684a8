//! What the typed clients need from a profile: per provider a base URL, a credential and a
//! transport policy, plus the timeouts. The config module fills it; the sandbox builds its
//! demo profile with [`ApiSettings::for_sandbox`].

use crate::domain::{Provider, Secret};
// The demo profile is the sandbox's: one source for its credentials and prefixes.
use crate::sandbox::demo;
use std::time::Duration;

/// How a provider wants to be authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <token>` (MasCustomers, S-money).
    Bearer(Secret),
    /// HTTP Basic (Lyra: shop id and password; Monext).
    Basic { user: String, password: Secret },
    /// `X-API-Key: <key>` (pxlhub).
    ApiKey(Secret),
}

/// One provider of one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Up to and including the API's own prefix, e.g. `https://customers.masstack.com/v4`.
    pub base_url: String,
    pub auth: Auth,
    /// Plain http off loopback is refused unless this is set (and then the header shows
    /// INSECURE).
    pub allow_insecure_http: bool,
    /// Where the credential comes from, for 401 messages, e.g.
    /// `token_env GUICHET_MAS_TOKEN of profile prod`. Never the value itself.
    pub credential_hint: String,
}

/// Everything the five clients of one profile need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiSettings {
    pub mascustomers: Endpoint,
    /// The MasCustomers organization (`{org}` in every path), e.g. `telco`.
    pub mascustomers_org: String,
    pub pxlhub: Endpoint,
    pub smoney: Endpoint,
    pub lyra: Endpoint,
    pub monext: Endpoint,
    /// Time allowed to open a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, from sending to the last byte of the answer.
    pub request_timeout: Duration,
}

impl ApiSettings {
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

    /// The demo profile against a sandbox at `base_url` (e.g. `http://127.0.0.1:8765`),
    /// with the sandbox's demo credentials.
    pub fn for_sandbox(base_url: &str) -> ApiSettings {
        let base = base_url.trim_end_matches('/');
        let endpoint = |prefix: &str, auth: Auth, what: &str| Endpoint {
            base_url: format!("{base}{prefix}"),
            auth,
            allow_insecure_http: false,
            credential_hint: format!("the sandbox demo {what} (built in)"),
        };
        ApiSettings {
            mascustomers: endpoint(
                demo::MAS_PREFIX,
                Auth::Bearer(Secret::new(demo::MAS_TOKEN)),
                "MasCustomers token",
            ),
            mascustomers_org: demo::MAS_ORG.to_string(),
            pxlhub: endpoint(
                demo::PXL_PREFIX,
                Auth::ApiKey(Secret::new(demo::PXL_MANAGE_KEY)),
                "pxlhub API key",
            ),
            smoney: endpoint(
                demo::SMONEY_PREFIX,
                Auth::Bearer(Secret::new(demo::SMONEY_TOKEN)),
                "S-money token",
            ),
            lyra: endpoint(
                demo::LYRA_PREFIX,
                Auth::Basic {
                    user: demo::LYRA_USER.to_string(),
                    password: Secret::new(demo::LYRA_PASSWORD),
                },
                "Lyra shop password",
            ),
            monext: endpoint(
                demo::MONEXT_PREFIX,
                Auth::Basic {
                    user: demo::MONEXT_USER.to_string(),
                    password: Secret::new(demo::MONEXT_PASSWORD),
                },
                "Monext password",
            ),
            connect_timeout: ApiSettings::DEFAULT_CONNECT_TIMEOUT,
            request_timeout: ApiSettings::DEFAULT_REQUEST_TIMEOUT,
        }
    }

    pub fn endpoint(&self, provider: Provider) -> &Endpoint {
        match provider {
            Provider::Mascustomers => &self.mascustomers,
            Provider::Pxlhub => &self.pxlhub,
            Provider::Smoney => &self.smoney,
            Provider::Lyra => &self.lyra,
            Provider::Monext => &self.monext,
        }
    }

    pub fn endpoint_mut(&mut self, provider: Provider) -> &mut Endpoint {
        match provider {
            Provider::Mascustomers => &mut self.mascustomers,
            Provider::Pxlhub => &mut self.pxlhub,
            Provider::Smoney => &mut self.smoney,
            Provider::Lyra => &mut self.lyra,
            Provider::Monext => &mut self.monext,
        }
    }
}
