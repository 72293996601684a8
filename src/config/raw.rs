//! The config file exactly as written: serde structs that refuse unknown keys and keep the
//! position of every value that is validated after parsing, so errors can name its line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    pub default_profile: Option<Spanned<String>>,
    pub theme: Option<Spanned<String>>,
    pub time_display: Option<Spanned<String>>,
    pub keymap: Option<Spanned<String>>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Spanned<RawProfile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProfile {
    pub environment: Spanned<String>,
    pub read_only: Option<bool>,
    pub theme: Option<Spanned<String>>,
    pub connect_timeout_ms: Option<Spanned<u64>>,
    pub request_timeout_ms: Option<Spanned<u64>>,
    pub certificate_authority: Option<Spanned<String>>,
    pub reveal_requires_reason: Option<bool>,
    pub mascustomers: Option<Spanned<RawMascustomers>>,
    pub pxlhub: Option<Spanned<RawPxlhub>>,
    pub smoney: Option<Spanned<RawSmoney>>,
    pub lyra: Option<Spanned<RawBasic>>,
    pub monext: Option<Spanned<RawBasic>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMascustomers {
    pub base_url: Spanned<String>,
    pub org: Option<Spanned<String>>,
    pub token_env: Option<Spanned<String>>,
    pub token_command: Option<Spanned<String>>,
    pub token: Option<Spanned<String>>,
    #[serde(default)]
    pub allow_insecure_http: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPxlhub {
    pub base_url: Spanned<String>,
    pub api_key_env: Option<Spanned<String>>,
    pub api_key_command: Option<Spanned<String>>,
    pub api_key: Option<Spanned<String>>,
    #[serde(default)]
    pub allow_insecure_http: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSmoney {
    pub base_url: Spanned<String>,
    pub partner: Option<Spanned<String>>,
    pub token_env: Option<Spanned<String>>,
    pub token_command: Option<Spanned<String>>,
    pub token: Option<Spanned<String>>,
    #[serde(default)]
    pub allow_insecure_http: bool,
}

/// Lyra and Monext: HTTP Basic with a user name and a password.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBasic {
    pub base_url: Spanned<String>,
    pub username: Option<Spanned<String>>,
    pub password_env: Option<Spanned<String>>,
    pub password_command: Option<Spanned<String>>,
    pub password: Option<Spanned<String>>,
    #[serde(default)]
    pub allow_insecure_http: bool,
}
