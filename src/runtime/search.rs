//! The searches of the `:` box, run: one group is one provider call (through the typed
//! clients), and every group of a text at once, each answering on its own. The console runs
//! one group per request; [`search_all`] is the same for a plain caller (the command line).

use crate::api::Clients;
use crate::app::search_box::{RESULTS_PER_GROUP, SearchCall, SearchHits, SearchKind, kinds_for};
use crate::app::subject::Subject;
use crate::domain::{ApiError, Page, PageRequest, Sort, SortDir};

fn hits<T>(page: Page<T>, subject: impl Fn(T) -> Subject) -> SearchHits {
    SearchHits {
        total: page.total,
        hits: page.items.into_iter().map(subject).collect(),
    }
}

/// One group: search `call.text` as `call.kind` on its provider.
pub async fn search_group(c: &Clients, call: &SearchCall) -> Result<SearchHits, ApiError> {
    let page = PageRequest::first(RESULTS_PER_GROUP);
    let text = call.text.trim();
    Ok(match call.kind {
        SearchKind::Customers => hits(
            c.mascustomers()?.list_customers(&page, Some(text)).await?,
            Subject::Customer,
        ),
        SearchKind::Accounts => hits(
            c.mascustomers()?.search_accounts_last4(&page, text).await?,
            Subject::Account,
        ),
        SearchKind::Wallets => hits(
            c.pxlhub()?.search_wallets_medium(&page, text).await?,
            Subject::Wallet,
        ),
        SearchKind::Stays => hits(
            c.pxlhub()?
                .search_stays_guest(
                    &page
                        .clone()
                        .with_sort(Some(Sort::new("guestName", SortDir::Asc))),
                    text,
                )
                .await?,
            Subject::Stay,
        ),
        SearchKind::Transfers => {
            let Ok(id) = text.parse::<i64>() else {
                return Ok(SearchHits {
                    hits: Vec::new(),
                    total: Some(0),
                });
            };
            let found = c.smoney()?.find_moneyout(id).await?;
            let hits: Vec<Subject> = found
                .into_iter()
                .map(|(user, transfer)| Subject::Transfer { user, transfer })
                .collect();
            SearchHits {
                total: Some(hits.len() as u64),
                hits,
            }
        }
    })
}

/// Every group `text` is searched as, all at once; the answers in display order.
pub async fn search_all(
    c: &Clients,
    text: &str,
) -> Vec<(SearchKind, Result<SearchHits, ApiError>)> {
    search_all_of(c, text, &kinds_for(text)).await
}

/// The groups `kinds` of `text`, all at once; the answers in the order of `kinds`.
pub async fn search_all_of(
    c: &Clients,
    text: &str,
    kinds: &[SearchKind],
) -> Vec<(SearchKind, Result<SearchHits, ApiError>)> {
    let calls: Vec<SearchCall> = kinds
        .iter()
        .copied()
        .map(|kind| SearchCall {
            kind,
            text: text.trim().to_string(),
        })
        .collect();
    let answers =
        futures_util::future::join_all(calls.iter().map(|call| search_group(c, call))).await;
    calls.into_iter().map(|c| c.kind).zip(answers).collect()
}
