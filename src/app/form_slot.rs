//! The open write form and what it waits for: its stage (loading what it offers, or
//! ready), the view it was opened from, and the requests under way for it.

use super::effect::{Ticket, ViewId};
use super::form::{WriteContext, WriteForm};
use super::keymap::Scope;
use crate::domain::cashless::Stay;
use crate::domain::customer::PaymentMethod;

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
        }
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
    }
}
