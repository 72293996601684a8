//! From the command line and the config to a console ready to run: the profile (or demo
//! mode on the embedded sandbox), the session shown in the header, the key map, the theme
//! and the runner that answers queries.

use super::backend::ApiRunner;
use super::console::ConsoleSetup;
use super::writes::{AuditContext, unfinished_writes};
use crate::api::{ApiSettings, Auth, Clients, Endpoint};
use crate::app::form::ReadOnlyCause;
use crate::app::keymap::{Keymap, KeymapError};
use crate::app::state::{Environment, Health, Session, State};
use crate::app::unsettled::UnsettledNotice;
use crate::cli::GlobalArgs;
use crate::config::{self, ConfigError, LoadedConfig, ResolvedProfile};
use crate::config::{ResolvedAuth, ResolvedProvider, TimeDisplay};
use crate::domain::time::TimeShown;
use crate::domain::{ApiError, Provider};
use crate::sandbox::{self, SandboxHandle, SandboxOptions};
use crate::ui::theme::{ColorDepth, Theme, ThemeError};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Keymap(#[from] KeymapError),
    #[error(transparent)]
    Theme(#[from] ThemeError),
    #[error(transparent)]
    Api(#[from] Box<ApiError>),
    #[error("cannot start the embedded sandbox: {0}")]
    Sandbox(#[from] crate::sandbox::SandboxError),
    #[error("cannot read the key map {path}: {source}")]
    KeymapFile {
        path: String,
        source: std::io::Error,
    },
}

/// The header's view of a profile. `--read-only` wins over the profile.
pub fn session_for(
    profile: &ResolvedProfile,
    demo: bool,
    force_read_only: bool,
    insecure: bool,
) -> Session {
    Session {
        profile: profile.name.clone(),
        environment: match profile.environment {
            config::Environment::Sandbox => Environment::Sandbox,
            config::Environment::Staging => Environment::Staging,
            config::Environment::Production => Environment::Production,
        },
        read_only: profile.read_only || force_read_only,
        demo,
        insecure,
    }
}

/// Why writes are off, if they are: `--read-only` first, then the profile's own
/// `read_only = true`, then a production profile's default.
pub fn read_only_cause(profile: &ResolvedProfile, force_read_only: bool) -> Option<ReadOnlyCause> {
    if force_read_only {
        Some(ReadOnlyCause::Flag)
    } else if !profile.read_only {
        None
    } else if profile.read_only_set {
        Some(ReadOnlyCause::Profile)
    } else {
        Some(ReadOnlyCause::ProductionDefault)
    }
}

/// The embedded key map, overridden by the user's file when there is one.
pub fn load_keymap(path: Option<&Path>) -> Result<Keymap, SetupError> {
    let Some(path) = path else {
        return Ok(Keymap::with_user(None)?);
    };
    let text = std::fs::read_to_string(path).map_err(|source| SetupError::KeymapFile {
        path: path.display().to_string(),
        source,
    })?;
    Ok(Keymap::with_user(Some((
        &text,
        &path.display().to_string(),
    )))?)
}

/// `--theme`, else the profile's, else the config's, else dark.
pub fn choose_theme(
    flag: Option<&str>,
    profile: Option<&str>,
    config: Option<&str>,
) -> Result<Theme, SetupError> {
    let name = flag.or(profile).or(config).unwrap_or("dark");
    Ok(Theme::builtin(name, ColorDepth::detect())?)
}

/// The clients' settings for a profile: each configured provider's endpoint and
/// credential, the timeouts.
pub fn api_settings(profile: &ResolvedProfile) -> ApiSettings {
    let endpoint = |p: &Option<ResolvedProvider>| {
        p.as_ref().map(|p| Endpoint {
            base_url: p.base_url.clone(),
            auth: match &p.auth {
                ResolvedAuth::Bearer(token) => Auth::Bearer(token.clone()),
                ResolvedAuth::ApiKey(key) => Auth::ApiKey(key.clone()),
                ResolvedAuth::Basic { user, password } => Auth::Basic {
                    user: user.clone(),
                    password: password.clone(),
                },
            },
            allow_insecure_http: p.allow_insecure_http,
            credential_hint: p.credential_hint.clone(),
        })
    };
    ApiSettings {
        mascustomers: endpoint(&profile.mascustomers),
        mascustomers_org: profile
            .mascustomers
            .as_ref()
            .and_then(|p| p.org.clone())
            .unwrap_or_default(),
        pxlhub: endpoint(&profile.pxlhub),
        smoney: endpoint(&profile.smoney),
        lyra: endpoint(&profile.lyra),
        monext: endpoint(&profile.monext),
        connect_timeout: profile.connect_timeout,
        request_timeout: profile.request_timeout,
        certificate_authority: profile.certificate_authority.clone(),
    }
}

fn load_config(global: &GlobalArgs) -> Result<Option<LoadedConfig>, SetupError> {
    if global.demo {
        Ok(None)
    } else {
        Ok(config::load(global.config.as_deref())?)
    }
}

async fn profile_for(
    global: &GlobalArgs,
    loaded: Option<&LoadedConfig>,
) -> Result<(ResolvedProfile, Option<SandboxHandle>), SetupError> {
    match loaded {
        Some(cfg) => Ok((cfg.profile(global.profile.as_deref())?, None)),
        None => {
            let handle = sandbox::start(SandboxOptions::default()).await?;
            tracing::info!(base_url = %handle.base_url(), startup = ?handle.startup_time(), "demo sandbox started");
            Ok((ResolvedProfile::demo(&handle.base_url()), Some(handle)))
        }
    }
}

/// The active profile: `--profile` from the config file, or the demo profile on a freshly
/// started embedded sandbox (returned too, so the caller stops it).
pub async fn resolve_profile(
    global: &GlobalArgs,
) -> Result<(ResolvedProfile, Option<SandboxHandle>), SetupError> {
    let loaded = load_config(global)?;
    profile_for(global, loaded.as_ref()).await
}

/// How times are shown: UTC, or this machine's local offset, read once here so that the
/// app itself never reads a clock.
pub fn time_shown(display: TimeDisplay) -> TimeShown {
    use chrono::Offset;
    match display {
        TimeDisplay::Utc => TimeShown::Utc,
        TimeDisplay::Local => TimeShown::Local(chrono::Local::now().offset().fix()),
    }
}

/// The clients' settings for the embedded sandbox at `sandbox_base`: the demo profile.
pub fn demo_settings(sandbox_base: &str) -> ApiSettings {
    api_settings(&ResolvedProfile::demo(sandbox_base))
}

/// A console ready to run, and the embedded sandbox behind it in demo mode.
pub struct Prepared {
    pub setup: ConsoleSetup,
    /// In demo mode, the embedded sandbox (still starting when the console opens).
    pub sandbox: Option<super::demo::DemoSandbox>,
}

/// The recent items, pins and column choices of the state folder into `state` (what could
/// not be read is said at start), and a runner that keeps them there.
fn remembering(
    state: &mut State,
    runner: Arc<dyn super::executor::QueryRunner>,
) -> Arc<dyn super::executor::QueryRunner> {
    let dir = crate::logging::state_dir();
    let (remembered, problems) = super::memory_files::load(&dir);
    state.remembered = remembered;
    state.memory_problems = problems;
    let (columns, problem) = super::columns_file::load(&dir);
    state.columns = columns;
    state.memory_problems.extend(problem);
    Arc::new(super::memory_files::Remembering::new(runner, dir))
}

/// Builds the console for the command line's options: the profile from the config, or —
/// with `--demo` or no config file at all — the embedded sandbox on a free loopback port,
/// started in the background so the first frame does not wait for it.
pub async fn prepare(global: &GlobalArgs) -> Result<Prepared, SetupError> {
    let loaded = load_config(global)?;
    let profile = match &loaded {
        Some(cfg) => cfg.profile(global.profile.as_deref())?,
        None => ResolvedProfile::demo(""),
    };
    let keymap_path = global
        .keymap
        .clone()
        .or_else(|| loaded.as_ref().and_then(LoadedConfig::keymap_path));
    let keymap = load_keymap(keymap_path.as_deref())?;
    let theme = choose_theme(
        global.theme.as_deref(),
        profile.theme.as_deref(),
        loaded.as_ref().and_then(LoadedConfig::theme),
    )?;
    let today = chrono::Utc::now().date_naive();
    let history_file = super::history::path_in(&crate::logging::state_dir());
    let audit = AuditContext {
        dir: crate::logging::state_dir(),
        profile: profile.name.clone(),
        environment: profile.environment,
    };
    // Writes the last session left under way: told at once, on screen.
    let unfinished = unfinished_writes(&audit);
    if loaded.is_none() {
        let session = session_for(&profile, true, global.read_only, false);
        let read_only = session.read_only;
        let (sandbox, runner) = super::demo::start(move |clients| {
            ApiRunner::new(clients)
                .with_audit(audit)
                .with_read_only(read_only)
        });
        let mut state = State::new(session, keymap, today);
        state.key_trail.on = global.show_keys;
        state.time = time_shown(profile.time_display);
        state.reveal_requires_reason = profile.reveal_requires_reason;
        state.read_only_cause = read_only_cause(&profile, global.read_only);
        state.unsettled = UnsettledNotice::new(unfinished);
        state.org = crate::sandbox::demo::MAS_ORG.to_string();
        let runner = remembering(&mut state, Arc::new(runner));
        state.goto_history = super::history::load(&history_file);
        let setup = ConsoleSetup {
            state,
            theme,
            runner,
        };
        return Ok(Prepared {
            setup,
            sandbox: Some(sandbox),
        });
    }
    let settings = api_settings(&profile);
    let clients = Clients::new(&settings).map_err(Box::new)?;
    let session = session_for(&profile, false, global.read_only, clients.insecure());
    let read_only = session.read_only;
    let mut state = State::new(session, keymap, today);
    state.mouse.capture = loaded.as_ref().is_none_or(LoadedConfig::mouse);
    state.key_trail.on = global.show_keys;
    if let Some(every) = loaded.as_ref().and_then(LoadedConfig::watch_seconds) {
        state.watch.every_s = every;
    }
    state.time = time_shown(profile.time_display);
    state.reveal_requires_reason = profile.reveal_requires_reason;
    state.read_only_cause = read_only_cause(&profile, global.read_only);
    state.unsettled = UnsettledNotice::new(unfinished);
    state.org = settings.mascustomers_org.clone();
    state.goto_history = super::history::load(&history_file);
    for p in Provider::ALL {
        if !clients.configured(p) {
            state.health.insert(p, Health::NotConfigured);
        }
    }
    let runner = Arc::new(
        ApiRunner::new(clients)
            .with_audit(audit)
            .with_read_only(read_only),
    );
    let runner = remembering(&mut state, runner);
    let setup = ConsoleSetup {
        state,
        theme,
        runner,
    };
    Ok(Prepared {
        setup,
        sandbox: None,
    })
}
