//! Asking for a customer's case, section by section, and taking the answers in: each
//! section its own request and `Load` slot, so a failing provider leaves the rest usable.
//! Accounts first (one page), then per account its card (and, expired, the updater), its
//! active promotions and its histories for the Timeline; the transfers page by page (newest
//! first, until the 12 months are covered or the page bound is reached); the journal once
//! the accounts' ids are known.

use super::case::{Case, CaseAccount, CaseTransfers, TRANSFER_PAGE, TRANSFER_PAGES, year_before};
use super::detail::{Load, Subject};
use super::effect::{DetailCall, Effect, Query, ViewId};
use super::msg::DetailAnswer;
use super::state::State;
use crate::domain::ErrorKind;
use crate::domain::customer::{PaymentMethod, PromotionFilter};

fn ask(state: &mut State, id: ViewId, call: DetailCall) -> (super::ids::Ticket, Effect) {
    state.request(Query::Detail { view: id, call })
}

fn for_account(account_id: &str, call: DetailCall) -> DetailCall {
    DetailCall::ForAccount {
        account_id: account_id.to_string(),
        call: Box::new(call),
    }
}

/// Who the case is of: the customer's id and external id.
fn customer_of(state: &mut State, id: ViewId) -> Option<(String, String)> {
    match &state.detail_by_id(id)?.subject {
        Subject::Customer(c) => Some((c.id.clone(), c.external_id.clone())),
        _ => None,
    }
}

fn case_of(state: &mut State, id: ViewId) -> Option<&mut Case> {
    state.detail_by_id(id).map(|d| &mut d.case)
}

/// Starts every section of the case the detail `id` has not asked for yet.
pub fn start(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some((customer_id, external_id)) = customer_of(state, id) else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    let (accounts_idle, transfers_idle) = match case_of(state, id) {
        Some(c) => (
            matches!(c.accounts, Load::Idle),
            matches!(c.transfers, Load::Idle),
        ),
        None => return effects,
    };
    if accounts_idle {
        let (t, e) = ask(state, id, DetailCall::CaseAccounts { customer_id });
        effects.push(e);
        if let Some(c) = case_of(state, id) {
            c.accounts = Load::Loading(t);
        }
    }
    if transfers_idle {
        effects.extend(transfers_page(state, id, &external_id, 0));
    }
    effects
}

fn transfers_page(state: &mut State, id: ViewId, user: &str, page: u32) -> Vec<Effect> {
    let call = DetailCall::CaseTransfers {
        user: user.to_string(),
        page,
    };
    let (t, e) = ask(state, id, call);
    if let Some(c) = case_of(state, id) {
        if page == 0 {
            c.transfer_pages.clear();
        }
        c.transfer_page = page;
        c.transfers = Load::Loading(t);
    }
    vec![e]
}

fn journal(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some((customer_id, external_id)) = customer_of(state, id) else {
        return Vec::new();
    };
    let Some(case) = case_of(state, id) else {
        return Vec::new();
    };
    let ids = case.journal_ids(&customer_id, &external_id);
    let old = case.journal.ticket();
    let mut effects: Vec<Effect> = old.map(|t| state.cancel(t)).into_iter().collect();
    let (t, e) = ask(state, id, DetailCall::Journal { ids });
    effects.push(e);
    if let Some(c) = case_of(state, id) {
        c.journal = Load::Loading(t);
    }
    effects
}

/// Which part of an account of the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Card,
    Updater,
    Promotions,
    History,
    Billing,
}

fn slot_ticket(a: &CaseAccount, part: Part) -> Option<super::ids::Ticket> {
    match part {
        Part::Card => a.card.ticket(),
        Part::Updater => a.card_update.ticket(),
        Part::Promotions => a.promotions.ticket(),
        Part::History => a.history.ticket(),
        Part::Billing => a.billing.ticket(),
    }
}

