//! Property: concatenating all pages of a list, in any documented sort and page size, gives
//! every row exactly once, in order.

use super::common::*;
use guichet::domain::Provider;
use proptest::prelude::*;
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeSet;

/// A list to walk: how to ask for page `n`, how to read rows, the id and sort key of a row.
#[derive(Debug, Clone, Copy)]
enum List {
    Moneyouts,
    Wallets,
    Accounts,
    Customers,
    Stays,
}

fn sorts(list: List) -> &'static [&'static str] {
    match list {
        List::Moneyouts => &["operationdate", "amount", "id"],
        List::Wallets => &["openedAt", "balanceCents", "status"],
        List::Accounts => &["created_at", "status", "modality"],
        List::Customers => &["name", "email", "external_id", "created_at"],
        List::Stays => &["arrival", "guestName"],
    }
}

fn key(list: List, field: &str, row: &Value) -> (String, String) {
    let id = match list {
        List::Moneyouts => format!("{:012}", row["Id"].as_i64().unwrap_or(0)),
        _ => row["id"].as_str().unwrap_or("").to_string(),
    };
    let k = match (list, field) {
        (List::Moneyouts, "operationdate") => {
            chrono::DateTime::parse_from_rfc3339(row["OperationDate"].as_str().unwrap_or(""))
                .map(|d| format!("{:020}", d.timestamp_millis()))
                .unwrap_or_default()
        }
        (List::Moneyouts, "amount") => format!("{:020}", row["Amount"].as_i64().unwrap_or(0)),
        (List::Moneyouts, _) => id.clone(),
        (List::Wallets, "balanceCents") => {
            let v: i64 = row["balanceCents"]
                .as_str()
                .unwrap_or("0")
                .parse()
                .unwrap_or(0);
            format!("{:020}", v + 1_000_000_000)
        }
        (_, f) => row[f].as_str().unwrap_or("").to_string(),
    };
    (k, id)
}

async fn page(base: &str, list: List, sort: &str, size: u32, n: u32) -> (Vec<Value>, Option<u64>) {
    let fx = fixtures();
    let req = match list {
        List::Moneyouts => smoney(
            base,
            Method::GET,
            &format!(
                "/users/{}/moneyouts?per_page={size}&page={}&sort={sort}",
                fx.smoney_user,
                n + 1
            ),
        ),
        List::Wallets => pxl(
            base,
            Method::GET,
            &format!(
                "/wallets?size={size}&page={n}&sort={sort}&establishmentId={}",
                fx.establishment_id
            ),
        ),
        List::Accounts => mas(
            base,
            Method::GET,
            &format!("/accounts?size={size}&page={n}&sort={sort}"),
        ),
        List::Customers => mas(
            base,
            Method::GET,
            &format!("/customers?size={size}&page={n}&sort={sort}&q=ma"),
        ),
        List::Stays => pxl(
            base,
            Method::GET,
            &format!("/stays?size={size}&page={n}&sort={sort}"),
        ),
    };
    let (status, body) = send(req).await;
    assert_eq!(status, 200, "{body}");
    match list {
        List::Moneyouts => (body.as_array().cloned().unwrap_or_default(), None),
        List::Accounts | List::Customers => (
            body["items"].as_array().cloned().unwrap_or_default(),
            body["recordTotal"].as_u64(),
        ),
        _ => (
            body["data"].as_array().cloned().unwrap_or_default(),
            body["recordTotal"].as_u64(),
        ),
    }
}

async fn walk(list: List, sort_idx: usize, desc: bool, size: u32) {
    let base = shared();
    let field = sorts(list)[sort_idx % sorts(list).len()];
    let sort = format!("{field},{}", if desc { "desc" } else { "asc" });
    let mut rows = Vec::new();
    let mut total = None;
    for n in 0.. {
        let (items, t) = page(base, list, &sort, size, n).await;
        total = total.or(t);
        let len = items.len();
        rows.extend(items);
        if len < size as usize {
            break;
        }
    }
    let keys: Vec<(String, String)> = rows.iter().map(|r| key(list, field, r)).collect();
    let ids: BTreeSet<&String> = keys.iter().map(|(_, id)| id).collect();
    assert_eq!(
        ids.len(),
        rows.len(),
        "no duplicate ({list:?} {sort} size {size})"
    );
    if let Some(t) = total {
        assert_eq!(rows.len() as u64, t, "no gap ({list:?} {sort} size {size})");
    }
    // The reference: the same list in its default order, in pages of 200.
    let mut reference = BTreeSet::new();
    for n in 0.. {
        let (items, _) = page(base, list, sorts(list)[0], 200, n).await;
        let len = items.len();
        reference.extend(items.iter().map(|r| key(list, field, r).1));
        if len < 200 {
            break;
        }
    }
    assert_eq!(
        ids.into_iter().cloned().collect::<BTreeSet<_>>(),
        reference,
        "same set in any order"
    );
    let ordered = keys.windows(2).all(|w| {
        let (a, b) = (&w[0], &w[1]);
        let by_key = if desc { b.0.cmp(&a.0) } else { a.0.cmp(&b.0) };
        by_key.is_lt() || (by_key.is_eq() && if desc { a.1 > b.1 } else { a.1 < b.1 })
    });
    assert!(ordered, "total order with ties by id ({list:?} {sort})");
}

fn list_strategy() -> impl Strategy<Value = List> {
    prop_oneof![
        Just(List::Moneyouts),
        Just(List::Wallets),
        Just(List::Accounts),
        Just(List::Customers),
        Just(List::Stays)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn pages_concatenate_to_the_whole_list(list in list_strategy(), sort_idx in 0usize..4, desc in any::<bool>(), size in 37u32..=200) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(walk(list, sort_idx, desc, size));
    }
}

