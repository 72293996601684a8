//! Reading and parsing one config file, turning parser errors into located `ConfigError`s.

use std::path::Path;

use super::error::{ConfigError, Location};
use super::location::{key_path_at, line_col};
use super::raw::RawConfig;

/// The file being interpreted: its path, its text (for line numbers) and its Unix mode
/// (for the inline-secret rule; `None` where modes do not exist).
pub(crate) struct FileCtx<'a> {
    pub path: &'a Path,
    pub src: &'a str,
    pub mode: Option<u32>,
}

impl FileCtx<'_> {
    pub(crate) fn at(&self, offset: usize) -> Location {
        Location {
            path: self.path.to_path_buf(),
            line: Some(line_col(self.src, offset).0),
        }
    }
}

#[cfg(unix)]
pub(crate) fn file_mode(meta: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode())
}

#[cfg(not(unix))]
pub(crate) fn file_mode(_meta: &std::fs::Metadata) -> Option<u32> {
    None
}

pub(crate) fn parse(ctx: &FileCtx<'_>) -> Result<RawConfig, ConfigError> {
    // A plain table parse first, so that syntax errors are told apart from schema errors.
    if let Err(e) = ctx.src.parse::<toml::Table>() {
        let offset = e.span().map_or(0, |s| s.start);
        let (line, column) = line_col(ctx.src, offset);
        return Err(ConfigError::Syntax {
            at: Location {
                path: ctx.path.to_path_buf(),
                line: Some(line),
            },
            column,
            message: one_line(e.message()),
        });
    }
    toml::from_str::<RawConfig>(ctx.src).map_err(|e| schema_error(ctx, &e))
}

fn schema_error(ctx: &FileCtx<'_>, e: &toml::de::Error) -> ConfigError {
    let offset = e.span().map_or(0, |s| s.start);
    let at = ctx.at(offset);
    let message = one_line(e.message());
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = between_backticks(rest).unwrap_or_default();
        let table = key_path_at(ctx.src, offset);
        // The span points at the unknown key itself, so the path ends with it already
        // unless the key was written as a table header of its own.
        let key = if table.ends_with(&name) || name.is_empty() {
            table
        } else {
            format!("{table}.{name}")
        };
        let expected = rest
            .split_once(", ")
            .map_or_else(String::new, |(_, exp)| exp.replace('`', ""));
        return ConfigError::UnknownKey { at, key, expected };
    }
    ConfigError::Invalid {
        at,
        key: key_path_at(ctx.src, offset),
        message,
    }
}

fn between_backticks(s: &str) -> Option<String> {
    let start = s.find('`')? + 1;
    let len = s.get(start..)?.find('`')?;
    s.get(start..start + len).map(str::to_owned)
}

fn one_line(s: &str) -> String {
    s.trim()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("; ")
}
