//! The write forms wired into the console: opening each form from its view (after loading
//! what it needs), keys and pastes to the open form, its outcomes turned into requests, and
//! the screen refreshed after a write. The answers are fed back in `write_answers`.
//!
//! Ids stay out of `update`: the open-a-wallet form's correlation id comes from the runtime
//! in the answer to `Query::WalletFormData`, with the stays, so `update` remains pure.

use super::detail::{PendingKind, Subject};
use super::effect::{Effect, FormCall, Query, ViewId};
use super::form::{FormOutcome, ReadTarget, Submission, WriteContext, WriteForm};
pub use super::form_slot::{CONFIRM_GUARD_MS, FormSlot, FormStage, Pending, RETRY_TICK_MS};
use super::key::{Key, KeyCode};
use super::keymap::{Action, Scope};
use super::loads::{Sub, load_list, load_sub, open as open_view, refresh_detail};
use super::msg::Msg;
use super::nav::{Go, View};
use super::resources::{Res, Wallets};
use super::state::{Environment, Overlay, State, Tab, ToastLevel};
use crate::domain::cashless::Stay;

/// Who writes where, from the session; `customer_id` names the customer when a view on
/// the stack shows it.
pub fn write_context(state: &State, customer_id: Option<&str>) -> WriteContext {
    let customer_name = customer_id.and_then(|id| {
        state
            .navs
            .iter()
            .flat_map(|n| n.views.iter())
            .find_map(|v| match v {
                View::Detail(d) => match &d.subject {
                    Subject::Customer(c) if c.id.eq_ignore_ascii_case(id) => Some(c.name.clone()),
                    _ => None,
                },
                View::List(_) | View::Chart(_) => None,
            })
    });
    WriteContext {
        profile: state.session.profile.clone(),
        environment_label: state.session.environment.label().to_string(),
        production: state.session.environment == Environment::Production,
        read_only: state.session.read_only,
        read_only_cause: state.read_only_cause,
        customer_name,
        org: state.org.clone(),
    }
}

/// `o`, `m`, `c`: opens the form the focused view offers, or says why not.
pub fn open(state: &mut State, action: Action) -> Vec<Effect> {
    if state.form.is_some() {
        return Vec::new();
    }
    let subject = match state.view() {
        Some(View::Detail(d)) => Some(d.subject.clone()),
        _ => None,
    };
    let on_wallets =
        matches!(state.view(), Some(View::List(l)) if l.resource == Res::of::<Wallets>());
    match (action, subject) {
        (Action::OpenWallet, Some(Subject::Stay(s))) => open_wallet(state, Some(s)),
        (Action::OpenWallet, None) if on_wallets => open_wallet(state, None),
        (Action::OpenWallet, Some(Subject::Wallet(_))) => state.toast(
            ToastLevel::Info,
            "open a wallet from a stay (s shows this wallet's stay) or from the Wallets list",
        ),
        (Action::ApplyReplacementCard, Some(Subject::Account(a))) => {
            let token = match state.view() {
                Some(View::Detail(d)) => d.replacement_token(),
                _ => None,
            };
            match token {
                Some(token) => payment_form(state, &a, Some(token)),
                None => {
                    let keys = state.keymap.hint(Scope::Detail, Action::CheckCardUpdater);
                    state.toast(
                        ToastLevel::Info,
                        format!("no replacement card known: ask the Monext updater first ({keys})"),
                    )
                }
            }
        }
        (Action::ApplyReplacementCard, Some(Subject::Customer(_))) => {
            let found = match state.view() {
                Some(View::Detail(d)) => case_replacement(d, state),
                _ => None,
            };
            match found {
                Some((a, token)) => payment_form(state, &a, Some(token)),
                None => state.toast(
                    ToastLevel::Info,
                    "pick an account of the case whose expired card has a replacement (j/k)",
                ),
            }
        }
        (Action::ChangePaymentMethod, Some(Subject::Account(a))) => payment_form(state, &a, None),
        (Action::CancelPromotion, Some(Subject::Account(a))) => open_promotion(state, &a),
        (Action::CancelPromotion, Some(Subject::Customer(_))) => {
            let selected = match state.view() {
                Some(View::Detail(d)) => super::case_view::selected(d, state),
                _ => None,
            };
            let promotion = selected.as_ref().and_then(|(a, p)| {
                let d = match state.view() {
                    Some(View::Detail(d)) => d,
                    _ => return None,
                };
                let list = d.case.account(&a.id)?.promotions.ready()?;
                list.iter().find(|x| Some(&x.id) == p.as_ref()).cloned()
            });
            match (selected, promotion) {
                (Some((a, _)), Some(p)) => cancel_form(state, &a, p),
                _ => state.toast(
                    ToastLevel::Info,
                    "pick a promotion of the case (j/k) to cancel it",
                ),
            }
        }
        _ => Vec::new(),
    }
}

