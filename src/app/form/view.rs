//! The view models the UI renders: a form (rows with their messages, the submission state,
//! key hints) and its confirmation (profile, target, before → after, the exact request).

use super::field::{FieldKind, Masking};
use super::logic::FormLogic;
use super::machine::Submission;
use crate::app::keymap::{Action, Keymap, Scope};
use crate::domain::iban::Iban;

/// One change shown on confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Text,
    Date,
    Choice,
    Display,
    /// A type-to-filter list: `value` is the typed filter while focused, the choice
    /// otherwise; `options` the matches around the choice.
    Pick,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRow {
    pub label: String,
    /// What to draw: the typed text, masked when the field is a valid IBAN out of focus.
    pub value: String,
    pub placeholder: String,
    pub kind: RowKind,
    pub focused: bool,
    /// Cursor column within `value`, for the focused input.
    pub cursor: Option<usize>,
    /// The message beside the field (shown once typed in, or after a submit attempt).
    pub error: Option<String>,
    pub note: Option<String>,
    /// Choice fields: position and count, for `◀ 2/5 ▶`.
    pub choice_pos: Option<(usize, usize)>,
    /// A focused pick list: what is typed to filter it, and a few matches around the
    /// chosen one (which is chosen).
    pub filter: Option<String>,
    pub options: Vec<(String, bool)>,
}

/// How many matches a focused pick list shows.
pub const PICK_SHOWN: usize = 5;

fn pick_window(p: &super::picker::Picker) -> Vec<(String, bool)> {
    let at = p.matches.iter().position(|&i| i == p.chosen).unwrap_or(0);
    let start = at
        .saturating_sub(PICK_SHOWN / 2)
        .min(p.matches.len().saturating_sub(PICK_SHOWN));
    p.matches
        .iter()
        .skip(start)
        .take(PICK_SHOWN)
        .map(|&i| (p.options[i].label.clone(), i == p.chosen))
        .collect()
}

