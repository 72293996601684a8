//! A failed page and what follows, as plain `update` calls: the error banner goes once a
//! page loads (whichever key asked for it), and after a 429 with `Retry-After`, `r` counts
//! down ("retrying in 3 s") and sends only at zero, `r` again not sooner.

use super::update::{customer, state};
use guichet::app::nav::View;
use guichet::app::resources::{Customers, ListAnswer};
use guichet::app::state::Tab;
use guichet::app::update::start;
use guichet::app::{Effect, Key, Msg, Query, Reply, State, Ticket, update};
use guichet::domain::{ApiError, ErrorKind, Page, Provider};

/// The page requests among `effects`: ticket and page number (0-based).
fn pages(effects: &[Effect]) -> Vec<(Ticket, u32)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request {
                ticket,
                query: Query::Page(q),
            } => Some((*ticket, q.page.page)),
            _ => None,
        })
        .collect()
}

fn page(s: &mut State, ticket: Ticket, n: u32) {
    let view = s.navs[Tab::CUSTOMERS.index()].views[0].id();
    let items = (n * 50..n * 50 + 50).map(customer).collect();
    let result = Ok(ListAnswer::of::<Customers>(
        Page::with_total(items, n, 50, 2134),
        None,
    ));
    update(
        s,
        Msg::Reply {
            ticket,
            reply: Reply::Page { view, result },
        },
    );
}

fn fail(s: &mut State, ticket: Ticket, error: ApiError) {
    let answer = s.inflight[&ticket].query.failure(error);
    update(
        s,
        Msg::Reply {
            ticket,
            reply: answer,
        },
    );
}

fn error_shown(s: &State) -> Option<String> {
    match &s.navs[Tab::CUSTOMERS.index()].views[0] {
        View::List(l) => l.error.as_ref().map(ToString::to_string),
        View::Detail(_) | View::Chart(_) => None,
    }
}

fn screen(s: &State) -> String {
    let theme =
        guichet::ui::Theme::builtin("dark", guichet::ui::ColorDepth::Ansi16).expect("theme");
    let mut t =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    t.draw(|f| guichet::ui::render(f, s, &theme))
        .expect("drawn");
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn loaded() -> State {
    let mut s = state();
    let effects = start(&mut s);
    let (t, _) = pages(&effects)[0];
    page(&mut s, t, 0);
    s
}

fn key(s: &mut State, c: char) -> Vec<Effect> {
    update(s, Msg::Key(Key::char(c)))
}

fn rate_limited(secs: u64) -> ApiError {
    let mut e =
        ApiError::new(Provider::Mascustomers, ErrorKind::RateLimited, "slow down").with_status(429);
    e.retry_after_secs = Some(secs);
    e
}

#[test]
fn the_error_banner_goes_once_another_page_loads() {
    let mut s = loaded();
    // Page 2 fails: the banner shows over page 1's rows.
    let (t, n) = pages(&key(&mut s, 'n'))[0];
    assert_eq!(n, 1);
    let down = ApiError::new(Provider::Mascustomers, ErrorKind::ServerError, "down")
        .with_status(503)
        .with_code("0503");
    fail(&mut s, t, down.clone());
    assert!(error_shown(&s).is_some());
    assert!(screen(&s).contains("to retry"), "{}", screen(&s));
    // Paging on (not `r`): page 2 asked again, it loads, the banner is gone.
    let (t, n) = pages(&key(&mut s, 'n'))[0];
    assert_eq!(n, 1);
    page(&mut s, t, 1);
    assert_eq!(error_shown(&s), None);
    assert!(!screen(&s).contains("to retry"), "{}", screen(&s));
    // Fails again, then the first page by `<`: gone too.
    let (t, _) = pages(&key(&mut s, 'n'))[0];
    fail(&mut s, t, down);
    assert!(error_shown(&s).is_some());
    let (t, n) = pages(&key(&mut s, '<'))[0];
    assert_eq!(n, 0);
    page(&mut s, t, 0);
    assert_eq!(error_shown(&s), None);
    assert!(!screen(&s).contains("to retry"));
}

#[test]
fn r_after_a_429_counts_the_retry_after_down_and_sends_only_at_zero() {
    let mut s = loaded();
    let (t, _) = pages(&key(&mut s, 'n'))[0];
    fail(&mut s, t, rate_limited(3));
    let effects = key(&mut s, 'r');
    assert!(pages(&effects).is_empty(), "nothing sent yet: {effects:?}");
    let tick = effects
        .iter()
        .find_map(|e| match e {
            Effect::Schedule {
                after_ms: 1000,
                msg,
            } => Some((**msg).clone()),
            _ => None,
        })
        .expect("a one-second timer");
    assert!(screen(&s).contains("retrying in 3 s"), "{}", screen(&s));
    // `r` again does not send early, nor start a second countdown.
    let again = key(&mut s, 'r');
    assert!(pages(&again).is_empty(), "{again:?}");
    assert!(
        !again.iter().any(
            |e| matches!(e, Effect::Schedule { msg, .. } if matches!(**msg, Msg::RetryTick(_)))
        )
    );
    let effects = update(&mut s, tick.clone());
    assert!(pages(&effects).is_empty());
    assert!(screen(&s).contains("retrying in 2 s"));
    let effects = update(&mut s, tick.clone());
    assert!(pages(&effects).is_empty());
    assert!(screen(&s).contains("retrying in 1 s"));
    let effects = update(&mut s, tick.clone());
    assert_eq!(pages(&effects).len(), 1, "sent at zero: {effects:?}");
    assert_eq!(pages(&effects)[0].1, 1, "the page that failed");
    assert!(!screen(&s).contains("retrying in"));
    // A late tick of the finished countdown does nothing; with no 429, `r` sends at once.
    assert!(update(&mut s, tick).is_empty());
    let (t, _) = pages(&effects)[0];
    page(&mut s, t, 1);
    assert_eq!(pages(&key(&mut s, 'r')).len(), 1);
}

/// The real loop against the sandbox: pxlhub answers 429 with `Retry-After: 1` (the client
/// retries it three times itself, then the error shows); `r` counts down, then loads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_429_r_shows_the_countdown_then_the_page() {
    let c = super::console::start(100, 30).await;
    c.wait_text("rows 1–50").await;
    c.faults(serde_json::json!({"pxlhub": {"throttle_rate": 1.0, "retry_after_s": 1}}))
        .await;
    c.key('3');
    let screen = c.wait_text("pxlhub error").await;
    assert!(screen.contains("429"), "{screen}");
    c.faults(serde_json::json!({"pxlhub": {"throttle_rate": 0.0}}))
        .await;
    c.key('r');
    let screen = c.wait_text("retrying in 1 s").await;
    assert!(screen.contains("pxlhub error"), "not sent yet: {screen}");
    c.key('r');
    c.wait_for("wallets after the countdown", |t| {
        t.contains("page 1/") && !t.contains("pxlhub error") && !t.contains("retrying in")
    })
    .await;
    c.quit().await;
}

