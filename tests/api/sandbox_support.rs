//! A sandbox per test, with the demo profile's clients and the seeded fixtures.

use guichet::api::{ApiSettings, Clients};
use guichet::sandbox::demo::{Fixtures, fixtures};
use guichet::sandbox::{SandboxHandle, SandboxOptions, start};

pub struct Sandbox {
    pub handle: SandboxHandle,
    pub clients: Clients,
    pub fx: Fixtures,
}

impl Sandbox {
    pub async fn start() -> Sandbox {
        let opts = SandboxOptions::default();
        let seed = opts.seed;
        let handle = start(opts).await.expect("sandbox starts");
        let clients = Clients::new(&guichet::runtime::setup::demo_settings(&handle.base_url()))
            .expect("clients");
        Sandbox {
            handle,
            clients,
            fx: fixtures(seed),
        }
    }

    pub fn settings(&self) -> ApiSettings {
        guichet::runtime::setup::demo_settings(&self.handle.base_url())
    }

    /// `PUT /_sandbox/faults` with `body`.
    pub async fn set_faults(&self, body: serde_json::Value) {
        let resp = reqwest::Client::new()
            .put(format!("{}/_sandbox/faults", self.handle.base_url()))
            .json(&body)
            .send()
            .await
            .expect("faults endpoint");
        assert!(resp.status().is_success(), "{}", resp.status());
    }
}
