//! What the sandbox refuses, as strictly as the providers: a wrong method before any header
//! check, malformed uuids and empty dates in queries, a Lyra value that is not a string,
//! a Monext card field that is not a string, and a moneyout's `Location` that is served.

use super::common::*;
use guichet::domain::Provider;
use guichet::sandbox::demo;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_wrong_method_is_405_whatever_the_headers() {
    let base = shared();
    // S-money: a POST to a GET-only route, without and with a content type, with and
    // without credentials.
    let url = format!("{base}{}/users", demo::SMONEY_PREFIX);
    for req in [
        client().post(&url).bearer_auth(demo::SMONEY_TOKEN),
        client()
            .post(&url)
            .bearer_auth(demo::SMONEY_TOKEN)
            .header("Content-Type", "text/plain")
            .body("x"),
        client().post(&url),
    ] {
        let (s, b) = call_error(Provider::Smoney, req).await;
        assert_eq!((s, b["Code"].as_i64()), (405, Some(405)), "{b}");
    }
    // The other providers, without credentials.
    let cases = [
        (
            Provider::Mascustomers,
            format!(
                "{base}{}/orgs/{}/customers",
                demo::MAS_PREFIX,
                demo::MAS_ORG
            ),
        ),
        (
            Provider::Pxlhub,
            format!("{base}{}/stays", demo::PXL_PREFIX),
        ),
        (
            Provider::Monext,
            format!("{base}{}/card-updater/search", demo::MONEXT_PREFIX),
        ),
    ];
    for (p, url) in cases {
        let (s, b) = call_error(p, client().delete(&url)).await;
        assert_eq!(s, 405, "{} {b}", p.key());
    }
    let lyra = format!("{base}{}/Charge/SDKTest", demo::LYRA_PREFIX);
    let (s, b) = send(client().get(&lyra)).await;
    assert_eq!((s, b["status"].as_str()), (405, Some("ERROR")), "{b}");
    // An S-money write still needs its vendor media type, and credentials come first.
    let (s, b) = call_error(
        Provider::Smoney,
        smoney(base, Method::POST, "/moneyouts/oneshot").body("{}"),
    )
    .await;
    assert_eq!((s, b["Code"].as_i64()), (415, Some(415)), "{b}");
    let (s, _) = send(
        client()
            .post(format!("{base}{}/moneyouts/oneshot", demo::SMONEY_PREFIX))
            .header("Content-Type", SMONEY_MEDIA)
            .body("{}"),
    )
    .await;
    assert_eq!(s, 401);
    // An unknown path still asks for credentials first.
    let (s, _) = send(client().get(format!("{base}{}/nowhere", demo::PXL_PREFIX))).await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn a_malformed_uuid_in_a_query_is_a_bad_request() {
    let base = shared();
    let f = fixtures();
    for bad in ["notauuid", "", "123"] {
        let (s, b) = call(
            Provider::Mascustomers,
            "GET",
            "/orgs/{org}/accounts",
            mas(base, Method::GET, &format!("/accounts?customer_id={bad}")),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (400, Some("0002")), "{bad:?}: {b}");
    }
    // Upper case is the same uuid.
    let (s, b) = call(
        Provider::Mascustomers,
        "GET",
        "/orgs/{org}/accounts",
        mas(
            base,
            Method::GET,
            &format!("/accounts?customer_id={}", f.customer_id.to_uppercase()),
        ),
    )
    .await;
    assert_eq!(s, 200);
    assert!(b["recordTotal"].as_u64().unwrap_or(0) >= 1, "{b}");
}

#[tokio::test]
async fn an_empty_date_is_a_bad_request() {
    let base = shared();
    let f = fixtures();
    let account = &f.direct_debit_account_id;
    for (template, query) in [
        (
            "/orgs/{org}/accounts/{account_id}/promotions/history",
            format!("/accounts/{account}/promotions/history?start_date="),
        ),
        (
            "/orgs/{org}/accounts/{account_id}/billing-addresses",
            format!("/accounts/{account}/billing-addresses?from="),
        ),
        (
            "/orgs/{org}/accounts/{account_id}/billing-addresses",
            format!("/accounts/{account}/billing-addresses?to="),
        ),
    ] {
        let (s, b) = call(
            Provider::Mascustomers,
            "GET",
            template,
            mas(base, Method::GET, &query),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (400, Some("0002")), "{query}: {b}");
    }
}

#[tokio::test]
async fn a_lyra_value_that_is_not_a_string_is_int_902() {
    let base = shared();
    for value in [json!({}), json!(12), json!(true), json!(["a"])] {
        let (s, b) = call(
            Provider::Lyra,
            "POST",
            "/Charge/SDKTest",
            lyra(base, "Charge/SDKTest", &json!({ "value": value })),
        )
        .await;
        assert_eq!(
            (s, b["status"].as_str(), b["answer"]["errorCode"].as_str()),
            (200, Some("ERROR"), Some("INT_902")),
            "{value}: {b}"
        );
    }
}

#[tokio::test]
async fn a_created_moneyouts_location_is_served() {
    let sb = fresh().await;
    let base = sb.base_url();
    let body = json!({"amount": 100, "bankaccount": {"id": 1}, "fee": {"amount": 150, "VAT": 20}});
    for path in ["/moneyouts/oneshot", "/users/C-000001/moneyouts/oneshot"] {
        let resp = smoney_post(&base, path, &body).send().await.expect("send");
        assert_eq!(resp.status(), 201, "{path}");
        let location = resp.headers()["location"]
            .to_str()
            .expect("ascii")
            .to_string();
        let created: serde_json::Value = resp.json().await.expect("json");
        assert!(location.starts_with(demo::SMONEY_PREFIX), "{location}");
        let (s, got) = send(
            client()
                .get(format!("{base}{location}"))
                .bearer_auth(demo::SMONEY_TOKEN)
                .header("Accept", SMONEY_MEDIA),
        )
        .await;
        assert_eq!((s, &got), (200, &created), "{location}");
    }
    sb.stop().await;
}

#[tokio::test]
async fn a_monext_card_that_is_not_a_string_is_a_validation_error() {
    let base = shared();
    let f = fixtures();
    for extra in [json!({}), json!(null), json!(4970101234567890_u64)] {
        let body = json!({"mxToken": f.expired_token, "expirationDate": "0124", "number": extra});
        let (s, b) = call(
            Provider::Monext,
            "POST",
            "/card-updater/search",
            monext(base, Method::POST, "/card-updater/search").json(&body),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (400, Some("VALIDATION_ERROR")),
            "{body}: {b}"
        );
    }
}
