//! The machinery every form shares: fields and focus, validation state, the discard
//! question, the confirmation step (with the production last-four check) and the
//! submission state machine Editing → Confirming → InFlight → Done | Failed | OutcomeUnknown.

use super::field::Field;
use super::logic::FormLogic;
use super::request::{ReadTarget, WriteOk, WriteRequest};
use super::view::ChangeLine;
use super::{AuditSummary, FormOutcome, WriteContext};
use crate::app::key::{Key, KeyCode};
use crate::app::keymap::{Action, Scope};
use crate::domain::ApiError;
use tui_input::{Input, InputRequest};

/// A write ready for confirmation: the request and how to describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub request: WriteRequest,
    /// `account 8f0e…`, `stay 5b1e… (Jan de Vries)`.
    pub target: String,
    /// The id whose last four characters a production confirmation asks for.
    pub target_id: String,
    pub changes: Vec<ChangeLine>,
    /// The same request sent again after its outcome was lost (`ctrl-t`): the error that
    /// left it unknown, which going back returns to.
    pub again: Option<Box<ApiError>>,
}

/// Why a form cannot be submitted yet: the field (index) to fix, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: Option<usize>,
    pub message: String,
}

/// Where a form stands after the user asked to submit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submission {
    Editing,
    /// The confirmation view is up.
    Confirming(Box<Prepared>),
    /// Sent; the submit key does nothing until the answer.
    InFlight(Box<WriteRequest>),
    Done {
        message: String,
        request: Box<WriteRequest>,
    },
    /// The provider refused: its code and message are shown, the values kept, editing goes on.
    Failed(Box<ApiError>),
    /// The answer was lost: the write may have been applied.
    OutcomeUnknown {
        request: Box<WriteRequest>,
        error: Box<ApiError>,
    },
    /// Refused with 429: the same request goes again once the provider's `Retry-After`
    /// has counted down (`left_s` seconds to go); nothing can be edited meanwhile.
    RetryWait {
        request: Box<WriteRequest>,
        error: Box<ApiError>,
        left_s: u64,
    },
}

impl Submission {
    /// Whether the fields take keys.
    pub fn is_editing(&self) -> bool {
        matches!(self, Submission::Editing | Submission::Failed(_))
    }

    /// The request this state holds, if any.
    pub fn request(&self) -> Option<&WriteRequest> {
        match self {
            Submission::Confirming(p) => Some(&p.request),
            Submission::InFlight(r)
            | Submission::Done { request: r, .. }
            | Submission::OutcomeUnknown { request: r, .. }
            | Submission::RetryWait { request: r, .. } => Some(r),
            Submission::Editing | Submission::Failed(_) => None,
        }
    }
}

/// What to read again after `request`: to show the new state once it succeeded, or to learn
/// whether it was applied when its outcome is unknown.
pub fn reread_target(request: &WriteRequest) -> ReadTarget {
    match request {
        WriteRequest::OpenWallet(w) => ReadTarget::StayWallet {
            stay_id: w.stay_id.clone(),
        },
        WriteRequest::ChangePaymentMethod { account_id, .. } => ReadTarget::Account {
            account_id: account_id.clone(),
        },
        WriteRequest::CancelPromotion { account_id, .. } => ReadTarget::Promotions {
            account_id: account_id.clone(),
        },
    }
}

/// State common to every form.
#[derive(Debug, Clone)]
pub struct FormCore {
    pub title: &'static str,
    pub ctx: WriteContext,
    pub fields: Vec<Field>,
    /// Index of the focused field; always a focusable one when there is one.
    pub focus: usize,
    pub submission: Submission,
    /// "Discard changes? y/n" is up.
    pub discard_prompt: bool,
    /// The last four characters typed on a production confirmation.
    pub confirm_input: Input,
    /// A one-line message about the last key (why submit was refused…).
    pub notice: Option<String>,
    /// Submit was tried once: every field's message shows from then on.
    pub submit_attempted: bool,
    /// Something was typed or chosen: leaving asks first.
    pub dirty: bool,
    /// The request the provider refused last, while the fields still say the same: what a
    /// retry after a 429 sends again.
    pub refused_request: Option<Box<WriteRequest>>,
    /// The confirmation last confirmed: what a retry of a lost answer shows again.
    pub sent: Option<Box<Prepared>>,
}

impl FormCore {
    pub fn new(title: &'static str, ctx: WriteContext, fields: Vec<Field>) -> FormCore {
        let mut core = FormCore {
            title,
            ctx,
            fields,
            focus: 0,
            submission: Submission::Editing,
            discard_prompt: false,
            confirm_input: Input::default(),
            notice: None,
            submit_attempted: false,
            dirty: false,
            refused_request: None,
            sent: None,
        };
        core.fix_focus();
        core
    }

