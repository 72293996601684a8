//! A detail view's fields as data — groups of (label, value, sensitivity) — labelled for a
//! person, with IBANs masked unless revealed and PANs never more than first 6 + last 4.

use super::detail::{Detail, Load, Section, Subject};
pub use super::format::money;
use crate::domain::card::CardUpdate;
use crate::domain::customer::{Account, PaymentMethod};
use crate::domain::mask::{mask_iban, mask_pan};
use crate::domain::time::TimeShown;
use crate::domain::transfer::MoneyOut;
use chrono::NaiveDate;

/// How a value is treated on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitivity {
    Plain,
    /// Masked unless revealed (IBAN).
    Masked,
    /// Shown revealed after `R` (drawn in a warning colour).
    Revealed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: String,
    pub value: String,
    pub sensitivity: Sensitivity,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub title: String,
    pub fields: Vec<Field>,
}

fn f(label: &str, value: impl Into<String>) -> Field {
    Field {
        label: label.to_string(),
        value: value.into(),
        sensitivity: Sensitivity::Plain,
    }
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".into())
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "—".into()
    } else {
        v.join(", ")
    }
}

fn iban_field(label: &str, iban: &str, revealed: bool) -> Field {
    if revealed {
        Field {
            label: label.into(),
            value: iban.to_string(),
            sensitivity: Sensitivity::Revealed,
        }
    } else {
        Field {
            label: label.into(),
            value: mask_iban(iban),
            sensitivity: Sensitivity::Masked,
        }
    }
}

fn load_line<T>(load: &Load<T>, idle: &str) -> Option<Field> {
    match load {
        Load::Idle => Some(f("", idle)),
        Load::Loading(_) => Some(f("", "loading…")),
        Load::Failed(e) => Some(f("error", e.to_string())),
        Load::Ready(_) => None,
    }
}

/// Lines the detail view draws (error lines aside), so scrolling stops at the end.
pub fn content_lines(d: &Detail, today: NaiveDate) -> usize {
    if d.raw {
        return match &d.raw_body {
            Load::Ready(raw) => raw.body.lines().count() + 3,
            _ => 2,
        };
    }
    let errors = if d.error.is_some() { 5 } else { 0 };
    if matches!(d.subject, Subject::Customer(_)) {
        let time = crate::domain::time::TimeShown::Utc;
        return errors + super::case_lines::case_lines(d, today, time, "r").len();
    }
    errors
        // Only lines are counted here: the zone times are shown in does not change them.
        + groups(d, today, crate::domain::time::TimeShown::Utc)
            .iter()
            .map(|g| g.fields.len() + 2)
            .sum::<usize>()
}

/// The groups of fields for the detail view.
pub fn groups(d: &Detail, today: NaiveDate, time: TimeShown) -> Vec<Group> {
    match &d.subject {
        Subject::Customer(c) => vec![
            Group {
                title: "Customer".into(),
                fields: vec![
                    f("Name", c.name.clone()),
                    f("Type", c.kind.to_string()),
                    f("Segment", opt(&c.segment)),
                    f("External id", c.external_id.clone()),
                    f("Id", c.id.clone()),
                    f("Created", time.minutes(&c.created_at)),
                ],
            },
            Group {
                title: "Contact".into(),
                fields: vec![f("Email", opt(&c.email)), f("Phone", opt(&c.phone))],
            },
            Group {
                title: "Flags".into(),
                fields: vec![
                    f("Special treatment", list(&c.special_treatment)),
                    f("Categories", list(&c.categories)),
                ],
            },
        ],
        Subject::Account(a) => account_groups(d, a, today, time),
        Subject::Wallet(w) => vec![
            Group {
                title: "Wallet".into(),
                fields: vec![
                    f("Id", w.id.clone()),
                    f("Status", w.status.to_string()),
                    f("Mode", w.mode.to_string()),
                    f("Medium", opt(&w.medium_ref)),
                    f("Opened", time.minutes(&w.opened_at)),
                ],
            },
            Group {
                title: "Money".into(),
                fields: vec![
                    f("Balance", format!("{} {}", money(w.balance), w.currency)),
                    f(
                        "Credit limit",
                        w.credit_limit
                            .map_or("—".into(), |c| format!("{} {}", money(c), w.currency)),
                    ),
                ],
            },
            Group {
                title: "Stay".into(),
                fields: vec![
                    f("Stay id", w.stay_id.clone()),
                    f("Establishment", w.establishment_id.clone()),
                ],
            },
        ],
        Subject::Stay(s) => {
            let mut groups = vec![Group {
                title: "Stay".into(),
                fields: vec![
                    f("Guest", s.guest_name.clone()),
                    f("Arrival", s.arrival.to_string()),
                    f("Departure", s.departure.to_string()),
                    f("Establishment", opt(&s.establishment_name)),
                    f("Establishment id", s.establishment_id.clone()),
                    f("Id", s.id.clone()),
                ],
            }];
            // Asked for as soon as the stay is opened.
            if !matches!(d.stay_wallet, Load::Idle) {
                groups.push(Group {
                    title: "Wallet".into(),
                    fields: stay_wallet_fields(&d.stay_wallet, time),
                });
            }
            groups
        }
        Subject::Transfer { user, transfer: t } => transfer_groups(d, user, t, time),
        Subject::Pending { kind, id } => vec![Group {
            title: kind.label().to_string(),
            fields: if d.error.is_some() {
                vec![f("Id", id.clone())]
            } else {
                vec![f("Id", id.clone()), f("", "loading…")]
            },
        }],
    }
}

