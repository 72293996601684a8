//! MasCustomers accounts: filtered by customer id (a customer's accounts are this list
//! with the customer's id as its filter).

use super::{
    Column, ExportField, ExportValue, Fetch, Owner, Params, Resource, SortField, boxed, non_empty,
    param,
};
use crate::api::Clients;
use crate::app::keymap::Action;
use crate::app::subject::{Subject, short_id};
use crate::domain::customer::{Account, PaymentMethod};
use crate::domain::{PageRequest, Provider, Sort, SortDir};

pub struct Accounts;

static COLUMNS: [Column<Account>; 7] = [
    Column::new("id", "Id", (11, 36), 0, None, |a, _| a.id.clone()),
    Column::new("status", "Status", (11, 11), 0, Some("status"), |a, _| {
        a.status.to_string()
    }),
    Column::new(
        "modality",
        "Modality",
        (17, 17),
        2,
        Some("modality"),
        |a, _| a.modality.to_string(),
    ),
    Column::new(
        "created_at",
        "Created",
        (12, 12),
        0,
        Some("created_at"),
        |a, time| time.date(&a.created_at),
    ),
    Column::new(
        "payment_method",
        "Payment method",
        (20, 40),
        1,
        None,
        |a, _| a.payment_method.summary(),
    ),
    Column::new("city", "City", (10, 20), 3, None, |a, _| {
        a.billing_address
            .as_ref()
            .map_or_else(|| "—".into(), |b| b.city.clone())
    }),
    // Her name once the list learnt it (asked for after the page, never before it).
    Column::<Account>::new("customer_id", "Customer", (14, 30), 1, None, |a, _| {
        a.customer_id.clone()
    })
    .customer(),
];

static EXPORT: [ExportField<Account>; 7] = [
    ExportField {
        name: "id",
        value: |a| ExportValue::Text(a.id.clone()),
    },
    ExportField {
        name: "customer_id",
        value: |a| ExportValue::Text(a.customer_id.clone()),
    },
    ExportField {
        name: "status",
        value: |a| ExportValue::Text(a.status.to_string()),
    },
    ExportField {
        name: "modality",
        value: |a| ExportValue::Text(a.modality.to_string()),
    },
    ExportField {
        name: "created_at",
        value: |a| ExportValue::Time(a.created_at),
    },
    // Masked: an IBAN leaves the console unmasked only by a separate, recorded choice.
    ExportField {
        name: "payment_method",
        value: |a| ExportValue::Text(a.payment_method.summary()),
    },
    ExportField {
        name: "city",
        value: |a| {
            a.billing_address
                .as_ref()
                .map_or(ExportValue::Empty, |b| ExportValue::Text(b.city.clone()))
        },
    },
];

impl Resource for Accounts {
    type Row = Account;
    const NAME: &'static str = "accounts";
    const TITLE: &'static str = "Accounts";
    const PROVIDER: Provider = Provider::Mascustomers;
    const TAB_ACTION: Action = Action::TabAccounts;
    const FILTER_HINT: &'static str = "customer id (uuid)";
    const SORTS: &'static [SortField] = &[
        SortField {
            api: "created_at",
            label: "created",
        },
        SortField {
            api: "status",
            label: "status",
        },
        SortField {
            api: "modality",
            label: "modality",
        },
    ];

    fn default_sort() -> Sort {
        Sort::new("created_at", SortDir::Desc)
    }

    fn columns() -> &'static [Column<Account>] {
        &COLUMNS
    }

    fn export_fields() -> &'static [ExportField<Account>] {
        &EXPORT
    }

    const CLEAR_FIELDS: &'static [&'static str] = &["payment_method"];

    fn export_clear(row: &Account, field: &str) -> Option<ExportValue> {
        match (field, &row.payment_method) {
            ("payment_method", PaymentMethod::DirectDebit { iban }) => {
                Some(ExportValue::Text(format!("DIRECT_DEBIT {}", iban.reveal())))
            }
            _ => None,
        }
    }

    fn params(filter: &str, _owner: Option<&Owner>) -> Params {
        non_empty(filter)
            .map(|id| vec![("customer_id", id.to_ascii_lowercase())])
            .unwrap_or_default()
    }

    fn fetch<'a>(c: &'a Clients, params: &'a Params, page: &'a PageRequest) -> Fetch<'a, Account> {
        boxed(async move {
            let page = c
                .mascustomers()?
                .list_accounts(page, param(params, "customer_id"))
                .await?;
            Ok((page, None))
        })
    }

    fn id(row: &Account) -> String {
        row.id.clone()
    }

    fn open(row: &Account, _owner: Option<&Owner>) -> Subject {
        Subject::Account(row.clone())
    }

    /// `Accounts of Élodie Martin` when drilled from her detail, else the id typed.
    fn title(applied: &str, owner: Option<&Owner>) -> String {
        match owner {
            _ if applied.is_empty() => Self::TITLE.to_string(),
            Some(Owner { id, name: Some(n) }) if id.eq_ignore_ascii_case(applied) => {
                format!("{} of {n}", Self::TITLE)
            }
            _ => format!("{} of {}", Self::TITLE, short_id(applied)),
        }
    }
}
