//! The built binary: help, version, config path/check, completions, the audit table and the
//! sandbox's refusal of a non-loopback address.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use guichet::audit::{self, AuditEntry, AuditOutcome};
use guichet::config::Environment;
use guichet::domain::Provider;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

/// The binary with its state dir and config path inside `tmp` (the config file does not
/// exist unless a test writes it), and HOME/XDG dirs there too so nothing real is read.
fn guichet(tmp: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_guichet"));
    cmd.env("GUICHET_STATE_DIR", tmp.join("state"))
        .env("GUICHET_CONFIG", tmp.join("config.toml"))
        .env("HOME", tmp)
        .env("XDG_CONFIG_HOME", tmp.join("xdg-config"))
        .env("XDG_STATE_HOME", tmp.join("xdg-state"))
        .env_remove("GUICHET_TEST_MAS_TOKEN");
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("binary runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

#[test]
fn help_lists_the_subcommands_but_not_bench() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = run(guichet(tmp.path()).arg("--help"));
    assert_eq!(code, 0);
    for sub in ["sandbox", "config", "doctor", "completions", "audit"] {
        assert!(
            out.contains(&format!("  {sub} ")),
            "{sub} missing in:\n{out}"
        );
    }
    for opt in [
        "--profile",
        "--config",
        "--read-only",
        "--demo",
        "--theme",
        "--log-level",
        "--keymap",
    ] {
        assert!(out.contains(opt), "{opt} missing in:\n{out}");
    }
    assert!(!out.contains("bench"), "{out}");
    let (code, out, _) = run(guichet(tmp.path()).args(["sandbox", "--help"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("[default: 127.0.0.1:7878]") && out.contains("--fail-after-commit"),
        "{out}"
    );
}

#[test]
fn version_is_the_package_version() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = run(guichet(tmp.path()).arg("--version"));
    assert_eq!(code, 0);
    assert_eq!(out.trim(), format!("guichet {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn bad_arguments_exit_with_usage_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = run(guichet(tmp.path()).args(["sandbox", "--error-rate", "2"]));
    assert_eq!(code, 2);
    assert!(err.contains("2 is not between 0 and 1"), "{err}");
    let (code, _, err) = run(guichet(tmp.path()).args(["--log-level", "loud"]));
    assert_eq!(code, 2);
    assert!(err.contains("loud"), "{err}");
}

#[cfg(unix)]
#[test]
fn config_check_ok_and_logs_to_a_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = fixture("valid_full.toml");
    let (code, out, err) = run(guichet(tmp.path())
        .args(["config", "check", "--config"])
        .arg(&path)
        .env("GUICHET_TEST_MAS_TOKEN", "t1")
        .env("GUICHET_TEST_SMONEY_TOKEN", "t2")
        .env("GUICHET_TEST_MONEXT_PASSWORD", "t3")
        .env("GUICHET_TEST_LYRA_PASSWORD", "t4"));
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert_eq!(out.trim(), format!("ok: {} (3 profiles)", path.display()));
    let state = tmp.path().join("state");
    let log = std::fs::read_to_string(state.join("guichet.log")).expect("log written");
    assert!(
        log.contains("INFO") && log.contains("config check ok"),
        "{log}"
    );
    assert!(!log.contains("\u{1b}["), "ANSI in log: {log}");
    assert!(
        !["t1", "t2", "t3", "t4"]
            .iter()
            .any(|s| log.contains(&format!("\"{s}\"")))
    );
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&state.join("guichet.log")), 0o600);
    assert_eq!(mode(&state), 0o700);
}

#[test]
fn config_check_failing_prints_path_line_key_and_exits_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = fixture("bad_url.toml");
    let (code, out, err) = run(guichet(tmp.path())
        .args(["config", "check", "--config"])
        .arg(&path));
    assert_eq!(code, 1, "{out}");
    assert!(
        err.starts_with(&format!(
            "{}:5: profiles.staging.pxlhub.base_url: \"api.pms.pxlhub.fr/v1\" is not a URL",
            path.display()
        )),
        "{err}"
    );
    // A --profile that the file does not define.
    let path = fixture("two_profiles.toml");
    let (code, _, err) = run(guichet(tmp.path())
        .args(["config", "check", "--profile", "prod", "--config"])
        .arg(&path));
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "--profile: profile \"prod\" not found; profiles in this file: production, staging"
        ),
        "{err}"
    );
    // Named by GUICHET_CONFIG instead of the flag.
    let path = fixture("unknown_key.toml");
    let (code, _, err) = run(guichet(tmp.path())
        .args(["config", "check"])
        .env("GUICHET_CONFIG", &path));
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "{}:8: profiles.staging.mascustomers.tokn_command: unknown key",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn config_check_reports_each_secret_that_cannot_be_read() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = fixture("valid_full.toml");
    let (code, _, err) = run(guichet(tmp.path())
        .args(["config", "check", "--config"])
        .arg(&path));
    assert_eq!(code, 1);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[1].starts_with(&format!("{}:15: profiles.staging.mascustomers.token_env: environment variable GUICHET_TEST_MAS_TOKEN", path.display())), "{err}");
}

