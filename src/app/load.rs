//! A sub-request's progress, one slot per thing a view waits on.

use super::ids::Ticket;
use crate::domain::ApiError;

/// A sub-request's progress.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Load<T> {
    #[default]
    Idle,
    Loading(Ticket),
    Ready(T),
    Failed(ApiError),
}

impl<T> Load<T> {
    pub fn ticket(&self) -> Option<Ticket> {
        match self {
            Load::Loading(t) => Some(*t),
            _ => None,
        }
    }

    pub fn ready(&self) -> Option<&T> {
        match self {
            Load::Ready(v) => Some(v),
            _ => None,
        }
    }

    /// The answer to the request, whichever way it went.
    pub fn settle(&mut self, result: Result<T, ApiError>) {
        *self = match result {
            Ok(v) => Load::Ready(v),
            Err(e) => Load::Failed(e),
        };
    }
}
