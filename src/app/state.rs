//! The application state. Pure data: the UI renders it, `update` changes it.

use super::effect::{Effect, Query, Ticket, ViewId};
use super::form_slot::FormSlot;
use super::keymap::{Keymap, Scope};
use super::list::ListPane;
use super::msg::Msg;
use super::nav::{GoTo, Nav, Prompt, View};
use super::resources::{self, Res};
use super::search_box::{History, SearchBox};
use crate::domain::Provider;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A pane: an index into the resource registry, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tab(usize);

impl Tab {
    pub const CUSTOMERS: Tab = Tab(0);
    pub const ACCOUNTS: Tab = Tab(1);
    pub const WALLETS: Tab = Tab(2);
    pub const TRANSFERS: Tab = Tab(3);
    pub const STAYS: Tab = Tab(4);

    /// Every pane, in tab order.
    pub fn all() -> impl Iterator<Item = Tab> {
        (0..resources::ALL.len()).map(Tab)
    }

    /// The pane of a registered resource.
    pub fn of(resource: Res) -> Tab {
        Tab(resources::ALL
            .iter()
            .position(|r| *r == resource)
            .unwrap_or(0))
    }

    pub fn resource(self) -> Res {
        resources::ALL[self.0 % resources::ALL.len()]
    }

    pub fn title(self) -> &'static str {
        self.resource().title()
    }

    pub fn index(self) -> usize {
        self.0
    }

    pub fn next(self) -> Tab {
        Tab((self.0 + 1) % resources::ALL.len())
    }

    pub fn prev(self) -> Tab {
        Tab((self.0 + resources::ALL.len() - 1) % resources::ALL.len())
    }

    pub fn provider(self) -> Provider {
        self.resource().provider()
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
    /// `'`: the pins and the recent items.
    Recent(super::memory_items::RecentOverlay),
    /// `c` on a list: its columns, to show, hide and order.
    Columns(super::columns::Chooser),
}

/// A request under way: the query, which names where its answer goes.
#[derive(Debug, Clone, PartialEq)]
pub struct InFlight {
    pub query: Query,
}

/// A retry waiting for the provider's `Retry-After`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryWait {
    /// The view to refresh at zero.
    pub view: ViewId,
    /// Seconds left.
    pub left_s: u64,
    /// This countdown's own number: a tick of another one is ignored.
    pub id: u64,
}

