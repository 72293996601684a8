//! guichet's performance benchmarks, run with `cargo bench --bench console`. Each figure is
//! printed with its median and p95 over repeated runs, beside its target. They measure the
//! release binary from the outside, through a pseudo-terminal, as a user's terminal sees it.
//! Benchmarks, not tests: nothing here fails on a slow machine.

#[path = "../e2e/harness.rs"]
#[expect(dead_code, reason = "the harness is shared with the end-to-end tests")]
mod harness;

use harness::{Pty, SyncAnswer, row_text, selected_row};
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
    idle_measured(false);
}

/// The same with the customers list watched (`W`): one countdown frame a second, and a
/// read of the page every 5 s.
fn idle_watching() {
    idle_measured(true);
}

fn idle_measured(watching: bool) {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("4 Transfers");
    if watching {
        pty.wait_text("rows 1–");
        pty.send_str("W");
        pty.wait_text("watch ");
    }
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
    let (label, target) = if watching {
        ("idle for 10 s, a list watched", "report")
    } else {
        ("idle for 10 s", "target 0 bytes, ~0 CPU")
    };
    println!(
        "{label:<48} {} bytes written, {} CPU ticks (1 tick = 10 ms) over 10 s   {target}",
        bytes1 - bytes0,
        cpu1 - cpu0
    );
    if watching {
        return;
    }
    println!(
        "{:<48} {:.1} MiB",
        "peak RSS, shell only",
        peak_rss_mib(pid)
    );
}

/// A free loopback port (bound, then released for the sandbox to take).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(7878)
}

/// `guichet sandbox` as its own process, with optional added latency; and a config file
/// whose profile points at it.
struct ExternalSandbox {
    child: std::process::Child,
    dir: tempfile::TempDir,
}

impl ExternalSandbox {
    fn start(latency_ms: u64) -> ExternalSandbox {
        ExternalSandbox::start_scaled(latency_ms, 1)
    }

