//! The embedded sandbox: all five provider APIs on one loopback address, stateful on SQLite.
//!
//! `start` serves them in-process (port 0 for tests and the demo mode), `serve_cli` runs the
//! `guichet sandbox` command until Ctrl-C. Each provider lives under its own prefix
//! (`/customers/v4`, `/pms/v1`, `/smoney/api/sandbox`, `/lyra/api-payment/V4`,
//! `/monext/v1`) with its own auth and error envelope; `/_sandbox/` (loopback only) sets
//! faults and resets the data.
//!
//! # Magic values
//!
//! Inputs that force a provider error, like test card numbers:
//!
//! | provider | input | answer |
//! |---|---|---|
//! | MasCustomers | customer search `q=FAIL-500` | HTTP 500, code `"0500"` |
//! | pxlhub | `POST /wallets` with `"mediumRef": "FAIL-500"` | HTTP 500 `INTERNAL_ERROR`, nothing written |
//! | S-money | moneyout `"amount": 1100` | HTTP 500 Code 110 "Solde insuffisant", nothing written |
//! | S-money | moneyout `"amount": 3620` | HTTP 500 Code 362 "Opération non autorisée" |
//! | Lyra | `Token/Get` of a token whose uuid ends in `0030` | `PSP_030` (token not found) |
//! | Monext | card updater with a `number` ending in `0503` | HTTP 503 `SERVICE_UNAVAILABLE` |
//!
//! Seeded data never contains these values, so they only happen on purpose.

pub mod bench;
mod catch_panic;
mod conn;
mod control;
pub mod demo;
mod envelope;
pub mod faults;
mod http;
mod list;
mod lyra;
mod mascustomers;
mod mascustomers_write;
mod monext;
mod prng;
mod pxlhub;
pub mod routes;
pub mod search;
pub mod seed;
mod seed_data;
mod seed_gate;
mod seed_stays;
mod seed_transfers;
mod serve;
mod smoney;
mod smoney_write;
pub mod store;
mod time;

pub use faults::{Faults, ProviderFaults};
pub use http::BODY_LIMIT;
pub use routes::{RouteSpec, route_table};
pub use seed::SeedCounts;
pub use serve::{banner, serve_cli};

use crate::domain::Provider;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::IntoResponse;
use chrono::NaiveDate;
use conn::{ConnInfo, CuttableListener};
use envelope::Envelope;
use faults::{FaultLayer, FaultState};
use seed_gate::{SeedGate, Seeding};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use store::{Db, StoreError};
use tokio::sync::{oneshot, watch};
use tokio::task::JoinHandle;

/// MasCustomers search string that answers HTTP 500.
pub const MAGIC_MAS_FAIL: &str = "FAIL-500";
/// pxlhub `mediumRef` that answers HTTP 500 without writing.
pub const MAGIC_PXL_FAIL: &str = "FAIL-500";
/// S-money moneyout amount answered with Code 110.
pub const MAGIC_SMONEY_110: i64 = 1100;
/// S-money moneyout amount answered with Code 362.
pub const MAGIC_SMONEY_362: i64 = 3620;
/// Lyra token suffix answered with PSP_030.
pub const MAGIC_LYRA_PSP030_SUFFIX: &str = "0030";
/// Monext card number suffix answered with 503.
pub const MAGIC_MONEXT_503_SUFFIX: &str = "0503";

/// How to start the sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub addr: SocketAddr,
    /// `None`: a fresh temporary database, removed on stop.
    pub db: Option<PathBuf>,
    /// 1 is the default data set (2,000 customers, ~20,000 moneyouts).
    pub scale: u32,
    pub seed: u64,
    pub faults: Faults,
    /// Listen on an address other than loopback. The demo credentials are public, so
    /// anyone who reaches the address can use them.
    pub allow_remote: bool,
    /// Listen as soon as the first part of the seed is written (everything MasCustomers
    /// serves) and write the rest in the background; requests that need the rest wait for
    /// it. Only for a fresh temporary database (demo mode); otherwise ignored.
    pub serve_while_seeding: bool,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            db: None,
            scale: 1,
            seed: 42,
            faults: Faults::default(),
            allow_remote: false,
            serve_while_seeding: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(
        "{addr} is not a loopback address: the sandbox's credentials are public, so anyone \
         who reaches it can use them; pass --allow-remote to listen there anyway"
    )]
    Remote { addr: SocketAddr },
    #[error("sandbox database: {0}")]
    Store(#[from] StoreError),
    #[error("the database {path} was seeded with seed {found}, not {asked}")]
    SeedMismatch {
        path: String,
        found: u64,
        asked: u64,
    },
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub(crate) db: Db,
    pub(crate) faults: FaultState,
    pub(crate) seed: u64,
    pub(crate) scale: u32,
    /// Whether the seed is written (see `seed_gate`).
    pub(crate) seeding: watch::Receiver<Seeding>,
}

