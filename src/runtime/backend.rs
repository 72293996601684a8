//! The production `QueryRunner`: each query becomes calls on the typed API clients (list
//! pages through the resource registry), and the answer the reply of the query's family.
//! It decides nothing: what to ask, and in which order, is the app's.

#![expect(
    clippy::result_large_err,
    reason = "ApiError is the domain's plain-data error every client call returns"
)]

use super::executor::{QueryRunner, ReplyFuture};
use super::writes::{
    AuditContext, perform, read_digest, record_refusal, record_resolution, record_reveal,
    record_settled,
};
use crate::api::Clients;
use crate::app::case::TRANSFER_PAGE;
use crate::app::chart_loads::{CHART_PAGE, ChartAnswer, ChartCall};
use crate::app::detail::Subject;
use crate::app::effect::{CASE_ACCOUNTS, DetailCall, FormCall, Probe, Query, SubjectRef};
use crate::app::form::ReadTarget;
use crate::app::msg::{DetailAnswer, FormAnswer, ReadBack, Reply, WalletFormData};
use crate::audit::journal::Resolution;
use crate::domain::customer::PromotionFilter;
use crate::domain::{ApiError, ErrorKind, PageRequest};
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
                Query::Write {
                    request,
                    wire,
                    summary,
                } => {
                    let Some(audit) = audit.filter(|_| !read_only) else {
                        return Reply::Written(Err(ApiError::new(
                            request.provider(),
                            ErrorKind::Local,
                            "writes are off: read-only profile or no audit log",
                        )));
                    };
                    Reply::Written(perform(&clients, &audit, &request, &wire, &summary).await)
                }
                // The value read is digested with the journal's key, to be compared with
                // the digest its intent kept.
                Query::Recheck { write, target } => {
                    let result = reread(&clients, target).await;
                    let digest = match (&result, &audit) {
                        (Ok(back), Some(audit)) => read_digest(audit, back).await,
                        _ => None,
                    };
                    Reply::Rechecked {
                        write,
                        result,
                        digest,
                    }
                }
                Query::AuditRefusal {
                    request_provider,
                    summary,
                } => {
                    if let Some(audit) = audit {
                        record_refusal(&audit, request_provider, &summary).await;
                    }
                    Reply::Recorded(Ok(()))
                }
                Query::AuditReveal {
                    resource,
                    field,
                    reason,
                    ..
                } => {
                    let recorded = match audit {
                        Some(audit) => record_reveal(&audit, &resource, field, reason.as_deref())
                            .await
                            .map_err(|e| {
                                tracing::error!("reveal not journaled: {e}");
                                format!("the audit journal could not record it: {e}")
                            }),
                        None => Err("no audit journal is open".to_string()),
                    };
                    Reply::Recorded(recorded)
                }
                Query::AuditResolution {
                    summary, applied, ..
                } => {
                    let resolved = if applied {
                        Resolution::Applied
                    } else {
                        Resolution::NotApplied
                    };
                    if let Some(audit) = audit
                        && let Err(e) = record_resolution(&audit, &summary, resolved).await
                    {
                        tracing::error!(action = summary.action, "resolution not journaled: {e}");
                    }
                    Reply::Recorded(Ok(()))
                }
                Query::AuditSettle { write, applied, .. } => {
                    let resolved = if applied {
                        Resolution::Applied
                    } else {
                        Resolution::NotApplied
                    };
                    if let Some(audit) = audit
                        && let Err(e) = record_settled(&audit, &write, resolved).await
                    {
                        tracing::error!(write, "resolution not journaled: {e}");
                    }
                    Reply::Recorded(Ok(()))
                }
                Query::Detail {
                    view,
                    call: DetailCall::Journal { ids },
                } => Reply::Detail {
                    view,
                    answer: DetailAnswer::Journal(
                        super::journal::read_about(audit.map(|a| a.dir.clone()), ids).await,
                    ),
                },
                other => answer(&clients, other).await,
            }
        })
    }
}

