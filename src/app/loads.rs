//! Asking for what a view shows: a list's page (a newer request cancels the older one), a
//! detail's subject and sections, and opening a view where `Go` points. Every request is
//! recorded in the ledger with the view it is for.

use super::detail::{Detail, Load, Section, Subject};
use super::effect::{DetailCall, Effect, Query, SubjectRef, ViewId};
use super::nav::{Go, View};
use super::state::State;
use crate::domain::customer::PaymentMethod;

/// Asks for the list's current page (or its last one), cancelling the request under way.
pub fn load_list(state: &mut State, id: ViewId, last: bool) -> Vec<Effect> {
    let Some(list) = state.list_by_id(id) else {
        return Vec::new();
    };
    let old = list.loading;
    let query = list.query(last);
    let mut effects = Vec::new();
    if let Some(t) = old {
        effects.push(state.cancel(t));
    }
    let (ticket, effect) = state.request(query);
    effects.push(effect);
    if let Some(list) = state.list_by_id(id) {
        list.loading = Some(ticket);
    }
    effects
}

/// Loads the focused list's first page if it was never loaded.
pub fn load_if_untouched(state: &mut State) -> Vec<Effect> {
    let untouched = match state.view() {
        Some(View::List(l)) => l.untouched().then_some(l.id),
        _ => None,
    };
    match untouched {
        Some(id) => load_list(state, id, false),
        None => Vec::new(),
    }
}

/// Opens the view `go` names on the focused tab and starts what it needs.
pub fn open(state: &mut State, go: Go) -> Vec<Effect> {
    match go {
        Go::Detail(subject) => {
            let id = state.view_id();
            let detail = Detail::new(id, *subject);
            state.nav_mut().views.push(View::Detail(Box::new(detail)));
            state.dirty = true;
            start_detail(state, id)
        }
        Go::Prepared(mut detail) => {
            let id = state.view_id();
            detail.id = id;
            state.nav_mut().views.push(View::Detail(detail));
            state.dirty = true;
            start_detail(state, id)
        }
        Go::Pending(kind, subject_id) => {
            let id = state.view_id();
            let detail = Detail::new(
                id,
                Subject::Pending {
                    kind,
                    id: subject_id.clone(),
                },
            );
            state.nav_mut().views.push(View::Detail(Box::new(detail)));
            state.dirty = true;
            load_subject(state, id, SubjectRef::of(kind, subject_id))
        }
        Go::List(mut pane) => {
            pane.id = state.view_id();
            let id = pane.id;
            state.nav_mut().views.push(View::List(*pane));
            state.dirty = true;
            load_list(state, id, false)
        }
    }
}

/// Asks for a detail's subject again (drill-down placeholders, refresh).
fn load_subject(state: &mut State, id: ViewId, subject: SubjectRef) -> Vec<Effect> {
    let (ticket, effect) = state.request(Query::Detail {
        view: id,
        call: DetailCall::Subject(subject),
    });
    if let Some(d) = state.detail_by_id(id) {
        d.pending = Some(ticket);
    }
    vec![effect]
}

/// What a detail loads as soon as its subject is known: a customer's case (every section),
/// the card behind a CREDIT_CARD account (Lyra), the wallet of a stay (pxlhub).
pub fn start_detail(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some(d) = state.detail_by_id(id) else {
        return Vec::new();
    };
    if matches!(d.subject, Subject::Customer(_)) {
        return super::case_loads::start(state, id);
    }
    let mut effects = Vec::new();
    match (&d.subject, &d.card, &d.stay_wallet) {
        (Subject::Account(a), card, _) => {
            // The promotions show with the account, without a key press.
            let promotions = matches!(d.promotions, Load::Idle);
            if promotions {
                d.section = Section::Promotions;
            }
            let card = match (&a.payment_method, card) {
                (PaymentMethod::CreditCard { token_id }, Load::Idle) => Some(token_id.clone()),
                _ => None,
            };
            if let Some(token) = card {
                let call = DetailCall::CardToken(token);
                let (ticket, effect) = state.request(Query::Detail { view: id, call });
                effects.push(effect);
                if let Some(d) = state.detail_by_id(id) {
                    d.card = Load::Loading(ticket);
                }
            }
            if promotions {
                effects.extend(load_sub(state, id, Sub::Promotions));
            }
        }
        (Subject::Stay(s), _, Load::Idle) => {
            let call = DetailCall::StayWallet(s.id.clone());
            let (ticket, effect) = state.request(Query::Detail { view: id, call });
            effects.push(effect);
            if let Some(d) = state.detail_by_id(id) {
                d.stay_wallet = Load::Loading(ticket);
            }
        }
        _ => {}
    }
    effects
}

/// Which section of an account detail to ask for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Sub {
    Promotions,
    History,
    Billing,
    CardUpdate,
}

/// Asks for one section of the account detail `id`, cancelling the same section's request
/// under way.
pub fn load_sub(state: &mut State, id: ViewId, sub: Sub) -> Vec<Effect> {
    let Some(d) = state.detail_by_id(id) else {
        return Vec::new();
    };
    let Subject::Account(account) = &d.subject else {
        return Vec::new();
    };
    let account_id = account.id.clone();
    let call = match sub {
        Sub::Promotions => DetailCall::Promotions {
            account_id,
            filter: d.promotion_filter.clone(),
        },
        Sub::History => DetailCall::PromotionHistory { account_id },
        Sub::Billing => DetailCall::BillingAddresses {
            account_id,
            from: d.billing_range.0,
            to: d.billing_range.1,
        },
        Sub::CardUpdate => match &d.card {
            Load::Ready(card) => DetailCall::CardUpdater {
                token: card.token.clone(),
                expiry_mmyy: card.mmyy(),
            },
            _ => return Vec::new(),
        },
    };
    let old = match sub {
        Sub::Promotions => d.promotions.ticket(),
        Sub::History => d.history.ticket(),
        Sub::Billing => d.billing.ticket(),
        Sub::CardUpdate => d.card_update.ticket(),
    };
    let mut effects = Vec::new();
    if let Some(t) = old {
        effects.push(state.cancel(t));
    }
    let (ticket, effect) = state.request(Query::Detail { view: id, call });
    effects.push(effect);
    if let Some(d) = state.detail_by_id(id) {
        match sub {
            Sub::Promotions => d.promotions = Load::Loading(ticket),
            Sub::History => d.history = Load::Loading(ticket),
            Sub::Billing => d.billing = Load::Loading(ticket),
            Sub::CardUpdate => d.card_update = Load::Loading(ticket),
        }
    }
    effects
}

/// Reads the detail `id` again (after a write changed it, or `r`): its subject, then what
/// it loads.
pub fn refresh_detail(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some(d) = state.detail_by_id(id) else {
        return Vec::new();
    };
    let subject = d.subject.reference();
    // The subject's answer asks for the card and the stay's wallet again, so those
    // requests under way are stale.
    let stale = [d.pending.take(), d.card.ticket(), d.stay_wallet.ticket()];
    d.error = None;
    d.card = Load::Idle;
    d.stay_wallet = Load::Idle;
    let mut effects: Vec<Effect> = stale
        .into_iter()
        .flatten()
        .map(|t| state.cancel(t))
        .collect();
    effects.extend(super::case_loads::reset(state, id));
    effects.extend(load_subject(state, id, subject));
    effects
}