    /// A sandbox seeded at `--scale scale`.
    fn start_scaled(latency_ms: u64, scale: u32) -> ExternalSandbox {
        use guichet::sandbox::demo;
        let port = free_port();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_guichet"))
            .args([
                "sandbox",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--latency-ms",
                &latency_ms.to_string(),
                "--scale",
                &scale.to_string(),
            ])
            .env("GUICHET_STATE_DIR", std::env::temp_dir())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start the sandbox");
        let deadline = Instant::now() + Duration::from_secs(30 + 10 * u64::from(scale));
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "sandbox did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        // A large sandbox takes its port before it has finished seeding: wait until it
        // answers a page.
        while !answers_a_page(port) {
            assert!(Instant::now() < deadline, "sandbox did not answer");
            std::thread::sleep(Duration::from_millis(200));
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let base = format!("http://127.0.0.1:{port}");
        let config = format!(
            "[profiles.bench]\nenvironment = \"sandbox\"\n\
             [profiles.bench.mascustomers]\nbase_url = \"{base}{}\"\norg = \"{}\"\ntoken = \"{}\"\n\
             [profiles.bench.pxlhub]\nbase_url = \"{base}{}\"\napi_key = \"{}\"\n\
             [profiles.bench.smoney]\nbase_url = \"{base}/smoney/api\"\npartner = \"{}\"\ntoken = \"{}\"\n\
             [profiles.bench.lyra]\nbase_url = \"{base}{}\"\nusername = \"{}\"\npassword = \"{}\"\n\
             [profiles.bench.monext]\nbase_url = \"{base}{}\"\nusername = \"{}\"\npassword = \"{}\"\n",
            demo::MAS_PREFIX,
            demo::MAS_ORG,
            demo::MAS_TOKEN,
            demo::PXL_PREFIX,
            demo::PXL_MANAGE_KEY,
            demo::SMONEY_PARTNER,
            demo::SMONEY_TOKEN,
            demo::LYRA_PREFIX,
            demo::LYRA_USER,
            demo::LYRA_PASSWORD,
            demo::MONEXT_PREFIX,
            demo::MONEXT_USER,
            demo::MONEXT_PASSWORD,
        );
        let path = dir.path().join("config.toml");
        std::fs::write(&path, config).expect("write config");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod 600");
        ExternalSandbox { child, dir }
    }

    fn config(&self) -> String {
        self.dir.path().join("config.toml").display().to_string()
    }

    fn console(&self, cols: u16, rows: u16) -> Pty {
        Pty::spawn(&[], cols, rows, &[("GUICHET_CONFIG", &self.config())])
    }
}

/// Whether the sandbox on `port` answers a customers page (200) within a minute.
fn answers_a_page(port: u16) -> bool {
    use guichet::sandbox::demo;
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let request = format!(
        "GET {}/orgs/{}/customers?size=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Authorization: Bearer {}\r\nConnection: close\r\n\r\n",
        demo::MAS_PREFIX,
        demo::MAS_ORG,
        demo::MAS_TOKEN
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.ends_with(b"200")
}

impl Drop for ExternalSandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn first_data_frame() {
    // `GUICHET_BENCH_BASELINE=/path/to/another/guichet` measures that build too, runs
    // interleaved with this one's, so the ratio holds on a busy machine.
    let baseline = std::env::var("GUICHET_BENCH_BASELINE").ok();
    let time_demo = |program: &str| {
        let start = Instant::now();
        let mut pty = Pty::spawn_program(program, &[], 120, 40, &[], SyncAnswer::Unknown);
        pty.wait_text("rows 1–50 of");
        let took = ms(start.elapsed());
        pty.send_str("q");
        pty.wait_exit();
        took
    };
    let (mut demo, mut base) = (Vec::new(), Vec::new());
    for _ in 0..runs() {
        demo.push(time_demo(env!("CARGO_BIN_EXE_guichet")));
        if let Some(program) = &baseline {
            base.push(time_demo(program));
        }
    }
    let demo_median = stats(demo.clone()).0;
    report(
        "first frame with data, demo mode",
        "ms",
        demo,
        "<= 100 ms (sandbox start and seeding included)",
    );
    if let Some(program) = &baseline {
        let base_median = stats(base.clone()).0;
        report(&format!("  the same, {program}"), "ms", base, "(baseline)");
        println!(
            "  ratio of medians, this build / baseline: {:.2}",
            demo_median / base_median
        );
    }
    let sandbox = ExternalSandbox::start(0);
    let mut external = Vec::new();
    // One discarded run warms the sandbox's page cache.
    for run in 0..=runs() {
        let start = Instant::now();
        let mut pty = sandbox.console(120, 40);
        pty.wait_text("rows 1–50 of");
        if run > 0 {
            external.push(ms(start.elapsed()));
        }
        pty.send_str("q");
        pty.wait_exit();
    }
    report(
        "first frame with data, running sandbox",
        "ms",
        external,
        "<= 60 ms",
    );
}

/// One-row moves and page changes at 120x40: latency through the pty and bytes written.
fn row_moves(pty: &mut Pty, moves: usize) -> (Vec<f64>, Vec<f64>) {
    let mut latency = Vec::new();
    let mut bytes = Vec::new();
    pty.wait_for("the first row selected", |s| selected_row(s) == Some(4));
    for i in 0..moves {
        // Down to the 30th row and back up, staying on one screen.
        let going_down = (i / 30) % 2 == 0;
        let from = selected_row_now(pty);
        let to = if going_down { from + 1 } else { from - 1 };
        let before = pty.bytes();
        let start = Instant::now();
        pty.send_str(if going_down { "j" } else { "k" });
        pty.wait_for("the selection moved", |s| selected_row(s) == Some(to));
        latency.push(ms(start.elapsed()));
        bytes.push((pty.bytes() - before) as f64);
    }
    (latency, bytes)
}

fn selected_row_now(pty: &Pty) -> u16 {
    let row = std::cell::Cell::new(0);
    pty.wait_for("a selected row", |s| {
        row.set(selected_row(s).unwrap_or(0));
        row.get() > 0
    });
    row.get()
}

fn moves_and_pages() {
    let sandbox = ExternalSandbox::start(0);
    let mut pty = sandbox.console(120, 40);
    pty.wait_text("rows 1–50 of");
    let (latency, bytes) = row_moves(&mut pty, runs() * 10);
    report(
        "key to frame, one-row move (pty, 120x40)",
        "ms",
        latency,
        "median <= 1.5 ms, p95 <= 3 ms",
    );
    report(
        "bytes written per one-row move (120x40)",
        "B",
        bytes,
        "<= 600 B",
    );
    let mut page_bytes = Vec::new();
    let mut page_latency = Vec::new();
    for i in 0..runs() {
        let before = pty.bytes();
        let start = Instant::now();
        pty.send_str("n");
        // The footer changes when the new rows are in.
        pty.wait_text(&format!("page {}/", i + 2));
        page_latency.push(ms(start.elapsed()));
        page_bytes.push((pty.bytes() - before) as f64);
    }
    report(
        "page change, key to new rows (pty, 120x40)",
        "ms",
        page_latency,
        "report",
    );
    report(
        "bytes written per page change (120x40)",
        "B",
        page_bytes,
        "report",
    );
    pty.send_str("q");
    pty.wait_exit();
}

/// The text between a pane's side borders.
fn inside(line: &str) -> String {
    line.trim_end()
        .trim_start_matches('│')
        .trim_end_matches('│')
        .trim_end()
        .to_string()
}

/// Presses `key` `n` times, each time waiting for screen row `watch` to change; the bytes
/// written per press, and the text that came into view on that row.
fn scroll_presses(pty: &mut Pty, key: &str, watch: u16, n: usize) -> (Vec<f64>, Vec<String>) {
    let mut bytes = Vec::new();
    let mut seen = Vec::new();
    for _ in 0..n {
        let before_text = std::cell::RefCell::new(String::new());
        pty.wait_for("a screen", |s| {
            *before_text.borrow_mut() = row_text(s, watch);
            true
        });
        let before_text = before_text.into_inner();
        let before = pty.bytes();
        pty.send_str(key);
        let now = std::cell::RefCell::new(String::new());
        pty.wait_for("the next row in view", |s| {
            *now.borrow_mut() = row_text(s, watch);
            *now.borrow() != before_text
        });
        bytes.push((pty.bytes() - before) as f64);
        seen.push(now.into_inner());
    }
    (bytes, seen)
}

/// `less` paging `lines` one line at a time (`j`) in a `cols`x`rows` pseudo-terminal:
/// bytes per scrolled line, or `None` when `less` is not installed.
fn less_bytes(lines: &[String], cols: u16, rows: u16, presses: usize) -> Option<Vec<f64>> {
    let less = std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("less"))
        .find(|p| p.is_file())?;
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("rows.txt");
    // Enough lines that every press scrolls.
    let mut text = String::new();
    while text.lines().count() < usize::from(rows) + presses + 1 {
        for l in lines {
            text.push_str(l);
            text.push('\n');
        }
    }
    std::fs::write(&path, text).ok()?;
    let path = path.display().to_string();
    let mut pty = Pty::spawn_program(
        &less.display().to_string(),
        &["-S", &path],
        cols,
        rows,
        &[("LESS", ""), ("LESSHISTFILE", "-"), ("LESSOPEN", "")],
        SyncAnswer::Unknown,
    );
    let first = lines.first().cloned().unwrap_or_default();
    pty.wait_for("less's first page", |s| {
        row_text(s, 0).contains(first.trim())
    });
    let (bytes, _) = scroll_presses(&mut pty, "j", rows - 2, presses);
    pty.send_str("q");
    pty.wait_exit();
    Some(bytes)
}

fn report_less(what: &str, ours: &[f64], less: Option<Vec<f64>>) {
    match less {
        Some(less) => {
            let ratio = stats(ours.to_vec()).0 / stats(less.clone()).0;
            report(&format!("less, {what}"), "B", less, "the physical limit");
            println!(
                "{:<48} {ratio:.2}x less's bytes (medians)",
                format!("ratio to less, {what}")
            );
        }
        None => println!(
            "{:<48} skipped: less is not installed",
            format!("less, {what}")
        ),
    }
}

/// Bytes per one-row scroll of the Customers list (120x40) and of a customer's details
/// (120x16), each beside `less` paging the same text in the same kind of terminal.
fn scrolls() {
    let sandbox = ExternalSandbox::start(0);
    let mut pty = sandbox.console(120, 40);
    pty.wait_text("rows 1–50 of");
    // 33 rows are in view (screen rows 4–36); 17 more on a page of 50.
    let (first_row, last_row, scrolls_per_page) = (4u16, 36u16, 16);
    let mut list_bytes = Vec::new();
    let mut list_text: Vec<String> = Vec::new();
    for run in 0..runs().min(8) {
        if run > 0 {
            pty.send_str("n");
            pty.wait_text(&format!("page {}/", run + 1));
        }
        pty.wait_for("the first row selected", |s| {
            selected_row(s) == Some(first_row)
        });
        if run == 0 {
            let screen = pty.contents();
            list_text.extend(
                screen
                    .lines()
                    .skip(usize::from(first_row) - 1)
                    .take(usize::from(last_row - first_row) + 2)
                    .map(inside),
            );
        }
        for to in first_row + 1..=last_row {
            pty.send_str("j");
            pty.wait_for("the selection moved", |s| selected_row(s) == Some(to));
        }
        let (bytes, seen) = scroll_presses(&mut pty, "j", last_row, scrolls_per_page);
        list_bytes.extend(bytes);
        if run == 0 {
            list_text.extend(seen.iter().map(|l| inside(l)));
        }
    }
    report(
        "bytes per one-row scroll, Customers list (120x40)",
        "B",
        list_bytes.clone(),
        "<= 300 B",
    );
    report_less(
        "the same rows (120x40)",
        &list_bytes,
        less_bytes(&list_text, 120, 40, 32),
    );
    pty.send_str("q");
    pty.wait_exit();

    // A customer's details are longer than a 120x16 terminal: rows 3–13 show them.
    let mut pty = sandbox.console(120, 16);
    pty.wait_text("rows 1–");
    let mut detail_bytes = Vec::new();
    let mut detail_text: Vec<String> = Vec::new();
    for run in 0..runs() {
        // The first eight customers in turn.
        let row = 4 + (run % 8) as u16;
        if run > 0 {
            pty.send_str(if row == 4 { "g" } else { "j" });
            pty.wait_for("the next customer", |s| selected_row(s) == Some(row));
        }
        pty.send_str("\r");
        pty.wait_text("Contact");
        // The details are read again on opening: measure once that answer is drawn.
        pty.wait_for("nothing loading", |s| {
            let text = s.contents();
            !guichet::ui::shell::SPINNER.iter().any(|c| text.contains(c))
        });
        if run == 0 {
            detail_text.extend(pty.contents().lines().skip(3).take(11).map(inside));
        }
        let (bytes, seen) = scroll_presses(&mut pty, "j", 13, 3);
        detail_bytes.extend(bytes);
        if run == 0 {
            detail_text.extend(seen.iter().map(|l| inside(l)));
        }
        pty.send_str("\x1b");
        pty.wait_text("rows 1–");
    }
    report(
        "bytes per one-row scroll, a customer's details (120x16)",
        "B",
        detail_bytes.clone(),
        "report",
    );
    report_less(
        "the same details (120x16)",
        &detail_bytes,
        less_bytes(&detail_text, 120, 16, 32),
    );
    pty.send_str("q");
    pty.wait_exit();
}

fn in_process() {
    match guichet::ui::bench::bench_key_to_frame(2000) {
        Ok(r) => println!(
            "{:<48} {r}   target p95 <= 1 ms",
            "key to frame in-process (update + render)"
        ),
        Err(e) => println!("in-process bench failed: {e}"),
    }
}

/// Whether the footer says `page N/N`.
fn last_page_shown(text: &str) -> bool {
    text.split("page ").skip(1).any(|rest| {
        let frac: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '/')
            .collect();
        matches!(frac.split_once('/'), Some((a, b)) if !a.is_empty() && a == b)
    })
}

