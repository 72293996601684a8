//! The export flow as pure `update` tests: the dialog, a 429 waited out, esc cancelling,
//! marks and the footer.
use guichet::app::effect::{Effect, Query};
use guichet::app::export_io::{ExportEffect, ExportNote};
use guichet::app::export_job::ExportScope;
use guichet::app::keymap::Keymap;
use guichet::app::resources::{ListAnswer, Wallets};
use guichet::app::state::{Environment, Session, State};
use guichet::app::update::update;
use guichet::app::write_flow::CONFIRM_GUARD_MS;
use guichet::app::{Key, KeyCode, Msg};
use guichet::domain::{ApiError, ErrorKind, Page, Provider};

fn state() -> State {
    let session = Session {
        profile: "t".into(),
        environment: Environment::Sandbox,
        read_only: false,
        demo: true,
        insecure: false,
    };
    State::new(
        session,
        Keymap::defaults(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("present"),
    )
}

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

/// A whole-list export of the wallets pane, started; returns the page tickets.
fn started(s: &mut State) -> Vec<(u64, u32)> {
    s.tab = guichet::app::state::Tab::WALLETS;
    let view = s.focused_id().expect("present");
    if let Some(l) = s.list_by_id(view) {
        l.shown = Some(guichet::app::list::Shown {
            page: 0,
            size: 50,
            total: Some(1000),
            has_more: true,
        });
    }
    assert_eq!(
        key(s, Key::char('x')),
        vec![Effect::Export(ExportEffect::Clock)]
    );
    update(
        s,
        Msg::Export(ExportNote::Now(chrono::DateTime::UNIX_EPOCH)),
    );
    let effects = key(s, Key::plain(KeyCode::Enter));
    assert!(matches!(
        &effects[0],
        Effect::Export(ExportEffect::Open { path, .. }) if path == "wallets-19700101-000000.csv"
    ));
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request {
                ticket,
                query: Query::ExportPage { page, .. },
            } => Some((*ticket, page.page.page)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_429_waits_for_its_retry_after_then_asks_the_page_again() {
    let mut s = state();
    let asked = started(&mut s);
    assert_eq!(asked.len(), 3, "a few pages at once");
    let (ticket, page) = asked[0];
    let mut e = ApiError::new(Provider::Pxlhub, ErrorKind::RateLimited, "slow down");
    e.retry_after_secs = Some(3);
    let effects = update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: guichet::app::msg::Reply::ExportPage {
                job: 1,
                page,
                result: Err(e),
            },
        },
    );
    let [Effect::Schedule { after_ms, msg }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(*after_ms, 3000);
    let effects = update(&mut s, (**msg).clone());
    assert!(matches!(
        effects.as_slice(),
        [Effect::Request { query: Query::ExportPage { page: q, .. }, .. }] if q.page.page == 0
    ));
}

#[test]
fn esc_on_the_list_cancels_and_x_meanwhile_says_one_runs() {
    let mut s = state();
    let asked = started(&mut s);
    key(&mut s, Key::char('x'));
    assert!(s.export.dialog.is_none());
    assert!(
        s.toast
            .as_ref()
            .expect("present")
            .text
            .contains("is under way"),
        "{:?}",
        s.toast
    );
    let effects = key(&mut s, Key::plain(KeyCode::Esc));
    for (t, _) in &asked {
        assert!(effects.contains(&Effect::Cancel(*t)), "{effects:?}");
    }
    assert!(effects.contains(&Effect::Export(ExportEffect::Discard {
        job: 1,
        keep: false
    })));
    // A page that arrives now is dropped.
    let page = Page::with_total(Vec::new(), 0, 200, 1000);
    let late = update(
        &mut s,
        Msg::Reply {
            ticket: asked[0].0,
            reply: guichet::app::msg::Reply::ExportPage {
                job: 1,
                page: 0,
                result: Ok(ListAnswer::of::<Wallets>(page, None)),
            },
        },
    );
    assert!(late.is_empty());
    update(
        &mut s,
        Msg::Export(ExportNote::Discarded { job: 1, kept: None }),
    );
    assert!(s.export.job.is_none());
    assert_eq!(
        s.export.last.as_ref().map(|l| l.text.as_str()),
        Some("export cancelled; wallets-19700101-000000.csv.partial was removed")
    );
}

#[test]
fn space_marks_rows_and_the_footer_counts_them() {
    let mut s = state();
    s.tab = guichet::app::state::Tab::WALLETS;
    let view = s.focused_id().expect("present");
    let wallets: Vec<_> = (0..3)
        .map(|i| {
            serde_json::from_value::<guichet::domain::cashless::Wallet>(serde_json::json!({
                "id": format!("w{i}"), "stay_id": "s", "establishment_id": "e",
                "mode": "PREPAID", "currency": "EUR", "balance": 0, "credit_limit": null,
                "medium_ref": null, "status": "OPEN", "opened_at": "2026-01-01T00:00:00Z"
            }))
            .expect("present")
        })
        .collect();
    let page = Page::with_total(wallets, 0, 50, 3);
    s.list_by_id(view)
        .expect("present")
        .accept(Ok(ListAnswer::of::<Wallets>(page, None)));
    key(&mut s, Key::char(' '));
    key(&mut s, Key::char(' '));
    let list = s.list_by_id(view).expect("present");
    assert_eq!(list.selected, 2, "each mark moves down");
    assert!(list.footer().ends_with("· 2 marked"), "{}", list.footer());
    key(&mut s, Key::char('k'));
    key(&mut s, Key::char(' '));
    let list = s.list_by_id(view).expect("present");
    assert!(list.is_marked("w0") && !list.is_marked("w1"));
    // The dialog proposes the marked rows.
    key(&mut s, Key::char('x'));
    assert_eq!(
        s.export.dialog.as_ref().map(|d| d.scope),
        Some(ExportScope::Marked)
    );
}

/// The accounts export dialog, turned to "in clear", its confirmation asked for (not yet
/// drawn).
fn confirming_in_clear(s: &mut State) {
    s.tab = guichet::app::state::Tab::ACCOUNTS;
    key(s, Key::char('x'));
    update(
        s,
        Msg::Export(ExportNote::Now(chrono::DateTime::UNIX_EPOCH)),
    );
    // Scope, format, then masking: turned to "in clear".
    key(s, Key::plain(KeyCode::Down));
    key(s, Key::plain(KeyCode::Down));
    key(s, Key::plain(KeyCode::Right));
    assert!(key(s, Key::plain(KeyCode::Enter)).is_empty(), "asks first");
}

/// The confirmation is drawn at 1,000 and a key comes once the guard time has passed.
fn shown_then_answered(s: &mut State) {
    update(s, Msg::Drawn { at: 1_000 });
    update(s, Msg::InputAt(1_000 + CONFIRM_GUARD_MS));
}

fn journaled(effects: &[Effect]) -> Option<(u64, Option<String>)> {
    effects.iter().find_map(|e| match e {
        Effect::Request {
            ticket,
            query: Query::AuditReveal { reason, .. },
        } => Some((*ticket, reason.clone())),
        _ => None,
    })
}

/// An accounts export in clear, confirmed: returns the ticket of its journal record.
fn export_in_clear(s: &mut State) -> u64 {
    confirming_in_clear(s);
    shown_then_answered(s);
    let effects = key(s, Key::char('y'));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Export(ExportEffect::Open { .. }))),
        "no file before the journal has the record: {effects:?}"
    );
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Request {
                ticket,
                query: Query::AuditReveal { .. },
            } => Some(*ticket),
            _ => None,
        })
        .expect("the export in clear is journaled first")
}

