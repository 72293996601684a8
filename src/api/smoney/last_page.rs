//! S-money gives no total: the last page of a user's moneyouts is found by probing.

use super::client::SmoneyClient;
use crate::domain::transfer::MoneyOut;
use crate::domain::{ApiError, Page, PageRequest};

/// Highest page index probed before giving up (200 per page: 200 million rows).
const MAX_PAGE: u32 = 1 << 20;

impl SmoneyClient {
    /// The last non-empty page of a user's moneyouts: pages 1, 2, 4, 8… until one is not
    /// full, then a binary search between the last full and the first empty one, about
    /// 2·log2(pages) requests. The answer's `has_more` is false: it is the last page.
    pub async fn last_moneyouts_page(
        &self,
        app_user_id: &str,
        request: &PageRequest,
    ) -> Result<Page<MoneyOut>, ApiError> {
        let size = request.size.max(1) as usize;
        let probe = |page: u32| {
            let req = PageRequest {
                page,
                ..request.clone()
            };
            async move { self.list_moneyouts(app_user_id, &req).await }
        };
        let done = |mut p: Page<MoneyOut>| {
            p.has_more = false;
            Ok(p)
        };
        let first = probe(0).await?;
        if first.items.len() < size {
            return done(first);
        }
        // Invariant: page `full` is full; page `hi` is past it.
        let mut full = 0u32;
        let mut hi = 1u32;
        let mut full_page = first;
        loop {
            let p = probe(hi).await?;
            if p.items.len() == size && hi < MAX_PAGE {
                full = hi;
                full_page = p;
                hi = hi.saturating_mul(2);
                continue;
            }
            if !p.items.is_empty() {
                return done(p);
            }
            break;
        }
        // Page `hi` is empty: the last page is in (full, hi).
        while hi - full > 1 {
            let mid = full + (hi - full) / 2;
            let p = probe(mid).await?;
            if p.items.is_empty() {
                hi = mid;
            } else if p.items.len() == size {
                full = mid;
                full_page = p;
            } else {
                return done(p);
            }
        }
        done(full_page)
    }
}