#[test]
fn r_on_a_detail_refused_with_429_waits_too() {
    let mut s = loaded();
    update(&mut s, Msg::Key(Key::plain(guichet::app::KeyCode::Enter)));
    assert!(matches!(s.view(), Some(View::Detail(_))));
    let details = |effects: &[Effect]| {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Request {
                    ticket,
                    query: Query::Detail { .. },
                } => Some(*ticket),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let asked = details(&key(&mut s, 'r'));
    let Some(&t) = asked.first() else {
        panic!("the subject asked for again")
    };
    fail(&mut s, t, rate_limited(2));
    let effects = key(&mut s, 'r');
    assert!(details(&effects).is_empty(), "{effects:?}");
    assert!(screen(&s).contains("retrying in 2 s"), "{}", screen(&s));
    let tick = Msg::RetryTick(s.retry_wait.expect("a countdown").id);
    assert!(details(&update(&mut s, tick.clone())).is_empty());
    assert!(!details(&update(&mut s, tick)).is_empty(), "sent at zero");
}

/// The real loop against the sandbox: a payment-method change refused with 429 and
/// `Retry-After: 1`; ctrl-t counts down and sends the same change, which then goes
/// through. The journal has both: the refusal's code, then `ok`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_refused_with_429_is_sent_again_after_the_countdown() {
    use guichet::domain::customer::PaymentMethod;
    const NEW_IBAN: &str = "DE89370400440532013000";
    let dir = tempfile::tempdir().expect("temp dir");
    let c = super::console::start_with(
        120,
        40,
        super::console::Options {
            read_only: false,
            audit_dir: Some(dir.path().to_path_buf()),
        },
    )
    .await;
    let account = guichet::sandbox::demo::fixtures(42).direct_debit_account_id;
    c.wait_text("rows 1–").await;
    c.key(':');
    c.keys(&account);
    c.enter();
    c.wait_text(&format!(" › Account ····{}", &account[account.len() - 4..]))
        .await;
    c.key('m');
    c.wait_text("Before").await;
    c.code(crossterm::event::KeyCode::Tab);
    c.keys(NEW_IBAN);
    c.faults(serde_json::json!({"mascustomers": {"throttle_rate": 1.0, "retry_after_s": 1}}))
        .await;
    c.enter();
    c.wait_text("Confirm: Change the payment method").await;
    c.wait_text("enter confirm").await;
    c.key('y');
    c.wait_text("ctrl-t retry in 1 s").await;
    c.faults(serde_json::json!({"mascustomers": {"throttle_rate": 0.0}}))
        .await;
    c.ctrl('t');
    c.wait_text("retrying in 1 s").await;
    c.wait_text("payment method changed").await;
    let now = c
        .clients
        .mascustomers()
        .expect("sandbox answers")
        .get_account(&account)
        .await
        .expect("sandbox answers");
    assert!(
        matches!(&now.payment_method, PaymentMethod::DirectDebit { iban } if iban.0 == NEW_IBAN),
        "{now:?}"
    );
    let lines = guichet::audit::read_last(dir.path(), 10).expect("journal");
    let outcomes: Vec<String> = lines.iter().map(|l| l.outcome.to_string()).collect();
    assert_eq!(outcomes.len(), 2, "{outcomes:?}");
    assert_eq!(outcomes[0], "0429", "the refusal, with the provider's code");
    assert_eq!(outcomes[1], "ok");
    c.quit().await;
}
