//! A pseudo-terminal harness: runs `guichet` at a given size with `TERM=xterm-256color`,
//! sends keys, waits for screen conditions with a deadline, reads the grid and the cursor,
//! and counts the bytes the program wrote. Like a terminal, it answers the program's
//! device-attributes and mode queries. `demo` starts the console over its embedded sandbox
//! with clients of that sandbox, for tests that check the screen against its API.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long a screen condition may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

struct Shared {
    parser: vt100::Parser,
    bytes: usize,
    /// Everything the program wrote.
    raw: Vec<u8>,
    closed: bool,
    /// Set by `hang_up`: the reader lets go of the master after its next read.
    hanging_up: bool,
}

/// How the terminal answers a DECRQM query for synchronized output (mode 2026).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncAnswer {
    /// "Not recognized", as xterm answers.
    Unknown,
    /// "Reset": the mode exists (kitty, foot, WezTerm…).
    Supported,
    /// No answer to anything, not even device attributes.
    Silent,
}

const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

/// A terminal that knows synchronized output shows a frame only once it is complete: the
/// bytes between begin and end are held, then handed over at once.
#[derive(Default)]
struct SyncGate {
    held: Vec<u8>,
    holding: bool,
}

impl SyncGate {
    /// The bytes to show now.
    fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.held.extend_from_slice(bytes);
        let mut out = Vec::new();
        loop {
            let marker = if self.holding { SYNC_END } else { SYNC_BEGIN };
            match find(&self.held, marker) {
                Some(i) => {
                    let end = if self.holding { i + marker.len() } else { i };
                    out.extend(self.held.drain(..end));
                    // The begin marker stays at the head of the frame it opens.
                    self.holding = !self.holding;
                }
                None if self.holding => break,
                None => {
                    // Keep what may be the start of a begin marker.
                    let keep = (1..SYNC_BEGIN.len())
                        .rev()
                        .find(|&k| self.held.ends_with(&SYNC_BEGIN[..k]))
                        .unwrap_or(0);
                    let end = self.held.len() - keep;
                    out.extend(self.held.drain(..end));
                    break;
                }
            }
        }
        out
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The terminal's answer to each query it knows, as the program's output asks.
fn answers(output: &[u8], sync: SyncAnswer) -> Vec<u8> {
    let mut reply = Vec::new();
    if sync == SyncAnswer::Silent {
        return reply;
    }
    let mut rest = output;
    while let Some(i) = rest.iter().position(|b| *b == 0x1b) {
        rest = &rest[i..];
        if rest.starts_with(b"\x1b[?2026$p") {
            reply.extend_from_slice(match sync {
                SyncAnswer::Supported => b"\x1b[?2026;2$y",
                _ => b"\x1b[?2026;0$y",
            });
        } else if rest.starts_with(b"\x1b[c") {
            // A VT220 with colour, as xterm says.
            reply.extend_from_slice(b"\x1b[?62;22c");
        }
        rest = &rest[1..];
    }
    reply
}

pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<(Mutex<Shared>, Condvar)>,
    reader: Option<thread::JoinHandle<()>>,
    pub state_dir: tempfile::TempDir,
    /// The terminal settings before the program started.
    pub initial_stty: String,
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN)
}

