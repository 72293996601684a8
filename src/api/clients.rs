//! The five clients of one profile, sharing one HTTP client (one connection pool).

use super::lyra::LyraClient;
use super::mascustomers::MasCustomersClient;
use super::monext::MonextClient;
use super::pxlhub::PxlhubClient;
use super::settings::ApiSettings;
use super::smoney::SmoneyClient;
use super::transport::build_http_client;
use crate::domain::{ApiError, ErrorKind, Provider};

/// The clients of a profile, one per configured provider. `Clone + Send + Sync + 'static`:
/// move a clone into each task. Dropping a call's future aborts its HTTP request (reqwest
/// closes the connection), so a request replaced by a newer one, or run under a timeout,
/// stops there.
#[derive(Debug, Clone)]
pub struct Clients {
    mascustomers: Option<MasCustomersClient>,
    pxlhub: Option<PxlhubClient>,
    smoney: Option<SmoneyClient>,
    lyra: Option<LyraClient>,
    monext: Option<MonextClient>,
}

fn not_configured(provider: Provider) -> ApiError {
    ApiError::new(provider, ErrorKind::Local, "not configured in this profile")
}

macro_rules! accessor {
    ($name:ident, $ty:ty, $provider:expr) => {
        /// This provider's client, or a "not configured in this profile" error.
        pub fn $name(&self) -> Result<&$ty, ApiError> {
            self.$name.as_ref().ok_or_else(|| not_configured($provider))
        }
    };
}

impl Clients {
    /// Checks every endpoint against the transport policy and builds the clients. Errors are
    /// `ErrorKind::Local` and name the provider.
    pub fn new(settings: &ApiSettings) -> Result<Clients, ApiError> {
        let http = build_http_client(settings)?;
        Ok(Clients {
            mascustomers: settings
                .mascustomers
                .as_ref()
                .map(|e| MasCustomersClient::new(http.clone(), e, &settings.mascustomers_org))
                .transpose()?,
            pxlhub: settings
                .pxlhub
                .as_ref()
                .map(|e| PxlhubClient::new(http.clone(), e))
                .transpose()?,
            smoney: settings
                .smoney
                .as_ref()
                .map(|e| SmoneyClient::new(http.clone(), e))
                .transpose()?,
            lyra: settings
                .lyra
                .as_ref()
                .map(|e| LyraClient::new(http.clone(), e))
                .transpose()?,
            monext: settings
                .monext
                .as_ref()
                .map(|e| MonextClient::new(http.clone(), e))
                .transpose()?,
        })
    }

    accessor!(mascustomers, MasCustomersClient, Provider::Mascustomers);
    accessor!(pxlhub, PxlhubClient, Provider::Pxlhub);
    accessor!(smoney, SmoneyClient, Provider::Smoney);
    accessor!(lyra, LyraClient, Provider::Lyra);
    accessor!(monext, MonextClient, Provider::Monext);

    /// The MasCustomers organisation (empty when MasCustomers is not configured).
    pub fn mascustomers_org(&self) -> &str {
        self.mascustomers
            .as_ref()
            .map_or("", MasCustomersClient::org)
    }

    /// Whether the profile configures this provider.
    pub fn configured(&self, provider: Provider) -> bool {
        match provider {
            Provider::Mascustomers => self.mascustomers.is_some(),
            Provider::Pxlhub => self.pxlhub.is_some(),
            Provider::Smoney => self.smoney.is_some(),
            Provider::Lyra => self.lyra.is_some(),
            Provider::Monext => self.monext.is_some(),
        }
    }

    /// Providers reached over plain http off loopback.
    pub fn insecure_providers(&self) -> Vec<Provider> {
        [
            self.mascustomers.as_ref().map(MasCustomersClient::core),
            self.pxlhub.as_ref().map(PxlhubClient::core),
            self.smoney.as_ref().map(SmoneyClient::core),
            self.lyra.as_ref().map(LyraClient::core),
            self.monext.as_ref().map(MonextClient::core),
        ]
        .into_iter()
        .flatten()
        .filter(|c| c.url().insecure())
        .map(|c| c.provider())
        .collect()
    }

    /// Any endpoint on plain http off loopback: the header shows INSECURE.
    pub fn insecure(&self) -> bool {
        !self.insecure_providers().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every provider on a loopback port nothing listens on.
    fn loopback_settings() -> ApiSettings {
        use crate::api::{Auth, Endpoint};
        use crate::domain::Secret;
        let endpoint = |prefix: &str, auth: Auth| {
            Some(Endpoint {
                base_url: format!("http://127.0.0.1:9{prefix}"),
                auth,
                allow_insecure_http: false,
                credential_hint: "a test credential".into(),
            })
        };
        let basic = || Auth::Basic {
            user: "u".into(),
            password: Secret::new("p"),
        };
        ApiSettings {
            mascustomers: endpoint("/customers/v4", Auth::Bearer(Secret::new("t"))),
            mascustomers_org: "telco".into(),
            pxlhub: endpoint("/pms/v1", Auth::ApiKey(Secret::new("k"))),
            smoney: endpoint("/smoney/api/sandbox", Auth::Bearer(Secret::new("t"))),
            lyra: endpoint("/lyra/api-payment/V4", basic()),
            monext: endpoint("/monext/v1", basic()),
            connect_timeout: std::time::Duration::from_secs(3),
            request_timeout: std::time::Duration::from_secs(10),
            certificate_authority: None,
        }
    }

    fn assert_task_safe<T: Clone + Send + Sync + 'static>() {}

    #[test]
    fn clients_move_into_tasks() {
        assert_task_safe::<Clients>();
        assert_task_safe::<MasCustomersClient>();
        assert_task_safe::<PxlhubClient>();
        assert_task_safe::<SmoneyClient>();
        assert_task_safe::<LyraClient>();
        assert_task_safe::<MonextClient>();
    }

    #[test]
    fn insecure_only_off_loopback() {
        let mut s = loopback_settings();
        assert!(!Clients::new(&s).unwrap().insecure());
        s.pxlhub.as_mut().unwrap().base_url = "http://10.1.2.3/pms/v1".into();
        let e = Clients::new(&s).unwrap_err();
        assert_eq!(e.provider, Provider::Pxlhub);
        s.pxlhub.as_mut().unwrap().allow_insecure_http = true;
        let c = Clients::new(&s).unwrap();
        assert!(c.insecure());
        assert_eq!(c.insecure_providers(), vec![Provider::Pxlhub]);
    }

    #[tokio::test]
    async fn a_provider_left_out_is_not_configured_and_doctor_skips_it() {
        let mut s = loopback_settings();
        s.monext = None;
        let c = Clients::new(&s).unwrap();
        assert!(!c.configured(Provider::Monext) && c.configured(Provider::Lyra));
        let e = c.monext().unwrap_err();
        assert_eq!((e.provider, e.kind), (Provider::Monext, ErrorKind::Local));
        assert!(e.to_string().contains("not configured"), "{e}");
        let rows = crate::api::doctor::doctor(&c).await;
        let monext = rows
            .iter()
            .find(|r| r.provider == Provider::Monext)
            .unwrap();
        assert!(monext.ok(), "not configured is not a failure");
        assert!(crate::api::doctor::render_doctor_table(&rows).contains("not configured"));
    }
}
