//! Write forms: one framework (fields, focus, validation as the user types, a confirmation
//! step, a submission state machine) and the three forms built on it: open a wallet, change
//! a payment method, cancel a promotion. Pure state: keys in, `FormOutcome`s out; the
//! integrator turns outcomes into requests and feeds the answers back.

pub mod field;
mod logic;
mod machine;
mod payment;
pub mod picker;
mod promotion;
pub mod request;
pub mod view;
mod wallet;

pub use machine::{FormCore, Invalid, Prepared, Submission, reread_target};
pub use promotion::validate_cancellation_date;
pub use request::{ReadTarget, WriteOk, WriteRequest};
pub use view::{ChangeLine, ConfirmView, FieldRow, FormView, Last4View, RowKind, StatusView};

use crate::app::key::Key;
use crate::app::keymap::{Action, Keymap, Scope};
use crate::domain::card::CardToken;
use crate::domain::cashless::{Stay, Wallet};
use crate::domain::customer::{PaymentMethod, PaymentMethodType, Promotion};
use crate::domain::{ApiError, Provider};
use chrono::NaiveDate;
use logic::FormLogic;
use payment::PaymentMethodForm;
use promotion::CancelPromotionForm;
use wallet::OpenWalletForm;

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
    /// Why, when known: the refusal names it.
    pub read_only_cause: Option<ReadOnlyCause>,
    /// The customer the target belongs to, when known.
    pub customer_name: Option<String>,
    /// The MasCustomers organisation, for the paths shown on confirmation.
    pub org: String,
}

/// Why submit does nothing on a read-only profile, when the cause is not known.
pub const READ_ONLY_NOTICE: &str =
    "read-only profile: writes are off (--read-only or read_only = true in the profile)";

/// Why writes are off in this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnlyCause {
    /// The console was started with `--read-only`.
    Flag,
    /// The profile says `read_only = true`.
    Profile,
    /// A production profile that does not say `read_only = false`.
    ProductionDefault,
}

impl WriteContext {
    /// What the form says about writes being off, naming the cause when it is known.
    pub fn read_only_notice(&self) -> String {
        match self.read_only_cause {
            Some(ReadOnlyCause::Flag) => {
                "read-only: writes are off for this session (started with --read-only)".into()
            }
            Some(ReadOnlyCause::Profile) => format!(
                "read-only profile: writes are off (read_only = true in profile {})",
                self.profile
            ),
            Some(ReadOnlyCause::ProductionDefault) => format!(
                "read-only profile: writes are off (profile {} is production, read-only unless \
                 it says read_only = false)",
                self.profile
            ),
            None => READ_ONLY_NOTICE.into(),
        }
    }
}

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
    /// Ask pxlhub for this stay's wallet and answer with `stay_wallet_known`.
    LookUpStayWallet(String),
    /// Send this write (the user confirmed it); log `audit_summary()`, then answer with
    /// `submitted`. A retry after an unknown outcome sends the very same request.
    Submit(WriteRequest),
    /// Read the target again: the outcome of the last write is unknown.
    Reread(ReadTarget),
    /// A retry after a 429 waits: the integrator sends one `retry_tick` a second until it
    /// answers `Submit`.
    WaitToRetry,
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

/// Any of the three forms, for the integrator's view stack: the shared machinery over one
/// form's logic.
#[derive(Debug, Clone)]
pub struct WriteForm {
    logic: Box<dyn FormLogic>,
}

impl WriteForm {
    /// Open a wallet. `stays` come from pxlhub `list_stays`; `preselected` is the stay the
    /// form was opened from (typed in when not in the list); `correlation_id` is a fresh
    /// uuid, made by the caller because `update` is pure.
    pub fn open_wallet(
        ctx: WriteContext,
        stays: Vec<Stay>,
        preselected: Option<String>,
        correlation_id: String,
    ) -> WriteForm {
        WriteForm::of(OpenWalletForm::new(ctx, stays, preselected, correlation_id))
    }