/// The account under the case's cursor and the replacement card Monext knows for it, if
/// it knows one: what `A` applies from the case.
pub fn case_replacement(
    d: &super::detail::Detail,
    state: &State,
) -> Option<(crate::domain::customer::Account, String)> {
    let (account, _) = super::case_view::selected(d, state)?;
    let token = match &d.case.account(&account.id)?.card_update {
        super::detail::Load::Ready(u) if u.updated => u.replacement.as_ref()?.mx_token.clone(),
        _ => return None,
    };
    Some((account, token))
}

/// The payment-method form of `account`, once its available methods are known; `token`
/// fills in a card token (the card updater's replacement).
fn payment_form(
    state: &mut State,
    a: &crate::domain::customer::Account,
    token: Option<String>,
) -> Vec<Effect> {
    let ctx = write_context(state, Some(&a.customer_id));
    let query = Query::Form(FormCall::PaymentMethods {
        customer_id: a.customer_id.clone(),
        account_id: a.id.clone(),
    });
    let pending = Pending::Payment {
        account_id: a.id.clone(),
        current: a.payment_method.clone(),
        token,
    };
    start_loading(
        state,
        "Change the payment method",
        "methods",
        pending,
        ctx,
        query,
    )
}

fn open_wallet(state: &mut State, preselected: Option<Stay>) -> Vec<Effect> {
    let ctx = write_context(state, None);
    let pending = Pending::Wallet { preselected };
    let query = Query::Form(FormCall::WalletFormData);
    start_loading(state, "Open a wallet", "stays", pending, ctx, query)
}

fn start_loading(
    state: &mut State,
    title: &'static str,
    what: &'static str,
    pending: Pending,
    ctx: WriteContext,
    query: Query,
) -> Vec<Effect> {
    let origin = state.focused_id().unwrap_or_default();
    let (ticket, effect) = state.request(query);
    let mut slot = FormSlot::new(
        origin,
        FormStage::Loading {
            title,
            what,
            pending: Box::new(pending),
            ctx,
        },
    );
    slot.load = Some(ticket);
    state.form = Some(slot);
    state.dirty = true;
    vec![effect]
}

fn open_promotion(state: &mut State, account: &crate::domain::customer::Account) -> Vec<Effect> {
    let promotion = match state.view() {
        Some(View::Detail(d)) => d.selected_promotion().cloned(),
        _ => None,
    };
    let Some(promotion) = promotion else {
        let keys = state.keymap.hint(Scope::Detail, Action::ShowPromotions);
        return state.toast(
            ToastLevel::Info,
            format!("show the promotions ({keys}) and pick one (j/k) to cancel it"),
        );
    };
    cancel_form(state, account, promotion)
}

/// The cancel-a-promotion form for `promotion` of `account`.
fn cancel_form(
    state: &mut State,
    account: &crate::domain::customer::Account,
    promotion: crate::domain::customer::Promotion,
) -> Vec<Effect> {
    let ctx = write_context(state, Some(&account.customer_id));
    let form = WriteForm::cancel_promotion(ctx, account.id.clone(), promotion, state.today);
    let origin = state.focused_id().unwrap_or_default();
    state.form = Some(FormSlot::new(origin, FormStage::Ready(Box::new(form))));
    state.dirty = true;
    Vec::new()
}