/// How long a toast stays up.
pub const TOAST_MS: u64 = 4000;

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
    /// The one ledger of requests in flight; an answer whose ticket is not here is dropped.
    pub inflight: BTreeMap<Ticket, InFlight>,
    pub spinner: usize,
    pub toast: Option<Toast>,
    pub width: u16,
    pub height: u16,
    /// Rows a view's body gets at this size (from the UI's layout, via the runtime).
    pub body_rows: u16,
    /// Columns a list's table gets at this size (from the UI's layout, via the runtime):
    /// where column scrolling ends.
    pub table_width: u16,
    /// How timestamps are shown (UTC or local), chosen by the profile.
    pub time: crate::domain::time::TimeShown,
    pub today: NaiveDate,
    /// One stack of views per tab, in tab order.
    pub navs: Vec<Nav>,
    /// A prompt line (`#` page, `:` go to, billing range) that takes the keys.
    pub prompt: Option<Prompt>,
    /// The `:` lookup under way.
    pub goto: Option<GoTo>,
    /// The `:` box's search: its groups and the chosen hit.
    pub search: SearchBox,
    /// The texts submitted in the `:` box (loaded and kept by the runtime).
    pub goto_history: History,
    /// The write form drawn over the focused view; it takes the keys while open.
    pub form: Option<FormSlot>,
    /// The export dialog (it takes the keys while open) and the export under way.
    pub export: super::export_job::ExportSlot,
    /// The MasCustomers organisation, shown in the paths a confirmation quotes.
    pub org: String,
    /// A reveal of masked data asks for a reason first (the profile's setting; production
    /// profiles by default).
    pub reveal_requires_reason: bool,
    /// The places visited this session (`H` back, `L` forward).
    pub places: super::places::Places,
    /// The recent items and the pins, kept across sessions in the state folder.
    pub remembered: super::memory_items::Remembered,
    /// What went wrong reading them at start (said once, as a toast).
    pub memory_problems: Vec<String>,
    /// The help overlay's search line.
    pub help_search: super::nav::HelpSearch,
    /// When the keys being handled arrived (ms on the runtime's monotonic clock, from
    /// `Msg::InputAt`); `None` until the runtime says.
    pub input_at: Option<u64>,
    /// Why writes are off, when they are and the runtime knows (the refusal names it).
    pub read_only_cause: Option<super::form::ReadOnlyCause>,
    /// A manual retry waiting for the provider's `Retry-After`.
    pub retry_wait: Option<RetryWait>,
    /// The start-up notice of writes the journal left unfinished; it takes the keys while up.
    pub unsettled: Option<super::unsettled::UnsettledNotice>,
    /// Customers' names by id, for the lists' customer columns.
    pub customer_names: super::names::CustomerNames,
    /// Whether the mouse is captured, and its last press (for a double click).
    pub mouse: super::pointer::MouseState,
    /// The columns each resource's lists show, in which order (kept in the state folder).
    pub columns: super::columns::ColumnChoices,
    /// Watch mode: the watched views and their countdown.
    pub watch: super::watched::Watch,
    /// Presenter mode: the last keys pressed, when shown.
    pub key_trail: super::key_trail::KeyTrail,
    /// Notices waiting for the toast now shown to expire (start-up notices, shown one
    /// after the other so none hides another).
    pub toast_queue: std::collections::VecDeque<(ToastLevel, String)>,
    /// The finished charts, by what they chart.
    pub charts: super::chart::ChartCache,
    pub quit: bool,
    /// Set by `update` when something visible changed; the runtime clears it after drawing.
    pub dirty: bool,
    next_ticket: Ticket,
    next_toast: u64,
    next_view: ViewId,
}

