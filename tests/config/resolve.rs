//! Valid files resolve into profiles with their credentials.

use std::time::Duration;

use guichet::config::{self, Environment, ResolvedAuth, TimeDisplay};
use guichet::domain::Provider;

use super::common::private_copy;

/// Cargo sets this variable for the test process; the fixture's own variable names are
/// replaced by it because tests may not change their environment.
const SET_VAR: &str = "CARGO_PKG_NAME";

fn env_value() -> String {
    std::env::var(SET_VAR).expect("cargo sets CARGO_PKG_NAME")
}

#[test]
fn full_example_resolves_every_provider() {
    let (_dir, path) = private_copy("valid_full.toml", 0o644, |t| {
        t.replace("GUICHET_TEST_MAS_TOKEN", SET_VAR)
            .replace("GUICHET_TEST_SMONEY_TOKEN", SET_VAR)
            .replace("GUICHET_TEST_MONEXT_PASSWORD", SET_VAR)
            .replace("GUICHET_TEST_LYRA_PASSWORD", SET_VAR)
    });
    let loaded = config::load(Some(&path)).expect("loads").expect("exists");
    assert_eq!(loaded.profile_names(), ["local", "prod", "staging"]);
    assert_eq!(loaded.theme(), Some("dark"));
    assert_eq!(loaded.time_display(), TimeDisplay::Local);
    assert_eq!(
        loaded.keymap_path(),
        Some(path.parent().expect("dir").join("keymap.toml"))
    );
    assert!(loaded.check(&["dark", "light"]).is_empty());

    // default_profile = "staging"
    let p = loaded.profile(None).expect("resolves");
    assert_eq!(p.name, "staging");
    assert_eq!(p.environment, Environment::Staging);
    assert_eq!(p.environment.label(), "Staging");
    assert!(!p.read_only);
    assert_eq!(p.theme.as_deref(), Some("light"));
    assert_eq!(p.connect_timeout, Duration::from_millis(2000));
    assert_eq!(p.request_timeout, Duration::from_millis(10000));

    let mas = p.provider(Provider::Mascustomers).expect("configured");
    assert_eq!(mas.base_url, "https://customers.sta.masstack.com/v4");
    assert_eq!(mas.org.as_deref(), Some("telco"));
    assert_eq!(
        mas.auth,
        ResolvedAuth::Bearer(guichet::domain::Secret::new(env_value()))
    );
    assert_eq!(
        mas.credential_hint,
        format!("token_env {SET_VAR} in profile staging")
    );

    let pxl = p.pxlhub.as_ref().expect("configured");
    let ResolvedAuth::ApiKey(key) = &pxl.auth else {
        panic!("{:?}", pxl.auth)
    };
    assert_eq!(key.expose(), "tok");
    assert_eq!(
        pxl.credential_hint,
        "api_key_command `printf` in profile staging"
    );

    let smoney = p.smoney.as_ref().expect("configured");
    assert_eq!(smoney.base_url, "https://rest.s-money.fr/api/acme");

    let lyra = p.lyra.as_ref().expect("configured");
    let ResolvedAuth::Basic { user, password } = &lyra.auth else {
        panic!("{:?}", lyra.auth)
    };
    assert_eq!(
        (user.as_str(), password.expose()),
        ("69876357", "lyra-pass")
    );

    let monext = p.monext.as_ref().expect("configured");
    assert!(matches!(&monext.auth, ResolvedAuth::Basic { user, .. } if user == "shop"));

    // Production is read-only by default; absent providers are None.
    let prod = loaded.profile(Some("prod")).expect("resolves");
    assert!(prod.read_only);
    assert_eq!(prod.theme.as_deref(), Some("dark"));
    assert_eq!(prod.request_timeout, Duration::from_millis(20000));
    assert!(prod.pxlhub.is_none() && prod.lyra.is_none());
    let ResolvedAuth::Bearer(t) = &prod.mascustomers.as_ref().expect("configured").auth else {
        panic!("not bearer")
    };
    assert_eq!(t.expose(), "prod-token");

    // Plain http to loopback is accepted without allow_insecure_http.
    let local = loaded.profile(Some("local")).expect("resolves");
    assert_eq!(
        local.lyra.expect("configured").base_url,
        "http://127.0.0.1:7878/lyra/api-payment/V4"
    );
}

#[cfg(unix)]
#[test]
fn inline_secret_accepted_in_a_private_file() {
    let (_dir, path) = private_copy("inline_secret.toml", 0o600, |t| t);
    let loaded = config::load(Some(&path)).expect("loads").expect("exists");
    let p = loaded.profile(None).expect("resolves");
    let ResolvedAuth::Bearer(t) = &p.smoney.expect("configured").auth else {
        panic!("not bearer")
    };
    assert_eq!(t.expose(), "inline-smoney-token");
    assert!(loaded.check(&["dark"]).is_empty());
}

#[test]
fn secrets_never_show_in_debug_output() {
    let (_dir, path) = private_copy("inline_secret.toml", 0o600, |t| t);
    let loaded = config::load(Some(&path)).expect("loads").expect("exists");
    let p = loaded.profile(None).expect("resolves");
    let shown = format!("{p:?} {loaded:?}");
    assert!(shown.contains("smoney"), "{shown}");
    assert!(!shown.contains("inline-smoney-token"), "{shown}");
}

