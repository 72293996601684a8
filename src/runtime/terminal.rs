//! Terminal hygiene: raw mode and the alternate screen entered once, and restored on every
//! way out — normal exit, error, panic (message shown after restore and logged), SIGTERM
//! and SIGHUP (handled by the loop, which returns normally so this guard runs).

use super::sgr::Classic16;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

pub type Tty = Terminal<CrosstermBackend<BufWriter<Classic16<Stdout>>>>;

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The thread that owns the terminal: only a panic there ends the console. A panic in a
/// request task or a sandbox handler is caught where it happens and must leave the screen
/// alone.
static UI_THREAD: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen, and installs the panic hook.
    pub fn enter() -> io::Result<(TerminalGuard, Tty)> {
        let _ = UI_THREAD.set(std::thread::current().id());
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = TerminalGuard { _private: () };
        let sixteen =
            crate::ui::theme::ColorDepth::detect() == crate::ui::theme::ColorDepth::Ansi16;
        let mut out = BufWriter::with_capacity(64 * 1024, Classic16::new(io::stdout(), sixteen));
        execute!(
            out,
            EnterAlternateScreen,
            EnableBracketedPaste,
            cursor::Hide
        )?;
        let terminal = Terminal::new(CrosstermBackend::new(out))?;
        Ok((guard, terminal))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves the alternate screen and raw mode. Safe to call twice.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = disable_raw_mode();
        let _ = out.flush();
    }
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if UI_THREAD.get() != Some(&std::thread::current().id()) {
            // Caught by whoever runs that thread's work; the console goes on.
            tracing::error!(panic = %info, "a background task panicked");
            return;
        }
        // Restore first, so the message is readable and the shell usable.
        restore();
        tracing::error!(panic = %info, "guichet panicked");
        previous(info);
    }));
}