/// Peak RSS after browsing 20 pages of each pane.
fn memory() {
    fn browse(pty: &mut Pty) {
        for (tab, marker) in [
            ("1", "┌ Customers"),
            ("2", "┌ Accounts"),
            ("3", "┌ Wallets"),
            ("4", "┌ Transfers"),
        ] {
            pty.send_str(tab);
            pty.wait_text(marker);
            pty.wait_text("rows 1–");
            // Twenty more pages, or up to the last one.
            for page in 2..=21 {
                if pty.contents().contains(" · last ·") || last_page_shown(&pty.contents()) {
                    break;
                }
                pty.send_str("n");
                pty.wait_for("the next page", |s| {
                    let t = s.contents();
                    t.contains(&format!("page {page}/")) || t.contains(&format!("page {page} ·"))
                });
            }
        }
    }
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("rows 1–50 of");
    browse(&mut pty);
    println!(
        "{:<48} {:.1} MiB   target <= 30 MB",
        "peak RSS, demo mode (sandbox included), 20 pages/pane",
        peak_rss_mib(pty.pid())
    );
    pty.send_str("q");
    pty.wait_exit();
    let sandbox = ExternalSandbox::start(0);
    let mut pty = sandbox.console(120, 40);
    pty.wait_text("rows 1–50 of");
    browse(&mut pty);
    println!(
        "{:<48} {:.1} MiB   target <= 20 MB",
        "peak RSS, console on a running sandbox",
        peak_rss_mib(pty.pid())
    );
    pty.send_str("q");
    pty.wait_exit();
}

