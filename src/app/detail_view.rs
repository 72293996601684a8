//! A detail view's keys and answers: scrolling, the promotions cursor, reveal, raw JSON,
//! copy, sections of an account (promotions, histories, card updater), and drill-downs
//! returned as `Go` for the shell to open.

use super::detail::{Load, Section, Subject};
use super::effect::{Effect, Query, ViewId};
use super::keymap::Action;
use super::list::ListPane;
use super::loads::{Sub, load_sub, refresh_detail, start_detail};
use super::msg::DetailAnswer;
use super::nav::{Go, PromptKind, Step};
use super::resources::{Accounts, Owner, Res, Transfers};
use super::state::{State, ToastLevel};
use crate::domain::customer::PromotionFilter;
use chrono::NaiveDate;

fn show(state: &mut State, id: ViewId, section: Section, sub: Sub) -> Vec<Effect> {
    let Some(d) = state.detail_by_id(id) else {
        return Vec::new();
    };
    if !matches!(d.subject, Subject::Account(_)) {
        return Vec::new();
    }
    d.section = section;
    d.scroll = 0;
    state.dirty = true;
    load_sub(state, id, sub)
}

/// A key action on the focused detail.
pub fn action(state: &mut State, action: Action) -> Step {
    let Some(id) = state.focused_id() else {
        return Step::default();
    };
    let today = state.today;
    let visible = usize::from(state.body_rows);
    let Some(d) = state.detail_by_id(id) else {
        return Step::default();
    };
    if super::case_view::takes(d, action) {
        return super::case_view::action(state, id, action);
    }
    let subject = d.subject.clone();
    let promotions = match (&d.section, &d.promotions) {
        (Section::Promotions, Load::Ready(list)) => Some(list.len()),
        _ => None,
    };
    match action {
        // In the promotions the cursor picks the one `c` cancels.
        Action::SelectDown if promotions.is_some() => {
            if d.promotion_cursor + 1 >= promotions.unwrap_or(0) {
                return Step::default();
            }
            d.promotion_cursor += 1;
        }
        Action::SelectUp if promotions.is_some() => {
            if d.promotion_cursor == 0 {
                return Step::default();
            }
            d.promotion_cursor -= 1;
        }
        Action::SelectDown => {
            let max = super::fields::content_lines(d, today).saturating_sub(visible);
            if usize::from(d.scroll) >= max {
                return Step::default();
            }
            d.scroll = d.scroll.saturating_add(1);
        }
        Action::SelectUp if d.scroll > 0 => d.scroll -= 1,
        Action::RawJson => {
            d.raw = !d.raw;
            if d.raw && !matches!(d.raw_body, Load::Ready(_) | Load::Loading(_)) {
                state.dirty = true;
                return load_raw(state, id).into();
            }
        }
        Action::Reveal => {
            if subject.secret_masked().is_none() {
                return state.toast(ToastLevel::Info, "nothing masked here").into();
            }
            if d.revealed {
                d.revealed = false;
            } else if state.reveal_requires_reason {
                state.open_prompt(PromptKind::RevealReason);
                return Step::default();
            } else {
                return reveal(state, id, None).into();
            }
        }
        Action::CopyId => return copy(state, subject.id()).into(),
        Action::CopyJson => {
            let (value, revealed) = (super::detail::json(d), d.revealed);
            return super::copy::copy_json(state, value, revealed).into();
        }
        Action::ShowAccounts => {
            let Subject::Customer(c) = &subject else {
                return Step::default();
            };
            let mut pane = ListPane::filtered(0, Res::of::<Accounts>(), &c.id);
            // Named in the breadcrumbs by her name.
            pane.owner = Some(Owner {
                id: c.id.clone(),
                name: Some(c.name.clone()),
            });
            return Step::go(Go::List(Box::new(pane)));
        }
        Action::ShowTransfers => {
            let Subject::Customer(c) = &subject else {
                return Step::default();
            };
            let owner = Owner {
                id: c.external_id.clone(),
                name: Some(c.name.clone()),
            };
            let pane = ListPane::owned(0, Res::of::<Transfers>(), owner);
            return Step::go(Go::List(Box::new(pane)));
        }
        Action::ShowStay => {
            let Subject::Wallet(w) = &subject else {
                return Step::default();
            };
            return Step::go(Go::Pending(
                super::detail::PendingKind::Stay,
                w.stay_id.clone(),
            ));
        }
        // Pivots: an account's or a transfer's customer (S-money's AppUserId is her
        // external id), found as `:` would find it, on the Customers pane.
        Action::OpenCustomer => {
            let id = match &subject {
                Subject::Account(a) => a.customer_id.clone(),
                Subject::Transfer { user, .. } if !user.is_empty() => user.clone(),
                _ => {
                    return state
                        .toast(ToastLevel::Info, "no customer to open from here")
                        .into();
                }
            };
            return super::goto::start(state, &id).into();
        }
        Action::StayWallet => {
            return match (&subject, &d.stay_wallet) {
                (Subject::Wallet(w), _) => Step::go(Go::Pending(
                    super::detail::PendingKind::Stay,
                    w.stay_id.clone(),
                )),
                (Subject::Stay(_), Load::Ready(Some(w))) => {
                    Step::go(Go::Detail(Box::new(Subject::Wallet(w.clone()))))
                }
                (Subject::Stay(_), Load::Ready(None)) => state
                    .toast(ToastLevel::Info, "this stay has no wallet yet")
                    .into(),
                _ => Step::default(),
            };
        }
        Action::Open => {
            // A stay opens on its wallet.
            return match &d.stay_wallet {
                Load::Ready(Some(w)) => Step::go(Go::Detail(Box::new(Subject::Wallet(w.clone())))),
                _ => Step::default(),
            };
        }
        Action::ShowPromotions => {
            return show(state, id, Section::Promotions, Sub::Promotions).into();
        }
        Action::PromotionFilter => {
            d.promotion_filter = match d.promotion_filter {
                PromotionFilter::All => PromotionFilter::Active,
                PromotionFilter::Active => PromotionFilter::Scheduled,
                _ => PromotionFilter::All,
            };
            d.promotion_cursor = 0;
            return show(state, id, Section::Promotions, Sub::Promotions).into();
        }
        Action::ShowPromotionHistory => {
            return show(state, id, Section::PromotionHistory, Sub::History).into();
        }
        Action::ShowBillingHistory => {
            if d.section == Section::BillingHistory {
                state.open_prompt(PromptKind::BillingRange);
                return Step::default();
            }
            return show(state, id, Section::BillingHistory, Sub::Billing).into();
        }
        Action::CheckCardUpdater => {
            return match &d.card {
                Load::Ready(card) if card.is_expired_on(today) => {
                    load_sub(state, id, Sub::CardUpdate).into()
                }
                Load::Ready(_) => state
                    .toast(ToastLevel::Info, "the card has not expired")
                    .into(),
                _ => state.toast(ToastLevel::Info, "no card to check").into(),
            };
        }
        Action::Refresh => {
            let raw = d.raw;
            let stale = d.raw_body.ticket();
            d.raw_body = Load::Idle;
            let mut effects: Vec<Effect> = stale.map(|t| state.cancel(t)).into_iter().collect();
            effects.extend(refresh_detail(state, id));
            if raw {
                effects.extend(load_raw(state, id));
            }
            return effects.into();
        }
        _ => return Step::default(),
    }
    state.dirty = true;
    Step::default()
}

