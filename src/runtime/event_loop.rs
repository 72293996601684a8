//! The event loop: one `select!` over terminal events, answers from tasks, the animation
//! tick (only while something animates) and shutdown. Generic over the backend and the
//! input stream, so tests drive the real loop with `TestBackend` and scripted events.

use super::executor::{Executor, LoopAction, QueryRunner};
use super::input::{Arrival, pointer, to_msg};
use crate::app::msg::Msg;
use crate::app::state::{State, Toast, ToastLevel};
use crate::app::update::{start, update};
use crate::ui::{self, Theme};
use base64::Engine;
use futures_util::{FutureExt, Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use std::future::Future;
use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// Input events taken in one go before the next frame.
const INPUT_PER_FRAME: usize = 16 * 1024;

/// Spinner frame interval.
const TICK: Duration = Duration::from_millis(80);

/// Writes raw escape sequences (OSC 52) past the cell buffer.
pub trait RawWrite {
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()>;
}

impl<W: Write> RawWrite for CrosstermBackend<W> {
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.write_all(bytes)?;
        Write::flush(self)
    }
}

impl RawWrite for TestBackend {
    fn write_raw(&mut self, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }
}

/// OSC 52 "set clipboard" sequence; terminals and tmux (set-clipboard on) forward it, so it
/// works over SSH.
pub fn osc52(text: &str) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07").into_bytes()
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// Shutdown was requested (SIGTERM, SIGHUP).
    Shutdown,
    /// The input stream ended (the terminal went away).
    InputClosed,
}

/// How long quitting waits for writes under way (their answer and audit line).
const WRITE_GRACE: Duration = Duration::from_secs(30);

/// How long quitting waits for state files being saved (a small local file each).
const SAVE_GRACE: Duration = Duration::from_secs(5);

/// Runs until the user quits, `shutdown` resolves or the input ends. Whatever the way out,
/// writes under way are waited for (at most `WRITE_GRACE`) so that none is cut off between
/// the provider and the audit log.
pub async fn run<B, S, I, F>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    theme: &Theme,
    input: S,
    runner: Arc<dyn QueryRunner>,
    shutdown: F,
) -> io::Result<Exit>
where
    B: Backend + RawWrite,
    B::Error: Into<io::Error>,
    S: Stream<Item = io::Result<I>> + Unpin,
    I: Arrival,
    F: Future<Output = ()>,
{
    let (tx, rx) = mpsc::unbounded_channel::<Msg>();
    let mut executor = Executor::new(runner, tx);
    let exit = run_until_exit(terminal, state, theme, input, &mut executor, rx, shutdown).await;
    let writes = executor.writes_in_flight();
    if writes > 0 {
        let id = state.next_toast_id();
        state.toast = Some(Toast {
            id,
            level: ToastLevel::Warning,
            text: format!("finishing {writes} write(s) under way before quitting…"),
        });
        let _ = terminal.draw(|f| ui::render(f, state, theme));
        executor.finish_writes(WRITE_GRACE).await;
    }
    executor.finish_saves(SAVE_GRACE).await;
    exit
}