    /// Moves the focus to a focusable field if it is on a hidden or display one.
    pub fn fix_focus(&mut self) {
        if self.fields.get(self.focus).is_some_and(Field::focusable) {
            return;
        }
        if let Some(i) = self.fields.iter().position(Field::focusable) {
            self.focus = i;
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len();
        if n == 0 {
            return;
        }
        for step in 1..=n {
            let i = if forward {
                (self.focus + step) % n
            } else {
                (self.focus + n * step - step) % n
            };
            if self.fields[i].focusable() {
                self.focus = i;
                return;
            }
        }
    }

    /// The focusable fields in Tab order, by label (for tests and hints).
    pub fn tab_order(&self) -> Vec<&'static str> {
        self.fields
            .iter()
            .filter(|f| f.focusable())
            .map(|f| f.label)
            .collect()
    }

    /// Whether a field's message should be shown.
    pub fn shows_message(&self, index: usize) -> bool {
        self.submit_attempted || self.fields.get(index).is_some_and(|f| f.touched)
    }

    /// The wait a 429 asked for, when the last refusal was one and the same request can
    /// be sent again (nothing edited since).
    pub fn retry_after(&self) -> Option<u64> {
        match &self.submission {
            Submission::Failed(e) if e.status == Some(429) && self.refused_request.is_some() => {
                e.retry_after_secs.filter(|s| *s > 0)
            }
            _ => None,
        }
    }

    /// Whether the typed last four match the target id (always true off production).
    pub fn last4_matches(&self, target_id: &str) -> bool {
        if !self.ctx.production {
            return true;
        }
        let chars: Vec<char> = target_id.chars().collect();
        let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
        tail.len() == 4
            && self
                .confirm_input
                .value()
                .trim()
                .eq_ignore_ascii_case(&tail)
    }
}

pub(crate) fn scope(core: &FormCore) -> Scope {
    if core.discard_prompt || matches!(core.submission, Submission::Confirming(_)) {
        Scope::Confirm
    } else {
        Scope::Form
    }
}

pub(crate) fn handle_key(
    form: &mut dyn FormLogic,
    key: Key,
    action: Option<Action>,
) -> FormOutcome {
    if matches!(action, Some(Action::ForceQuit)) {
        return FormOutcome::Unhandled;
    }
    if form.core().discard_prompt {
        return discard_key(form.core_mut(), key, action);
    }
    match form.core().submission.clone() {
        Submission::Confirming(prepared) => confirm_key(form.core_mut(), key, action, *prepared),
        Submission::InFlight(_) => FormOutcome::Stay,
        Submission::Done { .. } => match action {
            Some(Action::Submit | Action::Cancel | Action::Back) => FormOutcome::Close,
            _ if key.code == KeyCode::Enter || key.code == KeyCode::Esc => FormOutcome::Close,
            _ => FormOutcome::Stay,
        },
        Submission::OutcomeUnknown { request, error } => match action {
            Some(Action::Reread) => FormOutcome::Reread(reread_target(&request)),
            // The same request again, through a confirmation of its own (with its
            // type-ahead guard): never sent by the key alone.
            Some(Action::Retry) if form.retryable() => {
                let again = confirm_again(form, *request, error);
                let core = form.core_mut();
                core.submission = Submission::Confirming(Box::new(again));
                core.confirm_input = Input::default();
                core.notice = None;
                FormOutcome::Stay
            }
            Some(Action::Retry) => {
                form.core_mut().notice = Some(
                    "this write has no idempotency key: read it again (ctrl-r) before trying anew"
                        .into(),
                );
                FormOutcome::Stay
            }
            Some(Action::Cancel) => ask_discard(form.core_mut()),
            Some(Action::Help) => FormOutcome::Unhandled,
            _ => FormOutcome::Stay,
        },
        Submission::RetryWait { error, left_s, .. } => match action {
            Some(Action::Cancel) => {
                let core = form.core_mut();
                core.submission = Submission::Failed(error);
                core.notice = Some("the retry is stopped: nothing was sent".into());
                FormOutcome::Stay
            }
            Some(Action::Help) => FormOutcome::Unhandled,
            Some(Action::Retry | Action::Submit) => {
                // Pressed again: still waiting, never sooner.
                form.core_mut().notice = Some(format!("retrying in {left_s} s"));
                FormOutcome::Stay
            }
            _ => FormOutcome::Stay,
        },
        Submission::Failed(_) if action == Some(Action::Retry) => wait_to_retry(form.core_mut()),
        Submission::Editing | Submission::Failed(_) => edit_key(form, key, action),
    }
}