#[test]
fn config_check_without_any_file_is_demo_mode() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = run(guichet(tmp.path())
        .args(["config", "check"])
        .env_remove("GUICHET_CONFIG"));
    assert_eq!(code, 0);
    assert!(
        out.starts_with("ok: no config file at ") && out.contains("demo mode"),
        "{out}"
    );
    // A named file that does not exist is an error.
    let (code, _, err) = run(guichet(tmp.path()).args(["config", "check"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("config.toml: no such file (named by GUICHET_CONFIG)"),
        "{err}"
    );
}

#[test]
fn config_path_says_which_file_and_whether_it_exists() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = run(guichet(tmp.path()).args(["config", "path"]));
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        format!(
            "{} (does not exist; from GUICHET_CONFIG)",
            tmp.path().join("config.toml").display()
        )
    );
    let flagged = fixture("two_profiles.toml");
    let (_, out, _) = run(guichet(tmp.path())
        .args(["config", "path", "--config"])
        .arg(&flagged));
    assert_eq!(
        out.trim(),
        format!("{} (exists; from --config)", flagged.display())
    );
    let (_, out, _) = run(guichet(tmp.path())
        .args(["config", "path"])
        .env_remove("GUICHET_CONFIG"));
    assert!(out.contains("config.toml (does not exist: guichet runs in demo mode; from the platform config directory)"), "{out}");
}

#[test]
fn completions_for_each_shell() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef guichet"),
        ("fish", "complete -c guichet"),
    ] {
        let (code, out, err) = run(guichet(tmp.path()).args(["completions", shell]));
        assert_eq!((code, err.as_str()), (0, ""), "{shell}");
        assert!(
            out.contains("guichet") && out.contains(marker),
            "{shell}:\n{out}"
        );
        assert!(
            out.contains("sandbox") && out.contains("log-level"),
            "{shell}"
        );
    }
    let (code, _, _) = run(guichet(tmp.path()).args(["completions", "powershell"]));
    assert_eq!(code, 2);
}

#[test]
fn audit_shows_the_last_entries() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let state = tmp.path().join("state");
    let (code, out, _) = run(guichet(tmp.path()).arg("audit"));
    assert_eq!((code, out.trim()), (0, "no write attempts recorded"));
    for i in 0..7 {
        let mut e = AuditEntry::now(
            "prod",
            Environment::Production,
            Provider::Smoney,
            format!("create_moneyout_{i}"),
            if i == 6 {
                AuditOutcome::Unknown
            } else {
                AuditOutcome::ProviderCode("110".into())
            },
        );
        e.targets = vec![format!("user-{i}")];
        e.summary = "12.50 EUR to FR76 •••• 0189".to_owned();
        audit::append(&state, &e).expect("append");
    }
    // Every column (the summary too) is under --wide; the default fits 80 columns.
    let (code, out, err) = run(guichet(tmp.path()).args(["audit", "--last", "5", "--wide"]));
    assert_eq!((code, err.as_str()), (0, ""));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert!(lines[0].starts_with("TIME (UTC)"), "{out}");
    assert!(
        lines[1].contains("create_moneyout_2") && lines[1].contains("prod (production)"),
        "{out}"
    );
    assert!(
        lines[5].contains("create_moneyout_6") && lines[5].contains("unknown"),
        "{out}"
    );
    assert!(
        lines[4].contains("110") && lines[4].contains("FR76 •••• 0189"),
        "{out}"
    );
}

#[test]
fn audit_fits_80_columns_has_json_and_verifies_its_chain() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let state = tmp.path().join("state");
    for i in 0..3 {
        let mut e = AuditEntry::now(
            "production-eu-west",
            Environment::Production,
            Provider::Mascustomers,
            "payment_method.change",
            AuditOutcome::NoOp(format!("already open, wallet w-{i}")),
        );
        e.targets = vec![format!("3f2c9a4e-1b7d-4c55-9e0a-5d8f6b2a71c{i}")];
        e.summary = "a long summary ".repeat(8);
        audit::append(&state, &e).expect("append");
    }
    let (code, out, _) = run(guichet(tmp.path()).arg("audit"));
    assert_eq!(code, 0);
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
    assert!(
        out.lines()
            .all(|l| !l.contains("2026") || l.contains("no-op: already")),
        "{out}"
    );
    let (code, json, _) = run(guichet(tmp.path()).args(["audit", "--json"]));
    assert_eq!(code, 0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["action"], "payment_method.change");
    assert_eq!(rows[2]["outcome"], "no-op: already open, wallet w-2");
    let (code, out, _) = run(guichet(tmp.path()).args(["audit", "verify"]));
    assert_eq!((code, out.trim()), (0, "ok: 3 line(s), the chain is whole"));
    let path = state.join("audit.jsonl");
    let text = std::fs::read_to_string(&path).expect("journal");
    std::fs::write(&path, text.replacen("w-1", "w-9", 1)).expect("edit");
    let (code, out, _) = run(guichet(tmp.path()).args(["audit", "verify"]));
    assert_eq!(code, 1);
    assert!(out.starts_with("audit.jsonl:2: changed"), "{out}");
}