fn lock(shared: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Pty {
    /// Starts the binary with `args` in a `cols`x`rows` terminal. The state dir (logs, audit)
    /// is a fresh temporary directory; no config file is read unless `env` sets
    /// `GUICHET_CONFIG`.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Pty::spawn_answering(args, cols, rows, env, SyncAnswer::Unknown)
    }

    /// [`Pty::spawn`] with the terminal's answer to a synchronized-output query.
    pub fn spawn_answering(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        sync: SyncAnswer,
    ) -> Pty {
        Pty::spawn_program(env!("CARGO_BIN_EXE_guichet"), args, cols, rows, env, sync)
    }

    /// Another program in the same kind of terminal (`less`, for a benchmark's baseline).
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        sync: SyncAnswer,
    ) -> Pty {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let initial_stty = stty_of(&*pair.master);
        let state_dir = tempfile::tempdir().expect("temp dir");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLORTERM");
        cmd.env("GUICHET_STATE_DIR", state_dir.path());
        // No config file anywhere: the zero-config start, unless `env` names one.
        cmd.env("XDG_CONFIG_HOME", state_dir.path().join("config"));
        cmd.env_remove("GUICHET_CONFIG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn guichet");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let shared = Arc::new((
            Mutex::new(Shared {
                parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
                bytes: 0,
                raw: Vec::new(),
                closed: false,
                hanging_up: false,
            }),
            Condvar::new(),
        ));
        let for_reader = Arc::clone(&shared);
        let answer_to = Arc::clone(&writer);
        let mut gate = (sync == SyncAnswer::Supported).then(SyncGate::default);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let (m, cv) = &*for_reader;
                        let mut s = lock(m);
                        // A query cut between two reads is looked for again with its start.
                        let from = s.raw.len().saturating_sub(16);
                        s.raw.extend_from_slice(&buf[..n]);
                        let reply = answers(&s.raw[from..], sync);
                        let already = answers(&s.raw[from..s.raw.len() - n], sync);
                        match gate.as_mut() {
                            Some(gate) => {
                                let shown = gate.feed(&buf[..n]);
                                s.parser.process(&shown);
                            }
                            None => s.parser.process(&buf[..n]),
                        }
                        s.bytes += n;
                        cv.notify_all();
                        let hanging_up = s.hanging_up;
                        drop(s);
                        if reply.len() > already.len() {
                            let mut w = answer_to
                                .lock()
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                            let _ = w.write_all(&reply[already.len()..]);
                            let _ = w.flush();
                        }
                        if hanging_up {
                            break;
                        }
                    }
                }
            }
            let (m, cv) = &*for_reader;
            lock(m).closed = true;
            cv.notify_all();
        });
        Pty {
            master: pair.master,
            writer,
            child,
            shared,
            reader: Some(reader),
            state_dir,
            initial_stty,
        }
    }

    /// Sends raw bytes (keys) to the program.
    pub fn send(&mut self, bytes: &[u8]) {
        let mut w = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        w.write_all(bytes).expect("write to pty");
        w.flush().expect("flush pty");
    }

    pub fn send_str(&mut self, s: &str) {
        self.send(s.as_bytes());
    }

    /// Waits until `cond` holds on the screen, or panics with the screen after `DEADLINE`.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        let (m, cv) = &*self.shared;
        let deadline = Instant::now() + DEADLINE;
        let mut s = lock(m);
        loop {
            if cond(s.parser.screen()) {
                return;
            }
            let now = Instant::now();
            if now >= deadline || s.closed {
                let screen = s.parser.screen().contents();
                panic!(
                    "timed out waiting for {what} (closed: {}); screen:\n{screen}",
                    s.closed
                );
            }
            s = cv
                .wait_timeout(s, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// The screen as text, one line per row.
    pub fn contents(&self) -> String {
        lock(&self.shared.0).parser.screen().contents()
    }

    /// Bytes the program has written so far.
    pub fn bytes(&self) -> usize {
        lock(&self.shared.0).bytes
    }

    /// What the program has written from byte `from` on.
    pub fn output_since(&self, from: usize) -> Vec<u8> {
        lock(&self.shared.0)
            .raw
            .get(from..)
            .unwrap_or_default()
            .to_vec()
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
        lock(&self.shared.0)
            .parser
            .set_size(nonzero(rows), nonzero(cols));
    }

    /// Closes the terminal side, as a dropped SSH link does: every descriptor of the master
    /// goes (the reader's after the redraw a resize causes), so the program gets SIGHUP and
    /// EIO on the tty. The screen keeps what was last drawn.
    pub fn hang_up(&mut self) {
        lock(&self.shared.0).hanging_up = true;
        let (rows, cols) = {
            let s = lock(&self.shared.0);
            let (r, c) = s.parser.screen().size();
            (r.get(), c.get())
        };
        self.resize(cols + 1, rows);
        self.wait_closed();
        // A spare pseudo-terminal takes the place of the closed one, so the fields stay set.
        let spare = native_pty_system()
            .openpty(PtySize::default())
            .expect("open a pseudo-terminal");
        *self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            spare.master.take_writer().expect("pty writer");
        drop(std::mem::replace(&mut self.master, spare.master));
    }

    fn wait_closed(&self) {
        let (m, cv) = &*self.shared;
        let deadline = Instant::now() + DEADLINE;
        let mut s = lock(m);
        while !s.closed {
            let now = Instant::now();
            assert!(now < deadline, "the pty reader did not stop");
            s = cv
                .wait_timeout(s, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// The terminal's settings now, as `stty -g` prints them.
    pub fn stty(&self) -> String {
        stty_of(&*self.master)
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends a signal (`HUP`, `TERM`, …) to the program.
    pub fn signal(&self, name: &str) {
        let pid = self.pid();
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("kill");
        assert!(status.success());
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "program did not exit; screen:\n{}",
                self.contents()
            );
            // Exit is not a screen condition; poll the process at a short interval.
            thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The embedded sandbox's base URL, from the log line the console writes when demo mode
/// starts it (`demo sandbox started base_url=…`).
pub fn demo_base_url(pty: &Pty) -> String {
    let log = std::fs::read_to_string(pty.state_dir.path().join("guichet.log")).expect("log file");
    let line = log
        .lines()
        .find(|l| l.contains("demo sandbox started"))
        .expect("demo sandbox log line");
    let url = line.split("base_url=").nth(1).expect("base_url field");
    url.split_whitespace().next().expect("url").to_string()
}

/// Runs a future on a private runtime: the harness's waits are blocking.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

/// Clients of the sandbox the console in `pty` started (demo mode), to check what the
/// screen shows against the sandbox's own API.
pub fn demo_clients(pty: &Pty) -> guichet::api::Clients {
    let _ = rustls::crypto::ring::default_provider().install_default();
    guichet::api::Clients::new(&guichet::runtime::setup::demo_settings(&demo_base_url(pty)))
        .expect("clients")
}

/// The console in demo mode in a `cols`x`rows` terminal, once its first page is on screen,
/// and clients of its sandbox.
pub fn demo(cols: u16, rows: u16) -> (Pty, guichet::api::Clients) {
    let pty = Pty::spawn(&[], cols, rows, &[]);
    pty.wait_text("rows 1–");
    let clients = demo_clients(&pty);
    (pty, clients)
}

/// The text of screen row `row`.
pub fn row_text(screen: &vt100::Screen, row: u16) -> String {
    screen
        .contents()
        .lines()
        .nth(usize::from(row))
        .unwrap_or("")
        .to_string()
}

/// The screen row of the highlighted table row: the first row below the pane's top border
/// whose first cell inside the border has a background colour (the selection style). With
/// a table, row 3 is its header and row 4 its first row.
pub fn selected_row(screen: &vt100::Screen) -> Option<u16> {
    let (rows, _) = screen.size();
    (3..rows.get().saturating_sub(2)).find(|&r| {
        screen
            .cell(r, 1)
            .is_some_and(|c| c.bgcolor() != vt100::Color::Default || c.inverse())
    })
}

/// The settings of a pseudo-terminal, as `stty -g` prints them.
fn stty_of(master: &(dyn MasterPty + Send)) -> String {
    let tty: PathBuf = master.tty_name().expect("pty has a name");
    let out = Command::new("stty")
        .arg("-g")
        .arg("-F")
        .arg(&tty)
        .output()
        .expect("run stty");
    assert!(
        out.status.success(),
        "stty failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(r) = self.reader.take() {
            // The reader ends when the master side closes.
            drop(r);
        }
    }
}
