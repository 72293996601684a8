//! Snapshots on the seeded sandbox (seed 42). Names, ids and order come from the seed; the
//! seed's dates follow the current day, so dates and times are blanked before comparing.

use super::console::start;
use guichet::sandbox::demo;

/// `2026-11-21` → `####-##-##`, `10:42` → `##:##`: the seed dates move with the day.
fn blank_dates(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut i = 0;
    while i < chars.len() {
        let date = (0..4).all(|k| digit(i + k))
            && chars.get(i + 4) == Some(&'-')
            && digit(i + 5)
            && digit(i + 6)
            && chars.get(i + 7) == Some(&'-')
            && digit(i + 8)
            && digit(i + 9);
        let time = digit(i)
            && digit(i + 1)
            && chars.get(i + 2) == Some(&':')
            && digit(i + 3)
            && digit(i + 4);
        if date {
            for (k, c) in "####-##-##".chars().enumerate() {
                out[i + k] = c;
            }
            i += 10;
        } else if time {
            for (k, c) in "##:##".chars().enumerate() {
                out[i + k] = c;
            }
            i += 5;
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
}

#[test]
fn blanking_keeps_the_layout() {
    assert_eq!(
        blank_dates("a 2026-11-21 10:42 b 12345"),
        "a ####-##-## ##:## b 12345"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeded_customers_80x24() {
    let c = start(80, 24).await;
    let screen = c
        .wait_loaded("the first page and what its customers hold", |t| {
            // A holdings cell still asked for is a lone `…` (a cut text's is followed by
            // one space).
            t.contains("rows 1–50 of 2,000") && !t.contains("…    ")
        })
        .await;
    insta::assert_snapshot!(blank_dates(&screen));
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeded_customers_120x40_and_the_demo_customer() {
    let c = start(120, 40).await;
    let screen = c
        .wait_loaded("the first page and what its customers hold", |t| {
            // A holdings cell still asked for is a lone `…` (a cut text's is followed by
            // one space).
            t.contains("rows 1–50 of 2,000") && !t.contains("…    ")
        })
        .await;
    insta::assert_snapshot!("seeded_customers_120x40", blank_dates(&screen));
    c.key(':');
    c.keys(&demo::fixtures(42).external_id);
    c.enter();
    let screen = c
        .wait_loaded("the demo customer", |t| {
            t.contains("Customer Élodie Martin")
        })
        .await;
    insta::assert_snapshot!("seeded_demo_customer_120x40", blank_dates(&screen));
    c.quit().await;
}
