//! The open write form and what it waits for: its stage (loading what it offers, or
//! ready), the view it was opened from, the requests under way for it, and when its
//! confirmation was first on screen (the type-ahead guard).

pub use super::confirm_guard::CONFIRM_GUARD_MS;
use super::confirm_guard::ConfirmGuard;
use super::effect::{Ticket, ViewId};
use super::form::{FormView, Submission, WriteContext, WriteForm};
use super::keymap::{Keymap, Scope};
use crate::domain::cashless::Stay;
use crate::domain::customer::PaymentMethod;

/// A retry countdown's step: one timer a second.
pub const RETRY_TICK_MS: u64 = 1000;

/// What a form waits for before it can open.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Stays and a correlation id, for the open-a-wallet form; `preselected` is the stay
    /// it was opened from (offered even when not among the latest stays).
    Wallet { preselected: Option<Stay> },
    /// The account's available payment methods.
    Payment {
        account_id: String,
        current: PaymentMethod,
        /// A card token to fill in (the card updater's replacement card).
        token: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub enum FormStage {
    /// Loading what the form offers; esc gives up.
    Loading {
        title: &'static str,
        what: &'static str,
        pending: Box<Pending>,
        ctx: WriteContext,
    },
    Ready(Box<WriteForm>),
}

/// The open form and the requests it waits on.
#[derive(Debug, Clone)]
pub struct FormSlot {
    /// The view the form was opened from: refreshed after a write.
    pub origin: ViewId,
    pub stage: FormStage,
    /// Stays or payment methods.
    pub load: Option<Ticket>,
    pub token: Option<Ticket>,
    pub write: Option<Ticket>,
    pub reread: Option<Ticket>,
    /// Lookups of stays' wallets under way (each answer names its stay, so none is stale).
    pub lookups: Vec<Ticket>,
    /// When the confirmation now up was first drawn, and whether its confirm key is offered.
    pub guard: ConfirmGuard,
    /// The retry countdown's next tick (after a 429), when one runs.
    pub retry_tick: Option<u64>,
}

impl FormSlot {
    pub fn new(origin: ViewId, stage: FormStage) -> FormSlot {
        FormSlot {
            origin,
            stage,
            load: None,
            token: None,
            write: None,
            reread: None,
            lookups: Vec::new(),
            guard: ConfirmGuard::default(),
            retry_tick: None,
        }
    }

    /// Whether the form's confirmation is up.
    pub fn confirming(&self) -> bool {
        self.form()
            .is_some_and(|f| matches!(f.submission(), Submission::Confirming(_)))
    }

    /// Whether a key that arrived at `at` may answer the confirmation: only once it has
    /// been on screen for the guard time. A key of unknown arrival never does.
    pub fn takes_confirm_key(&self, at: Option<u64>) -> bool {
        self.guard.takes_key(at)
    }

    /// Forgets when the confirmation was shown (it closed, or something hides it).
    pub fn confirm_hidden(&mut self) {
        self.guard.hide();
    }

    /// The ready form's view, its confirm key offered only once the guard time has passed.
    pub fn view(&self, keymap: &Keymap) -> Option<FormView> {
        let mut view = self.form()?.view(keymap);
        if let Some(confirm) = view.confirm.as_mut()
            && !self.guard.ready
        {
            let back = confirm.hints.pop();
            confirm.hints = vec![(String::new(), "confirm keys open in a moment".into())];
            confirm.hints.extend(back);
        }
        Some(view)
    }

    /// The scope keys are resolved in while the form is open.
    pub fn scope(&self) -> Scope {
        match &self.stage {
            FormStage::Ready(f) => f.scope(),
            FormStage::Loading { .. } => Scope::Form,
        }
    }

    pub fn form(&self) -> Option<&WriteForm> {
        match &self.stage {
            FormStage::Ready(f) => Some(f),
            FormStage::Loading { .. } => None,
        }
    }

    pub fn form_mut(&mut self) -> Option<&mut WriteForm> {
        match &mut self.stage {
            FormStage::Ready(f) => Some(f),
            FormStage::Loading { .. } => None,
        }
    }

    /// Whether the answer `ticket` is for this form.
    pub fn owns(&self, ticket: Ticket) -> bool {
        [self.load, self.token, self.write, self.reread].contains(&Some(ticket))
            || self.lookups.contains(&ticket)
    }
}
