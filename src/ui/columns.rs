//! The columns of each resource's table: what is shown, how wide, how important, and which
//! API field sorts it. Sensitive values (IBAN) are masked here, never revealed in a table.

use super::table::{Column, DataToCell};
use crate::app::detail::money;
use crate::domain::cashless::Wallet;
use crate::domain::customer::{Account, Customer};
use crate::domain::time::TimeShown;
use crate::domain::transfer::MoneyOut;

const fn col<T>(
    title: &'static str,
    (min, max): (u16, u16),
    priority: u8,
    sort_field: Option<&'static str>,
    cell: fn(&T, TimeShown) -> String,
) -> Column<T> {
    Column {
        title,
        min,
        max,
        priority,
        sort_field,
        right: false,
        cell,
    }
}

const fn right<T>(mut c: Column<T>) -> Column<T> {
    c.right = true;
    c
}

fn or_dash(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".into())
}

static CUSTOMER_COLUMNS: [Column<Customer>; 8] = [
    col("Name", (14, 30), 0, Some("name"), |c, _| c.name.clone()),
    col("External id", (13, 14), 0, Some("external_id"), |c, _| {
        c.external_id.clone()
    }),
    col("Email", (16, 34), 1, Some("email"), |c, _| {
        or_dash(&c.email)
    }),
    col("Created", (11, 11), 2, Some("created_at"), |c, time| {
        time.date(&c.created_at)
    }),
    col("Type", (10, 10), 3, None, |c, _| c.kind.to_string()),
    col("Segment", (11, 11), 5, None, |c, _| or_dash(&c.segment)),
    col("Phone", (17, 18), 4, None, |c, _| or_dash(&c.phone)),
    col("Id", (36, 36), 6, None, |c, _| c.id.clone()),
];

impl DataToCell for Customer {
    fn columns() -> &'static [Column<Self>] {
        &CUSTOMER_COLUMNS
    }
}

static ACCOUNT_COLUMNS: [Column<Account>; 7] = [
    col("Id", (11, 36), 0, None, |a, _| a.id.clone()),
    col("Status", (11, 11), 0, Some("status"), |a, _| {
        a.status.to_string()
    }),
    col("Modality", (17, 17), 1, Some("modality"), |a, _| {
        a.modality.to_string()
    }),
    col("Created", (12, 12), 0, Some("created_at"), |a, time| {
        time.date(&a.created_at)
    }),
    col("Payment method", (20, 40), 1, None, |a, _| {
        a.payment_method.summary()
    }),
    col("City", (10, 20), 3, None, |a, _| {
        a.billing_address
            .as_ref()
            .map_or_else(|| "—".into(), |b| b.city.clone())
    }),
    col("Customer", (11, 36), 4, None, |a, _| a.customer_id.clone()),
];

impl DataToCell for Account {
    fn columns() -> &'static [Column<Self>] {
        &ACCOUNT_COLUMNS
    }
}

static WALLET_COLUMNS: [Column<Wallet>; 8] = [
    col("Id", (11, 36), 0, None, |w, _| w.id.clone()),
    col("Status", (8, 8), 0, Some("status"), |w, _| {
        w.status.to_string()
    }),
    right(col("Balance", (14, 16), 0, Some("balanceCents"), |w, _| {
        format!("{} {}", money(w.balance), w.currency)
    })),
    col("Mode", (8, 8), 1, None, |w, _| w.mode.to_string()),
    col("Opened", (17, 17), 1, Some("openedAt"), |w, time| {
        time.short(&w.opened_at)
    }),
    col("Medium", (10, 12), 2, None, |w, _| or_dash(&w.medium_ref)),
    col("Stay", (11, 36), 3, None, |w, _| w.stay_id.clone()),
    col("Establishment", (14, 36), 4, None, |w, _| {
        w.establishment_id.clone()
    }),
];

impl DataToCell for Wallet {
    fn columns() -> &'static [Column<Self>] {
        &WALLET_COLUMNS
    }
}

static TRANSFER_COLUMNS: [Column<MoneyOut>; 7] = [
    right(col("Id", (6, 8), 0, Some("id"), |t, _| t.id.to_string())),
    col("Date", (17, 17), 0, Some("operationdate"), |t, time| {
        time.short(&t.operation_date)
    }),
    right(col("Amount", (13, 14), 0, Some("amount"), |t, _| {
        format!("{} EUR", money(t.amount))
    })),
    right(col("Fee+VAT", (8, 10), 1, None, |t, _| {
        t.fee
            .as_ref()
            .map_or_else(|| "—".into(), |f| money(f.amount_with_vat))
    })),
    col("Bank account", (14, 24), 1, None, |t, _| {
        or_dash(&t.bank_account.display_name)
    }),
    col("IBAN", (24, 24), 2, None, |t, _| {
        t.bank_account
            .iban
            .as_ref()
            .map_or_else(|| "—".into(), |i| i.masked())
    }),
    col("BIC", (11, 11), 3, None, |t, _| {
        or_dash(&t.bank_account.bic)
    }),
];

impl DataToCell for MoneyOut {
    fn columns() -> &'static [Column<Self>] {
        &TRANSFER_COLUMNS
    }
}
