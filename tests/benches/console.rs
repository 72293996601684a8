//! guichet's performance benchmarks, run with `cargo bench --bench console`. Each figure is
//! printed with its median and p95 over repeated runs, beside its target. They measure the
//! release binary from the outside, through a pseudo-terminal, as a user's terminal sees it.
//! Benchmarks, not tests: nothing here fails on a slow machine.

#[path = "../e2e/harness.rs"]
#[expect(dead_code, reason = "the harness is shared with the end-to-end tests")]
mod harness;

use harness::Pty;
use std::time::{Duration, Instant};

fn runs() -> usize {
    std::env::var("GUICHET_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

/// Median and 95th percentile.
fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let pick = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    (pick(0.5), pick(0.95))
}

fn report(name: &str, unit: &str, values: Vec<f64>, target: &str) {
    let n = values.len();
    let (median, p95) = stats(values);
    println!(
        "{name:<48} median {median:>9.2} {unit:<5} p95 {p95:>9.2} {unit:<5} (n={n}) target {target}"
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `utime + stime` of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let get = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of /proc/pid/stat; 12 and 13 after the name.
    get(11) + get(12)
}

/// Peak resident set size (VmHWM) in MiB.
fn peak_rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn shell_first_frame() {
    let mut samples = Vec::new();
    for _ in 0..runs() {
        let start = Instant::now();
        let mut pty = Pty::spawn(&[], 120, 40, &[]);
        pty.wait_text("4 Transfers");
        samples.push(ms(start.elapsed()));
        pty.send_str("q");
        pty.wait_exit();
    }
    report("first frame of the shell", "ms", samples, "<= 20 ms");
}

fn tab_switch_key_to_frame() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("4 Transfers");
    let mut latency = Vec::new();
    let mut bytes = Vec::new();
    for i in 0..runs() * 5 {
        let (key, title) = if i % 2 == 0 {
            ("2", "┌ Accounts")
        } else {
            ("1", "┌ Customers")
        };
        let before = pty.bytes();
        let start = Instant::now();
        pty.send_str(key);
        pty.wait_text(title);
        latency.push(ms(start.elapsed()));
        bytes.push((pty.bytes() - before) as f64);
    }
    report(
        "key to frame, tab switch (pty, 120x40)",
        "ms",
        latency,
        "median <= 1.5 ms, p95 <= 3 ms",
    );
    report(
        "bytes written per tab switch (120x40)",
        "B",
        bytes,
        "report",
    );
    pty.send_str("q");
    pty.wait_exit();
}

fn idle() {
    let pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("4 Transfers");
    // Let start-up work (health checks, toasts) finish before measuring the idle state.
    let settle = Instant::now();
    let mut last = pty.bytes();
    while settle.elapsed() < Duration::from_secs(6) {
        std::thread::sleep(Duration::from_millis(500));
        if pty.bytes() == last && settle.elapsed() > Duration::from_secs(5) {
            break;
        }
        last = pty.bytes();
    }
    let pid = pty.pid();
    let (bytes0, cpu0) = (pty.bytes(), cpu_ticks(pid));
    std::thread::sleep(Duration::from_secs(10));
    let (bytes1, cpu1) = (pty.bytes(), cpu_ticks(pid));
    println!(
        "{:<48} {} bytes written, {} CPU ticks (1 tick = 10 ms) over 10 s   target 0 bytes, ~0 CPU",
        "idle for 10 s",
        bytes1 - bytes0,
        cpu1 - cpu0
    );
    println!(
        "{:<48} {:.1} MiB",
        "peak RSS, shell only",
        peak_rss_mib(pid)
    );
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument picks benchmarks by name.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| name.contains(o.as_str()));
    println!(
        "guichet benchmarks ({} runs each; GUICHET_BENCH_RUNS to change)",
        runs()
    );
    if wanted("first_frame") {
        shell_first_frame();
    }
    if wanted("key_to_frame") {
        tab_switch_key_to_frame();
    }
    if wanted("idle") {
        idle();
    }
}