/// Whether a customer's case shows every section loaded: the card updater's answer, the
/// transfers' summary, the Timeline, and no spinner left.
fn case_complete(text: &str) -> bool {
    text.contains("Monext knows a replacement")
        && text.contains("last 12 months")
        && text.contains("Timeline")
        && !text.contains("loading")
        && !harness_spinner(text)
}

fn harness_spinner(text: &str) -> bool {
    ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        .iter()
        .any(|s| text.contains(s))
}

/// The fixture customer's case, from `:` her uuid enter to every section loaded, on a
/// running sandbox at the default scale and at `--scale 50` (by uuid: the go-to reads her
/// at once, so the figure is the case's own sections).
fn case_view() {
    let fx = guichet::sandbox::demo::fixtures(42);
    for scale in [1, 50] {
        let sandbox = ExternalSandbox::start_scaled(0, scale);
        let mut pty = sandbox.console(120, 40);
        pty.wait_text("rows 1–50 of");
        // By her uuid (a read), then by her external id (a customers search finds her).
        for (how, typed) in [("", &fx.customer_id), (" by external id", &fx.external_id)] {
            let mut samples = Vec::new();
            // One discarded run warms the sandbox's page cache.
            for run in 0..=runs() {
                let start = Instant::now();
                pty.send_str(&format!(":{typed}\r"));
                pty.wait_for("the whole case", |s| case_complete(&s.contents()));
                if run > 0 {
                    samples.push(ms(start.elapsed()));
                }
                pty.send(b"\x1b");
                pty.wait_for("the list again", |s| !s.contents().contains("Timeline"));
            }
            report(
                &format!("customer's case complete{how}, --scale {scale}"),
                "ms",
                samples,
                "<= 300 ms",
            );
        }
        pty.send_str("q");
        pty.wait_exit();
    }
}

