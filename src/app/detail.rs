//! Detail views: the resource shown, its sub-lists (card, promotions, histories) as they
//! load, and its fields as data — groups of (label, value, sensitivity) — for the UI.

use super::effect::Ticket;
use super::list::thousands;
use crate::domain::card::{CardToken, CardUpdate};
use crate::domain::cashless::{Stay, Wallet};
use crate::domain::customer::{
    Account, BillingAddressRecord, Customer, PaymentMethod, Promotion, PromotionFilter,
    PromotionHistoryEntry,
};
use crate::domain::mask::{mask_iban, mask_pan};
use crate::domain::transfer::MoneyOut;
use crate::domain::{ApiError, Cents};
use chrono::NaiveDate;

/// The resource a detail view shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    Customer(Customer),
    Account(Account),
    Wallet(Wallet),
    Stay(Stay),
    Transfer {
        user: String,
        transfer: MoneyOut,
    },
    /// Being fetched (drill-down to a stay).
    Pending {
        what: &'static str,
        id: String,
    },
}

impl Subject {
    pub fn id(&self) -> String {
        match self {
            Subject::Customer(c) => c.id.clone(),
            Subject::Account(a) => a.id.clone(),
            Subject::Wallet(w) => w.id.clone(),
            Subject::Stay(s) => s.id.clone(),
            Subject::Transfer { transfer, .. } => transfer.id.to_string(),
            Subject::Pending { id, .. } => id.clone(),
        }
    }

    /// For breadcrumbs and titles.
    pub fn title(&self) -> String {
        match self {
            Subject::Customer(c) => format!("Customer {}", c.name),
            Subject::Account(a) => format!("Account {}", short_id(&a.id)),
            Subject::Wallet(w) => format!("Wallet {}", short_id(&w.id)),
            Subject::Stay(s) => format!("Stay {}", s.guest_name),
            Subject::Transfer { transfer, .. } => format!("Transfer {}", transfer.id),
            Subject::Pending { what, id } => format!("{what} {}", short_id(id)),
        }
    }

    /// Whether something masked could be revealed.
    pub fn has_secret(&self) -> bool {
        match self {
            Subject::Account(a) => matches!(a.payment_method, PaymentMethod::DirectDebit { .. }),
            Subject::Transfer { transfer, .. } => transfer.bank_account.iban.is_some(),
            _ => false,
        }
    }

    /// What a reveal shows, masked, for the log line.
    pub fn secret_masked(&self) -> Option<String> {
        match self {
            Subject::Account(a) => match &a.payment_method {
                PaymentMethod::DirectDebit { iban } => {
                    Some(format!("IBAN {} of account {}", iban.masked(), a.id))
                }
                _ => None,
            },
            Subject::Transfer { transfer, user } => transfer.bank_account.iban.as_ref().map(|i| {
                format!(
                    "IBAN {} of transfer {} (user {user})",
                    i.masked(),
                    transfer.id
                )
            }),
            _ => None,
        }
    }
}

/// First 8 characters of a uuid.
pub fn short_id(id: &str) -> String {
    let mut s: String = id.chars().take(8).collect();
    if id.chars().count() > 8 {
        s.push('…');
    }
    s
}

/// A sub-request's progress.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Load<T> {
    #[default]
    Idle,
    Loading(Ticket),
    Ready(T),
    Failed(ApiError),
}

impl<T> Load<T> {
    pub fn ticket(&self) -> Option<Ticket> {
        match self {
            Load::Loading(t) => Some(*t),
            _ => None,
        }
    }
}

/// Which part of an account's detail is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Overview,
    Promotions,
    PromotionHistory,
    BillingHistory,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub subject: Subject,
    /// Loading the subject itself (drill-down, go-to).
    pub pending: Option<Ticket>,
    pub error: Option<ApiError>,
    pub raw: bool,
    pub revealed: bool,
    pub scroll: u16,
    pub section: Section,
    pub card: Load<CardToken>,
    pub card_update: Load<CardUpdate>,
    pub promotions: Load<Vec<Promotion>>,
    pub promotion_filter: PromotionFilter,
    pub history: Load<Vec<PromotionHistoryEntry>>,
    pub billing: Load<Vec<BillingAddressRecord>>,
    pub billing_range: (Option<NaiveDate>, Option<NaiveDate>),
}

impl Detail {
    pub fn new(subject: Subject) -> Detail {
        Detail {
            subject,
            pending: None,
            error: None,
            raw: false,
            revealed: false,
            scroll: 0,
            section: Section::Overview,
            card: Load::Idle,
            card_update: Load::Idle,
            promotions: Load::Idle,
            promotion_filter: PromotionFilter::All,
            history: Load::Idle,
            billing: Load::Idle,
            billing_range: (None, None),
        }
    }

