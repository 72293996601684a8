//! The `guichet` binary: parses the command line and runs the chosen command.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use clap::Parser;

use guichet::cli::{AuditArgs, AuditCommand, Cli, Command, ConfigCommand, GlobalArgs};
use guichet::{audit, config, logging};

/// Errors are printed here as one line (`guichet: what: why`), whatever `RUST_BACKTRACE`
/// says: a bad config is the user's to fix, not a crash to debug. Writing to a terminal that
/// is gone must not panic either, so nothing here uses `eprintln!`.
fn main() -> std::process::ExitCode {
    match run() {
        Ok(code) => std::process::ExitCode::from(code),
        Err(e) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "guichet: {e:#}");
            let _ = err.flush();
            std::process::ExitCode::FAILURE
        }
    }
}

/// The chosen command; its exit status (129 after a hang-up) or its error.
fn run() -> anyhow::Result<u8> {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Completions { shell }) => {
            guichet::cli::write_completions(*shell, &mut std::io::stdout().lock());
            Ok(0)
        }
        Some(Command::Config(ConfigCommand::Path)) => config_path(&cli.global).map(|()| 0),
        Some(Command::Config(ConfigCommand::Check)) => {
            let _log = start_logging(&cli.global);
            config_check(&cli.global).map(|()| 0)
        }
        Some(Command::Audit(args)) => audit_command(args),
        Some(Command::Sandbox(args)) => {
            let _log = start_logging(&cli.global);
            async_runtime()?
                .block_on(dispatch::sandbox(&cli.global, args))
                .map(|()| 0)
        }
        Some(Command::Doctor) => {
            let _log = start_logging(&cli.global);
            async_runtime()?
                .block_on(dispatch::doctor(&cli.global))
                .map(|()| 0)
        }
        Some(Command::List(args)) => {
            let log = start_logging(&cli.global);
            let code =
                async_runtime()?.block_on(guichet::runtime::cli_data::list(&cli.global, args));
            drop(log);
            Ok(u8::try_from(code).unwrap_or(1))
        }
        Some(Command::Get(args)) => {
            let log = start_logging(&cli.global);
            let code =
                async_runtime()?.block_on(guichet::runtime::cli_data::get(&cli.global, args));
            drop(log);
            Ok(u8::try_from(code).unwrap_or(1))
        }
        Some(Command::Search(args)) => {
            let log = start_logging(&cli.global);
            let code =
                async_runtime()?.block_on(guichet::runtime::cli_data::search(&cli.global, args));
            drop(log);
            Ok(u8::try_from(code).unwrap_or(1))
        }
        Some(Command::Man) => match guichet::cli::write_man_page(&mut std::io::stdout().lock()) {
            // `guichet man | head`: the reader had what it wanted.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
            other => other.map(|()| 0).map_err(Into::into),
        },
        Some(Command::Bench(args)) => {
            let _log = start_logging(&cli.global);
            async_runtime()?
                .block_on(dispatch::bench(&cli.global, args))
                .map(|()| 0)
        }
        None => {
            let _log = start_logging(&cli.global);
            async_runtime()?.block_on(dispatch::console(&cli.global))
        }
    }
}

/// `guichet audit [--json] [--wide]` and `guichet audit verify`. Output goes through
/// `write!`, so a closed pipe (`| head`) is an error, not a panic.
fn audit_command(args: &AuditArgs) -> anyhow::Result<u8> {
    let dir = logging::state_dir();
    let mut out = std::io::stdout().lock();
    if let Some(AuditCommand::Verify) = args.command {
        let verdict = audit::verify(&dir).context("cannot read the audit journal")?;
        return Ok(match verdict {
            audit::Verdict::Ok { lines } => {
                writeln!(out, "ok: {lines} line(s), the chain is whole")?;
                0
            }
            audit::Verdict::Broken { at, what } => {
                writeln!(out, "{at}: {what}")?;
                1
            }
        });
    }
    let entries = audit::read_last(&dir, args.last).context("cannot read the audit journal")?;
    if args.json {
        serde_json::to_writer_pretty(&mut out, &entries)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", audit::render_table(&entries, args.wide))?;
    }
    Ok(0)
}

/// A failed log setup must not stop the console: say so on stderr (the screen is not
/// taken yet) and go on without a log.
fn start_logging(global: &GlobalArgs) -> Option<logging::LogGuard> {
    match logging::init(global.log_level.filter()) {
        Ok(guard) => {
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "guichet starting");
            Some(guard)
        }
        Err(e) => {
            eprintln!("guichet: warning: logging disabled: {e}");
            None
        }
    }
}

fn async_runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn config_path(global: &GlobalArgs) -> anyhow::Result<()> {
    let Some((path, origin)) = config::effective_path(global.config.as_deref()) else {
        anyhow::bail!(
            "no home directory: pass --config PATH or set {}",
            config::CONFIG_ENV
        );
    };
    let state = if path.exists() {
        "exists"
    } else if origin == config::PathOrigin::Default {
        "does not exist: guichet runs in demo mode"
    } else {
        "does not exist"
    };
    println!("{} ({state}; from {origin})", path.display());
    Ok(())
}