#[test]
fn an_export_in_clear_opens_its_file_only_once_the_journal_has_it() {
    use guichet::app::msg::Reply;
    let mut s = state();
    let ticket = export_in_clear(&mut s);
    let effects = update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Recorded(Ok(())),
        },
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Export(ExportEffect::Open { .. }))),
        "{effects:?}"
    );

    // The journal could not record it: no file, and the screen says why.
    let mut s = state();
    let ticket = export_in_clear(&mut s);
    let effects = update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: Reply::Recorded(Err("disk full".into())),
        },
    );
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Export(ExportEffect::Open { .. }))),
        "{effects:?}"
    );
    let job = s.export.job.as_ref().expect("the stopped job is shown");
    assert!(
        format!("{:?}", job.phase).contains("not exported in clear: disk full"),
        "{:?}",
        job.phase
    );
}

#[test]
fn keys_typed_before_the_in_clear_confirmation_was_drawn_never_confirm_it() {
    let mut s = state();
    update(&mut s, Msg::InputAt(500));
    confirming_in_clear(&mut s);
    // Typed in the same burst as the enter that asked: dropped, with a notice.
    let mut effects = key(&mut s, Key::plain(KeyCode::Enter));
    effects.extend(key(&mut s, Key::char('y')));
    assert_eq!(journaled(&effects), None, "{effects:?}");
    let d = s.export.dialog.as_ref().expect("still asking");
    assert!(d.confirming);
    assert!(
        d.error
            .as_deref()
            .is_some_and(|e| e.contains("keys typed before this was shown were ignored")),
        "{:?}",
        d.error
    );
    // Drawn; a key within the guard time is still dropped.
    let effects = update(&mut s, Msg::Drawn { at: 1_000 });
    assert_eq!(
        effects,
        vec![Effect::Schedule {
            after_ms: CONFIRM_GUARD_MS,
            msg: Box::new(Msg::ConfirmReady { shown: 1_000 }),
        }]
    );
    update(&mut s, Msg::InputAt(1_000 + CONFIRM_GUARD_MS - 1));
    assert_eq!(journaled(&key(&mut s, Key::char('y'))), None);
    // The guard time passed: the confirm key is offered and a fresh key confirms.
    update(&mut s, Msg::ConfirmReady { shown: 1_000 });
    assert!(s.export.dialog.as_ref().is_some_and(|d| d.guard.ready));
    update(&mut s, Msg::InputAt(1_000 + CONFIRM_GUARD_MS));
    let (_, reason) = journaled(&key(&mut s, Key::char('y'))).expect("confirmed");
    assert_eq!(reason, None, "this profile asks no reason");
}

