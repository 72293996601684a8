//! Messages: everything that can change the state.

use super::effect::Ticket;
use super::key::Key;
use crate::domain::ApiError;

/// The answer to a `Query`, as data.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A health check succeeded in this many milliseconds.
    Health { latency_ms: u64 },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key press from the terminal.
    Key(Key),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The terminal was resized.
    Resize { width: u16, height: u16 },
    /// Animation tick, sent only while something animates (a spinner, a toast).
    Tick,
    /// The answer to the request `ticket`.
    Reply {
        ticket: Ticket,
        result: Result<Reply, ApiError>,
    },
    /// A toast's time is up.
    ToastExpired(u64),
}