/// A key while a form is open: the form has it first; only ctrl-c (handled before) and
/// help escape it.
pub fn key(state: &mut State, key: Key, action: Option<Action>) -> Vec<Effect> {
    let read_only = state.session.read_only;
    let input_at = state.input_at;
    let keymap = &state.keymap;
    let Some(slot) = &mut state.form else {
        return Vec::new();
    };
    state.dirty = true;
    let early = slot.confirming() && !slot.takes_confirm_key(input_at);
    let form = match &mut slot.stage {
        FormStage::Loading { .. } => {
            if matches!(action, Some(Action::Cancel | Action::Back)) || key.code == KeyCode::Esc {
                return close(state);
            }
            if action == Some(Action::Help) {
                state.overlay = Some(Overlay::Help { scroll: 0 });
            }
            return Vec::new();
        }
        FormStage::Ready(form) => form,
    };
    // Type-ahead never confirms: a key that arrived before the confirmation had been on
    // screen for the guard time is dropped (going back and help still work).
    if early {
        let production = form.core().ctx.production;
        let safe = matches!(action, Some(Action::Cancel | Action::Help))
            && !(production && matches!(key.code, KeyCode::Char(_)) && !key.ctrl);
        if !safe {
            let how = if production {
                "type the last 4 characters of the target id, then press enter".to_string()
            } else {
                let keys = keymap.hint(Scope::Confirm, Action::Confirm);
                format!("press {keys} to confirm")
            };
            form.set_notice(format!(
                "keys typed before this was shown were ignored — {how}"
            ));
            return Vec::new();
        }
    }
    // A refused submit on a read-only profile is audited too; nothing is sent.
    let refused = read_only
        && action == Some(Action::Submit)
        && form.scope() == Scope::Form
        && form.submission().is_editing();
    let outcome = form.handle_key(key, action);
    if !matches!(form.submission(), Submission::Confirming(_)) {
        slot.guard.hide();
    }
    let mut effects = Vec::new();
    if refused {
        let query = Query::AuditRefusal {
            request_provider: form.provider(),
            summary: Box::new(form.audit_summary()),
        };
        effects.push(state.request(query).1);
    }
    if outcome == FormOutcome::Unhandled && action == Some(Action::Help) {
        state.overlay = Some(Overlay::Help { scroll: 0 });
        return effects;
    }
    effects.extend(apply(state, outcome));
    effects
}

/// A frame was drawn at `at`: a confirmation on screen for the first time records it, and
/// its confirm key is offered once the guard time has passed. One hidden under the help
/// is not on screen.
pub fn drawn(state: &mut State, at: u64) -> Vec<Effect> {
    let hidden = state.overlay.is_some();
    let Some(slot) = &mut state.form else {
        return Vec::new();
    };
    if !slot.confirming() || hidden {
        slot.confirm_hidden();
        return Vec::new();
    }
    slot.guard.drawn(at).into_iter().collect()
}

/// The guard time of the confirmation shown at `shown` has passed: its confirm key shows.
pub fn confirm_ready(state: &mut State, shown: u64) -> Vec<Effect> {
    if let Some(slot) = &mut state.form
        && slot.guard.passed(shown)
    {
        state.dirty = true;
    }
    Vec::new()
}

/// A second of the open form's retry countdown `id` passed; `false` when `id` is not its.
pub fn retry_tick(state: &mut State, id: u64) -> Option<Vec<Effect>> {
    let slot = state.form.as_mut().filter(|s| s.retry_tick == Some(id))?;
    slot.retry_tick = None;
    let outcome = slot.form_mut()?.retry_tick();
    state.dirty = true;
    Some(apply(state, outcome))
}

/// Bracketed paste into the open form.
pub fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    let Some(form) = state.form.as_mut().and_then(FormSlot::form_mut) else {
        return Vec::new();
    };
    let outcome = form.paste(text);
    state.dirty = true;
    apply(state, outcome)
}

/// Closes the form. A write under way is not aborted (its audit line must be written);
/// its answer is simply no longer shown.
pub(super) fn close(state: &mut State) -> Vec<Effect> {
    let Some(slot) = state.form.take() else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    for t in [slot.load, slot.token, slot.reread].into_iter().flatten() {
        effects.push(state.cancel(t));
    }
    for t in slot.lookups {
        if state.inflight.contains_key(&t) {
            effects.push(state.cancel(t));
        }
    }
    if let Some(t) = slot.write {
        state.inflight.remove(&t);
    }
    state.dirty = true;
    effects
}

