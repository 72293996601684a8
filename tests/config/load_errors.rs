//! Invalid config files: each error names the file, the line, the key and the bad value.

use guichet::config::{self, ConfigError};

use super::common::{fixture, private_copy};

fn load_err(name: &str) -> ConfigError {
    match config::load(Some(&fixture(name))) {
        Err(e) => e,
        Ok(_) => panic!("{name} loaded without error"),
    }
}

/// Loads fine but reading the (only) profile's secrets fails.
fn profile_err(name: &str) -> ConfigError {
    let loaded = config::load(Some(&fixture(name)))
        .expect("loads")
        .expect("file exists");
    match loaded.profile(None) {
        Err(e) => e,
        Ok(p) => panic!("{name}: profile {} resolved", p.name),
    }
}

fn assert_located(e: &ConfigError, file: &str, line: usize, key: &str, message_part: &str) {
    let text = e.to_string();
    let path = fixture(file);
    assert_eq!(e.path(), path, "{text}");
    assert_eq!(e.line(), Some(line), "{text}");
    assert_eq!(e.key(), Some(key), "{text}");
    let prefix = format!("{}:{line}: {key}: ", path.display());
    assert!(
        text.starts_with(&prefix),
        "{text:?} does not start with {prefix:?}"
    );
    assert!(
        text.contains(message_part),
        "{text:?} lacks {message_part:?}"
    );
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let e = load_err("bad_syntax.toml");
    assert!(matches!(e, ConfigError::Syntax { column: 18, .. }), "{e:?}");
    assert_eq!(e.line(), Some(3));
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "{}:3:18: TOML syntax error",
            fixture("bad_syntax.toml").display()
        )),
        "{text}"
    );
}

#[test]
fn unknown_key_is_named_with_its_line() {
    let e = load_err("unknown_key.toml");
    assert!(matches!(e, ConfigError::UnknownKey { .. }), "{e:?}");
    assert_located(
        &e,
        "unknown_key.toml",
        8,
        "profiles.staging.mascustomers.tokn_command",
        "unknown key (expected one of base_url, org, token_env, token_command",
    );
}

#[test]
fn every_unknown_key_is_reported_with_its_line() {
    let e = load_err("unknown_keys.toml");
    let ConfigError::Several(all) = &e else {
        panic!("all three: {e:?}");
    };
    let found: Vec<(Option<usize>, Option<&str>)> =
        all.iter().map(|e| (e.line(), e.key())).collect();
    assert_eq!(
        found,
        vec![
            (Some(1), Some("colour")),
            (Some(5), Some("profiles.staging.read_onyl")),
            (Some(12), Some("profiles.staging.paypal")),
        ]
    );
    assert_eq!(e.to_string().lines().count(), 3, "{e}");
}

#[test]
fn default_profile_that_does_not_exist() {
    let e = load_err("missing_default_profile.toml");
    assert_located(
        &e,
        "missing_default_profile.toml",
        1,
        "default_profile",
        "profile \"prod\" not found; profiles in this file: sandbox, staging",
    );
}

#[test]
fn profile_asked_for_that_does_not_exist_lists_the_names() {
    let loaded = config::load(Some(&fixture("two_profiles.toml")))
        .expect("loads")
        .expect("exists");
    let e = loaded.profile(Some("prod")).expect_err("no such profile");
    assert_eq!(e.key(), Some("--profile"));
    assert!(
        e.to_string()
            .contains("profile \"prod\" not found; profiles in this file: production, staging"),
        "{e}"
    );
    let e = loaded.profile(None).expect_err("two profiles, no default");
    assert!(matches!(e, ConfigError::ProfileAmbiguous { .. }), "{e:?}");
    assert!(e.to_string().contains("pass --profile NAME"), "{e}");
    assert!(
        loaded
            .profile(Some("production"))
            .expect("resolves")
            .read_only
    );
    assert!(!loaded.profile(Some("staging")).expect("resolves").read_only);
}

#[test]
fn bad_environment_value() {
    let e = load_err("bad_environment.toml");
    assert_located(
        &e,
        "bad_environment.toml",
        2,
        "profiles.staging.environment",
        "\"prod\" is not an environment: use sandbox, staging or production",
    );
}

#[test]
fn base_url_that_is_not_a_url() {
    let e = load_err("bad_url.toml");
    assert_located(
        &e,
        "bad_url.toml",
        5,
        "profiles.staging.pxlhub.base_url",
        "\"api.pms.pxlhub.fr/v1\" is not a URL",
    );
}

#[test]
fn plain_http_to_a_remote_host_needs_allow_insecure_http() {
    let e = load_err("insecure_http.toml");
    assert_located(
        &e,
        "insecure_http.toml",
        5,
        "profiles.staging.monext.base_url",
        "set allow_insecure_http = true",
    );
}

#[test]
fn wrong_type_names_the_key() {
    let e = load_err("wrong_type.toml");
    assert_located(
        &e,
        "wrong_type.toml",
        3,
        "profiles.staging.read_only",
        "expected a boolean",
    );
}

#[test]
fn required_org_and_single_credential_source() {
    let e = load_err("missing_org.toml");
    assert_located(
        &e,
        "missing_org.toml",
        4,
        "profiles.staging.mascustomers.org",
        "is required",
    );
    let e = load_err("two_sources.toml");
    assert_located(
        &e,
        "two_sources.toml",
        8,
        "profiles.staging.mascustomers.token_command",
        "more than one credential source",
    );
}

