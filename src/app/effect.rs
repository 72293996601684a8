//! Effects: what `update` asks the runtime to do, as data. A request names where its answer
//! goes (a view, the open form, the go-to); the runtime performs it and answers with the
//! reply of the same family, so every receiver gets exactly the type it asked for.

use super::export_io::{ExportEffect, JobId};
use super::form::{AuditSummary, ReadTarget, WriteRequest};
pub use super::ids::{Ticket, ViewId};
use super::msg::{DetailAnswer, FormAnswer, Msg, Reply};
use super::resources::{Params, Res};
pub use super::search_box::SearchCall;
pub use super::subject::SubjectRef;
use crate::api::WireWrite;
use crate::domain::customer::PromotionFilter;
use crate::domain::{ApiError, PageRequest, Provider};
use chrono::NaiveDate;

/// One page of a registered resource, for the list view `view`.
#[derive(Debug, Clone, PartialEq)]
pub struct PageQuery {
    pub view: ViewId,
    pub resource: Res,
    /// The filter line (and the list's owner) as the API's query parameters.
    pub params: Params,
    pub page: PageRequest,
    /// Find the last page (resources without a total probe for it); `page.page` is then
    /// ignored.
    pub last: bool,
}

/// What a detail view asks for: its subject, or one of its sections.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailCall {
    Subject(SubjectRef),
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
    /// pxlhub `GET /stays/{stay_id}/wallet`: the stay's wallet, if it has one.
    StayWallet(String),
    /// A customer's case: her accounts (MasCustomers `GET /accounts?customer_id`, one
    /// page of `CASE_ACCOUNTS`).
    CaseAccounts {
        customer_id: String,
    },
    /// A customer's case: one page of the S-money moneyouts of `user` (her external id),
    /// newest first, `TRANSFER_PAGE` a page.
    CaseTransfers {
        user: String,
        page: u32,
    },
    /// A customer's case: the writes of this console's audit journal naming one of `ids`
    /// (read by the runtime from the journal file).
    Journal {
        ids: Vec<String>,
    },
    /// A read about one account of a customer's case; its answer says which.
    ForAccount {
        account_id: String,
        call: Box<DetailCall>,
    },
    /// The subject read again for the raw view: the provider's own answer.
    Raw(SubjectRef),
}

/// Accounts a customer's case asks for at most (one page).
pub const CASE_ACCOUNTS: u32 = 50;

impl DetailCall {
    pub fn provider(&self) -> Provider {
        match self {
            DetailCall::Subject(s) => s.provider(),
            DetailCall::CardToken(_) => Provider::Lyra,
            DetailCall::CardUpdater { .. } => Provider::Monext,
            DetailCall::Promotions { .. }
            | DetailCall::PromotionHistory { .. }
            | DetailCall::BillingAddresses { .. } => Provider::Mascustomers,
            DetailCall::StayWallet(_) => Provider::Pxlhub,
            DetailCall::Raw(s) => s.provider(),
            // The journal is local: it is the customer's own provider's ids that it names.
            DetailCall::CaseAccounts { .. } | DetailCall::Journal { .. } => Provider::Mascustomers,
            DetailCall::CaseTransfers { .. } => Provider::Smoney,
            DetailCall::ForAccount { call, .. } => call.provider(),
        }
    }

    /// The answer that says this call failed with `error`.
    pub fn failure(&self, error: ApiError) -> DetailAnswer {
        match self {
            DetailCall::Subject(_) => DetailAnswer::Subject(Err(error)),
            DetailCall::CardToken(_) => DetailAnswer::CardToken(Err(error)),
            DetailCall::CardUpdater { .. } => DetailAnswer::CardUpdate(Err(error)),
            DetailCall::Promotions { .. } => DetailAnswer::Promotions(Err(error)),
            DetailCall::PromotionHistory { .. } => DetailAnswer::PromotionHistory(Err(error)),
            DetailCall::BillingAddresses { .. } => DetailAnswer::BillingAddresses(Err(error)),
            DetailCall::StayWallet(_) => DetailAnswer::StayWallet(Err(error)),
            DetailCall::CaseAccounts { .. } => DetailAnswer::CaseAccounts(Err(error)),
            DetailCall::CaseTransfers { .. } => DetailAnswer::CaseTransfers(Err(error)),
            DetailCall::Journal { .. } => DetailAnswer::Journal(Err(error)),
            DetailCall::Raw(_) => DetailAnswer::Raw(Err(error)),
            DetailCall::ForAccount { account_id, call } => DetailAnswer::ForAccount {
                account_id: account_id.clone(),
                answer: Box::new(call.failure(error)),
            },
        }
    }

