//! Demo mode: the embedded sandbox starts (and seeds) in the background while the first
//! frame is already on screen. Queries made before it is ready wait for it in their own
//! tasks, so the keyboard never does.

use super::backend::ApiRunner;
use super::executor::{QueryRunner, ReplyFuture};
use crate::api::Clients;
use crate::app::effect::Query;
use crate::domain::{ApiError, ErrorKind};
use crate::sandbox::{self, SandboxHandle, SandboxOptions};
use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};
use std::sync::{Arc, Mutex};

type Ready = Shared<BoxFuture<'static, Result<Arc<ApiRunner>, String>>>;

/// The embedded sandbox being started, and then running.
pub struct DemoSandbox {
    handle: Arc<Mutex<Option<SandboxHandle>>>,
    ready: Ready,
}

/// Answers queries once the sandbox is up.
pub struct DeferredRunner {
    ready: Ready,
}

/// Starts the sandbox in a task; `build` makes the runner from the demo profile's clients.
pub fn start(
    build: impl FnOnce(Clients) -> ApiRunner + Send + 'static,
) -> (DemoSandbox, DeferredRunner) {
    let handle = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&handle);
    let task = tokio::spawn(async move {
        let sandbox = sandbox::start(SandboxOptions {
            serve_while_seeding: true,
            ..SandboxOptions::default()
        })
        .await
        .map_err(|e| format!("the embedded sandbox did not start: {e}"))?;
        tracing::info!(base_url = %sandbox.base_url(), startup = ?sandbox.startup_time(), "demo sandbox started");
        let clients = Clients::new(&super::setup::demo_settings(&sandbox.base_url()))
            .map_err(|e| e.to_string())?;
        if let Ok(mut slot) = slot.lock() {
            *slot = Some(sandbox);
        }
        Ok(Arc::new(build(clients)))
    });
    let ready: Ready = async move {
        task.await
            .map_err(|e| format!("the embedded sandbox task failed: {e}"))?
    }
    .boxed()
    .shared();
    (
        DemoSandbox {
            handle,
            ready: ready.clone(),
        },
        DeferredRunner { ready },
    )
}

impl DemoSandbox {
    /// Stops the sandbox, waiting for its start to finish first if needed.
    pub async fn stop(self) {
        let _ = self.ready.await;
        let sandbox = self.handle.lock().ok().and_then(|mut h| h.take());
        if let Some(sandbox) = sandbox {
            sandbox.stop().await;
        }
    }
}

impl QueryRunner for DeferredRunner {
    fn run(&self, query: Query) -> ReplyFuture {
        let ready = self.ready.clone();
        Box::pin(async move {
            match ready.await {
                Ok(runner) => runner.run(query).await,
                Err(why) => query.failure(ApiError::new(query.provider(), ErrorKind::Local, why)),
            }
        })
    }
}
