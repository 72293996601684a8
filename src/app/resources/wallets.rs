//! pxlhub wallets: filtered by `status:open|closed` and/or an establishment uuid.

use super::{
    Column, ExportField, ExportValue, Fetch, Owner, Params, Resource, SortField, boxed, is_uuid,
    or_dash, param,
};
use crate::api::Clients;
use crate::app::format::money;
use crate::app::keymap::Action;
use crate::app::subject::Subject;
use crate::domain::cashless::Wallet;
use crate::domain::{PageRequest, Provider, Sort, SortDir};

pub struct Wallets;

static COLUMNS: [Column<Wallet>; 8] = [
    Column::new("id", "Id", (11, 36), 0, None, |w, _| w.id.clone()),
    Column::new("status", "Status", (8, 8), 0, Some("status"), |w, _| {
        w.status.to_string()
    }),
    Column::<Wallet>::new(
        "balance",
        "Balance",
        (14, 16),
        0,
        Some("balanceCents"),
        |w, _| format!("{} {}", money(w.balance), w.currency),
    )
    .right(),
    Column::new("mode", "Mode", (8, 8), 1, None, |w, _| w.mode.to_string()),
    Column::new(
        "opened_at",
        "Opened",
        (17, 17),
        1,
        Some("openedAt"),
        |w, time| time.short(&w.opened_at),
    ),
    Column::new("medium_ref", "Medium", (10, 12), 2, None, |w, _| {
        or_dash(&w.medium_ref)
    }),
    Column::new("stay_id", "Stay", (11, 36), 3, None, |w, _| {
        w.stay_id.clone()
    }),
    Column::new(
        "establishment_id",
        "Establishment",
        (14, 36),
        4,
        None,
        |w, _| w.establishment_id.clone(),
    ),
];

static EXPORT: [ExportField<Wallet>; 9] = [
    ExportField {
        name: "id",
        value: |w| ExportValue::Text(w.id.clone()),
    },
    ExportField {
        name: "stay_id",
        value: |w| ExportValue::Text(w.stay_id.clone()),
    },
    ExportField {
        name: "establishment_id",
        value: |w| ExportValue::Text(w.establishment_id.clone()),
    },
    ExportField {
        name: "status",
        value: |w| ExportValue::Text(w.status.to_string()),
    },
    ExportField {
        name: "mode",
        value: |w| ExportValue::Text(w.mode.to_string()),
    },
    ExportField {
        name: "balance",
        value: |w| ExportValue::Money(w.balance, w.currency),
    },
    ExportField {
        name: "credit_limit",
        value: |w| {
            w.credit_limit
                .map_or(ExportValue::Empty, |c| ExportValue::Money(c, w.currency))
        },
    },
    ExportField {
        name: "medium_ref",
        value: |w| {
            w.medium_ref
                .clone()
                .map_or(ExportValue::Empty, ExportValue::Text)
        },
    },
    ExportField {
        name: "opened_at",
        value: |w| ExportValue::Time(w.opened_at),
    },
];

/// `status:open 3f2a…` → status and establishment; a bare word that is not a uuid is taken
/// as a status, so `open` works too.
fn filter_params(text: &str) -> Params {
    let (mut establishment, mut status) = (None, None);
    for word in text.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        if let Some(s) = lower.strip_prefix("status:") {
            if !s.is_empty() {
                status = Some(s.to_string());
            }
        } else if let Some(e) = lower
            .strip_prefix("establishment:")
            .or_else(|| lower.strip_prefix("establishmentid:"))
        {
            if !e.is_empty() {
                establishment = Some(e.to_string());
            }
        } else if is_uuid(&lower) {
            establishment = Some(lower);
        } else {
            status = Some(lower);
        }
    }
    let mut params = Params::new();
    if let Some(e) = establishment {
        params.push(("establishmentId", e));
    }
    if let Some(s) = status {
        params.push(("status", s));
    }
    params
}

impl Resource for Wallets {
    type Row = Wallet;
    const NAME: &'static str = "wallets";
    const TITLE: &'static str = "Wallets";
    const PROVIDER: Provider = Provider::Pxlhub;
    const TAB_ACTION: Action = Action::TabWallets;
    const FILTER_HINT: &'static str = "status:open|closed and/or an establishment uuid";
    const MONEY_FIELDS: &'static [&'static str] = &["balance", "credit_limit"];
    const SORTS: &'static [SortField] = &[
        SortField {
            api: "openedAt",
            label: "opened",
        },
        SortField {
            api: "balanceCents",
            label: "balance",
        },
        SortField {
            api: "status",
            label: "status",
        },
    ];

    fn default_sort() -> Sort {
        Sort::new("openedAt", SortDir::Desc)
    }

    fn columns() -> &'static [Column<Wallet>] {
        &COLUMNS
    }

    fn export_fields() -> &'static [ExportField<Wallet>] {
        &EXPORT
    }

    fn params(filter: &str, _owner: Option<&Owner>) -> Params {
        filter_params(filter)
    }

    fn fetch<'a>(c: &'a Clients, params: &'a Params, page: &'a PageRequest) -> Fetch<'a, Wallet> {
        boxed(async move {
            let page = c
                .pxlhub()?
                .list_wallets(
                    page,
                    param(params, "establishmentId"),
                    param(params, "status"),
                )
                .await?;
            Ok((page, None))
        })
    }

    fn id(row: &Wallet) -> String {
        row.id.clone()
    }

    fn open(row: &Wallet, _owner: Option<&Owner>) -> Subject {
        Subject::Wallet(row.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wallet_filter_syntax() {
        let p = filter_params("status:open 3F2A0000-0000-4000-8000-000000000001");
        assert_eq!(param(&p, "status"), Some("open"));
        assert_eq!(
            param(&p, "establishmentId"),
            Some("3f2a0000-0000-4000-8000-000000000001")
        );
        assert_eq!(param(&filter_params("closed"), "status"), Some("closed"));
        assert!(filter_params("  ").is_empty());
    }
}