fn config_check(global: &GlobalArgs) -> anyhow::Result<()> {
    let loaded = match config::load(global.config.as_deref()) {
        Ok(Some(loaded)) => loaded,
        Ok(None) => {
            let path = config::default_path();
            let shown = path
                .as_deref()
                .map_or("(none)".into(), Path::to_string_lossy);
            println!("ok: no config file at {shown}: guichet runs in demo mode");
            return Ok(());
        }
        Err(e) => {
            tracing::warn!(error = %e, "config check failed");
            fail(&[e.to_string()]);
        }
    };
    let mut problems: Vec<String> = loaded
        .check(&guichet::ui::theme::builtin_names())
        .iter()
        .map(ToString::to_string)
        .collect();
    // A --profile that names no profile would fail at start-up: report it here too.
    if let Some(name) = global.profile.as_deref()
        && !loaded.profile_names().contains(&name)
        && let Err(e) = loaded.profile(Some(name))
    {
        problems.push(e.to_string());
    }
    if problems.is_empty() {
        let n = loaded.profile_names().len();
        tracing::info!(path = %loaded.path().display(), profiles = n, "config check ok");
        println!(
            "ok: {} ({n} profile{})",
            loaded.path().display(),
            if n == 1 { "" } else { "s" }
        );
        return Ok(());
    }
    tracing::warn!(problems = problems.len(), "config check found problems");
    fail(&problems);
}

/// Prints one problem per line on stderr and exits with status 1.
fn fail(lines: &[String]) -> ! {
    let mut err = std::io::stderr().lock();
    for line in lines {
        let _ = writeln!(err, "{line}");
    }
    let _ = err.flush();
    std::process::exit(1);
}

/// The commands that need the async runtime.
mod dispatch {
    use guichet::cli::{BenchArgs, GlobalArgs, SandboxArgs};
    use guichet::runtime::setup;
    use guichet::sandbox::{self, SandboxOptions, faults::ProviderFaults};

    /// The console: the profile (or demo mode), then the terminal until quit, a signal or a
    /// hang-up; the exit status says which.
    pub async fn console(global: &GlobalArgs) -> anyhow::Result<u8> {
        let prepared = setup::prepare(global).await?;
        let result = guichet::runtime::run_console(prepared.setup).await;
        if let Some(sandbox) = prepared.sandbox {
            sandbox.stop().await;
        }
        Ok(u8::try_from(result?.exit_code()).unwrap_or(1))
    }

    /// `guichet sandbox`: the five APIs on one address until Ctrl-C or SIGTERM.
    pub async fn sandbox(_global: &GlobalArgs, args: &SandboxArgs) -> anyhow::Result<()> {
        let f = &args.faults;
        let every = ProviderFaults {
            latency_ms: f.latency_ms,
            error_rate: f.error_rate,
            fail_after_commit: f.fail_after_commit,
            drop_rate: f.drop_rate,
            truncate_rate: f.truncate_rate,
            throttle_rate: f.throttle_rate,
            retry_after_s: f.retry_after,
            retry_after_date: f.retry_after_date,
        };
        let mut opts = SandboxOptions {
            addr: args.addr,
            db: args.db.clone(),
            scale: args.scale,
            seed: args.seed,
            allow_remote: args.allow_remote,
            ..SandboxOptions::default()
        };
        for p in guichet::domain::Provider::ALL {
            *opts.faults.get_mut(p) = every.clone();
        }
        Ok(sandbox::serve_cli(opts).await?)
    }

    /// `guichet doctor`: connect, TLS and an authenticated call per provider of the active
    /// profile (the embedded sandbox in demo mode); exits 1 on any failure.
    pub async fn doctor(global: &GlobalArgs) -> anyhow::Result<()> {
        let (profile, sandbox) = setup::resolve_profile(global).await?;
        let clients = guichet::api::Clients::new(&setup::api_settings(&profile))?;
        println!("profile {} ({})", profile.name, profile.environment.label());
        let rows = guichet::api::doctor(&clients).await;
        print!("{}", guichet::api::render_doctor_table(&rows));
        if let Some(sandbox) = sandbox {
            sandbox.stop().await;
        }
        if rows.iter().all(guichet::api::DoctorRow::ok) {
            Ok(())
        } else {
            std::process::exit(1);
        }
    }

    /// `guichet bench sandbox [scales…]`: list endpoint latency and throughput of the sandbox
    /// (`sandbox-search`: its searches only);
    /// `guichet bench cli-list [scale]`: `guichet list --all -o csv` beside curl + jq.
    pub async fn bench(_global: &GlobalArgs, args: &BenchArgs) -> anyhow::Result<()> {
        match args.what.as_str() {
            "sandbox" | "sandbox-search" => {
                let scales: Vec<u32> = if args.args.is_empty() {
                    vec![1, 50]
                } else {
                    args.args
                        .iter()
                        .map(|a| a.parse())
                        .collect::<Result<_, _>>()?
                };
                let table = if args.what == "sandbox" {
                    sandbox::bench::bench(&scales, 200, 4).await?
                } else {
                    sandbox::bench::bench_search(&scales, 200, 4).await?
                };
                print!("{table}");
                Ok(())
            }
            "cli-list" => {
                print!(
                    "{}",
                    guichet::runtime::cli_data::bench::run(&args.args).await?
                );
                Ok(())
            }
            other => anyhow::bail!(
                "unknown benchmark {other:?} (known: sandbox, sandbox-search, cli-list)"
            ),
        }
    }
}
