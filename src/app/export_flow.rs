//! An export from a list, end to end as decisions: `x` opens the dialog, its keys, the
//! confirmation of an export in clear (journaled), then the job — pages asked a few at a
//! time, handed in order to the runtime's writer, a 429 waited out, a failure or esc
//! stopping it with the unfinished file kept or removed, and what the screen says.

use super::effect::{Effect, Query, ViewId};
use super::export::Selection;
use super::export_io::{ExportEffect, ExportNote, JobId, PARTIAL, Rows};
use super::export_job::{DialogRow, ExportDialog, ExportJob, ExportScope, LastExport, Phase, Stop};
use super::format::thousands;
use super::key::{Key, KeyCode};
use super::msg::Msg;
use super::resources::ListAnswer;
use super::state::{State, ToastLevel};
use super::text::{self, Edit};
use crate::domain::{ApiError, ErrorKind};
use tui_input::Input;

/// `x` on the list `view`: the dialog, with a name proposed once the runtime tells the time.
pub fn open(state: &mut State, view: ViewId) -> Vec<Effect> {
    if let Some(job) = &state.export.job {
        let text = format!("an export to {} is under way", job.path);
        return state.toast(ToastLevel::Info, text);
    }
    let asks_reason = state.reveal_requires_reason;
    let Some(list) = state.list_by_id(view) else {
        return Vec::new();
    };
    let dialog = ExportDialog {
        view,
        resource: list.resource,
        scope: if list.marked.is_empty() {
            ExportScope::All
        } else {
            ExportScope::Marked
        },
        format: super::export::Format::Csv,
        clear: false,
        name: Input::default(),
        focus: DialogRow::Scope,
        confirming: false,
        guard: Default::default(),
        asks_reason,
        reason: Input::default(),
        error: None,
        page_rows: list.rows.len(),
        marked: list.marked.len(),
        total: list.shown.and_then(|s| s.total),
    };
    state.export.dialog = Some(dialog);
    state.export.last = None;
    state.dirty = true;
    vec![Effect::Export(ExportEffect::Clock)]
}

/// A key while the dialog is open.
pub fn key(state: &mut State, key: Key) -> Vec<Effect> {
    let input_at = state.input_at;
    let Some(d) = &mut state.export.dialog else {
        return Vec::new();
    };
    state.dirty = true;
    if d.confirming {
        return confirm_key(state, key, input_at);
    }
    match key.code {
        KeyCode::Esc => state.export.dialog = None,
        KeyCode::Enter => {
            if let Some(problem) = d.problem() {
                d.error = Some(problem);
            } else if d.clear {
                d.confirming = true;
            } else {
                return start(state, None);
            }
        }
        KeyCode::Up | KeyCode::BackTab => d.move_focus(-1),
        KeyCode::Down | KeyCode::Tab => d.move_focus(1),
        _ if d.focus == DialogRow::Name => {
            d.error = None;
            text::edit(&mut d.name, key);
        }
        KeyCode::Left => d.cycle(-1),
        KeyCode::Right | KeyCode::Char(' ') => d.cycle(1),
        _ => {}
    }
    Vec::new()
}

/// A key while the export in clear is being confirmed. As for a write, type-ahead never
/// confirms: a key that arrived before the confirmation had been on screen for the guard
/// time is dropped (esc, going back, still works). With a reason to give, keys type it and
/// only enter confirms.
fn confirm_key(state: &mut State, key: Key, input_at: Option<u64>) -> Vec<Effect> {
    let Some(d) = &mut state.export.dialog else {
        return Vec::new();
    };
    let back = key.code == KeyCode::Esc || (!d.asks_reason && key.code == KeyCode::Char('n'));
    if back {
        d.confirming = false;
        d.guard.hide();
        d.reason = Input::default();
        d.error = None;
        return Vec::new();
    }
    if !d.guard.takes_key(input_at) {
        let how = if d.asks_reason {
            "type the reason, then press enter"
        } else {
            "press enter or y to export in clear"
        };
        d.error = Some(format!(
            "keys typed before this was shown were ignored — {how}"
        ));
        return Vec::new();
    }
    let confirm = key.code == KeyCode::Enter || (!d.asks_reason && key.code == KeyCode::Char('y'));
    if confirm {
        let reason = d.reason.value().trim().to_string();
        if d.asks_reason && reason.is_empty() {
            d.error = Some("this profile asks for a reason; esc goes back".into());
            return Vec::new();
        }
        let reason = d.asks_reason.then_some(reason);
        return start(state, reason);
    }
    if d.asks_reason && text::edit(&mut d.reason, key) == Edit::Changed {
        d.error = None;
    }
    Vec::new()
}