#[test]
fn demo_profile_points_every_provider_at_the_sandbox() {
    let demo = config::ResolvedProfile::demo("http://127.0.0.1:7878/");
    for provider in Provider::ALL {
        let p = demo.provider(provider).expect("all five configured");
        assert!(
            p.base_url.starts_with("http://127.0.0.1:7878/"),
            "{}",
            p.base_url
        );
    }
    assert_eq!(
        demo.smoney.expect("configured").base_url,
        "http://127.0.0.1:7878/smoney/api/sandbox"
    );
    assert_eq!(demo.environment, Environment::Sandbox);
}

#[test]
fn readme_example_is_valid() {
    // The example is the README's own: the first toml block of its Configuration section.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let section = readme
        .split("## Configuration")
        .nth(1)
        .expect("Configuration section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("toml block");
    let (_dir, path) = private_copy("valid_full.toml", 0o600, |_| example.to_string());
    let loaded = config::load(Some(&path)).expect("loads").expect("exists");
    assert_eq!(loaded.profile_names(), ["local", "production", "staging"]);
    let keymap = loaded.keymap_path().expect("set");
    assert!(
        keymap.is_absolute() && keymap.ends_with(".config/guichet/keymap.toml"),
        "{keymap:?}"
    );
    let local = loaded
        .profile(Some("local"))
        .expect("inline token in a 0600 file");
    assert_eq!(local.environment, Environment::Sandbox);
    assert!(!local.read_only);
}

#[test]
fn a_profile_names_its_own_ca_file_and_production_asks_a_reason_for_reveals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ca = dir.path().join("ca.pem");
    std::fs::write(
        &ca,
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    )
    .expect("ca");
    let path = dir.path().join("config.toml");
    let text = format!(
        "[profiles.prod]\nenvironment = \"production\"\ncertificate_authority = \"{}\"\n\
         [profiles.stg]\nenvironment = \"staging\"\n\
         [profiles.stg2]\nenvironment = \"staging\"\nreveal_requires_reason = true\n",
        ca.display()
    );
    std::fs::write(&path, text).expect("config");
    let loaded = config::load(Some(&path)).expect("loads").expect("a file");
    let prod = loaded.profile(Some("prod")).expect("prod");
    assert_eq!(prod.certificate_authority.as_deref(), Some(ca.as_path()));
    assert!(prod.reveal_requires_reason, "on by default in production");
    assert!(
        !loaded
            .profile(Some("stg"))
            .expect("stg")
            .reveal_requires_reason
    );
    assert!(
        loaded
            .profile(Some("stg2"))
            .expect("stg2")
            .reveal_requires_reason
    );
    std::fs::write(
        &path,
        "[profiles.p]\nenvironment = \"staging\"\ncertificate_authority = \"/no/such/ca.pem\"\n",
    )
    .expect("config");
    let e = config::load(Some(&path)).expect_err("a missing CA file is an error");
    assert_eq!(e.line(), Some(3), "{e}");
    assert!(
        e.to_string().contains("profiles.p.certificate_authority"),
        "{e}"
    );
}

#[test]
fn the_read_only_refusal_names_its_real_cause() {
    use guichet::app::form::{ReadOnlyCause, WriteContext};
    use guichet::runtime::setup::read_only_cause;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "[profiles.prod]\nenvironment = \"production\"\n\n\
         [profiles.locked]\nenvironment = \"staging\"\nread_only = true\n\n\
         [profiles.open]\nenvironment = \"staging\"\n\n\
         [profiles.prod-open]\nenvironment = \"production\"\nread_only = false\n",
    )
    .expect("config written");
    let loaded = config::load(Some(&path)).expect("loads").expect("exists");
    let cause = |name: &str, flag: bool| {
        let profile = loaded.profile(Some(name)).expect("resolves");
        read_only_cause(&profile, flag)
    };
    assert_eq!(cause("prod", false), Some(ReadOnlyCause::ProductionDefault));
    assert_eq!(cause("locked", false), Some(ReadOnlyCause::Profile));
    assert_eq!(cause("open", false), None);
    assert_eq!(cause("prod-open", false), None);
    // `--read-only` is named first, whatever the profile says.
    assert_eq!(cause("open", true), Some(ReadOnlyCause::Flag));
    assert_eq!(cause("locked", true), Some(ReadOnlyCause::Flag));
    let notice = |name: &str, flag: bool| {
        WriteContext {
            profile: name.into(),
            environment_label: String::new(),
            production: false,
            read_only: true,
            read_only_cause: cause(name, flag),
            customer_name: None,
            org: String::new(),
        }
        .read_only_notice()
    };
    assert!(
        notice("prod", false)
            .contains("profile prod is production, read-only unless it says read_only = false"),
        "{}",
        notice("prod", false)
    );
    assert!(notice("locked", false).contains("read_only = true in profile locked"));
    assert!(notice("open", true).contains("started with --read-only"));
}

#[test]
fn mouse_is_on_unless_the_file_says_false_and_a_bad_value_names_its_line() {
    let parse = |src: &str| {
        config::LoadedConfig::from_parts(
            std::path::PathBuf::from("/tmp/guichet-mouse.toml"),
            src.to_string(),
            None,
        )
    };
    let profile = "\n[profiles.local]\nenvironment = \"sandbox\"\n";
    let on = parse(profile).expect("no mouse key");
    assert!(on.mouse());
    let off = parse(&format!("mouse = false\n{profile}")).expect("mouse = false");
    assert!(!off.mouse());
    let Err(e) = parse(&format!("theme = \"dark\"\nmouse = \"no\"\n{profile}")) else {
        panic!("mouse = \"no\" loaded");
    };
    assert_eq!(e.line(), Some(2), "{e}");
    assert!(e.to_string().contains("mouse"), "{e}");
}
