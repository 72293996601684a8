//! The lines a customer's case shows, as data: identity and flags, each account (status,
//! modality, payment method, card, updater, active promotions, next end date), the
//! transfers (12-month count and total, the last five) and the Timeline. A line that names
//! something opens it; the cursor moves over those lines only.

use super::case::{Case, CaseAccount, CaseTransfers, Target, timeline, year_before};
use super::detail::{Detail, Load, Subject};
use super::format::money;
use crate::domain::ApiError;
use crate::domain::customer::PaymentMethod;
use crate::domain::mask::mask_pan;
use crate::domain::time::TimeShown;
use chrono::NaiveDate;

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Title,
    Plain,
    Muted,
    /// Drawn with the spinner: the section is loading.
    Loading,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseLine {
    pub label: String,
    pub value: String,
    pub tone: Tone,
    pub opens: Option<Target>,
    /// What the line stands for across reads (its section and what it names), the key
    /// watch mode marks it by (`app::watched`); empty for titles and blank lines.
    pub key: String,
}

/// The label of the transfers' line that the UI fills with a sparkline of the months.
pub const SPARKLINE: &str = "by month";

fn line(label: impl Into<String>, value: impl Into<String>, tone: Tone) -> CaseLine {
    CaseLine {
        label: label.into(),
        value: value.into(),
        tone,
        opens: None,
        key: String::new(),
    }
}

/// Keys the lines `out[from..]` not keyed yet under `scope`: a line that names something
/// by what it names, a Timeline line by all it says (two events may share a minute and a
/// target), the others by their label. Titles and blank lines keep no key.
fn keyed(out: &mut [CaseLine], from: usize, scope: &str) {
    for l in out.iter_mut().skip(from) {
        if !l.key.is_empty() || l.tone == Tone::Title || (l.label.is_empty() && l.value.is_empty())
        {
            continue;
        }
        let what = match &l.opens {
            _ if scope == TIMELINE => format!("{} {}", l.label, l.value),
            Some(Target::Account(_)) => String::new(),
            Some(Target::Promotion { promotion_id, .. }) => format!("promotion {promotion_id}"),
            Some(Target::Transfer(id)) => format!("#{id}"),
            None => l.label.trim().to_string(),
        };
        l.key = format!("{scope}/{what}");
    }
}

const TIMELINE: &str = "Timeline";

fn title(text: impl Into<String>) -> CaseLine {
    line("", text, Tone::Title)
}

fn opens(mut l: CaseLine, target: Target) -> CaseLine {
    l.opens = Some(target);
    l
}

/// A section that is not `Ready`: its spinner, or its error with the retry key.
fn pending<T>(load: &Load<T>, what: &str, retry: &str) -> Option<CaseLine> {
    match load {
        Load::Idle => Some(line("", format!("{what} not asked yet"), Tone::Muted)),
        Load::Loading(_) => Some(line("", format!("loading {what}…"), Tone::Loading)),
        Load::Failed(e) => Some(error_line(e, retry)),
        Load::Ready(_) => None,
    }
}

fn error_line(e: &ApiError, retry: &str) -> CaseLine {
    line("error", format!("{e} — {retry} retries"), Tone::Error)
}

/// Every line of the case of `d` (a customer's detail), in order.
#[must_use]
pub fn case_lines(d: &Detail, today: NaiveDate, time: TimeShown, retry: &str) -> Vec<CaseLine> {
    let mut out = Vec::new();
    let Subject::Customer(customer) = &d.subject else {
        return out;
    };
    let c = customer;
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    out.push(title("Customer"));
    out.push(line(
        "Name",
        format!("{} ({}, {})", c.name, c.kind, dash(&c.segment)),
        Tone::Plain,
    ));
    out.push(line("External id", c.external_id.clone(), Tone::Plain));
    out.push(line("Id", c.id.clone(), Tone::Plain));
    out.push(line(
        "Contact",
        format!("{} · {}", dash(&c.email), dash(&c.phone)),
        Tone::Plain,
    ));
    let flags = if c.special_treatment.is_empty() {
        "no special treatment".to_string()
    } else {
        format!("special treatment: {}", c.special_treatment.join(", "))
    };
    let categories = if c.categories.is_empty() {
        "no categories".to_string()
    } else {
        c.categories.join(", ")
    };
    out.push(line(
        "Flags",
        format!("{flags} · {categories}"),
        if c.special_treatment.is_empty() {
            Tone::Plain
        } else {
            Tone::Warning
        },
    ));
    out.push(line("Created", time.minutes(&c.created_at), Tone::Plain));
    keyed(&mut out, 0, "Customer");
    let case = &d.case;
    out.push(line("", "", Tone::Plain));
    accounts(&mut out, case, today, retry);
    out.push(line("", "", Tone::Plain));
    let from = out.len();
    out.push(title(format!(
        "Transfers (S-money {})",
        customer.external_id
    )));
    match &case.transfers {
        Load::Ready(t) => transfers(&mut out, t, today, time),
        other => out.extend(pending(other, "transfers", retry)),
    }
    keyed(&mut out, from, "Transfers");
    out.push(line("", "", Tone::Plain));
    let from = out.len();
    timeline_lines(&mut out, case, time, retry);
    keyed(&mut out, from, TIMELINE);
    out
}

