//! Terminal hygiene: raw mode and the alternate screen entered once, and restored on every
//! way out — normal exit, error, panic (message shown after restore and logged), SIGTERM
//! and SIGHUP (handled by the loop, which returns normally so this guard runs). Mouse
//! reports, when on, are turned off on every one of those ways out too. What the
//! terminal is trusted with (scroll regions, synchronized output) is settled on entry,
//! before the event stream reads the keyboard.

use super::screen::ScreenBackend;
use super::screen::features::{self, Features, SyncRule};
use super::sgr::Classic16;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use std::io::{self, BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

pub type Tty = Terminal<ScreenBackend<BufWriter<Classic16<Stdout>>>>;

static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Synchronized output is on: a frame cut short by a panic is ended on restore.
static SYNC: AtomicBool = AtomicBool::new(false);

/// The thread that owns the terminal: only a panic there ends the console. A panic in a
/// request task or a sandbox handler is caught where it happens and must leave the screen
/// alone.
static UI_THREAD: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen (with mouse reports when `mouse`), and
    /// installs the panic hook.
    pub fn enter(mouse: bool) -> io::Result<(TerminalGuard, Tty)> {
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
        if mouse {
            out.write_all(mouse_modes(true))?;
        }
        let features = settle_features(&mut out)?;
        SYNC.store(features.sync, Ordering::SeqCst);
        tracing::info!(?features, "terminal features");
        let terminal = Terminal::new(ScreenBackend::new(out, features)?)?;
        Ok((guard, terminal))
    }
}

/// Scroll regions by `TERM`; synchronized output by the environment or the terminal's own
/// answer, read here so that it never reaches the event stream.
fn settle_features(out: &mut impl Write) -> io::Result<Features> {
    use std::io::IsTerminal;
    let var = |name: &str| std::env::var(name).ok();
    let term = var("TERM");
    let over_ssh = var("SSH_CONNECTION").is_some() || var("SSH_TTY").is_some();
    let scroll_regions = features::scroll_regions(
        term.as_deref(),
        var(features::SCROLL_REGIONS_VAR).as_deref(),
    );
    let sync = match features::sync_rule(
        term.as_deref(),
        var(features::SYNC_VAR).as_deref(),
        over_ssh,
    ) {
        SyncRule::On => true,
        SyncRule::Off => false,
        // The answer comes on the terminal's input: only ask where that is standard input.
        SyncRule::Ask(_) if !io::stdin().is_terminal() => false,
        SyncRule::Ask(deadline) => {
            out.write_all(features::SYNC_QUERY)?;
            out.flush()?;
            features::await_sync_answer(deadline).unwrap_or(false)
        }
    };
    Ok(Features {
        scroll_regions,
        sync,
    })
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
        if SYNC.load(Ordering::SeqCst) {
            let _ = out.write_all(b"\x1b[?2026l");
        }
        // Whether or not the mouse was on: `M` may have turned it on since, and turning off
        // a mode that is off changes nothing.
        let _ = out.write_all(mouse_modes(false));
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

/// The mouse reports the console reads: presses and releases (1000), drags (1002), in the
/// SGR encoding (1006), which has no limit on the column; off, every mode a program may
/// have left on, any motion (1003) and urxvt's encoding (1015) included.
pub fn mouse_modes(on: bool) -> &'static [u8] {
    if on {
        b"\x1b[?1000h\x1b[?1002h\x1b[?1006h"
    } else {
        b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l"
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
