//! The terminal's input: events read on a thread of their own as fast as they arrive, and
//! their translation into messages.

use crate::app::key::{Key, KeyCode};
use crate::app::msg::Msg;
use crate::app::pointer::{Pointer, PointerKind};
use crate::app::state::State;
use crossterm::event::{
    Event, KeyCode as CtCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use futures_util::Stream;
use std::io;
use std::time::Instant;
use tokio::sync::mpsc;

/// A terminal event and when the input thread read it.
#[derive(Debug, Clone)]
pub struct Stamped {
    pub event: Event,
    pub at: Instant,
}

/// An input item for the loop: an event, and when it arrived if the reader knows (a
/// scripted event does not: the loop then takes the moment it takes the event).
pub trait Arrival {
    fn into_parts(self) -> (Event, Option<Instant>);
}

impl Arrival for Event {
    fn into_parts(self) -> (Event, Option<Instant>) {
        (self, None)
    }
}

impl Arrival for Stamped {
    fn into_parts(self) -> (Event, Option<Instant>) {
        (self.event, Some(self.at))
    }
}

/// The terminal's events. A thread reads them one after the other with crossterm's
/// blocking `read` (level-triggered with the `use-dev-tty` source), so every byte of a burst
/// becomes an event at once and the loop can take them all before drawing; each is stamped
/// with when it was read (a confirmation takes no key typed before it was on screen). The
/// stream ends when the terminal goes away (EIO, EOF): the console then stops as on a
/// hang-up.
pub fn terminal_events() -> impl Stream<Item = io::Result<Stamped>> + Unpin {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let spawned = std::thread::Builder::new()
        .name("tty-input".into())
        .spawn(move || read_events(&tx));
    if let Err(e) = spawned {
        tracing::error!("cannot start the input thread: {e}");
    }
    // `try_recv` first: `poll_recv` counts against tokio's cooperative budget and would
    // say "nothing ready" every 128 events, so a burst would cost a frame per 128 keys.
    futures_util::stream::poll_fn(move |cx| match rx.try_recv() {
        Ok(event) => std::task::Poll::Ready(Some(event)),
        Err(mpsc::error::TryRecvError::Empty) => rx.poll_recv(cx),
        Err(mpsc::error::TryRecvError::Disconnected) => std::task::Poll::Ready(None),
    })
}

fn read_events(tx: &mpsc::UnboundedSender<io::Result<Stamped>>) {
    loop {
        match crossterm::event::read() {
            Ok(event) => {
                let at = Instant::now();
                for event in split_escape(event) {
                    if tx.send(Ok(Stamped { event, at })).is_err() {
                        return;
                    }
                }
            }
            Err(e) if terminal_gone(&e) => {
                tracing::info!("terminal input ended: {e}");
                return;
            }
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        }
    }
}

/// EIO is what a read on a hung-up tty returns; EOF and a closed descriptor say the same.
pub fn terminal_gone(e: &io::Error) -> bool {
    const EIO: i32 = 5;
    const EBADF: i32 = 9;
    matches!(e.raw_os_error(), Some(EIO | EBADF))
        || matches!(
            e.kind(),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::BrokenPipe
        )
}

/// Over a terminal, Alt+key and Esc followed by the key are the same bytes (`\x1bj`), and
/// over a slow link Esc and the next key often arrive in one read. The console binds Esc
/// and no Alt key, so an Alt key is taken as Esc, then the key: neither is lost.
pub fn split_escape(event: Event) -> impl Iterator<Item = Event> {
    let (esc, event) = match event {
        Event::Key(key) if key.modifiers.contains(KeyModifiers::ALT) => {
            let mut plain = key;
            plain.modifiers.remove(KeyModifiers::ALT);
            let esc = KeyEvent::new_with_kind(CtCode::Esc, KeyModifiers::NONE, key.kind);
            (Some(Event::Key(esc)), Event::Key(plain))
        }
        other => (None, other),
    };
    esc.into_iter().chain(std::iter::once(event))
}

/// A crossterm event as a message; `None` for events the console ignores.
pub fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => to_key(key).map(Msg::Key),
        Event::Resize(width, height) => Some(crate::ui::resized(width, height)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        _ => None,
    }
}