    /// Every ticket this view waits on.
    pub fn tickets(&self) -> Vec<Ticket> {
        [
            self.pending,
            self.card.ticket(),
            self.card_update.ticket(),
            self.promotions.ticket(),
            self.history.ticket(),
            self.billing.ticket(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    pub fn loading(&self) -> bool {
        !self.tickets().is_empty()
    }
}

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

/// Cents as `1,234.56`.
pub fn money(c: Cents) -> String {
    let neg = c.0 < 0;
    let abs = c.0.unsigned_abs();
    format!(
        "{}{}.{:02}",
        if neg { "-" } else { "" },
        thousands(abs / 100),
        abs % 100
    )
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

/// The groups of fields for the detail view.
pub fn groups(d: &Detail, today: NaiveDate) -> Vec<Group> {
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
                    f(
                        "Created",
                        c.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                    ),
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
        Subject::Account(a) => account_groups(d, a, today),
        Subject::Wallet(w) => vec![
            Group {
                title: "Wallet".into(),
                fields: vec![
                    f("Id", w.id.clone()),
                    f("Status", w.status.to_string()),
                    f("Mode", w.mode.to_string()),
                    f("Medium", opt(&w.medium_ref)),
                    f(
                        "Opened",
                        w.opened_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                    ),
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
        Subject::Stay(s) => vec![Group {
            title: "Stay".into(),
            fields: vec![
                f("Guest", s.guest_name.clone()),
                f("Arrival", s.arrival.to_string()),
                f("Departure", s.departure.to_string()),
                f("Establishment", opt(&s.establishment_name)),
                f("Establishment id", s.establishment_id.clone()),
                f("Id", s.id.clone()),
            ],
        }],
        Subject::Transfer { user, transfer: t } => transfer_groups(d, user, t),
        Subject::Pending { what, id } => vec![Group {
            title: (*what).to_string(),
            fields: if d.error.is_some() {
                vec![f("Id", id.clone())]
            } else {
                vec![f("Id", id.clone()), f("", "loading…")]
            },
        }],
    }
}

fn transfer_groups(d: &Detail, user: &str, t: &MoneyOut) -> Vec<Group> {
    let b = &t.bank_account;
    let mut bank = vec![
        f("Name", opt(&b.display_name)),
        f("BIC", opt(&b.bic)),
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
                f(
                    "Date",
                    t.operation_date.format("%Y-%m-%d %H:%M %:z").to_string(),
                ),
                f("S-money user", user.to_string()),
                f(
                    "From account",
                    account
                        .and_then(|a| a.display_name.clone().or(a.app_account_id.clone()))
                        .unwrap_or_else(|| "—".into()),
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

fn account_groups(d: &Detail, a: &Account, today: NaiveDate) -> Vec<Group> {
    let mut out = vec![Group {
        title: "Account".into(),
        fields: vec![
            f("Id", a.id.clone()),
            f("Customer id", a.customer_id.clone()),
            f("Status", a.status.to_string()),
            f("Modality", a.modality.to_string()),
            f(
                "Created",
                a.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            ),
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
                            &h.operation_date.format("%Y-%m-%d %H:%M").to_string(),
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
                    .map(|r| {
                        f(
                            &r.create_stamp.format("%Y-%m-%d").to_string(),
                            r.address.one_line(),
                        )
                    })
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

/// The subject as JSON for the raw view, with IBANs and PANs masked unless revealed.
pub fn json(d: &Detail) -> serde_json::Value {
    let mut v = match &d.subject {
        Subject::Customer(c) => serde_json::to_value(c),
        Subject::Account(a) => serde_json::to_value(a),
        Subject::Wallet(w) => serde_json::to_value(w),
        Subject::Stay(s) => serde_json::to_value(s),
        Subject::Transfer { transfer, .. } => serde_json::to_value(transfer),
        Subject::Pending { id, .. } => Ok(serde_json::json!({ "id": id })),
    }
    .unwrap_or(serde_json::Value::Null);
    if let (Subject::Account(_), Load::Ready(card)) = (&d.subject, &d.card)
        && let serde_json::Value::Object(map) = &mut v
    {
        map.insert(
            "card".into(),
            serde_json::to_value(card).unwrap_or(serde_json::Value::Null),
        );
    }
    mask_json(&mut v, d.revealed);
    v
}

fn mask_json(v: &mut serde_json::Value, revealed: bool) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                let key = k.to_ascii_lowercase();
                match val {
                    serde_json::Value::String(s) if key == "iban" && !revealed => {
                        *s = mask_iban(s);
                    }
                    serde_json::Value::String(s)
                        if key.contains("pan") || key == "masked_number" =>
                    {
                        *s = mask_pan(s);
                    }
                    other => mask_json(other, revealed),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                mask_json(item, revealed);
            }
        }
        _ => {}
    }
}
