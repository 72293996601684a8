//! Running the console in the real terminal: enter raw mode and the alternate screen, run
//! the loop until quit, SIGTERM or SIGHUP (a dropped SSH session), and restore the terminal
//! on every path. A terminal that goes away (SIGHUP, EIO or EOF on the tty) is an ordinary
//! way out: writes under way are finished and recorded, then the console stops.

use super::event_loop::{self, Exit};
use super::executor::QueryRunner;
use super::input::terminal_gone;
use super::terminal::TerminalGuard;
use crate::app::state::State;
use crate::ui::Theme;
use std::io;
use std::sync::{Arc, Mutex};
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

    /// Resolves when one of the signals arrives, and leaves its name in `seen`.
    async fn received(mut self, seen: Arc<Mutex<Option<&'static str>>>) {
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
        *seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(name);
    }
}

/// How the console stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// The user quit.
    Quit,
    /// SIGTERM or an external SIGINT.
    Signal(&'static str),
    /// The terminal went away: SIGHUP, or EIO / EOF on the tty (why, in words).
    HungUp(String),
}

impl Stopped {
    /// The process's exit status: 129 (128 + SIGHUP) for a hang-up, as a shell reports it.
    pub fn exit_code(&self) -> i32 {
        match self {
            Stopped::Quit | Stopped::Signal(_) => 0,
            Stopped::HungUp(_) => 129,
        }
    }

    /// Sorts the loop's result: an I/O error on the terminal itself is a hang-up, not a
    /// failure of the console.
    pub fn from_loop(result: io::Result<Exit>, signal: Option<&'static str>) -> io::Result<Self> {
        Ok(match result {
            Ok(Exit::Quit) => Stopped::Quit,
            Ok(Exit::Shutdown) => match signal {
                Some("SIGHUP") | None => Stopped::HungUp("SIGHUP".to_owned()),
                Some(name) => Stopped::Signal(name),
            },
            Ok(Exit::InputClosed) => Stopped::HungUp("the terminal's input ended".to_owned()),
            Err(e) if terminal_gone(&e) => Stopped::HungUp(format!("terminal I/O: {e}")),
            Err(e) => return Err(e),
        })
    }
}

/// Runs the console until the user quits, a signal ends it or the terminal goes away. The
/// terminal is restored (as far as it is still there) before this returns, whatever happened.
pub async fn run_console(setup: ConsoleSetup) -> io::Result<Stopped> {
    let ConsoleSetup {
        mut state,
        theme,
        runner,
    } = setup;
    let termination = Termination::install();
    let seen = Arc::new(Mutex::new(None));
    let (guard, mut terminal) = TerminalGuard::enter(state.mouse.capture)?;
    let result = event_loop::run(
        &mut terminal,
        &mut state,
        &theme,
        super::input::terminal_events(),
        runner,
        termination.received(seen.clone()),
    )
    .await;
    // Restoring writes to the terminal; on a hung-up one the writes fail and are ignored.
    // ratatui's `Terminal` is not dropped: its drop shows the cursor and, when that write
    // fails, reports it with `eprintln!`, which panics on a closed tty. The guard shows the
    // cursor anyway; only the flush of the last frame is done here.
    let _ = ratatui::backend::Backend::flush(terminal.backend_mut());
    std::mem::forget(terminal);
    drop(guard);
    let signal = *seen
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let stopped = Stopped::from_loop(result, signal);
    match &stopped {
        Ok(Stopped::HungUp(why)) => tracing::info!("console stopped: terminal hung up ({why})"),
        Ok(how) => tracing::info!(?how, "console stopped"),
        Err(e) => tracing::error!("console stopped: {e}"),
    }
    stopped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_that_goes_away_is_a_hang_up() {
        let eio = io::Error::from_raw_os_error(5);
        let hung = Stopped::from_loop(Err(eio), None).expect("not an error");
        assert!(matches!(hung, Stopped::HungUp(_)));
        assert_eq!(hung.exit_code(), 129);
        let input = Stopped::from_loop(Ok(Exit::InputClosed), None).expect("not an error");
        assert_eq!(input.exit_code(), 129);
        let hup = Stopped::from_loop(Ok(Exit::Shutdown), Some("SIGHUP")).expect("ok");
        assert_eq!(hup, Stopped::HungUp("SIGHUP".into()));
        let term = Stopped::from_loop(Ok(Exit::Shutdown), Some("SIGTERM")).expect("ok");
        assert_eq!((term.exit_code(), term), (0, Stopped::Signal("SIGTERM")));
        assert_eq!(
            Stopped::from_loop(Ok(Exit::Quit), None).expect("ok"),
            Stopped::Quit
        );
        let other = io::Error::from(io::ErrorKind::InvalidData);
        assert!(Stopped::from_loop(Err(other), None).is_err());
    }
}