/// Turns what the form asks for into requests and screen changes.
pub(super) fn apply(state: &mut State, outcome: FormOutcome) -> Vec<Effect> {
    match outcome {
        FormOutcome::Stay | FormOutcome::Unhandled => Vec::new(),
        FormOutcome::WaitToRetry => {
            let id = state.ticket();
            let Some(slot) = &mut state.form else {
                return Vec::new();
            };
            slot.retry_tick = Some(id);
            vec![Effect::Schedule {
                after_ms: RETRY_TICK_MS,
                msg: Box::new(Msg::RetryTick(id)),
            }]
        }
        FormOutcome::Close => close(state),
        FormOutcome::ResolveToken(token) => {
            let mut effects = Vec::new();
            if let Some(old) = state.form.as_mut().and_then(|s| s.token.take()) {
                effects.push(state.cancel(old));
            }
            let (ticket, effect) = state.request(Query::Form(FormCall::CardToken(token)));
            if let Some(slot) = &mut state.form {
                slot.token = Some(ticket);
            }
            effects.push(effect);
            effects
        }
        FormOutcome::LookUpStayWallet(stay_id) => {
            let (ticket, effect) = state.request(Query::Form(FormCall::StayWallet(stay_id)));
            let inflight = &state.inflight;
            if let Some(slot) = &mut state.form {
                slot.lookups.retain(|t| inflight.contains_key(t));
                slot.lookups.push(ticket);
            }
            vec![effect]
        }
        FormOutcome::Submit(request) => {
            let Some(slot) = &state.form else {
                return Vec::new();
            };
            // One write at a time: a second submit while one is under way does nothing.
            if slot.write.is_some() {
                return Vec::new();
            }
            let Some(summary) = slot.form().map(WriteForm::audit_summary) else {
                return Vec::new();
            };
            let wire = request.wire(&state.org);
            let query = Query::Write {
                request: Box::new(request),
                wire: Box::new(wire),
                summary: Box::new(summary),
            };
            let (ticket, effect) = state.request(query);
            if let Some(slot) = &mut state.form {
                slot.write = Some(ticket);
            }
            vec![effect]
        }
        FormOutcome::Reread(target) => {
            let mut effects = Vec::new();
            if let Some(old) = state.form.as_mut().and_then(|s| s.reread.take()) {
                effects.push(state.cancel(old));
            }
            let (ticket, effect) = state.request(Query::Form(FormCall::Reread(target)));
            if let Some(slot) = &mut state.form {
                slot.reread = Some(ticket);
            }
            effects.push(effect);
            effects
        }
        FormOutcome::Succeeded {
            message,
            reread,
            open_wallet,
        } => {
            let origin = state.form.as_ref().map_or(0, |s| s.origin);
            let mut effects = close(state);
            let level = if message.starts_with("this stay already has a wallet") {
                ToastLevel::Warning
            } else {
                ToastLevel::Success
            };
            effects.extend(state.toast(level, message));
            effects.extend(refresh_after(state, origin, &reread));
            if let Some(id) = open_wallet {
                effects.extend(open_wallet_detail(state, id));
            }
            effects
        }
    }
}

/// Reads again what a write changed, so the screen shows the new state.
pub(super) fn refresh_after(state: &mut State, origin: ViewId, target: &ReadTarget) -> Vec<Effect> {
    let origin_account = match state.detail_by_id(origin) {
        Some(d) => match &d.subject {
            Subject::Account(a) => Some(a.id.clone()),
            _ => None,
        },
        None => None,
    };
    match target {
        ReadTarget::Account { account_id } if origin_account.as_ref() == Some(account_id) => {
            refresh_detail(state, origin)
        }
        ReadTarget::Promotions { account_id } if origin_account.as_ref() == Some(account_id) => {
            load_sub(state, origin, Sub::Promotions)
        }
        // A write from a customer's case: the case reads that account's part again.
        ReadTarget::Promotions { account_id } if in_case(state, origin, account_id) => {
            super::case_loads::refresh_promotions(state, origin, account_id)
        }
        ReadTarget::Account { account_id } if in_case(state, origin, account_id) => {
            super::case_loads::refresh_accounts(state, origin)
        }
        ReadTarget::StayWallet { .. } => {
            let wallets = match state.navs[Tab::of(Res::of::<Wallets>()).index()]
                .views
                .first()
            {
                Some(View::List(l)) if !l.untouched() => Some(l.id),
                _ => None,
            };
            match wallets {
                Some(id) => load_list(state, id, false),
                None => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// Whether the view `origin` is a customer's case holding the account `account_id`.
fn in_case(state: &mut State, origin: ViewId, account_id: &str) -> bool {
    state
        .detail_by_id(origin)
        .is_some_and(|d| d.case.account(account_id).is_some())
}

/// Shows a wallet's detail on the Wallets pane.
fn open_wallet_detail(state: &mut State, id: String) -> Vec<Effect> {
    state.tab = Tab::of(Res::of::<Wallets>());
    open_view(state, Go::Pending(PendingKind::Wallet, id))
}
