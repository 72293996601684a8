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
    // serde stops at the first unknown key: blank it out (offsets and lines unchanged) and
    // parse again, so that every unknown key of the file is reported at once.
    let mut text = ctx.src.to_owned();
    let mut unknown = Vec::new();
    for _ in 0..MAX_REPORTED {
        match toml::from_str::<RawConfig>(&text) {
            Ok(raw) if unknown.is_empty() => return Ok(raw),
            Ok(_) => break,
            Err(e) => match schema_error(ctx, &e) {
                err @ ConfigError::UnknownKey { .. } => {
                    let Some(span) = e.span() else {
                        unknown.push(err);
                        break;
                    };
                    unknown.push(err);
                    if !blank_out(&mut text, span.start) {
                        break;
                    }
                }
                // Another problem after the unknown keys: those first, it after.
                other if unknown.is_empty() => return Err(other),
                other => {
                    unknown.push(other);
                    break;
                }
            },
        }
    }
    unknown.sort_by_key(ConfigError::line);
    Err(if unknown.len() == 1 {
        unknown.remove(0)
    } else {
        ConfigError::Several(unknown)
    })
}

/// Unknown keys reported in one check, at most.
const MAX_REPORTED: usize = 64;

/// Replaces the line at `offset` with spaces, and when it is a table header, the table's
/// lines up to the next header too. Returns false when there was nothing to blank.
fn blank_out(text: &mut String, offset: usize) -> bool {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    let mut end = line_end(start);
    if text[start..end].trim_start().starts_with('[') {
        while end < text.len() {
            let next = end + 1;
            let next_end = line_end(next);
            if text[next..next_end].trim_start().starts_with('[') {
                break;
            }
            end = next_end;
        }
    }
    if text[start..end].trim().is_empty() {
        return false;
    }
    let blank: String = text[start..end]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(start..end, &blank);
    true
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
