//! The five clients of one profile, sharing one HTTP client (one connection pool).

use super::lyra::LyraClient;
use super::mascustomers::MasCustomersClient;
use super::monext::MonextClient;
use super::pxlhub::PxlhubClient;
use super::settings::ApiSettings;
use super::smoney::SmoneyClient;
use super::transport::build_http_client;
use crate::domain::{ApiError, Provider};

/// All five clients of a profile. `Clone + Send + Sync + 'static`: move a clone into each
/// task. Dropping a call's future aborts its HTTP request (reqwest closes the connection),
/// so a request replaced by a newer one, or run under a timeout, stops there.
#[derive(Debug, Clone)]
pub struct Clients {
    pub mascustomers: MasCustomersClient,
    pub pxlhub: PxlhubClient,
    pub smoney: SmoneyClient,
    pub lyra: LyraClient,
    pub monext: MonextClient,
}

impl Clients {
    /// Checks every endpoint against the transport policy and builds the clients. Errors are
    /// `ErrorKind::Local` and name the provider.
    pub fn new(settings: &ApiSettings) -> Result<Clients, ApiError> {
        let http = build_http_client(settings)?;
        Ok(Clients {
            mascustomers: MasCustomersClient::new(
                http.clone(),
                &settings.mascustomers,
                &settings.mascustomers_org,
            )?,
            pxlhub: PxlhubClient::new(http.clone(), &settings.pxlhub)?,
            smoney: SmoneyClient::new(http.clone(), &settings.smoney)?,
            lyra: LyraClient::new(http.clone(), &settings.lyra)?,
            monext: MonextClient::new(http, &settings.monext)?,
        })
    }

    /// Providers reached over plain http off loopback.
    pub fn insecure_providers(&self) -> Vec<Provider> {
        [
            self.mascustomers.core(),
            self.pxlhub.core(),
            self.smoney.core(),
            self.lyra.core(),
            self.monext.core(),
        ]
        .into_iter()
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
        let mut s = ApiSettings::for_sandbox("http://127.0.0.1:9");
        assert!(!Clients::new(&s).unwrap().insecure());
        s.pxlhub.base_url = "http://10.1.2.3/pms/v1".into();
        let e = Clients::new(&s).unwrap_err();
        assert_eq!(e.provider, Provider::Pxlhub);
        s.pxlhub.allow_insecure_http = true;
        let c = Clients::new(&s).unwrap();
        assert!(c.insecure());
        assert_eq!(c.insecure_providers(), vec![Provider::Pxlhub]);
    }
}