    /// Change an account's payment method. `available` is the account's
    /// `AvailablePaymentMethods` (types this version cannot send are left out); `current` is
    /// shown as "before".
    pub fn payment_method(
        ctx: WriteContext,
        account_id: String,
        available: Vec<PaymentMethodType>,
        current: PaymentMethod,
        today: NaiveDate,
    ) -> WriteForm {
        WriteForm::of(PaymentMethodForm::new(
            ctx, account_id, available, current, today,
        ))
    }

    /// Change an account's payment method to the card behind `token` (the card updater's
    /// replacement): the form and the token lookup it asks for.
    pub fn payment_method_with_token(
        ctx: WriteContext,
        account_id: String,
        available: Vec<PaymentMethodType>,
        current: PaymentMethod,
        today: NaiveDate,
        token: &str,
    ) -> (WriteForm, FormOutcome) {
        let (form, outcome) =
            PaymentMethodForm::new(ctx, account_id, available, current, today).with_token(token);
        (WriteForm::of(form), outcome)
    }

    /// Cancel an account's promotion; `today` is the earliest cancellation date.
    pub fn cancel_promotion(
        ctx: WriteContext,
        account_id: String,
        promotion: Promotion,
        today: NaiveDate,
    ) -> WriteForm {
        WriteForm::of(CancelPromotionForm::new(ctx, account_id, promotion, today))
    }

    fn of(logic: impl FormLogic + 'static) -> WriteForm {
        WriteForm {
            logic: Box::new(logic),
        }
    }

    /// The key-map scope to resolve the next key with (`Confirm` while a confirmation or
    /// the discard question is up, `Form` otherwise).
    pub fn scope(&self) -> Scope {
        machine::scope(self.core())
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
        machine::handle_key(self.logic.as_mut(), key, action)
    }

    /// Bracketed paste into the focused input.
    pub fn paste(&mut self, text: &str) -> FormOutcome {
        machine::paste(self.logic.as_mut(), text)
    }

    /// The answer to a `Submit`.
    pub fn submitted(&mut self, result: Result<WriteOk, ApiError>) -> FormOutcome {
        machine::submitted(self.logic.as_mut(), result)
    }

    /// The answer to a `ResolveToken` (only the payment method form asks).
    pub fn token_resolved(&mut self, result: Result<CardToken, ApiError>) -> FormOutcome {
        self.logic.token_resolved(result)
    }

    /// What the form asks for as soon as it is open (the chosen stay's wallet).
    pub fn opened(&mut self) -> FormOutcome {
        self.logic.opened()
    }

    /// The answer to a `LookUpStayWallet` (only the open-a-wallet form asks).
    pub fn stay_wallet_known(&mut self, stay_id: &str, result: Result<Option<Wallet>, ApiError>) {
        self.logic.stay_wallet_known(stay_id, result)
    }

    /// What to log for an attempt (masked).
    pub fn audit_summary(&self) -> AuditSummary {
        machine::audit_summary(self.logic.as_ref())
    }

    /// The answer to a `Reread`: whether the write turned out applied, and what to say.
    pub fn reread_done(&mut self, applied: bool, message: String) {
        machine::reread_done(self.logic.core_mut(), applied, message)
    }

    /// A second of a retry countdown passed (`WaitToRetry` again, or `Submit` at zero).
    pub fn retry_tick(&mut self) -> FormOutcome {
        machine::retry_tick(self.logic.core_mut())
    }

    /// Shows `message` under the fields.
    pub fn set_notice(&mut self, message: String) {
        self.logic.core_mut().notice = Some(message);
    }

    /// The provider this form writes to.
    pub fn provider(&self) -> Provider {
        self.logic.provider()
    }

    /// The view model the UI renders.
    pub fn view(&self, keymap: &Keymap) -> FormView {
        view::build(self.logic.as_ref(), keymap)
    }

    pub fn submission(&self) -> &Submission {
        &self.core().submission
    }

    /// The shared state (fields, focus, notices), read-only.
    pub fn core(&self) -> &FormCore {
        self.logic.core()
    }
}
