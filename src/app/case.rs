//! The customer's case: what a customer's detail view gathers from every provider, each
//! section in its own `Load` slot (accounts with their card, updater and promotions; the
//! S-money transfers of the customer's external id; the audit journal's writes about these
//! ids), and what is derived from them (the transfers' 12-month summary, the Timeline).

use super::load::Load;
pub use super::subject::{account_label, account_short};
use crate::domain::card::{CardToken, CardUpdate};
use crate::domain::customer::{
    Account, BillingAddressRecord, Promotion, PromotionHistoryEntry, PromotionState,
};
use crate::domain::transfer::MoneyOut;
use crate::domain::{Cents, Provider};
use chrono::{DateTime, Months, NaiveDate, Utc};

/// S-money moneyouts asked for per page (the provider's largest page).
pub const TRANSFER_PAGE: u32 = 200;
/// Pages read at most for the 12-month summary: 1,000 transfers. A customer with more in
/// a year gets a count that says "at least".
pub const TRANSFER_PAGES: u32 = 5;
/// How many of the latest transfers the case lists.
pub const LAST_TRANSFERS: usize = 5;

/// One account of the case and what is loaded about it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseAccount {
    pub account: Account,
    /// Lyra `Token/Get` behind a CREDIT_CARD account (idle otherwise).
    pub card: Load<CardToken>,
    /// Monext's card updater, asked when the card has expired.
    pub card_update: Load<CardUpdate>,
    /// The ACTIVE promotions.
    pub promotions: Load<Vec<Promotion>>,
    /// For the Timeline: promotions added, cancelled, ended.
    pub history: Load<Vec<PromotionHistoryEntry>>,
    /// For the Timeline: billing-address changes.
    pub billing: Load<Vec<BillingAddressRecord>>,
}

impl CaseAccount {
    pub fn new(account: Account) -> CaseAccount {
        CaseAccount {
            account,
            card: Load::Idle,
            card_update: Load::Idle,
            promotions: Load::Idle,
            history: Load::Idle,
            billing: Load::Idle,
        }
    }

    fn tickets(&self) -> impl Iterator<Item = super::ids::Ticket> {
        [
            self.card.ticket(),
            self.card_update.ticket(),
            self.promotions.ticket(),
            self.history.ticket(),
            self.billing.ticket(),
        ]
        .into_iter()
        .flatten()
    }

    /// The active promotions' nearest end date.
    pub fn next_end(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.promotions
            .ready()?
            .iter()
            .filter(|p| p.state_on(today) == PromotionState::Active)
            .filter_map(|p| p.end_date)
            .min()
    }

    /// `Account ····1234 (ACTIVE)`: the last characters of the id and the status.
    pub fn label(&self) -> String {
        account_label(&self.account)
    }
}

/// The transfers S-money has for the customer's external id, newest first, as far as the
/// pages read went.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseTransfers {
    pub items: Vec<MoneyOut>,
    /// Every transfer of the last 12 months is in `items` (false: the page bound stopped
    /// the reading first).
    pub complete: bool,
    /// S-money knows no such user.
    pub no_user: bool,
}

impl CaseTransfers {
    /// Count and total of the transfers since `since`.
    pub fn summary(&self, since: NaiveDate) -> (usize, Cents) {
        let recent = self.recent(since);
        let total = recent.iter().map(|t| t.amount.0).sum();
        (recent.len(), Cents(total))
    }

    /// The latest transfers the case lists.
    pub fn last(&self) -> &[MoneyOut] {
        &self.items[..self.items.len().min(LAST_TRANSFERS)]
    }

    pub fn recent(&self, since: NaiveDate) -> Vec<&MoneyOut> {
        self.items
            .iter()
            .filter(|t| t.operation_date.date_naive() >= since)
            .collect()
    }
}

/// The first day of the 12 months the transfers' summary covers.
pub fn year_before(today: NaiveDate) -> NaiveDate {
    today.checked_sub_months(Months::new(12)).unwrap_or(today)
}

/// One write of the console's audit journal about the case's ids.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalLine {
    pub time: DateTime<Utc>,
    pub user: String,
    pub provider: Provider,
    /// `promotion.cancel`, `payment_method.change`…
    pub action: String,
    pub targets: Vec<String>,
    /// The final state: `ok`, `0003`, `unknown → applied`.
    pub state: String,
    /// Masked.
    pub summary: String,
}