/// Text pasted while the dialog is open goes to the file name, or to the reason while an
/// export in clear is confirmed (a paste never confirms).
pub fn paste(state: &mut State, pasted: &str) {
    if let Some(d) = &mut state.export.dialog {
        let line = if d.confirming {
            if !d.asks_reason {
                return;
            }
            &mut d.reason
        } else {
            d.focus = DialogRow::Name;
            &mut d.name
        };
        if text::paste(line, pasted) == Edit::Changed {
            state.dirty = true;
        }
    }
}

/// A frame was drawn at `at`: the confirmation of an export in clear on screen (not under
/// the help) starts its guard time.
pub fn drawn(state: &mut State, at: u64) -> Vec<Effect> {
    let hidden = state.overlay.is_some() || state.form.is_some();
    let Some(d) = &mut state.export.dialog else {
        return Vec::new();
    };
    if !d.confirming || hidden {
        d.guard.hide();
        return Vec::new();
    }
    d.guard.drawn(at).into_iter().collect()
}

/// The guard time of the confirmation shown at `shown` passed: its confirm key shows.
pub fn confirm_ready(state: &mut State, shown: u64) {
    if let Some(d) = &mut state.export.dialog
        && d.guard.passed(shown)
    {
        state.dirty = true;
    }
}

/// Enter (and the confirmation, in clear, with its reason when the profile asks one): the
/// file is opened and the rows start to flow.
fn start(state: &mut State, reason: Option<String>) -> Vec<Effect> {
    let Some(d) = state.export.dialog.take() else {
        return Vec::new();
    };
    let Some(list) = state.list_by_id(d.view) else {
        return Vec::new();
    };
    let res = list.resource;
    let in_hand = match d.scope {
        ExportScope::Page => Some(list.rows.clone()),
        ExportScope::Marked => Some(list.marked.clone()),
        ExportScope::All => None,
    };
    let params = res.params(&list.applied, list.owner.as_ref());
    let sort = list.request.sort.clone();
    let total = match &in_hand {
        Some(rows) => Some(rows.len() as u64),
        None => list.shown.and_then(|s| s.total),
    };
    let path = d.name.value().trim().to_string();
    let id = state.export.next_id();
    let mut job = ExportJob::new(
        id,
        d.view,
        res,
        path.clone(),
        d.format,
        d.scope,
        d.clear,
        params,
        sort,
        total,
    );
    job.in_hand = in_hand;
    state.dirty = true;
    if !d.clear {
        state.export.job = Some(job);
        return begin(state);
    }
    // In clear: the journal has the record before the file has a row.
    let record = Query::AuditReveal {
        provider: res.provider(),
        resource: format!("{} export to {path}", res.name()),
        field: "iban and card numbers (export in clear)",
        reason: reason.clone(),
    };
    let (ticket, effect) = state.request(record);
    job.journal = Some(ticket);
    state.export.job = Some(job);
    let mut line = format!(
        "exporting {} with IBANs and card numbers in clear to {path}",
        res.name()
    );
    if let Some(r) = &reason {
        line.push_str(&format!(" (reason: {r})"));
    }
    vec![Effect::Log(line), effect]
}