/// The confirmation of `request` sent again: the one confirmed before (its target and
/// changes), holding exactly the request that was sent, with its idempotency key.
fn confirm_again(form: &dyn FormLogic, request: WriteRequest, error: Box<ApiError>) -> Prepared {
    let before = form
        .core()
        .sent
        .as_deref()
        .cloned()
        .or_else(|| form.prepare().ok());
    let (target, target_id, changes) = match before {
        Some(p) => (p.target, p.target_id, p.changes),
        None => (String::new(), String::new(), Vec::new()),
    };
    Prepared {
        request,
        target,
        target_id,
        changes,
        again: Some(error),
    }
}

/// ctrl-t after a 429: the same request again once `Retry-After` has counted down.
fn wait_to_retry(core: &mut FormCore) -> FormOutcome {
    let (Some(secs), Submission::Failed(error)) = (core.retry_after(), core.submission.clone())
    else {
        return FormOutcome::Stay;
    };
    let Some(request) = core.refused_request.clone() else {
        return FormOutcome::Stay;
    };
    core.submission = Submission::RetryWait {
        request,
        error,
        left_s: secs,
    };
    core.notice = Some(format!("rate limited: retrying in {secs} s"));
    FormOutcome::WaitToRetry
}

/// A second of the retry countdown passed: at zero the same request goes again.
pub(crate) fn retry_tick(core: &mut FormCore) -> FormOutcome {
    let Submission::RetryWait {
        request, left_s, ..
    } = &mut core.submission
    else {
        return FormOutcome::Stay;
    };
    *left_s = left_s.saturating_sub(1);
    if *left_s > 0 {
        core.notice = Some(format!("retrying in {left_s} s"));
        return FormOutcome::WaitToRetry;
    }
    let request = (**request).clone();
    core.submission = Submission::InFlight(Box::new(request.clone()));
    core.refused_request = None;
    core.notice = None;
    FormOutcome::Submit(request)
}

fn ask_discard(core: &mut FormCore) -> FormOutcome {
    if core.dirty {
        core.discard_prompt = true;
        FormOutcome::Stay
    } else {
        FormOutcome::Close
    }
}

fn discard_key(core: &mut FormCore, key: Key, action: Option<Action>) -> FormOutcome {
    let yes = matches!(action, Some(Action::Confirm)) || key == Key::char('y');
    let no = matches!(action, Some(Action::Cancel)) || key == Key::char('n');
    if yes {
        core.discard_prompt = false;
        FormOutcome::Close
    } else if no {
        core.discard_prompt = false;
        FormOutcome::Stay
    } else {
        FormOutcome::Stay
    }
}

fn confirm_key(
    core: &mut FormCore,
    key: Key,
    action: Option<Action>,
    prepared: Prepared,
) -> FormOutcome {
    // On production the last four are typed here, so letters are text, not y/n.
    if core.ctx.production && !key.ctrl && !key.alt {
        let req = match key.code {
            KeyCode::Char(c) if !c.is_control() => Some(InputRequest::InsertChar(c)),
            KeyCode::Backspace => Some(InputRequest::DeletePrevChar),
            _ => None,
        };
        if let Some(req) = req {
            core.confirm_input.handle(req);
            core.notice = None;
            return FormOutcome::Stay;
        }
    }
    let confirm = matches!(action, Some(Action::Confirm)) || key.code == KeyCode::Enter;
    let cancel = matches!(action, Some(Action::Cancel)) || key.code == KeyCode::Esc;
    if confirm {
        if !core.last4_matches(&prepared.target_id) {
            core.notice = Some("type the last 4 characters of the target id to confirm".into());
            return FormOutcome::Stay;
        }
        let request = prepared.request.clone();
        core.submission = Submission::InFlight(Box::new(request.clone()));
        core.notice = None;
        core.sent = Some(Box::new(Prepared {
            again: None,
            ..prepared
        }));
        FormOutcome::Submit(request)
    } else if cancel {
        // Back from a retry's confirmation: the outcome is still unknown, nothing sent.
        core.submission = match prepared.again {
            Some(error) => Submission::OutcomeUnknown {
                request: Box::new(prepared.request),
                error,
            },
            None => Submission::Editing,
        };
        core.confirm_input = Input::default();
        core.notice = None;
        FormOutcome::Stay
    } else if matches!(action, Some(Action::Help)) {
        FormOutcome::Unhandled
    } else {
        FormOutcome::Stay
    }
}

