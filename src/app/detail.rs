//! Detail views: the resource shown, its sub-lists (card, promotions, histories) as they
//! load, and its raw JSON (masked unless revealed). The fields are in `fields`.

use super::effect::{SubjectRef, Ticket, ViewId};
pub use super::fields::{Field, Group, Sensitivity, groups, money};
use super::resources::{Accounts, Customers, Res, Stays, Transfers, Wallets};
use crate::domain::ApiError;
use crate::domain::card::{CardToken, CardUpdate};
use crate::domain::cashless::{Stay, Wallet};
use crate::domain::customer::{
    Account, BillingAddressRecord, Customer, PaymentMethod, Promotion, PromotionFilter,
    PromotionHistoryEntry,
};
use crate::domain::mask::{mask_iban, mask_pan};
use crate::domain::transfer::MoneyOut;
use chrono::NaiveDate;

/// The resource a detail view shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    Customer(Customer),
    Account(Account),
    Wallet(Wallet),
    Stay(Stay),
    Transfer {
        user: String,
        transfer: MoneyOut,
    },
    /// Being fetched (drill-down to a stay, a wallet just opened).
    Pending {
        kind: PendingKind,
        id: String,
    },
}

/// What a placeholder detail is fetching: it decides the title and how to ask again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingKind {
    Stay,
    Wallet,
}

impl PendingKind {
    pub fn label(self) -> &'static str {
        match self {
            PendingKind::Stay => "Stay",
            PendingKind::Wallet => "Wallet",
        }
    }
}

impl Subject {
    pub fn id(&self) -> String {
        match self {
            Subject::Customer(c) => c.id.clone(),
            Subject::Account(a) => a.id.clone(),
            Subject::Wallet(w) => w.id.clone(),
            Subject::Stay(s) => s.id.clone(),
            Subject::Transfer { transfer, .. } => transfer.id.to_string(),
            Subject::Pending { id, .. } => id.clone(),
        }
    }

    /// The read that loads this subject again.
    pub fn reference(&self) -> SubjectRef {
        match self {
            Subject::Customer(c) => SubjectRef::Customer(c.id.clone()),
            Subject::Account(a) => SubjectRef::Account(a.id.clone()),
            Subject::Stay(s) => SubjectRef::Stay(s.id.clone()),
            Subject::Pending { kind, id } => SubjectRef::of(*kind, id.clone()),
            Subject::Wallet(w) => SubjectRef::Wallet(w.id.clone()),
            Subject::Transfer { user, transfer } => SubjectRef::Transfer {
                user: user.clone(),
                id: transfer.id,
            },
        }
    }

    /// The pane a subject opened by go-to belongs on.
    pub fn home(&self) -> Res {
        match self {
            Subject::Customer(_) => Res::of::<Customers>(),
            Subject::Account(_) => Res::of::<Accounts>(),
            Subject::Wallet(_)
            | Subject::Pending {
                kind: PendingKind::Wallet,
                ..
            } => Res::of::<Wallets>(),
            Subject::Stay(_)
            | Subject::Pending {
                kind: PendingKind::Stay,
                ..
            } => Res::of::<Stays>(),
            Subject::Transfer { .. } => Res::of::<Transfers>(),
        }
    }

    /// For breadcrumbs and titles.
    pub fn title(&self) -> String {
        match self {
            Subject::Customer(c) => format!("Customer {}", c.name),
            Subject::Account(a) => format!("Account {}", short_id(&a.id)),
            Subject::Wallet(w) => format!("Wallet {}", short_id(&w.id)),
            Subject::Stay(s) => format!("Stay {}", s.guest_name),
            Subject::Transfer { transfer, .. } => format!("Transfer {}", transfer.id),
            Subject::Pending { kind, id } => format!("{} {}", kind.label(), short_id(id)),
        }
    }

    /// Whether something masked could be revealed.
    pub fn has_secret(&self) -> bool {
        match self {
            Subject::Account(a) => matches!(a.payment_method, PaymentMethod::DirectDebit { .. }),
            Subject::Transfer { transfer, .. } => transfer.bank_account.iban.is_some(),
            _ => false,
        }
    }

    /// What a reveal shows, masked, for the log line.
    pub fn secret_masked(&self) -> Option<String> {
        match self {
            Subject::Account(a) => match &a.payment_method {
                PaymentMethod::DirectDebit { iban } => {
                    Some(format!("IBAN {} of account {}", iban.masked(), a.id))
                }
                _ => None,
            },
            Subject::Transfer { transfer, user } => transfer.bank_account.iban.as_ref().map(|i| {
                format!(
                    "IBAN {} of transfer {} (user {user})",
                    i.masked(),
                    transfer.id
                )
            }),
            _ => None,
        }
    }
}

/// First 8 characters of a uuid.
pub fn short_id(id: &str) -> String {
    let mut s: String = id.chars().take(8).collect();
    if id.chars().count() > 8 {
        s.push('…');
    }
    s
}

/// A sub-request's progress.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Load<T> {
    #[default]
    Idle,
    Loading(Ticket),
    Ready(T),
    Failed(ApiError),
}

impl<T> Load<T> {
    pub fn ticket(&self) -> Option<Ticket> {
        match self {
            Load::Loading(t) => Some(*t),
            _ => None,
        }
    }
}

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
    pub error: Option<ApiError>,
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
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The promotion under the cursor, when the promotions are shown.
    pub fn selected_promotion(&self) -> Option<&Promotion> {
        match (&self.section, &self.promotions) {
            (Section::Promotions, Load::Ready(list)) => list.get(self.promotion_cursor),
            _ => None,
        }
    }

    pub fn loading(&self) -> bool {
        !self.tickets().is_empty()
    }

    /// Lines the view draws (error lines aside), so scrolling stops at the end.
    pub fn content_lines(&self, today: NaiveDate) -> usize {
        if self.raw {
            return serde_json::to_string_pretty(&json(self)).map_or(1, |t| t.lines().count());
        }
        let errors = if self.error.is_some() { 5 } else { 0 };
        errors
            // Only lines are counted here: the zone times are shown in does not change them.
            + groups(self, today, crate::domain::time::TimeShown::Utc)
                .iter()
                .map(|g| g.fields.len() + 2)
                .sum::<usize>()
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

fn mask_json(v: &mut serde_json::Value, revealed: bool) {
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
