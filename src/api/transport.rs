//! The transport policy (https off loopback), the shared `reqwest::Client` of a profile
//! and the authentication header of each scheme.

use super::settings::{ApiSettings, Auth, Endpoint};
use crate::domain::{ApiError, ErrorKind, Provider};
use base64::Engine as _;
use reqwest::Url;
use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};
use std::net::IpAddr;
use std::sync::Once;

/// A base URL that passed the transport policy.
#[derive(Debug, Clone)]
pub struct CheckedUrl {
    /// Without a trailing slash.
    pub base: String,
    pub https: bool,
    pub loopback: bool,
    pub host: String,
    pub port: u16,
}

impl CheckedUrl {
    /// Plain http to a host other than this machine.
    pub fn insecure(&self) -> bool {
        !self.https && !self.loopback
    }
}

/// Whether `host` is this machine: `localhost`, 127.0.0.0/8 or ::1.
pub fn is_loopback_host(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        url::Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

fn local(provider: Provider, message: String) -> ApiError {
    ApiError::new(provider, ErrorKind::Local, message)
}

/// Applies the transport policy: https, or http on loopback, or http elsewhere only when
/// the endpoint allows it. Credentials inside the URL are refused (they would be logged).
pub fn check_url(provider: Provider, endpoint: &Endpoint) -> Result<CheckedUrl, ApiError> {
    let raw = endpoint.base_url.trim();
    let url = Url::parse(raw).map_err(|e| {
        local(
            provider,
            format!("the {provider} base URL is not a URL ({e})"),
        )
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(local(
            provider,
            format!("the {provider} base URL carries credentials; put them in the auth settings"),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(local(
            provider,
            format!("the {provider} base URL must not have a query or fragment"),
        ));
    }
    let https = match url.scheme() {
        "https" => true,
        "http" => false,
        other => {
            return Err(local(
                provider,
                format!("the {provider} base URL must be https, not {other}"),
            ));
        }
    };
    let host = url
        .host()
        .ok_or_else(|| local(provider, format!("the {provider} base URL has no host")))?;
    let loopback = is_loopback_host(&host);
    let host_text = match &host {
        url::Host::Ipv6(ip) => ip.to_string(),
        other => other.to_string(),
    };
    if !https && !loopback && !endpoint.allow_insecure_http {
        return Err(local(
            provider,
            format!(
                "{provider}: plain http to {host_text} is refused; use https, or set allow_insecure_http for this endpoint"
            ),
        ));
    }
    let port = url
        .port_or_known_default()
        .unwrap_or(if https { 443 } else { 80 });
    Ok(CheckedUrl {
        base: url.as_str().trim_end_matches('/').to_string(),
        https,
        loopback,
        host: host_text,
        port,
    })
}

/// The header that carries a provider's credential, marked sensitive so that reqwest and
/// hyper never print it.
pub fn auth_header(provider: Provider, auth: &Auth) -> Result<(HeaderName, HeaderValue), ApiError> {
    let (name, value) = match auth {
        Auth::Bearer(token) => (AUTHORIZATION, format!("Bearer {}", token.expose())),
        Auth::Basic { user, password } => {
            let raw = format!("{user}:{}", password.expose());
            let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
            (AUTHORIZATION, format!("Basic {encoded}"))
        }
        Auth::ApiKey(key) => (
            HeaderName::from_static("x-api-key"),
            key.expose().to_string(),
        ),
    };
    let mut value = HeaderValue::from_str(&value).map_err(|_| {
        local(
            provider,
            format!("the {provider} credential has characters that cannot go in a header"),
        )
    })?;
    value.set_sensitive(true);
    Ok((name, value))
}

/// Installs rustls' ring provider once per process (a second install is refused by rustls,
/// which is fine: someone already chose).
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The one HTTP client of a profile: connection reuse, gzip, rustls, timeouts, User-Agent.
pub fn build_http_client(settings: &ApiSettings) -> Result<reqwest::Client, ApiError> {
    install_crypto_provider();
    let mut builder = reqwest::Client::builder();
    if let Some(path) = &settings.certificate_authority {
        let pem = std::fs::read(path).map_err(|e| {
            local(
                Provider::Mascustomers,
                format!("cannot read the profile's CA file {}: {e}", path.display()),
            )
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            local(
                Provider::Mascustomers,
                format!("the profile's CA file {} is not PEM: {e}", path.display()),
            )
        })?;
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    builder
        .user_agent(concat!("guichet/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.request_timeout)
        .gzip(true)
        .pool_idle_timeout(std::time::Duration::from_secs(60))
        // A redirect could lead off https or carry the X-API-Key header to another host:
        // none of these APIs redirects, so a 3xx is reported, not followed.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| {
            local(
                Provider::Mascustomers,
                format!("could not set up the HTTP client: {}", e.without_url()),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Secret;

    fn ep(url: &str, allow: bool) -> Endpoint {
        Endpoint {
            base_url: url.into(),
            auth: Auth::ApiKey(Secret::new("k")),
            allow_insecure_http: allow,
            credential_hint: String::new(),
        }
    }

    #[test]
    fn https_required_off_loopback() {
        let p = Provider::Pxlhub;
        assert!(check_url(p, &ep("https://api.example.com/v1/", false)).is_ok());
        for ok in [
            "http://127.0.0.1:8080/pms/v1",
            "http://127.3.4.5/x",
            "http://localhost:1/x",
            "http://[::1]:9/x",
        ] {
            let c = check_url(p, &ep(ok, false)).unwrap();
            assert!(c.loopback && !c.insecure(), "{ok}");
        }
        let e = check_url(p, &ep("http://10.0.0.5/pms/v1", false)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Local);
        let c = check_url(p, &ep("http://10.0.0.5/pms/v1", true)).unwrap();
        assert!(c.insecure());
        assert!(check_url(p, &ep("ftp://x/", true)).is_err());
        assert!(check_url(p, &ep("https://u:p@x.example/", false)).is_err());
        assert!(check_url(p, &ep("not a url", false)).is_err());
        assert_eq!(
            check_url(p, &ep("https://api.example.com/v1/", false))
                .unwrap()
                .base,
            "https://api.example.com/v1"
        );
    }

    #[test]
    fn auth_headers_are_sensitive() {
        let (n, v) = auth_header(
            Provider::Lyra,
            &Auth::Basic {
                user: "69876357".into(),
                password: Secret::new("testpassword_SANDBOX"),
            },
        )
        .unwrap();
        assert_eq!(n, AUTHORIZATION);
        assert!(v.is_sensitive());
        assert_eq!(
            v.to_str().unwrap(),
            "Basic Njk4NzYzNTc6dGVzdHBhc3N3b3JkX1NBTkRCT1g="
        );
    }
}
