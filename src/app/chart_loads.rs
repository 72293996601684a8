//! Opening a chart and reading what it needs: every page in the background, at most
//! `WINDOW` requests in flight, each page folded into the aggregates as it arrives (so the
//! chart draws partial data), a 429 asked again after its `Retry-After`, the finished
//! aggregates kept in `State::charts` until `r` or a write that touches them.

use super::chart::{ChartData, ChartKey, ChartView};
use super::effect::{Effect, Query, Ticket, ViewId};
use super::msg::Msg;
use super::nav::View;
use super::state::{State, ToastLevel};
use crate::domain::{ApiError, ErrorKind};

/// Requests in flight at most for one chart.
pub const WINDOW: usize = 3;
/// Rows asked for per page (the providers' largest page).
pub const CHART_PAGE: u32 = 200;
/// Pages read at most (200,000 rows): a provider that never ends its list stops here.
pub const MAX_PAGES: u32 = 1_000;
/// 429s taken per reading before it gives up and shows the error.
pub const MAX_RATE_RETRIES: u32 = 5;

pub use super::chart::{ChartAnswer, ChartCall};

fn chart_by_id(state: &mut State, id: ViewId) -> Option<&mut ChartView> {
    match state.view_by_id(id)? {
        View::Chart(c) => Some(c),
        _ => None,
    }
}

/// Opens the chart of `key` on the focused pane: from the cache at once, or read anew.
pub fn open(state: &mut State, key: ChartKey) -> Vec<Effect> {
    let id = state.view_id();
    let mut view = ChartView::new(id, key.clone(), state.today);
    let cached = state.charts.get(&key).cloned();
    let hit = cached.is_some();
    if let Some(data) = cached {
        view.data = data;
        view.complete = true;
        view.cached = true;
    }
    state.nav_mut().views.push(View::Chart(Box::new(view)));
    state.dirty = true;
    if hit { Vec::new() } else { start(state, id) }
}

/// Starts reading the chart `id` from its first page, forgetting what it had.
pub fn start(state: &mut State, id: ViewId) -> Vec<Effect> {
    let today = state.today;
    let Some(chart) = chart_by_id(state, id) else {
        return Vec::new();
    };
    let stale = chart.tickets();
    chart.data = ChartData::empty(&chart.key, today);
    chart.paging = Default::default();
    chart.complete = false;
    chart.cached = false;
    chart.error = None;
    chart.truncated = false;
    chart.rate_retries = 0;
    if matches!(chart.key, ChartKey::Promotions(_)) {
        // One request: the provider gives every promotion of an account at once.
        chart.paging.pages = Some(1);
    }
    let mut effects: Vec<Effect> = stale.into_iter().map(|t| state.cancel(t)).collect();
    effects.extend(fill(state, id));
    effects
}

fn call_for(key: &ChartKey, page: u32) -> ChartCall {
    match key {
        ChartKey::UserTransfers(user) => ChartCall::TransfersPage {
            user: user.clone(),
            page,
        },
        ChartKey::Wallets => ChartCall::WalletsPage { page },
        ChartKey::Promotions(account_id) => ChartCall::Promotions {
            account_id: account_id.clone(),
        },
    }
}

fn ask(state: &mut State, id: ViewId, key: &ChartKey, page: u32) -> (Ticket, Effect) {
    state.request(Query::Chart {
        view: id,
        call: call_for(key, page),
    })
}

/// Asks for pages until `WINDOW` are in flight or the end is known to be asked for.
fn fill(state: &mut State, id: ViewId) -> Vec<Effect> {
    let mut effects = Vec::new();
    while let Some(chart) = chart_by_id(state, id) {
        let p = &chart.paging;
        let end = p.pages.unwrap_or(MAX_PAGES);
        if chart.error.is_some()
            || p.waiting.is_some()
            || p.asking.len() >= WINDOW
            || p.next >= end.min(MAX_PAGES)
        {
            break;
        }
        let page = p.next;
        let key = chart.key.clone();
        let (ticket, effect) = ask(state, id, &key, page);
        if let Some(chart) = chart_by_id(state, id) {
            chart.paging.asking.insert(page, ticket);
            chart.paging.next = page + 1;
        }
        effects.push(effect);
    }
    effects.extend(finish_if_complete(state, id));
    effects
}

/// The list ends at `pages`: the pages asked for past it are cancelled.
fn end_at(state: &mut State, id: ViewId, pages: u32) -> Vec<Effect> {
    let Some(chart) = chart_by_id(state, id) else {
        return Vec::new();
    };
    let pages = chart.paging.pages.map_or(pages, |p| p.min(pages));
    chart.paging.pages = Some(pages);
    let past: Vec<u32> = chart
        .paging
        .asking
        .range(pages..)
        .map(|(p, _)| *p)
        .collect();
    let tickets: Vec<Ticket> = past
        .iter()
        .filter_map(|p| chart.paging.asking.remove(p))
        .collect();
    tickets.into_iter().map(|t| state.cancel(t)).collect()
}

