//! S-money moneyouts of one user (`AppUserId`); with no user, the first one S-money lists.
//! No total: the last page is found by probing.

use super::{
    Column, ExportField, ExportValue, Fetch, Fetched, Owner, Params, Resource, SortField, boxed,
    non_empty, or_dash, param,
};
use crate::api::Clients;
use crate::app::format::money;
use crate::app::keymap::Action;
use crate::app::subject::Subject;
use crate::domain::transfer::MoneyOut;
use crate::domain::{ApiError, Currency, ErrorKind, PageRequest, Provider, Sort, SortDir};

pub struct Transfers;

static COLUMNS: [Column<MoneyOut>; 7] = [
    Column::<MoneyOut>::new("id", "Id", (6, 8), 0, Some("id"), |t, _| t.id.to_string()).right(),
    Column::new(
        "operation_date",
        "Date",
        (17, 17),
        0,
        Some("operationdate"),
        |t, time| time.short(&t.operation_date),
    ),
    Column::<MoneyOut>::new("amount", "Amount", (13, 14), 0, Some("amount"), |t, _| {
        format!("{} EUR", money(t.amount))
    })
    .right(),
    Column::<MoneyOut>::new("fee_with_vat", "Fee+VAT", (8, 10), 1, None, |t, _| {
        t.fee
            .as_ref()
            .map_or_else(|| "—".into(), |f| money(f.amount_with_vat))
    })
    .right(),
    Column::new("bank_account", "Bank account", (14, 24), 1, None, |t, _| {
        or_dash(&t.bank_account.display_name)
    }),
    Column::new("iban", "IBAN", (24, 24), 2, None, |t, _| {
        t.bank_account
            .iban
            .as_ref()
            .map_or_else(|| "—".into(), |i| i.masked())
    }),
    Column::new("bic", "BIC", (11, 11), 3, None, |t, _| {
        or_dash(&t.bank_account.bic)
    }),
];

static EXPORT: [ExportField<MoneyOut>; 7] = [
    ExportField {
        name: "id",
        value: |t| ExportValue::Int(t.id),
    },
    ExportField {
        name: "operation_date",
        value: |t| ExportValue::Time(t.operation_date.to_utc()),
    },
    ExportField {
        name: "amount",
        value: |t| ExportValue::Money(t.amount, Currency::EUR),
    },
    ExportField {
        name: "fee_with_vat",
        value: |t| {
            t.fee.as_ref().map_or(ExportValue::Empty, |f| {
                ExportValue::Money(f.amount_with_vat, Currency::EUR)
            })
        },
    },
    ExportField {
        name: "bank_account",
        value: |t| {
            t.bank_account
                .display_name
                .clone()
                .map_or(ExportValue::Empty, ExportValue::Text)
        },
    },
    // Masked: an IBAN leaves the console unmasked only by a separate, recorded choice.
    ExportField {
        name: "iban",
        value: |t| {
            t.bank_account
                .iban
                .as_ref()
                .map_or(ExportValue::Empty, |i| ExportValue::Text(i.masked()))
        },
    },
    ExportField {
        name: "bic",
        value: |t| {
            t.bank_account
                .bic
                .clone()
                .map_or(ExportValue::Empty, ExportValue::Text)
        },
    },
];

/// The user asked for, or the first user S-money lists, with their name when learnt.
async fn user_of(c: &Clients, params: &Params) -> Result<Owner, ApiError> {
    if let Some(user) = param(params, "user") {
        return Ok(Owner {
            id: user.to_string(),
            name: None,
        });
    }
    let users = c.smoney()?.list_users(&PageRequest::first(1)).await?;
    let Some(first) = users.items.into_iter().next() else {
        return Err(ApiError::new(
            Provider::Smoney,
            ErrorKind::NotFound,
            "S-money lists no users",
        ));
    };
    let name = format!("{} {}", first.first_name, first.last_name);
    Ok(Owner {
        id: first.app_user_id,
        name: Some(name.trim().to_string()),
    })
}

async fn fetch(
    c: &Clients,
    params: &Params,
    page: &PageRequest,
    last: bool,
) -> Result<Fetched<MoneyOut>, ApiError> {
    let owner = user_of(c, params).await?;
    let smoney = c.smoney()?;
    let page = if last {
        smoney.last_moneyouts_page(&owner.id, page).await?
    } else {
        smoney.list_moneyouts(&owner.id, page).await?
    };
    Ok((page, Some(owner)))
}

impl Resource for Transfers {
    type Row = MoneyOut;
    const NAME: &'static str = "transfers";
    const TITLE: &'static str = "Transfers";
    const PROVIDER: Provider = Provider::Smoney;
    const TAB_ACTION: Action = Action::TabTransfers;
    const HAS_TOTAL: bool = false;
    const FILTER_HINT: &'static str = "S-money AppUserId (e.g. C-000123)";
    const MONEY_FIELDS: &'static [&'static str] = &["amount", "fee_with_vat"];
    const SORTS: &'static [SortField] = &[
        SortField {
            api: "operationdate",
            label: "date",
        },
        SortField {
            api: "amount",
            label: "amount",
        },
        SortField {
            api: "id",
            label: "id",
        },
    ];

    fn default_sort() -> Sort {
        Sort::new("operationdate", SortDir::Desc)
    }

    fn columns() -> &'static [Column<MoneyOut>] {
        &COLUMNS
    }

    fn export_fields() -> &'static [ExportField<MoneyOut>] {
        &EXPORT
    }

    const CLEAR_FIELDS: &'static [&'static str] = &["iban"];

    fn export_clear(row: &MoneyOut, field: &str) -> Option<ExportValue> {
        match field {
            "iban" => Some(
                row.bank_account
                    .iban
                    .as_ref()
                    .map_or(ExportValue::Empty, |i| ExportValue::Text(i.reveal().into())),
            ),
            _ => None,
        }
    }

    /// A typed user overrides the pane's own (the first user, or the one drilled to).
    fn params(filter: &str, owner: Option<&Owner>) -> Params {
        non_empty(filter)
            .or_else(|| owner.map(|o| o.id.clone()))
            .map(|u| vec![("user", u)])
            .unwrap_or_default()
    }

    fn fetch<'a>(c: &'a Clients, params: &'a Params, page: &'a PageRequest) -> Fetch<'a, MoneyOut> {
        boxed(fetch(c, params, page, false))
    }

    fn fetch_last<'a>(
        c: &'a Clients,
        params: &'a Params,
        page: &'a PageRequest,
    ) -> Option<Fetch<'a, MoneyOut>> {
        Some(boxed(fetch(c, params, page, true)))
    }

    fn id(row: &MoneyOut) -> String {
        row.id.to_string()
    }

    fn open(row: &MoneyOut, owner: Option<&Owner>) -> Subject {
        Subject::Transfer {
            user: owner.map(|o| o.id.clone()).unwrap_or_default(),
            transfer: row.clone(),
        }
    }

    fn title(applied: &str, owner: Option<&Owner>) -> String {
        let noun = Self::TITLE;
        if !applied.is_empty() {
            return format!("{noun} of {applied}");
        }
        match owner {
            Some(Owner { id, name: Some(n) }) => format!("{noun} of {id} ({n})"),
            Some(Owner { id, name: None }) => format!("{noun} of {id}"),
            None => noun.to_string(),
        }
    }
}