/// "Today" for the date rules: the real current date, in UTC.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A running sandbox. Stops when `stop` is awaited or when dropped.
pub struct SandboxHandle {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    seeded: Option<SeedCounts>,
    startup: Duration,
    /// Of `startup`, the time spent filling the search's term tables.
    search_terms: Duration,
    /// A temporary database to delete on stop, even if a connection still holds it.
    temp_db: Option<PathBuf>,
}

impl SandboxHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Rows written at start; `None` when an existing database was reused.
    pub fn seeded(&self) -> Option<&SeedCounts> {
        self.seeded.as_ref()
    }

    /// Time from `start` to listening, seeding included.
    pub fn startup_time(&self) -> Duration {
        self.startup
    }

    /// Of the startup time, what filling the search's term tables took.
    pub fn search_terms_time(&self) -> Duration {
        self.search_terms
    }

    /// Stops accepting, lets requests in flight finish (up to 2 s), then releases the
    /// database (a temporary one is deleted).
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(2), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
        if let Some(path) = self.temp_db.take() {
            store::remove_db_files(&path);
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A database being prepared: seeded, or with the rest of its seed still to write.
struct Prepared {
    db: Db,
    /// Rows written before listening; `None` when an existing database was reused.
    seeded: Option<SeedCounts>,
    /// The rest of the seed, to write after listening (`serve_while_seeding`).
    rest: Option<seed::FirstPart>,
    /// Time spent filling the search's term tables before listening.
    terms: Duration,
}

/// Opens, migrates and (if new) seeds the database, or its first part only when
/// `serve_while_seeding` applies. Blocking.
fn prepare_db(opts: &SandboxOptions) -> Result<Prepared, SandboxError> {
    let db = match &opts.db {
        Some(path) => Db::open(path, false)?,
        None => Db::open_temp()?,
    };
    db.set_cache_kib(store::cache_kib(opts.scale))?;
    db.migrate_blocking(store::TABLE_MIGRATIONS)?;
    let found: Option<String> = {
        let conn = db.lock_writer()?;
        rusqlite::OptionalExtension::optional(conn.query_row(
            "SELECT value FROM meta WHERE key = 'seed'",
            [],
            |r| r.get(0),
        ))
        .map_err(StoreError::from)?
    };
    if let Some(found) = found {
        let found: u64 = found.parse().unwrap_or(opts.seed);
        if found != opts.seed {
            return Err(SandboxError::SeedMismatch {
                path: db.path().display().to_string(),
                found,
                asked: opts.seed,
            });
        }
        db.migrate_blocking(store::MIGRATIONS.len())?;
        // A database made before the term tables gets them now.
        let terms = build_terms(&db)?;
        return Ok(Prepared {
            db,
            seeded: None,
            rest: None,
            terms,
        });
    }
    let in_two = opts.serve_while_seeding && db.is_temporary();
    let mut conn = db.lock_writer()?;
    // A temporary database has nothing to protect: no journal while seeding (pages go
    // straight to the file, not through a WAL the size of the data). A file given with --db
    // keeps its WAL, so an interrupted first start leaves an empty database, never a
    // corrupt one.
    if db.is_temporary() {
        conn.pragma_update_and_check(None, "journal_mode", "OFF", |_| Ok(()))
            .map_err(StoreError::from)?;
    }
    conn.pragma_update(None, "synchronous", "OFF")
        .map_err(StoreError::from)?;
    conn.pragma_update(None, "cache_size", -store::seed_cache_kib(opts.scale))
        .map_err(StoreError::from)?;
    let tx = conn.transaction().map_err(StoreError::from)?;
    let first = seed::seed_first(&tx, opts.seed, opts.scale, today()).map_err(StoreError::from)?;
    if in_two {
        tx.commit().map_err(StoreError::from)?;
        // Readers come next: the rest is written through the WAL, beside them.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .map_err(StoreError::from)?;
        drop(conn);
        return Ok(Prepared {
            seeded: Some(first.counts.clone()),
            rest: Some(first),
            db,
            terms: Duration::ZERO,
        });
    }
    let counts = seed::seed_rest(&tx, first).map_err(StoreError::from)?;
    tx.commit().map_err(StoreError::from)?;
    drop(conn);
    let terms = finish_seeding(&db, opts.scale)?;
    Ok(Prepared {
        db,
        seeded: Some(counts),
        rest: None,
        terms,
    })
}

/// Fills the search's term tables (when empty) in one transaction; returns the time taken.
fn build_terms(db: &Db) -> Result<Duration, SandboxError> {
    let began = Instant::now();
    let mut conn = db.lock_writer()?;
    let tx = conn.transaction().map_err(StoreError::from)?;
    search::build_terms(&tx).map_err(StoreError::from)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(began.elapsed())
}

/// After the seed: the indexes (built once, still with the seeding settings), the search's
/// term tables, then the settings of a running sandbox. Returns the term tables' time.
fn finish_seeding(db: &Db, scale: u32) -> Result<Duration, SandboxError> {
    db.migrate_blocking(store::MIGRATIONS.len())?;
    let terms = build_terms(db)?;
    let conn = db.lock_writer()?;
    if db.is_temporary() {
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .map_err(StoreError::from)?;
    }
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(StoreError::from)?;
    conn.pragma_update(None, "cache_size", -store::cache_kib(scale))
        .map_err(StoreError::from)?;
    Ok(terms)
}

/// Writes the rest of the seed (in the background, while the first part is served).
fn seed_the_rest(db: &Db, scale: u32, first: seed::FirstPart) -> Result<SeedCounts, SandboxError> {
    let counts = {
        let mut conn = db.lock_writer()?;
        let tx = conn.transaction().map_err(StoreError::from)?;
        let counts = seed::seed_rest(&tx, first).map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        counts
    };
    finish_seeding(db, scale)?;
    Ok(counts)
}

/// Clears every table and seeds again with the start seed and scale. Runs in the writer
/// transaction, so readers see the old data or the new, never a mix.
pub(crate) async fn reset(st: &AppState) -> Result<SeedCounts, StoreError> {
    // A seed still being written in the background is finished first.
    let _ = st.seeding.clone().wait_for(|s| *s != Seeding::Rest).await;
    let (seed_value, scale) = (st.seed, st.scale);
    st.db
        .write(move |tx| {
            let tables: Vec<String> = tx
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for t in tables {
                tx.execute(&format!("DELETE FROM \"{t}\""), [])?;
            }
            let counts = seed::seed(tx, seed_value, scale, today())?;
            search::build_terms(tx)?;
            Ok::<_, StoreError>(counts)
        })
        .await
}

fn provider_router(provider: Provider, st: &AppState) -> Router {
    use envelope::not_found;
    let routes = routes::routes_of(provider);
    // Auth wraps the handlers and the unknown-path fallback, not the 405 answer.
    match provider {
        Provider::Mascustomers => {
            let auth = from_fn(mascustomers::auth);
            let router = routes::build(routes, auth.clone())
                .fallback(not_found::<mascustomers::MasError>.layer(auth));
            with_envelope::<mascustomers::MasError>(router, st)
        }
        Provider::Pxlhub => {
            let auth = from_fn(pxlhub::auth);
            let router = routes::build(routes, auth.clone())
                .fallback(not_found::<pxlhub::PxlError>.layer(auth));
            with_envelope::<pxlhub::PxlError>(router, st)
        }
        Provider::Smoney => {
            let auth = from_fn(smoney::auth);
            let router = routes::build(routes, auth.clone())
                .fallback(not_found::<smoney::SmError>.layer(auth));
            with_envelope::<smoney::SmError>(router, st)
        }
        Provider::Lyra => {
            let auth = from_fn(lyra::auth);
            let router = routes::build(routes, auth.clone())
                .fallback(not_found::<lyra::LyraError>.layer(auth));
            with_envelope::<lyra::LyraError>(router, st)
        }
        Provider::Monext => {
            let auth = from_fn(monext::auth);
            let router = routes::build(routes, auth.clone())
                .fallback(not_found::<monext::MonextError>.layer(auth));
            with_envelope::<monext::MonextError>(router, st)
        }
    }
}

/// The 405 answer, faults and panics of a provider's router, in its envelope `E`.
fn with_envelope<E: Envelope>(router: Router<AppState>, st: &AppState) -> Router {
    let fault = FaultLayer {
        state: st.faults.clone(),
        provider: E::PROVIDER,
        render: E::render,
    };
    let gate = SeedGate {
        state: st.seeding.clone(),
        provider: E::PROVIDER,
        render: E::render,
    };
    router
        .method_not_allowed_fallback(envelope::method_not_allowed::<E>)
        .layer(from_fn_with_state(gate, seed_gate::seed_gate))
        .layer(from_fn_with_state(fault, faults::fault_middleware))
        .layer(catch_panic::layer(E::PROVIDER, E::render))
        .with_state(st.clone())
}

/// The whole application: five providers and the control routes.
pub(crate) fn app(st: AppState) -> Router {
    let mut router = Router::new();
    for p in Provider::ALL {
        router = router.nest(routes::prefix(p), provider_router(p, &st));
    }
    router
        .nest("/_sandbox", control::router(st.clone()))
        .fallback(|| async {
            (
                axum::http::StatusCode::NOT_FOUND,
                axum::Json(serde_json::json!({"error": "not found", "hint": "see /_sandbox/health and the provider prefixes"})),
            )
                .into_response()
        })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// Starts the sandbox: opens (or creates and seeds) the database, binds, serves.
pub async fn start(opts: SandboxOptions) -> Result<SandboxHandle, SandboxError> {
    let began = Instant::now();
    if !opts.addr.ip().is_loopback() && !opts.allow_remote {
        return Err(SandboxError::Remote { addr: opts.addr });
    }
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|source| SandboxError::Bind {
            addr: opts.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
        addr: opts.addr,
        source,
    })?;
    let prepared = {
        let opts = opts.clone();
        tokio::task::spawn_blocking(move || prepare_db(&opts))
            .await
            .map_err(|e| SandboxError::Store(StoreError::Task(e.to_string())))??
    };
    let Prepared {
        db,
        seeded,
        rest,
        terms: search_terms,
    } = prepared;
    let temp_db = db.is_temporary().then(|| db.path().to_path_buf());
    let seeding = match rest {
        None => SeedGate::open(),
        Some(first) => {
            let (tx, rx) = watch::channel(Seeding::Rest);
            let (db, scale) = (db.clone(), opts.scale);
            tokio::task::spawn_blocking(move || {
                let began = Instant::now();
                let state = match seed_the_rest(&db, scale, first) {
                    Ok(counts) => {
                        tracing::info!(elapsed = ?began.elapsed(), ?counts, "sandbox seed completed in the background");
                        Seeding::Done
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "sandbox seed failed in the background");
                        Seeding::Failed(e.to_string())
                    }
                };
                let _ = tx.send(state);
            });
            rx
        }
    };
    let st = AppState {
        db,
        faults: FaultState::new(opts.faults.clone(), opts.seed),
        seed: opts.seed,
        scale: opts.scale.max(1),
        seeding,
    };
    let app = app(st).into_make_service_with_connect_info::<ConnInfo>();
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let serve =
            axum::serve(CuttableListener(listener), app).with_graceful_shutdown(async move {
                let _ = rx.await;
            });
        if let Err(e) = serve.await {
            tracing::error!(error = %e, "sandbox server stopped");
        }
    });
    Ok(SandboxHandle {
        addr,
        shutdown: Some(tx),
        task: Some(task),
        seeded,
        startup: began.elapsed(),
        search_terms,
        temp_db,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_options() {
        let o = SandboxOptions::default();
        assert_eq!(o.addr.to_string(), "127.0.0.1:0");
        assert_eq!((o.db, o.scale, o.seed), (None, 1, 42));
        assert_eq!(o.faults, Faults::default());
        assert!(!o.allow_remote);
    }
}