impl State {
    pub fn new(session: Session, keymap: Keymap, today: NaiveDate) -> State {
        let mut state = State {
            session,
            keymap,
            tab: Tab::CUSTOMERS,
            overlay: None,
            health: Provider::ALL
                .into_iter()
                .map(|p| (p, Health::Unknown))
                .collect(),
            inflight: BTreeMap::new(),
            spinner: 0,
            toast: None,
            // An 80x24 terminal's, until the runtime's first `Msg::Resize` says.
            width: 80,
            height: 24,
            body_rows: 19,
            table_width: 78,
            today,
            time: crate::domain::time::TimeShown::Utc,
            navs: Vec::new(),
            prompt: None,
            goto: None,
            search: SearchBox::default(),
            goto_history: History::default(),
            form: None,
            export: Default::default(),
            org: String::new(),
            reveal_requires_reason: false,
            places: Default::default(),
            remembered: Default::default(),
            memory_problems: Vec::new(),
            help_search: Default::default(),
            input_at: None,
            read_only_cause: None,
            retry_wait: None,
            unsettled: None,
            customer_names: Default::default(),
            mouse: Default::default(),
            columns: Default::default(),
            watch: Default::default(),
            key_trail: Default::default(),
            toast_queue: Default::default(),
            charts: Default::default(),
            quit: false,
            dirty: true,
            next_ticket: 1,
            next_toast: 1,
            next_view: 1,
        };
        for tab in Tab::all() {
            let id = state.view_id();
            state.navs.push(Nav::new(ListPane::new(id, tab.resource())));
        }
        state
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

    /// A fresh view id, never reused in this session.
    pub fn view_id(&mut self) -> ViewId {
        let v = self.next_view;
        self.next_view += 1;
        v
    }

    /// Records a request in the ledger and returns its ticket and effect.
    pub fn request(&mut self, query: Query) -> (Ticket, Effect) {
        let ticket = self.ticket();
        self.inflight.insert(
            ticket,
            InFlight {
                query: query.clone(),
            },
        );
        self.dirty = true;
        (ticket, Effect::Request { ticket, query })
    }

    /// Forgets a request whose answer is no longer wanted, and aborts it.
    pub fn cancel(&mut self, ticket: Ticket) -> Effect {
        self.inflight.remove(&ticket);
        Effect::Cancel(ticket)
    }

    /// Shows a toast and schedules its expiry.
    pub fn toast(&mut self, level: ToastLevel, text: impl Into<String>) -> Vec<Effect> {
        let id = self.next_toast_id();
        self.toast = Some(Toast {
            id,
            level,
            text: text.into(),
        });
        self.dirty = true;
        vec![Effect::Schedule {
            after_ms: TOAST_MS,
            msg: Box::new(Msg::ToastExpired(id)),
        }]
    }

    /// Shows a toast now if none is up, else once the ones before it have expired.
    pub fn queue_toast(&mut self, level: ToastLevel, text: impl Into<String>) -> Vec<Effect> {
        if self.toast.is_none() && self.toast_queue.is_empty() {
            return self.toast(level, text);
        }
        self.toast_queue.push_back((level, text.into()));
        Vec::new()
    }

    /// The view with this id, wherever it is on the stacks.
    pub fn view_by_id(&mut self, id: ViewId) -> Option<&mut View> {
        self.navs
            .iter_mut()
            .flat_map(|n| n.views.iter_mut())
            .find(|v| v.id() == id)
    }

    /// The tab whose stack holds the view `id`.
    pub fn tab_of(&self, id: ViewId) -> Option<Tab> {
        self.navs
            .iter()
            .position(|n| n.views.iter().any(|v| v.id() == id))
            .map(Tab)
    }

    pub fn list_by_id(&mut self, id: ViewId) -> Option<&mut ListPane> {
        match self.view_by_id(id)? {
            View::List(l) => Some(l),
            View::Detail(_) | View::Chart(_) => None,
        }
    }

    pub fn detail_by_id(&mut self, id: ViewId) -> Option<&mut super::detail::Detail> {
        match self.view_by_id(id)? {
            View::Detail(d) => Some(d),
            View::List(_) | View::Chart(_) => None,
        }
    }

    /// Opens a prompt line.
    pub fn open_prompt(&mut self, kind: super::nav::PromptKind) {
        self.goto_history.cursor = None;
        self.prompt = Some(Prompt {
            kind,
            input: tui_input::Input::default(),
            error: None,
        });
        self.dirty = true;
    }

    /// The id of the focused view.
    pub fn focused_id(&self) -> Option<ViewId> {
        self.view().map(View::id)
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
    pub fn list_mut(&mut self) -> Option<&mut ListPane> {
        match self.view_mut() {
            Some(View::List(l)) => Some(l),
            _ => None,
        }
    }

    /// Whether keys go to a text line (prompt or filter) rather than to bindings.
    pub fn typing(&self) -> bool {
        self.prompt.is_some() || matches!(self.view(), Some(View::List(l)) if l.filter_focused)
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
            Some(View::Detail(_) | View::Chart(_)) => Scope::Detail,
            _ => Scope::List,
        }
    }

    /// At the top level `q` quits; deeper it is not bound. True only with nothing pushed.
    pub fn at_top_level(&self) -> bool {
        self.overlay.is_none() && self.form.is_none() && !self.typing() && self.nav().depth() <= 1
    }
}

#[cfg(test)]
impl State {
    /// A demo session on the sandbox with the default keys, for the app's unit tests.
    pub(crate) fn for_tests(today: NaiveDate) -> State {
        let session = Session {
            profile: "demo".into(),
            environment: Environment::Sandbox,
            read_only: false,
            demo: true,
            insecure: false,
        };
        State::new(session, Keymap::defaults(), today)
    }
}
