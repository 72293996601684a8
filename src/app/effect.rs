//! Effects: what `update` asks the runtime to do, as data. The runtime performs them and
//! answers with messages; nothing here does I/O.

use super::form::{AuditSummary, WriteRequest};
use super::msg::Msg;
use crate::domain::customer::PromotionFilter;
use crate::domain::{PageRequest, Provider};
use chrono::NaiveDate;

/// Identifies one request. An answer whose ticket is no longer wanted is dropped.
pub type Ticket = u64;

/// A provider call the runtime should make.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// A cheap authenticated call, to colour the provider's health dot.
    Health(Provider),
    /// MasCustomers customers; `q` matches name, email or external id.
    Customers {
        page: PageRequest,
        q: Option<String>,
    },
    /// MasCustomers accounts, optionally of one customer.
    Accounts {
        page: PageRequest,
        customer_id: Option<String>,
    },
    /// pxlhub wallets.
    Wallets {
        page: PageRequest,
        establishment_id: Option<String>,
        status: Option<String>,
    },
    /// S-money moneyouts of one user; `None`: the first user of `list_users`. With
    /// `find_last`, the runner probes for the last non-empty page (S-money gives no total)
    /// and answers with it; `page.page` is then ignored.
    Transfers {
        user: Option<String>,
        page: PageRequest,
        find_last: bool,
    },
    Customer(String),
    Account(String),
    Wallet(String),
    Stay(String),
    /// One moneyout of an S-money user.
    Transfer {
        user: String,
        id: i64,
    },
    /// Lyra `Token/Get`.
    CardToken(String),
    /// Monext card updater for an expired card (`MMYY`).
    CardUpdater {
        token: String,
        expiry_mmyy: String,
    },
    Promotions {
        account_id: String,
        filter: PromotionFilter,
    },
    PromotionHistory {
        account_id: String,
    },
    BillingAddresses {
        account_id: String,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    /// Works out what an id is and fetches it. `transfers_user` is the S-money user to
    /// search for a moneyout id.
    Find {
        text: String,
        transfers_user: Option<String>,
    },
    /// What the open-a-wallet form needs: the latest stays (pxlhub `list_stays`, arrival
    /// descending) and a fresh correlation id, made by the runtime so `update` stays pure.
    WalletFormData,
    /// MasCustomers `AvailablePaymentMethods` of an account.
    PaymentMethods {
        customer_id: String,
        account_id: String,
    },
    /// pxlhub `GET /stays/{stay_id}/wallet`: the stay's wallet, if it has one.
    StayWallet(String),
    /// Send a confirmed write; the runner appends the audit line (fsynced) before answering.
    Write {
        request: Box<WriteRequest>,
        summary: Box<AuditSummary>,
    },
    /// Record in the audit log a write the console refused before sending (read-only).
    AuditRefusal {
        request_provider: Provider,
        summary: Box<AuditSummary>,
    },
}

impl Query {
    pub fn provider(&self) -> Provider {
        match self {
            Query::Health(p) => *p,
            Query::Customers { .. }
            | Query::Accounts { .. }
            | Query::Customer(_)
            | Query::Account(_)
            | Query::Promotions { .. }
            | Query::PromotionHistory { .. }
            | Query::BillingAddresses { .. }
            | Query::Find { .. } => Provider::Mascustomers,
            Query::PaymentMethods { .. } => Provider::Mascustomers,
            Query::Wallets { .. }
            | Query::Wallet(_)
            | Query::Stay(_)
            | Query::WalletFormData
            | Query::StayWallet(_) => Provider::Pxlhub,
            Query::Write { request, .. } => request.provider(),
            Query::AuditRefusal {
                request_provider, ..
            } => *request_provider,
            Query::Transfers { .. } | Query::Transfer { .. } => Provider::Smoney,
            Query::CardToken(_) => Provider::Lyra,
            Query::CardUpdater { .. } => Provider::Monext,
        }
    }

    /// Short text for the status line while it runs.
    pub fn label(&self) -> String {
        match self {
            Query::Health(p) => format!("checking {p}"),
            Query::Customers { page, .. } => format!("customers page {}", page.page + 1),
            Query::Accounts { page, .. } => format!("accounts page {}", page.page + 1),
            Query::Wallets { page, .. } => format!("wallets page {}", page.page + 1),
            Query::Transfers {
                find_last: true, ..
            } => "looking for the last transfers page".into(),
            Query::Transfers { page, .. } => format!("transfers page {}", page.page + 1),
            Query::Customer(_) => "customer".into(),
            Query::Account(_) => "account".into(),
            Query::Stay(_) => "stay".into(),
            Query::Wallet(_) => "wallet".into(),
            Query::Transfer { .. } => "transfer".into(),
            Query::CardToken(_) => "card token".into(),
            Query::CardUpdater { .. } => "card updater".into(),
            Query::Promotions { .. } => "promotions".into(),
            Query::PromotionHistory { .. } => "promotion history".into(),
            Query::BillingAddresses { .. } => "billing addresses".into(),
            Query::Find { .. } => "looking up the id".into(),
            Query::WalletFormData => "stays".into(),
            Query::PaymentMethods { .. } => "available payment methods".into(),
            Query::StayWallet(_) => "the stay's wallet".into(),
            Query::Write { .. } => "sending the write".into(),
            Query::AuditRefusal { .. } => "audit log".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Start a request; its answer comes back as `Msg::Reply` with the same ticket.
    Request {
        ticket: Ticket,
        query: Query,
    },
    /// Abort a request whose answer is no longer wanted.
    Cancel(Ticket),
    /// Send `msg` back after a delay (debounce, toast expiry).
    Schedule {
        after_ms: u64,
        msg: Box<Msg>,
    },
    /// Put text on the clipboard through OSC 52 (works over SSH and in tmux).
    CopyToClipboard(String),
    /// Write a line to the log (e.g. each reveal of masked data).
    Log(String),
    Quit,
}
