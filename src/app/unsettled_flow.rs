//! The start-up notice of unfinished writes: while it is up it takes the keys (read the
//! chosen write's target again, move, dismiss); a re-read's answer is judged against the
//! write and the journal is told `resolved: applied | not applied` on that write — or, when
//! what was read does not decide, nothing is journaled and the notice says to check by hand.

use super::effect::{Effect, Query, Ticket};
use super::key::Key;
use super::keymap::{Action, Scope};
use super::msg::ReadBack;
use super::state::State;
use super::unsettled::{Check, Verdict};
use crate::domain::ApiError;

/// A key while the notice is up: `None` when there is no notice (the key goes on).
pub fn key(state: &mut State, key: Key) -> Option<Vec<Effect>> {
    let action = state.keymap.action(Scope::List, key);
    let notice = state.unsettled.as_mut()?;
    state.dirty = true;
    let n = notice.writes.len();
    match action {
        Some(Action::SelectDown) if notice.selected + 1 < n => notice.selected += 1,
        Some(Action::SelectUp) => notice.selected = notice.selected.saturating_sub(1),
        Some(Action::Back | Action::Quit) => state.unsettled = None,
        Some(Action::Refresh | Action::Open) => return Some(recheck(state)),
        _ => {}
    }
    Some(Vec::new())
}

/// Reads the chosen write's target again (once at a time, not once settled).
fn recheck(state: &mut State) -> Vec<Effect> {
    let Some(notice) = state.unsettled.as_mut() else {
        return Vec::new();
    };
    let Some((write, check)) = notice.writes.get_mut(notice.selected) else {
        return Vec::new();
    };
    if matches!(check, Check::Reading(_) | Check::Settled { .. }) {
        return Vec::new();
    }
    let Some(target) = write.target() else {
        *check = Check::Failed(format!(
            "this console cannot read a {} back: check it at {}",
            write.action, write.provider
        ));
        return Vec::new();
    };
    let query = Query::Recheck {
        write: write.write.clone(),
        target,
    };
    let (ticket, effect) = state.request(query);
    if let Some((_, check)) = state
        .unsettled
        .as_mut()
        .and_then(|n| n.writes.get_mut(n.selected))
    {
        *check = Check::Reading(ticket);
    }
    vec![effect]
}

/// What the re-read of `write` found: settled (and journaled) or failed.
pub fn answer(
    state: &mut State,
    ticket: Ticket,
    write: &str,
    result: Result<ReadBack, ApiError>,
    digest: Option<&str>,
) -> Vec<Effect> {
    let Some((w, check)) = state
        .unsettled
        .as_mut()
        .and_then(|n| n.writes.iter_mut().find(|(w, _)| w.write == write))
    else {
        return Vec::new();
    };
    if *check != Check::Reading(ticket) {
        return Vec::new();
    }
    match result.map(|back| w.judge(&back, digest)) {
        // Not decided: nothing goes to the journal, the notice says to check by hand.
        Ok(Some((Verdict::NotKnown, message))) => {
            *check = Check::Failed(message);
            Vec::new()
        }
        Ok(Some((verdict, message))) => {
            let applied = verdict == Verdict::Applied;
            *check = Check::Settled { applied, message };
            let record = Query::AuditSettle {
                provider: w.provider,
                write: w.write.clone(),
                applied,
            };
            vec![state.request(record).1]
        }
        Ok(None) => {
            *check = Check::Failed("the answer says nothing about this write".into());
            Vec::new()
        }
        Err(e) => {
            *check = Check::Failed(format!("could not read it again: {}", e.headline()));
            Vec::new()
        }
    }
}