/// Asks for one part of the account `account_id` of the case (the same part's request under
/// way is replaced).
fn account_part(state: &mut State, id: ViewId, account_id: &str, part: Part) -> Vec<Effect> {
    let Some(a) = case_of(state, id).and_then(|c| c.account(account_id)) else {
        return Vec::new();
    };
    let call = match part {
        Part::Card => match &a.account.payment_method {
            PaymentMethod::CreditCard { token_id } => DetailCall::CardToken(token_id.clone()),
            _ => return Vec::new(),
        },
        Part::Updater => match &a.card {
            Load::Ready(card) => DetailCall::CardUpdater {
                token: card.token.clone(),
                expiry_mmyy: card.mmyy(),
            },
            _ => return Vec::new(),
        },
        Part::Promotions => DetailCall::Promotions {
            account_id: account_id.to_string(),
            filter: PromotionFilter::Active,
        },
        Part::History => DetailCall::PromotionHistory {
            account_id: account_id.to_string(),
        },
        Part::Billing => DetailCall::BillingAddresses {
            account_id: account_id.to_string(),
            from: None,
            to: None,
        },
    };
    let old = slot_ticket(a, part);
    let mut effects: Vec<Effect> = old.map(|t| state.cancel(t)).into_iter().collect();
    let (t, e) = ask(state, id, for_account(account_id, call));
    effects.push(e);
    if let Some(a) = case_of(state, id).and_then(|c| c.account_mut(account_id)) {
        match part {
            Part::Card => a.card = Load::Loading(t),
            Part::Updater => a.card_update = Load::Loading(t),
            Part::Promotions => a.promotions = Load::Loading(t),
            Part::History => a.history = Load::Loading(t),
            Part::Billing => a.billing = Load::Loading(t),
        }
    }
    effects
}

const ACCOUNT_PARTS: [Part; 4] = [Part::Card, Part::Promotions, Part::History, Part::Billing];

/// Reads the active promotions (and their history, for the Timeline) of one account of
/// the case again, and the journal: after a write on it.
pub fn refresh_promotions(state: &mut State, id: ViewId, account_id: &str) -> Vec<Effect> {
    let mut effects = account_part(state, id, account_id, Part::Promotions);
    effects.extend(account_part(state, id, account_id, Part::History));
    effects.extend(journal(state, id));
    effects
}

/// Reads one account of the case again (its payment method changed): the accounts, and so
/// everything after them.
pub fn refresh_accounts(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some(case) = case_of(state, id) else {
        return Vec::new();
    };
    let mut stale = case.tickets();
    stale.retain(|t| Some(*t) != case.transfers.ticket());
    case.accounts = Load::Idle;
    case.journal = Load::Idle;
    let mut effects: Vec<Effect> = stale.into_iter().map(|t| state.cancel(t)).collect();
    effects.extend(start(state, id));
    effects
}

/// Asks again for every section of the case that failed (`r` on a case with errors).
pub fn retry_failed(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some((_, external_id)) = customer_of(state, id) else {
        return Vec::new();
    };
    let Some(case) = case_of(state, id) else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    if matches!(case.accounts, Load::Failed(_)) {
        case.accounts = Load::Idle;
    }
    let transfers_failed = matches!(case.transfers, Load::Failed(_));
    let journal_failed = matches!(case.journal, Load::Failed(_));
    let mut parts: Vec<(String, Part)> = Vec::new();
    if let Load::Ready(list) = &case.accounts {
        for a in list {
            let failed = [
                (Part::Card, matches!(a.card, Load::Failed(_))),
                (Part::Updater, matches!(a.card_update, Load::Failed(_))),
                (Part::Promotions, matches!(a.promotions, Load::Failed(_))),
                (Part::History, matches!(a.history, Load::Failed(_))),
                (Part::Billing, matches!(a.billing, Load::Failed(_))),
            ];
            for (part, f) in failed {
                if f {
                    parts.push((a.account.id.clone(), part));
                }
            }
        }
    }
    effects.extend(start(state, id));
    if transfers_failed {
        effects.extend(transfers_page(state, id, &external_id, 0));
    }
    if journal_failed {
        effects.extend(journal(state, id));
    }
    for (account_id, part) in parts {
        effects.extend(account_part(state, id, &account_id, part));
    }
    effects
}