/// The audit record `ticket` is written: the export waiting on it begins. If it could not
/// be written, the export in clear does not happen (no file is opened).
pub fn recorded(
    state: &mut State,
    ticket: super::effect::Ticket,
    result: Result<(), String>,
) -> Vec<Effect> {
    match &mut state.export.job {
        Some(job) if job.journal == Some(ticket) && job.phase == Phase::Running => {
            job.journal = None;
            match result {
                Ok(()) => begin(state),
                Err(why) => stop(
                    state,
                    Stop::Failed(format!("not exported in clear: {why}")),
                    false,
                ),
            }
        }
        _ => Vec::new(),
    }
}

/// Opens the file, then hands over the rows in hand or asks for the first pages.
fn begin(state: &mut State) -> Vec<Effect> {
    let Some(job) = &mut state.export.job else {
        return Vec::new();
    };
    let id = job.id;
    let mut effects = vec![Effect::Export(ExportEffect::Open {
        job: id,
        path: job.path.clone(),
        format: job.format,
        selection: Selection::all(job.resource),
        clear: job.clear,
    })];
    if let Some(rows) = job.in_hand.take() {
        job.hand_over(rows.len() as u64);
        effects.push(Effect::Export(ExportEffect::Rows {
            job: id,
            rows: Rows(rows),
        }));
        effects.push(Effect::Export(ExportEffect::Finish { job: id }));
    }
    effects.extend(ask(state));
    effects
}

/// Asks for the pages the job's window has room for.
fn ask(state: &mut State) -> Vec<Effect> {
    let Some(job) = &mut state.export.job else {
        return Vec::new();
    };
    let id = job.id;
    let queries: Vec<(u32, Query)> = job
        .to_ask()
        .into_iter()
        .map(|p| {
            (
                p,
                Query::ExportPage {
                    job: id,
                    page: job.query(p),
                },
            )
        })
        .collect();
    let mut effects = Vec::new();
    for (page, query) in queries {
        let (ticket, effect) = state.request(query);
        if let Some(job) = &mut state.export.job {
            job.asked(page, ticket);
        }
        effects.push(effect);
    }
    effects
}

/// The job `job` is the one under way.
fn job_mut(state: &mut State, job: JobId) -> Option<&mut ExportJob> {
    state.export.job.as_mut().filter(|j| j.id == job)
}

/// Page `page` of the export `job` arrived (or failed).
pub fn page(
    state: &mut State,
    job: JobId,
    page: u32,
    result: Result<ListAnswer, ApiError>,
) -> Vec<Effect> {
    let Some(j) = job_mut(state, job) else {
        return Vec::new();
    };
    match result {
        Ok(answer) => {
            let step = j.accept(page, answer.page);
            let mut effects: Vec<Effect> =
                step.cancel.into_iter().map(|t| state.cancel(t)).collect();
            for rows in step.write {
                effects.push(Effect::Export(ExportEffect::Rows {
                    job,
                    rows: Rows(rows),
                }));
            }
            if step.finish {
                effects.push(Effect::Export(ExportEffect::Finish { job }));
            }
            state.dirty = true;
            effects.extend(ask(state));
            effects
        }
        Err(e) if e.kind == ErrorKind::RateLimited && j.retry(page) => {
            let secs = e.retry_after_secs.unwrap_or(1).max(1);
            vec![Effect::Schedule {
                after_ms: secs * 1000,
                msg: Box::new(Msg::Export(ExportNote::Retry { job, page })),
            }]
        }
        Err(e) => {
            let why = format!("page {}: {e}", page + 1);
            stop(state, Stop::Failed(why), true)
        }
    }
}

/// Stops the job under way: its requests are cancelled and its file kept or removed.
fn stop(state: &mut State, why: Stop, keep: bool) -> Vec<Effect> {
    let Some(job) = &mut state.export.job else {
        return Vec::new();
    };
    let id = job.id;
    let tickets = job.stop(why);
    let mut effects: Vec<Effect> = tickets.into_iter().map(|t| state.cancel(t)).collect();
    effects.push(Effect::Export(ExportEffect::Discard { job: id, keep }));
    state.dirty = true;
    effects
}

