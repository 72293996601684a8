//! A console driven without a runtime: messages go through `update`, requests are answered
//! at once from fixtures, and each frame goes through `ScreenBackend` into an emulator.
//! `full_redraw` draws the same state from nothing through ratatui's own crossterm backend
//! into a fresh emulator, which is what the incremental screen must equal.

use crate::fixtures;
use chrono::NaiveDate;
use guichet::app::detail::Subject;
use guichet::app::effect::{DetailCall, Effect, Query, SubjectRef};
use guichet::app::key::Key;
use guichet::app::msg::{DetailAnswer, Msg, Reply};
use guichet::app::resources::{Accounts, Customers, ListAnswer, Owner, Transfers, Wallets};
use guichet::app::state::{Environment, Session, State};
use guichet::app::{Keymap, update};
use guichet::domain::cashless::Wallet;
use guichet::domain::customer::{Account, Customer};
use guichet::domain::{ApiError, ErrorKind, Page};
use guichet::runtime::screen::{Features, ScreenBackend};
use guichet::ui::{self, ColorDepth, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::rc::Rc;

/// Customers the fake MasCustomers has.
const TOTAL: u64 = 2134;

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap_or(NonZeroU16::MIN)
}

pub struct Console {
    pub state: State,
    theme: Theme,
    terminal: Terminal<ScreenBackend<Vec<u8>>>,
    pub emulator: vt100::Parser,
    /// Timers (`Effect::Schedule`) not yet fired.
    timers: Vec<Msg>,
    /// Bytes of the last frame.
    pub last_frame: Vec<u8>,
}

