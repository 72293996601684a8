//! Navigation: each tab holds a stack of views (its list at the bottom, then details and
//! drilled-down lists), so going back restores exactly the row and page left.

use super::detail::{Detail, Subject};
use super::effect::Ticket;
use super::list::ListPane;
use super::resources::ListKind;
use crate::domain::cashless::Wallet;
use crate::domain::customer::{Account, Customer};
use crate::domain::transfer::MoneyOut;
use tui_input::Input;

/// A list of any of the four resources.
#[derive(Debug, Clone)]
pub enum AnyList {
    Customers(ListPane<Customer>),
    Accounts(ListPane<Account>),
    Wallets(ListPane<Wallet>),
    Transfers(ListPane<MoneyOut>),
}

/// Runs the same code on whichever pane an `AnyList` holds.
#[macro_export]
macro_rules! with_list {
    ($any:expr, $p:ident => $body:expr) => {
        match $any {
            $crate::app::nav::AnyList::Customers($p) => $body,
            $crate::app::nav::AnyList::Accounts($p) => $body,
            $crate::app::nav::AnyList::Wallets($p) => $body,
            $crate::app::nav::AnyList::Transfers($p) => $body,
        }
    };
}

impl AnyList {
    pub fn new(kind: ListKind) -> AnyList {
        match kind {
            ListKind::Customers => AnyList::Customers(ListPane::new()),
            ListKind::Accounts => AnyList::Accounts(ListPane::new()),
            ListKind::Wallets => AnyList::Wallets(ListPane::new()),
            ListKind::Transfers => AnyList::Transfers(ListPane::new()),
        }
    }

    pub fn kind(&self) -> ListKind {
        with_list!(self, p => p.kind())
    }

    pub fn loading(&self) -> Option<Ticket> {
        with_list!(self, p => p.loading)
    }

    pub fn filter_focused(&self) -> bool {
        with_list!(self, p => p.filter_focused)
    }

    /// The detail of row `i`.
    pub fn detail_of(&self, i: usize) -> Option<Subject> {
        match self {
            AnyList::Customers(p) => p.rows.get(i).cloned().map(Subject::Customer),
            AnyList::Accounts(p) => p.rows.get(i).cloned().map(Subject::Account),
            AnyList::Wallets(p) => p.rows.get(i).cloned().map(Subject::Wallet),
            AnyList::Transfers(p) => p.rows.get(i).cloned().map(|t| Subject::Transfer {
                user: p.user.clone().unwrap_or_default(),
                transfer: t,
            }),
        }
    }

    /// Title for breadcrumbs: `Accounts of 8f0e12…`, `Transfers of C-000123`.
    pub fn title(&self) -> String {
        let noun = match self.kind() {
            ListKind::Customers => "Customers",
            ListKind::Accounts => "Accounts",
            ListKind::Wallets => "Wallets",
            ListKind::Transfers => "Transfers",
        };
        match self {
            AnyList::Transfers(p) if !p.applied.is_empty() => format!("{noun} of {}", p.applied),
            AnyList::Transfers(p) => match (&p.user, &p.user_name) {
                (Some(u), Some(n)) => format!("{noun} of {u} ({n})"),
                (Some(u), None) => format!("{noun} of {u}"),
                _ => noun.to_string(),
            },
            AnyList::Accounts(p) if !p.applied.is_empty() => {
                format!("{noun} of {}", super::detail::short_id(&p.applied))
            }
            _ => noun.to_string(),
        }
    }
}

#[derive(Debug, Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "a handful of views per tab; lists are kept inline so the common case needs no allocation"
)]
pub enum View {
    List(AnyList),
    Detail(Box<Detail>),
}

impl View {
    pub fn title(&self) -> String {
        match self {
            View::List(l) => l.title(),
            View::Detail(d) => d.subject.title(),
        }
    }

    /// Every ticket this view waits on.
    pub fn tickets(&self) -> Vec<Ticket> {
        match self {
            View::List(l) => l.loading().into_iter().collect(),
            View::Detail(d) => d.tickets(),
        }
    }
}

/// One tab's stack of views; the bottom one is the tab's own list and is never popped.
#[derive(Debug, Clone)]
pub struct Nav {
    pub views: Vec<View>,
}

impl Nav {
    pub fn new(kind: ListKind) -> Nav {
        Nav {
            views: vec![View::List(AnyList::new(kind))],
        }
    }

    pub fn top(&self) -> Option<&View> {
        self.views.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut View> {
        self.views.last_mut()
    }

    pub fn depth(&self) -> usize {
        self.views.len()
    }

    pub fn breadcrumbs(&self) -> Vec<String> {
        self.views.iter().map(View::title).collect()
    }
}

/// What a prompt line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `#`: a page number.
    PageGo,
    /// `:`: any id.
    GoTo,
    /// `b` in the billing history: `yyyy-mm-dd..yyyy-mm-dd`.
    BillingRange,
}

impl PromptKind {
    pub fn label(self) -> &'static str {
        match self {
            PromptKind::PageGo => "page #",
            PromptKind::GoTo => "go to id:",
            PromptKind::BillingRange => "from..to (yyyy-mm-dd):",
        }
    }
}

/// A one-line prompt at the bottom of the body.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: Input,
    pub error: Option<String>,
}
