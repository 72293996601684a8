//! Checks what can be checked without reading any secret (environments, URLs, required
//! keys, one credential source per provider) and resolves secrets on demand.

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;

use super::error::ConfigError;
use super::file::FileCtx;
use super::profile::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, Environment, ResolvedAuth, ResolvedProfile,
    ResolvedProvider, TimeDisplay,
};
use super::raw::{BasicKeys, MascustomersKeys, PxlhubKeys, RawEndpoint, RawProfile, SmoneyKeys};
use super::secret_source::SecretSource;
use crate::domain::Provider;

#[derive(Debug, Clone, Copy)]
enum Scheme {
    Bearer,
    Basic,
    ApiKey,
}

#[derive(Debug)]
pub(crate) struct ProviderSpec {
    table: String,
    base_url: String,
    allow_insecure_http: bool,
    org: Option<String>,
    user: Option<String>,
    scheme: Scheme,
    base: &'static str,
    source: SecretSource,
}

#[derive(Debug)]
pub(crate) struct ProfileSpec {
    pub name: String,
    pub environment: Environment,
    pub read_only: bool,
    /// The profile says `read_only` itself (else it follows the environment).
    pub read_only_set: bool,
    pub theme: Option<Spanned<String>>,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub certificate_authority: Option<std::path::PathBuf>,
    pub reveal_requires_reason: bool,
    pub providers: Vec<(Provider, ProviderSpec)>,
}

pub(crate) fn validate_profile(
    ctx: &FileCtx<'_>,
    name: &str,
    raw: &Spanned<RawProfile>,
) -> Result<ProfileSpec, ConfigError> {
    let table = format!("profiles.{name}");
    let p = raw.get_ref();
    let env_text = p.environment.get_ref();
    let environment = Environment::from_key(env_text).ok_or_else(|| ConfigError::BadValue {
        at: ctx.at(p.environment.span().start),
        key: format!("{table}.environment"),
        value: env_text.clone(),
        reason: "is not an environment: use sandbox, staging or production".to_owned(),
    })?;
    let timeout = |v: &Option<Spanned<u64>>, key: &str, default: Duration| match v {
        None => Ok(default),
        Some(ms) if *ms.get_ref() == 0 || *ms.get_ref() > 600_000 => Err(ConfigError::BadValue {
            at: ctx.at(ms.span().start),
            key: format!("{table}.{key}"),
            value: ms.get_ref().to_string(),
            reason: "is out of range: use 1 to 600000 milliseconds".to_owned(),
        }),
        Some(ms) => Ok(Duration::from_millis(*ms.get_ref())),
    };
    let mut providers = Vec::new();
    if let Some(m) = &p.mascustomers {
        providers.push((Provider::Mascustomers, mascustomers(ctx, &table, m)?));
    }
    if let Some(x) = &p.pxlhub {
        providers.push((Provider::Pxlhub, pxlhub(ctx, &table, x)?));
    }
    if let Some(s) = &p.smoney {
        providers.push((Provider::Smoney, smoney(ctx, &table, s)?));
    }
    if let Some(l) = &p.lyra {
        providers.push((Provider::Lyra, basic(ctx, &format!("{table}.lyra"), l)?));
    }
    if let Some(m) = &p.monext {
        providers.push((Provider::Monext, basic(ctx, &format!("{table}.monext"), m)?));
    }
    Ok(ProfileSpec {
        name: name.to_owned(),
        environment,
        read_only: p
            .read_only
            .unwrap_or(environment == Environment::Production),
        read_only_set: p.read_only.is_some(),
        theme: p.theme.clone(),
        connect_timeout: timeout(
            &p.connect_timeout_ms,
            "connect_timeout_ms",
            DEFAULT_CONNECT_TIMEOUT,
        )?,
        request_timeout: timeout(
            &p.request_timeout_ms,
            "request_timeout_ms",
            DEFAULT_REQUEST_TIMEOUT,
        )?,
        certificate_authority: match &p.certificate_authority {
            Some(ca) => Some(ca_file(ctx, &format!("{table}.certificate_authority"), ca)?),
            None => None,
        },
        reveal_requires_reason: p
            .reveal_requires_reason
            .unwrap_or(environment == Environment::Production),
        providers,
    })
}