    fn label(&self) -> String {
        match self {
            DetailCall::Subject(SubjectRef::Customer(_)) => "customer".into(),
            DetailCall::Subject(SubjectRef::Account(_)) => "account".into(),
            DetailCall::Subject(SubjectRef::Wallet(_)) => "wallet".into(),
            DetailCall::Subject(SubjectRef::Stay(_)) => "stay".into(),
            DetailCall::Subject(SubjectRef::Transfer { .. }) => "transfer".into(),
            DetailCall::CardToken(_) => "card token".into(),
            DetailCall::CardUpdater { .. } => "card updater".into(),
            DetailCall::Promotions { .. } => "promotions".into(),
            DetailCall::PromotionHistory { .. } => "promotion history".into(),
            DetailCall::BillingAddresses { .. } => "billing addresses".into(),
            DetailCall::StayWallet(_) => "the stay's wallet".into(),
            DetailCall::CaseAccounts { .. } => "the customer's accounts".into(),
            DetailCall::CaseTransfers { page, .. } => format!("transfers page {}", page + 1),
            DetailCall::Journal { .. } => "audit journal".into(),
            DetailCall::ForAccount { call, .. } => call.label(),
            DetailCall::Raw(_) => "the provider's answer".into(),
        }
    }
}

/// What the open form asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum FormCall {
    /// What the open-a-wallet form needs: the latest stays (pxlhub `list_stays`, arrival
    /// descending) and a fresh correlation id, made by the runtime so `update` stays pure.
    WalletFormData,
    /// MasCustomers `AvailablePaymentMethods` of an account.
    PaymentMethods {
        customer_id: String,
        account_id: String,
    },
    /// Lyra `Token/Get`, for a typed card token.
    CardToken(String),
    /// pxlhub `GET /stays/{stay_id}/wallet`: whether the chosen stay has a wallet already.
    StayWallet(String),
    /// Read the target of a write again: after an unknown outcome, to learn whether it
    /// happened.
    Reread(ReadTarget),
}

impl FormCall {
    pub fn provider(&self) -> Provider {
        match self {
            FormCall::WalletFormData => Provider::Pxlhub,
            FormCall::PaymentMethods { .. } => Provider::Mascustomers,
            FormCall::CardToken(_) => Provider::Lyra,
            FormCall::StayWallet(_) => Provider::Pxlhub,
            FormCall::Reread(ReadTarget::StayWallet { .. }) => Provider::Pxlhub,
            FormCall::Reread(ReadTarget::Account { .. } | ReadTarget::Promotions { .. }) => {
                Provider::Mascustomers
            }
        }
    }
}

/// One step of `:` go-to: a read whose "not found" means "try the next kind".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    Get(SubjectRef),
    /// A customer by exact external id (`C-…`).
    ExternalId(String),
}

/// A provider call the runtime should make, with where its answer goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// A cheap authenticated call, to colour the provider's health dot.
    Health(Provider),
    /// A page of a list view.
    Page(PageQuery),
    /// A page of the export `job` (its `view` is the list it was started from).
    ExportPage { job: JobId, page: PageQuery },
    /// A read for the detail view `view`.
    Detail { view: ViewId, call: DetailCall },
    /// A read for the open form.
    Form(FormCall),
    /// A go-to probe.
    Probe(Probe),
    /// A customer's name, for the lists' customer columns (MasCustomers `GET
    /// /customers/{id}`).
    CustomerName(String),
    /// What a customer holds, for the Customers list's holdings column (MasCustomers `GET
    /// /customers/{id}/accounts`, then each account's active promotions, a few at most).
    CustomerHoldings(String),
    /// One group of the `:` box's search.
    Search(SearchCall),
    /// Send a confirmed write: `wire` is the very request the confirmation showed (built
    /// once, by the api layer); the runner journals its intent before it leaves and its
    /// outcome before answering.
    Write {
        request: Box<WriteRequest>,
        wire: Box<WireWrite>,
        summary: Box<AuditSummary>,
    },
    /// Record in the audit log a write the console refused before sending (read-only).
    AuditRefusal {
        request_provider: Provider,
        summary: Box<AuditSummary>,
    },
    /// Record in the journal that masked data was shown in clear.
    AuditReveal {
        provider: Provider,
        /// `account 8f0e…`, `transfer 20241 (user C-000123)`.
        resource: String,
        /// `iban`.
        field: &'static str,
        reason: Option<String>,
    },
    /// Record in the journal what a re-read found about a write whose outcome was unknown.
    AuditResolution {
        request_provider: Provider,
        summary: Box<AuditSummary>,
        applied: bool,
    },
    /// Read again the target of the write `write` the journal left unsettled (the start-up
    /// notice of unfinished writes); answered with `Reply::Rechecked`.
    Recheck { write: String, target: ReadTarget },
    /// Record in the journal what that re-read found: `resolved` on the write's own id.
    AuditSettle {
        provider: Provider,
        write: String,
        applied: bool,
    },
    /// A read for the chart view `view` (a page, or the promotions).
    Chart {
        view: ViewId,
        call: super::chart::ChartCall,
    },
}

