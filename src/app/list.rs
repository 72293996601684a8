//! A generic list pane: one page of rows, the selection, what to ask next (page, size,
//! sort), the request under way, the last error, and the filter line.

use super::detail::Subject;
use super::effect::{PageQuery, Query, Ticket, ViewId};
use super::keymap::Action;
use super::resources::{ListAnswer, Owner, Res, RowRef};
use crate::domain::{ApiError, PageRequest, Sort};
use tui_input::Input;

/// Default rows per page.
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// What the rows on screen are: their page and what the provider said about the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub page: u32,
    pub size: u32,
    pub total: Option<u64>,
    pub has_more: bool,
}

impl Shown {
    pub fn page_count(&self) -> Option<u32> {
        let total = self.total?;
        let size = u64::from(self.size.max(1));
        Some(total.div_ceil(size).max(1).min(u64::from(u32::MAX)) as u32)
    }
}

/// What a list action asks of `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum ListCmd {
    /// Nothing changed.
    Nothing,
    /// Something visible changed.
    Redraw,
    /// Ask for `request` (a new page, size or sort, or a retry).
    Load,
    /// Find and load the last page of a list without a total.
    LoadLast,
    /// Open what the selected row names.
    Open(Box<Subject>),
    /// Copy this id.
    Copy(String),
    /// Copy this row as JSON (the domain value, not masked yet).
    CopyJson(serde_json::Value),
    /// Open the export dialog.
    Export,
    /// Tell the user something (e.g. "already on the last page").
    Say(String),
    /// Ask for a page number.
    AskPage,
    /// The filter text changed: debounce, then load.
    FilterEdited,
    /// The filter changed and must apply now (Enter after an edit, Esc clearing it).
    FilterNow,
}

/// A list of any registered resource: its rows, selection, paging, filter and owner.
#[derive(Debug, Clone)]
pub struct ListPane {
    pub id: ViewId,
    pub resource: Res,
    pub rows: Vec<RowRef>,
    pub selected: usize,
    /// The page asked for last (shown once it arrives).
    pub request: PageRequest,
    pub shown: Option<Shown>,
    pub loading: Option<Ticket>,
    pub error: Option<ApiError>,
    /// The filter line, and whether keys go to it.
    pub filter: Input,
    pub filter_focused: bool,
    /// The filter text the rows on screen were asked with.
    pub applied: String,
    /// Generation of the pending debounce, if the filter changed since it was applied.
    pub debounce: Option<u64>,
    /// Whose rows these are, for per-owner resources (S-money moneyouts): the first user,
    /// or the one drilled to; a typed filter overrides it.
    pub owner: Option<Owner>,
    /// Rows marked for an export (`space`), in the order marked, from any page.
    pub marked: Vec<RowRef>,
    /// Columns scrolled past on the left (`h`/`l`); kept across pages and refreshes.
    pub column_offset: usize,
}

impl ListPane {
    pub fn new(id: ViewId, resource: Res) -> ListPane {
        ListPane {
            id,
            resource,
            rows: Vec::new(),
            selected: 0,
            request: PageRequest::first(DEFAULT_PAGE_SIZE).with_sort(Some(resource.default_sort())),
            shown: None,
            loading: None,
            error: None,
            filter: Input::default(),
            filter_focused: false,
            applied: String::new(),
            debounce: None,
            owner: None,
            marked: Vec::new(),
            column_offset: 0,
        }
    }

    /// A list with a filter already applied (drill-down: a customer's accounts).
    pub fn filtered(id: ViewId, resource: Res, text: &str) -> ListPane {
        let mut pane = ListPane::new(id, resource);
        pane.filter = Input::new(text.to_string());
        pane.applied = text.to_string();
        pane
    }

    /// A list of one owner's rows (drill-down: a customer's transfers).
    pub fn owned(id: ViewId, resource: Res, owner: Owner) -> ListPane {
        let mut pane = ListPane::new(id, resource);
        pane.owner = Some(owner);
        pane
    }

    /// Never asked for anything yet.
    pub fn untouched(&self) -> bool {
        self.shown.is_none() && self.loading.is_none() && self.error.is_none()
    }

    pub fn selected_row(&self) -> Option<&RowRef> {
        self.rows.get(self.selected)
    }

    /// Whether the row with this id is marked.
    pub fn is_marked(&self, id: &str) -> bool {
        self.marked.iter().any(|r| r.id() == id)
    }

    /// Marks the selected row, or unmarks it, and moves to the next row.
    fn toggle_mark(&mut self) -> ListCmd {
        let Some(row) = self.selected_row().cloned() else {
            return ListCmd::Nothing;
        };
        let id = row.id();
        match self.marked.iter().position(|r| r.id() == id) {
            Some(i) => {
                self.marked.remove(i);
            }
            None => self.marked.push(row),
        }
        if self.selected + 1 < self.rows.len() {
            self.selected += 1;
        }
        ListCmd::Redraw
    }

    /// Title for breadcrumbs: `Accounts of 8f0e12…`, `Transfers of C-000123`.
    pub fn title(&self) -> String {
        self.resource.list_title(&self.applied, self.owner.as_ref())
    }

