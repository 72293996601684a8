//! Configuration: profiles, providers, secret sources; loading and checking.
//!
//! The file is TOML, found at `--config PATH`, else `$GUICHET_CONFIG`, else
//! `config.toml` in the platform config directory. No file at the default place means
//! zero-config demo mode (`load` returns `Ok(None)`).

mod error;
mod file;
mod location;
mod profile;
mod raw;
mod secret_source;
mod validate;

use std::path::{Path, PathBuf};

use toml::Spanned;

pub use error::{ConfigError, ConfigProblem, Location, PathOrigin};
pub use profile::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, Environment, ResolvedAuth, ResolvedProfile,
    ResolvedProvider, TimeDisplay,
};

use file::FileCtx;
use validate::ProfileSpec;

/// The environment variable that names the config file when `--config` is not given.
pub const CONFIG_ENV: &str = "GUICHET_CONFIG";

/// `config.toml` in the platform config directory, whether or not it exists.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "guichet").map(|d| d.config_dir().join("config.toml"))
}

/// The path that `load(flag)` reads and why: the flag, else `$GUICHET_CONFIG`, else the
/// default. `None` only when the platform has no home directory.
pub fn effective_path(flag: Option<&Path>) -> Option<(PathBuf, PathOrigin)> {
    if let Some(p) = flag {
        return Some((p.to_path_buf(), PathOrigin::Flag));
    }
    if let Some(p) = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(p), PathOrigin::Env));
    }
    default_path().map(|p| (p, PathOrigin::Default))
}

/// Loads and validates the config file (without reading any secret).
///
/// `Ok(None)` when no file was named and none exists at the default place; a named file
/// that does not exist is an error.
pub fn load(flag: Option<&Path>) -> Result<Option<LoadedConfig>, ConfigError> {
    let Some((path, origin)) = effective_path(flag) else {
        return Ok(None);
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return if origin == PathOrigin::Default {
                Ok(None)
            } else {
                Err(ConfigError::NotFound { path, origin })
            };
        }
        Err(source) => return Err(ConfigError::Read { path, source }),
    };
    let mode = std::fs::metadata(&path)
        .map_err(|source| ConfigError::Read {
            path: path.clone(),
            source,
        })
        .map(|m| file::file_mode(&m))?;
    LoadedConfig::from_parts(path, src, mode).map(Some)
}

/// A parsed, validated config file. Secrets are read only by `profile` and `check`.
pub struct LoadedConfig {
    path: PathBuf,
    src: String,
    mode: Option<u32>,
    default_profile: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    time_display: TimeDisplay,
    watch_seconds: Option<u64>,
    keymap: Option<String>,
    mouse: bool,
    profiles: Vec<ProfileSpec>,
}

/// Leaves out the file text, which may hold inline secrets.
impl std::fmt::Debug for LoadedConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedConfig")
            .field("path", &self.path)
            .field("mode", &self.mode)
            .field("default_profile", &self.default_profile)
            .field("theme", &self.theme)
            .field("time_display", &self.time_display)
            .field("watch_seconds", &self.watch_seconds)
            .field("keymap", &self.keymap)
            .field("mouse", &self.mouse)
            .field("profiles", &self.profiles)
            .finish()
    }
}

impl LoadedConfig {
    /// Parses `src` as if read from `path` with Unix mode `mode` (`None`: no mode check).
    pub fn from_parts(
        path: PathBuf,
        src: String,
        mode: Option<u32>,
    ) -> Result<LoadedConfig, ConfigError> {
        let ctx = FileCtx {
            path: &path,
            src: &src,
            mode,
        };
        let raw = file::parse(&ctx)?;
        let time_display = validate::parse_time_display(&ctx, raw.time_display.as_ref())?;
        let watch_seconds = validate::parse_watch_seconds(&ctx, raw.watch_seconds.as_ref())?;
        let profiles = raw
            .profiles
            .iter()
            .map(|(name, p)| validate::validate_profile(&ctx, name, p))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(d) = &raw.default_profile
            && !profiles.iter().any(|p| &p.name == d.get_ref())
        {
            return Err(ConfigError::ProfileNotFound {
                at: ctx.at(d.span().start),
                key: "default_profile".to_owned(),
                name: d.get_ref().clone(),
                available: profiles.iter().map(|p| p.name.clone()).collect(),
            });
        }
        let keymap = raw.keymap.map(Spanned::into_inner);
        let mouse = raw.mouse.unwrap_or(true);
        Ok(LoadedConfig {
            mouse,
            default_profile: raw.default_profile,
            theme: raw.theme,
            time_display,
            watch_seconds,
            keymap,
            profiles,
            path,
            src,
            mode,
        })
    }

