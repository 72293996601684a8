//! Charts in a real terminal over the embedded sandbox: `i` on the Transfers pane draws the
//! user's 24 months, and `i` on the Wallets pane the wallets by establishment; the totals
//! on screen are those computed here from the sandbox's own API.

use super::harness::{Pty, block_on, demo};
use chrono::{Datelike, Months, NaiveDate};
use guichet::domain::{PageRequest, Sort, SortDir};

/// `1234567` cents as the screen writes them: `12,345.67`.
fn amount(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    let units = (c / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}.{:02}", c % 100)
}

fn thousands(n: u64) -> String {
    amount(i64::try_from(n).expect("small") * 100)
        .trim_end_matches(".00")
        .to_string()
}

fn line_with(pty: &Pty, start: &str) -> String {
    pty.contents()
        .lines()
        .find_map(|l| {
            let l = l.trim_start_matches('│');
            l.starts_with(start)
                .then(|| l.trim_end_matches(['│', ' ']).to_string())
        })
        .unwrap_or_else(|| panic!("no line starting {start:?}:\n{}", pty.contents()))
}

#[test]
fn a_users_24_months_on_screen_add_up_to_the_sandboxs_moneyouts() {
    let (mut pty, c) = demo(120, 40);
    pty.send_str("4");
    pty.wait_text("Transfers of C-000001");
    pty.send_str("i");
    pty.wait_for("the complete chart", |s| {
        let t = s.contents();
        t.contains("complete ·") && t.contains("24 months:")
    });
    let today = chrono::Utc::now().date_naive();

    // Every moneyout of the user, page by page, from the API.
    let smoney = c.smoney().expect("configured");
    let mut all = Vec::new();
    for page in 0.. {
        let request = PageRequest {
            size: 200,
            page,
            sort: Some(Sort::new("operationdate", SortDir::Desc)),
        };
        let items = block_on(smoney.list_moneyouts("C-000001", &request))
            .expect("a page")
            .items;
        let short = items.len() < 200;
        all.extend(items);
        if short {
            break;
        }
    }
    let this_month = today.with_day(1).expect("a day");
    let first = this_month
        .checked_sub_months(Months::new(23))
        .expect("a month");
    let next = this_month
        .checked_add_months(Months::new(1))
        .expect("a month");
    let in_range = |from: NaiveDate, to: NaiveDate| {
        let chosen: Vec<_> = all
            .iter()
            .filter(|m| {
                let d = m.operation_date.date_naive();
                d >= from && d < to
            })
            .collect();
        let cents: i64 = chosen.iter().map(|m| m.amount.0).sum();
        (chosen.len() as u64, cents)
    };
    let (count, cents) = in_range(first, next);
    assert!(count > 24, "the fixture user has transfers in most months");
    assert_eq!(
        line_with(&pty, "24 months:"),
        format!(
            "24 months: {} transfers, {} EUR",
            thousands(count),
            amount(cents)
        )
    );

    // The cursor starts on this month; one up is the month before.
    let month_line = |m: NaiveDate, (n, c): (u64, i64)| {
        format!(
            "▸ {} {}: {} transfers, {} EUR",
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
            ][m.month0() as usize],
            m.year(),
            thousands(n),
            amount(c)
        )
    };
    assert_eq!(
        line_with(&pty, "▸ "),
        month_line(this_month, in_range(this_month, next))
    );
    let before = this_month
        .checked_sub_months(Months::new(1))
        .expect("a month");
    pty.send_str("k");
    let want = month_line(before, in_range(before, this_month));
    pty.wait_for("the month before", |s| s.contents().contains(&want));

    // Back, and again: from the cache, at once.
    pty.send_str("\x1b");
    pty.wait_for("the list again", |s| !s.contents().contains("24 months:"));
    pty.send_str("i");
    pty.wait_for("the cached chart", |s| {
        s.contents().contains("(cached; r reloads)")
    });
    let want = format!("24 months: {} transfers", thousands(count));
    pty.wait_for("the cached totals", |s| s.contents().contains(&want));
}

#[test]
fn the_wallets_by_establishment_add_up_to_the_sandboxs_wallets() {
    let (mut pty, c) = demo(120, 40);
    pty.send_str("3");
    pty.wait_text("Wallets");
    pty.wait_text("rows 1–");
    pty.send_str("i");
    pty.wait_for("the complete chart", |s| {
        let t = s.contents();
        t.contains("complete ·") && t.contains("total balance ")
    });
    let pxl = c.pxlhub().expect("configured");
    let mut wallets = Vec::new();
    for page in 0.. {
        let request = PageRequest {
            size: 200,
            page,
            sort: None,
        };
        let p = block_on(pxl.list_wallets(&request, None, None)).expect("a page");
        let short = p.items.len() < 200;
        wallets.extend(p.items);
        if short {
            break;
        }
    }
    let establishments: std::collections::BTreeSet<_> =
        wallets.iter().map(|w| w.establishment_id.clone()).collect();
    let negative = wallets
        .iter()
        .filter(|w| w.mode == guichet::domain::cashless::WalletMode::Postpaid && w.balance.0 < 0)
        .count() as u64;
    assert!(negative > 0, "the seed has postpaid wallets below zero");
    let balance: i64 = wallets.iter().map(|w| w.balance.0).sum();
    // The histogram shares the table's rows, on the right.
    let line = line_with(&pty, &format!("{} establishments", establishments.len()));
    let want = format!(
        "{} establishments, {} wallets, {} postpaid<0",
        establishments.len(),
        thousands(wallets.len() as u64),
        thousands(negative)
    );
    assert!(line.starts_with(&want), "{line:?} is not {want:?}");
    assert!(
        pty.contents()
            .contains(&format!("total balance {} EUR", amount(balance))),
        "{}",
        pty.contents()
    );
}
