//! Command-line interface: global options, subcommands and their arguments (clap derive).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

mod data;
pub use data::{GetArgs, ListArgs, OutputFormat, SearchArgs};

/// A keyboard-driven back-office console over MasCustomers, pxlhub, S-money, Lyra and
/// Monext, with an embedded sandbox. Without a subcommand, runs the console.
#[derive(Debug, Parser)]
#[command(name = "guichet", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options that apply to every subcommand and to the console.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Profile to use (default: default_profile in the config, else the only profile)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Config file (default: $GUICHET_CONFIG, else config.toml in the platform config dir)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Refuse every write, whatever the profile says
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Run against the embedded sandbox with demo data, ignoring the config's profiles
    #[arg(long, global = true)]
    pub demo: bool,

    /// Colour theme (overrides the config)
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,

    /// Level of detail in the log file
    #[arg(long, global = true, value_enum, value_name = "LEVEL", default_value_t = LogLevel::Info)]
    pub log_level: LogLevel,

    /// Keymap file overriding the default keys (overrides the config)
    #[arg(long, global = true, value_name = "PATH")]
    pub keymap: Option<PathBuf>,

    /// Presenter mode: show the last keys pressed, by their key map names (K toggles it)
    #[arg(long, global = true)]
    pub show_keys: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

impl LogLevel {
    pub fn filter(self) -> tracing_subscriber::filter::LevelFilter {
        use tracing_subscriber::filter::LevelFilter;
        match self {
            LogLevel::Error => LevelFilter::ERROR,
            LogLevel::Warn => LevelFilter::WARN,
            LogLevel::Info => LevelFilter::INFO,
            LogLevel::Debug => LevelFilter::DEBUG,
            LogLevel::Trace => LevelFilter::TRACE,
        }
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Serve the five provider APIs on loopback with seeded data
    Sandbox(SandboxArgs),
    /// Show or check the config file
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Check connectivity and credentials of every provider of the profile
    Doctor,
    /// Print a shell completion script to stdout
    Completions {
        #[arg(value_enum)]
        shell: CompletionShell,
    },
    /// Show the last writes from the audit journal, one row each with its final state
    Audit(AuditArgs),
    /// List a resource's rows: one page, or every page with --all
    List(ListArgs),
    /// Show one row of a resource by its id
    Get(GetArgs),
    /// Print the man page (roff) to stdout
    #[command(hide = true)]
    Man,
    /// Measurements for development
    #[command(hide = true)]
    Bench(BenchArgs),
    /// Search every configured provider as the `:` box does, one row per hit
    Search(SearchArgs),
}

#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    /// How many writes to show
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub last: usize,
    /// Every field of each write as JSON
    #[arg(long)]
    pub json: bool,
    /// Every column in full, wider than 80 columns
    #[arg(long)]
    pub wide: bool,
}

#[derive(Debug, Clone, Subcommand)]
pub enum AuditCommand {
    /// Check the journal's hash chain: `ok` and the count (exit 0), or the first line
    /// changed, removed or inserted (exit 1)
    Verify,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file path that would be used and whether it exists
    Path,
    /// Parse the config and read every secret (printing none); exit non-zero on problems
    Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

impl CompletionShell {
    pub fn shell(self) -> clap_complete::Shell {
        match self {
            CompletionShell::Bash => clap_complete::Shell::Bash,
            CompletionShell::Zsh => clap_complete::Shell::Zsh,
            CompletionShell::Fish => clap_complete::Shell::Fish,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct SandboxArgs {
    /// Address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    pub addr: SocketAddr,

    /// SQLite database file (default: in memory)
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Multiplies the amount of seeded data
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub scale: u32,

    /// Seed of the data generator
    #[arg(long, value_name = "N", default_value_t = 42)]
    pub seed: u64,

    /// Listen on a non-loopback address (the demo credentials are public)
    #[arg(long)]
    pub allow_remote: bool,

    #[command(flatten)]
    pub faults: FaultArgs,
}

/// Faults injected into every provider's answers.
#[derive(Debug, Clone, Default, Args)]
pub struct FaultArgs {
    /// Delay added to every answer
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub latency_ms: u64,

    /// Share of requests answered with a 5xx before doing anything (0 to 1)
    #[arg(long, value_name = "F", default_value_t = 0.0, value_parser = rate)]
    pub error_rate: f64,

    /// Writes are committed, then answered with a 5xx (outcome unknown to the client)
    #[arg(long)]
    pub fail_after_commit: bool,

    /// Share of connections closed without an answer (0 to 1)
    #[arg(long, value_name = "F", default_value_t = 0.0, value_parser = rate)]
    pub drop_rate: f64,

    /// Share of answers whose body is cut short (0 to 1)
    #[arg(long, value_name = "F", default_value_t = 0.0, value_parser = rate)]
    pub truncate_rate: f64,

    /// Share of requests answered 429 Too Many Requests with Retry-After (0 to 1)
    #[arg(long, value_name = "F", default_value_t = 0.0, value_parser = rate)]
    pub throttle_rate: f64,

    /// Retry-After of those 429 answers, in seconds
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub retry_after: u64,

    /// Send Retry-After as an HTTP date instead of seconds
    #[arg(long)]
    pub retry_after_date: bool,
}

#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// What to measure
    pub what: String,

    /// Arguments for that measurement
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

fn rate(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s} is not between 0 and 1"))
    }
}

/// The clap command, for completions and tests.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Writes the completion script for `shell` to `out`.
pub fn write_completions(shell: CompletionShell, out: &mut dyn std::io::Write) {
    let mut cmd = command();
    clap_complete::generate(shell.shell(), &mut cmd, "guichet", out);
}

/// Writes the man page, made from the same definitions, to `out`.
pub fn write_man_page(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    clap_mangen::Man::new(command()).render(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn sandbox_defaults_and_faults() {
        let cli =
            Cli::try_parse_from(["guichet", "sandbox", "--error-rate", "0.25"]).expect("parses");
        let Some(Command::Sandbox(args)) = cli.command else {
            panic!("not sandbox: {:?}", cli.command);
        };
        assert_eq!(args.addr.to_string(), "127.0.0.1:7878");
        assert_eq!((args.scale, args.seed), (1, 42));
        assert!((args.faults.error_rate - 0.25).abs() < f64::EPSILON);
        assert!(Cli::try_parse_from(["guichet", "sandbox", "--drop-rate", "1.5"]).is_err());
        assert!(Cli::try_parse_from(["guichet", "sandbox", "--scale", "0"]).is_err());
    }

    #[test]
    fn globals_after_subcommand_and_bench_trailing_args() {
        let cli = Cli::try_parse_from([
            "guichet",
            "config",
            "check",
            "--profile",
            "prod",
            "--log-level",
            "debug",
        ])
        .expect("parses");
        assert_eq!(cli.global.profile.as_deref(), Some("prod"));
        assert_eq!(cli.global.log_level, LogLevel::Debug);
        let cli =
            Cli::try_parse_from(["guichet", "bench", "render", "--frames", "100"]).expect("parses");
        let Some(Command::Bench(b)) = cli.command else {
            panic!("not bench");
        };
        assert_eq!(b.what, "render");
        assert_eq!(b.args, ["--frames", "100"]);
        let cli = Cli::try_parse_from(["guichet"]).expect("parses");
        assert!(cli.command.is_none());
        assert_eq!(cli.global.log_level, LogLevel::Info);
    }
}