#[test]
fn a_config_error_is_one_line_even_with_rust_backtrace() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        tmp.path().join("config.toml"),
        "[profiles.x]\nenvironment = \"staging\"\nread_onyl = true\n",
    )
    .expect("config");
    let (code, out, err) = run(guichet(tmp.path()).env("RUST_BACKTRACE", "1"));
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("config.toml:3: profiles.x.read_onyl: unknown key"),
        "{err}"
    );
    assert!(!err.to_lowercase().contains("backtrace"), "{err}");
}

/// A profile pointing three providers at `base`, its credentials from environment
/// variables (set by `doctor_cmd`); Monext and S-money are left out.
fn sandbox_profile(tmp: &Path, base: &str) {
    use guichet::sandbox::demo;
    let text = format!(
        r#"[profiles.local]
environment = "sandbox"
[profiles.local.mascustomers]
base_url = "{base}{mas}"
org = "{org}"
token_env = "GUICHET_TEST_DOCTOR_MAS"
[profiles.local.pxlhub]
base_url = "{base}{pxl}"
api_key_env = "GUICHET_TEST_DOCTOR_PXL"
[profiles.local.lyra]
base_url = "{base}{lyra}"
username = "{lyra_user}"
password_env = "GUICHET_TEST_DOCTOR_LYRA"
"#,
        mas = demo::MAS_PREFIX,
        org = demo::MAS_ORG,
        pxl = demo::PXL_PREFIX,
        lyra = demo::LYRA_PREFIX,
        lyra_user = demo::LYRA_USER,
    );
    std::fs::write(tmp.join("config.toml"), text).expect("write config");
}

fn doctor_cmd(tmp: &Path, mas_token: &str) -> Command {
    use guichet::sandbox::demo;
    let mut cmd = guichet(tmp);
    cmd.arg("doctor")
        .env("GUICHET_TEST_DOCTOR_MAS", mas_token)
        .env("GUICHET_TEST_DOCTOR_PXL", demo::PXL_MANAGE_KEY)
        .env("GUICHET_TEST_DOCTOR_LYRA", demo::LYRA_PASSWORD);
    cmd
}

#[test]
fn doctor_in_demo_mode_checks_every_provider() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run(guichet(tmp.path())
        .env_remove("GUICHET_CONFIG")
        .arg("doctor"));
    assert_eq!(code, 0, "{out}{err}");
    for name in ["MasCustomers", "pxlhub", "S-money", "Lyra", "Monext"] {
        let line = out.lines().find(|l| l.starts_with(name)).expect(name);
        assert!(line.contains(" ok "), "{line}");
    }
}

// The sandbox must keep serving while this thread blocks on the child process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_fails_on_wrong_credentials_and_on_a_stopped_sandbox() {
    let handle = guichet::sandbox::start(guichet::sandbox::SandboxOptions::default())
        .await
        .expect("sandbox");
    let tmp = tempfile::tempdir().expect("tempdir");
    sandbox_profile(tmp.path(), &handle.base_url());
    let token = guichet::sandbox::demo::MAS_TOKEN;
    let (code, out, err) = run(&mut doctor_cmd(tmp.path(), token));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("Monext") && l.contains("not configured")),
        "{out}"
    );

    let (code, out, _) = run(&mut doctor_cmd(tmp.path(), "not-the-token"));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("MasCustomers auth: MasCustomers refused the credentials"),
        "{out}"
    );
    assert!(
        out.contains("token_env GUICHET_TEST_DOCTOR_MAS"),
        "which credential to check: {out}"
    );
    assert!(
        !out.contains("not-the-token"),
        "the secret is never printed: {out}"
    );

    let base = handle.base_url();
    handle.stop().await;
    sandbox_profile(tmp.path(), &base);
    let (code, out, _) = run(&mut doctor_cmd(tmp.path(), token));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("MasCustomers connect:"), "{out}");
}

#[test]
fn sandbox_refuses_a_remote_address_without_allow_remote() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, stdout, stderr) = run(guichet(tmp.path())
        .args(["sandbox", "--addr", "0.0.0.0:0"])
        .stdin(std::process::Stdio::null()));
    assert_ne!(code, 0, "{stdout}");
    assert!(stderr.contains("--allow-remote"), "{stderr}");
    assert!(!stdout.contains("listening"), "{stdout}");
}
