//! The real `runtime::run` loop on a test backend, with a sandbox on port 0, `ApiRunner`
//! over the real clients, and keys fed through a channel. Tests wait for screen conditions
//! with a deadline; they never sleep.

use crossterm::event::{Event, KeyCode as CtCode, KeyEvent, KeyModifiers};
use guichet::api::Clients;
use guichet::app::Keymap;
use guichet::app::state::{Environment, Session, State};
use guichet::runtime::event_loop::RawWrite;
use guichet::runtime::writes::AuditContext;
use guichet::runtime::{ApiRunner, Exit, run};
use guichet::sandbox::{self, SandboxHandle, SandboxOptions};
use guichet::ui::shell::SPINNER;
use guichet::ui::{ColorDepth, Theme};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};
use std::io;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// A `TestBackend` whose last flushed screen the test can read while the loop runs.
pub struct SharedBackend {
    inner: TestBackend,
    screen: Arc<Mutex<Buffer>>,
    clipboard: Arc<Mutex<Vec<u8>>>,
}

fn never(e: std::convert::Infallible) -> io::Error {
    match e {}
}

impl Backend for SharedBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content).map_err(never)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor().map_err(never)
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor().map_err(never)
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position().map_err(never)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position).map_err(never)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear().map_err(never)
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type).map_err(never)
    }
    fn size(&self) -> io::Result<Size> {
        self.inner.size().map_err(never)
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size().map_err(never)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(never)?;
        *self.screen.lock().expect("screen lock") = self.inner.buffer().clone();
        Ok(())
    }
}

impl RawWrite for SharedBackend {
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.clipboard
            .lock()
            .expect("clipboard lock")
            .extend_from_slice(bytes);
        Ok(())
    }
}

/// A console running against its own sandbox.
pub struct Console {
    keys: mpsc::UnboundedSender<io::Result<Event>>,
    screen: Arc<Mutex<Buffer>>,
    pub clipboard: Arc<Mutex<Vec<u8>>>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<io::Result<Exit>>>,
    pub clients: Clients,
    pub sandbox: SandboxHandle,
}

pub fn session() -> Session {
    Session {
        profile: "demo".into(),
        environment: Environment::Sandbox,
        read_only: false,
        demo: true,
        insecure: false,
    }
}

/// How a test console is set up beyond its size.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The session (and the runner) refuse writes.
    pub read_only: bool,
    /// Where writes are audited; without it the runner refuses writes.
    pub audit_dir: Option<std::path::PathBuf>,
}

/// Starts a sandbox and the console loop at `width`x`height`.
pub async fn start(width: u16, height: u16) -> Console {
    start_with(width, height, Options::default()).await
}

/// Starts a sandbox and the console loop with `options`.
pub async fn start_with(width: u16, height: u16, options: Options) -> Console {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let sandbox = sandbox::start(SandboxOptions::default())
        .await
        .expect("sandbox starts");
    let settings = guichet::runtime::setup::demo_settings(&sandbox.base_url());
    let clients = Clients::new(&settings).expect("clients build");
    let mut runner = ApiRunner::from_settings(&settings)
        .expect("runner builds")
        .with_read_only(options.read_only);
    if let Some(dir) = &options.audit_dir {
        runner = runner.with_audit(AuditContext {
            dir: dir.clone(),
            profile: "demo".into(),
            environment: guichet::config::Environment::Sandbox,
        });
    }
    let runner = Arc::new(runner);
    let org = settings.mascustomers_org.clone();
    let read_only = options.read_only;
    let screen = Arc::new(Mutex::new(Buffer::empty(ratatui::layout::Rect::new(
        0, 0, width, height,
    ))));
    let clipboard = Arc::new(Mutex::new(Vec::new()));
    let backend = SharedBackend {
        inner: TestBackend::new(width, height),
        screen: screen.clone(),
        clipboard: clipboard.clone(),
    };
    let (keys, rx) = mpsc::unbounded_channel::<io::Result<Event>>();
    let input = Box::pin(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|e| (e, rx))
    }));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let mut terminal = Terminal::new(backend)?;
        let mut session = session();
        session.read_only = read_only;
        let mut state = State::new(session, Keymap::defaults(), sandbox::today());
        state.org = org;
        let theme = Theme::builtin("dark", ColorDepth::TrueColor).expect("theme");
        run(&mut terminal, &mut state, &theme, input, runner, async {
            let _ = stopped.await;
        })
        .await
    });
    Console {
        keys,
        screen,
        clipboard,
        stop: Some(stop),
        task: Some(task),
        clients,
        sandbox,
    }
}

impl Console {
    /// The last drawn screen as text, one line per row.
    pub fn text(&self) -> String {
        let buffer = self.screen.lock().expect("screen lock");
        let area = buffer.area;
        let mut out = String::new();
        for y in 0..area.height {
            for x in 0..area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    fn send(&self, code: CtCode, modifiers: KeyModifiers) {
        self.keys
            .send(Ok(Event::Key(KeyEvent::new(code, modifiers))))
            .expect("the loop is running");
    }

    pub fn key(&self, c: char) {
        self.send(CtCode::Char(c), KeyModifiers::NONE);
    }

    pub fn keys(&self, text: &str) {
        for c in text.chars() {
            self.key(c);
        }
    }

    pub fn enter(&self) {
        self.send(CtCode::Enter, KeyModifiers::NONE);
    }

    pub fn esc(&self) {
        self.send(CtCode::Esc, KeyModifiers::NONE);
    }

    /// A key with ctrl held (`ctrl('r')`).
    pub fn ctrl(&self, c: char) {
        self.send(CtCode::Char(c), KeyModifiers::CONTROL);
    }

    /// A named key: tab, end, right…
    pub fn code(&self, code: CtCode) {
        self.send(code, KeyModifiers::NONE);
    }

    /// Waits until the screen satisfies `cond`, or fails with the screen and `what`.
    pub async fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        self.wait_within(Duration::from_secs(15), what, cond).await
    }

    pub async fn wait_within(
        &self,
        limit: Duration,
        what: &str,
        cond: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let text = self.text();
            if cond(&text) {
                return text;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{text}");
            }
            // Yield to the loop and the sandbox; a short timer keeps the poll cheap.
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Like `wait_for`, once nothing is under way: no spinner in the view's title nor in
    /// the status line.
    pub async fn wait_loaded(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        self.wait_for(what, |t| cond(t) && !SPINNER.iter().any(|s| t.contains(s)))
            .await
    }

    pub async fn wait_text(&self, needle: &str) -> String {
        self.wait_for(needle, |t| t.contains(needle)).await
    }

    /// Quits with ctrl-c (from any view) and checks the loop ended cleanly.
    pub async fn quit(mut self) {
        self.send(CtCode::Char('c'), KeyModifiers::CONTROL);
        let task = self.task.take().expect("running");
        let exit = tokio::time::timeout(Duration::from_secs(5), task)
            .await
            .expect("the loop stops")
            .expect("the loop task")
            .expect("no io error");
        assert_eq!(exit, Exit::Quit);
    }

    /// Sets sandbox faults (`PUT /_sandbox/faults`).
    pub async fn faults(&self, body: serde_json::Value) {
        let url = format!("{}/_sandbox/faults", self.sandbox.base_url());
        let status = reqwest::Client::new()
            .put(url)
            .json(&body)
            .send()
            .await
            .expect("faults request")
            .status();
        assert!(status.is_success(), "faults: {status}");
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
