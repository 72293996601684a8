//! `guichet bench cli-list [scale]`: `guichet list customers --all -o csv` as a child process
//! against an embedded sandbox of that scale (50 by default: 100,000 customers), its rows
//! per second and peak RSS, beside a `curl` + `jq` loop over the same pages in the same run.

use crate::sandbox::{self, SandboxOptions, demo};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PAGE: u32 = 200;

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("cannot start the sandbox: {0}")]
    Sandbox(#[from] crate::sandbox::SandboxError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("bad argument {0:?}: the scale is a number")]
    Scale(String),
    #[error("the listing failed: {0}")]
    Child(String),
}

struct Measure {
    rows: u64,
    elapsed: Duration,
    peak_rss_kib: Option<u64>,
}

impl Measure {
    fn rate(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Peak resident set of a running process, from Linux's `/proc` (`None` elsewhere).
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs `cmd`, counting the lines of its stdout and sampling its peak RSS until it ends.
fn measure(mut cmd: Command) -> Result<Measure, BenchError> {
    let started = Instant::now();
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let pid = child.id();
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| BenchError::Child("no stdout".into()))?;
    let reader = std::thread::spawn(move || -> std::io::Result<u64> {
        let mut buf = vec![0u8; 64 * 1024];
        let mut lines = 0u64;
        loop {
            let n = stdout.read(&mut buf)?;
            if n == 0 {
                return Ok(lines);
            }
            lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        }
    });
    let mut peak = None;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        peak = peak_rss_kib(pid).max(peak);
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    let lines = reader
        .join()
        .map_err(|_| BenchError::Child("reader panicked".into()))??;
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        return Err(BenchError::Child(format!("{status}: {}", err.trim())));
    }
    Ok(Measure {
        rows: lines,
        elapsed,
        peak_rss_kib: peak,
    })
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("unavailable".into(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    })
}

pub async fn run(args: &[String]) -> Result<String, BenchError> {
    let scale = match args.first() {
        Some(s) => s.parse().map_err(|_| BenchError::Scale(s.clone()))?,
        None => 50,
    };
    let seeding = Instant::now();
    let handle = sandbox::start(SandboxOptions {
        scale,
        ..SandboxOptions::default()
    })
    .await?;
    let mut report = format!(
        "sandbox scale {scale} up in {:.1} s\n",
        seeding.elapsed().as_secs_f64()
    );
    let base = handle.base_url();
    let result = tokio::task::spawn_blocking(move || compare(&base))
        .await
        .map_err(|e| BenchError::Child(e.to_string()))?;
    handle.stop().await;
    report.push_str(&result?);
    Ok(report)
}

fn compare(base: &str) -> Result<String, BenchError> {
    let tmp = std::env::temp_dir().join(format!("guichet-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let config = tmp.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profiles.bench]\nenvironment = \"sandbox\"\n[profiles.bench.mascustomers]\n\
             base_url = \"{base}{}\"\norg = \"{}\"\ntoken_env = \"GUICHET_BENCH_MAS_TOKEN\"\n",
            demo::MAS_PREFIX,
            demo::MAS_ORG
        ),
    )?;
    let mut cli = Command::new(std::env::current_exe()?);
    cli.args(["list", "customers", "--all", "-o", "csv", "--config"])
        .arg(&config)
        .env("GUICHET_BENCH_MAS_TOKEN", demo::MAS_TOKEN)
        .env("GUICHET_STATE_DIR", tmp.join("state"));
    let ours = measure(cli);
    let _ = std::fs::remove_dir_all(&tmp);
    let ours = ours?;
    let rows = ours.rows.saturating_sub(1);
    let mut out = format!(
        "guichet list customers --all -o csv: {rows} rows in {:.2} s = {:.0} rows/s, peak RSS {}\n",
        ours.elapsed.as_secs_f64(),
        rows as f64 / ours.elapsed.as_secs_f64().max(1e-9),
        mib(ours.peak_rss_kib),
    );
    if !(have("curl") && have("jq")) {
        out.push_str("curl + jq loop: skipped (curl or jq is not installed)\n");
        return Ok(out);
    }
    // The same pages, one request after the other, each turned into CSV rows by jq.
    let pages = rows.div_ceil(u64::from(PAGE)).max(1);
    let url = format!(
        "{base}{}/orgs/{}/customers?size={PAGE}&sort=name,asc",
        demo::MAS_PREFIX,
        demo::MAS_ORG
    );
    let script = format!(
        "i=0; while [ $i -lt {pages} ]; do curl -sf -H \"Authorization: Bearer $GUICHET_BENCH_MAS_TOKEN\" \
         \"{url}&page=$i\" | jq -r '.items[] | [.id,.external_id,.name,.email,.phone,.type,.segment,.created_at] | @csv' || exit 1; \
         i=$((i+1)); done"
    );
    let mut loop_cmd = Command::new("sh");
    loop_cmd
        .args(["-c", &script])
        .env("GUICHET_BENCH_MAS_TOKEN", demo::MAS_TOKEN);
    let theirs = measure(loop_cmd)?;
    out.push_str(&format!(
        "curl + jq loop over {pages} pages: {} rows in {:.2} s = {:.0} rows/s\n",
        theirs.rows,
        theirs.elapsed.as_secs_f64(),
        theirs.rate(),
    ));
    out.push_str(&format!(
        "ratio: {:.1}x the loop's rate (target at least 5x); peak RSS target at most 30 MiB\n",
        (rows as f64 / ours.elapsed.as_secs_f64().max(1e-9)) / theirs.rate().max(1e-9)
    ));
    Ok(out)
}
