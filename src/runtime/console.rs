//! Running the console in the real terminal: enter raw mode and the alternate screen, run
//! the loop until quit, SIGTERM or SIGHUP (a dropped SSH session), and restore the terminal
//! on every path.

use super::event_loop::{self, Exit};
use super::executor::QueryRunner;
use super::terminal::TerminalGuard;
use crate::app::state::State;
use crate::ui::Theme;
use crossterm::event::EventStream;
use std::io;
use std::sync::Arc;
use tokio::signal::unix::{SignalKind, signal};

/// Everything the console needs, resolved from the command line, the config and the sandbox.
pub struct ConsoleSetup {
    pub state: State,
    pub theme: Theme,
    pub runner: Arc<dyn QueryRunner>,
}

/// Resolves when SIGTERM, SIGHUP or an external SIGINT arrives (in raw mode ctrl-c is a key,
/// not a signal).
async fn termination() {
    let (Ok(mut term), Ok(mut hup), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
        signal(SignalKind::interrupt()),
    ) else {
        // Without signal handlers the loop still ends on quit or when the input closes.
        std::future::pending::<()>().await;
        return;
    };
    tokio::select! {
        _ = term.recv() => tracing::info!("SIGTERM: shutting down"),
        _ = hup.recv() => tracing::info!("SIGHUP: terminal gone, shutting down"),
        _ = int.recv() => tracing::info!("SIGINT: shutting down"),
    }
}

/// Runs the console until the user quits or a signal ends it. The terminal is restored before
/// this returns, whatever happened.
pub async fn run_console(setup: ConsoleSetup) -> io::Result<Exit> {
    let ConsoleSetup {
        mut state,
        theme,
        runner,
    } = setup;
    let (guard, mut terminal) = TerminalGuard::enter()?;
    let result = event_loop::run(
        &mut terminal,
        &mut state,
        &theme,
        EventStream::new(),
        runner,
        termination(),
    )
    .await;
    drop(terminal);
    drop(guard);
    tracing::info!(?result, "console stopped");
    result
}