impl Query {
    pub fn provider(&self) -> Provider {
        match self {
            Query::Health(p) => *p,
            Query::Page(q) => q.resource.provider(),
            Query::ExportPage { page, .. } => page.resource.provider(),
            Query::Detail { call, .. } => call.provider(),
            Query::Form(call) => call.provider(),
            Query::Probe(Probe::Get(s)) => s.provider(),
            Query::Probe(Probe::ExternalId(_))
            | Query::CustomerName(_)
            | Query::CustomerHoldings(_) => Provider::Mascustomers,
            Query::Search(call) => call.kind.provider(),
            Query::Write { request, .. } => request.provider(),
            Query::AuditRefusal {
                request_provider, ..
            }
            | Query::AuditResolution {
                request_provider, ..
            } => *request_provider,
            Query::AuditReveal { provider, .. } | Query::AuditSettle { provider, .. } => *provider,
            Query::Recheck { target, .. } => FormCall::Reread(target.clone()).provider(),
            Query::Chart { call, .. } => call.provider(),
        }
    }

    /// Short text for the status line while it runs.
    pub fn label(&self) -> String {
        match self {
            Query::Health(p) => format!("checking {p}"),
            Query::Page(q) if q.last => format!("looking for the last {} page", q.resource.name()),
            Query::Page(q) => format!("{} page {}", q.resource.name(), q.page.page + 1),
            Query::ExportPage { page, .. } => {
                format!(
                    "exporting {} page {}",
                    page.resource.name(),
                    page.page.page + 1
                )
            }
            Query::Detail { call, .. } => call.label(),
            Query::Form(FormCall::WalletFormData) => "stays".into(),
            Query::Form(FormCall::PaymentMethods { .. }) => "available payment methods".into(),
            Query::Form(FormCall::CardToken(_)) => "card token".into(),
            Query::Form(FormCall::StayWallet(_)) => "the stay's wallet".into(),
            Query::Form(FormCall::Reread(_)) => "reading it again".into(),
            Query::Probe(_) => "looking up the id".into(),
            Query::CustomerName(_) => "customer names".into(),
            Query::CustomerHoldings(_) => "customers' accounts".into(),
            Query::Search(call) => format!("searching {}", call.kind.title().to_lowercase()),
            Query::Write { .. } => "sending the write".into(),
            Query::Recheck { .. } => "reading an unfinished write's target".into(),
            Query::AuditRefusal { .. }
            | Query::AuditReveal { .. }
            | Query::AuditResolution { .. }
            | Query::AuditSettle { .. } => "audit log".into(),
            Query::Chart { call, .. } => call.label(),
        }
    }
}

impl Query {
    /// The reply that says this request failed with `error`, addressed like the query (for
    /// a request that could not run to its end).
    pub fn failure(&self, error: ApiError) -> Reply {
        match self {
            Query::Health(_) => Reply::Health(Err(error)),
            Query::Page(q) => Reply::Page {
                view: q.view,
                result: Err(error),
            },
            Query::ExportPage { job, page } => Reply::ExportPage {
                job: *job,
                page: page.page.page,
                result: Err(error),
            },
            Query::Detail { view, call } => Reply::Detail {
                view: *view,
                answer: call.failure(error),
            },
            Query::Form(call) => Reply::Form(match call {
                FormCall::WalletFormData => FormAnswer::WalletFormData(Err(error)),
                FormCall::PaymentMethods { .. } => FormAnswer::PaymentMethods(Err(error)),
                FormCall::CardToken(_) => FormAnswer::CardToken(Err(error)),
                FormCall::StayWallet(stay_id) => FormAnswer::StayWallet {
                    stay_id: stay_id.clone(),
                    result: Err(error),
                },
                FormCall::Reread(_) => FormAnswer::Reread(Err(error)),
            }),
            Query::Probe(_) => Reply::Probe(Err(error)),
            Query::CustomerName(id) => Reply::CustomerName {
                id: id.clone(),
                result: Err(error),
            },
            Query::CustomerHoldings(id) => Reply::CustomerHoldings {
                id: id.clone(),
                result: Err(error),
            },
            Query::Search(_) => Reply::Search(Err(error)),
            Query::Write { .. } => Reply::Written(Err(error)),
            Query::Recheck { write, .. } => Reply::Rechecked {
                digest: None,
                write: write.clone(),
                result: Err(error),
            },
            Query::AuditRefusal { .. }
            | Query::AuditReveal { .. }
            | Query::AuditResolution { .. }
            | Query::AuditSettle { .. } => Reply::Recorded(Err(error.to_string())),
            Query::Chart { view, call } => Reply::Chart {
                view: *view,
                answer: call.failure(error),
            },
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
    /// Keep a list (recent items, pins) in its file in the state folder, replacing it.
    Remember {
        list: super::memory_items::ListKind,
        file: super::memory_items::ItemsFile,
    },
    /// An export's file operation.
    Export(ExportEffect),
    /// Write the `:` box's history (`text`, one entry a line) to `path`, in the state folder.
    SaveHistory {
        path: std::path::PathBuf,
        text: String,
    },
    /// Replace `columns.json` at `path` (in the state folder) with the lists' column choices.
    SaveColumns {
        path: std::path::PathBuf,
        file: super::columns::ColumnsFile,
    },
    Quit,
    /// Ask the terminal to report the mouse (`true`) or to leave it to its own text
    /// selection (`false`).
    MouseCapture(bool),
}