    fn ctx(&self) -> FileCtx<'_> {
        FileCtx {
            path: &self.path,
            src: &self.src,
            mode: self.mode,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Profile names in file order (sorted by name).
    pub fn profile_names(&self) -> Vec<&str> {
        self.profiles.iter().map(|p| p.name.as_str()).collect()
    }

    /// The global theme name, not validated here.
    pub fn theme(&self) -> Option<&str> {
        self.theme.as_ref().map(|t| t.get_ref().as_str())
    }

    pub fn time_display(&self) -> TimeDisplay {
        self.time_display
    }

    /// Whether the console captures the mouse (`mouse = false` leaves it to the terminal).
    pub fn mouse(&self) -> bool {
        self.mouse
    }

    /// Seconds between watch mode's reads, when the file says.
    pub fn watch_seconds(&self) -> Option<u64> {
        self.watch_seconds
    }

    /// The keymap file: `~/` expanded, a relative path taken from the config file's folder.
    pub fn keymap_path(&self) -> Option<PathBuf> {
        let raw = self.keymap.as_deref()?;
        let expanded = match raw.strip_prefix("~/") {
            Some(rest) => directories::BaseDirs::new()
                .map_or_else(|| PathBuf::from(raw), |b| b.home_dir().join(rest)),
            None => PathBuf::from(raw),
        };
        if expanded.is_absolute() {
            Some(expanded)
        } else {
            let dir = self.path.parent().unwrap_or_else(|| Path::new("."));
            Some(dir.join(expanded))
        }
    }

    /// The profile to use: `name`, else `default_profile`, else the only profile. Reads
    /// its secrets (environment variables, commands, inline values).
    pub fn profile(&self, name: Option<&str>) -> Result<ResolvedProfile, ConfigError> {
        let available = || self.profiles.iter().map(|p| p.name.clone()).collect();
        let file_at = || Location {
            path: self.path.clone(),
            line: None,
        };
        let chosen = match name.or(self.default_profile.as_ref().map(|d| d.get_ref().as_str())) {
            Some(wanted) => self
                .profiles
                .iter()
                .find(|p| p.name == wanted)
                .ok_or_else(|| ConfigError::ProfileNotFound {
                    at: file_at(),
                    key: "--profile".to_owned(),
                    name: wanted.to_owned(),
                    available: available(),
                })?,
            None => match self.profiles.as_slice() {
                [only] => only,
                [] => return Err(ConfigError::NoProfiles { at: file_at() }),
                _ => {
                    return Err(ConfigError::ProfileAmbiguous {
                        at: file_at(),
                        available: available(),
                    });
                }
            },
        };
        chosen.resolve(&self.ctx(), self.theme(), self.time_display)
    }

    /// Reads every secret of every profile (printing none) and checks theme names against
    /// `known_themes`. Empty when all is well.
    pub fn check(&self, known_themes: &[&str]) -> Vec<ConfigProblem> {
        let ctx = self.ctx();
        let mut problems = Vec::new();
        let theme_problem = |theme: &Spanned<String>, key: String| {
            (!known_themes.contains(&theme.get_ref().as_str())).then(|| ConfigError::BadValue {
                at: ctx.at(theme.span().start),
                key,
                value: theme.get_ref().clone(),
                reason: format!(
                    "is not a known theme: use one of {}",
                    known_themes.join(", ")
                ),
            })
        };
        if let Some(e) = self
            .theme
            .as_ref()
            .and_then(|t| theme_problem(t, "theme".to_owned()))
        {
            problems.push(ConfigProblem {
                profile: None,
                error: e,
            });
        }
        for spec in &self.profiles {
            let theme = spec
                .theme
                .as_ref()
                .and_then(|t| theme_problem(t, format!("profiles.{}.theme", spec.name)));
            let errors = theme.into_iter().chain(spec.check_secrets(&ctx));
            problems.extend(errors.map(|error| ConfigProblem {
                profile: Some(spec.name.clone()),
                error,
            }));
        }
        problems
    }
}