#[test]
fn going_back_and_asking_again_starts_a_new_guard_time() {
    let mut s = state();
    confirming_in_clear(&mut s);
    shown_then_answered(&mut s);
    key(&mut s, Key::plain(KeyCode::Esc));
    assert!(s.export.dialog.as_ref().is_some_and(|d| !d.confirming));
    update(&mut s, Msg::InputAt(1_500));
    key(&mut s, Key::plain(KeyCode::Enter));
    assert_eq!(
        journaled(&key(&mut s, Key::char('y'))),
        None,
        "the first confirmation's time does not carry over"
    );
}

#[test]
fn a_profile_that_asks_a_reason_for_reveals_asks_it_for_an_export_in_clear_and_journals_it() {
    let mut s = state();
    s.reveal_requires_reason = true;
    confirming_in_clear(&mut s);
    shown_then_answered(&mut s);
    // y is a letter of the reason here; enter with no reason is refused.
    assert_eq!(journaled(&key(&mut s, Key::plain(KeyCode::Enter))), None);
    let d = s.export.dialog.as_ref().expect("still asking");
    assert!(
        d.error
            .as_deref()
            .is_some_and(|e| e.contains("asks for a reason")),
        "{:?}",
        d.error
    );
    for c in "yearly audit".chars() {
        assert_eq!(journaled(&key(&mut s, Key::char(c))), None);
    }
    update(&mut s, Msg::Paste(" #42".into()));
    let (_, reason) = journaled(&key(&mut s, Key::plain(KeyCode::Enter))).expect("confirmed");
    assert_eq!(reason.as_deref(), Some("yearly audit #42"));
}
