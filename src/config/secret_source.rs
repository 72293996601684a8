//! Where a credential comes from: an environment variable, a command run once, or the file
//! itself (only when the file is private). Resolution yields a `Secret` and nothing else.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use toml::Spanned;

use super::error::ConfigError;
use super::file::FileCtx;
use crate::domain::Secret;

/// A command that takes longer than this (a forgotten pinentry, a hung network) fails.
const COMMAND_DEADLINE: Duration = Duration::from_secs(30);

/// The validated choice of one source among `{base}_env`, `{base}_command` and `{base}`.
#[derive(Clone)]
pub(crate) enum SecretSource {
    Env(Spanned<String>),
    Command(Spanned<String>),
    Inline(Spanned<String>),
}

impl std::fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SecretSource::Env(v) => write!(f, "Env({:?})", v.get_ref()),
            SecretSource::Command(c) => write!(f, "Command({:?})", first_word(c.get_ref())),
            SecretSource::Inline(_) => f.write_str("Inline(••••)"),
        }
    }
}

/// The three optional fields of one credential in one provider table.
pub(crate) struct SecretFields<'a> {
    /// `token`, `api_key` or `password`.
    pub base: &'static str,
    pub env: Option<&'a Spanned<String>>,
    pub command: Option<&'a Spanned<String>>,
    pub inline: Option<&'a Spanned<String>>,
}

impl SecretFields<'_> {
    /// Exactly one of the three must be set.
    pub(crate) fn choose(
        &self,
        ctx: &FileCtx<'_>,
        table: &str,
        table_span: std::ops::Range<usize>,
    ) -> Result<SecretSource, ConfigError> {
        let base = self.base;
        let set: Vec<SecretSource> = [
            self.env.map(|s| SecretSource::Env(s.clone())),
            self.command.map(|s| SecretSource::Command(s.clone())),
            self.inline.map(|s| SecretSource::Inline(s.clone())),
        ]
        .into_iter()
        .flatten()
        .collect();
        match set.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(ConfigError::Invalid {
                at: ctx.at(table_span.start),
                key: table.to_owned(),
                message: format!("no credential: set one of {base}_env, {base}_command or {base}"),
            }),
            [_, second, ..] => Err(ConfigError::Invalid {
                at: ctx.at(second.span().start),
                key: format!("{table}.{}", second.key(base)),
                message: format!(
                    "more than one credential source: set only one of {base}_env, {base}_command or {base}"
                ),
            }),
        }
    }
}

impl SecretSource {
    fn span(&self) -> std::ops::Range<usize> {
        match self {
            SecretSource::Env(s) | SecretSource::Command(s) | SecretSource::Inline(s) => s.span(),
        }
    }

    fn key(&self, base: &str) -> String {
        match self {
            SecretSource::Env(_) => format!("{base}_env"),
            SecretSource::Command(_) => format!("{base}_command"),
            SecretSource::Inline(_) => base.to_owned(),
        }
    }

    /// Says where the value comes from, never what it is.
    pub(crate) fn hint(&self, base: &str, profile: &str) -> String {
        match self {
            SecretSource::Env(var) => format!("{base}_env {} in profile {profile}", var.get_ref()),
            SecretSource::Command(cmd) => format!(
                "{base}_command `{}` in profile {profile}",
                first_word(cmd.get_ref())
            ),
            SecretSource::Inline(_) => format!("inline {base} in profile {profile}"),
        }
    }

    /// Reads the value: looks up the variable, runs the command, or checks the file's mode.
    pub(crate) fn resolve(
        &self,
        ctx: &FileCtx<'_>,
        table: &str,
        base: &str,
    ) -> Result<Secret, ConfigError> {
        let key = format!("{table}.{}", self.key(base));
        let at = ctx.at(self.span().start);
        match self {
            SecretSource::Env(var) => match std::env::var(var.get_ref()) {
                Ok(v) if !v.trim().is_empty() => Ok(Secret::new(v.trim())),
                _ => Err(ConfigError::EnvNotSet {
                    at,
                    key,
                    var: var.get_ref().clone(),
                }),
            },
            SecretSource::Command(cmd) => {
                run_secret_command(cmd.get_ref()).map_err(|reason| ConfigError::CommandFailed {
                    at,
                    key,
                    program: first_word(cmd.get_ref()).to_owned(),
                    reason,
                })
            }
            SecretSource::Inline(value) => match ctx.mode {
                Some(mode) if mode & 0o077 != 0 => Err(ConfigError::InsecureInlineSecret {
                    at,
                    key: format!("{table}.{base}"),
                    base: base.to_owned(),
                    mode: mode & 0o777,
                }),
                _ if value.get_ref().is_empty() => Err(ConfigError::Invalid {
                    at,
                    key,
                    message: "is empty".to_owned(),
                }),
                _ => Ok(Secret::new(value.get_ref().clone())),
            },
        }
    }
}

fn first_word(cmd: &str) -> &str {
    cmd.split_whitespace().next().unwrap_or("")
}

/// Runs `sh -c cmd` once. The error text never contains the command's output, which may
/// hold the secret or part of it.
fn run_secret_command(cmd: &str) -> Result<Secret, String> {
    if cmd.trim().is_empty() {
        return Err("is empty".to_owned());
    }
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not be started: {e}"))?;
    // Drain stdout on another thread so a large output cannot block the child forever.
    let reader = child.stdout.take().map(|mut out| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = out.read_to_end(&mut buf);
            buf
        })
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > COMMAND_DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "did not finish within {}s",
                    COMMAND_DEADLINE.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("could not be waited for: {e}")),
        }
    };
    let output = reader.and_then(|h| h.join().ok()).unwrap_or_default();
    if !status.success() {
        return Err(match status.code() {
            Some(code) => format!("exited with status {code}"),
            None => "was killed by a signal".to_owned(),
        });
    }
    let text =
        String::from_utf8(output).map_err(|_| "printed bytes that are not UTF-8".to_owned())?;
    let value = text.trim();
    if value.is_empty() {
        return Err("printed nothing".to_owned());
    }
    Ok(Secret::new(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_output_is_trimmed() {
        let s = run_secret_command("printf '  tok\\n'").expect("runs");
        assert_eq!(s.expose(), "tok");
    }

    #[test]
    fn failing_command_reports_status_not_output() {
        let e = run_secret_command("echo hunter2; exit 3").expect_err("fails");
        assert_eq!(e, "exited with status 3");
        let e = run_secret_command("true").expect_err("empty");
        assert_eq!(e, "printed nothing");
    }
}
