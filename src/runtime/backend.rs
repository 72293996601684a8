//! The production `QueryRunner`: each query becomes calls on the typed API clients, and
//! the answer a `Reply`. `:` go-to probing (what is this id?) lives here.

#![expect(
    clippy::result_large_err,
    reason = "ApiError is the domain's plain-data error every client call returns"
)]

use super::executor::{QueryRunner, ReplyFuture};
use super::writes::{AuditContext, perform, record_refusal};
use crate::api::Clients;
use crate::app::detail::Subject;
use crate::app::effect::Query;
use crate::app::msg::{Found, Reply};
use crate::app::resources::looks_like_uuid;
use crate::domain::{ApiError, ErrorKind, PageRequest, Provider};
use crate::domain::{Sort, SortDir};
use std::sync::Arc;
use std::time::Instant;

/// How many stays the open-a-wallet form offers (the latest arrivals).
const FORM_STAYS: u32 = 200;

/// Answers queries with the five API clients. Writes need the audit log: without an
/// `AuditContext` (or on a read-only profile) they are refused here too.
#[derive(Debug, Clone)]
pub struct ApiRunner {
    clients: Clients,
    audit: Option<Arc<AuditContext>>,
    read_only: bool,
}

impl ApiRunner {
    pub fn new(clients: Clients) -> ApiRunner {
        ApiRunner {
            clients,
            audit: None,
            read_only: false,
        }
    }

    /// Where writes are recorded; writes are refused until this is set.
    pub fn with_audit(mut self, audit: AuditContext) -> ApiRunner {
        self.audit = Some(Arc::new(audit));
        self
    }

    /// A read-only profile: the runner refuses writes even if asked.
    pub fn with_read_only(mut self, read_only: bool) -> ApiRunner {
        self.read_only = read_only;
        self
    }

    /// Builds the five clients of a profile (`setup::demo_settings(url)` for the demo).
    pub fn from_settings(settings: &crate::api::ApiSettings) -> Result<ApiRunner, ApiError> {
        Clients::new(settings).map(ApiRunner::new)
    }
}

impl QueryRunner for ApiRunner {
    fn run(&self, query: Query) -> ReplyFuture {
        let clients = self.clients.clone();
        let audit = self.audit.clone();
        let read_only = self.read_only;
        Box::pin(async move {
            match query {
                Query::Write { request, summary } => {
                    let Some(audit) = audit.filter(|_| !read_only) else {
                        return Err(ApiError::new(
                            request.provider(),
                            ErrorKind::Local,
                            "writes are off: read-only profile or no audit log",
                        ));
                    };
                    perform(&clients, &audit, &request, &summary)
                        .await
                        .map(Reply::Written)
                }
                Query::AuditRefusal {
                    request_provider,
                    summary,
                } => {
                    if let Some(audit) = audit {
                        record_refusal(&audit, request_provider, &summary).await;
                    }
                    Ok(Reply::Recorded)
                }
                other => answer(&clients, other).await,
            }
        })
    }
}

async fn answer(c: &Clients, query: Query) -> Result<Reply, ApiError> {
    Ok(match query {
        Query::Health(p) => {
            let started = Instant::now();
            crate::api::doctor::auth_check(c, p).await?;
            Reply::Health {
                latency_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            }
        }
        Query::Customers { page, q } => Reply::Customers(
            c.mascustomers()?
                .list_customers(&page, q.as_deref())
                .await?,
        ),
        Query::Accounts { page, customer_id } => Reply::Accounts(
            c.mascustomers()?
                .list_accounts(&page, customer_id.as_deref())
                .await?,
        ),
        Query::Wallets {
            page,
            establishment_id,
            status,
        } => Reply::Wallets(
            c.pxlhub()?
                .list_wallets(&page, establishment_id.as_deref(), status.as_deref())
                .await?,
        ),
        Query::Transfers {
            user,
            page,
            find_last,
        } => {
            let (user, user_name) = match user {
                Some(u) => (u, None),
                None => {
                    let users = c.smoney()?.list_users(&PageRequest::first(1)).await?;
                    let Some(first) = users.items.into_iter().next() else {
                        return Err(ApiError::new(
                            Provider::Smoney,
                            ErrorKind::NotFound,
                            "S-money lists no users",
                        ));
                    };
                    let name = format!("{} {}", first.first_name, first.last_name);
                    (first.app_user_id, Some(name.trim().to_string()))
                }
            };
            let page = if find_last {
                last_page(c, &user, page).await?
            } else {
                c.smoney()?.list_moneyouts(&user, &page).await?
            };
            Reply::Transfers {
                user,
                user_name,
                page,
            }
        }
        Query::Customer(id) => Reply::Customer(c.mascustomers()?.get_customer(&id).await?),
        Query::Account(id) => Reply::Account(c.mascustomers()?.get_account(&id).await?),
        Query::Stay(id) => Reply::Stay(c.pxlhub()?.get_stay(&id).await?),
        Query::Wallet(id) => Reply::Wallet(c.pxlhub()?.get_wallet(&id).await?),
        Query::Transfer { user, id } => {
            let transfer = c.smoney()?.get_moneyout(&user, id).await?;
            Reply::Transfer { user, transfer }
        }
        Query::CardToken(token) => Reply::CardToken(c.lyra()?.get_token(&token).await?),
        Query::CardUpdater { token, expiry_mmyy } => Reply::CardUpdate(
            c.monext()?
                .card_updater_search(&token, &expiry_mmyy)
                .await?,
        ),
        Query::Promotions { account_id, filter } => {
            Reply::Promotions(c.mascustomers()?.promotions(&account_id, &filter).await?)
        }
        Query::PromotionHistory { account_id } => Reply::PromotionHistory(
            c.mascustomers()?
                .promotion_history(&account_id, None)
                .await?,
        ),
        Query::BillingAddresses {
            account_id,
            from,
            to,
        } => Reply::BillingAddresses(
            c.mascustomers()?
                .billing_addresses(&account_id, from, to)
                .await?,
        ),
        Query::Find {
            text,
            transfers_user,
        } => Reply::Found(find(c, text.trim(), transfers_user).await?),
        Query::WalletFormData => {
            let page = PageRequest {
                size: FORM_STAYS,
                page: 0,
                sort: Some(Sort::new("arrival", SortDir::Desc)),
            };
            let stays = match c.pxlhub() {
                Ok(p) => p.list_stays(&page).await.map(|p| p.items),
                Err(e) => Err(e),
            };
            Reply::WalletFormData {
                stays,
                correlation_id: uuid::Uuid::new_v4().to_string(),
            }
        }
        Query::PaymentMethods {
            customer_id,
            account_id,
        } => Reply::PaymentMethods(
            c.mascustomers()?
                .available_payment_methods(&customer_id, &account_id)
                .await?,
        ),
        Query::StayWallet(stay_id) => Reply::StayWallet(c.pxlhub()?.stay_wallet(&stay_id).await?),
        // Handled in `run`, which holds the audit context.
        Query::Write { request, .. } => {
            return Err(ApiError::new(
                request.provider(),
                ErrorKind::Local,
                "writes go through the runner",
            ));
        }
        Query::AuditRefusal { .. } => Reply::Recorded,
    })
}