fn finish_if_complete(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some(chart) = chart_by_id(state, id) else {
        return Vec::new();
    };
    if chart.complete || chart.error.is_some() {
        return Vec::new();
    }
    let capped = chart.paging.pages.is_none() && chart.paging.done.len() as u32 >= MAX_PAGES;
    if capped {
        chart.truncated = true;
        chart.paging.pages = Some(MAX_PAGES);
    }
    if !chart.paging.complete() {
        return Vec::new();
    }
    chart.complete = true;
    let (key, data) = (chart.key.clone(), chart.data.clone());
    state.charts.put(key, data);
    state.dirty = true;
    Vec::new()
}

/// A page (or the promotions) for the chart `id`.
pub fn answer(state: &mut State, id: ViewId, answer: ChartAnswer) -> Vec<Effect> {
    let page = answer.page();
    let Some(chart) = chart_by_id(state, id) else {
        return Vec::new();
    };
    chart.paging.asking.remove(&page);
    if let Some(e) = answer.error().cloned() {
        state.dirty = true;
        return failed(state, id, page, e);
    }
    let mut ends_at = None;
    match answer {
        ChartAnswer::Transfers {
            result: Ok(items), ..
        } => {
            if let ChartData::Transfers(t) = &mut chart.data {
                let since = t.since();
                t.add(&items);
                // Newest first: a short page, or one that reaches before the chart's first
                // month, is the last one needed.
                let before = items
                    .iter()
                    .map(|m| m.operation_date.date_naive())
                    .min()
                    .is_some_and(|d| d < since);
                if (items.len() as u32) < CHART_PAGE || before {
                    ends_at = Some(page + 1);
                }
            }
        }
        ChartAnswer::Wallets { result: Ok(p), .. } => {
            if let ChartData::Wallets(w) = &mut chart.data {
                w.add(&p.items);
                ends_at = match p.total {
                    Some(total) => Some(total.div_ceil(u64::from(CHART_PAGE)).max(1) as u32),
                    None if (p.items.len() as u32) < CHART_PAGE => Some(page + 1),
                    None => None,
                };
            }
        }
        ChartAnswer::Promotions(Ok(list)) => {
            chart.data = ChartData::Promotions(list);
            ends_at = Some(1);
        }
        // Errors were taken above.
        _ => {}
    }
    if let Some(chart) = chart_by_id(state, id) {
        chart.paging.done.insert(page);
    }
    state.dirty = true;
    let mut effects = match ends_at {
        Some(n) => end_at(state, id, n),
        None => Vec::new(),
    };
    effects.extend(fill(state, id));
    effects
}

fn failed(state: &mut State, id: ViewId, page: u32, e: ApiError) -> Vec<Effect> {
    let Some(chart) = chart_by_id(state, id) else {
        return Vec::new();
    };
    if e.kind == ErrorKind::RateLimited && chart.rate_retries < MAX_RATE_RETRIES {
        chart.rate_retries += 1;
        chart.paging.waiting = Some(page);
        let secs = e.retry_after_secs.unwrap_or(1).max(1);
        return vec![Effect::Schedule {
            after_ms: secs * 1000,
            msg: Box::new(Msg::ChartRetry { view: id, page }),
        }];
    }
    chart.error = Some(e);
    // The rest of the reading stops with it; `r` starts again.
    let tickets = chart.tickets();
    chart.paging.asking.clear();
    tickets.into_iter().map(|t| state.cancel(t)).collect()
}

/// The `Retry-After` of a 429 is over: page `page` of the chart `id` is asked again.
pub fn retry(state: &mut State, id: ViewId, page: u32) -> Vec<Effect> {
    let Some(chart) = chart_by_id(state, id) else {
        return Vec::new();
    };
    if chart.paging.waiting != Some(page) || chart.error.is_some() {
        return Vec::new();
    }
    chart.paging.waiting = None;
    let key = chart.key.clone();
    let (ticket, effect) = ask(state, id, &key, page);
    if let Some(chart) = chart_by_id(state, id) {
        chart.paging.asking.insert(page, ticket);
    }
    state.dirty = true;
    let mut effects = vec![effect];
    effects.extend(fill(state, id));
    effects
}

/// `r` on a chart: its cached aggregates are forgotten and it is read again.
pub fn reload(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some(chart) = chart_by_id(state, id) else {
        return Vec::new();
    };
    let key = chart.key.clone();
    state.charts.drop_key(&key);
    start(state, id)
}