/// Reads the subject of the detail `id` again for the raw view: the provider's own answer.
fn load_raw(state: &mut State, id: ViewId) -> Vec<Effect> {
    let Some(d) = state.detail_by_id(id) else {
        return Vec::new();
    };
    if matches!(d.subject, Subject::Pending { .. }) {
        return Vec::new();
    }
    let call = super::effect::DetailCall::Raw(d.subject.reference());
    let (ticket, effect) = state.request(Query::Detail { view: id, call });
    if let Some(d) = state.detail_by_id(id) {
        d.raw_body = Load::Loading(ticket);
    }
    vec![effect]
}

/// Shows the masked field of the detail `id` in clear, and records it: a log line and a
/// journal record (who, what, why when a reason was asked).
pub fn reveal(state: &mut State, id: ViewId, reason: Option<String>) -> Vec<Effect> {
    let Some(d) = state.detail_by_id(id) else {
        return Vec::new();
    };
    let (Some(what), Some((provider, resource))) =
        (d.subject.secret_masked(), d.subject.secret_owner())
    else {
        return Vec::new();
    };
    d.revealed = true;
    state.dirty = true;
    let line = match &reason {
        Some(r) => format!("revealed {what} (reason: {r})"),
        None => format!("revealed {what}"),
    };
    let record = Query::AuditReveal {
        provider,
        resource,
        field: "iban",
        reason,
    };
    vec![Effect::Log(line), state.request(record).1]
}

