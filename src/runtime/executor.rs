//! Runs effects: requests as tasks (aborted when cancelled, so stale requests never queue),
//! timers, clipboard, log lines. Answers come back to the loop as messages.

use crate::app::effect::{Effect, Query, Ticket};
use crate::app::msg::{Msg, Reply};
use crate::domain::ApiError;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

pub type ReplyFuture = Pin<Box<dyn Future<Output = Result<Reply, ApiError>> + Send>>;

/// Something that answers queries: the API clients, in production and in tests.
pub trait QueryRunner: Send + Sync + 'static {
    fn run(&self, query: Query) -> ReplyFuture;
}

/// What the loop must do itself after an effect (it owns the terminal).
pub enum LoopAction {
    None,
    Quit,
    Clipboard(String),
}

pub struct Executor {
    runner: Arc<dyn QueryRunner>,
    tx: UnboundedSender<Msg>,
    tasks: HashMap<Ticket, AbortHandle>,
}

impl Executor {
    pub fn new(runner: Arc<dyn QueryRunner>, tx: UnboundedSender<Msg>) -> Executor {
        Executor {
            runner,
            tx,
            tasks: HashMap::new(),
        }
    }

    pub fn perform(&mut self, effect: Effect) -> LoopAction {
        match effect {
            Effect::Request { ticket, query } => {
                let fut = self.runner.run(query);
                let tx = self.tx.clone();
                let handle = tokio::spawn(async move {
                    let result = fut.await;
                    let _ = tx.send(Msg::Reply { ticket, result });
                });
                self.tasks.insert(ticket, handle.abort_handle());
            }
            Effect::Cancel(ticket) => {
                // Dropping the request future aborts the HTTP request itself.
                if let Some(handle) = self.tasks.remove(&ticket) {
                    handle.abort();
                }
            }
            Effect::Schedule { after_ms, msg } => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(std::time::Duration::from_millis(after_ms)).await;
                    let _ = tx.send(*msg);
                });
            }
            Effect::CopyToClipboard(text) => return LoopAction::Clipboard(text),
            Effect::Log(line) => tracing::info!(target: "guichet::ui", "{line}"),
            Effect::Quit => return LoopAction::Quit,
        }
        LoopAction::None
    }

    /// Forgets a finished request.
    pub fn finished(&mut self, ticket: Ticket) {
        self.tasks.remove(&ticket);
    }

    pub fn in_flight(&self) -> usize {
        self.tasks.len()
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        for (_, h) in self.tasks.drain() {
            h.abort();
        }
    }
}
