//! Config errors. Each names the file, the 1-based line, the key and the bad value where
//! there is one, so that `guichet config check` can print `path:line: key: message`.

use std::fmt;
use std::path::PathBuf;

/// Where in which file a problem is: `path:line`, or just `path` when no line applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based.
    pub line: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// How the config file path was chosen, so a missing file can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathOrigin {
    /// `--config PATH`.
    Flag,
    /// The `GUICHET_CONFIG` environment variable.
    Env,
    /// The platform config directory.
    Default,
}

impl fmt::Display for PathOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PathOrigin::Flag => "--config",
            PathOrigin::Env => "GUICHET_CONFIG",
            PathOrigin::Default => "the platform config directory",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: no such file (named by {origin})", path.display())]
    NotFound { path: PathBuf, origin: PathOrigin },

    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{at}:{column}: TOML syntax error: {message}")]
    Syntax {
        at: Location,
        column: usize,
        message: String,
    },

    #[error("{at}: {key}: unknown key ({expected})")]
    UnknownKey {
        at: Location,
        key: String,
        expected: String,
    },

    /// Several problems found in one pass (every unknown key of a file), one per line.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Several(Vec<ConfigError>),

    /// A value of the wrong type or a missing required key, as reported by the parser.
    #[error("{at}: {key}: {message}")]
    Invalid {
        at: Location,
        key: String,
        message: String,
    },

    #[error("{at}: {key}: {value:?} {reason}")]
    BadValue {
        at: Location,
        key: String,
        value: String,
        reason: String,
    },

    #[error(
        "{at}: {key}: profile {name:?} not found; profiles in this file: {}",
        list(available)
    )]
    ProfileNotFound {
        at: Location,
        key: String,
        name: String,
        available: Vec<String>,
    },

    #[error(
        "{at}: no profile chosen: pass --profile NAME or set default_profile; profiles in this file: {}",
        list(available)
    )]
    ProfileAmbiguous {
        at: Location,
        available: Vec<String>,
    },

    #[error("{at}: no [profiles.NAME] table in this file")]
    NoProfiles { at: Location },

    #[error("{at}: {key}: environment variable {var} is not set or empty")]
    EnvNotSet {
        at: Location,
        key: String,
        var: String,
    },

    #[error("{at}: {key}: command `{program}` {reason}")]
    CommandFailed {
        at: Location,
        key: String,
        program: String,
        reason: String,
    },

    #[error(
        "{at}: {key}: inline secret refused: permissions {mode:04o} on {} are too open \
         (readable by group or others); run `chmod 600 {}`, or use {base}_env or {base}_command",
        at.path.display(),
        at.path.display()
    )]
    InsecureInlineSecret {
        at: Location,
        key: String,
        /// `token`, `api_key` or `password`.
        base: String,
        mode: u32,
    },
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "(none)".to_owned()
    } else {
        names.join(", ")
    }
}

impl ConfigError {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            ConfigError::NotFound { path, .. } | ConfigError::Read { path, .. } => path,
            ConfigError::Syntax { at, .. }
            | ConfigError::UnknownKey { at, .. }
            | ConfigError::Invalid { at, .. }
            | ConfigError::BadValue { at, .. }
            | ConfigError::ProfileNotFound { at, .. }
            | ConfigError::ProfileAmbiguous { at, .. }
            | ConfigError::NoProfiles { at }
            | ConfigError::EnvNotSet { at, .. }
            | ConfigError::CommandFailed { at, .. }
            | ConfigError::InsecureInlineSecret { at, .. } => &at.path,
            ConfigError::Several(all) => all.first().map_or(std::path::Path::new(""), Self::path),
        }
    }

    /// The 1-based line, when the error is about one place in the file.
    pub fn line(&self) -> Option<usize> {
        match self {
            ConfigError::NotFound { .. } | ConfigError::Read { .. } => None,
            ConfigError::Syntax { at, .. }
            | ConfigError::UnknownKey { at, .. }
            | ConfigError::Invalid { at, .. }
            | ConfigError::BadValue { at, .. }
            | ConfigError::ProfileNotFound { at, .. }
            | ConfigError::ProfileAmbiguous { at, .. }
            | ConfigError::NoProfiles { at }
            | ConfigError::EnvNotSet { at, .. }
            | ConfigError::CommandFailed { at, .. }
            | ConfigError::InsecureInlineSecret { at, .. } => at.line,
            ConfigError::Several(all) => all.first().and_then(Self::line),
        }
    }

    /// The dotted key the error is about (`profiles.staging.mascustomers.base_url`), if any.
    pub fn key(&self) -> Option<&str> {
        match self {
            ConfigError::UnknownKey { key, .. }
            | ConfigError::Invalid { key, .. }
            | ConfigError::BadValue { key, .. }
            | ConfigError::ProfileNotFound { key, .. }
            | ConfigError::EnvNotSet { key, .. }
            | ConfigError::CommandFailed { key, .. }
            | ConfigError::InsecureInlineSecret { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// One problem found by `LoadedConfig::check`, with the profile it belongs to.
#[derive(Debug)]
pub struct ConfigProblem {
    pub profile: Option<String>,
    pub error: ConfigError,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}