/// A stay's wallet, or that it has none (the open-a-wallet form is then one key away).
fn stay_wallet_fields(
    load: &Load<Option<crate::domain::cashless::Wallet>>,
    time: TimeShown,
) -> Vec<Field> {
    match load {
        Load::Ready(Some(w)) => vec![
            f("Id", w.id.clone()),
            f("Status", w.status.to_string()),
            f("Mode", w.mode.to_string()),
            f("Balance", format!("{} {}", money(w.balance), w.currency)),
            f("Opened", time.minutes(&w.opened_at)),
        ],
        Load::Ready(None) => vec![f("", "no wallet: this stay has none yet")],
        other => load_line(other, "").into_iter().collect(),
    }
}

fn transfer_groups(d: &Detail, user: &str, t: &MoneyOut, time: TimeShown) -> Vec<Group> {
    let b = &t.bank_account;
    let mut bank = vec![
        f("Name", opt(&b.display_name)),
        f("BIC", opt(&b.bic)),
        f(
            "Bank account id",
            b.id.map_or("—".into(), |i| i.to_string()),
        ),
        f(
            "Own account",
            b.is_mine.map_or("—", |m| if m { "yes" } else { "no" }),
        ),
    ];
    if let Some(iban) = &b.iban {
        bank.insert(1, iban_field("IBAN", iban.reveal(), d.revealed));
    }
    let fee = match &t.fee {
        Some(fee) => vec![
            f("Fee", format!("{} EUR", money(fee.amount))),
            f(
                "VAT",
                fee.vat_percent.map_or("—".into(), |v| format!("{v}%")),
            ),
            f(
                "Fee with VAT",
                format!("{} EUR", money(fee.amount_with_vat)),
            ),
            f("Fee status", fee.status.map_or("—".into(), |s| s.label())),
        ],
        None => vec![f("Fee", "none")],
    };
    let account = t.account.as_ref();
    vec![
        Group {
            title: "Transfer".into(),
            fields: vec![
                f("Id", t.id.to_string()),
                f("Amount", format!("{} EUR", money(t.amount))),
                f("Date", time.minutes(&t.operation_date)),
                f("S-money user", user.to_string()),
                f(
                    "From account",
                    account
                        .and_then(|a| a.display_name.clone())
                        .unwrap_or_else(|| "—".into()),
                ),
                f(
                    "Account ref",
                    account.map_or("—".into(), |a| {
                        format!(
                            "{} (id {})",
                            a.app_account_id.as_deref().unwrap_or("—"),
                            a.id.map_or("—".into(), |i| i.to_string())
                        )
                    }),
                ),
            ],
        },
        Group {
            title: "Fee".into(),
            fields: fee,
        },
        Group {
            title: "Bank account".into(),
            fields: bank,
        },
    ]
}

