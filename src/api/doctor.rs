//! `guichet doctor`: for each provider, connect, TLS, an authenticated call, and its
//! latency; rendered as a plain text table without secrets.

use super::clients::Clients;
use super::http::Core;
use crate::domain::{ApiError, PageRequest, Provider};
use std::future::Future;
use std::time::{Duration, Instant};

/// How long a doctor probe (connect, TLS) may take at most.
const PROBE_TIMEOUT: Duration = Duration::from_secs(10);

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Ok,
    /// TLS on a plain http endpoint.
    NotApplicable,
    /// Not tried because an earlier step failed.
    Skipped,
    /// The profile leaves this provider out.
    NotConfigured,
    Failed(String),
}

impl Check {
    fn passed(&self) -> bool {
        matches!(
            self,
            Check::Ok | Check::NotApplicable | Check::NotConfigured
        )
    }

    fn label(&self) -> &'static str {
        match self {
            Check::Ok => "ok",
            Check::NotApplicable => "n/a",
            Check::Skipped => "skipped",
            Check::NotConfigured => "not configured",
            Check::Failed(_) => "FAILED",
        }
    }
}

/// One provider's line of the doctor report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoctorRow {
    pub provider: Provider,
    /// `host:port`, never a credential.
    pub target: String,
    pub insecure: bool,
    pub connect: Check,
    pub connect_ms: Option<u64>,
    pub tls: Check,
    /// What the authenticated check called, e.g. `list customers size=1`.
    pub auth_call: &'static str,
    pub auth: Check,
    /// Latency of the authenticated call.
    pub latency_ms: Option<u64>,
}

impl DoctorRow {
    /// The row of a provider the profile leaves out: nothing checked, nothing failed.
    pub fn not_configured(provider: Provider, auth_call: &'static str) -> DoctorRow {
        DoctorRow {
            provider,
            target: "-".to_string(),
            insecure: false,
            connect: Check::NotConfigured,
            connect_ms: None,
            tls: Check::NotConfigured,
            auth_call,
            auth: Check::NotConfigured,
            latency_ms: None,
        }
    }

    /// Every step passed.
    pub fn ok(&self) -> bool {
        self.connect.passed() && self.tls.passed() && self.auth.passed()
    }
}

fn ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

async fn connect_check(core: &Core) -> (Check, Option<u64>) {
    let url = core.url();
    let started = Instant::now();
    let addr = (url.host.as_str(), url.port);
    match tokio::time::timeout(PROBE_TIMEOUT, tokio::net::TcpStream::connect(addr)).await {
        Ok(Ok(_)) => (Check::Ok, Some(ms(started))),
        Ok(Err(e)) => (Check::Failed(core.redact(&e.to_string())), None),
        Err(_) => (Check::Failed("no connection within 10 s".to_string()), None),
    }
}

/// Any HTTP answer over https proves the TLS handshake (certificate, name, protocol).
async fn tls_check(core: &Core) -> Check {
    if !core.url().https {
        return Check::NotApplicable;
    }
    let probe = core
        .http()
        .get(&core.url().base)
        .timeout(PROBE_TIMEOUT)
        .send();
    match probe.await {
        Ok(_) => Check::Ok,
        Err(e) => {
            let mut cause = String::from("TLS handshake failed");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                cause = s.to_string();
                source = s.source();
            }
            Check::Failed(core.redact(&cause))
        }
    }
}

async fn row<F>(core: &Core, auth_call: &'static str, call: F) -> DoctorRow
where
    F: Future<Output = Result<(), ApiError>>,
{
    let url = core.url();
    let mut row = DoctorRow {
        provider: core.provider(),
        target: format!("{}:{}", url.host, url.port),
        insecure: url.insecure(),
        connect: Check::Skipped,
        connect_ms: None,
        tls: Check::Skipped,
        auth_call,
        auth: Check::Skipped,
        latency_ms: None,
    };
    (row.connect, row.connect_ms) = connect_check(core).await;
    if !row.connect.passed() {
        return row;
    }
    row.tls = tls_check(core).await;
    if !row.tls.passed() {
        return row;
    }
    let started = Instant::now();
    match call.await {
        Ok(()) => {
            row.auth = Check::Ok;
            row.latency_ms = Some(ms(started));
        }
        Err(e) => row.auth = Check::Failed(e.to_string()),
    }
    row
}

/// The cheap authenticated call that proves a provider usable: the doctor's third step and
/// the console's health dots.
pub fn auth_call_name(provider: Provider) -> &'static str {
    match provider {
        Provider::Mascustomers => "list customers size=1",
        Provider::Pxlhub => "list wallets size=1",
        Provider::Smoney => "list users per_page=1",
        Provider::Lyra => "Charge/SDKTest",
        Provider::Monext => "GET checkout/alive",
    }
}

