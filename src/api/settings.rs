//! What the typed clients need from a profile: per provider a base URL, a credential and a
//! transport policy, plus the timeouts. The runtime fills it from a profile (the demo
//! profile included).

use crate::domain::{Provider, Secret};
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

/// Everything the clients of one profile need. A provider left out of the profile is
/// `None`: its calls answer "not configured in this profile".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiSettings {
    pub mascustomers: Option<Endpoint>,
    /// The MasCustomers organization (`{org}` in every path), e.g. `telco`.
    pub mascustomers_org: String,
    pub pxlhub: Option<Endpoint>,
    pub smoney: Option<Endpoint>,
    pub lyra: Option<Endpoint>,
    pub monext: Option<Endpoint>,
    /// Time allowed to open a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    /// A CA file (PEM) trusted besides the system store, from the profile.
    pub certificate_authority: Option<std::path::PathBuf>,
}

impl ApiSettings {
    pub fn endpoint(&self, provider: Provider) -> Option<&Endpoint> {
        match provider {
            Provider::Mascustomers => self.mascustomers.as_ref(),
            Provider::Pxlhub => self.pxlhub.as_ref(),
            Provider::Smoney => self.smoney.as_ref(),
            Provider::Lyra => self.lyra.as_ref(),
            Provider::Monext => self.monext.as_ref(),
        }
    }

    pub fn endpoint_mut(&mut self, provider: Provider) -> Option<&mut Endpoint> {
        match provider {
            Provider::Mascustomers => self.mascustomers.as_mut(),
            Provider::Pxlhub => self.pxlhub.as_mut(),
            Provider::Smoney => self.smoney.as_mut(),
            Provider::Lyra => self.lyra.as_mut(),
            Provider::Monext => self.monext.as_mut(),
        }
    }
}