    /// The query for `request` with the applied filter; `last` probes for the last page.
    pub fn query(&self, last: bool) -> Query {
        Query::Page(PageQuery {
            view: self.id,
            resource: self.resource,
            params: self.resource.params(&self.applied, self.owner.as_ref()),
            page: self.request.clone(),
            last,
        })
    }

    /// Takes the answer this pane waits for (the ledger dropped any other). The page's rows
    /// move into the pane, uncopied.
    pub fn accept(&mut self, result: Result<ListAnswer, ApiError>) {
        self.loading = None;
        match result {
            Ok(ListAnswer { page, owner }) => {
                let same_page = self
                    .shown
                    .is_some_and(|s| s.page == page.page && s.size == page.size);
                self.request.page = page.page;
                self.shown = Some(Shown {
                    page: page.page,
                    size: page.size,
                    total: page.total,
                    has_more: page.has_more,
                });
                self.rows = page.items;
                self.selected = if same_page {
                    self.selected.min(self.rows.len().saturating_sub(1))
                } else {
                    0
                };
                // A typed owner is shown through the filter; the pane's own (first user,
                // or the one drilled to) stays for when the filter is cleared.
                if let Some(owner) = owner
                    && self.applied.is_empty()
                {
                    let name = owner.name.or_else(|| {
                        self.owner
                            .as_ref()
                            .filter(|o| o.id == owner.id)
                            .and_then(|o| o.name.clone())
                    });
                    self.owner = Some(Owner { id: owner.id, name });
                }
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    fn go_page(&mut self, page: u32) -> ListCmd {
        self.request.page = page;
        ListCmd::Load
    }

    fn current_page(&self) -> u32 {
        self.shown.map_or(self.request.page, |s| s.page)
    }

    /// Goes to a 1-based page typed by the user.
    pub fn go_to_page(&mut self, one_based: u32) -> ListCmd {
        if one_based == 0 {
            return ListCmd::Say("pages start at 1".into());
        }
        if let Some(count) = self.shown.and_then(|s| s.page_count())
            && one_based > count
        {
            return ListCmd::Say(format!("there are {count} pages"));
        }
        self.go_page(one_based - 1)
    }

    fn current_sort(&self) -> Sort {
        self.request
            .sort
            .clone()
            .unwrap_or_else(|| self.resource.default_sort())
    }

    pub fn on_action(&mut self, action: Action) -> ListCmd {
        let n = self.rows.len();
        match action {
            Action::SelectDown if self.selected + 1 < n => self.selected += 1,
            Action::SelectUp if self.selected > 0 => self.selected -= 1,
            Action::SelectTop if self.selected != 0 => self.selected = 0,
            Action::SelectBottom if n > 0 && self.selected != n - 1 => self.selected = n - 1,
            Action::SelectDown | Action::SelectUp | Action::SelectTop | Action::SelectBottom => {
                return ListCmd::Nothing;
            }
            Action::PageNext => {
                return match self.shown {
                    Some(s) if !s.has_more => ListCmd::Say("this is the last page".into()),
                    _ => self.go_page(self.current_page() + 1),
                };
            }
            Action::PagePrev => {
                let page = self.current_page();
                return if page == 0 {
                    ListCmd::Say("this is the first page".into())
                } else {
                    self.go_page(page - 1)
                };
            }
            Action::PageFirst => return self.go_page(0),
            Action::PageLast => {
                return match self.shown.and_then(|s| s.page_count()) {
                    Some(count) => self.go_page(count - 1),
                    // No total (S-money): the resource probes forward for the last page.
                    None if !self.resource.has_total() => match self.shown {
                        Some(s) if !s.has_more => ListCmd::Say("this is the last page".into()),
                        _ => ListCmd::LoadLast,
                    },
                    None => ListCmd::Nothing,
                };
            }
            Action::PageGo => return ListCmd::AskPage,
            Action::PageSize => {
                let sizes = PageRequest::SIZES;
                let pos = sizes.iter().position(|s| *s == self.request.size);
                let next = sizes[pos.map_or(0, |p| (p + 1) % sizes.len())];
                // Keep the first row on screen in the new page.
                let first = u64::from(self.current_page()) * u64::from(self.request.size);
                self.request.size = next;
                self.request.page = (first / u64::from(next)).min(u64::from(u32::MAX)) as u32;
                return ListCmd::Load;
            }
            Action::SortNext => {
                let fields = self.resource.sorts();
                let current = self.current_sort();
                let pos = fields.iter().position(|f| f.api == current.field);
                let Some(next) = fields.get(pos.map_or(0, |p| (p + 1) % fields.len())) else {
                    return ListCmd::Nothing;
                };
                self.request.sort = Some(Sort::new(next.api, current.dir));
                self.request.page = 0;
                return ListCmd::Load;
            }
            Action::SortFlip => {
                let current = self.current_sort();
                self.request.sort = Some(Sort::new(current.field, current.dir.flip()));
                self.request.page = 0;
                return ListCmd::Load;
            }
            Action::Filter => self.filter_focused = true,
            Action::Open if n > 0 => {
                return match self.selected_row() {
                    Some(row) => ListCmd::Open(Box::new(row.open(self.owner.as_ref()))),
                    None => ListCmd::Nothing,
                };
            }
            Action::Refresh => return ListCmd::Load,
            Action::CopyId => {
                return match self.selected_row() {
                    Some(row) => ListCmd::Copy(row.id()),
                    None => ListCmd::Nothing,
                };
            }
            Action::CopyJson => {
                return match self.selected_row() {
                    Some(row) => ListCmd::CopyJson(row.json()),
                    None => ListCmd::Nothing,
                };
            }
            Action::Mark => return self.toggle_mark(),
            Action::Export => return ListCmd::Export,
            _ => return ListCmd::Nothing,
        }
        ListCmd::Redraw
    }

    /// The filter line's text changed (typed, deleted, pasted).
    pub fn filter_changed(&mut self) -> ListCmd {
        ListCmd::FilterEdited
    }

    /// Applies the filter text now: page 0 with the new filter.
    pub fn apply_filter(&mut self) {
        self.applied = self.filter.value().trim().to_string();
        self.debounce = None;
        self.request.page = 0;
    }

    /// Enter on the filter line: keep it, leave the line; apply now if it changed.
    pub fn filter_enter(&mut self) -> ListCmd {
        self.filter_focused = false;
        if self.filter.value().trim() != self.applied || self.debounce.is_some() {
            ListCmd::FilterNow
        } else {
            ListCmd::Redraw
        }
    }

    /// Esc on the filter line: clear it and leave; reload if a filter was applied.
    pub fn filter_clear(&mut self) -> ListCmd {
        self.filter_focused = false;
        self.filter.reset();
        if self.applied.is_empty() {
            self.debounce = None;
            ListCmd::Redraw
        } else {
            ListCmd::FilterNow
        }
    }

    /// "rows 51–100 of 2,134 · page 2/43 · sorted by name ↑".
    pub fn footer(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.shown {
            let first = u64::from(s.page) * u64::from(s.size);
            let n = self.rows.len() as u64;
            match s.total {
                Some(total) if n > 0 => parts.push(format!(
                    "rows {}–{} of {}",
                    thousands(first + 1),
                    thousands(first + n),
                    thousands(total)
                )),
                Some(total) => parts.push(format!("0 rows of {}", thousands(total))),
                None if n > 0 => parts.push(format!(
                    "rows {}–{}",
                    thousands(first + 1),
                    thousands(first + n)
                )),
                None => parts.push("no rows".into()),
            }
            match s.page_count() {
                Some(count) => parts.push(format!("page {}/{}", s.page + 1, count)),
                None => parts.push(format!(
                    "page {} · {}",
                    s.page + 1,
                    if s.has_more { "more" } else { "last" }
                )),
            }
        }
        if let Some(sort) = &self.request.sort {
            parts.push(format!("sorted by {} {}", sort.field, sort.dir.arrow()));
        }
        parts.push(format!("{}/page", self.request.size));
        if !self.marked.is_empty() {
            parts.push(format!("{} marked", thousands(self.marked.len() as u64)));
        }
        parts.join(" · ")
    }
}

pub use super::format::thousands;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2134), "2,134");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    fn wallet(i: u32) -> crate::domain::cashless::Wallet {
        use crate::domain::cashless::{Wallet, WalletMode, WalletStatus};
        use chrono::TimeZone;
        Wallet {
            id: format!("w{i}"),
            stay_id: format!("s{i}"),
            establishment_id: "e".into(),
            mode: WalletMode::Prepaid,
            currency: crate::domain::Currency::EUR,
            balance: crate::domain::Cents(0),
            credit_limit: None,
            medium_ref: None,
            status: WalletStatus::Open,
            opened_at: chrono::Utc
                .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
                .single()
                .unwrap(),
        }
    }

    #[test]
    fn accept_takes_its_answer_by_value() {
        use crate::app::resources::{ListAnswer, Res, Wallets};
        use crate::domain::{ErrorKind, Page, Provider};
        let mut pane = ListPane::new(1, Res::of::<Wallets>());
        pane.loading = Some(7);
        let page = || Page::with_total(vec![wallet(1), wallet(2)], 0, 50, 2);
        // The result moves in (no copy of the page) and nothing is returned.
        let () = pane.accept(Ok(ListAnswer::of::<Wallets>(page(), None)));
        assert_eq!(pane.rows.len(), 2);
        assert_eq!(pane.rows[0].id(), "w1");
        assert_eq!(pane.loading, None);
        assert_eq!(pane.shown.map(|s| s.total), Some(Some(2)));
        pane.loading = Some(8);
        let refused = ApiError::new(Provider::Pxlhub, ErrorKind::Timeout, "slow");
        pane.accept(Err(refused.clone()));
        assert_eq!(pane.error, Some(refused));
        assert_eq!(pane.rows.len(), 2, "the rows stay on an error");
    }
}
