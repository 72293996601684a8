//! The registry seen without its row types: a [`Res`] handle names a resource, a
//! [`RowRef`] is one of its rows. Built once from each [`Resource`] by generics, so the
//! pager, the table and the runtime never match on a kind.

use super::{ColumnInfo, ExportValue, Fetched, Owner, Params, Resource, SortField};
use crate::api::Clients;
use crate::app::detail::Subject;
use crate::app::keymap::Action;
use crate::domain::time::TimeShown;
use crate::domain::{ApiError, Page, PageRequest, Provider, Sort};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

/// One row of any resource.
pub trait ListRow: fmt::Debug + Send + Sync {
    fn id(&self) -> String;
    /// The text of column `col` (an index into the resource's columns).
    fn cell(&self, col: usize, time: TimeShown) -> String;
    fn open(&self, owner: Option<&Owner>) -> Subject;
    /// The row as JSON (the domain value; masked by the caller where needed).
    fn json(&self) -> serde_json::Value;
    /// The export fields' values, in the resource's order.
    fn export(&self) -> Vec<(&'static str, ExportValue)>;
    /// The same, with the masked fields (IBANs, card numbers) in clear.
    fn export_clear(&self) -> Vec<(&'static str, ExportValue)>;
    /// For equality in tests and change detection.
    fn same(&self, other: &dyn ListRow) -> bool;
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A shared row: pages move in and out of panes without copying rows.
pub type RowRef = Arc<dyn ListRow>;

struct Row<R: Resource>(R::Row);

impl<R: Resource> fmt::Debug for Row<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<R: Resource> ListRow for Row<R> {
    fn id(&self) -> String {
        R::id(&self.0)
    }

    fn cell(&self, col: usize, time: TimeShown) -> String {
        R::columns()
            .get(col)
            .map(|c| (c.cell)(&self.0, time))
            .unwrap_or_default()
    }

    fn open(&self, owner: Option<&Owner>) -> Subject {
        R::open(&self.0, owner)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::to_value(&self.0).unwrap_or(serde_json::Value::Null)
    }

    fn export(&self) -> Vec<(&'static str, ExportValue)> {
        R::export_fields()
            .iter()
            .map(|f| (f.name, (f.value)(&self.0)))
            .collect()
    }

    fn export_clear(&self) -> Vec<(&'static str, ExportValue)> {
        R::export_fields()
            .iter()
            .map(|f| {
                let clear = R::CLEAR_FIELDS
                    .contains(&f.name)
                    .then(|| R::export_clear(&self.0, f.name))
                    .flatten();
                (f.name, clear.unwrap_or_else(|| (f.value)(&self.0)))
            })
            .collect()
    }

    fn same(&self, other: &dyn ListRow) -> bool {
        other
            .as_any()
            .downcast_ref::<Row<R>>()
            .is_some_and(|o| o.0 == self.0)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Rows of resource `R`, ready for a pane (tests and fetches build pages with it).
pub fn rows<R: Resource>(items: Vec<R::Row>) -> Vec<RowRef> {
    items
        .into_iter()
        .map(|r| Arc::new(Row::<R>(r)) as RowRef)
        .collect()
}

/// A page of any resource's rows, and whose they are.
#[derive(Debug, Clone)]
pub struct ListAnswer {
    pub page: Page<RowRef>,
    pub owner: Option<Owner>,
}

impl ListAnswer {
    /// A typed page as an answer.
    pub fn of<R: Resource>(page: Page<R::Row>, owner: Option<Owner>) -> ListAnswer {
        ListAnswer {
            page: Page {
                items: rows::<R>(page.items),
                page: page.page,
                size: page.size,
                total: page.total,
                has_more: page.has_more,
            },
            owner,
        }
    }
}

impl PartialEq for ListAnswer {
    fn eq(&self, other: &ListAnswer) -> bool {
        self.owner == other.owner
            && self.page.page == other.page.page
            && self.page.size == other.page.size
            && self.page.total == other.page.total
            && self.page.has_more == other.page.has_more
            && self.page.items.len() == other.page.items.len()
            && self
                .page
                .items
                .iter()
                .zip(&other.page.items)
                .all(|(a, b)| a.same(b.as_ref()))
    }
}

/// A page fetch under way, as the runtime awaits it.
pub type PageFuture<'a> = Pin<Box<dyn Future<Output = Result<ListAnswer, ApiError>> + Send + 'a>>;

/// A resource without its row type: what the pager, the table and the runtime ask of it.
pub trait AnyResource: Send + Sync {
    fn name(&self) -> &'static str;
    fn title(&self) -> &'static str;
    fn provider(&self) -> Provider;
    fn tab_action(&self) -> Action;
    fn has_total(&self) -> bool;
    fn filter_hint(&self) -> &'static str;
    fn sorts(&self) -> &'static [SortField];
    fn default_sort(&self) -> Sort;
    fn columns(&self) -> Vec<ColumnInfo>;
    fn export_names(&self) -> Vec<&'static str>;
    fn money_fields(&self) -> &'static [&'static str];
    fn clear_fields(&self) -> &'static [&'static str];
    fn params(&self, filter: &str, owner: Option<&Owner>) -> Params;
    fn list_title(&self, applied: &str, owner: Option<&Owner>) -> String;
    /// One page, or the last one when `last` (resources without a total).
    fn fetch<'a>(
        &self,
        clients: &'a Clients,
        params: &'a Params,
        page: &'a PageRequest,
        last: bool,
    ) -> PageFuture<'a>;
}

struct Kind<R>(PhantomData<fn() -> R>);

impl<R: Resource> Kind<R> {
    const INSTANCE: &'static Kind<R> = &Kind(PhantomData);
}

impl<R: Resource> AnyResource for Kind<R> {
    fn name(&self) -> &'static str {
        R::NAME
    }
    fn title(&self) -> &'static str {
        R::TITLE
    }
    fn provider(&self) -> Provider {
        R::PROVIDER
    }
    fn tab_action(&self) -> Action {
        R::TAB_ACTION
    }
    fn has_total(&self) -> bool {
        R::HAS_TOTAL
    }
    fn filter_hint(&self) -> &'static str {
        R::FILTER_HINT
    }
    fn sorts(&self) -> &'static [SortField] {
        R::SORTS
    }
    fn default_sort(&self) -> Sort {
        R::default_sort()
    }
    fn columns(&self) -> Vec<ColumnInfo> {
        R::columns().iter().map(super::Column::info).collect()
    }
    fn export_names(&self) -> Vec<&'static str> {
        R::export_fields().iter().map(|f| f.name).collect()
    }
    fn money_fields(&self) -> &'static [&'static str] {
        R::MONEY_FIELDS
    }
    fn clear_fields(&self) -> &'static [&'static str] {
        R::CLEAR_FIELDS
    }
    fn params(&self, filter: &str, owner: Option<&Owner>) -> Params {
        R::params(filter, owner)
    }
    fn list_title(&self, applied: &str, owner: Option<&Owner>) -> String {
        R::title(applied, owner)
    }
    fn fetch<'a>(
        &self,
        clients: &'a Clients,
        params: &'a Params,
        page: &'a PageRequest,
        last: bool,
    ) -> PageFuture<'a> {
        let fetch = if last {
            R::fetch_last(clients, params, page).unwrap_or_else(|| R::fetch(clients, params, page))
        } else {
            R::fetch(clients, params, page)
        };
        Box::pin(async move {
            let (page, owner): Fetched<R::Row> = fetch.await?;
            Ok(ListAnswer::of::<R>(page, owner))
        })
    }
}

/// A handle on a registered resource: `Copy`, compared by name.
#[derive(Clone, Copy)]
pub struct Res(&'static dyn AnyResource);

impl Res {
    pub const fn of<R: Resource>() -> Res {
        Res(Kind::<R>::INSTANCE)
    }

    /// The registered resource called `name` (`customers`, `stays`…).
    pub fn named(name: &str) -> Option<Res> {
        super::ALL.iter().copied().find(|r| r.name() == name)
    }
}

impl std::ops::Deref for Res {
    type Target = dyn AnyResource;
    fn deref(&self) -> &Self::Target {
        self.0
    }
}

impl PartialEq for Res {
    fn eq(&self, other: &Res) -> bool {
        self.0.name() == other.0.name()
    }
}

impl Eq for Res {}

impl fmt::Debug for Res {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}
