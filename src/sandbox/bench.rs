//! Throughput and latency of the sandbox's list endpoints (`guichet bench sandbox`): first,
//! middle and last pages of each sort, at each requested scale, over real HTTP on loopback.

use super::demo;
use super::seed::FIXTURE_MONEYOUTS_PER_SCALE;
use super::{SandboxOptions, start};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// One measured case.
#[derive(Debug, Clone)]
pub struct BenchRow {
    pub scale: u32,
    pub moneyouts: u64,
    pub list: &'static str,
    pub sort: String,
    pub page: String,
    pub p50: Duration,
    pub p95: Duration,
    pub per_second: f64,
}

#[derive(Clone, Copy)]
enum Target {
    Moneyouts,
    Customers,
    Accounts,
    Wallets,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Moneyouts => "smoney moneyouts of C-000001",
            Target::Customers => "mascustomers customers",
            Target::Accounts => "mascustomers accounts",
            Target::Wallets => "pxlhub wallets",
        }
    }

    fn sorts(self) -> &'static [&'static str] {
        match self {
            Target::Moneyouts => &["operationdate", "amount", "id"],
            Target::Customers => &["name", "email", "external_id", "created_at"],
            Target::Accounts => &["created_at", "status", "modality"],
            Target::Wallets => &["openedAt", "balanceCents", "status"],
        }
    }

    fn request(
        self,
        client: &reqwest::Client,
        base: &str,
        sort: &str,
        page: u64,
        size: u32,
    ) -> reqwest::RequestBuilder {
        match self {
            Target::Moneyouts => client
                .get(format!(
                    "{base}{}/users/C-000001/moneyouts?per_page={size}&page={}&sort={sort}",
                    demo::SMONEY_PREFIX,
                    page + 1
                ))
                .bearer_auth(demo::SMONEY_TOKEN),
            Target::Customers | Target::Accounts => client
                .get(format!(
                    "{base}{}/orgs/{}/{}?size={size}&page={page}&sort={sort}",
                    demo::MAS_PREFIX,
                    demo::MAS_ORG,
                    if matches!(self, Target::Customers) {
                        "customers"
                    } else {
                        "accounts"
                    }
                ))
                .bearer_auth(demo::MAS_TOKEN),
            Target::Wallets => client
                .get(format!(
                    "{base}{}/wallets?size={size}&page={page}&sort={sort}",
                    demo::PXL_PREFIX
                ))
                .header("X-API-Key", demo::PXL_MANAGE_KEY),
        }
    }
}

/// Every search the console's search box makes, with a typical text: (list, what, request).
fn searches(
    client: &reqwest::Client,
    base: &str,
) -> Vec<(&'static str, &'static str, reqwest::RequestBuilder)> {
    let mas = |query: &str| {
        client
            .get(format!(
                "{base}{}/orgs/{}/{query}",
                demo::MAS_PREFIX,
                demo::MAS_ORG
            ))
            .bearer_auth(demo::MAS_TOKEN)
    };
    let pxl = |query: &str| {
        client
            .get(format!("{base}{}/{query}", demo::PXL_PREFIX))
            .header("X-API-Key", demo::PXL_MANAGE_KEY)
    };
    let size = super::search::RESULTS_PER_GROUP;
    vec![
        (
            "search customers",
            "q=martin (name)",
            mas(&format!("customers?size={size}&q=martin")),
        ),
        (
            "search customers",
            "q=m (1 letter)",
            mas(&format!("customers?size={size}&q=m")),
        ),
        (
            "search customers",
            "q=06 (phone start)",
            mas(&format!("customers?size={size}&q=06")),
        ),
        (
            "search customers",
            "q=martin, page 20",
            mas(&format!("customers?size={size}&page=20&q=martin")),
        ),
        (
            "search customers",
            "q=elodie.mar (email)",
            mas(&format!("customers?size={size}&q=elodie.mar")),
        ),
        (
            "search customers",
            "q=06 12 3 (phone)",
            mas(&format!("customers?size={size}&q=06%2012%203")),
        ),
        (
            "search customers",
            "q=c-00004 (ext. id)",
            mas(&format!("customers?size={size}&q=c-00004")),
        ),
        (
            "search accounts",
            "last4=1234",
            mas(&format!("accounts?size={size}&last4=1234")),
        ),
        (
            "search wallets",
            "mediumRef=BR-12",
            pxl(&format!("wallets?size={size}&mediumRef=BR-12")),
        ),
        (
            "search stays",
            "guestName=dubois",
            pxl(&format!(
                "stays?size={size}&sort=guestName&guestName=dubois"
            )),
        ),
        (
            "search stays",
            "guestName=m (1 letter)",
            pxl(&format!("stays?size={size}&sort=guestName&guestName=m")),
        ),
        (
            "search transfers",
            "users?moneyout_id=4242",
            client
                .get(format!(
                    "{base}{}/users?moneyout_id=4242",
                    demo::SMONEY_PREFIX
                ))
                .bearer_auth(demo::SMONEY_TOKEN),
        ),
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

/// Why a benchmark run stopped.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error(transparent)]
    Sandbox(#[from] super::SandboxError),
    #[error("request: {0}")]
    Http(#[from] reqwest::Error),
    #[error("unexpected answer: {0}")]
    Answer(String),
    #[error("a benchmark task failed: {0}")]
    Task(String),
}

async fn total_of(
    client: &reqwest::Client,
    base: &str,
    target: Target,
    scale: u32,
) -> Result<u64, BenchError> {
    if let Target::Moneyouts = target {
        return Ok(FIXTURE_MONEYOUTS_PER_SCALE * u64::from(scale));
    }
    let body: serde_json::Value = target
        .request(client, base, target.sorts()[0], 0, 1)
        .send()
        .await?
        .json()
        .await?;
    body["recordTotal"]
        .as_u64()
        .ok_or_else(|| BenchError::Answer(format!("no recordTotal in {body}")))
}

/// Runs `requests` requests per case with `concurrency` in flight; returns the latencies
/// and the wall time.
async fn measure(
    proto: &reqwest::RequestBuilder,
    requests: usize,
    concurrency: usize,
) -> Result<(Vec<Duration>, Duration), BenchError> {
    let began = Instant::now();
    let mut lat = Vec::with_capacity(requests);
    let per_worker = requests.div_ceil(concurrency.max(1));
    let mut tasks = Vec::new();
    for _ in 0..concurrency.max(1) {
        let Some(req) = proto.try_clone() else { break };
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::with_capacity(per_worker);
            for _ in 0..per_worker {
                let Some(r) = req.try_clone() else { break };
                let t = Instant::now();
                let resp = r.send().await?;
                let status = resp.status();
                let _ = resp.bytes().await?;
                if !status.is_success() {
                    return Err(BenchError::Answer(format!("status {status}")));
                }
                out.push(t.elapsed());
            }
            Ok::<_, BenchError>(out)
        }));
    }
    for t in tasks {
        lat.extend(t.await.map_err(|e| BenchError::Task(e.to_string()))??);
    }
    lat.sort();
    Ok((lat, began.elapsed()))
}

