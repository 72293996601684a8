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

/// SIGTERM, SIGHUP and an external SIGINT (in raw mode ctrl-c is a key, not a signal).
/// The handlers are installed when this is made, before the terminal changes mode, so no
/// signal can take the default action and leave the terminal raw.
struct Termination {
    signals: Vec<(&'static str, tokio::signal::unix::Signal)>,
}

impl Termination {
    fn install() -> Termination {
        let kinds = [
            ("SIGTERM", SignalKind::terminate()),
            ("SIGHUP", SignalKind::hangup()),
            ("SIGINT", SignalKind::interrupt()),
        ];
        let signals = kinds
            .into_iter()
            .filter_map(|(name, kind)| match signal(kind) {
                Ok(s) => Some((name, s)),
                Err(e) => {
                    tracing::warn!("cannot handle {name}: {e}");
                    None
                }
            })
            .collect();
        Termination { signals }
    }

    /// Resolves when one of the signals arrives.
    async fn received(mut self) {
        if self.signals.is_empty() {
            std::future::pending::<()>().await;
        }
        let waits = self.signals.iter_mut().map(|(name, s)| {
            Box::pin(async move {
                s.recv().await;
                *name
            })
        });
        let (name, _, _) = futures_util::future::select_all(waits).await;
        tracing::info!("{name}: shutting down");
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
    let termination = Termination::install();
    let (guard, mut terminal) = TerminalGuard::enter()?;
    let result = event_loop::run(
        &mut terminal,
        &mut state,
        &theme,
        EventStream::new(),
        runner,
        termination.received(),
    )
    .await;
    drop(terminal);
    drop(guard);
    tracing::info!(?result, "console stopped");
    result
}
