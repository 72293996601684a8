//! Logging to `guichet.log` in the platform state directory, never to the terminal: the
//! console owns the screen while it runs.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tracing_subscriber::Layer as _;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Overrides the state directory (log and audit files); tests point it at a temporary dir.
pub const STATE_DIR_ENV: &str = "GUICHET_STATE_DIR";

pub const LOG_FILE: &str = "guichet.log";

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("cannot create the state directory {}: {source}", path.display())]
    Dir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot open the log file {}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("a global logger is already installed")]
    AlreadySet,
}

/// Keeps the log file open; flushes it to disk when dropped.
#[derive(Debug)]
pub struct LogGuard {
    path: PathBuf,
    file: Arc<Mutex<File>>,
}

impl LogGuard {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for LogGuard {
    fn drop(&mut self) {
        if let Ok(f) = self.file.lock() {
            let _ = f.sync_data();
        }
    }
}

/// Where the log and the audit log live: `$GUICHET_STATE_DIR`, else the platform state
/// directory, else the local data directory, else `./.guichet`.
pub fn state_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(STATE_DIR_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "guichet")
        .map(|d| {
            d.state_dir()
                .map_or_else(|| d.data_local_dir().to_path_buf(), Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from(".guichet"))
}

/// Creates `dir` (and parents) readable by its owner only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Opens `path` for appending, creating it readable and writable by its owner only.
pub fn open_private_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Installs the global subscriber writing to `state_dir()/guichet.log`. Our own events are
/// kept from `level` up; other crates' only from `warn` (or `level` if stricter).
pub fn init(level: LevelFilter) -> Result<LogGuard, LogError> {
    init_in(&state_dir(), level)
}

/// As `init`, in a given directory.
pub fn init_in(dir: &Path, level: LevelFilter) -> Result<LogGuard, LogError> {
    create_private_dir(dir).map_err(|source| LogError::Dir {
        path: dir.to_path_buf(),
        source,
    })?;
    let path = dir.join(LOG_FILE);
    let file = open_private_append(&path).map_err(|source| LogError::File {
        path: path.clone(),
        source,
    })?;
    let file = Arc::new(Mutex::new(file));
    let targets = Targets::new()
        .with_target("guichet", level)
        .with_default(level.min(LevelFilter::WARN));
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_target(true)
        .with_writer(SharedFile(Arc::clone(&file)));
    tracing_subscriber::registry()
        .with(layer.with_filter(targets))
        .try_init()
        .map_err(|_| LogError::AlreadySet)?;
    Ok(LogGuard { path, file })
}

/// The log file shared between the subscriber and the guard. Each event is formatted into
/// a buffer first and written with one call, so lines from different threads never mix.
#[derive(Clone)]
struct SharedFile(Arc<Mutex<File>>);

struct LockedFile<'a>(std::sync::MutexGuard<'a, File>);

impl io::Write for LockedFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<'a> MakeWriter<'a> for SharedFile {
    type Writer = Box<dyn io::Write + 'a>;

    fn make_writer(&'a self) -> Self::Writer {
        match self.0.lock() {
            Ok(guard) => Box::new(LockedFile(guard)),
            // A thread panicked while logging; dropping lines beats poisoning the app.
            Err(_) => Box::new(io::sink()),
        }
    }
}