/// A user's 24-month chart at `--scale 50` (the fixture user C-000001 has 12,500
/// moneyouts, 63 pages of 200): from `i` on the Transfers pane to the complete chart on
/// screen, read anew each run; then reopened from the cache.
fn chart() {
    let scale = 50;
    let sandbox = ExternalSandbox::start_scaled(0, scale);
    let mut pty = sandbox.console(120, 40);
    pty.wait_text("rows 1–50 of");
    pty.send_str("4");
    pty.wait_text("Transfers of C-000001");
    let complete = |t: &str| t.contains("complete ·") && t.contains("24 months:");
    let mut fresh = Vec::new();
    // One discarded run warms the sandbox's page cache.
    for run in 0..=runs() {
        let start = Instant::now();
        pty.send_str("i");
        pty.wait_for("the complete chart", |s| complete(&s.contents()));
        if run > 0 {
            fresh.push(ms(start.elapsed()));
        }
        // `r` forgets the cached chart (esc then cancels its reading), so the next `i`
        // reads every page again.
        pty.send_str("r");
        pty.wait_for("the reading again", |s| s.contents().contains("loading ·"));
        pty.send(b"\x1b");
        pty.wait_for("the list again", |s| !s.contents().contains("24 months:"));
    }
    report(
        &format!("chart: i to a user's complete 24 months, --scale {scale}"),
        "ms",
        fresh,
        "report",
    );
    pty.send_str("i");
    pty.wait_for("the complete chart", |s| complete(&s.contents()));
    pty.send(b"\x1b");
    pty.wait_for("the list again", |s| !s.contents().contains("24 months:"));
    let mut cached = Vec::new();
    for _ in 0..runs() {
        let start = Instant::now();
        pty.send_str("i");
        pty.wait_for("the cached chart", |s| {
            let t = s.contents();
            complete(&t) && t.contains("(cached")
        });
        cached.push(ms(start.elapsed()));
        pty.send(b"\x1b");
        pty.wait_for("the list again", |s| !s.contents().contains("24 months:"));
    }
    report(
        &format!("chart: i to the same chart from the cache, --scale {scale}"),
        "ms",
        cached,
        "within one frame (16 ms)",
    );
    pty.send_str("q");
    pty.wait_exit();
}