/// Whether some section of the case failed (then `r` retries those).
pub fn has_failures(case: &Case) -> bool {
    matches!(case.accounts, Load::Failed(_))
        || matches!(case.transfers, Load::Failed(_))
        || matches!(case.journal, Load::Failed(_))
        || case.accounts.ready().is_some_and(|list| {
            list.iter().any(|a| {
                matches!(a.card, Load::Failed(_))
                    || matches!(a.card_update, Load::Failed(_))
                    || matches!(a.promotions, Load::Failed(_))
                    || matches!(a.history, Load::Failed(_))
                    || matches!(a.billing, Load::Failed(_))
            })
        })
}

/// Forgets the whole case (a refresh reads it again from the start).
pub fn reset(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some(case) = case_of(state, id) else {
        return Vec::new();
    };
    let stale = case.tickets();
    let cursor = case.cursor;
    *case = Case {
        cursor,
        ..Case::default()
    };
    stale.into_iter().map(|t| state.cancel(t)).collect()
}

/// An answer for the case of the detail `id`.
pub fn answer(state: &mut State, id: ViewId, answer: DetailAnswer) -> Vec<Effect> {
    let today = state.today;
    let Some((_, external_id)) = customer_of(state, id) else {
        return Vec::new();
    };
    let Some(case) = case_of(state, id) else {
        return Vec::new();
    };
    match answer {
        DetailAnswer::CaseAccounts(r) => {
            case.accounts
                .settle(r.map(|list| list.into_iter().map(CaseAccount::new).collect::<Vec<_>>()));
            let ids: Vec<String> = case
                .accounts
                .ready()
                .map(|l| l.iter().map(|a| a.account.id.clone()).collect())
                .unwrap_or_default();
            let mut effects = Vec::new();
            for account_id in ids {
                for part in ACCOUNT_PARTS {
                    effects.extend(account_part(state, id, &account_id, part));
                }
            }
            effects.extend(journal(state, id));
            effects
        }
        DetailAnswer::CaseTransfers(r) => {
            let page = match r {
                Ok(page) => page,
                // S-money knows no user with her external id: she has no transfers.
                Err(e) if e.kind == ErrorKind::NotFound => {
                    case.transfers = Load::Ready(CaseTransfers {
                        no_user: true,
                        complete: true,
                        items: Vec::new(),
                    });
                    return Vec::new();
                }
                Err(e) => {
                    case.transfers = Load::Failed(e);
                    return Vec::new();
                }
            };
            let full = page.len() >= TRANSFER_PAGE as usize;
            let since = year_before(today);
            let reaches_back = page
                .last()
                .is_some_and(|t| t.operation_date.date_naive() < since);
            case.transfer_pages.extend(page);
            let next = case.transfer_page + 1;
            if full && !reaches_back && next < TRANSFER_PAGES {
                return transfers_page(state, id, &external_id, next);
            }
            let items = std::mem::take(&mut case.transfer_pages);
            case.transfers = Load::Ready(CaseTransfers {
                complete: !full || reaches_back,
                no_user: false,
                items,
            });
            Vec::new()
        }
        DetailAnswer::Journal(r) => {
            case.journal.settle(r);
            Vec::new()
        }
        DetailAnswer::ForAccount { account_id, answer } => {
            let Some(a) = case.account_mut(&account_id) else {
                return Vec::new();
            };
            match *answer {
                DetailAnswer::CardToken(r) => {
                    let expired = r.as_ref().is_ok_and(|c| c.is_expired_on(today));
                    a.card.settle(r);
                    if expired {
                        return account_part(state, id, &account_id, Part::Updater);
                    }
                }
                DetailAnswer::CardUpdate(r) => a.card_update.settle(r),
                DetailAnswer::Promotions(r) => a.promotions.settle(r),
                DetailAnswer::PromotionHistory(r) => a.history.settle(r),
                DetailAnswer::BillingAddresses(r) => a.billing.settle(r),
                _ => {}
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}
