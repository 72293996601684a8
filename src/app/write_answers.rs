//! Answers for the open form: the data it waited for (stays and correlation id, payment
//! methods), the card lookup, the write, and the reread after an unknown outcome, judged
//! against the request to say whether the change was applied.

use super::effect::{Effect, Query, Ticket};
use super::form::{FormOutcome, WriteForm, WriteOk, WriteRequest, reread_target};
use super::form_slot::{FormStage, Pending};
use super::msg::{FormAnswer, ReadBack, WalletFormData};
use super::state::{State, ToastLevel};
use super::write_flow::{apply, close, refresh_after};
use crate::domain::ApiError;
use crate::domain::customer::PaymentMethod;
use crate::domain::iban::normalize;
use crate::domain::requests::PaymentMethodChange;

/// A write's answer, for the open form (if it is still open).
pub fn written(
    state: &mut State,
    ticket: Ticket,
    result: Result<WriteOk, ApiError>,
) -> Vec<Effect> {
    let Some(slot) = &mut state.form else {
        return Vec::new();
    };
    if slot.write != Some(ticket) {
        return Vec::new();
    }
    slot.write = None;
    let outcome = match slot.form_mut() {
        Some(form) => form.submitted(result),
        None => FormOutcome::Stay,
    };
    apply(state, outcome)
}

/// An answer for the open form: what it waited for, a card lookup, or a reread.
pub fn answer(state: &mut State, answer: FormAnswer) -> Vec<Effect> {
    let Some(slot) = &mut state.form else {
        return Vec::new();
    };
    match answer {
        FormAnswer::WalletFormData(_) | FormAnswer::PaymentMethods(_) => {
            slot.load = None;
            loaded(state, answer)
        }
        FormAnswer::StayWallet { stay_id, result } => {
            if let Some(form) = slot.form_mut() {
                form.stay_wallet_known(&stay_id, result);
            }
            state.dirty = true;
            Vec::new()
        }
        FormAnswer::CardToken(card) => {
            slot.token = None;
            let outcome = match slot.form_mut() {
                Some(form) => form.token_resolved(card),
                None => FormOutcome::Stay,
            };
            apply(state, outcome)
        }
        FormAnswer::Reread(result) => {
            slot.reread = None;
            let origin = slot.origin;
            let Some(form) = slot.form_mut() else {
                return Vec::new();
            };
            let Some(request) = form.submission().request().cloned() else {
                return Vec::new();
            };
            match result.map(|r| judge(&request, r)) {
                Ok(Some(verdict)) => {
                    // The journal learns how the unknown outcome was settled.
                    let record = Query::AuditResolution {
                        request_provider: form.provider(),
                        summary: Box::new(form.audit_summary()),
                        applied: verdict.applied,
                    };
                    form.reread_done(verdict.applied, verdict.message.clone());
                    let level = if verdict.applied {
                        ToastLevel::Success
                    } else {
                        ToastLevel::Warning
                    };
                    let mut effects = vec![state.request(record).1];
                    effects.extend(state.toast(level, verdict.message));
                    if verdict.applied {
                        let target = reread_target(&request);
                        effects.extend(refresh_after(state, origin, &target));
                    }
                    effects
                }
                Ok(None) => Vec::new(),
                Err(e) => {
                    form.set_notice(format!(
                        "could not read it again: {}; try again",
                        e.headline()
                    ));
                    Vec::new()
                }
            }
        }
    }
}