/// Key echo while every answer takes 2 s: moves while a page request is under way.
fn slow_backend() {
    let sandbox = ExternalSandbox::start(2000);
    let mut pty = sandbox.console(120, 40);
    pty.wait_text("rows 1–50 of");
    pty.send_str("n");
    let (latency, _) = row_moves(&mut pty, 20);
    report(
        "key echo while a 2 s request runs (pty)",
        "ms",
        latency,
        "within one frame (16 ms)",
    );
    pty.send_str("q");
    pty.wait_exit();
}

/// Key echo while the console exports the whole Customers list (100,000 rows at scale 50)
/// to a file; then the export's own rate and the console's peak RSS.
fn export_echo() {
    let sandbox = ExternalSandbox::start_scaled(0, 50);
    let mut pty = sandbox.console(120, 40);
    // The sandbox listens while it is still seeding: its first answers may time out.
    loop {
        pty.wait_for("the first page or an error", |s| {
            let t = s.contents();
            t.contains("rows 1–50 of 100,000") || t.contains("press r to retry")
        });
        if pty.contents().contains("rows 1–50 of 100,000") {
            break;
        }
        pty.send_str("r");
        pty.wait_for("the retry under way", |s| {
            !s.contents().contains("press r to retry")
        });
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("customers.csv");
    pty.send_str("x");
    pty.wait_text("customers-20");
    pty.send_str("\x1b[B\x1b[B\x1b[B\x15");
    pty.send_str(path.to_str().expect("utf-8 path"));
    let started = Instant::now();
    pty.send_str("\r");
    pty.wait_text("export customers →");
    let (latency, _) = row_moves(&mut pty, runs() * 5);
    let still_running = pty.contents().contains("export customers →");
    report(
        if still_running {
            "key echo while a 100,000-row export runs (pty)"
        } else {
            "key echo during an export (it ended first)"
        },
        "ms",
        latency,
        "within one frame (16 ms)",
    );
    pty.wait_for("the export done", |s| {
        s.contents().contains("exported 100,000 customers")
    });
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{:<48} {:.0} rows/s ({secs:.2} s), peak RSS {:.1} MiB",
        "console export of 100,000 customers to CSV",
        100_000.0 / secs,
        peak_rss_mib(pty.pid())
    );
    pty.send_str("q");
    pty.wait_exit();
}

/// The `:` box: from the last key typed to the first group's results on screen, and to every
/// group's, at the default scale and at `--scale 50` (the debounce, 250 ms, included).
fn search() {
    let text = "elodie.mar";
    for scale in [1, 50] {
        let sandbox = ExternalSandbox::start_scaled(0, scale);
        let mut pty = sandbox.console(120, 40);
        pty.wait_text("rows 1–50 of");
        let (mut first, mut all) = (Vec::new(), Vec::new());
        // One discarded run warms the sandbox's page cache.
        for run in 0..=runs() {
            pty.send_str(":");
            pty.send_str(&text[..text.len() - 1]);
            let start = Instant::now();
            pty.send_str(&text[text.len() - 1..]);
            pty.wait_for("the customers found", |s| {
                s.contents()
                    .lines()
                    .any(|l| l.starts_with("││") && l.contains("elodie.martin"))
            });
            let shown = start.elapsed();
            pty.wait_for("every group answered", |s| {
                let c = s.contents();
                c.contains("Stays ") && !c.contains("searching…")
            });
            if run > 0 {
                first.push(ms(shown));
                all.push(ms(start.elapsed()));
            }
            pty.send(b"\x1b");
            pty.wait_for("the box closed", |s| !s.contents().contains("Search “"));
        }
        report(
            &format!("search: first group on screen, scale {scale}"),
            "ms",
            first,
            "debounce (250 ms) + report",
        );
        report(
            &format!("search: every group on screen, scale {scale}"),
            "ms",
            all,
            "debounce (250 ms) + report",
        );
        pty.send_str("q");
        pty.wait_exit();
    }
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
    if wanted("first_data_frame") {
        first_data_frame();
    }
    if wanted("moves") {
        moves_and_pages();
    }
    if wanted("scrolls") {
        scrolls();
    }
    if wanted("in_process") {
        in_process();
    }
    if wanted("memory") {
        memory();
    }
    if wanted("slow_backend") {
        slow_backend();
    }
    if wanted("case_view") {
        case_view();
    }
    if wanted("idle") {
        idle();
    }
    if wanted("idle_watching") {
        idle_watching();
    }
    if wanted("export_echo") {
        export_echo();
    }
    if wanted("search") {
        search();
    }
    if wanted("chart") {
        chart();
    }
}
