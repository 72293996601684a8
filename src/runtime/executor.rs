//! Runs effects: requests as tasks (aborted when cancelled, so stale requests never queue),
//! timers, clipboard, log lines. Answers come back to the loop as messages.

use crate::app::effect::{Effect, Query, Ticket};
use crate::app::msg::{Msg, Reply};
use crate::domain::{ApiError, ErrorKind};
use futures_util::FutureExt;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

pub type ReplyFuture = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// Something that answers queries: the API clients, in production and in tests.
pub trait QueryRunner: Send + Sync + 'static {
    fn run(&self, query: Query) -> ReplyFuture;

    /// Keeps a remembered list (recent items, pins); a runner with no state folder keeps
    /// nothing. Small and written in place, so the order of saves is the order asked.
    fn remember(
        &self,
        _list: crate::app::memory_items::ListKind,
        _file: &crate::app::memory_items::ItemsFile,
    ) -> Result<(), String> {
        Ok(())
    }
}

/// The answer of a request whose task panicked, addressed like the query.
fn panicked(query: &Query) -> Reply {
    query.failure(ApiError::new(
        query.provider(),
        ErrorKind::Local,
        "internal error while handling this request",
    ))
}

/// What the loop must do itself after an effect (it owns the terminal).
pub enum LoopAction {
    None,
    Quit,
    Clipboard(String),
    /// Turn the terminal's mouse reports on or off.
    MouseCapture(bool),
}

pub struct Executor {
    runner: Arc<dyn QueryRunner>,
    exports: super::export::ExportFiles,
    tx: UnboundedSender<Msg>,
    tasks: HashMap<Ticket, AbortHandle>,
    /// Writes are never aborted (their answer and audit line must not be lost): quitting
    /// waits for them.
    writes: Vec<tokio::task::JoinHandle<()>>,
    /// State files being saved off the loop's thread (the go-to history): quitting waits
    /// for them, so what was on screen is there next time.
    saves: Vec<tokio::task::JoinHandle<()>>,
}

impl Executor {
    pub fn new(runner: Arc<dyn QueryRunner>, tx: UnboundedSender<Msg>) -> Executor {
        Executor {
            runner,
            exports: super::export::ExportFiles::new(tx.clone()),
            tx,
            tasks: HashMap::new(),
            writes: Vec::new(),
            saves: Vec::new(),
        }
    }

