//! pxlhub stays (hotel guests): filtered by establishment; a stay opens on its wallet, or
//! says it has none, with the open-a-wallet form one key away.

use super::{
    Column, ExportField, ExportValue, Fetch, Owner, Params, Resource, SortField, boxed, or_dash,
    param,
};
use crate::api::Clients;
use crate::app::detail::Subject;
use crate::app::keymap::Action;
use crate::domain::cashless::Stay;
use crate::domain::{PageRequest, Provider, Sort, SortDir};

pub struct Stays;

static COLUMNS: [Column<Stay>; 6] = [
    Column::new(
        "guest_name",
        "Guest",
        (14, 30),
        0,
        Some("guestName"),
        |s, _| s.guest_name.clone(),
    ),
    Column::new(
        "arrival",
        "Arrival",
        (10, 10),
        0,
        Some("arrival"),
        |s, _| s.arrival.to_string(),
    ),
    Column::new("departure", "Departure", (10, 10), 1, None, |s, _| {
        s.departure.to_string()
    }),
    Column::new(
        "establishment",
        "Establishment",
        (14, 30),
        2,
        None,
        |s, _| or_dash(&s.establishment_name),
    ),
    Column::new("id", "Id", (11, 36), 3, None, |s, _| s.id.clone()),
    Column::new(
        "establishment_id",
        "Establishment id",
        (36, 36),
        5,
        None,
        |s, _| s.establishment_id.clone(),
    ),
];

static EXPORT: [ExportField<Stay>; 6] = [
    ExportField {
        name: "id",
        value: |s| ExportValue::Text(s.id.clone()),
    },
    ExportField {
        name: "guest_name",
        value: |s| ExportValue::Text(s.guest_name.clone()),
    },
    ExportField {
        name: "arrival",
        value: |s| ExportValue::Date(s.arrival),
    },
    ExportField {
        name: "departure",
        value: |s| ExportValue::Date(s.departure),
    },
    ExportField {
        name: "establishment_id",
        value: |s| ExportValue::Text(s.establishment_id.clone()),
    },
    ExportField {
        name: "establishment",
        value: |s| {
            s.establishment_name
                .clone()
                .map_or(ExportValue::Empty, ExportValue::Text)
        },
    },
];

impl Resource for Stays {
    type Row = Stay;
    const NAME: &'static str = "stays";
    const TITLE: &'static str = "Stays";
    const PROVIDER: Provider = Provider::Pxlhub;
    const TAB_ACTION: Action = Action::TabStays;
    const FILTER_HINT: &'static str = "an establishment uuid";
    const SORTS: &'static [SortField] = &[
        SortField {
            api: "arrival",
            label: "arrival",
        },
        SortField {
            api: "guestName",
            label: "guest",
        },
    ];

    fn default_sort() -> Sort {
        Sort::new("arrival", SortDir::Desc)
    }

    fn columns() -> &'static [Column<Stay>] {
        &COLUMNS
    }

    fn export_fields() -> &'static [ExportField<Stay>] {
        &EXPORT
    }

    /// An establishment uuid (`establishment:` may prefix it); anything else is sent as is,
    /// so the provider's own validation message says what is wrong.
    fn params(filter: &str, _owner: Option<&Owner>) -> Params {
        let word = filter.trim().to_ascii_lowercase();
        let id = word
            .strip_prefix("establishment:")
            .unwrap_or(&word)
            .trim()
            .to_string();
        if id.is_empty() {
            return Params::new();
        }
        vec![("establishmentId", id)]
    }

    fn fetch<'a>(c: &'a Clients, params: &'a Params, page: &'a PageRequest) -> Fetch<'a, Stay> {
        boxed(async move {
            let page = c
                .pxlhub()?
                .list_stays(page, param(params, "establishmentId"))
                .await?;
            Ok((page, None))
        })
    }

    fn id(row: &Stay) -> String {
        row.id.clone()
    }

    fn open(row: &Stay, _owner: Option<&Owner>) -> Subject {
        Subject::Stay(row.clone())
    }
}
