//! `update` for detail views and drill-down: opening a detail (and the card behind a
//! CREDIT_CARD account), sub-lists of an account, a customer's accounts and transfers, a
//! wallet's stay, reveal/copy/raw JSON, and `:` go-to-anything.

use super::detail::{Detail, Load, PendingKind, Section, Subject};
use super::effect::{Effect, Query, Ticket};
use super::keymap::Action;
use super::list::ListPane;
use super::msg::{Found, Reply};
use super::nav::{AnyList, PromptKind, View};
use super::state::{State, Tab, ToastLevel};
use super::update::{cancel, open_prompt, request_ticket, toast};
use super::views::{At, copy, focused_at, load_at, view_at};
use crate::domain::ApiError;
use crate::domain::customer::{PaymentMethod, PromotionFilter};
use chrono::NaiveDate;

fn detail_at(state: &mut State, at: At) -> Option<&mut Detail> {
    match view_at(state, at)? {
        View::Detail(d) => Some(d),
        View::List(_) => None,
    }
}

/// Pushes a detail view on the focused tab and starts what it needs.
pub fn push_detail(state: &mut State, subject: Subject) -> Vec<Effect> {
    state
        .nav_mut()
        .views
        .push(View::Detail(Box::new(Detail::new(subject))));
    state.dirty = true;
    let at = focused_at(state);
    load_card(state, at)
}

/// Pushes a placeholder detail on the focused tab and asks for the resource it stands for.
pub fn push_pending(state: &mut State, kind: PendingKind, id: String) -> Vec<Effect> {
    let mut detail = Detail::new(Subject::Pending {
        kind,
        id: id.clone(),
    });
    let (ticket, effect) = request_ticket(state, kind.query(id));
    detail.pending = Some(ticket);
    state.nav_mut().views.push(View::Detail(Box::new(detail)));
    state.dirty = true;
    vec![effect]
}