/// A write the console sent (whatever its outcome: an unknown one may have applied) drops
/// the cached charts of what it touches.
pub fn forget_written(state: &mut State, request: &super::form::WriteRequest) {
    use super::form::WriteRequest;
    match request {
        WriteRequest::OpenWallet(_) => state.charts.drop_key(&ChartKey::Wallets),
        WriteRequest::CancelPromotion { account_id, .. } => state
            .charts
            .drop_key(&ChartKey::Promotions(account_id.clone())),
        WriteRequest::ChangePaymentMethod { .. } => {}
    }
}

/// `i`: the chart for what is focused, or a toast saying there is none.
pub fn open_for_focus(state: &mut State) -> Vec<Effect> {
    match key_for_focus(state) {
        Some(key) => open(state, key),
        None => state.toast(
            ToastLevel::Info,
            "No chart here: i charts a user's transfers (Transfers, a transfer, a customer), \
             the wallets (Wallets) or an account's promotions (an account)",
        ),
    }
}

/// What `i` charts from the focused view.
pub fn key_for_focus(state: &State) -> Option<ChartKey> {
    use super::detail::Subject;
    use super::resources::{Res, Transfers, Wallets};
    match state.view()? {
        View::List(l) if l.resource == Res::of::<Transfers>() => {
            let user = if l.applied.trim().is_empty() {
                l.owner.as_ref()?.id.clone()
            } else {
                l.applied.trim().to_string()
            };
            Some(ChartKey::UserTransfers(user))
        }
        View::List(l) if l.resource == Res::of::<Wallets>() => Some(ChartKey::Wallets),
        View::List(_) | View::Chart(_) => None,
        View::Detail(d) => match &d.subject {
            Subject::Transfer { user, .. } if !user.is_empty() => {
                Some(ChartKey::UserTransfers(user.clone()))
            }
            Subject::Customer(c) => Some(ChartKey::UserTransfers(c.external_id.clone())),
            Subject::Account(a) => Some(ChartKey::Promotions(a.id.clone())),
            _ => None,
        },
    }
}

/// Keys on a focused chart: the cursor and `r`. `true` when the action was the chart's.
pub fn action(state: &mut State, action: super::keymap::Action) -> Option<Vec<Effect>> {
    use super::keymap::Action;
    let id = state.focused_id()?;
    let chart = chart_by_id(state, id)?;
    let last = chart.items().saturating_sub(1);
    match action {
        Action::Refresh => return Some(reload(state, id)),
        Action::SelectUp => chart.cursor = chart.cursor.saturating_sub(1),
        Action::SelectDown => chart.cursor = (chart.cursor + 1).min(last),
        Action::SelectTop => chart.cursor = 0,
        Action::SelectBottom => chart.cursor = last,
        _ => return None,
    }
    state.dirty = true;
    Some(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::WriteRequest;
    use chrono::NaiveDate;

    fn state() -> State {
        State::for_tests(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
    }

    #[test]
    fn a_write_drops_only_the_charts_it_touches() {
        let mut s = state();
        let today = s.today;
        for key in [
            ChartKey::Wallets,
            ChartKey::Promotions("a1".into()),
            ChartKey::Promotions("a2".into()),
            ChartKey::UserTransfers("C-000001".into()),
        ] {
            let data = ChartData::empty(&key, today);
            s.charts.put(key, data);
        }
        forget_written(
            &mut s,
            &WriteRequest::CancelPromotion {
                account_id: "a1".into(),
                promotion_id: "p".into(),
                cancellation_date: today,
            },
        );
        assert!(s.charts.get(&ChartKey::Promotions("a1".into())).is_none());
        assert!(s.charts.get(&ChartKey::Promotions("a2".into())).is_some());
        assert_eq!(s.charts.len(), 3);
        let open = crate::domain::requests::OpenWallet {
            stay_id: "s".into(),
            establishment_id: "e".into(),
            mode: crate::domain::cashless::WalletMode::Prepaid,
            currency: crate::domain::money::Currency::EUR,
            credit_limit: None,
            medium_ref: None,
            correlation_id: "c".into(),
        };
        forget_written(&mut s, &WriteRequest::OpenWallet(open));
        assert!(s.charts.get(&ChartKey::Wallets).is_none());
        assert!(
            s.charts
                .get(&ChartKey::UserTransfers("C-000001".into()))
                .is_some()
        );
    }

    #[test]
    fn the_chart_of_what_is_focused() {
        let mut s = state();
        assert_eq!(key_for_focus(&s), None, "the customers list");
        s.tab = crate::app::state::Tab::WALLETS;
        assert_eq!(key_for_focus(&s), Some(ChartKey::Wallets));
        s.tab = crate::app::state::Tab::TRANSFERS;
        assert_eq!(key_for_focus(&s), None, "no user known yet");
        if let Some(l) = s.list_mut() {
            l.applied = " C-000042 ".into();
        }
        assert_eq!(
            key_for_focus(&s),
            Some(ChartKey::UserTransfers("C-000042".into()))
        );
    }
}
