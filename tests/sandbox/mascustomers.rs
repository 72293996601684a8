//! MasCustomers reads over HTTP: the seed's operations, paging, search, promotion filters,
//! auth and transport errors in the provider's envelope.

use super::common::*;
use guichet::domain::Provider::Mascustomers as P;
use guichet::sandbox::demo;
use reqwest::Method;
use serde_json::{Value, json};

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

fn day(offset: i64) -> String {
    (today() + chrono::Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

#[tokio::test]
async fn customer_and_accounts_read_in_the_seed_shapes() {
    let base = shared();
    let f = fixtures();
    let (s, c) = call(
        P,
        "GET",
        "/orgs/{org}/customers/{customer_id}",
        mas(base, Method::GET, &format!("/customers/{}", f.customer_id)),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(c["name"], "Élodie Martin");
    assert_eq!(c["special_treatment"], json!(["VIP"]));
    let (s, ids) = call(
        P,
        "GET",
        "/orgs/{org}/customers/{customer_id}/accounts",
        mas(
            base,
            Method::GET,
            &format!("/customers/{}/accounts", f.customer_id),
        ),
    )
    .await;
    assert_eq!(s, 200);
    let ids: Vec<&str> = ids["account_ids"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        ids.contains(&f.direct_debit_account_id.as_str())
            && ids.contains(&f.card_account_id.as_str()),
        "{ids:?}"
    );

    let (s, a) = call(
        P,
        "GET",
        "/orgs/{org}/accounts/{account_id}",
        mas(
            base,
            Method::GET,
            &format!("/accounts/{}", f.direct_debit_account_id),
        ),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(a["payment_method"]["type"], "DIRECT_DEBIT");
    let iban = a["payment_method"]["details"]["iban"].as_str().unwrap();
    assert!(
        guichet::domain::iban::Iban::parse(iban).is_ok(),
        "seeded IBAN must be valid"
    );
    let (_, a) = call(
        P,
        "GET",
        "/orgs/{org}/accounts/{account_id}",
        mas(
            base,
            Method::GET,
            &format!("/accounts/{}", f.card_account_id),
        ),
    )
    .await;
    assert_eq!(
        a["payment_method"],
        json!({"type": "CREDIT_CARD", "details": {"token_id": f.expired_token}})
    );

    let (s, m) = call(
        P,
        "GET",
        "/orgs/{org}/customers/{customer_id}/accounts/{account_id}/payment-methods",
        mas(
            base,
            Method::GET,
            &format!(
                "/customers/{}/accounts/{}/payment-methods",
                f.customer_id, f.card_account_id
            ),
        ),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        m,
        json!({"payment_methods": ["DIRECT_DEBIT", "CREDIT_CARD"]})
    );

    let (s, h) = call(
        P,
        "GET",
        "/orgs/{org}/accounts/{account_id}/billing-addresses",
        mas(
            base,
            Method::GET,
            &format!("/accounts/{}/billing-addresses", f.direct_debit_account_id),
        ),
    )
    .await;
    assert_eq!(s, 200);
    let stamps: Vec<&str> = h["billing_addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["create_stamp"].as_str().unwrap())
        .collect();
    assert!(!stamps.is_empty());
    assert!(
        stamps.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {stamps:?}"
    );
    let (_, none) = call(
        P,
        "GET",
        "/orgs/{org}/accounts/{account_id}/billing-addresses",
        mas(
            base,
            Method::GET,
            &format!(
                "/accounts/{}/billing-addresses?to=2000-01-01",
                f.direct_debit_account_id
            ),
        ),
    )
    .await;
    assert_eq!(none["billing_addresses"], json!([]));
}

#[tokio::test]
async fn customer_list_pages_sorts_and_searches() {
    let base = shared();
    let t = "/orgs/{org}/customers";
    let (s, p) = call(
        P,
        "GET",
        t,
        mas(
            base,
            Method::GET,
            "/customers?size=20&page=1&sort=external_id,asc",
        ),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        (
            p["count"].as_u64(),
            p["startIndex"].as_u64(),
            p["endIndex"].as_u64()
        ),
        (Some(20), Some(20), Some(39))
    );
    assert!(p["recordTotal"].as_u64().unwrap() >= 2000);
    assert_eq!(p["items"][0]["external_id"], "C-000021");
    let (_, p) = call(
        P,
        "GET",
        t,
        mas(base, Method::GET, "/customers?size=200&page=100000"),
    )
    .await;
    assert_eq!(p["count"], 0);
    assert_eq!(p["startIndex"], Value::Null);
    assert!(
        p["recordTotal"].as_u64().unwrap() >= 2000,
        "a page past the end keeps the true total"
    );
    let (_, p) = call(P, "GET", t, mas(base, Method::GET, "/customers?q=c-000001")).await;
    assert!(
        p["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["external_id"] == "C-000001")
    );
    let (_, p) = call(
        P,
        "GET",
        t,
        mas(base, Method::GET, "/customers?q=martin&size=200"),
    )
    .await;
    assert!(p["items"].as_array().unwrap().iter().all(|c| {
        let hay = format!("{} {} {}", c["name"], c["email"], c["external_id"]).to_lowercase();
        // Accents aside: Martínez is a Martin too.
        hay.replace('í', "i").contains("martin")
    }));
    let (_, p) = call(
        P,
        "GET",
        "/orgs/{org}/accounts",
        mas(base, Method::GET, "/accounts?size=5"),
    )
    .await;
    let dates: Vec<&str> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["created_at"].as_str().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "default created_at,desc: {dates:?}"
    );
    assert!(p["recordTotal"].as_u64().unwrap() >= 3000);
    let f = fixtures();
    let (_, p) = call(
        P,
        "GET",
        "/orgs/{org}/accounts",
        mas(
            base,
            Method::GET,
            &format!("/accounts?customer_id={}", f.customer_id),
        ),
    )
    .await;
    assert_eq!(p["recordTotal"], 2);
}

#[tokio::test]
async fn bad_paging_is_a_400_in_the_mascustomers_shape() {
    let base = shared();
    for q in [
        "size=0",
        "size=201",
        "size=abc",
        "page=-1",
        "page=x",
        "sort=phone,asc",
        "sort=name,up",
    ] {
        let (s, b) = call(
            P,
            "GET",
            "/orgs/{org}/customers",
            mas(base, Method::GET, &format!("/customers?{q}")),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (400, Some("0002")), "{q}: {b}");
    }
}

#[tokio::test]
async fn auth_and_transport_errors_keep_the_envelope() {
    let base = shared();
    let url = format!("{base}{}/orgs/telco/customers", demo::MAS_PREFIX);
    let (s, b) = call(
        P,
        "GET",
        "/orgs/{org}/customers",
        client().get(&url).bearer_auth(demo::MAS_EXPIRED_TOKEN),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (401, Some("569")));
    let (s, b) = call(
        P,
        "GET",
        "/orgs/{org}/customers",
        client().get(&url).bearer_auth("nope"),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (401, Some("570")));
    let (s, b) = call(P, "GET", "/orgs/{org}/customers", client().get(&url)).await;
    assert_eq!((s, b["code"].as_str()), (401, Some("570")));
    let (s, b) = call_error(P, mas(base, Method::GET, "/nowhere")).await;
    assert_eq!((s, b["code"].as_str()), (404, Some("0001")));
    let (s, b) = call(
        P,
        "GET",
        "/orgs/{org}/customers/{customer_id}",
        mas(
            base,
            Method::GET,
            "/customers/00000000-0000-4000-8000-000000000000",
        ),
    )
    .await;
    assert_eq!(
        (s, b["message"].as_str()),
        (404, Some("Customer not found"))
    );
    let (s, b) = call_error(
        P,
        client()
            .get(format!("{base}{}/orgs/other/customers", demo::MAS_PREFIX))
            .bearer_auth(demo::MAS_TOKEN),
    )
    .await;
    assert_eq!(s, 404, "{b}");
    let (s, b) = call_error(P, mas(base, Method::DELETE, "/customers")).await;
    assert_eq!((s, b["code"].as_str()), (405, Some("0004")));
    let f = fixtures();
    let path = format!("/accounts/{}/payment-method", f.direct_debit_account_id);
    let t = "/orgs/{org}/accounts/{account_id}/payment-method";
    let (s, b) = call(
        P,
        "PATCH",
        t,
        mas(base, Method::PATCH, &path)
            .header("content-type", "application/json")
            .body("{\"type\": "),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("0002")));
    let (s, b) = call(
        P,
        "PATCH",
        t,
        mas(base, Method::PATCH, &path)
            .header("content-type", "text/plain")
            .body("{}"),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (415, Some("0005")));
    let big = format!(
        "{{\"type\":\"DIRECT_DEBIT\",\"details\":{{\"iban\":\"{}\"}}}}",
        "A".repeat(70_000)
    );
    let (s, b) = call(
        P,
        "PATCH",
        t,
        mas(base, Method::PATCH, &path)
            .header("content-type", "application/json")
            .body(big),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (413, Some("0006")));
    let (s, b) = call(
        P,
        "GET",
        "/orgs/{org}/customers",
        mas(base, Method::GET, "/customers?q=FAIL-500"),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (500, Some("0500")));
    assert!(
        !b.to_string().to_lowercase().contains("sql"),
        "no internals: {b}"
    );
}

#[tokio::test]
async fn promotions_filter_by_state_and_history_lists_operations() {
    let base = shared();
    let f = fixtures();
    let t = "/orgs/{org}/accounts/{account_id}/promotions";
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, all) = call(
        P,
        "GET",
        t,
        mas(
            base,
            Method::GET,
            &format!("/accounts/{}/promotions", f.direct_debit_account_id),
        ),
    )
    .await;
    assert_eq!(all.as_array().unwrap().len(), 4);
    let (_, active) = call(
        P,
        "GET",
        t,
        mas(
            base,
            Method::GET,
            &format!(
                "/accounts/{}/promotions?account_promotion_type=ACTIVE",
                f.direct_debit_account_id
            ),
        ),
    )
    .await;
    assert_eq!(ids(&active), vec![f.active_promotion_id.clone()]);
    let (_, sched) = call(
        P,
        "GET",
        t,
        mas(
            base,
            Method::GET,
            &format!(
                "/accounts/{}/promotions?account_promotion_type=SCHEDULED",
                f.direct_debit_account_id
            ),
        ),
    )
    .await;
    assert_eq!(ids(&sched), vec![f.scheduled_promotion_id.clone()]);
    let (s, b) = call(
        P,
        "GET",
        t,
        mas(
            base,
            Method::GET,
            &format!(
                "/accounts/{}/promotions?account_promotion_type=SOON",
                f.direct_debit_account_id
            ),
        ),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("0002")));
    let (_, h) = call(
        P,
        "GET",
        "/orgs/{org}/accounts/{account_id}/promotions/history",
        mas(
            base,
            Method::GET,
            &format!("/accounts/{}/promotions/history", f.direct_debit_account_id),
        ),
    )
    .await;
    let ops: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["operation"].as_str().unwrap())
        .collect();
    assert!(
        ops.contains(&"ADDED") && ops.contains(&"CANCELLED") && ops.contains(&"ENDED"),
        "{ops:?}"
    );
    let (_, recent) = call(
        P,
        "GET",
        "/orgs/{org}/accounts/{account_id}/promotions/history",
        mas(
            base,
            Method::GET,
            &format!(
                "/accounts/{}/promotions/history?start_date={}",
                f.direct_debit_account_id,
                day(-5)
            ),
        ),
    )
    .await;
    assert!(recent.as_array().unwrap().len() < h.as_array().unwrap().len());
}