fn accounts(out: &mut Vec<CaseLine>, case: &Case, today: NaiveDate, retry: &str) {
    let list = match &case.accounts {
        Load::Ready(list) => list,
        other => {
            let from = out.len();
            out.push(title("Accounts"));
            out.extend(pending(other, "accounts", retry));
            keyed(out, from, "Accounts");
            return;
        }
    };
    out.push(title(format!("Accounts ({})", list.len())));
    if list.is_empty() {
        let from = out.len();
        out.push(line("", "no accounts", Tone::Muted));
        keyed(out, from, "Accounts");
    }
    for a in list {
        let from = out.len();
        account(out, a, today, retry);
        keyed(out, from, &format!("Account {}", a.account.id));
    }
}

fn account(out: &mut Vec<CaseLine>, a: &CaseAccount, today: NaiveDate, retry: &str) {
    let acc = &a.account;
    out.push(opens(
        line(
            super::case::account_short(acc),
            format!("{} · {}", acc.status, acc.modality),
            Tone::Plain,
        ),
        Target::Account(acc.id.clone()),
    ));
    match &acc.payment_method {
        PaymentMethod::DirectDebit { iban } => {
            out.push(line(
                "  payment",
                format!("DIRECT_DEBIT {}", iban.masked()),
                Tone::Plain,
            ));
        }
        PaymentMethod::Unknown { kind } => {
            out.push(line(
                "  payment",
                format!("unknown type {kind}"),
                Tone::Muted,
            ));
        }
        PaymentMethod::CreditCard { .. } => match &a.card {
            Load::Ready(card) => {
                let expired = card.is_expired_on(today);
                out.push(line(
                    "  payment",
                    format!(
                        "CREDIT_CARD {} {} exp {}{}",
                        card.brand,
                        mask_pan(&card.masked_pan),
                        card.expiry(),
                        if expired { " — expired" } else { "" }
                    ),
                    if expired { Tone::Warning } else { Tone::Plain },
                ));
                if expired {
                    out.push(updater(&a.card_update, retry));
                }
            }
            other => out.extend(pending(other, "card", retry).map(|mut l| {
                l.label = "  payment".into();
                l
            })),
        },
    }
    match &a.promotions {
        Load::Ready(list) => {
            if list.is_empty() {
                out.push(line("  promotions", "no active promotion", Tone::Muted));
            }
            for p in list {
                out.push(opens(
                    line(
                        format!("  {}", p.promotion_code),
                        format!(
                            "{} · {} · {} → {}",
                            p.name,
                            p.discount,
                            p.start_date,
                            p.end_date.map_or("open".into(), |e| e.to_string())
                        ),
                        Tone::Plain,
                    ),
                    Target::Promotion {
                        account_id: acc.id.clone(),
                        promotion_id: p.id.clone(),
                    },
                ));
            }
            if let Some(end) = a.next_end(today) {
                out.push(line("  next end", end.to_string(), Tone::Plain));
            }
        }
        other => out.extend(pending(other, "promotions", retry).map(|mut l| {
            l.label = "  promotions".into();
            l
        })),
    }
}

