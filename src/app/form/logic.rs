//! What each form adds to the shared machinery (`FormLogic`, one trait object per form), and
//! the helpers forms use to read and mark their own fields.

use super::field::Field;
use super::machine::{FormCore, Invalid, Prepared};
use super::request::{WriteOk, WriteRequest};
use super::{AuditSummary, FormOutcome};
use crate::domain::card::CardToken;
use crate::domain::{ApiError, Provider};
use std::fmt::Debug;

/// What each form adds to the shared machinery. `WriteForm` holds one as a trait object.
pub(crate) trait FormLogic: CloneLogic + Debug + Send + Sync {
    fn core(&self) -> &FormCore;
    fn core_mut(&mut self) -> &mut FormCore;
    /// The provider this form writes to.
    fn provider(&self) -> Provider;
    /// Recomputes visibility, derived values and each field's message after a change.
    fn revalidate(&mut self);
    /// After field `index` changed: a lookup the integrator should make, if any.
    fn after_edit(&mut self, _index: usize) -> FormOutcome {
        FormOutcome::Stay
    }
    /// The answer to a `FormOutcome::ResolveToken`; only a form that asks has a use for it.
    fn token_resolved(&mut self, _result: Result<CardToken, ApiError>) -> FormOutcome {
        FormOutcome::Stay
    }
    /// What to ask for as soon as the form is open.
    fn opened(&mut self) -> FormOutcome {
        FormOutcome::Stay
    }
    /// The answer to a `FormOutcome::LookUpStayWallet`.
    fn stay_wallet_known(
        &mut self,
        _stay_id: &str,
        _result: Result<Option<crate::domain::cashless::Wallet>, ApiError>,
    ) {
    }
    /// The request, or the first thing to fix.
    fn prepare(&self) -> Result<Prepared, Invalid>;
    /// Whether the write carries an idempotency key, so it may be sent again as is.
    fn retryable(&self) -> bool {
        false
    }
    /// The success text, and a wallet to open.
    fn success(&self, ok: &WriteOk, request: &WriteRequest) -> (String, Option<String>);
    /// Read-only lines shown above the fields: (label, value).
    fn info_lines(&self) -> Vec<(String, String)>;
    fn audit_action(&self) -> &'static str;
    /// Describes a request for the audit log, masked.
    fn audit_of(&self, request: &WriteRequest) -> AuditSummary;
    /// Target ids known before the form is valid, for the audit of a refused attempt.
    fn known_target_ids(&self) -> Vec<String>;
}

/// Cloning behind the trait object (a form is plain data, so every `Clone` form is one).
pub(crate) trait CloneLogic {
    fn clone_box(&self) -> Box<dyn FormLogic>;
}

impl<T: FormLogic + Clone + 'static> CloneLogic for T {
    fn clone_box(&self) -> Box<dyn FormLogic> {
        Box::new(self.clone())
    }
}

impl Clone for Box<dyn FormLogic> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

/// The index of the option chosen in the choice field at `index`.
pub(crate) fn choice_index(core: &FormCore, index: usize) -> usize {
    core.fields.get(index).map(Field::selected).unwrap_or(0)
}

pub(crate) fn text_of(core: &FormCore, index: usize) -> &str {
    core.fields.get(index).map(Field::value).unwrap_or("")
}

pub(crate) fn set_error(core: &mut FormCore, index: usize, error: Option<String>) {
    if let Some(f) = core.fields.get_mut(index) {
        f.error = error;
    }
}

pub(crate) fn set_visible(core: &mut FormCore, index: usize, visible: bool) {
    if let Some(f) = core.fields.get_mut(index) {
        f.visible = visible;
    }
}

/// The first visible field with an error, as an `Invalid`.
pub(crate) fn first_invalid(core: &FormCore) -> Option<Invalid> {
    core.fields.iter().enumerate().find_map(|(i, f)| {
        let err = f.error.as_ref().filter(|_| f.visible)?;
        Some(Invalid {
            field: Some(i),
            message: format!("{}: {}", f.label, err),
        })
    })
}
