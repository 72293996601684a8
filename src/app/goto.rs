//! `:` go-to: what an id can be, decided by its shape, and the order the providers are asked
//! in. Each probe is one read; "not found" moves to the next, anything else stops.

use super::effect::{Effect, Probe, Query, SubjectRef};
use super::loads::load_if_untouched;
use super::nav::{Go, GoTo, Step, View};
use super::resources::{Accounts, Customers, Res, Stays, Transfers, Wallets, is_uuid};
use super::state::{State, Tab, ToastLevel};
use super::subject::{PendingKind, Subject};
use crate::domain::ApiError;

/// The pane a subject opened by go-to belongs on.
pub fn home(subject: &Subject) -> Res {
    match subject {
        Subject::Customer(_) => Res::of::<Customers>(),
        Subject::Account(_) => Res::of::<Accounts>(),
        Subject::Wallet(_)
        | Subject::Pending {
            kind: PendingKind::Wallet,
            ..
        } => Res::of::<Wallets>(),
        Subject::Stay(_)
        | Subject::Pending {
            kind: PendingKind::Stay,
            ..
        } => Res::of::<Stays>(),
        Subject::Transfer { .. } => Res::of::<Transfers>(),
    }
}

/// The S-money user on the Transfers pane: a typed one, else the pane's own.
pub fn transfers_user(state: &State) -> Option<String> {
    match state.navs[Tab::of(Res::of::<Transfers>()).index()]
        .views
        .first()
    {
        Some(View::List(p)) if !p.applied.is_empty() => Some(p.applied.clone()),
        Some(View::List(p)) => p.owner.as_ref().map(|o| o.id.clone()),
        _ => None,
    }
}

/// Opens what a look-up found: where it is already open (never stacked twice), or else on
/// its own pane.
pub fn found(state: &mut State, subject: Subject) -> Step {
    if let Some(effects) = super::memory::focus_open(state, &subject.reference()) {
        return effects.into();
    }
    state.tab = Tab::of(home(&subject));
    let mut step = Step::go(Go::Detail(Box::new(subject)));
    step.effects = load_if_untouched(state);
    step
}

/// Starts looking up `text` (the previous look-up, if any, is dropped).
pub fn start(state: &mut State, text: &str) -> Vec<Effect> {
    let transfers_user = transfers_user(state);
    let mut effects = Vec::new();
    if let Some(old) = state.goto.take() {
        effects.push(state.cancel(old.ticket));
    }
    match plan(text, transfers_user.as_deref()) {
        Ok((probes, nothing)) => effects.extend(next(state, probes, nothing)),
        Err(message) => effects.extend(state.toast(ToastLevel::Warning, message)),
    }
    effects
}

/// Sends the first of `probes`; with none left, says nothing was found.
fn next(state: &mut State, mut probes: Vec<Probe>, nothing: String) -> Vec<Effect> {
    if probes.is_empty() {
        return state.toast(ToastLevel::Warning, nothing);
    }
    let probe = probes.remove(0);
    let (ticket, effect) = state.request(Query::Probe(probe));
    state.goto = Some(GoTo {
        ticket,
        remaining: probes,
        nothing,
    });
    vec![effect]
}

/// A probe's answer: open what it found on its own pane, try the next kind, or say why not.
pub fn answer(state: &mut State, result: Result<Option<Subject>, ApiError>) -> Step {
    let Some(goto) = state.goto.take() else {
        return Step::default();
    };
    match result {
        Ok(Some(subject)) => found(state, subject),
        Ok(None) => next(state, goto.remaining, goto.nothing).into(),
        Err(e) => state.toast(ToastLevel::Error, e.headline()).into(),
    }
}

/// The probes for `text`, in order, and what to say if none finds anything; `Err` when
/// the text cannot be an id (the message says why). `transfers_user` is the S-money user on
/// screen, needed to find a moneyout.
pub fn plan(text: &str, transfers_user: Option<&str>) -> Result<(Vec<Probe>, String), String> {
    let text = text.trim();
    if !text.is_empty() && text.chars().all(|ch| ch.is_ascii_digit()) {
        let Ok(id) = text.parse::<i64>() else {
            return Err(format!("{text} is too large for a transfer id"));
        };
        let Some(user) = transfers_user else {
            return Err(format!(
                "{text} looks like a transfer id, but S-money needs its user: open the Transfers pane (4) first"
            ));
        };
        return Ok((
            vec![Probe::Get(SubjectRef::Transfer {
                user: user.to_string(),
                id,
            })],
            format!("no transfer {id} for S-money user {user}"),
        ));
    }
    if text.len() > 2 && text.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("C-")) {
        return Ok((
            vec![Probe::ExternalId(text.to_string())],
            format!("no customer has external id {text}"),
        ));
    }
    let lower = text.to_ascii_lowercase();
    if is_uuid(&lower) {
        let id = lower;
        return Ok((
            vec![
                Probe::Get(SubjectRef::Customer(id.clone())),
                Probe::Get(SubjectRef::Account(id.clone())),
                Probe::Get(SubjectRef::Wallet(id.clone())),
                Probe::Get(SubjectRef::Stay(id.clone())),
            ],
            format!("no customer, account, wallet or stay has id {id}"),
        ));
    }
    Err(format!(
        "“{text}” is not an id guichet knows: a uuid, an external id (C-…) or a transfer number"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_probed_in_order() {
        let id = "3F2A0000-0000-4000-8000-000000000001";
        let (probes, _) = plan(id, None).unwrap();
        let lower = id.to_ascii_lowercase();
        assert_eq!(
            probes,
            vec![
                Probe::Get(SubjectRef::Customer(lower.clone())),
                Probe::Get(SubjectRef::Account(lower.clone())),
                Probe::Get(SubjectRef::Wallet(lower.clone())),
                Probe::Get(SubjectRef::Stay(lower)),
            ]
        );
        assert!(plan("42", None).unwrap_err().contains("needs its user"));
        assert_eq!(
            plan("42", Some("C-000001")).unwrap().0,
            vec![Probe::Get(SubjectRef::Transfer {
                user: "C-000001".into(),
                id: 42
            })]
        );
        assert_eq!(
            plan("c-000042", None).unwrap().0,
            vec![Probe::ExternalId("c-000042".into())]
        );
        assert!(plan("hello", None).is_err());
        assert!(plan("99999999999999999999", Some("u")).is_err());
    }
}