/// A profile's own CA file (PEM), `~` expanded: it must exist and hold a certificate, so a
/// typo is reported by `config check`, not at the first TLS handshake.
fn ca_file(
    ctx: &FileCtx<'_>,
    key: &str,
    raw: &Spanned<String>,
) -> Result<std::path::PathBuf, ConfigError> {
    let value = raw.get_ref();
    let path = match value.strip_prefix("~/") {
        Some(rest) => directories::BaseDirs::new().map_or_else(
            || std::path::PathBuf::from(value),
            |d| d.home_dir().join(rest),
        ),
        None => std::path::PathBuf::from(value),
    };
    let bad = |reason: &str| ConfigError::BadValue {
        at: ctx.at(raw.span().start),
        key: key.to_owned(),
        value: value.clone(),
        reason: reason.to_owned(),
    };
    match std::fs::read_to_string(&path) {
        Ok(text) if text.contains("-----BEGIN CERTIFICATE-----") => Ok(path),
        Ok(_) => Err(bad(
            "holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
        )),
        Err(e) => Err(bad(&format!("cannot be read: {e}"))),
    }
}

fn mascustomers(
    ctx: &FileCtx<'_>,
    profile: &str,
    raw: &Spanned<RawEndpoint<MascustomersKeys>>,
) -> Result<ProviderSpec, ConfigError> {
    let table = format!("{profile}.mascustomers");
    let m = raw.get_ref();
    let fields = m.secret_fields();
    Ok(ProviderSpec {
        base_url: checked_url(ctx, &table, &m.base_url, m.allow_insecure_http)?,
        allow_insecure_http: m.allow_insecure_http,
        org: Some(required(ctx, &table, raw.span(), m.own.as_ref(), "org")?),
        user: None,
        scheme: Scheme::Bearer,
        base: fields.base,
        source: fields.choose(ctx, &table, raw.span())?,
        table,
    })
}

fn pxlhub(
    ctx: &FileCtx<'_>,
    profile: &str,
    raw: &Spanned<RawEndpoint<PxlhubKeys>>,
) -> Result<ProviderSpec, ConfigError> {
    let table = format!("{profile}.pxlhub");
    let x = raw.get_ref();
    let fields = x.secret_fields();
    Ok(ProviderSpec {
        base_url: checked_url(ctx, &table, &x.base_url, x.allow_insecure_http)?,
        allow_insecure_http: x.allow_insecure_http,
        org: None,
        user: None,
        scheme: Scheme::ApiKey,
        base: fields.base,
        source: fields.choose(ctx, &table, raw.span())?,
        table,
    })
}

fn smoney(
    ctx: &FileCtx<'_>,
    profile: &str,
    raw: &Spanned<RawEndpoint<SmoneyKeys>>,
) -> Result<ProviderSpec, ConfigError> {
    let table = format!("{profile}.smoney");
    let s = raw.get_ref();
    let fields = s.secret_fields();
    let base = checked_url(ctx, &table, &s.base_url, s.allow_insecure_http)?;
    let partner = required(ctx, &table, raw.span(), s.own.as_ref(), "partner")?;
    if partner.contains(['/', '?', '#', ' ']) {
        return Err(ConfigError::BadValue {
            at: ctx.at(s.own.as_ref().map_or(raw.span().start, |p| p.span().start)),
            key: format!("{table}.partner"),
            value: partner,
            reason: "is not a single path segment".to_owned(),
        });
    }
    Ok(ProviderSpec {
        base_url: format!("{base}/{partner}"),
        allow_insecure_http: s.allow_insecure_http,
        org: None,
        user: None,
        scheme: Scheme::Bearer,
        base: fields.base,
        source: fields.choose(ctx, &table, raw.span())?,
        table,
    })
}

