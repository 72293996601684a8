//! Writes the journal holds an intent for and nothing after (the console stopped while
//! they were under way), as the start-up notice shows them: what to read again to learn
//! whether each happened, and what a re-read says.

use super::effect::Ticket;
use super::form::ReadTarget;
use super::msg::ReadBack;
use crate::domain::Provider;
use crate::domain::customer::PaymentMethod;
use crate::domain::mask::mask_iban;
use chrono::{DateTime, Utc};

/// One write whose outcome never reached the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsettledWrite {
    /// The journal's id of the write (its intent's `write`).
    pub write: String,
    pub time: DateTime<Utc>,
    pub provider: Provider,
    /// `wallet.open`, `payment_method.change`, `promotion.cancel`.
    pub action: String,
    pub targets: Vec<String>,
    /// The idempotency key or correlation id it was sent with.
    pub key: Option<String>,
    /// The request as it left, masked: `METHOD path body`.
    pub request: String,
}

/// Where the notice stands with one write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Unchecked,
    /// Being read again.
    Reading(Ticket),
    /// The re-read settled it (and the journal was told).
    Settled {
        applied: bool,
        message: String,
    },
    /// The re-read failed, or this write cannot be read again from here.
    Failed(String),
}

/// The start-up notice: each unsettled write and where its check stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsettledNotice {
    pub writes: Vec<(UnsettledWrite, Check)>,
    pub selected: usize,
}

impl UnsettledNotice {
    /// `None` when there is nothing to tell.
    pub fn new(writes: Vec<UnsettledWrite>) -> Option<UnsettledNotice> {
        (!writes.is_empty()).then(|| UnsettledNotice {
            writes: writes.into_iter().map(|w| (w, Check::Unchecked)).collect(),
            selected: 0,
        })
    }
}

impl UnsettledWrite {
    /// The request's JSON body, parsed (it follows the method and the path).
    fn body(&self) -> Option<serde_json::Value> {
        let start = self.request.find('{')?;
        serde_json::from_str(&self.request[start..]).ok()
    }

    /// What to read to learn whether it happened; `None` for an action this console does
    /// not know how to check.
    pub fn target(&self) -> Option<ReadTarget> {
        let first = self.targets.first()?.clone();
        match self.action.as_str() {
            "wallet.open" => Some(ReadTarget::StayWallet { stay_id: first }),
            "payment_method.change" => Some(ReadTarget::Account { account_id: first }),
            "promotion.cancel" if self.targets.len() >= 2 => {
                Some(ReadTarget::Promotions { account_id: first })
            }
            _ => None,
        }
    }

    /// Whether what was read shows the write applied, and the words for it; `None` when
    /// the answer says nothing about it (another kind of read).
    pub fn judge(&self, back: &ReadBack) -> Option<(bool, String)> {
        let body = self.body();
        let field = |path: &[&str]| {
            let mut v = body.as_ref()?;
            for p in path {
                v = v.get(*p)?;
            }
            v.as_str().map(str::to_owned)
        };
        let (applied, what) = match (self.action.as_str(), back) {
            ("wallet.open", ReadBack::StayWallet(found)) => {
                let stay = self.targets.first()?;
                match found {
                    Some(w) => (true, format!("stay {stay} has wallet {}", w.id)),
                    None => (false, format!("stay {stay} has no wallet")),
                }
            }
            ("payment_method.change", ReadBack::Account(a)) => {
                let applied = match &a.payment_method {
                    // The journal keeps the IBAN masked: the masked forms are compared.
                    PaymentMethod::DirectDebit { iban } => field(&["details", "iban"])
                        .is_some_and(|sent| mask_iban(iban.reveal()) == sent),
                    PaymentMethod::CreditCard { token_id } => field(&["details", "token_id"])
                        .is_some_and(|sent| sent.eq_ignore_ascii_case(token_id)),
                    _ => false,
                };
                (
                    applied,
                    format!(
                        "the account's payment method is {}",
                        a.payment_method.summary()
                    ),
                )
            }
            ("promotion.cancel", ReadBack::Promotions(list)) => {
                let promotion = self.targets.get(1)?;
                let asked = field(&["cancellation_date"]);
                let now = list
                    .iter()
                    .find(|p| p.id.eq_ignore_ascii_case(promotion))
                    .and_then(|p| p.cancellation_date);
                let applied = now.is_some_and(|d| Some(d.format("%Y-%m-%d").to_string()) == asked);
                let what = match now {
                    Some(d) => format!("promotion {promotion} is cancelled as of {d}"),
                    None => format!("promotion {promotion} has no cancellation date"),
                };
                (applied, what)
            }
            _ => return None,
        };
        let message = if applied {
            format!("applied: {what}")
        } else {
            format!("not applied: {what}")
        };
        Some((applied, message))
    }
}