fn account_groups(d: &Detail, a: &Account, today: NaiveDate, time: TimeShown) -> Vec<Group> {
    let mut out = vec![Group {
        title: "Account".into(),
        fields: vec![
            f("Id", a.id.clone()),
            f("Customer id", a.customer_id.clone()),
            f("Status", a.status.to_string()),
            f("Modality", a.modality.to_string()),
            f("Created", time.minutes(&a.created_at)),
            f(
                "Billing address",
                a.billing_address
                    .as_ref()
                    .map_or("—".into(), |b| b.one_line()),
            ),
        ],
    }];
    let mut pm = vec![f("Type", a.payment_method.kind().to_string())];
    match &a.payment_method {
        PaymentMethod::DirectDebit { iban } => {
            pm.push(iban_field("IBAN", iban.reveal(), d.revealed))
        }
        PaymentMethod::CreditCard { token_id } => {
            pm.push(f("Token", token_id.clone()));
            match &d.card {
                Load::Ready(card) => {
                    pm.push(f("Brand", card.brand.clone()));
                    pm.push(f("Card", mask_pan(&card.masked_pan)));
                    pm.push(f("Expiry", card.expiry()));
                    let expired = card.is_expired_on(today);
                    pm.push(f(
                        "Token status",
                        if expired && card.status.as_str() != "EXPIRED" {
                            format!("{} (expired by date)", card.status)
                        } else {
                            card.status.to_string()
                        },
                    ));
                    if expired {
                        pm.extend(card_update_fields(&d.card_update));
                    }
                }
                other => pm.extend(load_line(other, "card not loaded")),
            }
        }
        PaymentMethod::Unknown { kind } => pm.push(f("Details", format!("unknown type {kind}"))),
    }
    out.push(Group {
        title: "Payment method".into(),
        fields: pm,
    });
    match d.section {
        Section::Overview => {}
        Section::Promotions => out.push(Group {
            title: format!("Promotions ({})", d.promotion_filter),
            fields: match &d.promotions {
                Load::Ready(list) if list.is_empty() => vec![f("", "no promotions")],
                Load::Ready(list) => list
                    .iter()
                    .map(|p| {
                        f(
                            &p.promotion_code,
                            format!(
                                "{} · {} · {} → {} · {}{}",
                                p.name,
                                p.discount,
                                p.start_date,
                                p.end_date.map_or("open".into(), |e| e.to_string()),
                                p.state_on(today).label(),
                                p.cancellation_date
                                    .map_or(String::new(), |c| format!(" (cancelled {c})")),
                            ),
                        )
                    })
                    .collect(),
                other => load_line(other, "").into_iter().collect(),
            },
        }),
        Section::PromotionHistory => out.push(Group {
            title: "Promotion history".into(),
            fields: match &d.history {
                Load::Ready(list) if list.is_empty() => vec![f("", "no history")],
                Load::Ready(list) => list
                    .iter()
                    .map(|h| {
                        f(
                            &time.short(&h.operation_date),
                            format!("{} {}", h.operation, h.promotion_code),
                        )
                    })
                    .collect(),
                other => load_line(other, "").into_iter().collect(),
            },
        }),
        Section::BillingHistory => out.push(Group {
            title: format!(
                "Billing addresses {} → {}",
                d.billing_range.0.map_or("…".into(), |x| x.to_string()),
                d.billing_range.1.map_or("…".into(), |x| x.to_string())
            ),
            fields: match &d.billing {
                Load::Ready(list) if list.is_empty() => {
                    vec![f("", "no address in this range")]
                }
                Load::Ready(list) => list
                    .iter()
                    .map(|r| f(&time.date(&r.create_stamp), r.address.one_line()))
                    .collect(),
                other => load_line(other, "").into_iter().collect(),
            },
        }),
    }
    out
}

fn card_update_fields(load: &Load<CardUpdate>) -> Vec<Field> {
    match load {
        Load::Idle => vec![f("Card updater", "expired card: press u to ask Monext")],
        Load::Loading(_) => vec![f("Card updater", "asking Monext…")],
        Load::Failed(e) => vec![f("Card updater", e.to_string())],
        Load::Ready(u) => match (&u.replacement, u.updated) {
            (Some(r), true) => vec![
                f(
                    "Replacement",
                    format!("{} {}", r.brand, mask_pan(&r.masked_number)),
                ),
                f(
                    "New expiry",
                    format!(
                        "{}/{}",
                        r.expiration_date.get(..2).unwrap_or(""),
                        r.expiration_date.get(2..).unwrap_or("")
                    ),
                ),
                f("New token", r.mx_token.clone()),
            ],
            _ => vec![f("Card updater", "no replacement card known")],
        },
    }
}
