//! The application state. Pure data: the UI renders it, `update` changes it.

use super::effect::{Query, Ticket};
use super::keymap::{Keymap, Scope};
use super::nav::{AnyList, Nav, Prompt, View};
use super::resources::ListKind;
use super::write_flow::FormSlot;
use crate::domain::Provider;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The four panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tab {
    Customers,
    Accounts,
    Wallets,
    Transfers,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Customers, Tab::Accounts, Tab::Wallets, Tab::Transfers];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Customers => "Customers",
            Tab::Accounts => "Accounts",
            Tab::Wallets => "Wallets",
            Tab::Transfers => "Transfers",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }

    pub fn kind(self) -> ListKind {
        match self {
            Tab::Customers => ListKind::Customers,
            Tab::Accounts => ListKind::Accounts,
            Tab::Wallets => ListKind::Wallets,
            Tab::Transfers => ListKind::Transfers,
        }
    }

    pub fn provider(self) -> Provider {
        match self {
            Tab::Customers | Tab::Accounts => Provider::Mascustomers,
            Tab::Wallets => Provider::Pxlhub,
            Tab::Transfers => Provider::Smoney,
        }
    }
}

/// The kind of environment a profile points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Sandbox,
    Staging,
    Production,
}

impl Environment {
    pub fn label(self) -> &'static str {
        match self {
            Environment::Sandbox => "sandbox",
            Environment::Staging => "staging",
            Environment::Production => "PRODUCTION",
        }
    }
}

/// Who and where: shown in the header, checked before writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub profile: String,
    pub environment: Environment,
    pub read_only: bool,
    /// Running on the embedded sandbox with the built-in demo profile.
    pub demo: bool,
    /// Some provider is reached over plain http off loopback.
    pub insecure: bool,
}

/// Last known health of a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Unknown,
    Ok,
    Down,
    NotConfigured,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastLevel {
    Info,
    Success,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub level: ToastLevel,
    pub text: String,
}

/// An overlay drawn over everything else.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key map, generated from the bindings; `scroll` is the first line shown.
    Help { scroll: u16 },
}

/// A request under way.
#[derive(Debug, Clone, PartialEq)]
pub struct InFlight {
    pub query: Query,
}

/// Smallest terminal the layout supports.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

#[derive(Debug, Clone)]
pub struct State {
    pub session: Session,
    pub keymap: Keymap,
    pub tab: Tab,
    pub overlay: Option<Overlay>,
    pub health: BTreeMap<Provider, Health>,
    pub inflight: BTreeMap<Ticket, InFlight>,
    pub spinner: usize,
    pub toast: Option<Toast>,
    pub width: u16,
    pub height: u16,
    /// How timestamps are shown (UTC or local), chosen by the profile.
    pub time: crate::domain::time::TimeShown,
    pub today: NaiveDate,
    /// One stack of views per tab, in `Tab::ALL` order.
    pub navs: [Nav; 4],
    /// A prompt line (`#` page, `:` go to, billing range) that takes the keys.
    pub prompt: Option<Prompt>,
    /// The `:` lookup under way.
    pub goto: Option<Ticket>,
    /// The write form drawn over the focused view; it takes the keys while open.
    pub form: Option<FormSlot>,
    /// The MasCustomers organisation, shown in the paths a confirmation quotes.
    pub org: String,
    pub quit: bool,
    /// Set by `update` when something visible changed; the runtime clears it after drawing.
    pub dirty: bool,
    next_ticket: Ticket,
    next_toast: u64,
}

impl State {
    pub fn new(session: Session, keymap: Keymap, today: NaiveDate) -> State {
        State {
            session,
            keymap,
            tab: Tab::Customers,
            overlay: None,
            health: Provider::ALL
                .into_iter()
                .map(|p| (p, Health::Unknown))
                .collect(),
            inflight: BTreeMap::new(),
            spinner: 0,
            toast: None,
            width: 80,
            height: 24,
            today,
            time: crate::domain::time::TimeShown::Utc,
            navs: Tab::ALL.map(|t| Nav::new(t.kind())),
            prompt: None,
            goto: None,
            form: None,
            org: String::new(),
            quit: false,
            dirty: true,
            next_ticket: 1,
            next_toast: 1,
        }
    }

    /// A fresh ticket, never reused in this session.
    pub fn ticket(&mut self) -> Ticket {
        let t = self.next_ticket;
        self.next_ticket += 1;
        t
    }

    pub fn next_toast_id(&mut self) -> u64 {
        let t = self.next_toast;
        self.next_toast += 1;
        t
    }

    /// Whether a spinner is visible, so the runtime keeps ticking; otherwise it stays idle.
    pub fn animating(&self) -> bool {
        !self.inflight.is_empty()
    }

    /// Whether the focused view waits on a request (its title shows a spinner).
    pub fn view_loading(&self) -> bool {
        self.view().is_some_and(|v| !v.tickets().is_empty())
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    pub fn nav(&self) -> &Nav {
        &self.navs[self.tab.index()]
    }

    pub fn nav_mut(&mut self) -> &mut Nav {
        &mut self.navs[self.tab.index()]
    }

    /// The focused view: the top of the focused tab's stack.
    pub fn view(&self) -> Option<&View> {
        self.nav().top()
    }

    pub fn view_mut(&mut self) -> Option<&mut View> {
        self.nav_mut().top_mut()
    }

    /// The focused list, when the focused view is a list.
    pub fn list_mut(&mut self) -> Option<&mut AnyList> {
        match self.view_mut() {
            Some(View::List(l)) => Some(l),
            _ => None,
        }
    }

    /// Whether keys go to a text line (prompt or filter) rather than to bindings.
    pub fn typing(&self) -> bool {
        self.prompt.is_some() || matches!(self.view(), Some(View::List(l)) if l.filter_focused())
    }

    /// The scope whose bindings apply now: the focused view's.
    pub fn scope(&self) -> Scope {
        // The help overlay sits over a form: its keys are the view's (esc closes it).
        if self.overlay.is_none()
            && let Some(slot) = &self.form
        {
            return slot.scope();
        }
        if self.typing() {
            return Scope::Form;
        }
        match self.view() {
            Some(View::Detail(_)) => Scope::Detail,
            _ => Scope::List,
        }
    }

    /// At the top level `q` quits; deeper it is not bound. True only with nothing pushed.
    pub fn at_top_level(&self) -> bool {
        self.overlay.is_none() && self.form.is_none() && !self.typing() && self.nav().depth() <= 1
    }
}