/// A mouse event as a message, with what it hit on the screen `state` lays out; `None` for
/// the events the console ignores (releases, drags, moves, other buttons). A press with
/// shift (or another modifier) is left alone too: terminals that still report it give it to
/// their own text selection.
pub fn pointer(event: MouseEvent, state: &State) -> Option<Msg> {
    let kind = match event.kind {
        MouseEventKind::Down(MouseButton::Left) if event.modifiers.is_empty() => PointerKind::Press,
        MouseEventKind::ScrollUp => PointerKind::WheelUp,
        MouseEventKind::ScrollDown => PointerKind::WheelDown,
        _ => return None,
    };
    Some(Msg::Mouse(Pointer {
        kind,
        column: event.column,
        row: event.row,
        hit: crate::ui::hit::hit(state, event.column, event.row),
    }))
}

pub fn to_key(event: KeyEvent) -> Option<Key> {
    let m = event.modifiers;
    let code = match event.code {
        CtCode::Char(c) => KeyCode::Char(c),
        CtCode::Enter => KeyCode::Enter,
        CtCode::Esc => KeyCode::Esc,
        CtCode::Backspace => KeyCode::Backspace,
        CtCode::Tab if m.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        CtCode::Tab => KeyCode::Tab,
        CtCode::BackTab => KeyCode::BackTab,
        CtCode::Up => KeyCode::Up,
        CtCode::Down => KeyCode::Down,
        CtCode::Left => KeyCode::Left,
        CtCode::Right => KeyCode::Right,
        CtCode::Home => KeyCode::Home,
        CtCode::End => KeyCode::End,
        CtCode::PageUp => KeyCode::PageUp,
        CtCode::PageDown => KeyCode::PageDown,
        CtCode::Delete => KeyCode::Delete,
        CtCode::Insert => KeyCode::Insert,
        CtCode::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let printable = matches!(code, KeyCode::Char(_));
    let ctrl = m.contains(KeyModifiers::CONTROL);
    let code = match code {
        // Ctrl combinations are matched on the lower-case letter.
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Some(Key {
        code,
        ctrl,
        alt: m.contains(KeyModifiers::ALT),
        // Shift is already in the character for printable keys, and in BackTab.
        shift: m.contains(KeyModifiers::SHIFT) && !printable && code != KeyCode::BackTab,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_shift_into_characters() {
        let ev = KeyEvent::new(CtCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(to_key(ev), Some(Key::char('G')));
        let ev = KeyEvent::new(CtCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(to_key(ev), Some(Key::plain(KeyCode::BackTab)));
        let ev = KeyEvent::new(
            CtCode::Char('C'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(to_key(ev), Some(Key::ctrl('c')));
    }

    #[test]
    fn esc_then_a_key_in_one_read_is_both_keys() {
        let alt_j = Event::Key(KeyEvent::new(CtCode::Char('j'), KeyModifiers::ALT));
        let keys: Vec<Option<Msg>> = split_escape(alt_j).map(to_msg).collect();
        assert_eq!(
            keys,
            vec![
                Some(Msg::Key(Key::plain(KeyCode::Esc))),
                Some(Msg::Key(Key::char('j')))
            ]
        );
        let enter = Event::Key(KeyEvent::new(CtCode::Enter, KeyModifiers::ALT));
        assert_eq!(split_escape(enter).count(), 2);
        let plain = Event::Key(KeyEvent::new(CtCode::Char('j'), KeyModifiers::NONE));
        assert_eq!(split_escape(plain).count(), 1);
        let resize = Event::Resize(80, 24);
        assert_eq!(
            split_escape(resize).collect::<Vec<_>>(),
            vec![Event::Resize(80, 24)]
        );
    }

    #[test]
    fn only_plain_left_presses_and_the_wheel_reach_the_app() {
        use crate::app::state::{Environment, Session};
        let session = Session {
            profile: "t".into(),
            environment: Environment::Sandbox,
            read_only: true,
            demo: true,
            insecure: false,
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let state = State::new(session, crate::app::Keymap::defaults(), today);
        let event = |kind, modifiers| MouseEvent {
            kind,
            column: 3,
            row: 1,
            modifiers,
        };
        let kind_of = |kind, modifiers| match pointer(event(kind, modifiers), &state) {
            Some(Msg::Mouse(p)) => Some(p.kind),
            _ => None,
        };
        let none = KeyModifiers::NONE;
        let left = MouseButton::Left;
        assert_eq!(
            kind_of(MouseEventKind::Down(left), none),
            Some(PointerKind::Press)
        );
        assert_eq!(
            kind_of(MouseEventKind::ScrollDown, none),
            Some(PointerKind::WheelDown)
        );
        assert_eq!(
            kind_of(MouseEventKind::ScrollUp, KeyModifiers::SHIFT),
            Some(PointerKind::WheelUp)
        );
        assert_eq!(kind_of(MouseEventKind::Up(left), none), None);
        assert_eq!(kind_of(MouseEventKind::Drag(left), none), None);
        assert_eq!(kind_of(MouseEventKind::Moved, none), None);
        assert_eq!(
            kind_of(MouseEventKind::Down(MouseButton::Right), none),
            None
        );
        assert_eq!(
            kind_of(MouseEventKind::Down(left), KeyModifiers::SHIFT),
            None
        );
        // The cell is resolved against the layout: (3, 1) is the first tab.
        let hit = match pointer(event(MouseEventKind::Down(left), none), &state) {
            Some(Msg::Mouse(p)) => p.hit,
            other => panic!("{other:?}"),
        };
        assert_eq!(hit, Some(crate::app::pointer::Hit::Tab(0)));
    }

    #[test]
    fn a_hung_up_terminal_is_gone() {
        assert!(terminal_gone(&io::Error::from_raw_os_error(5)));
        assert!(terminal_gone(&io::Error::from(
            io::ErrorKind::UnexpectedEof
        )));
        assert!(!terminal_gone(&io::Error::from(io::ErrorKind::InvalidData)));
    }

    /// Property: random bytes typed as keys, pastes (huge, with controls), Alt keys,
    /// mouse events (anywhere, on or off the screen) and resizes, through the real loop on a `TestBackend`, never panic and end cleanly when
    /// the input ends. 64 cases of up to 300 events each.
    mod fuzz {
        use super::*;
        use crate::app::Keymap;
        use crate::app::state::{Environment, Session, State};
        use crate::domain::{ApiError, ErrorKind, Provider};
        use crate::runtime::event_loop::{Exit, run};
        use crate::runtime::executor::{QueryRunner, ReplyFuture};
        use crate::ui::{ColorDepth, Theme};
        use proptest::prelude::*;
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        use std::sync::Arc;

        /// `TestBackend` with the loop's error type.
        struct Screen(TestBackend);

        fn never(e: std::convert::Infallible) -> io::Error {
            match e {}
        }

        impl ratatui::backend::Backend for Screen {
            type Error = io::Error;
            fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
            where
                I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
            {
                self.0.draw(content).map_err(never)
            }
            fn hide_cursor(&mut self) -> io::Result<()> {
                self.0.hide_cursor().map_err(never)
            }
            fn show_cursor(&mut self) -> io::Result<()> {
                self.0.show_cursor().map_err(never)
            }
            fn get_cursor_position(&mut self) -> io::Result<ratatui::layout::Position> {
                self.0.get_cursor_position().map_err(never)
            }
            fn set_cursor_position<P: Into<ratatui::layout::Position>>(
                &mut self,
                p: P,
            ) -> io::Result<()> {
                self.0.set_cursor_position(p).map_err(never)
            }
            fn clear(&mut self) -> io::Result<()> {
                self.0.clear().map_err(never)
            }
            fn clear_region(&mut self, t: ratatui::backend::ClearType) -> io::Result<()> {
                self.0.clear_region(t).map_err(never)
            }
            fn size(&self) -> io::Result<ratatui::layout::Size> {
                self.0.size().map_err(never)
            }
            fn window_size(&mut self) -> io::Result<ratatui::backend::WindowSize> {
                self.0.window_size().map_err(never)
            }
            fn flush(&mut self) -> io::Result<()> {
                self.0.flush().map_err(never)
            }
        }

        impl crate::runtime::event_loop::RawWrite for Screen {
            fn write_raw(&mut self, _bytes: &[u8]) -> io::Result<()> {
                Ok(())
            }
        }

        /// Every query fails at once: the input path is what is under test.
        struct Refuse;

        impl QueryRunner for Refuse {
            fn run(&self, query: crate::app::Query) -> ReplyFuture {
                let failed = query.failure(ApiError::new(
                    Provider::Mascustomers,
                    ErrorKind::Local,
                    "offline",
                ));
                Box::pin(async move { failed })
            }
        }

        fn code() -> impl Strategy<Value = CtCode> {
            prop_oneof![
                4 => any::<char>().prop_map(CtCode::Char),
                1 => (0u8..128).prop_map(|b| CtCode::Char(char::from(b))),
                1 => prop::sample::select(vec![
                    CtCode::Enter, CtCode::Esc, CtCode::Tab, CtCode::BackTab, CtCode::Backspace,
                    CtCode::Up, CtCode::Down, CtCode::Left, CtCode::Right, CtCode::Home,
                    CtCode::End, CtCode::PageUp, CtCode::PageDown, CtCode::Delete, CtCode::F(5),
                ]),
            ]
        }

        fn mouse_kind() -> impl Strategy<Value = MouseEventKind> {
            prop::sample::select(vec![
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::Up(MouseButton::Left),
                MouseEventKind::Drag(MouseButton::Left),
                MouseEventKind::Down(MouseButton::Right),
                MouseEventKind::Moved,
                MouseEventKind::ScrollUp,
                MouseEventKind::ScrollDown,
            ])
        }

        fn event() -> impl Strategy<Value = Event> {
            prop_oneof![
                8 => (code(), 0u8..16).prop_map(|(c, m)| {
                    Event::Key(KeyEvent::new(c, KeyModifiers::from_bits_truncate(m)))
                }),
                1 => prop::collection::vec(any::<u8>(), 0..512)
                    .prop_map(|b| Event::Paste(String::from_utf8_lossy(&b).into_owned())),
                1 => Just(Event::Paste("x\u{1b}[31m\u{200b}".repeat(20_000))),
                1 => (0u16..300, 0u16..120).prop_map(|(w, h)| Event::Resize(w, h)),
                2 => (mouse_kind(), 0u16..400, 0u16..200, 0u8..16).prop_map(|(kind, column, row, m)| {
                    Event::Mouse(MouseEvent {
                        kind,
                        column,
                        row,
                        modifiers: KeyModifiers::from_bits_truncate(m),
                    })
                }),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
            #[test]
            fn the_loop_takes_any_input(events in prop::collection::vec(event(), 0..300)) {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                let exit = rt.block_on(async {
                    let mut terminal =
                        Terminal::new(Screen(TestBackend::new(100, 30))).expect("terminal");
                    let session = Session {
                        profile: "fuzz".into(),
                        environment: Environment::Sandbox,
                        read_only: true,
                        demo: true,
                        insecure: false,
                    };
                    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
                    let mut state = State::new(session, Keymap::defaults(), today);
                    let theme = Theme::builtin("dark", ColorDepth::Ansi16).expect("theme");
                    let input = futures_util::stream::iter(
                        events.into_iter().flat_map(split_escape).map(Ok),
                    );
                    run(&mut terminal, &mut state, &theme, input, Arc::new(Refuse),
                        std::future::pending::<()>()).await
                });
                // The burst may quit (q, ctrl-c) or run out: both are clean ends.
                prop_assert!(matches!(exit, Ok(Exit::InputClosed | Exit::Quit)), "{exit:?}");
            }
        }
    }
}