/// The submission state as the form panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusView {
    None,
    InFlight,
    Done(String),
    /// The provider's refusal: code and message.
    Failed {
        code: Option<String>,
        message: String,
    },
    OutcomeUnknown {
        message: String,
        can_retry: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Last4View {
    pub target_id: String,
    pub typed: String,
    pub matches: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmView {
    pub title: String,
    pub profile: String,
    pub environment_label: String,
    pub production: bool,
    pub target: String,
    pub changes: Vec<ChangeLine>,
    pub method: String,
    pub provider: String,
    pub path: String,
    /// Pretty JSON, IBAN masked.
    pub body: String,
    /// Asked on production profiles.
    pub last4: Option<Last4View>,
    pub notice: Option<String>,
    pub hints: Vec<(String, String)>,
    /// Sending the same request again after its outcome was lost: what the screen says of it.
    pub again: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormView {
    pub title: String,
    pub profile: String,
    pub environment_label: String,
    pub production: bool,
    /// Why this form cannot submit, when the profile is read-only.
    pub read_only: Option<String>,
    /// Read-only facts above the fields: (label, value).
    pub info: Vec<(String, String)>,
    pub rows: Vec<FieldRow>,
    pub status: StatusView,
    /// The reason of the last refusal (submit refused, retry impossible…).
    pub notice: Option<String>,
    pub hints: Vec<(String, String)>,
    pub confirm: Option<ConfirmView>,
    /// "Discard changes? y/n".
    pub discard_prompt: bool,
}

fn hint(keymap: &Keymap, scope: Scope, action: Action, label: &str) -> Option<(String, String)> {
    let keys = keymap.hint(scope, action);
    (!keys.is_empty()).then(|| (keys, label.to_string()))
}

pub(crate) fn build(form: &dyn FormLogic, keymap: &Keymap) -> FormView {
    let core = form.core();
    let editing = core.submission.is_editing();
    let rows = core
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.visible)
        .map(|(i, f)| {
            let focused = editing && i == core.focus && f.focusable();
            let mut value = f.value().to_string();
            if f.masking == Masking::IbanWhenValid
                && !focused
                && let Ok(iban) = Iban::parse(&value)
            {
                value = iban.masked();
            }
            let choice_pos = match &f.kind {
                FieldKind::Choice { options, selected } => Some((*selected + 1, options.len())),
                FieldKind::Pick(p) => Some(p.position()),
                _ => None,
            };
            let (filter, options) = match &f.kind {
                FieldKind::Pick(p) if focused => {
                    (Some(p.filter.value().to_string()), pick_window(p))
                }
                _ => (None, Vec::new()),
            };
            FieldRow {
                label: f.label.to_string(),
                value,
                placeholder: f.placeholder.to_string(),
                kind: match f.kind {
                    FieldKind::Text(_) => RowKind::Text,
                    FieldKind::Date(_) => RowKind::Date,
                    FieldKind::Choice { .. } => RowKind::Choice,
                    FieldKind::Display(_) => RowKind::Display,
                    FieldKind::Pick(_) => RowKind::Pick,
                },
                focused,
                cursor: if focused { f.visual_cursor() } else { None },
                error: f.error.clone().filter(|_| core.shows_message(i)),
                note: f.note.clone(),
                choice_pos,
                filter,
                options,
            }
        })
        .collect();
    let status = match &core.submission {
        Submission::Editing | Submission::Confirming(_) => StatusView::None,
        Submission::InFlight(_) => StatusView::InFlight,
        Submission::Done { message, .. } => StatusView::Done(message.clone()),
        Submission::Failed(e) | Submission::RetryWait { error: e, .. } => StatusView::Failed {
            code: e.code.clone(),
            message: e.to_string(),
        },
        Submission::OutcomeUnknown { error, .. } => StatusView::OutcomeUnknown {
            // `headline`, not `to_string`: the panel says "outcome unknown" itself.
            message: error.headline(),
            can_retry: form.retryable(),
        },
    };
    let s = Scope::Form;
    let hints = match &core.submission {
        Submission::Editing | Submission::Failed(_) | Submission::Confirming(_) => [
            hint(keymap, s, Action::NextField, "next field"),
            hint(keymap, s, Action::Submit, "submit"),
            core.retry_after()
                .and_then(|secs| hint(keymap, s, Action::Retry, &format!("retry in {secs} s"))),
            hint(keymap, s, Action::Cancel, "cancel"),
        ]
        .into_iter()
        .flatten()
        .collect(),
        Submission::RetryWait { .. } => hint(keymap, s, Action::Cancel, "stop the retry")
            .into_iter()
            .collect(),
        Submission::InFlight(_) => Vec::new(),
        Submission::Done { .. } => hint(keymap, s, Action::Cancel, "close")
            .into_iter()
            .collect(),
        Submission::OutcomeUnknown { .. } => [
            hint(keymap, s, Action::Reread, "read again"),
            form.retryable()
                .then(|| hint(keymap, s, Action::Retry, "retry, same correlation id"))
                .flatten(),
            hint(keymap, s, Action::Cancel, "close"),
        ]
        .into_iter()
        .flatten()
        .collect(),
    };
    let confirm = match &core.submission {
        Submission::Confirming(p) => {
            let production = core.ctx.production;
            let wire = p.request.wire(&core.ctx.org);
            let back = if p.again.is_some() {
                "back, nothing sent"
            } else {
                "back to the form"
            };
            let hints = if production {
                vec![
                    ("enter".to_string(), "confirm".to_string()),
                    ("esc".to_string(), back.to_string()),
                ]
            } else {
                [
                    hint(keymap, Scope::Confirm, Action::Confirm, "confirm"),
                    hint(keymap, Scope::Confirm, Action::Cancel, back),
                ]
                .into_iter()
                .flatten()
                .collect()
            };
            Some(ConfirmView {
                title: core.title.to_string(),
                profile: core.ctx.profile.clone(),
                environment_label: core.ctx.environment_label.clone(),
                production,
                target: p.target.clone(),
                changes: p.changes.clone(),
                method: wire.method().as_str().to_string(),
                provider: wire.provider().display_name().to_string(),
                path: wire.path().to_string(),
                body: wire.masked_body_pretty(),
                last4: production.then(|| Last4View {
                    target_id: p.target_id.clone(),
                    typed: core.confirm_input.value().to_string(),
                    matches: core.last4_matches(&p.target_id),
                }),
                notice: core.notice.clone(),
                hints,
                again: p.again.as_ref().map(|_| match wire.idempotency_key() {
                    Some(key) => format!(
                        "sent before, its outcome unknown: the same request again, same \
                         idempotency key {key}"
                    ),
                    None => "sent before, its outcome unknown: the same request again".into(),
                }),
            })
        }
        _ => None,
    };
    FormView {
        title: core.title.to_string(),
        profile: core.ctx.profile.clone(),
        environment_label: core.ctx.environment_label.clone(),
        production: core.ctx.production,
        read_only: core.ctx.read_only.then(|| core.ctx.read_only_notice()),
        info: form.info_lines(),
        rows,
        status,
        notice: if confirm.is_some() {
            None
        } else {
            core.notice.clone()
        },
        hints,
        confirm,
        discard_prompt: core.discard_prompt,
    }
}