/// Benchmarks at each scale (1 = default data; 50 ≈ 1,000,000 moneyouts) and returns the
/// figures as a table: the lists' pages, then every search.
pub async fn bench(
    scales: &[u32],
    requests: usize,
    concurrency: usize,
) -> Result<String, BenchError> {
    run(scales, requests, concurrency, true).await
}

/// Only the searches (`guichet bench sandbox-search [scales…]`).
pub async fn bench_search(
    scales: &[u32],
    requests: usize,
    concurrency: usize,
) -> Result<String, BenchError> {
    run(scales, requests, concurrency, false).await
}

async fn run(
    scales: &[u32],
    requests: usize,
    concurrency: usize,
    lists: bool,
) -> Result<String, BenchError> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency.max(1) * 2)
        .build()?;
    let mut rows = Vec::new();
    let mut out = String::new();
    for &scale in scales {
        let began = Instant::now();
        let handle = start(SandboxOptions {
            scale,
            ..SandboxOptions::default()
        })
        .await?;
        let moneyouts = handle.seeded().map(|c| c.moneyouts).unwrap_or(0);
        let _ = writeln!(
            out,
            "scale {scale}: started and seeded {moneyouts} moneyouts in {:.2?}, of which the search terms {:.2?} (first request after {:.2?})",
            handle.startup_time(),
            handle.search_terms_time(),
            began.elapsed()
        );
        let base = handle.base_url();
        let targets = [
            Target::Moneyouts,
            Target::Customers,
            Target::Accounts,
            Target::Wallets,
        ];
        for target in targets.into_iter().filter(|_| lists) {
            let total = total_of(&client, &base, target, scale).await?;
            let last = total.saturating_sub(1) / 50;
            for sort in target.sorts() {
                for dir in ["asc", "desc"] {
                    let s = format!("{sort},{dir}");
                    // The middle is the deepest offset: later pages are read backwards.
                    for (label, page) in [("first", 0), ("middle", last / 2), ("last", last)] {
                        let proto = target.request(&client, &base, &s, page, 50);
                        // Warm the statement cache and the pages of the file.
                        measure(&proto, concurrency, concurrency).await?;
                        let (lat, wall) = measure(&proto, requests, concurrency).await?;
                        rows.push(BenchRow {
                            scale,
                            moneyouts,
                            list: target.name(),
                            sort: s.clone(),
                            page: format!("{label} ({page})"),
                            p50: percentile(&lat, 0.50),
                            p95: percentile(&lat, 0.95),
                            per_second: lat.len() as f64 / wall.as_secs_f64().max(1e-9),
                        });
                    }
                }
            }
        }
        for (label, what, proto) in searches(&client, &base) {
            measure(&proto, concurrency, concurrency).await?;
            let (lat, wall) = measure(&proto, requests, concurrency).await?;
            rows.push(BenchRow {
                scale,
                moneyouts,
                list: label,
                sort: what.to_string(),
                page: "first (0)".into(),
                p50: percentile(&lat, 0.50),
                p95: percentile(&lat, 0.95),
                per_second: lat.len() as f64 / wall.as_secs_f64().max(1e-9),
            });
        }
        handle.stop().await;
    }
    let _ = writeln!(
        out,
        "\n{:>5} {:>9} {:<30} {:<20} {:<14} {:>8} {:>8} {:>8}",
        "scale", "moneyouts", "list", "sort", "page", "p50 ms", "p95 ms", "req/s"
    );
    for r in &rows {
        let _ = writeln!(
            out,
            "{:>5} {:>9} {:<30} {:<20} {:<14} {:>8.2} {:>8.2} {:>8.0}",
            r.scale,
            r.moneyouts,
            r.list,
            r.sort,
            r.page,
            r.p50.as_secs_f64() * 1000.0,
            r.p95.as_secs_f64() * 1000.0,
            r.per_second
        );
    }
    let worst = rows.iter().map(|r| r.p95).max().unwrap_or_default();
    let _ = writeln!(
        out,
        "\nworst p95: {:.2} ms ({} requests per case, {concurrency} in flight)",
        worst.as_secs_f64() * 1000.0,
        requests
    );
    Ok(out)
}
