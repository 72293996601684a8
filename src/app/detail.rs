//! Detail views: the resource shown, its sub-lists (card, promotions, histories) as they
//! load, and its raw JSON (masked unless revealed). The fields are in `fields`.

use super::case::Case;
use super::ids::{Ticket, ViewId};
pub use super::load::Load;
pub use super::subject::{PendingKind, Subject, short_id};
use crate::domain::card::{CardToken, CardUpdate};
use crate::domain::cashless::Wallet;
use crate::domain::customer::{
    BillingAddressRecord, Promotion, PromotionFilter, PromotionHistoryEntry,
};
use crate::domain::mask::{mask_iban, mask_pan};
use chrono::NaiveDate;

/// Which part of an account's detail is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Overview,
    Promotions,
    PromotionHistory,
    BillingHistory,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub id: ViewId,
    pub subject: Subject,
    /// Loading the subject itself (drill-down, go-to).
    pub pending: Option<Ticket>,
    pub error: Option<crate::domain::ApiError>,
    pub raw: bool,
    pub revealed: bool,
    pub scroll: u16,
    pub section: Section,
    pub card: Load<CardToken>,
    pub card_update: Load<CardUpdate>,
    pub promotions: Load<Vec<Promotion>>,
    pub promotion_filter: PromotionFilter,
    /// The promotion `c` would cancel, in the promotions section.
    pub promotion_cursor: usize,
    pub history: Load<Vec<PromotionHistoryEntry>>,
    pub billing: Load<Vec<BillingAddressRecord>>,
    pub billing_range: (Option<NaiveDate>, Option<NaiveDate>),
    /// A stay's wallet (`None` inside: the stay has none).
    pub stay_wallet: Load<Option<Wallet>>,
    /// A customer's case: her accounts, transfers, journal, Timeline.
    pub case: Case,
    /// The promotion the cursor goes to when the promotions arrive (opened from a case).
    pub want_promotion: Option<String>,
    /// The provider's own answer, read for the raw view (`v`).
    pub raw_body: Load<crate::domain::raw::RawBody>,
}

impl Detail {
    pub fn new(id: ViewId, subject: Subject) -> Detail {
        Detail {
            id,
            subject,
            pending: None,
            error: None,
            raw: false,
            revealed: false,
            scroll: 0,
            section: Section::Overview,
            card: Load::Idle,
            card_update: Load::Idle,
            promotions: Load::Idle,
            promotion_filter: PromotionFilter::All,
            promotion_cursor: 0,
            history: Load::Idle,
            billing: Load::Idle,
            billing_range: (None, None),
            stay_wallet: Load::Idle,
            case: Case::default(),
            want_promotion: None,
            raw_body: Load::Idle,
        }
    }

    /// Every ticket this view waits on.
    pub fn tickets(&self) -> Vec<Ticket> {
        [
            self.pending,
            self.card.ticket(),
            self.card_update.ticket(),
            self.promotions.ticket(),
            self.history.ticket(),
            self.billing.ticket(),
            self.stay_wallet.ticket(),
            self.raw_body.ticket(),
        ]
        .into_iter()
        .flatten()
        .chain(self.case.tickets())
        .collect()
    }

    /// The promotion under the cursor, when the promotions are shown.
    pub fn selected_promotion(&self) -> Option<&Promotion> {
        match (&self.section, &self.promotions) {
            (Section::Promotions, Load::Ready(list)) => list.get(self.promotion_cursor),
            _ => None,
        }
    }

    /// The token of the replacement card the Monext updater knows for this account's card.
    pub fn replacement_token(&self) -> Option<String> {
        match &self.card_update {
            Load::Ready(u) if u.updated => u.replacement.as_ref().map(|r| r.mx_token.clone()),
            _ => None,
        }
    }

    pub fn loading(&self) -> bool {
        !self.tickets().is_empty()
    }
}

/// The subject as JSON for the raw view, with IBANs and PANs masked unless revealed.
pub fn json(d: &Detail) -> serde_json::Value {
    let mut v = match &d.subject {
        Subject::Customer(c) => serde_json::to_value(c),
        Subject::Account(a) => serde_json::to_value(a),
        Subject::Wallet(w) => serde_json::to_value(w),
        Subject::Stay(s) => serde_json::to_value(s),
        Subject::Transfer { transfer, .. } => serde_json::to_value(transfer),
        Subject::Pending { id, .. } => Ok(serde_json::json!({ "id": id })),
    }
    .unwrap_or(serde_json::Value::Null);
    if let (Subject::Account(_), Load::Ready(card)) = (&d.subject, &d.card)
        && let serde_json::Value::Object(map) = &mut v
    {
        map.insert(
            "card".into(),
            serde_json::to_value(card).unwrap_or(serde_json::Value::Null),
        );
    }
    mask_json(&mut v, d.revealed);
    v
}

/// Masks every IBAN (unless `revealed`) and card number in a JSON value.
pub fn mask_json(v: &mut serde_json::Value, revealed: bool) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                let key = k.to_ascii_lowercase();
                match val {
                    serde_json::Value::String(s) if key == "iban" && !revealed => {
                        *s = mask_iban(s);
                    }
                    serde_json::Value::String(s)
                        if key.contains("pan") || key == "masked_number" =>
                    {
                        *s = mask_pan(s);
                    }
                    other => mask_json(other, revealed),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                mask_json(item, revealed);
            }
        }
        _ => {}
    }
}
