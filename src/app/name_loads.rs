//! Asking for the names a list fills in after its page: the distinct customer ids of its
//! customer columns, once each (bounded per page), never holding the page up.

use super::effect::{Effect, Query, ViewId};
use super::state::State;
use crate::domain::ApiError;
use std::collections::BTreeSet;

/// Customers asked for at most per page answer.
pub const NAMES_PER_PAGE: usize = 25;

/// Asks for the names a list's new page lacks: the distinct customer ids of its
/// customer columns that were never asked for.
pub fn ask_for_page(state: &mut State, view: ViewId) -> Vec<Effect> {
    let Some(list) = state.list_by_id(view) else {
        return Vec::new();
    };
    let columns: Vec<usize> = list
        .resource
        .columns()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.customer)
        .map(|(i, _)| i)
        .collect();
    if columns.is_empty() {
        return Vec::new();
    }
    let time = crate::domain::time::TimeShown::Utc;
    let mut ids = BTreeSet::new();
    for row in &list.rows {
        for &c in &columns {
            ids.insert(row.cell(c, time));
        }
    }
    let wanted: Vec<String> = ids
        .into_iter()
        .filter(|id| !id.is_empty() && !state.customer_names.asked(id))
        .take(NAMES_PER_PAGE)
        .collect();
    let mut effects = Vec::new();
    for id in wanted {
        state.customer_names.ask(&id);
        effects.push(state.request(Query::CustomerName(id)).1);
    }
    effects
}

/// A name's answer: kept for every list; a failure leaves the id shown.
pub fn answer(state: &mut State, id: String, result: Result<String, ApiError>) {
    if let Ok(name) = result {
        state.customer_names.learn(id, name);
        state.dirty = true;
    }
}