#[tokio::test]
async fn deep_pages_of_every_accounts_sort_are_complete() {
    // 3000 accounts: pages from offset 1024 on start from a cached anchor.
    for sort_idx in 0..3 {
        for desc in [false, true] {
            walk(List::Accounts, sort_idx, desc, 97).await;
        }
    }
}

#[tokio::test]
async fn a_write_moves_deep_pages() {
    let sb = fresh().await;
    let base = sb.base_url();
    let ids = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x["id"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let (_, before23) = send(mas(
        &base,
        Method::GET,
        "/accounts?size=50&page=23&sort=created_at,desc",
    ))
    .await;
    let (_, before24) = send(mas(
        &base,
        Method::GET,
        "/accounts?size=50&page=24&sort=created_at,desc",
    ))
    .await;
    let fx = fixtures();
    let body = serde_json::json!({"modality": "POSTPAID", "payment_method": {"type": "CREDIT_CARD", "details": {"token_id": fx.spare_active_token}}});
    let (s, _) = send(
        mas(
            &base,
            Method::POST,
            &format!("/customers/{}/accounts", fx.customer_id),
        )
        .json(&body),
    )
    .await;
    assert_eq!(s, 200);
    let (_, after24) = send(mas(
        &base,
        Method::GET,
        "/accounts?size=50&page=24&sort=created_at,desc",
    ))
    .await;
    let (b23, b24, a24) = (ids(&before23), ids(&before24), ids(&after24));
    assert_eq!(
        a24[0], b23[49],
        "the newest account pushed every row down by one"
    );
    assert_eq!(a24[1..], b24[..49]);
    sb.stop().await;
}

#[tokio::test]
async fn the_largest_page_is_an_empty_page_with_the_true_total() {
    let base = shared();
    let huge = i64::MAX;
    for (p, template, path) in [
        (
            Provider::Mascustomers,
            "/orgs/{org}/accounts",
            "/accounts?size=200",
        ),
        (
            Provider::Mascustomers,
            "/orgs/{org}/customers",
            "/customers?size=200&q=ma",
        ),
        (Provider::Pxlhub, "/stays", "/stays?size=200"),
    ] {
        let req = |page: i64| {
            let path = format!("{path}&page={page}");
            match p {
                Provider::Mascustomers => mas(base, Method::GET, &path),
                _ => pxl(base, Method::GET, &path),
            }
        };
        let (s, first) = call(p, "GET", template, req(0)).await;
        assert_eq!(s, 200, "{path}: {first}");
        let total = first["recordTotal"].as_u64().expect("a total");
        assert!(total > 0, "{path}");
        let (s, last) = call(p, "GET", template, req(huge)).await;
        assert_eq!(s, 200, "{path} page {huge}: {last}");
        let items = if p == Provider::Pxlhub {
            "data"
        } else {
            "items"
        };
        assert_eq!(last[items], serde_json::json!([]), "{path}");
        assert_eq!(
            (
                last["count"].as_u64(),
                last["startIndex"].is_null(),
                last["endIndex"].is_null(),
                last["recordTotal"].as_u64()
            ),
            (Some(0), true, true, Some(total)),
            "{path}: {last}"
        );
    }
}

/// The ids of every accounts page (newest first, 97 a page) and the total of the first.
async fn walk_accounts(base: &str) -> (Vec<String>, u64) {
    let mut ids = Vec::new();
    let mut total = None;
    for n in 0.. {
        let (items, t) = page(base, List::Accounts, "created_at,desc", 97, n).await;
        total = total.or(t);
        let len = items.len();
        ids.extend(
            items
                .iter()
                .map(|r| r["id"].as_str().unwrap_or("").to_string()),
        );
        if len < 97 {
            break;
        }
    }
    (ids, total.expect("a total"))
}

#[tokio::test]
async fn deep_pages_read_while_writing_leave_no_stale_anchors() {
    let sb = fresh().await;
    let base = sb.base_url();
    let (_, customers) = send(mas(&base, Method::GET, "/customers?size=60")).await;
    let customers: Vec<String> = customers["items"]
        .as_array()
        .expect("customers")
        .iter()
        .map(|c| c["id"].as_str().expect("an id").to_string())
        .collect();
    let (_, before) = walk_accounts(&base).await;
    for (round, customer) in customers.iter().enumerate() {
        // One new account (the newest: every row moves down one place) while deep pages of
        // both read directions (offsets 1067 to 1843 of 3000+) build their anchors.
        let body = serde_json::json!({"modality": "POSTPAID", "payment_method": {"type": "DIRECT_DEBIT", "details": {"iban": "FR7613106005002000743520962"}}});
        let write = send(
            mas(
                &base,
                Method::POST,
                &format!("/customers/{customer}/accounts"),
            )
            .json(&body),
        );
        let reads = futures_util::future::join_all(
            (11..=19).map(|n| page(&base, List::Accounts, "created_at,desc", 97, n)),
        );
        let ((s, b), _) = tokio::join!(write, reads);
        assert_eq!(s, 200, "{b}");
        let (ids, total) = walk_accounts(&base).await;
        assert_eq!(total, before + round as u64 + 1, "round {round}");
        let distinct: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(
            (ids.len(), distinct.len()),
            (total as usize, total as usize),
            "every row once after round {round}"
        );
    }
    sb.stop().await;
}
