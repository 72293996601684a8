//! Navigation: each tab holds a stack of views (its list at the bottom, then details and
//! drilled-down lists), so going back restores exactly the row and page left. Views are
//! known by their id: a reply names the view it is for.

use super::detail::{Detail, Subject};
use super::effect::{Ticket, ViewId};
use super::list::ListPane;
use tui_input::Input;

#[derive(Debug, Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "a handful of views per tab; lists are kept inline so the common case needs no allocation"
)]
pub enum View {
    List(ListPane),
    Detail(Box<Detail>),
    Chart(Box<super::chart::ChartView>),
}

impl View {
    pub fn id(&self) -> ViewId {
        match self {
            View::List(l) => l.id,
            View::Detail(d) => d.id,
            View::Chart(c) => c.id,
        }
    }

    pub fn title(&self) -> String {
        match self {
            View::List(l) => l.title(),
            View::Detail(d) => d.subject.title(),
            View::Chart(c) => c.title(),
        }
    }

    /// Every ticket this view waits on.
    pub fn tickets(&self) -> Vec<Ticket> {
        match self {
            View::List(l) => l.loading.into_iter().collect(),
            View::Detail(d) => d.tickets(),
            View::Chart(c) => c.tickets(),
        }
    }
}

/// One tab's stack of views; the bottom one is the tab's own list and is never popped.
#[derive(Debug, Clone)]
pub struct Nav {
    pub views: Vec<View>,
}

impl Nav {
    pub fn new(list: ListPane) -> Nav {
        Nav {
            views: vec![View::List(list)],
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

/// Where a view asks to go, as data: the shell (`update`) pushes and pops views.
#[derive(Debug, Clone)]
pub enum Go {
    /// Open a detail of this subject on the focused tab.
    Detail(Box<Subject>),
    /// Open a placeholder detail that loads its subject.
    Pending(super::detail::PendingKind, String),
    /// Open a drilled-down list on the focused tab.
    List(Box<ListPane>),
    /// Open a detail already set up (its section, the promotion to select); it gets a
    /// fresh id.
    Prepared(Box<Detail>),
}

/// A `:` go-to under way: the probe in flight and those left to try.
#[derive(Debug, Clone, PartialEq)]
pub struct GoTo {
    pub ticket: Ticket,
    pub remaining: Vec<super::effect::Probe>,
    /// Said when every probe found nothing.
    pub nothing: String,
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
    /// `R` where the profile asks why masked data is shown in clear.
    RevealReason,
}

impl PromptKind {
    pub fn label(self) -> &'static str {
        match self {
            PromptKind::PageGo => "page #",
            PromptKind::GoTo => "go to or search:",
            PromptKind::BillingRange => "from..to (yyyy-mm-dd):",
            PromptKind::RevealReason => "why reveal it (recorded):",
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

/// The help overlay's search: `/` starts typing, enter keeps the text, esc clears it.
#[derive(Debug, Clone, Default)]
pub struct HelpSearch {
    pub input: Input,
    pub typing: bool,
}

impl HelpSearch {
    /// The text looked for, lower case; empty for everything.
    pub fn needle(&self) -> String {
        self.input.value().trim().to_lowercase()
    }
}

/// What a view's key handling returns to the shell: effects to run and, maybe, where to go.
#[derive(Debug, Default)]
pub struct Step {
    pub effects: Vec<super::effect::Effect>,
    pub go: Option<Go>,
}

impl Step {
    pub fn go(go: Go) -> Step {
        Step {
            effects: Vec::new(),
            go: Some(go),
        }
    }
}

impl From<Vec<super::effect::Effect>> for Step {
    fn from(effects: Vec<super::effect::Effect>) -> Step {
        Step { effects, go: None }
    }
}
