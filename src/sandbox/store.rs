//! The SQLite store: one writer connection behind a mutex, a few readers, migrations
//! embedded from `assets/migrations/` and applied by `user_version`. rusqlite blocks, so
//! every call runs on tokio's blocking pool.

use super::list::AnchorCache;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// Schema steps; `user_version` counts how many were applied.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/001_tables.sql"),
    include_str!("../../assets/migrations/002_indexes.sql"),
    include_str!("../../assets/migrations/003_stays_establishment.sql"),
    include_str!("../../assets/migrations/004_search.sql"),
    include_str!("../../assets/migrations/005_search_rank.sql"),
    include_str!("../../assets/migrations/006_search_counts.sql"),
];

/// Number of migrations that create tables; the rest (indexes) are applied after seeding.
pub const TABLE_MIGRATIONS: usize = 1;

const MAX_IDLE_READERS: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("a database task failed: {0}")]
    Task(String),
    #[error("the database lock was poisoned")]
    Poisoned,
    #[error("the database has schema version {0}, newer than this guichet knows")]
    TooNew(i64),
    #[error("cannot create the database {0}: {1}")]
    Create(String, std::io::Error),
}

#[derive(Clone)]
pub struct Db {
    inner: Arc<DbInner>,
}

struct DbInner {
    path: PathBuf,
    /// SQLite page cache of each connection, in KiB (see [`cache_kib`]).
    cache_kib: std::sync::atomic::AtomicI64,
    anchors: AnchorCache,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    remove_on_drop: bool,
}

impl Drop for DbInner {
    fn drop(&mut self) {
        if self.remove_on_drop {
            remove_db_files(&self.path);
        }
    }
}

/// Deletes temporary databases left by processes that are gone (a crash, or a test binary
/// whose shared sandbox lived until exit). Linux only: elsewhere they stay in the temp
/// directory for the system to clean.
fn sweep_stale_temp_files() {
    #[cfg(target_os = "linux")]
    {
        let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(rest) = name
                .to_str()
                .and_then(|n| n.strip_prefix("guichet-sandbox-"))
            else {
                continue;
            };
            let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
                continue;
            };
            if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Removes a database file with its WAL and shared-memory files (absent ones are fine).
pub fn remove_db_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.to_path_buf().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// SQLite page cache per connection, in KiB, for a data scale: small for the default data
/// (in demo mode the sandbox lives in the console's own process, and each of its
/// connections keeps its own cache), up to 16 MiB for big data sets, whose deep pages
/// need it.
pub(crate) fn cache_kib(scale: u32) -> i64 {
    if scale <= 1 {
        return 256;
    }
    (4_000 * i64::from(scale)).min(16_000)
}

/// The page cache while seeding, in KiB: pages stay in memory until the commit, which is
/// fast but costs memory, so it grows with the data up to 256 MiB. The default data set
/// spills to its file past 1 MiB: in demo mode that peak is the console's.
pub(crate) fn seed_cache_kib(scale: u32) -> i64 {
    if scale <= 1 {
        return 512;
    }
    (8_192 * i64::from(scale)).min(262_144)
}

fn tune(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -cache_kib(1))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Creates the database file readable by its owner only (0600), if it does not exist yet:
/// it holds IBANs and card data, even if made up. SQLite gives its WAL and shared-memory
/// files the same permissions.
fn create_private(path: &Path) -> Result<(), StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map(drop)
        .map_err(|e| StoreError::Create(path.display().to_string(), e))
}

fn user_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

impl Db {
    /// Opens (creating if needed) the database at `path`. `temporary` files are removed when
    /// the last handle goes.
    pub fn open(path: &Path, temporary: bool) -> Result<Db, StoreError> {
        create_private(path)?;
        let conn = Connection::open(path)?;
        tune(&conn)?;
        Ok(Db {
            inner: Arc::new(DbInner {
                path: path.to_path_buf(),
                cache_kib: std::sync::atomic::AtomicI64::new(cache_kib(1)),
                anchors: AnchorCache::default(),
                writer: Mutex::new(conn),
                readers: Mutex::new(Vec::new()),
                remove_on_drop: temporary,
            }),
        })
    }