/// Highest page index probed before giving up (200 per page: 200 million rows).
const MAX_PAGE: u32 = 1 << 20;

/// The last non-empty page of a user's moneyouts, without a total: pages 1, 2, 4, 8… until
/// one is not full, then a binary search between the last full and the first empty one.
/// About 2·log2(pages) requests. The answer's `has_more` is false: it is the last page.
async fn last_page(
    c: &Clients,
    user: &str,
    request: PageRequest,
) -> Result<crate::domain::Page<crate::domain::transfer::MoneyOut>, ApiError> {
    let size = request.size.max(1) as usize;
    let probe = |page: u32| {
        let req = PageRequest {
            page,
            ..request.clone()
        };
        async move { c.smoney()?.list_moneyouts(user, &req).await }
    };
    let done = |mut p: crate::domain::Page<_>| {
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

/// `Ok(None)` for a 404, so probing goes on; other failures stop it.
fn not_found<T>(r: Result<T, ApiError>) -> Result<Option<T>, ApiError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Works out what an id is by its shape, then asks the APIs in turn.
async fn find(c: &Clients, text: &str, transfers_user: Option<String>) -> Result<Found, ApiError> {
    if !text.is_empty() && text.chars().all(|ch| ch.is_ascii_digit()) {
        let Ok(id) = text.parse::<i64>() else {
            return Ok(Found::Nothing(format!(
                "{text} is too large for a transfer id"
            )));
        };
        let Some(user) = transfers_user else {
            return Ok(Found::Nothing(format!(
                "{text} looks like a transfer id, but S-money needs its user: open the Transfers pane (4) first"
            )));
        };
        return Ok(
            match not_found(c.smoney()?.get_moneyout(&user, id).await)? {
                Some(transfer) => Found::Subject(Box::new(Subject::Transfer { user, transfer })),
                None => Found::Nothing(format!("no transfer {id} for S-money user {user}")),
            },
        );
    }
    if text.len() > 2 && text.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("C-")) {
        let page = c
            .mascustomers()?
            .list_customers(&PageRequest::first(20), Some(text))
            .await?;
        return Ok(
            match page
                .items
                .into_iter()
                .find(|cu| cu.external_id.eq_ignore_ascii_case(text))
            {
                Some(customer) => Found::Subject(Box::new(Subject::Customer(customer))),
                None => Found::Nothing(format!("no customer has external id {text}")),
            },
        );
    }
    if looks_like_uuid(&text.to_ascii_lowercase()) {
        let id = text.to_ascii_lowercase();
        if let Some(x) = not_found(c.mascustomers()?.get_customer(&id).await)? {
            return Ok(Found::Subject(Box::new(Subject::Customer(x))));
        }
        if let Some(x) = not_found(c.mascustomers()?.get_account(&id).await)? {
            return Ok(Found::Subject(Box::new(Subject::Account(x))));
        }
        if let Some(x) = not_found(c.pxlhub()?.get_wallet(&id).await)? {
            return Ok(Found::Subject(Box::new(Subject::Wallet(x))));
        }
        if let Some(x) = not_found(c.pxlhub()?.get_stay(&id).await)? {
            return Ok(Found::Subject(Box::new(Subject::Stay(x))));
        }
        return Ok(Found::Nothing(format!(
            "no customer, account, wallet or stay has id {id}"
        )));
    }
    Ok(Found::Nothing(format!(
        "“{text}” is not an id guichet knows: a uuid, an external id (C-…) or a transfer number"
    )))
}