/// Runs one read and answers with the reply of its family, addressed like the query.
async fn answer(c: &Clients, query: Query) -> Reply {
    match query {
        Query::Health(p) => {
            let started = Instant::now();
            Reply::Health(
                crate::api::doctor::auth_check(c, p)
                    .await
                    .map(|()| u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)),
            )
        }
        Query::Page(q) => Reply::Page {
            view: q.view,
            result: q.resource.fetch(c, &q.params, &q.page, q.last).await,
        },
        Query::ExportPage { job, page } => Reply::ExportPage {
            job,
            page: page.page.page,
            result: page
                .resource
                .fetch(c, &page.params, &page.page, false)
                .await,
        },
        Query::Detail { view, call } => Reply::Detail {
            view,
            answer: detail(c, call).await,
        },
        Query::Form(call) => Reply::Form(form(c, call).await),
        Query::Probe(probe) => Reply::Probe(self::probe(c, probe).await),
        Query::CustomerName(id) => Reply::CustomerName {
            result: async { Ok(c.mascustomers()?.get_customer(&id).await?.name) }.await,
            id,
        },
        Query::CustomerHoldings(id) => Reply::CustomerHoldings {
            result: holdings(c, &id).await,
            id,
        },
        Query::Search(call) => Reply::Search(super::search::search_group(c, &call).await),
        // Handled in `run`, which holds the audit context.
        Query::Write { request, .. } => Reply::Written(Err(ApiError::new(
            request.provider(),
            ErrorKind::Local,
            "writes go through the runner",
        ))),
        Query::Recheck { write, target } => Reply::Rechecked {
            write,
            digest: None,
            result: reread(c, target).await,
        },
        Query::AuditRefusal { .. }
        | Query::AuditReveal { .. }
        | Query::AuditResolution { .. }
        | Query::AuditSettle { .. } => Reply::Recorded(Err("no audit journal is open".into())),
        Query::Chart { view, call } => Reply::Chart {
            view,
            answer: chart(c, call).await,
        },
    }
}

/// A chart's read: one page as the app asked for it.
async fn chart(c: &Clients, call: ChartCall) -> ChartAnswer {
    let page_of = |page, sort: &str| PageRequest {
        size: CHART_PAGE,
        page,
        sort: Some(Sort::new(sort, SortDir::Desc)),
    };
    match call {
        ChartCall::TransfersPage { user, page } => ChartAnswer::Transfers {
            page,
            result: async {
                let request = page_of(page, "operationdate");
                Ok(c.smoney()?.list_moneyouts(&user, &request).await?.items)
            }
            .await,
        },
        ChartCall::WalletsPage { page } => ChartAnswer::Wallets {
            page,
            result: async {
                // The order is the list's own; the id breaks ties, so pages do not overlap.
                let request = page_of(page, "openedAt");
                c.pxlhub()?.list_wallets(&request, None, None).await
            }
            .await,
        },
        ChartCall::Promotions { account_id } => ChartAnswer::Promotions(
            async {
                c.mascustomers()?
                    .promotions(&account_id, &PromotionFilter::All)
                    .await
            }
            .await,
        ),
    }
}

async fn subject(c: &Clients, what: SubjectRef) -> Result<Subject, ApiError> {
    Ok(match what {
        SubjectRef::Customer(id) => Subject::Customer(c.mascustomers()?.get_customer(&id).await?),
        SubjectRef::Account(id) => Subject::Account(c.mascustomers()?.get_account(&id).await?),
        SubjectRef::Stay(id) => Subject::Stay(c.pxlhub()?.get_stay(&id).await?),
        SubjectRef::Wallet(id) => Subject::Wallet(c.pxlhub()?.get_wallet(&id).await?),
        SubjectRef::Transfer { user, id } => {
            let transfer = c.smoney()?.get_moneyout(&user, id).await?;
            Subject::Transfer { user, transfer }
        }
    })
}

async fn detail(c: &Clients, call: DetailCall) -> DetailAnswer {
    match call {
        DetailCall::Subject(what) => DetailAnswer::Subject(subject(c, what).await),
        DetailCall::CardToken(token) => {
            DetailAnswer::CardToken(async { c.lyra()?.get_token(&token).await }.await)
        }
        DetailCall::CardUpdater { token, expiry_mmyy } => DetailAnswer::CardUpdate(
            async { c.monext()?.card_updater_search(&token, &expiry_mmyy).await }.await,
        ),
        DetailCall::Promotions { account_id, filter } => DetailAnswer::Promotions(
            async { c.mascustomers()?.promotions(&account_id, &filter).await }.await,
        ),
        DetailCall::PromotionHistory { account_id } => DetailAnswer::PromotionHistory(
            async { c.mascustomers()?.promotion_history(&account_id, None).await }.await,
        ),
        DetailCall::BillingAddresses {
            account_id,
            from,
            to,
        } => DetailAnswer::BillingAddresses(
            async {
                c.mascustomers()?
                    .billing_addresses(&account_id, from, to)
                    .await
            }
            .await,
        ),
        DetailCall::StayWallet(stay_id) => {
            DetailAnswer::StayWallet(async { c.pxlhub()?.stay_wallet(&stay_id).await }.await)
        }
        DetailCall::CaseAccounts { customer_id } => DetailAnswer::CaseAccounts(
            async {
                let page = PageRequest {
                    size: CASE_ACCOUNTS,
                    page: 0,
                    sort: Some(Sort::new("created_at", SortDir::Asc)),
                };
                let page = c
                    .mascustomers()?
                    .list_accounts(&page, Some(&customer_id))
                    .await?;
                Ok(page.items)
            }
            .await,
        ),
        DetailCall::CaseTransfers { user, page } => DetailAnswer::CaseTransfers(
            async {
                let page = PageRequest {
                    size: TRANSFER_PAGE,
                    page,
                    sort: Some(Sort::new("operationdate", SortDir::Desc)),
                };
                Ok(c.smoney()?.list_moneyouts(&user, &page).await?.items)
            }
            .await,
        ),
        // Read in `run`, which knows where the journal is.
        DetailCall::Journal { .. } => DetailAnswer::Journal(Ok(Vec::new())),
        DetailCall::ForAccount { account_id, call } => DetailAnswer::ForAccount {
            account_id,
            answer: Box::new(Box::pin(detail(c, *call)).await),
        },
        DetailCall::Raw(what) => DetailAnswer::Raw(raw(c, what).await),
    }
}

