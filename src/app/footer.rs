//! The key hints a detail view's footer shows, from the key map and from what the view allows
//! now: its write keys (and, when one is refused, why), the selection keys when a sub-list has
//! rows, its sections and pivots, then the keys every view shares. A customer's case says
//! what enter opens on the line under the cursor, and whether `r` retries or reads again.

use super::case::Target;
use super::case_lines::{case_lines, cursor_line, selectable};
use super::case_loads::has_failures;
use super::detail::{Detail, Load, Section, Subject};
use super::keymap::{Action, Scope};
use super::state::State;

/// One hint: the key (the first the key map binds) and what it does here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: String,
}

/// Why a write key does nothing on this session, if it does nothing.
fn refusal(state: &State) -> Option<&'static str> {
    state.session.read_only.then_some("read-only profile")
}

/// The hints for a detail view, in the order they are worth the room.
pub fn detail_hints(d: &Detail, state: &State) -> Vec<Hint> {
    let km = &state.keymap;
    let mut out = Vec::new();
    let mut push = |action: Action, label: String| {
        // One key per action keeps the line short; the help overlay lists them all.
        if let Some(key) = km.keys(Scope::Detail, action).first() {
            out.push(Hint {
                keys: key.to_string(),
                label,
            });
        }
    };
    let write = |label: &str| match refusal(state) {
        Some(why) => format!("{label} ({why})"),
        None => label.to_string(),
    };
    push(Action::Back, "back".into());
    push(Action::Help, "help".into());
    let promotions = match (&d.section, &d.promotions) {
        (Section::Promotions, Load::Ready(list)) => list.len(),
        _ => 0,
    };
    match &d.subject {
        Subject::Account(_) => {
            push(Action::ChangePaymentMethod, write("payment method"));
            if promotions > 0 {
                push(Action::CancelPromotion, write("cancel promo"));
            }
        }
        Subject::Stay(_) if matches!(d.stay_wallet, Load::Ready(None)) => {
            push(Action::OpenWallet, write("open a wallet"));
        }
        _ => {}
    }
    // The case's cursor: what its line opens, and `c` when it is on a promotion.
    let case = matches!(d.subject, Subject::Customer(_)) && !d.raw;
    let (target, rows) = if case {
        let retry = km.hint(Scope::Detail, Action::Refresh);
        let lines = case_lines(d, state.today, state.time, &retry);
        let target = cursor_line(&lines, d.case.cursor)
            .and_then(|i| lines.get(i))
            .and_then(|l| l.opens.clone());
        (target, selectable(&lines))
    } else {
        (None, 0)
    };
    if let Some(Target::Promotion { .. }) = target {
        push(Action::CancelPromotion, write("cancel promo"));
    }
    if matches!(target, Some(Target::Account(_)))
        && super::write_flow::case_replacement(d, state).is_some()
    {
        push(Action::ApplyReplacementCard, write("replacement card"));
    }
    match target {
        Some(Target::Account(_)) => push(Action::Open, "open account".into()),
        Some(Target::Promotion { .. }) => push(Action::Open, "open promotion".into()),
        Some(Target::Transfer(_)) => push(Action::Open, "open transfer".into()),
        None => {}
    }
    if promotions > 1 || rows > 1 {
        let keys = [Action::SelectDown, Action::SelectUp]
            .iter()
            .filter_map(|a| km.keys(Scope::Detail, *a).first().map(ToString::to_string))
            .collect::<Vec<_>>()
            .join("/");
        out.push(Hint {
            keys,
            label: "select".into(),
        });
    }
    let mut push = |action: Action, label: &str| {
        if let Some(key) = km.keys(Scope::Detail, action).first() {
            out.push(Hint {
                keys: key.to_string(),
                label: label.to_string(),
            });
        }
    };
    if case {
        push(
            Action::Refresh,
            if has_failures(&d.case) {
                "retry"
            } else {
                "refresh"
            },
        );
    }
    if matches!(d.subject, Subject::Account(_))
        && matches!(&d.card, Load::Ready(c) if c.is_expired_on(state.today))
    {
        push(Action::CheckCardUpdater, "card updater");
    }
    if d.subject.has_secret() {
        push(Action::Reveal, if d.revealed { "mask" } else { "reveal" });
    }
    match &d.subject {
        Subject::Customer(_) => {
            push(Action::ShowAccounts, "accounts");
            push(Action::ShowTransfers, "transfers");
        }
        Subject::Account(_) => {
            push(Action::ShowPromotions, "promotions");
            push(Action::PromotionFilter, "promo filter");
            push(Action::ShowPromotionHistory, "history");
            push(
                Action::ShowBillingHistory,
                if d.section == Section::BillingHistory {
                    "date range"
                } else {
                    "billing"
                },
            );
        }
        Subject::Wallet(_) => push(Action::ShowStay, "stay"),
        Subject::Stay(_) if matches!(d.stay_wallet, Load::Ready(Some(_))) => {
            push(Action::Open, "wallet");
        }
        _ => {}
    }
    push(Action::RawJson, if d.raw { "fields" } else { "json" });
    push(Action::CopyId, "copy id");
    push(Action::Pin, "pin");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;
    use crate::app::state::{Environment, Session};
    use crate::domain::customer::{Account, PaymentMethod};

    fn state(read_only: bool) -> State {
        let session = Session {
            profile: "p".into(),
            environment: Environment::Production,
            read_only,
            demo: false,
            insecure: false,
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        State::new(session, Keymap::defaults(), today)
    }

    fn account() -> Detail {
        use crate::domain::customer::{AccountStatus, Modality};
        let account = Account {
            id: "a1".into(),
            customer_id: "c1".into(),
            modality: Modality::Postpaid,
            status: AccountStatus::Active,
            created_at: chrono::DateTime::UNIX_EPOCH,
            billing_address: None,
            payment_method: PaymentMethod::Unknown {
                kind: "INVOICE".into(),
            },
        };
        Detail::new(7, Subject::Account(account))
    }

    #[test]
    fn write_keys_are_shown_and_say_why_they_are_refused() {
        let d = account();
        let hints = detail_hints(&d, &state(false));
        assert_eq!(hints[2].keys, "m");
        assert_eq!(hints[2].label, "payment method");
        let hints = detail_hints(&d, &state(true));
        assert_eq!(hints[2].label, "payment method (read-only profile)");
        assert!(
            !hints.iter().any(|h| h.keys == "c"),
            "no promotion to cancel yet"
        );
    }
}
