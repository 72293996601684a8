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
    /// The keyed digest of the sensitive value it sent (an IBAN), when the journal has one.
    pub digest: Option<String>,
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

    /// What was read says of the write, and the words for it; `None` when the answer says
    /// nothing about it (another kind of read). Never `Applied` on doubt. `digest` is the
    /// keyed digest of the sensitive value read (an IBAN), when the provider gave it whole.
    pub fn judge(&self, back: &ReadBack, digest: Option<&str>) -> Option<(Verdict, String)> {
        let body = self.body();
        let field = |path: &[&str]| {
            let mut v = body.as_ref()?;
            for p in path {
                v = v.get(*p)?;
            }
            v.as_str().map(str::to_owned)
        };
        let (verdict, what) = match (self.action.as_str(), back) {
            ("wallet.open", ReadBack::StayWallet(found)) => {
                let stay = self.targets.first()?;
                match found {
                    Some(w) => self.judge_wallet(body.as_ref(), w, stay),
                    None => (Verdict::NotApplied, format!("stay {stay} has no wallet")),
                }
            }
            ("payment_method.change", ReadBack::Account(a)) => {
                let mut what = format!(
                    "the account's payment method is {}",
                    a.payment_method.summary()
                );
                let verdict = match &a.payment_method {
                    // The journal keeps the IBAN masked: a masked form that differs settles
                    // it; one that is the same only tells when the keyed digests agree.
                    PaymentMethod::DirectDebit { iban } => {
                        let masked_same = field(&["details", "iban"])
                            .is_some_and(|sent| mask_iban(iban.reveal()) == sent);
                        match (masked_same, self.digest.as_deref(), digest) {
                            (false, _, _) => Verdict::NotApplied,
                            (true, Some(sent), Some(now)) => Verdict::of(sent == now),
                            (true, None, _) => {
                                what.push_str(", and the journal kept only the masked IBAN sent");
                                Verdict::NotKnown
                            }
                            (true, Some(_), None) => {
                                what.push_str(", and the provider gives the IBAN only masked");
                                Verdict::NotKnown
                            }
                        }
                    }
                    PaymentMethod::CreditCard { token_id } => Verdict::of(
                        field(&["details", "token_id"])
                            .is_some_and(|sent| sent.eq_ignore_ascii_case(token_id)),
                    ),
                    _ => Verdict::NotApplied,
                };
                (verdict, what)
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
                (Verdict::of(applied), what)
            }
            _ => return None,
        };
        let message = match verdict {
            Verdict::Applied => format!("applied: {what}"),
            Verdict::NotApplied => format!("not applied: {what}"),
            Verdict::NotKnown => format!("not known — check by hand: {what}"),
        };
        Some((verdict, message))
    }

    /// The stay has wallet `w`: applied only when it is the wallet asked for (every field
    /// the request set) and was opened at or after the intent; one that was already there,
    /// or that differs, leaves it to a person.
    fn judge_wallet(
        &self,
        body: Option<&serde_json::Value>,
        w: &crate::domain::cashless::Wallet,
        stay: &str,
    ) -> (Verdict, String) {
        let sent = |key: &str| body.and_then(|b| b.get(key)).and_then(|v| v.as_str());
        let same = |key: &str, found: Option<&str>| match (sent(key), found) {
            (Some(sent), Some(found)) => sent.eq_ignore_ascii_case(found),
            (None, None) => true,
            _ => false,
        };
        let limit = w.credit_limit.map(|c| c.0.to_string());
        let matches = body.is_some()
            && same("stay_id", Some(&w.stay_id))
            && same("establishment_id", Some(&w.establishment_id))
            && same("mode", Some(w.mode.as_str()))
            && same("currency", Some(w.currency.as_str()))
            && same("medium_ref", w.medium_ref.as_deref())
            && (sent("mode") != Some("postpaid") || same("credit_limit_cents", limit.as_deref()));
        let opened = w.opened_at.format("%Y-%m-%d %H:%M:%S UTC");
        let what = format!("stay {stay} has wallet {}, opened {opened}", w.id);
        if !matches {
            (Verdict::NotKnown, format!("{what}, not the one asked for"))
        } else if w.opened_at < self.time {
            (
                Verdict::NotKnown,
                format!("{what}, before this write was sent"),
            )
        } else {
            (Verdict::Applied, what)
        }
    }
}

/// What a re-read says of a write whose outcome was never journaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Applied,
    NotApplied,
    /// The evidence does not decide: nothing is journaled, a person checks.
    NotKnown,
}

impl Verdict {
    fn of(applied: bool) -> Verdict {
        if applied {
            Verdict::Applied
        } else {
            Verdict::NotApplied
        }
    }
}
