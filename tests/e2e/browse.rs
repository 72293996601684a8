//! Browsing in a real terminal over the embedded sandbox (demo mode), each result checked
//! against the same sandbox's own API.

use super::harness::{block_on, demo, row_text};
use guichet::app::list::thousands;
use guichet::domain::customer::PromotionFilter;
use guichet::domain::{PageRequest, Sort, SortDir};
use guichet::sandbox::demo::fixtures;

#[test]
fn the_first_pane_shows_the_sandbox_customers() {
    let (pty, c) = demo(80, 24);
    let page = PageRequest::first(50).with_sort(Some(Sort::new("name", SortDir::Asc)));
    let api = block_on(
        c.mascustomers()
            .expect("configured")
            .list_customers(&page, None),
    )
    .expect("list");
    let total = api.total.expect("recordTotal");
    pty.wait_text(&format!("of {}", thousands(total)));
    let first = &api.items[0].name;
    pty.wait_for("the first customer on row 4", |s| {
        row_text(s, 4).contains(first.as_str())
    });
}

#[test]
fn filtering_customers_by_name_asks_the_server() {
    let (mut pty, c) = demo(80, 24);
    let page = PageRequest::first(50).with_sort(Some(Sort::new("name", SortDir::Asc)));
    let api = block_on(
        c.mascustomers()
            .expect("configured")
            .list_customers(&page, Some("Martin")),
    )
    .expect("list");
    let total = api.total.expect("recordTotal");
    assert!(total > 0 && total < 2000, "a filter that narrows: {total}");
    pty.send_str("/Martin\r");
    pty.wait_text(&format!(
        "rows 1–{} of {}",
        api.items.len(),
        thousands(total)
    ));
    // The filter line stays above the table: its header on row 4, the first match on row 5.
    let first = &api.items[0].name;
    pty.wait_for("the first match on row 5", |s| {
        row_text(s, 5).contains(first.as_str())
    });
    // Esc on the list clears the filter: the whole list again.
    pty.send_str("/");
    pty.send(b"\x1b");
    pty.wait_text("of 2,000");
}

#[test]
fn the_last_page_of_a_customers_transfers_sorted_by_amount() {
    let (mut pty, c) = demo(120, 40);
    let fx = fixtures(42);
    pty.send_str(&format!(":{}\r", fx.external_id));
    pty.wait_text("External id       C-000001");
    pty.send_str("t");
    pty.wait_text("sorted by operationdate ↓");
    pty.send_str("s");
    pty.wait_text("sorted by amount ↓");
    pty.send_str(">");
    pty.wait_text("· last ·");
    // The API's last page in the same order.
    let smoney = c.smoney().expect("configured");
    // Walk forward until a short page; an empty one means the previous page was the last.
    let mut pages = Vec::new();
    loop {
        let req = PageRequest {
            size: 50,
            page: pages.len() as u32,
            sort: Some(Sort::new("amount", SortDir::Desc)),
        };
        let page = block_on(smoney.list_moneyouts(&fx.smoney_user, &req)).expect("page");
        let short = page.items.len() < 50;
        if !page.items.is_empty() {
            pages.push(page);
        }
        if short {
            break;
        }
    }
    let n = pages.len() - 1;
    let last = &pages[n];
    let first_id = last.items[0].id.to_string();
    let expected_footer = format!("page {} · last", n + 1);
    pty.wait_for("the footer of the last page", |s| {
        s.contents().contains(&expected_footer)
    });
    pty.wait_for("the last page's first transfer", |s| {
        row_text(s, 4)
            .trim_start_matches('│')
            .split_whitespace()
            .next()
            == Some(first_id.as_str())
    });
}

/// The cells of a table row, split where columns are (two spaces or more).
fn cells(row: &str) -> Vec<String> {
    row.trim_matches(|c: char| c == '│' || c.is_whitespace())
        .split("  ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_two_alessia_greco_rows_say_which_holds_accounts_and_promotions() {
    let (mut pty, c) = demo(120, 40);
    let mas = c.mascustomers().expect("configured");
    let page = PageRequest::first(50).with_sort(Some(Sort::new("name", SortDir::Asc)));
    let api = block_on(mas.list_customers(&page, Some("Alessia Greco"))).expect("list");
    let twins: Vec<_> = api
        .items
        .iter()
        .filter(|c| c.name == "Alessia Greco")
        .collect();
    assert_eq!(twins.len(), 2, "the seed has two: {:?}", api.items);
    // What each holds, read from the sandbox's API as the column reads it.
    let expected: Vec<(String, String)> = twins
        .iter()
        .map(|t| {
            let ids = block_on(mas.customer_account_ids(&t.id)).expect("accounts");
            // The column reads the promotions of four accounts at most.
            let promotions: usize = ids
                .iter()
                .take(4)
                .map(|a| {
                    block_on(mas.promotions(a, &PromotionFilter::Active))
                        .expect("promotions")
                        .len()
                })
                .sum();
            let label = guichet::app::names::Holdings {
                accounts: ids.len(),
                promotions,
                partial: ids.len() > 4,
            }
            .label();
            (t.external_id.clone(), label)
        })
        .collect();
    assert_ne!(expected[0].1, expected[1].1, "they differ: {expected:?}");
    pty.send_str("/Alessia Greco\r");
    pty.wait_for("both rows with what they hold", |s| {
        expected.iter().all(|(external_id, label)| {
            (0..s.size().0.get()).any(|r| {
                let cells = cells(&row_text(s, r));
                cells.first().is_some_and(|n| n.contains("Alessia Greco"))
                    && cells.get(1) == Some(label)
                    && cells.get(2) == Some(external_id)
            })
        })
    });
}