/// The customer's case.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Case {
    pub accounts: Load<Vec<CaseAccount>>,
    pub transfers: Load<CaseTransfers>,
    /// Moneyouts read so far while more pages are asked for.
    pub transfer_pages: Vec<MoneyOut>,
    /// The page under way (0-based).
    pub transfer_page: u32,
    pub journal: Load<Vec<JournalLine>>,
    /// The selected line among the lines that open something.
    pub cursor: usize,
}

impl Case {
    pub fn tickets(&self) -> Vec<super::ids::Ticket> {
        let mut out: Vec<_> = [
            self.accounts.ticket(),
            self.transfers.ticket(),
            self.journal.ticket(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let Load::Ready(list) = &self.accounts {
            out.extend(list.iter().flat_map(CaseAccount::tickets));
        }
        out
    }

    pub fn account(&self, id: &str) -> Option<&CaseAccount> {
        self.accounts.ready()?.iter().find(|a| a.account.id == id)
    }

    pub fn account_mut(&mut self, id: &str) -> Option<&mut CaseAccount> {
        match &mut self.accounts {
            Load::Ready(list) => list.iter_mut().find(|a| a.account.id == id),
            _ => None,
        }
    }

    /// The ids the journal is asked about: the customer's, her external id, her accounts'.
    pub fn journal_ids(&self, customer_id: &str, external_id: &str) -> Vec<String> {
        let mut ids = vec![customer_id.to_string(), external_id.to_string()];
        if let Load::Ready(list) = &self.accounts {
            ids.extend(list.iter().map(|a| a.account.id.clone()));
        }
        ids
    }
}

/// What a line of the case opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Account(String),
    /// A promotion opens its account (where `c` cancels it); `c` on the case cancels it too.
    Promotion {
        account_id: String,
        promotion_id: String,
    },
    Transfer(i64),
}

/// One dated event of the Timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    /// `MasCustomers`, `S-money`, `journal`.
    pub source: &'static str,
    pub text: String,
    pub opens: Option<Target>,
}

/// Every dated event of the loaded sections and the journal, newest first.
pub fn timeline(case: &Case) -> Vec<Event> {
    let mut events = Vec::new();
    if let Load::Ready(accounts) = &case.accounts {
        for a in accounts {
            let id = a.account.id.clone();
            let label = a.label();
            events.push(Event {
                at: a.account.created_at,
                source: "MasCustomers",
                text: format!("{label} created, {}", a.account.modality),
                opens: Some(Target::Account(id.clone())),
            });
            if let Load::Ready(history) = &a.history {
                for h in history {
                    let name = a
                        .promotions
                        .ready()
                        .and_then(|ps| ps.iter().find(|p| p.id == h.account_promotion_id))
                        .map_or(String::new(), |p| format!(" ({})", p.name));
                    events.push(Event {
                        at: h.operation_date,
                        source: "MasCustomers",
                        text: format!(
                            "promotion {}{name} {} on {label}",
                            h.promotion_code,
                            h.operation.as_str().to_ascii_lowercase()
                        ),
                        opens: Some(Target::Promotion {
                            account_id: id.clone(),
                            promotion_id: h.account_promotion_id.clone(),
                        }),
                    });
                }
            }
            if let Load::Ready(billing) = &a.billing {
                for b in billing {
                    events.push(Event {
                        at: b.create_stamp,
                        source: "MasCustomers",
                        text: format!("billing address of {label}: {}", b.address.one_line()),
                        opens: Some(Target::Account(id.clone())),
                    });
                }
            }
        }
    }
    if let Load::Ready(t) = &case.transfers {
        for m in &t.items {
            events.push(Event {
                at: m.operation_date.to_utc(),
                source: "S-money",
                text: format!(
                    "transfer {} of {} EUR to {}",
                    m.id,
                    super::format::money(m.amount),
                    m.bank_account.display_name.as_deref().unwrap_or("—")
                ),
                opens: Some(Target::Transfer(m.id)),
            });
        }
    }
    if let Load::Ready(lines) = &case.journal {
        for j in lines {
            let opens = j.targets.iter().find_map(|t| {
                case.account(t)
                    .map(|a| Target::Account(a.account.id.clone()))
            });
            events.push(Event {
                at: j.time,
                source: "journal",
                text: format!("{} {} by {}: {}", j.action, j.state, j.user, j.summary),
                opens,
            });
        }
    }
    // Newest first; the same instant keeps the order above (accounts before transfers).
    events.sort_by_key(|e| std::cmp::Reverse(e.at));
    events
}
