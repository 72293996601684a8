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
    Failed(String),
}

impl Check {
    fn passed(&self) -> bool {
        matches!(self, Check::Ok | Check::NotApplicable)
    }

    fn label(&self) -> &'static str {
        match self {
            Check::Ok => "ok",
            Check::NotApplicable => "n/a",
            Check::Skipped => "skipped",
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

/// Runs the five checks concurrently; rows in [`Provider::ALL`] order.
pub async fn doctor(clients: &Clients) -> Vec<DoctorRow> {
    let one = PageRequest::first(1);
    let (mas, pxl, smo, lyra, monext) = tokio::join!(
        row(
            clients.mascustomers.core(),
            "list customers size=1",
            async {
                clients
                    .mascustomers
                    .list_customers(&one, None)
                    .await
                    .map(drop)
            }
        ),
        row(clients.pxlhub.core(), "list wallets size=1", async {
            clients
                .pxlhub
                .list_wallets(&one, None, None)
                .await
                .map(drop)
        }),
        row(clients.smoney.core(), "list users per_page=1", async {
            clients.smoney.list_users(&one).await.map(drop)
        }),
        row(clients.lyra.core(), "Charge/SDKTest", async {
            let echo = clients.lyra.sdk_test("guichet-doctor").await?;
            if echo == "guichet-doctor" {
                Ok(())
            } else {
                Err(ApiError::new(
                    Provider::Lyra,
                    crate::domain::ErrorKind::Decode,
                    "Charge/SDKTest did not echo the value sent",
                ))
            }
        }),
        row(
            clients.monext.core(),
            "GET checkout/alive",
            clients.monext.alive()
        ),
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