fn basic(
    ctx: &FileCtx<'_>,
    table: &str,
    raw: &Spanned<RawEndpoint<BasicKeys>>,
) -> Result<ProviderSpec, ConfigError> {
    let b = raw.get_ref();
    let fields = b.secret_fields();
    Ok(ProviderSpec {
        base_url: checked_url(ctx, table, &b.base_url, b.allow_insecure_http)?,
        allow_insecure_http: b.allow_insecure_http,
        org: None,
        user: Some(required(
            ctx,
            table,
            raw.span(),
            b.own.as_ref(),
            "username",
        )?),
        scheme: Scheme::Basic,
        base: fields.base,
        source: fields.choose(ctx, table, raw.span())?,
        table: table.to_owned(),
    })
}

fn required(
    ctx: &FileCtx<'_>,
    table: &str,
    table_span: Range<usize>,
    value: Option<&Spanned<String>>,
    key: &str,
) -> Result<String, ConfigError> {
    match value {
        Some(v) if !v.get_ref().trim().is_empty() => Ok(v.get_ref().trim().to_owned()),
        Some(v) => Err(ConfigError::Invalid {
            at: ctx.at(v.span().start),
            key: format!("{table}.{key}"),
            message: "is empty".to_owned(),
        }),
        None => Err(ConfigError::Invalid {
            at: ctx.at(table_span.start),
            key: format!("{table}.{key}"),
            message: "is required".to_owned(),
        }),
    }
}

