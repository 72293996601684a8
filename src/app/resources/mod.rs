//! The resource registry: one module per listable resource declares, in one place, its
//! provider, columns, sort fields, how the filter line becomes query parameters, how a page
//! is fetched, how a row opens and its export fields. The pager (`app::list`), the table
//! (`ui::table`) and the runtime read it through [`Res`]; nothing else matches on kinds.
//!
//! To add a resource: write its module (a unit struct implementing [`Resource`]), add one
//! line to [`ALL`] (its tab) and bind its tab key in `assets/keymap.toml`.

mod accounts;
mod customers;
mod erased;
mod stays;
mod transfers;
mod wallets;

pub use accounts::Accounts;
pub use customers::Customers;
pub use erased::{AnyResource, ListAnswer, PageFuture, Res, RowRef, rows};
pub use stays::Stays;
pub use transfers::Transfers;
pub use wallets::Wallets;

use super::detail::Subject;
use super::keymap::Action;
use crate::api::Clients;
use crate::domain::money::{Cents, Currency};
use crate::domain::time::TimeShown;
use crate::domain::{ApiError, Page, PageRequest, Provider, Sort};
use chrono::{DateTime, NaiveDate, Utc};
use std::future::Future;
use std::pin::Pin;

/// Every listable resource, in tab order.
pub static ALL: [Res; 5] = [
    Res::of::<Customers>(),
    Res::of::<Accounts>(),
    Res::of::<Wallets>(),
    Res::of::<Transfers>(),
    Res::of::<Stays>(),
];

/// One column of a resource's table.
pub struct Column<T> {
    /// Its stable name, snake_case (the field it shows): what a saved column choice names,
    /// so a header can be renamed without losing anyone's choice.
    pub key: &'static str,
    pub title: &'static str,
    /// Narrowest useful width (the title and a sort arrow must fit).
    pub min: u16,
    /// Widest it grows to when there is room.
    pub max: u16,
    /// 0 is always shown; higher numbers are dropped first when narrow.
    pub priority: u8,
    /// The API field this column sorts on, if any.
    pub sort_field: Option<&'static str>,
    pub right: bool,
    /// The cell is a customer id the list fills in with her name once known.
    pub customer: bool,
    /// The cell is a customer id the list fills in with what she holds once known.
    pub holdings: bool,
    pub cell: fn(&T, TimeShown) -> String,
}

/// What the table needs of a column, whatever the row type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnInfo {
    /// The column's stable name ([`Column::key`]).
    pub key: &'static str,
    pub title: &'static str,
    pub min: u16,
    pub max: u16,
    pub priority: u8,
    pub sort_field: Option<&'static str>,
    pub right: bool,
    /// The cell is a customer id, shown with her name once the list learnt it.
    pub customer: bool,
    /// The cell is a customer id, shown as her accounts and promotions once learnt.
    pub holdings: bool,
}

#[cfg(test)]
impl ColumnInfo {
    /// A plain column for the layout's tests, keyed by its title.
    pub const fn for_tests(title: &'static str, min: u16, max: u16, priority: u8) -> ColumnInfo {
        ColumnInfo {
            key: title,
            title,
            min,
            max,
            priority,
            sort_field: None,
            right: false,
            customer: false,
            holdings: false,
        }
    }
}

impl<T> Column<T> {
    pub const fn new(
        key: &'static str,
        title: &'static str,
        (min, max): (u16, u16),
        priority: u8,
        sort_field: Option<&'static str>,
        cell: fn(&T, TimeShown) -> String,
    ) -> Column<T> {
        Column {
            key,
            title,
            min,
            max,
            priority,
            sort_field,
            right: false,
            customer: false,
            holdings: false,
            cell,
        }
    }

    /// The same column, naming a customer by her id (shown with her name when known).
    pub const fn customer(mut self) -> Column<T> {
        self.customer = true;
        self
    }

    /// The same column, showing what the customer of this id holds (her accounts, and
    /// whether one has an active promotion) once the list learnt it.
    pub const fn holdings(mut self) -> Column<T> {
        self.holdings = true;
        self
    }

    /// The same column, right-aligned (numbers, money).
    pub const fn right(mut self) -> Column<T> {
        self.right = true;
        self
    }

    pub fn info(&self) -> ColumnInfo {
        ColumnInfo {
            key: self.key,
            title: self.title,
            min: self.min,
            max: self.max,
            priority: self.priority,
            sort_field: self.sort_field,
            right: self.right,
            customer: self.customer,
            holdings: self.holdings,
        }
    }
}

