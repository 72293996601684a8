//! From the command line and the config to a console ready to run: the profile (or demo
//! mode on the embedded sandbox), the session shown in the header, the key map, the theme
//! and the runner that answers queries.

use super::console::ConsoleSetup;
use super::executor::{QueryRunner, ReplyFuture};
use crate::app::effect::Query;
use crate::app::keymap::{Keymap, KeymapError};
use crate::app::state::{Environment, Health, Session, State};
use crate::cli::GlobalArgs;
use crate::config::{self, ConfigError, LoadedConfig, ResolvedProfile};
use crate::domain::{ApiError, ErrorKind, Provider};
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

/// Answers for providers a profile leaves out.
struct NotConfigured;

impl QueryRunner for NotConfigured {
    fn run(&self, query: Query) -> ReplyFuture {
        let provider = query.provider();
        Box::pin(async move {
            Err(ApiError::new(
                provider,
                ErrorKind::Local,
                "not configured in this profile",
            ))
        })
    }
}

/// Builds the console for the command line's options.
pub fn prepare(global: &GlobalArgs) -> Result<ConsoleSetup, SetupError> {
    let loaded: Option<LoadedConfig> = if global.demo {
        None
    } else {
        config::load(global.config.as_deref())?
    };
    let profile = match &loaded {
        Some(cfg) => cfg.profile(global.profile.as_deref())?,
        None => ResolvedProfile::demo("http://127.0.0.1:0"),
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
    let session = session_for(&profile, loaded.is_none(), global.read_only, false);
    let mut state = State::new(session, keymap, chrono::Utc::now().date_naive());
    for p in Provider::ALL {
        state.health.insert(p, Health::NotConfigured);
    }
    Ok(ConsoleSetup {
        state,
        theme,
        runner: Arc::new(NotConfigured),
    })
}
