//! Messages: everything that can change the state. A reply is of the family its request
//! was (`Query::Page` → `Reply::Page`, …) and names the same destination.

use super::case::JournalLine;
use super::detail::Subject;
use super::export_io::{ExportNote, JobId};
use super::form::WriteOk;
use super::ids::{Ticket, ViewId};
use super::key::Key;
use super::resources::ListAnswer;
use super::search_box::SearchHits;
use crate::domain::ApiError;
use crate::domain::card::{CardToken, CardUpdate};
use crate::domain::cashless::{Stay, Wallet};
use crate::domain::customer::{
    Account, BillingAddressRecord, PaymentMethodType, Promotion, PromotionHistoryEntry,
};
use crate::domain::transfer::MoneyOut;
use chrono::NaiveDate;

/// The answer to a `DetailCall`, variant for variant.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailAnswer {
    Subject(Result<Subject, ApiError>),
    CardToken(Result<CardToken, ApiError>),
    CardUpdate(Result<CardUpdate, ApiError>),
    Promotions(Result<Vec<Promotion>, ApiError>),
    PromotionHistory(Result<Vec<PromotionHistoryEntry>, ApiError>),
    BillingAddresses(Result<Vec<BillingAddressRecord>, ApiError>),
    /// The stay's wallet; `None` when it has none.
    StayWallet(Result<Option<Wallet>, ApiError>),
    /// The provider's own answer to the subject's read (request line, status, masked body).
    Raw(Result<crate::domain::raw::RawBody, ApiError>),
    CaseAccounts(Result<Vec<Account>, ApiError>),
    /// One page of moneyouts; a user S-money does not know is a `NotFound` error.
    CaseTransfers(Result<Vec<MoneyOut>, ApiError>),
    Journal(Result<Vec<JournalLine>, ApiError>),
    ForAccount {
        account_id: String,
        answer: Box<DetailAnswer>,
    },
}

impl DetailAnswer {
    /// The error this answer carries, if any.
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            DetailAnswer::Subject(r) => r.as_ref().err(),
            DetailAnswer::CardToken(r) => r.as_ref().err(),
            DetailAnswer::CardUpdate(r) => r.as_ref().err(),
            DetailAnswer::Promotions(r) => r.as_ref().err(),
            DetailAnswer::PromotionHistory(r) => r.as_ref().err(),
            DetailAnswer::BillingAddresses(r) => r.as_ref().err(),
            DetailAnswer::StayWallet(r) => r.as_ref().err(),
            DetailAnswer::CaseAccounts(r) => r.as_ref().err(),
            DetailAnswer::CaseTransfers(r) => r.as_ref().err(),
            DetailAnswer::Journal(r) => r.as_ref().err(),
            DetailAnswer::Raw(r) => r.as_ref().err(),
            DetailAnswer::ForAccount { answer, .. } => answer.error(),
        }
    }
}

/// What reading a write's target again found.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadBack {
    StayWallet(Option<Wallet>),
    Account(Account),
    Promotions(Vec<Promotion>),
}

/// What the open-a-wallet form offers: the stays (or why they could not be listed) and a
/// fresh correlation id.
#[derive(Debug, Clone, PartialEq)]
pub struct WalletFormData {
    pub stays: Result<Vec<Stay>, ApiError>,
    pub correlation_id: String,
}

/// The answer to a `FormCall`, variant for variant.
#[derive(Debug, Clone, PartialEq)]
pub enum FormAnswer {
    /// `Err` only when the request itself failed (the form cannot open).
    WalletFormData(Result<WalletFormData, ApiError>),
    PaymentMethods(Result<Vec<PaymentMethodType>, ApiError>),
    CardToken(Result<CardToken, ApiError>),
    Reread(Result<ReadBack, ApiError>),
    /// The chosen stay's wallet (`None`: it has none).
    StayWallet {
        stay_id: String,
        result: Result<Option<Wallet>, ApiError>,
    },
}