/// A field the API sorts on: its name on the wire and the label shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortField {
    pub api: &'static str,
    pub label: &'static str,
}

/// A value of an exported field, typed so each format writes it properly (money as a
/// decimal amount with its currency, dates in ISO 8601 UTC).
#[derive(Debug, Clone, PartialEq)]
pub enum ExportValue {
    Text(String),
    Int(i64),
    Bool(bool),
    Money(Cents, Currency),
    Date(NaiveDate),
    Time(DateTime<Utc>),
    Empty,
}

/// One exported field of a row.
pub struct ExportField<T> {
    pub name: &'static str,
    pub value: fn(&T) -> ExportValue,
}

/// Query parameters a filter line (and the list's owner) turn into, as the API names them.
pub type Params = Vec<(&'static str, String)>;

/// Whose rows a list shows when the resource needs one (S-money moneyouts are per user):
/// the id sent to the API and the name shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub id: String,
    pub name: Option<String>,
}

/// A page of rows and, for per-owner resources, whose they are.
pub type Fetched<T> = (Page<T>, Option<Owner>);

/// A fetch under way, borrowing the clients.
pub type Fetch<'a, T> = Pin<Box<dyn Future<Output = Result<Fetched<T>, ApiError>> + Send + 'a>>;

/// Everything guichet knows about a listable resource. Implemented by a unit struct in the
/// resource's own module; the rest of the console sees it through [`Res`].
pub trait Resource: Send + Sync + 'static {
    type Row: Clone + std::fmt::Debug + PartialEq + serde::Serialize + Send + Sync + 'static;
    /// The name used on the command line and in file names: `customers`.
    const NAME: &'static str;
    /// The pane's title: `Customers`.
    const TITLE: &'static str;
    const PROVIDER: Provider;
    /// The key action that focuses its tab.
    const TAB_ACTION: Action;
    /// Whether the provider gives a total (S-money does not).
    const HAS_TOTAL: bool = true;
    /// What the filter line accepts, for the pane's hint.
    const FILTER_HINT: &'static str;
    /// Fields the API sorts on, in the order `s` cycles through them.
    const SORTS: &'static [SortField];

    fn default_sort() -> Sort;
    fn columns() -> &'static [Column<Self::Row>];
    fn export_fields() -> &'static [ExportField<Self::Row>];
    /// The export fields whose values are money (or empty): each is written as an amount
    /// and a currency column, so a file's columns do not depend on its first row.
    const MONEY_FIELDS: &'static [&'static str] = &[];
    /// The export fields masked by default (IBANs, card numbers); exporting them in clear
    /// is a separate choice, confirmed and journaled.
    const CLEAR_FIELDS: &'static [&'static str] = &[];
    /// The value in clear of one of [`Resource::CLEAR_FIELDS`] (`None` for any other).
    fn export_clear(_row: &Self::Row, _field: &str) -> Option<ExportValue> {
        None
    }
    /// The filter line (and the owner a drill-down gave) as query parameters.
    fn params(filter: &str, owner: Option<&Owner>) -> Params;
    /// One page, with these parameters.
    fn fetch<'a>(
        clients: &'a Clients,
        params: &'a Params,
        page: &'a PageRequest,
    ) -> Fetch<'a, Self::Row>;
    /// The last page, for resources without a total (found by probing); `None`: not needed.
    fn fetch_last<'a>(
        _clients: &'a Clients,
        _params: &'a Params,
        _page: &'a PageRequest,
    ) -> Option<Fetch<'a, Self::Row>> {
        None
    }
    /// The id copied by `y`.
    fn id(row: &Self::Row) -> String;
    /// What opening the row shows.
    fn open(row: &Self::Row, owner: Option<&Owner>) -> Subject;
    /// The list's title in breadcrumbs: `Accounts of 8f0e12…`, `Transfers of C-000123`.
    fn title(applied: &str, owner: Option<&Owner>) -> String {
        let _ = (applied, owner);
        Self::TITLE.to_string()
    }
}

/// The parameter `name` of a filter line, if it is set.
pub fn param<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str())
}

/// The trimmed filter text, when there is one.
pub fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Whether `s` is a uuid in its hyphenated form, in any case (the `uuid` crate parses;
/// the length keeps out the simple, braced and urn forms it also takes).
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

/// `—` for a missing value.
pub fn or_dash(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".into())
}

/// Shortens a future's type for a resource's `fetch`.
pub fn boxed<'a, T>(
    f: impl Future<Output = Result<Fetched<T>, ApiError>> + Send + 'a,
) -> Fetch<'a, T> {
    Box::pin(f)
}