fn updater(load: &Load<crate::domain::card::CardUpdate>, retry: &str) -> CaseLine {
    match load {
        Load::Ready(u) => match (&u.replacement, u.updated) {
            (Some(r), true) => line(
                "  card updater",
                format!(
                    "Monext knows a replacement: {} {} exp {}/{}",
                    r.brand,
                    mask_pan(&r.masked_number),
                    r.expiration_date.get(..2).unwrap_or(""),
                    r.expiration_date.get(2..).unwrap_or("")
                ),
                Tone::Warning,
            ),
            _ => line("  card updater", "no replacement card known", Tone::Muted),
        },
        other => pending(other, "the card updater", retry)
            .map(|mut l| {
                l.label = "  card updater".into();
                l
            })
            .unwrap_or_else(|| line("", "", Tone::Plain)),
    }
}

fn transfers(out: &mut Vec<CaseLine>, t: &CaseTransfers, today: NaiveDate, time: TimeShown) {
    if t.no_user {
        out.push(line(
            "",
            "S-money has no user with this external id",
            Tone::Muted,
        ));
        return;
    }
    let (count, total) = t.summary(year_before(today));
    let at_least = if t.complete { "" } else { "at least " };
    out.push(line(
        "last 12 months",
        format!(
            "{at_least}{count} transfer{}, {at_least}{} EUR",
            if count == 1 { "" } else { "s" },
            money(total)
        ),
        Tone::Plain,
    ));
    // Its value, a sparkline of the months, is drawn by the UI (`ui::chart`).
    out.push(line(SPARKLINE, "", Tone::Plain));
    if t.items.is_empty() {
        out.push(line("", "no transfers", Tone::Muted));
    }
    for m in t.last() {
        out.push(opens(
            line(
                time.short(&m.operation_date),
                format!(
                    "{} EUR to {} · #{}",
                    money(m.amount),
                    m.bank_account.display_name.as_deref().unwrap_or("—"),
                    m.id
                ),
                Tone::Plain,
            ),
            Target::Transfer(m.id),
        ));
    }
}

fn timeline_lines(out: &mut Vec<CaseLine>, case: &Case, time: TimeShown, retry: &str) {
    out.push(title(TIMELINE));
    // What is still missing is said first: the Timeline fills in as sections answer.
    let mut waiting = Vec::new();
    let mut failed = Vec::new();
    let mut note = |what: &'static str, loading: bool, error: Option<&ApiError>| {
        if loading {
            waiting.push(what);
        }
        if let Some(e) = error {
            failed.push((what, e.clone()));
        }
    };
    fn loading<T>(l: &Load<T>) -> bool {
        matches!(l, Load::Loading(_) | Load::Idle)
    }
    note("accounts", loading(&case.accounts), err_of(&case.accounts));
    note(
        "transfers",
        loading(&case.transfers),
        err_of(&case.transfers),
    );
    note("journal", loading(&case.journal), err_of(&case.journal));
    if let Load::Ready(list) = &case.accounts {
        let histories = list
            .iter()
            .any(|a| loading(&a.history) || loading(&a.billing));
        let error = list
            .iter()
            .find_map(|a| err_of(&a.history).or(err_of(&a.billing)));
        note("histories", histories, error);
    }
    if !waiting.is_empty() {
        out.push(line(
            "",
            format!("loading {}…", waiting.join(", ")),
            Tone::Loading,
        ));
    }
    for (what, e) in failed {
        out.push(line(
            "",
            format!("without the {what}: {e} — {retry} retries"),
            Tone::Error,
        ));
    }
    let events = timeline(case);
    if events.is_empty() && waiting.is_empty() {
        out.push(line("", "nothing dated yet", Tone::Muted));
    }
    for e in events {
        let mut l = line(
            time.short(&e.at),
            format!("{:<12} {}", e.source, e.text),
            Tone::Plain,
        );
        // By its instant, not the zone it is shown in, so showing another zone changes
        // no event.
        l.key = format!("{TIMELINE}/{} {} {}", e.at.to_rfc3339(), e.source, e.text);
        out.push(match e.opens {
            Some(t) => opens(l, t),
            None => l,
        });
    }
}

fn err_of<T>(l: &Load<T>) -> Option<&ApiError> {
    match l {
        Load::Failed(e) => Some(e),
        _ => None,
    }
}

/// The index (among all lines) of the selectable line the cursor is on.
pub fn cursor_line(lines: &[CaseLine], cursor: usize) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.opens.is_some())
        .nth(cursor)
        .map(|(i, _)| i)
}

/// How many lines open something.
pub fn selectable(lines: &[CaseLine]) -> usize {
    lines.iter().filter(|l| l.opens.is_some()).count()
}