/// Runs the authenticated check of one provider.
pub async fn auth_check(clients: &Clients, provider: Provider) -> Result<(), ApiError> {
    let one = PageRequest::first(1);
    match provider {
        Provider::Mascustomers => clients
            .mascustomers()?
            .list_customers(&one, None)
            .await
            .map(drop),
        Provider::Pxlhub => clients
            .pxlhub()?
            .list_wallets(&one, None, None)
            .await
            .map(drop),
        Provider::Smoney => clients.smoney()?.list_users(&one).await.map(drop),
        Provider::Lyra => {
            let echo = clients.lyra()?.sdk_test("guichet-doctor").await?;
            if echo == "guichet-doctor" {
                Ok(())
            } else {
                Err(ApiError::new(
                    Provider::Lyra,
                    crate::domain::ErrorKind::Decode,
                    "Charge/SDKTest did not echo the value sent",
                ))
            }
        }
        Provider::Monext => clients.monext()?.alive().await,
    }
}

fn core_of(clients: &Clients, provider: Provider) -> Option<&Core> {
    match provider {
        Provider::Mascustomers => clients.mascustomers().ok().map(|c| c.core()),
        Provider::Pxlhub => clients.pxlhub().ok().map(|c| c.core()),
        Provider::Smoney => clients.smoney().ok().map(|c| c.core()),
        Provider::Lyra => clients.lyra().ok().map(|c| c.core()),
        Provider::Monext => clients.monext().ok().map(|c| c.core()),
    }
}

async fn provider_row(clients: &Clients, provider: Provider) -> DoctorRow {
    let call = auth_call_name(provider);
    match core_of(clients, provider) {
        Some(core) => row(core, call, auth_check(clients, provider)).await,
        None => DoctorRow::not_configured(provider, call),
    }
}

/// Runs the checks of the configured providers concurrently; rows in [`Provider::ALL`]
/// order, a provider left out of the profile shown as not configured.
pub async fn doctor(clients: &Clients) -> Vec<DoctorRow> {
    let (mas, pxl, smo, lyra, monext) = tokio::join!(
        provider_row(clients, Provider::Mascustomers),
        provider_row(clients, Provider::Pxlhub),
        provider_row(clients, Provider::Smoney),
        provider_row(clients, Provider::Lyra),
        provider_row(clients, Provider::Monext),
    );
    vec![mas, pxl, smo, lyra, monext]
}

/// A plain text table, one line per provider, then the failures spelled out.
pub fn render_doctor_table(rows: &[DoctorRow]) -> String {
    let mut lines = vec![[
        "provider".to_string(),
        "target".to_string(),
        "connect".to_string(),
        "tls".to_string(),
        "auth check".to_string(),
        "result".to_string(),
        "latency".to_string(),
    ]];
    for r in rows {
        let connect = match (&r.connect, r.connect_ms) {
            (Check::Ok, Some(ms)) => format!("ok {ms} ms"),
            (c, _) => c.label().to_string(),
        };
        let tls = if r.insecure {
            "INSECURE".to_string()
        } else {
            r.tls.label().to_string()
        };
        lines.push([
            r.provider.display_name().to_string(),
            r.target.clone(),
            connect,
            tls,
            r.auth_call.to_string(),
            r.auth.label().to_string(),
            r.latency_ms
                .map(|ms| format!("{ms} ms"))
                .unwrap_or_else(|| "-".into()),
        ]);
    }
    let widths: Vec<usize> = (0..7)
        .map(|i| {
            lines
                .iter()
                .map(|l| l[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for l in &lines {
        let cells: Vec<String> = l
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    for r in rows {
        for (step, check) in [("connect", &r.connect), ("tls", &r.tls), ("auth", &r.auth)] {
            if let Check::Failed(why) = check {
                out.push_str(&format!("{} {step}: {why}\n", r.provider.display_name()));
            }
        }
    }
    out
}