/// A CREDIT_CARD account shows its card: ask Lyra for the token.
fn load_card(state: &mut State, at: At) -> Vec<Effect> {
    let token = match detail_at(state, at) {
        Some(Detail {
            subject: Subject::Account(a),
            card: Load::Idle,
            ..
        }) => match &a.payment_method {
            PaymentMethod::CreditCard { token_id } => token_id.clone(),
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let (ticket, effect) = request_ticket(state, Query::CardToken(token));
    if let Some(d) = detail_at(state, at) {
        d.card = Load::Loading(ticket);
    }
    vec![effect]
}

/// Which sub-request of an account detail.
#[derive(Clone, Copy)]
enum Sub {
    Promotions,
    History,
    Billing,
    CardUpdate,
}

fn load_sub(state: &mut State, at: At, sub: Sub) -> Vec<Effect> {
    let Some(d) = detail_at(state, at) else {
        return Vec::new();
    };
    let Subject::Account(account) = &d.subject else {
        return Vec::new();
    };
    let account_id = account.id.clone();
    let query = match sub {
        Sub::Promotions => Query::Promotions {
            account_id,
            filter: d.promotion_filter.clone(),
        },
        Sub::History => Query::PromotionHistory { account_id },
        Sub::Billing => Query::BillingAddresses {
            account_id,
            from: d.billing_range.0,
            to: d.billing_range.1,
        },
        Sub::CardUpdate => match &d.card {
            Load::Ready(card) => Query::CardUpdater {
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
        effects.push(super::update::cancel(state, t));
    }
    let (ticket, effect) = request_ticket(state, query);
    effects.push(effect);
    if let Some(d) = detail_at(state, at) {
        match sub {
            Sub::Promotions => d.promotions = Load::Loading(ticket),
            Sub::History => d.history = Load::Loading(ticket),
            Sub::Billing => d.billing = Load::Loading(ticket),
            Sub::CardUpdate => d.card_update = Load::Loading(ticket),
        }
    }
    effects
}

fn show(state: &mut State, at: At, section: Section, sub: Sub) -> Vec<Effect> {
    let Some(d) = detail_at(state, at) else {
        return Vec::new();
    };
    if !matches!(d.subject, Subject::Account(_)) {
        return Vec::new();
    }
    d.section = section;
    d.scroll = 0;
    state.dirty = true;
    load_sub(state, at, sub)
}

pub fn detail_action(state: &mut State, action: Action) -> Vec<Effect> {
    let at = focused_at(state);
    let today = state.today;
    let state_height = state.height;
    let Some(d) = detail_at(state, at) else {
        return Vec::new();
    };
    let subject = d.subject.clone();
    let promotions = match (&d.section, &d.promotions) {
        (Section::Promotions, Load::Ready(list)) => Some(list.len()),
        _ => None,
    };
    match action {
        // In the promotions the cursor picks the one `c` cancels.
        Action::SelectDown if promotions.is_some() => {
            if d.promotion_cursor + 1 >= promotions.unwrap_or(0) {
                return Vec::new();
            }
            d.promotion_cursor += 1;
        }
        Action::SelectUp if promotions.is_some() => {
            if d.promotion_cursor == 0 {
                return Vec::new();
            }
            d.promotion_cursor -= 1;
        }
        Action::SelectDown => {
            // The body is the screen less header, tabs, borders and status line.
            let visible = usize::from(state_height.saturating_sub(5));
            let max = d.content_lines(today).saturating_sub(visible);
            if usize::from(d.scroll) >= max {
                return Vec::new();
            }
            d.scroll = d.scroll.saturating_add(1);
        }
        Action::SelectUp if d.scroll > 0 => d.scroll -= 1,
        Action::RawJson => d.raw = !d.raw,
        Action::Reveal => {
            let Some(what) = subject.secret_masked() else {
                return toast(state, ToastLevel::Info, "nothing masked here");
            };
            d.revealed = !d.revealed;
            if d.revealed {
                state.dirty = true;
                return vec![Effect::Log(format!("revealed {what}"))];
            }
        }
        Action::CopyId => return copy(state, subject.id()),
        Action::ShowAccounts => {
            let Subject::Customer(c) = &subject else {
                return Vec::new();
            };
            let list = AnyList::Accounts(ListPane::filtered(&c.id));
            return push_list(state, list);
        }
        Action::ShowTransfers => {
            let Subject::Customer(c) = &subject else {
                return Vec::new();
            };
            let mut pane = ListPane::new();
            pane.user = Some(c.external_id.clone());
            pane.user_name = Some(c.name.clone());
            return push_list(state, AnyList::Transfers(pane));
        }
        Action::ShowStay => {
            let Subject::Wallet(w) = &subject else {
                return Vec::new();
            };
            let id = w.stay_id.clone();
            return push_pending(state, PendingKind::Stay, id);
        }
        Action::ShowPromotions => return show(state, at, Section::Promotions, Sub::Promotions),
        Action::PromotionFilter => {
            d.promotion_filter = match d.promotion_filter {
                PromotionFilter::All => PromotionFilter::Active,
                PromotionFilter::Active => PromotionFilter::Scheduled,
                _ => PromotionFilter::All,
            };
            d.promotion_cursor = 0;
            return show(state, at, Section::Promotions, Sub::Promotions);
        }
        Action::ShowPromotionHistory => {
            return show(state, at, Section::PromotionHistory, Sub::History);
        }
        Action::ShowBillingHistory => {
            if d.section == Section::BillingHistory {
                open_prompt(state, PromptKind::BillingRange);
                return Vec::new();
            }
            return show(state, at, Section::BillingHistory, Sub::Billing);
        }
        Action::CheckCardUpdater => {
            return match &d.card {
                Load::Ready(card) if card.is_expired_on(today) => {
                    load_sub(state, at, Sub::CardUpdate)
                }
                Load::Ready(_) => toast(state, ToastLevel::Info, "the card has not expired"),
                _ => toast(state, ToastLevel::Info, "no card to check"),
            };
        }
        Action::Refresh => return refresh(state, at),
        _ => return Vec::new(),
    }
    state.dirty = true;
    Vec::new()
}

/// Reads the promotions of the account detail at `at` again (after a cancellation).
pub fn reload_promotions(state: &mut State, at: At) -> Vec<Effect> {
    load_sub(state, at, Sub::Promotions)
}

/// Reads the detail at `at` again (after a write changed it).
pub fn refresh_at(state: &mut State, at: At) -> Vec<Effect> {
    refresh(state, at)
}

fn refresh(state: &mut State, at: At) -> Vec<Effect> {
    let Some(d) = detail_at(state, at) else {
        return Vec::new();
    };
    let query = match &d.subject {
        Subject::Customer(c) => Query::Customer(c.id.clone()),
        Subject::Account(a) => Query::Account(a.id.clone()),
        Subject::Stay(s) => Query::Stay(s.id.clone()),
        Subject::Pending { kind, id } => kind.query(id.clone()),
        Subject::Wallet(w) => Query::Wallet(w.id.clone()),
        Subject::Transfer { user, transfer } => Query::Transfer {
            user: user.clone(),
            id: transfer.id,
        },
    };
    // The subject's answer asks for the card again, so a card request under way is stale.
    let stale = [d.pending.take(), d.card.ticket()];
    d.error = None;
    d.card = Load::Idle;
    let mut effects: Vec<Effect> = stale
        .into_iter()
        .flatten()
        .map(|t| cancel(state, t))
        .collect();
    let (ticket, effect) = request_ticket(state, query);
    if let Some(d) = detail_at(state, at) {
        d.pending = Some(ticket);
    }
    effects.push(effect);
    effects
}

fn push_list(state: &mut State, list: AnyList) -> Vec<Effect> {
    state.nav_mut().views.push(View::List(list));
    state.dirty = true;
    let at = focused_at(state);
    load_at(state, at)
}

/// An answer for a detail view: its subject, card, updater or a sub-list.
pub fn detail_reply(
    state: &mut State,
    at: At,
    ticket: Ticket,
    result: Result<Reply, ApiError>,
) -> Vec<Effect> {
    let Some(d) = detail_at(state, at) else {
        return Vec::new();
    };
    fn set<T>(slot: &mut Load<T>, r: Result<Reply, ApiError>, pick: fn(Reply) -> Option<T>) {
        *slot = match r {
            Ok(v) => match pick(v) {
                Some(v) => Load::Ready(v),
                None => Load::Failed(unexpected()),
            },
            Err(e) => Load::Failed(e),
        };
    }
    if d.pending == Some(ticket) {
        d.pending = None;
        match result {
            Ok(Reply::Customer(c)) => d.subject = Subject::Customer(c),
            Ok(Reply::Account(a)) => d.subject = Subject::Account(a),
            Ok(Reply::Stay(s)) => d.subject = Subject::Stay(s),
            Ok(Reply::Wallet(w)) => d.subject = Subject::Wallet(w),
            Ok(Reply::Transfer { user, transfer }) => {
                d.subject = Subject::Transfer { user, transfer }
            }
            Ok(_) => {}
            Err(e) => d.error = Some(e),
        }
        return load_card(state, at);
    }
    let r = result;
    if d.card.ticket() == Some(ticket) {
        set(&mut d.card, r, |x| match x {
            Reply::CardToken(c) => Some(c),
            _ => None,
        });
    } else if d.card_update.ticket() == Some(ticket) {
        set(&mut d.card_update, r, |x| match x {
            Reply::CardUpdate(c) => Some(c),
            _ => None,
        });
    } else if d.promotions.ticket() == Some(ticket) {
        set(&mut d.promotions, r, |x| match x {
            Reply::Promotions(c) => Some(c),
            _ => None,
        });
    } else if d.history.ticket() == Some(ticket) {
        set(&mut d.history, r, |x| match x {
            Reply::PromotionHistory(c) => Some(c),
            _ => None,
        });
    } else if d.billing.ticket() == Some(ticket) {
        set(&mut d.billing, r, |x| match x {
            Reply::BillingAddresses(c) => Some(c),
            _ => None,
        });
    }
    Vec::new()
}

fn unexpected() -> ApiError {
    ApiError::new(
        crate::domain::Provider::Mascustomers,
        crate::domain::ErrorKind::Decode,
        "unexpected answer",
    )
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

pub fn billing_range(
    state: &mut State,
    range: (Option<NaiveDate>, Option<NaiveDate>),
) -> Vec<Effect> {
    let at = focused_at(state);
    if let Some(d) = detail_at(state, at) {
        d.billing_range = range;
    }
    show(state, at, Section::BillingHistory, Sub::Billing)
}

/// `:` then an id: the runner works out what it is.
pub fn go_to(state: &mut State, text: &str) -> Vec<Effect> {
    let transfers_user = match state.navs[Tab::Transfers.index()].views.first() {
        // The user on screen: a typed one, else the pane's own.
        Some(View::List(AnyList::Transfers(p))) if !p.applied.is_empty() => Some(p.applied.clone()),
        Some(View::List(AnyList::Transfers(p))) => p.user.clone(),
        _ => None,
    };
    let mut effects = Vec::new();
    if let Some(old) = state.goto.take() {
        effects.push(super::update::cancel(state, old));
    }
    let (ticket, effect) = request_ticket(
        state,
        Query::Find {
            text: text.to_string(),
            transfers_user,
        },
    );
    state.goto = Some(ticket);
    effects.push(effect);
    effects
}

/// Opens what `:` found, on the tab of its kind.
pub fn found(state: &mut State, result: Result<Reply, ApiError>) -> Vec<Effect> {
    let found = match result {
        Ok(Reply::Found(f)) => f,
        Ok(_) => return Vec::new(),
        Err(e) => return toast(state, ToastLevel::Error, e.headline()),
    };
    let subject = match found {
        Found::Subject(subject) => *subject,
        Found::Nothing(text) => return toast(state, ToastLevel::Warning, text),
    };
    let tab = match &subject {
        Subject::Customer(_) | Subject::Pending { .. } => Tab::Customers,
        Subject::Account(_) => Tab::Accounts,
        Subject::Wallet(_) | Subject::Stay(_) => Tab::Wallets,
        Subject::Transfer { .. } => Tab::Transfers,
    };
    state.tab = tab;
    let mut effects = super::views::load_if_untouched(state);
    effects.extend(push_detail(state, subject));
    effects
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
