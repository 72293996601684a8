//! Write forms: one framework (fields, focus, validation as the user types, a confirmation
//! step, a submission state machine) and the three forms built on it: open a wallet, change
//! a payment method, cancel a promotion. Pure state: keys in, `FormOutcome`s out; the
//! integrator turns outcomes into requests and feeds the answers back.

pub mod field;
mod form_api;
mod machine;
mod payment;
mod promotion;
pub mod request;
pub mod view;
mod wallet;

pub use machine::{FormCore, Invalid, Prepared, Submission};
pub use payment::{PaymentMethodForm, TokenLookup};
pub use promotion::{CancelPromotionForm, validate_cancellation_date};
pub use request::{ReadTarget, WriteOk, WriteRequest};
pub use view::{ChangeLine, ConfirmView, FieldRow, FormView, Last4View, RowKind, StatusView};
pub use wallet::OpenWalletForm;

use crate::app::key::Key;
use crate::app::keymap::{Action, Keymap, Scope};
use crate::domain::ApiError;
use crate::domain::card::CardToken;

/// Who writes where, shown on every form and confirmation, checked before any write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteContext {
    pub profile: String,
    /// `sandbox`, `staging`, `PRODUCTION`.
    pub environment_label: String,
    /// Confirmation then asks for the last four characters of the target id.
    pub production: bool,
    /// Forms open but never submit.
    pub read_only: bool,
    /// The customer the target belongs to, when known.
    pub customer_name: Option<String>,
    /// The MasCustomers organisation, for the paths shown on confirmation.
    pub org: String,
}

/// Why submit does nothing on a read-only profile.
pub const READ_ONLY_NOTICE: &str =
    "read-only profile: writes are off (--read-only or read_only = true in the profile)";

/// What the integrator must do after a key or an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// Nothing but redrawing.
    Stay,
    /// The form has no use for this key; the caller may apply `ForceQuit` or `Help` (only
    /// those: every other key belongs to the form while it is open).
    Unhandled,
    /// Close the form (cancelled, discarded, or dismissed after success).
    Close,
    /// Look this card token up (Lyra `Token/Get`) and answer with `token_resolved`.
    ResolveToken(String),
    /// Send this write (the user confirmed it); log `audit_summary()`, then answer with
    /// `submitted`. A retry after an unknown outcome sends the very same request.
    Submit(WriteRequest),
    /// Read the target again: the outcome of the last write is unknown.
    Reread(ReadTarget),
    /// The write succeeded: read `reread` again to show the new state; `open_wallet` is a
    /// wallet to open in its pane (the one opened, or the one the stay already had).
    Succeeded {
        message: String,
        reread: ReadTarget,
        open_wallet: Option<String>,
    },
}

/// One line of the audit log for an attempt, masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditSummary {
    /// `wallet.open`, `payment_method.change`, `promotion.cancel`.
    pub action: &'static str,
    pub target_ids: Vec<String>,
    /// The idempotency key or correlation id, when the write has one.
    pub key: Option<String>,
    /// What changes, with IBANs masked.
    pub summary: String,
}

/// Everything a form takes in, for callers that prefer one entry point.
#[derive(Debug, Clone, PartialEq)]
pub enum FormMsg {
    /// A key with its action resolved in `WriteForm::scope()`.
    Key(Key, Option<Action>),
    Paste(String),
    /// The answer to `FormOutcome::ResolveToken`.
    TokenResolved(Result<CardToken, ApiError>),
    /// The answer to `FormOutcome::Submit`.
    Submitted(Result<WriteOk, ApiError>),
}

/// Any of the three forms, for the integrator's view stack.
#[derive(Debug, Clone)]
pub enum WriteForm {
    OpenWallet(OpenWalletForm),
    PaymentMethod(PaymentMethodForm),
    CancelPromotion(CancelPromotionForm),
}

macro_rules! each {
    ($self:ident, $f:ident => $e:expr) => {
        match $self {
            WriteForm::OpenWallet($f) => $e,
            WriteForm::PaymentMethod($f) => $e,
            WriteForm::CancelPromotion($f) => $e,
        }
    };
}

impl WriteForm {
    /// The key-map scope to resolve the next key with (`Confirm` while a confirmation or
    /// the discard question is up, `Form` otherwise).
    pub fn scope(&self) -> Scope {
        each!(self, f => f.scope())
    }

    /// One entry point for keys, pastes and answers.
    pub fn update(&mut self, msg: FormMsg) -> FormOutcome {
        match msg {
            FormMsg::Key(key, action) => self.handle_key(key, action),
            FormMsg::Paste(text) => self.paste(&text),
            FormMsg::TokenResolved(result) => self.token_resolved(result),
            FormMsg::Submitted(result) => self.submitted(result),
        }
    }

    /// A key, with its action resolved by the caller in `scope()`.
    pub fn handle_key(&mut self, key: Key, action: Option<Action>) -> FormOutcome {
        each!(self, f => f.handle_key(key, action))
    }

    /// Bracketed paste into the focused input.
    pub fn paste(&mut self, text: &str) -> FormOutcome {
        each!(self, f => f.paste(text))
    }

    /// The answer to a `Submit`.
    pub fn submitted(&mut self, result: Result<WriteOk, ApiError>) -> FormOutcome {
        each!(self, f => f.submitted(result))
    }

    /// The answer to a `ResolveToken` (only the payment method form asks).
    pub fn token_resolved(&mut self, result: Result<CardToken, ApiError>) -> FormOutcome {
        match self {
            WriteForm::PaymentMethod(f) => f.token_resolved(result),
            _ => FormOutcome::Stay,
        }
    }

    pub fn audit_summary(&self) -> AuditSummary {
        each!(self, f => f.audit_summary())
    }

    /// The answer to a `Reread`: whether the write turned out applied, and what to say.
    pub fn reread_done(&mut self, applied: bool, message: String) {
        each!(self, f => f.reread_done(applied, message))
    }

    /// Shows `message` under the fields.
    pub fn set_notice(&mut self, message: String) {
        each!(self, f => f.set_notice(message))
    }

    /// The provider this form writes to.
    pub fn provider(&self) -> crate::domain::Provider {
        match self {
            WriteForm::OpenWallet(_) => crate::domain::Provider::Pxlhub,
            WriteForm::PaymentMethod(_) | WriteForm::CancelPromotion(_) => {
                crate::domain::Provider::Mascustomers
            }
        }
    }

    pub fn view(&self, keymap: &Keymap) -> FormView {
        each!(self, f => f.view(keymap))
    }

    pub fn submission(&self) -> &Submission {
        each!(self, f => f.submission())
    }
}