    pub fn perform(&mut self, effect: Effect) -> LoopAction {
        match effect {
            Effect::Request { ticket, query } => {
                let failed = panicked(&query);
                // Writes and journal records are never aborted: they must reach the disk.
                let is_write = matches!(
                    query,
                    Query::Write { .. }
                        | Query::AuditRefusal { .. }
                        | Query::AuditReveal { .. }
                        | Query::AuditResolution { .. }
                        | Query::AuditSettle { .. }
                );
                let fut = self.runner.run(query);
                let tx = self.tx.clone();
                let handle = tokio::spawn(async move {
                    // A panic in a request is an answer too: the view waiting on it must not
                    // spin forever.
                    let reply = match std::panic::AssertUnwindSafe(fut).catch_unwind().await {
                        Ok(reply) => reply,
                        Err(_) => failed,
                    };
                    let _ = tx.send(Msg::Reply { ticket, reply });
                });
                if is_write {
                    self.writes.retain(|w| !w.is_finished());
                    self.writes.push(handle);
                } else {
                    self.tasks.insert(ticket, handle.abort_handle());
                }
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
            Effect::Remember { list, file } => {
                if let Err(why) = self.runner.remember(list, &file) {
                    let _ = self.tx.send(Msg::NotRemembered(why));
                }
            }
            Effect::Export(effect) => self.exports.perform(effect),
            Effect::SaveHistory { path, text } => {
                self.saves.retain(|s| !s.is_finished());
                self.saves.push(tokio::task::spawn_blocking(move || {
                    if let Err(e) = super::history::save(&path, &text) {
                        tracing::warn!(
                            "the go-to history was not saved to {}: {e}",
                            path.display()
                        );
                    }
                }));
            }
            Effect::SaveColumns { path, file } => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    if let Err(why) = super::columns_file::save(&path, &file) {
                        let _ = tx.send(Msg::NotRemembered(why));
                    }
                });
            }
            Effect::Quit => return LoopAction::Quit,
            Effect::MouseCapture(on) => return LoopAction::MouseCapture(on),
        }
        LoopAction::None
    }

    /// Writes still under way.
    pub fn writes_in_flight(&mut self) -> usize {
        self.writes.retain(|w| !w.is_finished());
        self.writes.len()
    }

    /// Waits, at most `within`, for the writes under way to get their answer (and their
    /// audit line).
    pub async fn finish_writes(&mut self, within: std::time::Duration) {
        let writes = std::mem::take(&mut self.writes);
        if writes.is_empty() {
            return;
        }
        tracing::info!(
            count = writes.len(),
            "waiting for writes under way before quitting"
        );
        if tokio::time::timeout(within, futures_util::future::join_all(writes))
            .await
            .is_err()
        {
            tracing::error!("writes still under way after {within:?}: their outcome is unknown");
        }
    }

    /// Waits (at most `within`) for the state files still being saved.
    pub async fn finish_saves(&mut self, within: std::time::Duration) {
        let saves = std::mem::take(&mut self.saves);
        if saves.is_empty() {
            return;
        }
        if tokio::time::timeout(within, futures_util::future::join_all(saves))
            .await
            .is_err()
        {
            tracing::warn!("state files still being saved after {within:?}");
        }
    }

    /// Forgets a finished request.
    pub fn finished(&mut self, ticket: Ticket) {
        self.tasks.remove(&ticket);
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        for (_, h) in self.tasks.drain() {
            h.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::{AuditSummary, WriteRequest};
    use crate::domain::Provider;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;
    use tokio::sync::{Notify, mpsc};

    /// Reads panic; writes wait for `go`, then mark `done`.
    struct Runner {
        go: Arc<Notify>,
        done: Arc<AtomicBool>,
    }

    impl QueryRunner for Runner {
        fn run(&self, query: Query) -> ReplyFuture {
            let (go, done) = (Arc::clone(&self.go), Arc::clone(&self.done));
            Box::pin(async move {
                if let Query::Write { .. } = query {
                    go.notified().await;
                    done.store(true, Ordering::SeqCst);
                    Reply::Written(Ok(crate::app::form::WriteOk::NoContent))
                } else {
                    panic!("a bug in a request")
                }
            })
        }
    }

    fn write() -> Query {
        let request = WriteRequest::CancelPromotion {
            account_id: "a".into(),
            promotion_id: "p".into(),
            cancellation_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        };
        let summary = AuditSummary {
            action: "promotion.cancel",
            target_ids: vec![],
            key: None,
            summary: String::new(),
        };
        Query::Write {
            wire: Box::new(request.wire("org")),
            request: Box::new(request),
            summary: Box::new(summary),
        }
    }

    fn executor() -> (
        Executor,
        mpsc::UnboundedReceiver<Msg>,
        Arc<Notify>,
        Arc<AtomicBool>,
    ) {
        let (go, done) = (Arc::new(Notify::new()), Arc::new(AtomicBool::new(false)));
        let (tx, rx) = mpsc::unbounded_channel();
        let runner = Runner {
            go: Arc::clone(&go),
            done: Arc::clone(&done),
        };
        (Executor::new(Arc::new(runner), tx), rx, go, done)
    }

    #[tokio::test]
    async fn a_panicking_request_still_answers() {
        let (mut ex, mut rx, _, _) = executor();
        ex.perform(Effect::Request {
            ticket: 7,
            query: Query::Health(Provider::Lyra),
        });
        let Some(Msg::Reply {
            ticket,
            reply: Reply::Health(result),
        }) = rx.recv().await
        else {
            panic!("no health reply")
        };
        assert_eq!(ticket, 7);
        let e = result.unwrap_err();
        assert_eq!((e.provider, e.kind), (Provider::Lyra, ErrorKind::Local));
    }

    #[tokio::test]
    async fn quitting_never_cuts_a_write_short() {
        let (mut ex, mut rx, go, done) = executor();
        ex.perform(Effect::Request {
            ticket: 1,
            query: write(),
        });
        // Cancelling a write does nothing: its answer must arrive.
        ex.perform(Effect::Cancel(1));
        assert_eq!(ex.writes_in_flight(), 1);
        go.notify_one();
        ex.finish_writes(Duration::from_secs(30)).await;
        assert!(done.load(Ordering::SeqCst));
        assert!(matches!(
            rx.recv().await,
            Some(Msg::Reply {
                ticket: 1,
                reply: Reply::Written(Ok(_))
            })
        ));
    }

    #[tokio::test]
    async fn dropping_the_executor_leaves_writes_running() {
        let (mut ex, mut rx, go, done) = executor();
        ex.perform(Effect::Request {
            ticket: 2,
            query: write(),
        });
        drop(ex);
        go.notify_one();
        assert!(matches!(
            rx.recv().await,
            Some(Msg::Reply {
                ticket: 2,
                reply: Reply::Written(Ok(_))
            })
        ));
        assert!(done.load(Ordering::SeqCst));
    }
}
