//! A profile ready for use: environment, timeouts and, per provider, the base URL and the
//! resolved credential. Only `Secret` holds credential values.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::domain::{Provider, Secret};

/// What a profile points at. Production profiles are read-only unless the file says not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Sandbox,
    Staging,
    Production,
}

impl Environment {
    pub const ALL: [Environment; 3] = [
        Environment::Sandbox,
        Environment::Staging,
        Environment::Production,
    ];

    /// The value written in config files and audit lines.
    pub fn key(self) -> &'static str {
        match self {
            Environment::Sandbox => "sandbox",
            Environment::Staging => "staging",
            Environment::Production => "production",
        }
    }

    /// The name shown to a person, e.g. in the header badge.
    pub fn label(self) -> &'static str {
        match self {
            Environment::Sandbox => "Sandbox",
            Environment::Staging => "Staging",
            Environment::Production => "Production",
        }
    }

    pub fn from_key(key: &str) -> Option<Environment> {
        Environment::ALL.into_iter().find(|e| e.key() == key)
    }
}

impl std::fmt::Display for Environment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// How timestamps are shown in the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeDisplay {
    #[default]
    Utc,
    Local,
}

impl TimeDisplay {
    pub fn from_key(key: &str) -> Option<TimeDisplay> {
        match key {
            "utc" => Some(TimeDisplay::Utc),
            "local" => Some(TimeDisplay::Local),
            _ => None,
        }
    }
}

/// The credential to send, by scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolvedAuth {
    /// `Authorization: Bearer …` (MasCustomers, S-money).
    Bearer(Secret),
    /// HTTP Basic (Lyra, Monext).
    Basic { user: String, password: Secret },
    /// `X-API-Key: …` (pxlhub).
    ApiKey(Secret),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedProvider {
    /// Without a trailing slash; for S-money the partner segment is already appended.
    pub base_url: String,
    pub auth: ResolvedAuth,
    pub allow_insecure_http: bool,
    /// MasCustomers organization; `None` for the other providers.
    pub org: Option<String>,
    /// Where the credential came from, for error messages ("token_env GUICHET_MAS_TOKEN in
    /// profile staging"). Never the value.
    pub credential_hint: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedProfile {
    pub name: String,
    pub environment: Environment,
    pub read_only: bool,
    /// The profile says `read_only` itself; otherwise it follows the environment
    /// (production profiles are read-only unless they say `read_only = false`).
    pub read_only_set: bool,
    /// The profile's theme, else the file's global theme. Not validated here.
    pub theme: Option<String>,
    pub time_display: TimeDisplay,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// A CA file (PEM) trusted for this profile's servers besides the system store and
    /// `SSL_CERT_FILE` (like kubectl's `certificate-authority`).
    pub certificate_authority: Option<std::path::PathBuf>,
    /// A reveal of masked data asks for a reason (default: on for production profiles).
    pub reveal_requires_reason: bool,
    pub mascustomers: Option<ResolvedProvider>,
    pub pxlhub: Option<ResolvedProvider>,
    pub smoney: Option<ResolvedProvider>,
    pub lyra: Option<ResolvedProvider>,
    pub monext: Option<ResolvedProvider>,
}

pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3000);
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_millis(10000);

impl ResolvedProfile {
    /// The provider's settings, or `None` when the profile does not configure it.
    pub fn provider(&self, provider: Provider) -> Option<&ResolvedProvider> {
        match provider {
            Provider::Mascustomers => self.mascustomers.as_ref(),
            Provider::Pxlhub => self.pxlhub.as_ref(),
            Provider::Smoney => self.smoney.as_ref(),
            Provider::Lyra => self.lyra.as_ref(),
            Provider::Monext => self.monext.as_ref(),
        }
    }

    /// The zero-config demo profile: all five providers on the embedded sandbox at
    /// `sandbox_base` (e.g. `http://127.0.0.1:7878`), with the sandbox's demo credentials.
    pub fn demo(sandbox_base: &str) -> ResolvedProfile {
        use crate::sandbox::demo;
        let base = sandbox_base.trim_end_matches('/');
        let provider = |path: &str, auth: ResolvedAuth, org: Option<&str>| {
            let what = match path {
                demo::MAS_PREFIX => "MasCustomers token",
                demo::PXL_PREFIX => "pxlhub API key",
                demo::SMONEY_PREFIX => "S-money token",
                demo::LYRA_PREFIX => "Lyra shop password",
                _ => "Monext password",
            };
            ResolvedProvider {
                base_url: format!("{base}{path}"),
                auth,
                // Loopback: plain http is allowed without this.
                allow_insecure_http: false,
                org: org.map(str::to_owned),
                credential_hint: format!("the sandbox demo {what} (built in)"),
            }
        };
        ResolvedProfile {
            name: "demo".to_owned(),
            environment: Environment::Sandbox,
            read_only: false,
            read_only_set: false,
            theme: None,
            time_display: TimeDisplay::Utc,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            certificate_authority: None,
            reveal_requires_reason: false,
            mascustomers: Some(provider(
                demo::MAS_PREFIX,
                ResolvedAuth::Bearer(Secret::new(demo::MAS_TOKEN)),
                Some(demo::MAS_ORG),
            )),
            pxlhub: Some(provider(
                demo::PXL_PREFIX,
                ResolvedAuth::ApiKey(Secret::new(demo::PXL_MANAGE_KEY)),
                None,
            )),
            smoney: Some(provider(
                demo::SMONEY_PREFIX,
                ResolvedAuth::Bearer(Secret::new(demo::SMONEY_TOKEN)),
                None,
            )),
            lyra: Some(provider(
                demo::LYRA_PREFIX,
                ResolvedAuth::Basic {
                    user: demo::LYRA_USER.to_owned(),
                    password: Secret::new(demo::LYRA_PASSWORD),
                },
                None,
            )),
            monext: Some(provider(
                demo::MONEXT_PREFIX,
                ResolvedAuth::Basic {
                    user: demo::MONEXT_USER.to_owned(),
                    password: Secret::new(demo::MONEXT_PASSWORD),
                },
                None,
            )),
        }
    }
}
