//! A customer's case under the keys: the cursor over the lines that open something (the
//! view scrolls to keep it in sight), enter opens what the line names, `r` retries the
//! sections that failed (or reads everything again when none did).

use super::case::Target;
use super::case_lines::{case_lines, cursor_line, selectable};
use super::case_loads::{has_failures, retry_failed};
use super::detail::{Detail, Section, Subject};
use super::effect::ViewId;
use super::keymap::{Action, Scope};
use super::loads::refresh_detail;
use super::nav::{Go, Step};
use super::state::State;
use crate::domain::customer::Account;

/// Whether the case takes this action (otherwise the detail's own handling does).
pub fn takes(d: &Detail, action: Action) -> bool {
    matches!(d.subject, Subject::Customer(_))
        && !d.raw
        && matches!(
            action,
            Action::SelectDown | Action::SelectUp | Action::Open | Action::Refresh
        )
}

/// A key on the case of the detail `id`.
pub fn action(state: &mut State, id: ViewId, action: Action) -> Step {
    let today = state.today;
    let time = state.time;
    let rows = usize::from(state.body_rows);
    let retry = state.keymap.hint(Scope::Detail, Action::Refresh);
    let Some(d) = state.detail_by_id(id) else {
        return Step::default();
    };
    let lines = case_lines(d, today, time, &retry);
    let count = selectable(&lines);
    match action {
        // Past the last line that opens something (or with none yet), the view scrolls on.
        Action::SelectDown if d.case.cursor + 1 >= count => {
            let above = if d.error.is_some() { 5 } else { 0 };
            let max = (lines.len() + above).saturating_sub(rows);
            if usize::from(d.scroll) < max {
                d.scroll += 1;
                state.dirty = true;
            }
            Step::default()
        }
        Action::SelectUp if d.case.cursor == 0 || count == 0 => {
            if d.scroll > 0 {
                d.scroll -= 1;
                state.dirty = true;
            }
            Step::default()
        }
        Action::SelectDown | Action::SelectUp => {
            let cursor = d.case.cursor.min(count.saturating_sub(1));
            let next = if action == Action::SelectDown {
                (cursor + 1).min(count.saturating_sub(1))
            } else {
                cursor.saturating_sub(1)
            };
            d.case.cursor = next;
            // The detail's error block sits above the lines.
            let above = if d.error.is_some() { 5 } else { 0 };
            if let Some(at) = cursor_line(&lines, next) {
                let at = at + above;
                let top = usize::from(d.scroll);
                if at < top {
                    d.scroll = u16::try_from(at).unwrap_or(u16::MAX);
                } else if rows > 0 && at >= top + rows {
                    d.scroll = u16::try_from(at + 1 - rows).unwrap_or(u16::MAX);
                }
            }
            state.dirty = true;
            Step::default()
        }
        Action::Open => {
            let target = cursor_line(&lines, d.case.cursor)
                .and_then(|i| lines.get(i))
                .and_then(|l| l.opens.clone());
            match target.and_then(|t| go(d, t)) {
                Some(go) => Step::go(go),
                None => Step::default(),
            }
        }
        Action::Refresh => {
            if has_failures(&d.case) {
                retry_failed(state, id).into()
            } else {
                refresh_detail(state, id).into()
            }
        }
        _ => Step::default(),
    }
}

/// The account the selected line names (an account, or a promotion's account), with the
/// promotion when it is one: what `c` cancels from the case.
pub fn selected(d: &Detail, state: &State) -> Option<(Account, Option<String>)> {
    let retry = state.keymap.hint(Scope::Detail, Action::Refresh);
    let lines = case_lines(d, state.today, state.time, &retry);
    let target = cursor_line(&lines, d.case.cursor)
        .and_then(|i| lines.get(i))
        .and_then(|l| l.opens.clone())?;
    match target {
        Target::Account(a) => Some((d.case.account(&a)?.account.clone(), None)),
        Target::Promotion {
            account_id,
            promotion_id,
        } => Some((
            d.case.account(&account_id)?.account.clone(),
            Some(promotion_id),
        )),
        Target::Transfer(_) => None,
    }
}

/// Where a line of the case leads.
fn go(d: &Detail, target: Target) -> Option<Go> {
    let Subject::Customer(customer) = &d.subject else {
        return None;
    };
    match target {
        Target::Account(id) => {
            let account = d.case.account(&id)?.account.clone();
            Some(Go::Detail(Box::new(Subject::Account(account))))
        }
        Target::Promotion {
            account_id,
            promotion_id,
        } => {
            let account = d.case.account(&account_id)?.account.clone();
            let mut detail = Detail::new(0, Subject::Account(account));
            detail.section = Section::Promotions;
            detail.want_promotion = Some(promotion_id);
            Some(Go::Prepared(Box::new(detail)))
        }
        Target::Transfer(id) => {
            let transfers = d.case.transfers.ready()?;
            let transfer = transfers.items.iter().find(|t| t.id == id)?.clone();
            Some(Go::Detail(Box::new(Subject::Transfer {
                user: customer.external_id.clone(),
                transfer,
            })))
        }
    }
}
