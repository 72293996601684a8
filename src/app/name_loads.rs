//! Asking for what a list fills in after its page: the names of the distinct customer ids
//! of its customer columns, and the holdings of those of its holdings columns, once each
//! (bounded per page), never holding the page up.

use super::effect::{Effect, Query, ViewId};
use super::names::Holdings;
use super::state::State;
use crate::domain::ApiError;
use std::collections::BTreeSet;

/// Customers asked for at most per page answer.
pub const NAMES_PER_PAGE: usize = 25;
/// Customers whose holdings are asked for at most per page answer, in row order (the rows
/// in view first): a page of the default size.
pub const HOLDINGS_PER_PAGE: usize = 50;

/// Asks for what a list's new page lacks: the names and holdings of the distinct customer
/// ids of its customer and holdings columns that were never asked for.
pub fn ask_for_page(state: &mut State, view: ViewId) -> Vec<Effect> {
    let names: BTreeSet<String> = ids_of(state, view, |c| c.customer).into_iter().collect();
    let holdings = ids_of(state, view, |c| c.holdings);
    let mut effects = Vec::new();
    for id in names
        .into_iter()
        .filter(|id| !state.customer_names.asked(id))
        .take(NAMES_PER_PAGE)
        .collect::<Vec<_>>()
    {
        state.customer_names.ask(&id);
        effects.push(state.request(Query::CustomerName(id)).1);
    }
    for id in holdings
        .into_iter()
        .filter(|id| !state.customer_names.asked_holdings(id))
        .take(HOLDINGS_PER_PAGE)
        .collect::<Vec<_>>()
    {
        state.customer_names.ask_holdings(&id);
        effects.push(state.request(Query::CustomerHoldings(id)).1);
    }
    effects
}

/// The distinct, non-empty cells of a list's rows in the columns `pick` chooses, in row
/// order.
fn ids_of(
    state: &mut State,
    view: ViewId,
    pick: fn(&super::resources::ColumnInfo) -> bool,
) -> Vec<String> {
    let Some(list) = state.list_by_id(view) else {
        return Vec::new();
    };
    let columns: Vec<usize> = list
        .resource
        .columns()
        .iter()
        .enumerate()
        .filter(|(_, c)| pick(c))
        .map(|(i, _)| i)
        .collect();
    let time = crate::domain::time::TimeShown::Utc;
    let mut seen = BTreeSet::new();
    let mut ids = Vec::new();
    for row in &list.rows {
        for &c in &columns {
            let id = row.cell(c, time);
            if !id.is_empty() && seen.insert(id.clone()) {
                ids.push(id);
            }
        }
    }
    ids
}

/// A customer's holdings: kept for every list; a failure shows as `?`.
pub fn answer_holdings(state: &mut State, id: String, result: Result<Holdings, ApiError>) {
    state
        .customer_names
        .learn_holdings(id, result.map_err(|_| ()));
    state.dirty = true;
}

/// A name's answer: kept for every list; a failure leaves the id shown.
pub fn answer(state: &mut State, id: String, result: Result<String, ApiError>) {
    if let Ok(name) = result {
        state.customer_names.learn(id, name);
        state.dirty = true;
    }
}