    /// Sets the page cache of every connection (the writer now, readers as they open).
    pub fn set_cache_kib(&self, kib: i64) -> Result<(), StoreError> {
        self.inner
            .cache_kib
            .store(kib, std::sync::atomic::Ordering::Relaxed);
        self.lock_writer()?
            .pragma_update(None, "cache_size", -kib)?;
        Ok(())
    }

    /// A fresh file in the temp directory, removed with the last handle.
    pub fn open_temp() -> Result<Db, StoreError> {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        sweep_stale_temp_files();
        let path = std::env::temp_dir().join(format!(
            "guichet-sandbox-{}-{nanos}-{n}.db",
            std::process::id()
        ));
        Db::open(&path, true)
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    pub fn is_temporary(&self) -> bool {
        self.inner.remove_on_drop
    }

    /// Applies migrations `user_version..upto`. Returns the version before.
    pub fn migrate_blocking(&self, upto: usize) -> Result<i64, StoreError> {
        let mut conn = self.lock_writer()?;
        let before = user_version(&conn)?;
        if before > MIGRATIONS.len() as i64 {
            return Err(StoreError::TooNew(before));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().take(upto) {
            if (i as i64) < before {
                continue;
            }
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(before)
    }

    pub fn lock_writer(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        self.inner.writer.lock().map_err(|_| StoreError::Poisoned)
    }

    fn take_reader(inner: &DbInner) -> Result<Connection, StoreError> {
        let pooled = inner
            .readers
            .lock()
            .map_err(|_| StoreError::Poisoned)?
            .pop();
        match pooled {
            Some(c) => Ok(c),
            None => {
                let c = Connection::open_with_flags(
                    &inner.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                c.busy_timeout(std::time::Duration::from_secs(5))?;
                c.pragma_update(
                    None,
                    "cache_size",
                    -inner.cache_kib.load(std::sync::atomic::Ordering::Relaxed),
                )?;
                Ok(c)
            }
        }
    }

    fn give_reader(inner: &DbInner, conn: Connection) {
        if let Ok(mut pool) = inner.readers.lock()
            && pool.len() < MAX_IDLE_READERS
        {
            pool.push(conn);
        }
    }

    /// Runs a read on a reader connection, off the async threads, in one read transaction
    /// so that a list's total and its page come from the same snapshot.
    pub async fn read<T, E>(
        &self,
        f: impl FnOnce(&Reader<'_>) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let conn = Db::take_reader(&inner)?;
            conn.execute_batch("BEGIN").map_err(StoreError::from)?;
            let out = f(&Reader {
                conn: &conn,
                anchors: &inner.anchors,
            });
            // A read-only transaction: ending it cannot lose anything.
            let _ = conn.execute_batch("COMMIT");
            Db::give_reader(&inner, conn);
            out
        })
        .await
        .map_err(|e| E::from(StoreError::Task(e.to_string())))?
    }

    /// Runs `f` in one IMMEDIATE transaction on the single writer: writes are serialized,
    /// which is what makes the idempotency checks race-free. Commits only on `Ok`.
    pub async fn write<T, E>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db.lock_writer()?;
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(StoreError::from)?;
            let generation = data_generation(&tx).map_err(StoreError::from)?;
            let out = f(&tx)?;
            // Written after `f`, which may clear every table (a reset).
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('generation', ?1)",
                [generation.wrapping_add(1).to_string()],
            )
            .map_err(StoreError::from)?;
            tx.commit().map_err(StoreError::from)?;
            Ok(out)
        })
        .await
        .map_err(|e| E::from(StoreError::Task(e.to_string())))?
    }
}

/// The number of write transactions committed through `Db::write`, as seen by the
/// transaction `conn` is in. It is a row, not a counter in memory, so a reader gets the
/// generation of its own snapshot, whenever the writer commits. (`PRAGMA data_version` would
/// not do: its value is private to each connection, and the readers are a pool.)
pub fn data_generation(conn: &Connection) -> rusqlite::Result<u64> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'generation'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// A reader connection with the page anchors of the database.
pub struct Reader<'a> {
    conn: &'a Connection,
    anchors: &'a AnchorCache,
}

impl Reader<'_> {
    pub fn anchors(&self) -> &AnchorCache {
        self.anchors
    }
}

impl Deref for Reader<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl From<StoreError> for std::io::Error {
    fn from(e: StoreError) -> Self {
        std::io::Error::other(e.to_string())
    }
}