async fn run_until_exit<B, S, I, F>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    theme: &Theme,
    mut input: S,
    executor: &mut Executor,
    mut rx: mpsc::UnboundedReceiver<Msg>,
    shutdown: F,
) -> io::Result<Exit>
where
    B: Backend + RawWrite,
    B::Error: Into<io::Error>,
    S: Stream<Item = io::Result<I>> + Unpin,
    I: Arrival,
    F: Future<Output = ()>,
{
    let size = terminal.size().map_err(Into::into)?;
    update(state, ui::resized(size.width, size.height));
    let mut pending = start(state);
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The date moves on: one timer, at the next UTC midnight (idle otherwise).
    let midnight = tokio::time::sleep(until_midnight(chrono::Utc::now()));
    tokio::pin!(shutdown, midnight);
    let mut clock = Clock::new();
    loop {
        if let Some(exit) = perform(terminal, executor, &mut pending)? {
            return Ok(exit);
        }
        if state.quit {
            return Ok(Exit::Quit);
        }
        if state.dirty {
            terminal
                .draw(|f| ui::render(f, state, theme))
                .map_err(Into::into)?;
            state.dirty = false;
            // What was drawn is on screen from now: a confirmation counts its guard time
            // from here.
            let at = clock.now();
            handle(state, executor, Msg::Drawn { at }, &mut pending);
            if let Some(exit) = perform(terminal, executor, &mut pending)? {
                return Ok(exit);
            }
        }
        let animating = state.animating();
        let msg = tokio::select! {
            biased;
            () = &mut shutdown => return Ok(Exit::Shutdown),
            event = input.next() => match event {
                Some(Ok(item)) => {
                    take_input(state, executor, &mut clock, item, &mut pending);
                    None
                }
                Some(Err(e)) => return Err(e),
                None => return Ok(Exit::InputClosed),
            },
            Some(msg) = rx.recv() => Some(msg),
            _ = tick.tick(), if animating => Some(Msg::Tick),
            () = &mut midnight => {
                let now = chrono::Utc::now();
                midnight
                    .as_mut()
                    .reset(tokio::time::Instant::now() + until_midnight(now));
                Some(Msg::Today(now.date_naive()))
            }
        };
        if let Some(msg) = msg {
            handle(state, executor, msg, &mut pending);
        }
        // Drain what is already queued before drawing: one frame for a burst of messages,
        // and every input event already read (a paste of thousands of keys), a bounded
        // number per frame so the screen still follows a huge burst.
        while let Ok(msg) = rx.try_recv() {
            handle(state, executor, msg, &mut pending);
        }
        for _ in 0..INPUT_PER_FRAME {
            match input.next().now_or_never() {
                Some(Some(Ok(item))) => {
                    take_input(state, executor, &mut clock, item, &mut pending);
                }
                Some(Some(Err(e))) => return Err(e),
                Some(None) => return Ok(Exit::InputClosed),
                None => break,
            }
        }
    }
}

/// Runs the effects `update` asked for; `Some` when one of them ends the loop.
fn perform<B>(
    terminal: &mut Terminal<B>,
    executor: &mut Executor,
    pending: &mut Vec<crate::app::Effect>,
) -> io::Result<Option<Exit>>
where
    B: Backend + RawWrite,
{
    let mut effects = pending.drain(..);
    while let Some(effect) = effects.next() {
        match executor.perform(effect) {
            LoopAction::None => {}
            LoopAction::Quit => {
                // What the same messages asked to keep (the recent item of a detail just
                // shown) is still saved: quitting at once must not lose it.
                for rest in effects.filter(|e| {
                    matches!(
                        e,
                        crate::app::Effect::Remember { .. }
                            | crate::app::Effect::SaveHistory { .. }
                    )
                }) {
                    executor.perform(rest);
                }
                return Ok(Some(Exit::Quit));
            }
            LoopAction::Clipboard(text) => {
                terminal.backend_mut().write_raw(&osc52(&text))?;
            }
            LoopAction::MouseCapture(on) => {
                terminal
                    .backend_mut()
                    .write_raw(super::terminal::mouse_modes(on))?;
            }
        }
    }
    Ok(None)
}

/// The loop's monotonic clock in milliseconds (tokio's, so it agrees with the timers), and
/// the last arrival time told to the app.
struct Clock {
    epoch: tokio::time::Instant,
    told: Option<u64>,
}

impl Clock {
    fn new() -> Clock {
        Clock {
            epoch: tokio::time::Instant::now(),
            told: None,
        }
    }

    fn ms(&self, at: tokio::time::Instant) -> u64 {
        u64::try_from(at.saturating_duration_since(self.epoch).as_millis()).unwrap_or(u64::MAX)
    }

