//! MasCustomers customers: filtered by name, email or external id (`q`).

use super::{
    Column, ExportField, ExportValue, Fetch, Owner, Params, Resource, SortField, boxed, non_empty,
    or_dash, param,
};
use crate::api::Clients;
use crate::app::detail::Subject;
use crate::app::keymap::Action;
use crate::domain::customer::Customer;
use crate::domain::{PageRequest, Provider, Sort, SortDir};

pub struct Customers;

static COLUMNS: [Column<Customer>; 9] = [
    Column::new("name", "Name", (14, 30), 0, Some("name"), |c, _| {
        c.name.clone()
    }),
    // Her accounts and an active promotion's mark once the list learnt them (asked for
    // after the page, never before it): two customers of one name are told apart. Ten
    // wide, so that at 80 columns it takes the Type column's room rather than the name's.
    Column::<Customer>::new("accounts", "Accounts", (10, 10), 1, None, |c, _| {
        c.id.clone()
    })
    .holdings(),
    Column::new(
        "external_id",
        "External id",
        (13, 14),
        0,
        Some("external_id"),
        |c, _| c.external_id.clone(),
    ),
    Column::new("email", "Email", (16, 34), 1, Some("email"), |c, _| {
        or_dash(&c.email)
    }),
    Column::new(
        "created_at",
        "Created",
        (11, 11),
        2,
        Some("created_at"),
        |c, time| time.date(&c.created_at),
    ),
    Column::new("type", "Type", (10, 10), 3, None, |c, _| c.kind.to_string()),
    Column::new("segment", "Segment", (11, 11), 5, None, |c, _| {
        or_dash(&c.segment)
    }),
    Column::new("phone", "Phone", (17, 18), 4, None, |c, _| {
        or_dash(&c.phone)
    }),
    Column::new("id", "Id", (36, 36), 6, None, |c, _| c.id.clone()),
];

fn text(v: &Option<String>) -> ExportValue {
    v.clone().map_or(ExportValue::Empty, ExportValue::Text)
}

static EXPORT: [ExportField<Customer>; 8] = [
    ExportField {
        name: "id",
        value: |c| ExportValue::Text(c.id.clone()),
    },
    ExportField {
        name: "external_id",
        value: |c| ExportValue::Text(c.external_id.clone()),
    },
    ExportField {
        name: "name",
        value: |c| ExportValue::Text(c.name.clone()),
    },
    ExportField {
        name: "email",
        value: |c| text(&c.email),
    },
    ExportField {
        name: "phone",
        value: |c| text(&c.phone),
    },
    ExportField {
        name: "type",
        value: |c| ExportValue::Text(c.kind.to_string()),
    },
    ExportField {
        name: "segment",
        value: |c| text(&c.segment),
    },
    ExportField {
        name: "created_at",
        value: |c| ExportValue::Time(c.created_at),
    },
];

impl Resource for Customers {
    type Row = Customer;
    const NAME: &'static str = "customers";
    const TITLE: &'static str = "Customers";
    const PROVIDER: Provider = Provider::Mascustomers;
    const TAB_ACTION: Action = Action::TabCustomers;
    const FILTER_HINT: &'static str = "name, email or external id";
    const SORTS: &'static [SortField] = &[
        SortField {
            api: "name",
            label: "name",
        },
        SortField {
            api: "email",
            label: "email",
        },
        SortField {
            api: "external_id",
            label: "external id",
        },
        SortField {
            api: "created_at",
            label: "created",
        },
    ];

    fn default_sort() -> Sort {
        Sort::new("name", SortDir::Asc)
    }

    fn columns() -> &'static [Column<Customer>] {
        &COLUMNS
    }

    fn export_fields() -> &'static [ExportField<Customer>] {
        &EXPORT
    }

    fn params(filter: &str, _owner: Option<&Owner>) -> Params {
        non_empty(filter)
            .map(|q| vec![("q", q)])
            .unwrap_or_default()
    }

    fn fetch<'a>(c: &'a Clients, params: &'a Params, page: &'a PageRequest) -> Fetch<'a, Customer> {
        boxed(async move {
            let page = c
                .mascustomers()?
                .list_customers(page, param(params, "q"))
                .await?;
            Ok((page, None))
        })
    }

    fn id(row: &Customer) -> String {
        row.id.clone()
    }

    fn open(row: &Customer, _owner: Option<&Owner>) -> Subject {
        Subject::Customer(row.clone())
    }
}