impl Console {
    pub fn new(width: u16, height: u16, features: Features) -> Console {
        let session = Session {
            profile: "demo".into(),
            environment: Environment::Sandbox,
            read_only: false,
            demo: true,
            insecure: false,
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date");
        let state = State::new(session, Keymap::defaults(), today);
        let backend = ScreenBackend::with_size(Vec::new(), features, width, height);
        let mut console = Console {
            state,
            theme: Theme::builtin("dark", ColorDepth::Ansi256).expect("built-in theme"),
            terminal: Terminal::new(backend).expect("terminal"),
            emulator: vt100::Parser::new(nz(height), nz(width), 0),
            timers: Vec::new(),
            last_frame: Vec::new(),
        };
        console.send(guichet::ui::resized(width, height));
        let effects = guichet::app::update::start(&mut console.state);
        console.perform(effects);
        console.draw();
        console
    }

    /// A message, then the answers to what it asked for, then a frame if anything changed.
    pub fn send(&mut self, msg: Msg) {
        let effects = update(&mut self.state, msg);
        self.perform(effects);
    }

    pub fn key(&mut self, key: &str) {
        let key = Key::parse(key).unwrap_or_else(|| panic!("a key: {key}"));
        self.send(Msg::Key(key));
        self.draw();
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.emulator.set_size(nz(height), nz(width));
        self.send(guichet::ui::resized(width, height));
        self.draw();
    }

    /// Fires every pending timer (toasts expire, filters settle).
    pub fn fire_timers(&mut self) {
        for msg in std::mem::take(&mut self.timers) {
            self.send(msg);
        }
        self.draw();
    }

    fn perform(&mut self, effects: Vec<Effect>) {
        let mut queue = effects;
        while !queue.is_empty() {
            let mut next = Vec::new();
            for effect in queue {
                match effect {
                    Effect::Request { ticket, query } => {
                        let msg = Msg::Reply {
                            ticket,
                            reply: answer(query),
                        };
                        next.extend(update(&mut self.state, msg));
                    }
                    Effect::Schedule { msg, .. } => self.timers.push(*msg),
                    _ => {}
                }
            }
            queue = next;
        }
    }

    /// Draws if the state changed and feeds the bytes to the emulator.
    pub fn draw(&mut self) {
        self.last_frame.clear();
        if !self.state.dirty {
            return;
        }
        let (state, theme) = (&self.state, &self.theme);
        self.terminal
            .draw(|f| ui::render(f, state, theme))
            .expect("draw");
        self.state.dirty = false;
        self.last_frame = std::mem::take(self.terminal.backend_mut().writer_mut());
        self.emulator.process(&self.last_frame);
    }

    /// The same state drawn from nothing, the plain way, into a fresh emulator.
    pub fn full_redraw(&self) -> vt100::Parser {
        let (width, height) = (self.state.width, self.state.height);
        let bytes = Shared::default();
        let mut terminal = Terminal::with_options(
            CrosstermBackend::new(bytes.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .expect("terminal");
        terminal
            .draw(|f| ui::render(f, &self.state, &self.theme))
            .expect("draw");
        let mut parser = vt100::Parser::new(nz(height), nz(width), 0);
        drop(terminal);
        parser.process(&bytes.0.borrow());
        parser
    }

    /// Where the incremental screen differs from a full redraw: `None` when equal.
    pub fn mismatch(&self) -> Option<String> {
        let reference = self.full_redraw();
        let (a, b) = (self.emulator.screen(), reference.screen());
        let (rows, cols) = (self.state.height, self.state.width);
        for row in 0..rows {
            for col in 0..cols {
                let (x, y) = (a.cell(row, col), b.cell(row, col));
                let same = match (x, y) {
                    (Some(x), Some(y)) => {
                        blank(x.contents()) == blank(y.contents())
                            && x.fgcolor() == y.fgcolor()
                            && x.bgcolor() == y.bgcolor()
                            && x.bold() == y.bold()
                            && x.dim() == y.dim()
                            && x.italic() == y.italic()
                            && x.underline() == y.underline()
                            && x.inverse() == y.inverse()
                            && x.is_wide() == y.is_wide()
                    }
                    (None, None) => true,
                    _ => false,
                };
                if !same {
                    let line = |s: &vt100::Screen| {
                        s.rows(0, cols).nth(usize::from(row)).unwrap_or_default()
                    };
                    return Some(format!(
                        "row {row} col {col}: {:?} vs {:?}\n  shown: {}\n  full:  {}",
                        x.map(|c| (c.contents().to_string(), c.fgcolor(), c.bgcolor())),
                        y.map(|c| (c.contents().to_string(), c.fgcolor(), c.bgcolor())),
                        line(a),
                        line(b),
                    ));
                }
            }
        }
        None
    }
}

/// A cell never written and a written space look the same.
fn blank(contents: &str) -> &str {
    if contents.is_empty() { " " } else { contents }
}

/// Bytes written through a backend that does not hand its writer back.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fixtures' few rows, repeated with their own ids and external ids.
fn customer(i: usize) -> Customer {
    let mut c = fixtures::customer(i % 28);
    c.id = format!("8f0e{i:04}-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
    c.external_id = format!("C-{:06}", 123 + i);
    c
}

fn account(i: usize) -> Account {
    let mut a = fixtures::account(i % 28);
    a.id = format!("a1b2{i:04}-0000-4000-8000-00000000aaaa");
    a
}

fn wallet(i: usize) -> Wallet {
    let mut w = fixtures::wallet(i % 28);
    w.id = format!("w{i:07}-0000-4000-8000-00000000beef");
    w
}

fn page<T>(
    items: impl Fn(usize) -> T,
    request: &guichet::domain::PageRequest,
    total: u64,
) -> Page<T> {
    let start = u64::from(request.page) * u64::from(request.size);
    let end = (start + u64::from(request.size)).min(total);
    let rows = (start..end).map(|i| items(i as usize)).collect();
    Page::with_total(rows, request.page, request.size, total)
}

/// What the fake providers answer: fixtures, or an error for what they do not have.
fn answer(query: Query) -> Reply {
    let missing = || {
        query.failure(ApiError::new(
            query.provider(),
            ErrorKind::ServerError,
            "not in this test's fixtures",
        ))
    };
    match &query {
        Query::Health(_) => Reply::Health(Ok(3)),
        Query::Page(q) => {
            let p = &q.page;
            let answer = match q.resource.name() {
                "customers" => {
                    let total = if q.params.is_empty() { TOTAL } else { 7 };
                    ListAnswer::of::<Customers>(page(customer, p, total), None)
                }
                "accounts" => ListAnswer::of::<Accounts>(page(account, p, 75), None),
                "wallets" => ListAnswer::of::<Wallets>(page(wallet, p, 140), None),
                "transfers" => {
                    let mut items = page(fixtures::transfer, p, 260);
                    items.total = None;
                    ListAnswer::of::<Transfers>(
                        items,
                        Some(Owner {
                            id: "C-000123".into(),
                            name: Some("Élodie Martin".into()),
                        }),
                    )
                }
                _ => return missing(),
            };
            Reply::Page {
                view: q.view,
                result: Ok(answer),
            }
        }
        Query::Detail { view, call } => {
            let answer = match call {
                DetailCall::Subject(SubjectRef::Customer(_)) => {
                    DetailAnswer::Subject(Ok(Subject::Customer(fixtures::customer(0))))
                }
                DetailCall::Subject(SubjectRef::Account(_)) => {
                    DetailAnswer::Subject(Ok(Subject::Account(fixtures::account(0))))
                }
                DetailCall::Subject(SubjectRef::Wallet(_)) => {
                    DetailAnswer::Subject(Ok(Subject::Wallet(fixtures::wallet(0))))
                }
                DetailCall::Subject(SubjectRef::Stay(_)) => {
                    DetailAnswer::Subject(Ok(Subject::Stay(fixtures::stay())))
                }
                DetailCall::Subject(SubjectRef::Transfer { user, .. }) => {
                    DetailAnswer::Subject(Ok(Subject::Transfer {
                        user: user.clone(),
                        transfer: fixtures::transfer(0),
                    }))
                }
                DetailCall::CardToken(_) => DetailAnswer::CardToken(Ok(fixtures::card(true))),
                DetailCall::Promotions { .. } => {
                    DetailAnswer::Promotions(Ok(fixtures::promotions()))
                }
                DetailCall::BillingAddresses { .. } => {
                    DetailAnswer::BillingAddresses(Ok(fixtures::billing()))
                }
                _ => return missing(),
            };
            Reply::Detail {
                view: *view,
                answer,
            }
        }
        _ => missing(),
    }
}