fn edit_key(form: &mut dyn FormLogic, key: Key, action: Option<Action>) -> FormOutcome {
    match action {
        Some(Action::NextField) => {
            form.core_mut().move_focus(true);
            return FormOutcome::Stay;
        }
        Some(Action::PrevField) => {
            form.core_mut().move_focus(false);
            return FormOutcome::Stay;
        }
        Some(Action::Submit) => return try_submit(form),
        Some(Action::Cancel) => return ask_discard(form.core_mut()),
        _ => {}
    }
    let index = form.core().focus;
    let applied = form
        .core_mut()
        .fields
        .get_mut(index)
        .and_then(|f| f.apply_key(key));
    match applied {
        Some(true) => changed(form, index),
        Some(false) => FormOutcome::Stay,
        None if matches!(action, Some(Action::Help)) => FormOutcome::Unhandled,
        None => FormOutcome::Stay,
    }
}

fn changed(form: &mut dyn FormLogic, index: usize) -> FormOutcome {
    {
        let core = form.core_mut();
        core.dirty = true;
        core.notice = None;
        // The fields no longer say what was refused: a retry would send something else.
        core.refused_request = None;
        if let Some(f) = core.fields.get_mut(index) {
            f.touched = true;
        }
    }
    form.revalidate();
    form.core_mut().fix_focus();
    form.after_edit(index)
}

pub(crate) fn paste(form: &mut dyn FormLogic, text: &str) -> FormOutcome {
    if matches!(form.core().submission, Submission::Confirming(_)) && !text.is_empty() {
        // A paste is never an answer to what the confirmation shows.
        let core = form.core_mut();
        core.notice = Some(if core.ctx.production {
            "pasted text does not confirm: type the last 4 characters of the target id".into()
        } else {
            "pasted text does not confirm: press a confirm key".into()
        });
        return FormOutcome::Stay;
    }
    if !form.core().submission.is_editing() || form.core().discard_prompt {
        return FormOutcome::Stay;
    }
    let index = form.core().focus;
    let did = form
        .core_mut()
        .fields
        .get_mut(index)
        .is_some_and(|f| f.paste(text));
    if did {
        changed(form, index)
    } else {
        FormOutcome::Stay
    }
}

fn try_submit(form: &mut dyn FormLogic) -> FormOutcome {
    if form.core().ctx.read_only {
        let notice = form.core().ctx.read_only_notice();
        form.core_mut().notice = Some(notice);
        return FormOutcome::Stay;
    }
    form.core_mut().submit_attempted = true;
    form.revalidate();
    match form.prepare() {
        Ok(prepared) => {
            let core = form.core_mut();
            core.submission = Submission::Confirming(Box::new(prepared));
            core.confirm_input = Input::default();
            core.notice = None;
        }
        Err(invalid) => {
            let core = form.core_mut();
            if let Some(i) = invalid
                .field
                .filter(|i| core.fields.get(*i).is_some_and(Field::focusable))
            {
                core.focus = i;
            }
            core.notice = Some(invalid.message);
        }
    }
    FormOutcome::Stay
}

pub(crate) fn submitted(
    form: &mut dyn FormLogic,
    result: Result<WriteOk, ApiError>,
) -> FormOutcome {
    let Submission::InFlight(request) = form.core().submission.clone() else {
        // An answer nobody waits for (the form was reset): nothing to show.
        return FormOutcome::Stay;
    };
    match result {
        Ok(ok) => {
            let (message, open_wallet) = form.success(&ok, &request);
            let reread = reread_target(&request);
            form.core_mut().submission = Submission::Done {
                message: message.clone(),
                request,
            };
            form.core_mut().dirty = false;
            FormOutcome::Succeeded {
                message,
                reread,
                open_wallet,
            }
        }
        Err(error) if error.outcome_unknown => {
            form.core_mut().submission = Submission::OutcomeUnknown {
                request,
                error: Box::new(error),
            };
            FormOutcome::Stay
        }
        Err(error) => {
            form.core_mut().submission = Submission::Failed(Box::new(error));
            form.core_mut().refused_request = Some(request);
            FormOutcome::Stay
        }
    }
}

/// The answer to a `Reread` after an unknown outcome: `applied` turns the form to done
/// (the write happened), otherwise editing resumes with `message` so the user may send it
/// anew. Anything but an unknown outcome is left as it is.
pub(crate) fn reread_done(core: &mut FormCore, applied: bool, message: String) {
    let Submission::OutcomeUnknown { request, .. } = core.submission.clone() else {
        return;
    };
    if applied {
        core.submission = Submission::Done { message, request };
        core.dirty = false;
        core.notice = None;
    } else {
        core.submission = Submission::Editing;
        core.notice = Some(message);
    }
}

pub(crate) fn audit_summary(form: &dyn FormLogic) -> AuditSummary {
    let request = form
        .core()
        .submission
        .request()
        .cloned()
        .or_else(|| form.prepare().ok().map(|p| p.request));
    match request {
        Some(r) => form.audit_of(&r),
        None => AuditSummary {
            action: form.audit_action(),
            target_ids: form.known_target_ids(),
            key: None,
            summary: "form not valid yet".into(),
        },
    }
}