#[test]
fn missing_environment_variable() {
    let e = profile_err("missing_env.toml");
    assert_located(
        &e,
        "missing_env.toml",
        7,
        "profiles.staging.mascustomers.token_env",
        "environment variable GUICHET_TEST_SURELY_UNSET_VAR is not set",
    );
}

#[test]
fn failing_command_names_its_first_word_never_its_output() {
    let e = profile_err("failing_command.toml");
    assert_located(
        &e,
        "failing_command.toml",
        7,
        "profiles.staging.lyra.password_command",
        "command `secret-tool` exited with status 7",
    );
    assert!(!e.to_string().contains("leaked-output"), "{e}");
}

#[test]
fn a_named_file_that_does_not_exist_is_an_error() {
    let e = load_err("no_such_file.toml");
    assert!(matches!(e, ConfigError::NotFound { .. }), "{e:?}");
    assert!(
        e.to_string()
            .contains("no_such_file.toml: no such file (named by --config)"),
        "{e}"
    );
}

#[cfg(unix)]
#[test]
fn inline_secret_in_a_world_readable_file_is_refused() {
    let (_dir, path) = private_copy("inline_secret.toml", 0o644, |t| t);
    let loaded = config::load(Some(&path)).expect("loads").expect("exists");
    let e = loaded.profile(None).expect_err("refused");
    assert!(
        matches!(e, ConfigError::InsecureInlineSecret { mode: 0o644, .. }),
        "{e:?}"
    );
    assert_eq!(e.line(), Some(7));
    assert_eq!(e.key(), Some("profiles.staging.smoney.token"));
    let text = e.to_string();
    assert!(text.contains("permissions 0644"), "{text}");
    assert!(
        text.contains(&format!("run `chmod 600 {}`", path.display())),
        "{text}"
    );
    assert!(text.contains("or use token_env or token_command"), "{text}");
    assert!(!text.contains("inline-smoney-token"), "{text}");
    // Group-readable is refused too.
    super::common::set_mode(&path, 0o640);
    let loaded = config::load(Some(&path)).expect("loads").expect("exists");
    assert!(loaded.profile(None).is_err());
}

#[test]
fn check_reports_unknown_themes_and_every_failing_secret() {
    let loaded = config::load(Some(&fixture("unknown_theme.toml")))
        .expect("loads")
        .expect("exists");
    let problems = loaded.check(&["dark", "light", "high-contrast"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let text = problems[0].to_string();
    assert!(
        text.ends_with("unknown_theme.toml:1: theme: \"solarized\" is not a known theme: use one of dark, light, high-contrast"),
        "{text}"
    );
    let loaded = config::load(Some(&fixture("valid_full.toml")))
        .expect("loads")
        .expect("exists");
    // Without the GUICHET_TEST_* variables, the four env-based secrets fail, each on its line.
    let lines: Vec<Option<usize>> = loaded
        .check(&["dark", "light"])
        .iter()
        .map(|p| p.error.line())
        .collect();
    assert_eq!(lines, [Some(51), Some(15), Some(24), Some(34)]);
}

#[test]
fn credentials_in_a_base_url_are_refused_without_being_shown() {
    for (url, why) in [
        (
            "https://shop:s3cr3t-pw@api.lyra.com/api-payment/V4",
            "contains credentials",
        ),
        (
            "https://api.lyra.com/api-payment/V4?password=s3cr3t-pw",
            "query",
        ),
        ("ht!tp://shop:s3cr3t-pw@api lyra", "is not a URL"),
    ] {
        let (_dir, path) = private_copy("bad_url.toml", 0o600, |t| {
            t.replace("api.pms.pxlhub.fr/v1", url)
        });
        let e = guichet::config::load(Some(&path)).expect_err("refused");
        let text = e.to_string();
        assert!(text.contains(why), "{text}");
        assert!(
            !text.contains("s3cr3t-pw"),
            "the secret is never shown: {text}"
        );
    }
}

#[test]
fn watch_seconds_out_of_bounds_is_named_with_its_line() {
    let e = load_err("bad_watch_seconds.toml");
    assert!(matches!(e, ConfigError::BadValue { .. }), "{e:?}");
    assert_located(
        &e,
        "bad_watch_seconds.toml",
        2,
        "watch_seconds",
        "must be from 1 to 3600 seconds",
    );
    let path = std::path::PathBuf::from("/nowhere/config.toml");
    let parse = |src: &str| config::LoadedConfig::from_parts(path.clone(), src.into(), None);
    let too_long = parse("watch_seconds = 3601\n[profiles.a]\nenvironment = \"sandbox\"\n");
    assert!(
        too_long.as_ref().is_err_and(|e| e
            .to_string()
            .contains("watch_seconds: \"3601\" must be from 1")),
        "{too_long:?}"
    );
    let every = |src: &str| parse(src).ok().map(|c| c.watch_seconds());
    assert_eq!(
        every("[profiles.a]\nenvironment = \"sandbox\"\n"),
        Some(None)
    );
    assert_eq!(
        every("watch_seconds = 1\n[profiles.a]\nenvironment = \"sandbox\"\n"),
        Some(Some(1))
    );
    assert_eq!(
        every("watch_seconds = 3600\n[profiles.a]\nenvironment = \"sandbox\"\n"),
        Some(Some(3600))
    );
    assert_eq!(
        every("watch_seconds = -1\n[profiles.a]\nenvironment = \"sandbox\"\n"),
        None
    );
}