/// Whether esc now cancels the export (the focused view is the list it came from) or
/// clears what the last one said.
pub fn takes_esc(state: &State) -> bool {
    match &state.export.job {
        Some(_) => esc_cancels(state),
        None => state.export.last.is_some(),
    }
}

/// Whether esc cancels the export under way: on the list it came from, or on any list once
/// that one is closed.
pub fn esc_cancels(state: &State) -> bool {
    let Some(job) = &state.export.job else {
        return false;
    };
    let open = state
        .navs
        .iter()
        .any(|n| n.views.iter().any(|v| v.id() == job.view));
    let focused = state.view();
    job.phase == Phase::Running
        && match focused {
            Some(v) if v.id() == job.view => true,
            Some(super::nav::View::List(_)) => !open,
            _ => false,
        }
}

/// Esc on the exporting list: the export stops and its unfinished file is removed.
pub fn cancel(state: &mut State) -> Vec<Effect> {
    if state.export.job.is_none() {
        state.export.last = None;
        state.dirty = true;
        return Vec::new();
    }
    stop(state, Stop::Cancelled, false)
}

/// What the runtime says about the export (or a retry the app scheduled).
pub fn note(state: &mut State, note: ExportNote) -> Vec<Effect> {
    match note {
        ExportNote::Now(now) => {
            if let Some(d) = &mut state.export.dialog
                && d.name.value().is_empty()
            {
                d.propose(now);
                state.dirty = true;
            }
            Vec::new()
        }
        ExportNote::Written {
            job,
            rows,
            elapsed_ms,
        } => {
            if let Some(j) = job_mut(state, job) {
                j.written(rows, elapsed_ms);
                state.dirty = true;
            }
            ask(state)
        }
        ExportNote::Retry { job, page } => {
            let Some(j) = job_mut(state, job).filter(|j| j.phase == Phase::Running) else {
                return Vec::new();
            };
            let query = Query::ExportPage {
                job,
                page: j.query(page),
            };
            let (ticket, effect) = state.request(query);
            if let Some(j) = job_mut(state, job) {
                j.asked(page, ticket);
            }
            vec![effect]
        }
        ExportNote::Finished { job, result } => {
            let Some(j) = job_mut(state, job) else {
                return Vec::new();
            };
            match result {
                Ok(path) => {
                    let text = format!(
                        "exported {} {} to {path}",
                        thousands(j.written_rows),
                        j.resource.name()
                    );
                    state.export.job = None;
                    state.export.last = Some(LastExport {
                        ok: true,
                        text: text.clone(),
                    });
                    state.toast(ToastLevel::Success, text)
                }
                // Already stopping: the discard's answer says what became of the file.
                Err(_) if matches!(j.phase, Phase::Stopping(_)) => Vec::new(),
                Err(reason) => {
                    let why = format!("the file could not be written: {reason}");
                    stop(state, Stop::Failed(why), true)
                }
            }
        }
        ExportNote::Discarded { job, kept } => {
            let Some(j) = job_mut(state, job) else {
                return Vec::new();
            };
            let file = format!("{}{PARTIAL}", j.path);
            let (level, text) = match (&j.phase, kept) {
                (Phase::Stopping(Stop::Failed(why)), Some(kept)) => (
                    ToastLevel::Error,
                    format!(
                        "export stopped, {} rows kept in {kept} (incomplete): {why}",
                        thousands(j.written_rows)
                    ),
                ),
                (Phase::Stopping(Stop::Failed(why)), None) => (
                    ToastLevel::Error,
                    format!("export stopped, nothing written: {why}"),
                ),
                (_, Some(kept)) => (
                    ToastLevel::Warning,
                    format!("export cancelled; the rows written so far are in {kept} (incomplete)"),
                ),
                (_, None) => (
                    ToastLevel::Warning,
                    format!("export cancelled; {file} was removed"),
                ),
            };
            state.export.job = None;
            state.export.last = Some(LastExport {
                ok: false,
                text: text.clone(),
            });
            let mut effects = state.toast(level, text.clone());
            effects.push(Effect::Log(text));
            effects
        }
    }
}