async fn form(c: &Clients, call: FormCall) -> FormAnswer {
    match call {
        FormCall::WalletFormData => {
            let page = PageRequest {
                size: FORM_STAYS,
                page: 0,
                sort: Some(Sort::new("arrival", SortDir::Desc)),
            };
            let stays = match c.pxlhub() {
                Ok(p) => p.list_stays(&page, None).await.map(|p| p.items),
                Err(e) => Err(e),
            };
            FormAnswer::WalletFormData(Ok(WalletFormData {
                stays,
                correlation_id: uuid::Uuid::new_v4().to_string(),
            }))
        }
        FormCall::PaymentMethods {
            customer_id,
            account_id,
        } => FormAnswer::PaymentMethods(
            async {
                c.mascustomers()?
                    .available_payment_methods(&customer_id, &account_id)
                    .await
            }
            .await,
        ),
        FormCall::StayWallet(stay_id) => FormAnswer::StayWallet {
            result: async { c.pxlhub()?.stay_wallet(&stay_id).await }.await,
            stay_id,
        },
        FormCall::CardToken(token) => {
            FormAnswer::CardToken(async { c.lyra()?.get_token(&token).await }.await)
        }
        FormCall::Reread(target) => FormAnswer::Reread(reread(c, target).await),
    }
}

async fn reread(c: &Clients, target: ReadTarget) -> Result<ReadBack, ApiError> {
    Ok(match target {
        ReadTarget::StayWallet { stay_id } => {
            ReadBack::StayWallet(c.pxlhub()?.stay_wallet(&stay_id).await?)
        }
        ReadTarget::Account { account_id } => {
            ReadBack::Account(c.mascustomers()?.get_account(&account_id).await?)
        }
        ReadTarget::Promotions { account_id } => ReadBack::Promotions(
            c.mascustomers()?
                .promotions(&account_id, &PromotionFilter::All)
                .await?,
        ),
    })
}

/// Accounts whose promotions a holdings cell reads at most: a customer with more shows a
/// `+`, and one cell never costs more than a handful of requests.
const HOLDINGS_ACCOUNTS: usize = 4;

/// A customer's accounts, and the active promotions of the first few.
async fn holdings(c: &Clients, customer_id: &str) -> Result<crate::app::names::Holdings, ApiError> {
    let mas = c.mascustomers()?;
    let ids = mas.customer_account_ids(customer_id).await?;
    let mut promotions = 0;
    for id in ids.iter().take(HOLDINGS_ACCOUNTS) {
        promotions += mas.promotions(id, &PromotionFilter::Active).await?.len();
    }
    Ok(crate::app::names::Holdings {
        accounts: ids.len(),
        promotions,
        partial: ids.len() > HOLDINGS_ACCOUNTS,
    })
}

/// The subject's read as the provider answered it, for the raw view.
async fn raw(c: &Clients, what: SubjectRef) -> Result<crate::domain::raw::RawBody, ApiError> {
    Ok(match what {
        SubjectRef::Customer(id) => c.mascustomers()?.get_customer_raw(&id).await?.1,
        SubjectRef::Account(id) => c.mascustomers()?.get_account_raw(&id).await?.1,
        SubjectRef::Stay(id) => c.pxlhub()?.get_stay_raw(&id).await?.1,
        SubjectRef::Wallet(id) => c.pxlhub()?.get_wallet_raw(&id).await?.1,
        SubjectRef::Transfer { user, id } => c.smoney()?.get_moneyout_raw(&user, id).await?.1,
    })
}

/// One go-to probe: `Ok(None)` for "no such id here", so the next kind is tried.
async fn probe(c: &Clients, probe: Probe) -> Result<Option<Subject>, ApiError> {
    match probe {
        Probe::Get(what) => match subject(c, what).await {
            Ok(s) => Ok(Some(s)),
            Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        },
        Probe::ExternalId(text) => {
            let page = c
                .mascustomers()?
                .list_customers(&PageRequest::first(20), Some(&text))
                .await?;
            Ok(page
                .items
                .into_iter()
                .find(|cu| cu.external_id.eq_ignore_ascii_case(&text))
                .map(Subject::Customer))
        }
    }
}