/// The form's data arrived: build the form (or give up with a toast).
fn loaded(state: &mut State, answer: FormAnswer) -> Vec<Effect> {
    let today = state.today;
    let Some(slot) = &mut state.form else {
        return Vec::new();
    };
    let FormStage::Loading { pending, ctx, .. } = &slot.stage else {
        return Vec::new();
    };
    let form = match ((**pending).clone(), answer) {
        (
            Pending::Wallet { preselected },
            FormAnswer::WalletFormData(Ok(WalletFormData {
                stays,
                correlation_id,
            })),
        ) => {
            let (mut stays, failed) = match stays {
                Ok(s) => (s, None),
                Err(e) => (Vec::new(), Some(e)),
            };
            if let Some(p) = &preselected
                && !stays.iter().any(|s| s.id.eq_ignore_ascii_case(&p.id))
            {
                stays.insert(0, p.clone());
            }
            let preselected = preselected.map(|s| s.id);
            let mut form = WriteForm::open_wallet(ctx.clone(), stays, preselected, correlation_id);
            if let Some(e) = failed {
                form.set_notice(format!(
                    "stays could not be listed ({}): type a stay id",
                    e.headline()
                ));
            }
            form
        }
        (
            Pending::Payment {
                account_id,
                current,
                token: Some(token),
            },
            FormAnswer::PaymentMethods(Ok(methods)),
        ) => {
            let (form, outcome) = WriteForm::payment_method_with_token(
                ctx.clone(),
                account_id,
                methods,
                current,
                today,
                &token,
            );
            slot.stage = FormStage::Ready(Box::new(form));
            state.dirty = true;
            // The replacement card is looked up at once, as if typed.
            return match outcome {
                FormOutcome::ResolveToken(token) => {
                    let (ticket, effect) =
                        state.request(Query::Form(super::effect::FormCall::CardToken(token)));
                    if let Some(slot) = &mut state.form {
                        slot.token = Some(ticket);
                    }
                    vec![effect]
                }
                _ => Vec::new(),
            };
        }
        (
            Pending::Payment {
                account_id,
                current,
                token: None,
            },
            FormAnswer::PaymentMethods(Ok(methods)),
        ) => WriteForm::payment_method(ctx.clone(), account_id, methods, current, today),
        (_, FormAnswer::PaymentMethods(Err(e)) | FormAnswer::WalletFormData(Err(e))) => {
            let effects = close(state);
            let mut all = state.toast(
                ToastLevel::Error,
                format!("cannot open the form: {}", e.headline()),
            );
            all.extend(effects);
            return all;
        }
        // Data for another form than the one waiting (it cannot be asked for otherwise).
        _ => return close(state),
    };
    let mut form = form;
    let outcome = form.opened();
    slot.stage = FormStage::Ready(Box::new(form));
    state.dirty = true;
    apply(state, outcome)
}

/// What a reread says about a write whose outcome was unknown.
struct Verdict {
    applied: bool,
    message: String,
}

fn judge(request: &WriteRequest, reply: ReadBack) -> Option<Verdict> {
    let verdict = |applied: bool, what: String| Verdict {
        applied,
        message: if applied {
            format!("the change was applied: {what}")
        } else {
            format!("the change was not applied: {what}; you may submit it again")
        },
    };
    Some(match (request, reply) {
        (WriteRequest::OpenWallet(w), ReadBack::StayWallet(found)) => match found {
            Some(wallet) => verdict(true, format!("stay {} has wallet {}", w.stay_id, wallet.id)),
            None => verdict(false, format!("stay {} has no wallet", w.stay_id)),
        },
        (WriteRequest::ChangePaymentMethod { change, .. }, ReadBack::Account(a)) => {
            let applied = match (change, &a.payment_method) {
                (
                    PaymentMethodChange::DirectDebit { iban },
                    PaymentMethod::DirectDebit { iban: now },
                ) => normalize(now.reveal()) == iban.as_str(),
                (
                    PaymentMethodChange::CreditCard { token_id },
                    PaymentMethod::CreditCard { token_id: now },
                ) => now.eq_ignore_ascii_case(token_id),
                _ => false,
            };
            verdict(
                applied,
                format!(
                    "the account's payment method is {}",
                    a.payment_method.summary()
                ),
            )
        }
        (
            WriteRequest::CancelPromotion {
                promotion_id,
                cancellation_date,
                ..
            },
            ReadBack::Promotions(list),
        ) => {
            let found = list
                .iter()
                .find(|p| p.id.eq_ignore_ascii_case(promotion_id));
            let now = found.and_then(|p| p.cancellation_date);
            let applied = now == Some(*cancellation_date);
            let what = match now {
                Some(d) => format!("the promotion's cancellation date is {d}"),
                None => "the promotion has no cancellation date".to_string(),
            };
            verdict(applied, what)
        }
        _ => return None,
    })
}
