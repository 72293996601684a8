//! Pages of a list, serving both server-paged lists (`size`/`page`/`sort` with
//! `recordTotal`) and S-money's `page`/`per_page` arrays (no total).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

impl SortDir {
    pub fn flip(self) -> SortDir {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SortDir::Asc => "asc",
            SortDir::Desc => "desc",
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            SortDir::Asc => "↑",
            SortDir::Desc => "↓",
        }
    }
}

/// A server-side sort: a field the API sorts on and a direction.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sort {
    pub field: String,
    pub dir: SortDir,
}

impl Sort {
    pub fn new(field: impl Into<String>, dir: SortDir) -> Sort {
        Sort {
            field: field.into(),
            dir,
        }
    }

    /// The Spring convention: `name,asc`.
    pub fn to_query(&self) -> String {
        format!("{},{}", self.field, self.dir.as_str())
    }

    /// Parses `field,asc` / `field,desc` / `field` (ascending).
    pub fn parse(s: &str) -> Option<Sort> {
        let mut it = s.splitn(2, ',');
        let field = it.next()?.trim();
        if field.is_empty() {
            return None;
        }
        let dir = match it.next().map(|d| d.trim().to_ascii_lowercase()) {
            None => SortDir::Asc,
            Some(d) if d == "asc" => SortDir::Asc,
            Some(d) if d == "desc" => SortDir::Desc,
            Some(_) => return None,
        };
        Some(Sort::new(field, dir))
    }
}

/// What to ask for. `page` is 0-based here whatever the provider counts from; the S-money
/// client adds one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PageRequest {
    pub size: u32,
    pub page: u32,
    pub sort: Option<Sort>,
}

impl PageRequest {
    pub const SIZES: [u32; 4] = [20, 50, 100, 200];

    pub fn first(size: u32) -> PageRequest {
        PageRequest {
            size,
            page: 0,
            sort: None,
        }
    }

    pub fn with_sort(mut self, sort: Option<Sort>) -> PageRequest {
        self.sort = sort;
        self
    }
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 0-based page index.
    pub page: u32,
    pub size: u32,
    /// `recordTotal` where the provider gives one; `None` for S-money.
    pub total: Option<u64>,
    pub has_more: bool,
}

impl<T> Page<T> {
    /// A page of a server-paged list with a known total.
    pub fn with_total(items: Vec<T>, page: u32, size: u32, total: u64) -> Page<T> {
        let seen = u64::from(page) * u64::from(size) + items.len() as u64;
        Page {
            has_more: seen < total,
            items,
            page,
            size,
            total: Some(total),
        }
    }

    /// A page of a list without a total: a full page means there may be more.
    pub fn without_total(items: Vec<T>, page: u32, size: u32) -> Page<T> {
        Page {
            has_more: items.len() as u32 >= size && size > 0,
            items,
            page,
            size,
            total: None,
        }
    }

    /// A page of `items` answering `req`, with the provider's total when it gives one.
    pub fn from_parts(items: Vec<T>, req: &PageRequest, total: Option<u64>) -> Page<T> {
        match total {
            Some(total) => Page::with_total(items, req.page, req.size, total),
            None => Page::without_total(items, req.page, req.size),
        }
    }

    /// Number of pages when the total is known (at least 1).
    pub fn page_count(&self) -> Option<u32> {
        let total = self.total?;
        let size = u64::from(self.size.max(1));
        Some(total.div_ceil(size).max(1).min(u64::from(u32::MAX)) as u32)
    }

    /// 1-based index of the first row of this page (0 when empty).
    pub fn first_row(&self) -> u64 {
        if self.items.is_empty() {
            0
        } else {
            u64::from(self.page) * u64::from(self.size) + 1
        }
    }

    pub fn last_row(&self) -> u64 {
        u64::from(self.page) * u64::from(self.size) + self.items.len() as u64
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            size: self.size,
            total: self.total,
            has_more: self.has_more,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_and_more() {
        let p = Page::with_total(vec![1; 50], 1, 50, 2134);
        assert!(p.has_more);
        assert_eq!(p.page_count(), Some(43));
        assert_eq!((p.first_row(), p.last_row()), (51, 100));
        let last = Page::with_total(vec![1; 34], 42, 50, 2134);
        assert!(!last.has_more);
        let s = Page::without_total(vec![1; 50], 2, 50);
        assert!(s.has_more && s.total.is_none());
        let s = Page::without_total(vec![1; 3], 2, 50);
        assert!(!s.has_more);
    }

    #[test]
    fn sort_round_trip() {
        let s = Sort::parse("name,desc").unwrap();
        assert_eq!(s.to_query(), "name,desc");
        assert_eq!(Sort::parse("name").unwrap().dir, SortDir::Asc);
        assert!(Sort::parse("name,up").is_none());
        assert!(Sort::parse("").is_none());
    }
}