    fn now(&self) -> u64 {
        self.ms(tokio::time::Instant::now())
    }
}

/// One input event: its arrival time goes to the app first when it differs from the last
/// one told (once per read, not per key), then the event as a message.
fn take_input<I: Arrival>(
    state: &mut State,
    executor: &mut Executor,
    clock: &mut Clock,
    item: I,
    pending: &mut Vec<crate::app::Effect>,
) {
    let (event, arrived) = item.into_parts();
    // A mouse event is resolved against the layout of the state it arrives in.
    let msg = match event {
        crossterm::event::Event::Mouse(mouse) => pointer(mouse, state),
        other => to_msg(other),
    };
    let Some(msg) = msg else {
        return;
    };
    let at = match arrived {
        Some(at) => clock.ms(tokio::time::Instant::from_std(at)),
        None => clock.now(),
    };
    if clock.told != Some(at) {
        clock.told = Some(at);
        handle(state, executor, Msg::InputAt(at), pending);
    }
    handle(state, executor, msg, pending);
}

/// Time left until the next UTC midnight (and a second, so the date has surely changed).
fn until_midnight(now: chrono::DateTime<chrono::Utc>) -> Duration {
    let next = now
        .date_naive()
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 1))
        .map(|t| t.and_utc());
    next.and_then(|t| (t - now).to_std().ok())
        .unwrap_or(Duration::from_secs(3600))
}

fn handle(
    state: &mut State,
    executor: &mut Executor,
    msg: Msg,
    pending: &mut Vec<crate::app::Effect>,
) {
    if let Msg::Reply { ticket, .. } = &msg {
        executor.finished(*ticket);
    }
    pending.extend(update(state, msg));
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// Keeps the lists it is asked to save; answers no query.
    #[derive(Default)]
    struct Keeps(std::sync::Mutex<Vec<crate::app::memory_items::ListKind>>);

    impl QueryRunner for Keeps {
        fn run(&self, _query: crate::app::Query) -> super::super::executor::ReplyFuture {
            Box::pin(async { crate::app::Reply::Recorded(Ok(())) })
        }

        fn remember(
            &self,
            list: crate::app::memory_items::ListKind,
            _file: &crate::app::memory_items::ItemsFile,
        ) -> Result<(), String> {
            self.0.lock().expect("not poisoned").push(list);
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_save_asked_with_the_quit_is_still_made() {
        use crate::app::Effect;
        use crate::app::memory_items::{ItemsFile, ListKind};
        let runner = Arc::new(Keeps::default());
        let (tx, _rx) = mpsc::unbounded_channel();
        let mut executor = Executor::new(runner.clone(), tx);
        let mut terminal = Terminal::new(TestBackend::new(20, 4)).expect("terminal");
        let file = ItemsFile {
            version: 1,
            items: Vec::new(),
        };
        let mut pending = vec![
            Effect::Quit,
            Effect::Log("dropped".into()),
            Effect::Remember {
                list: ListKind::Recent,
                file,
            },
        ];
        let exit = perform(&mut terminal, &mut executor, &mut pending).expect("performed");
        assert!(matches!(exit, Some(Exit::Quit)));
        assert_eq!(
            *runner.0.lock().expect("not poisoned"),
            vec![ListKind::Recent]
        );
        assert!(pending.is_empty());
    }

    #[test]
    fn the_midnight_timer_fires_just_after_the_next_utc_midnight() {
        let at = |h, m, sec| {
            chrono::Utc
                .with_ymd_and_hms(2026, 12, 1, h, m, sec)
                .unwrap()
        };
        assert_eq!(until_midnight(at(23, 59, 0)), Duration::from_secs(61));
        assert_eq!(until_midnight(at(0, 0, 0)), Duration::from_secs(86_401));
        assert_eq!(
            until_midnight(at(12, 0, 0)),
            Duration::from_secs(12 * 3600 + 1)
        );
    }
}
