//! What a detail view shows (a `Subject`) and how a resource is read again by its id (a
//! `SubjectRef`).

use crate::domain::Provider;
use crate::domain::cashless::{Stay, Wallet};
use crate::domain::customer::{Account, Customer, PaymentMethod};
use crate::domain::transfer::MoneyOut;

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

    /// For breadcrumbs and titles.
    pub fn title(&self) -> String {
        match self {
            Subject::Customer(c) => format!("Customer {}", c.name),
            Subject::Account(a) => account_label(a),
            Subject::Wallet(w) => match &w.medium_ref {
                Some(m) => format!("Wallet {m} ({})", w.status),
                None => format!("Wallet {} ({})", tail(&w.id), w.status),
            },
            Subject::Stay(s) => format!("Stay {}", s.guest_name),
            Subject::Transfer { transfer, .. } => format!(
                "Transfer #{} ({} EUR)",
                transfer.id,
                super::format::money(transfer.amount)
            ),
            Subject::Pending { kind, id } => format!("{} {}", kind.label(), tail(id)),
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

    /// Whose masked field a reveal shows, for the journal: the provider and the resource.
    pub fn secret_owner(&self) -> Option<(Provider, String)> {
        match self {
            Subject::Account(a) => matches!(a.payment_method, PaymentMethod::DirectDebit { .. })
                .then(|| (Provider::Mascustomers, format!("account {}", a.id))),
            Subject::Transfer { transfer, user } => transfer.bank_account.iban.as_ref().map(|_| {
                (
                    Provider::Smoney,
                    format!("transfer {} (user {user})", transfer.id),
                )
            }),
            _ => None,
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

/// A short label for an account: `Account ····1234 (ACTIVE)`.
pub fn account_label(a: &Account) -> String {
    format!("{} ({})", account_short(a), a.status)
}

/// `Account ····1234`: the last four characters of the id.
pub fn account_short(a: &Account) -> String {
    format!("Account {}", tail(&a.id))
}

/// `····1234`: the last four characters of an id.
pub fn tail(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("····{tail}")
}

/// First 8 characters of a uuid.
pub fn short_id(id: &str) -> String {
    let mut s: String = id.chars().take(8).collect();
    if id.chars().count() > 8 {
        s.push('…');
    }
    s
}

/// A resource read by its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubjectRef {
    Customer(String),
    Account(String),
    Wallet(String),
    Stay(String),
    /// One moneyout of an S-money user.
    Transfer {
        user: String,
        id: i64,
    },
}

impl SubjectRef {
    /// The read that loads a placeholder of this kind.
    pub fn of(kind: PendingKind, id: String) -> SubjectRef {
        match kind {
            PendingKind::Stay => SubjectRef::Stay(id),
            PendingKind::Wallet => SubjectRef::Wallet(id),
        }
    }

    pub fn provider(&self) -> Provider {
        match self {
            SubjectRef::Customer(_) | SubjectRef::Account(_) => Provider::Mascustomers,
            SubjectRef::Wallet(_) | SubjectRef::Stay(_) => Provider::Pxlhub,
            SubjectRef::Transfer { .. } => Provider::Smoney,
        }
    }
}