/// Puts an id on the clipboard and says so.
pub fn copy(state: &mut State, id: String) -> Vec<Effect> {
    let mut effects = state.toast(ToastLevel::Success, format!("copied {id}"));
    effects.insert(0, Effect::CopyToClipboard(id));
    effects
}

/// An answer for the detail `id`: its subject, card, updater, a section or a stay's wallet.
pub fn answer(state: &mut State, id: ViewId, answer: DetailAnswer) -> Vec<Effect> {
    if matches!(
        answer,
        DetailAnswer::CaseAccounts(_)
            | DetailAnswer::CaseTransfers(_)
            | DetailAnswer::Journal(_)
            | DetailAnswer::ForAccount { .. }
    ) {
        return super::case_loads::answer(state, id, answer);
    }
    let Some(d) = state.detail_by_id(id) else {
        return Vec::new();
    };
    fn set<T>(slot: &mut Load<T>, r: Result<T, crate::domain::ApiError>) {
        *slot = match r {
            Ok(v) => Load::Ready(v),
            Err(e) => Load::Failed(e),
        };
    }
    match answer {
        DetailAnswer::Subject(result) => {
            d.pending = None;
            match result {
                Ok(subject) => d.subject = subject,
                Err(e) => d.error = Some(e),
            }
            return start_detail(state, id);
        }
        DetailAnswer::CardToken(r) => set(&mut d.card, r),
        DetailAnswer::CardUpdate(r) => set(&mut d.card_update, r),
        DetailAnswer::Promotions(r) => {
            set(&mut d.promotions, r);
            // Opened from a case's promotion: the cursor starts on it.
            if let (Some(want), Load::Ready(list)) = (d.want_promotion.take(), &d.promotions)
                && let Some(i) = list.iter().position(|p| p.id == want)
            {
                d.promotion_cursor = i;
            }
        }
        DetailAnswer::PromotionHistory(r) => set(&mut d.history, r),
        DetailAnswer::BillingAddresses(r) => set(&mut d.billing, r),
        DetailAnswer::StayWallet(r) => set(&mut d.stay_wallet, r),
        DetailAnswer::Raw(r) => set(&mut d.raw_body, r),
        _ => {}
    }
    Vec::new()
}

/// `2025-01-01..2025-12-31`, `2025-01-01..`, `..2025-12-31`, or empty for everything.
pub fn parse_range(text: &str) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
    let text = text.trim();
    if text.is_empty() {
        return Some((None, None));
    }
    let (a, b) = text.split_once("..")?;
    let date = |s: &str| -> Option<Option<NaiveDate>> {
        let s = s.trim();
        if s.is_empty() {
            Some(None)
        } else {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Some)
        }
    };
    let (from, to) = (date(a)?, date(b)?);
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return None;
    }
    Some((from, to))
}

/// The billing history of the focused account, between these dates.
pub fn billing_range(
    state: &mut State,
    range: (Option<NaiveDate>, Option<NaiveDate>),
) -> Vec<Effect> {
    let Some(id) = state.focused_id() else {
        return Vec::new();
    };
    if let Some(d) = state.detail_by_id(id) {
        d.billing_range = range;
    }
    show(state, id, Section::BillingHistory, Sub::Billing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(parse_range(""), Some((None, None)));
        assert_eq!(
            parse_range("2025-01-01..2025-12-31"),
            Some((d("2025-01-01"), d("2025-12-31")))
        );
        assert_eq!(parse_range("..2025-12-31"), Some((None, d("2025-12-31"))));
        assert_eq!(parse_range("2025-12-31..2025-01-01"), None);
        assert_eq!(parse_range("yesterday"), None);
    }
}