/// The answer to a `Query`, as data, addressed like the query was.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A health check: its latency in milliseconds.
    Health(Result<u64, ApiError>),
    Page {
        view: ViewId,
        result: Result<ListAnswer, ApiError>,
    },
    /// Page `page` of the export `job`.
    ExportPage {
        job: JobId,
        page: u32,
        result: Result<ListAnswer, ApiError>,
    },
    Detail {
        view: ViewId,
        answer: DetailAnswer,
    },
    Form(FormAnswer),
    /// A go-to probe: the resource, or `None` when this kind has no such id.
    Probe(Result<Option<Subject>, ApiError>),
    /// A customer's name, for the lists.
    CustomerName {
        id: String,
        result: Result<String, ApiError>,
    },
    /// What a customer holds, for the Customers list.
    CustomerHoldings {
        id: String,
        result: Result<super::names::Holdings, ApiError>,
    },
    /// One group of the `:` box's search.
    Search(Result<SearchHits, ApiError>),
    /// A write's answer (its audit line is on disk).
    Written(Result<WriteOk, ApiError>),
    /// An audit line was written, or why it was not (an export in clear waits for it).
    Recorded(Result<(), String>),
    /// The re-read of an unfinished write's target (`Query::Recheck`).
    Rechecked {
        write: String,
        result: Result<ReadBack, ApiError>,
        /// The keyed digest of the sensitive value read (an account's IBAN), made by the
        /// runtime with the journal's key; `None` when the provider gave it masked.
        digest: Option<String>,
    },
    /// A read for the chart view `view`.
    Chart {
        view: ViewId,
        answer: super::chart::ChartAnswer,
    },
}

impl Reply {
    /// The error this reply carries, if any (for the provider's health dot).
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            Reply::Health(r) => r.as_ref().err(),
            Reply::Page { result, .. } | Reply::ExportPage { result, .. } => result.as_ref().err(),
            Reply::Detail { answer, .. } => answer.error(),
            // The stays' failure is shown in the form; the form still opens.
            Reply::Form(FormAnswer::WalletFormData(r)) => r.as_ref().err(),
            Reply::Form(FormAnswer::PaymentMethods(r)) => r.as_ref().err(),
            Reply::Form(FormAnswer::CardToken(r)) => r.as_ref().err(),
            Reply::Form(FormAnswer::Reread(r)) => r.as_ref().err(),
            Reply::Form(FormAnswer::StayWallet { result, .. }) => result.as_ref().err(),
            Reply::Probe(r) => r.as_ref().err(),
            Reply::CustomerName { result, .. } => result.as_ref().err(),
            Reply::CustomerHoldings { result, .. } => result.as_ref().err(),
            Reply::Search(r) => r.as_ref().err(),
            Reply::Written(r) => r.as_ref().err(),
            Reply::Recorded(_) => None,
            Reply::Rechecked { result, .. } => result.as_ref().err(),
            Reply::Chart { answer, .. } => answer.error(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "a message is moved once through a channel; boxing each reply costs more than it saves"
)]
pub enum Msg {
    /// A key press from the terminal.
    Key(Key),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The terminal was resized; `body` is the rows a view's body gets at this size and
    /// `table` the columns a list's table gets (the UI's layout, measured by the runtime with
    /// `ui::resized`), so scrolling stops at the last line and the last column.
    Resize {
        width: u16,
        height: u16,
        body: u16,
        table: u16,
    },
    /// Animation tick, sent only while something animates (a spinner, a toast).
    Tick,
    /// The answer to the request `ticket`.
    Reply { ticket: Ticket, reply: Reply },
    /// A toast's time is up.
    ToastExpired(u64),
    /// The filter line has been still for the debounce delay; only the latest generation
    /// applies.
    FilterSettled(u64),
    /// What the runtime says about an export (rows written, the file complete or discarded).
    Export(ExportNote),
    /// The date changed (the session ran past midnight): expiry, promotion states and form
    /// defaults follow it.
    Today(NaiveDate),
    /// A list of remembered items could not be written to the state folder (why, in words).
    NotRemembered(String),
    /// The input events that follow arrived at `at` (milliseconds on the runtime's
    /// monotonic clock): a confirmation takes only keys that arrived once it was on screen.
    InputAt(u64),
    /// A frame was drawn at `at` (same clock): a confirmation learns when it was first shown.
    Drawn { at: u64 },
    /// The confirmation first shown at `shown` has been up for the guard time: its confirm
    /// key is offered.
    ConfirmReady { shown: u64 },
    /// A second of the manual retry countdown `id` (after a 429 with `Retry-After`) passed.
    RetryTick(u64),
    /// A press of the left button or a turn of the wheel, with what it hit on screen.
    Mouse(super::pointer::Pointer),
    /// A second of watch mode's countdown (tick `n`; another number is stale) passed.
    WatchTick(u64),
    /// The `Retry-After` of a chart's 429 is over: its page `page` is asked again.
    ChartRetry { view: ViewId, page: u32 },
}