/// An absolute http(s) URL with a host and no credentials; plain http only to a loopback
/// host or when `allow_insecure_http` says so. Returned without a trailing slash.
fn checked_url(
    ctx: &FileCtx<'_>,
    table: &str,
    raw: &Spanned<String>,
    allow_insecure_http: bool,
) -> Result<String, ConfigError> {
    let text = raw.get_ref().trim();
    let bad = |reason: String| ConfigError::BadValue {
        at: ctx.at(raw.span().start),
        key: format!("{table}.base_url"),
        value: shown_url(raw.get_ref()),
        reason,
    };
    let url = url::Url::parse(text).map_err(|e| bad(format!("is not a URL: {e}")))?;
    let host = match url.host_str() {
        Some(h) if !h.is_empty() => h.to_owned(),
        _ => return Err(bad("has no host".to_owned())),
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "contains credentials: use the provider's credential keys instead".to_owned(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("must not have a query or a fragment".to_owned()));
    }
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&host) => {}
        "http" => {
            return Err(bad(
                "uses plain http to a non-loopback host: use https, or set allow_insecure_http = true"
                    .to_owned(),
            ));
        }
        other => return Err(bad(format!("has scheme {other:?}: use http or https"))),
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// A base URL as it may be shown in an error: any user and password (`user:pw@`) and any
/// query or fragment hidden, since those are where credentials hide.
fn shown_url(raw: &str) -> String {
    let cut = raw.find(['?', '#']).unwrap_or(raw.len());
    let (head, tail) = raw.split_at(cut);
    let tail = if tail.is_empty() { "" } else { "?…" };
    let start = head.find("://").map_or(0, |i| i + 3);
    let authority_end = head[start..].find('/').map_or(head.len(), |i| start + i);
    match head[start..authority_end].rfind('@') {
        Some(at) => format!("{}•••@{}{tail}", &head[..start], &head[start + at + 1..]),
        None => format!("{head}{tail}"),
    }
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

pub(crate) fn parse_time_display(
    ctx: &FileCtx<'_>,
    raw: Option<&Spanned<String>>,
) -> Result<TimeDisplay, ConfigError> {
    match raw {
        None => Ok(TimeDisplay::Utc),
        Some(v) => TimeDisplay::from_key(v.get_ref()).ok_or_else(|| ConfigError::BadValue {
            at: ctx.at(v.span().start),
            key: "time_display".to_owned(),
            value: v.get_ref().clone(),
            reason: "is not a time display: use utc or local".to_owned(),
        }),
    }
}

/// The bounds of `watch_seconds`.
const WATCH_SECONDS_MIN: u64 = 1;
const WATCH_SECONDS_MAX: u64 = 3600;

/// `watch_seconds`: how often watch mode reads the watched view again (`None`: the
/// console's default).
pub(crate) fn parse_watch_seconds(
    ctx: &FileCtx<'_>,
    raw: Option<&Spanned<i64>>,
) -> Result<Option<u64>, ConfigError> {
    let Some(v) = raw else {
        return Ok(None);
    };
    match u64::try_from(*v.get_ref()) {
        Ok(s) if (WATCH_SECONDS_MIN..=WATCH_SECONDS_MAX).contains(&s) => Ok(Some(s)),
        _ => Err(ConfigError::BadValue {
            at: ctx.at(v.span().start),
            key: "watch_seconds".to_owned(),
            value: v.get_ref().to_string(),
            reason: format!("must be from {WATCH_SECONDS_MIN} to {WATCH_SECONDS_MAX} seconds"),
        }),
    }
}

impl ProfileSpec {
    /// Reads every credential of the profile. Stops at the first that fails.
    pub(crate) fn resolve(
        &self,
        ctx: &FileCtx<'_>,
        global_theme: Option<&str>,
        time_display: TimeDisplay,
    ) -> Result<ResolvedProfile, ConfigError> {
        let mut out = ResolvedProfile {
            name: self.name.clone(),
            environment: self.environment,
            read_only: self.read_only,
            read_only_set: self.read_only_set,
            theme: self
                .theme
                .as_ref()
                .map(|t| t.get_ref().clone())
                .or_else(|| global_theme.map(str::to_owned)),
            time_display,
            connect_timeout: self.connect_timeout,
            request_timeout: self.request_timeout,
            certificate_authority: self.certificate_authority.clone(),
            reveal_requires_reason: self.reveal_requires_reason,
            mascustomers: None,
            pxlhub: None,
            smoney: None,
            lyra: None,
            monext: None,
        };
        for (provider, spec) in &self.providers {
            let resolved = spec.resolve(ctx, &self.name)?;
            let slot = match provider {
                Provider::Mascustomers => &mut out.mascustomers,
                Provider::Pxlhub => &mut out.pxlhub,
                Provider::Smoney => &mut out.smoney,
                Provider::Lyra => &mut out.lyra,
                Provider::Monext => &mut out.monext,
            };
            *slot = Some(resolved);
        }
        Ok(out)
    }

    /// Reads every credential, collecting each failure instead of stopping.
    pub(crate) fn check_secrets(&self, ctx: &FileCtx<'_>) -> Vec<ConfigError> {
        self.providers
            .iter()
            .filter_map(|(_, spec)| spec.resolve(ctx, &self.name).err())
            .collect()
    }
}

impl ProviderSpec {
    fn resolve(&self, ctx: &FileCtx<'_>, profile: &str) -> Result<ResolvedProvider, ConfigError> {
        let secret = self.source.resolve(ctx, &self.table, self.base)?;
        let auth = match self.scheme {
            Scheme::Bearer => ResolvedAuth::Bearer(secret),
            Scheme::ApiKey => ResolvedAuth::ApiKey(secret),
            Scheme::Basic => ResolvedAuth::Basic {
                user: self.user.clone().unwrap_or_default(),
                password: secret,
            },
        };
        Ok(ResolvedProvider {
            base_url: self.base_url.clone(),
            auth,
            allow_insecure_http: self.allow_insecure_http,
            org: self.org.clone(),
            credential_hint: self.source.hint(self.base, profile),
        })
    }
}
