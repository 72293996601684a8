//! The data commands, `guichet list`, `guichet get` and `guichet search`: the profile's
//! clients (or the embedded demo sandbox), rows on stdout, progress and errors on stderr,
//! and exit codes scripts can trust (0 done, 1 a provider refused or failed, 2 a usage
//! error, 3 some of a search's groups failed while the others' rows were printed).

pub mod bench;
mod get;
mod list;
mod progress;
mod search;
mod table;

use super::setup::{self, SetupError};
use crate::api::Clients;
use crate::app::resources::{Owner, Res};
use crate::cli::{GetArgs, GlobalArgs, ListArgs, SearchArgs};
use crate::domain::ApiError;
use crate::domain::time::TimeShown;
use crate::sandbox::SandboxHandle;
use std::io::{self, IsTerminal, Write};

/// Why a data command stopped.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The command line asks for something the resource does not have.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Provider(Box<ApiError>),
    #[error(transparent)]
    Setup(#[from] SetupError),
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
    /// Some of a search's groups failed (each said on stderr); the others' rows were printed.
    #[error("{failed} of {of} search groups failed (see above)")]
    Groups { failed: usize, of: usize },
}

impl From<ApiError> for DataError {
    fn from(e: ApiError) -> DataError {
        DataError::Provider(Box::new(e))
    }
}

impl DataError {
    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            DataError::Usage(_) => 2,
            // Every group failed: as a provider failure. Some did: a status of its own.
            DataError::Groups { failed, of } if failed < of => 3,
            _ => 1,
        }
    }
}

/// `guichet list`: returns the exit status, having said on stderr what went wrong.
pub async fn list(global: &GlobalArgs, args: &ListArgs) -> i32 {
    let plan = match list::Plan::new(args) {
        Ok(plan) => plan,
        Err(e) => return finish(Err(e)),
    };
    finish(
        with_clients(global, |clients, time| async move {
            list::run(&clients, time, plan).await
        })
        .await,
    )
}

/// `guichet get`: returns the exit status, having said on stderr what went wrong.
pub async fn get(global: &GlobalArgs, args: &GetArgs) -> i32 {
    let plan = match get::Plan::new(args) {
        Ok(plan) => plan,
        Err(e) => return finish(Err(e)),
    };
    finish(
        with_clients(global, |clients, _| async move {
            get::run(&clients, plan).await
        })
        .await,
    )
}

/// `guichet search`: returns the exit status, having said on stderr what went wrong.
pub async fn search(global: &GlobalArgs, args: &SearchArgs) -> i32 {
    let plan = match search::Plan::new(args) {
        Ok(plan) => plan,
        Err(e) => return finish(Err(e)),
    };
    finish(
        with_clients(global, |clients, _| async move {
            search::run(&clients, plan).await
        })
        .await,
    )
}

/// Runs `body` with the profile's clients: the config's `--profile`, or with `--demo` or no
/// config file the embedded sandbox on a free loopback port, stopped afterwards.
async fn with_clients<F, Fut>(global: &GlobalArgs, body: F) -> Result<(), DataError>
where
    F: FnOnce(Clients, TimeShown) -> Fut,
    Fut: std::future::Future<Output = Result<(), DataError>>,
{
    let (profile, sandbox): (_, Option<SandboxHandle>) = setup::resolve_profile(global).await?;
    let time = setup::time_shown(profile.time_display);
    let result = match Clients::new(&setup::api_settings(&profile)) {
        Ok(clients) => body(clients, time).await,
        Err(e) => Err(e.into()),
    };
    if let Some(sandbox) = sandbox {
        sandbox.stop().await;
    }
    result
}

fn finish(result: Result<(), DataError>) -> i32 {
    match result {
        Ok(()) => 0,
        // The reader went away (`| head`): what it wanted was written.
        Err(DataError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            tracing::warn!(error = %e, "data command failed");
            let mut err = io::stderr().lock();
            let _ = writeln!(err, "guichet: {}", one_line(&e.to_string()));
            e.exit_code()
        }
    }
}

/// Provider text on one line, without control characters that could drive the terminal.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The resource a command names (clap already checked the name).
fn resource(name: &str) -> Result<Res, DataError> {
    Res::named(name).ok_or_else(|| DataError::Usage(format!("no resource called {name:?}")))
}

/// `--user` as the list's owner, for resources whose lists belong to one (transfers: the
/// registry turns an owner into a parameter); refused by the others.
fn owner(res: Res, user: Option<&str>) -> Result<Option<Owner>, DataError> {
    let as_owner = |id: &str| Owner {
        id: id.to_string(),
        name: None,
    };
    let per_user = !res.params("", Some(&as_owner("x"))).is_empty();
    match (user.map(str::trim), per_user) {
        (Some(""), _) => Err(DataError::Usage("--user needs an id".into())),
        (Some(id), true) => Ok(Some(as_owner(id))),
        (Some(_), false) => Err(DataError::Usage(format!(
            "--user applies to transfers, not to {}",
            res.name()
        ))),
        (None, _) => Ok(None),
    }
}

/// Whether stdout is a terminal: it decides the default format.
fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}
