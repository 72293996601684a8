//! Effects: what `update` asks the runtime to do, as data. The runtime performs them and
//! answers with messages; nothing here does I/O.

use super::msg::Msg;
use crate::domain::Provider;

/// Identifies one request. An answer whose ticket is no longer wanted is dropped.
pub type Ticket = u64;

/// A provider call the runtime should make.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// A cheap authenticated call, to colour the provider's health dot.
    Health(Provider),
}

impl Query {
    pub fn provider(&self) -> Provider {
        match self {
            Query::Health(p) => *p,
        }
    }

    /// Short text for the status line while it runs.
    pub fn label(&self) -> String {
        match self {
            Query::Health(p) => format!("checking {p}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Start a request; its answer comes back as `Msg::Reply` with the same ticket.
    Request {
        ticket: Ticket,
        query: Query,
    },
    /// Abort a request whose answer is no longer wanted.
    Cancel(Ticket),
    /// Send `msg` back after a delay (debounce, toast expiry).
    Schedule {
        after_ms: u64,
        msg: Box<Msg>,
    },
    /// Put text on the clipboard through OSC 52 (works over SSH and in tmux).
    CopyToClipboard(String),
    /// Write a line to the log (e.g. each reveal of masked data).
    Log(String),
    Quit,
}
