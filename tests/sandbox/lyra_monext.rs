//! Lyra and Monext over HTTP: the seed's envelope and its errors at HTTP 200, tokens of the
//! vault, the card updater.

use super::common::*;
use guichet::domain::Provider::{Lyra, Monext};
use guichet::sandbox::demo;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn sdk_test_echoes_the_seed_example() {
    let base = shared();
    let (s, b) = call(
        Lyra,
        "POST",
        "/Charge/SDKTest",
        lyra(
            base,
            "Charge/SDKTest",
            &json!({"value": "my testing value"}),
        ),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        b["answer"],
        json!({"value": "my testing value", "_type": "V4/Type/String"})
    );
    assert_eq!(
        (b["status"].as_str(), b["webService"].as_str()),
        (Some("SUCCESS"), Some("Charge/SDKTest"))
    );
    assert!(b["serverDate"].as_str().unwrap().ends_with("+00:00"));
}

#[tokio::test]
async fn lyra_errors_are_http_200_envelopes() {
    let base = shared();
    let url = format!("{base}{}/Charge/SDKTest", demo::LYRA_PREFIX);
    let bad = client()
        .post(&url)
        .basic_auth(demo::LYRA_USER, Some(demo::LYRA_PASSWORD))
        .header("content-type", "application/json")
        .body("{\n    \"amount\":   -1,\n}");
    let (s, b) = call(Lyra, "POST", "/Charge/SDKTest", bad).await;
    assert_eq!(
        (s, b["status"].as_str(), b["answer"]["errorCode"].as_str()),
        (200, Some("ERROR"), Some("INT_902"))
    );
    assert!(
        b["answer"]["detailedErrorMessage"]
            .as_str()
            .unwrap()
            .starts_with("can't decode JSON data")
    );
    assert!(
        b["answer"].get("detailedErrorCode").is_none(),
        "null fields are left out"
    );
    let (s, b) = call(
        Lyra,
        "POST",
        "/Charge/SDKTest",
        client()
            .post(&url)
            .basic_auth(demo::LYRA_USER, Some("wrong"))
            .json(&json!({"value": "x"})),
    )
    .await;
    assert_eq!(
        (s, b["answer"]["errorCode"].as_str()),
        (401, Some("INT_001"))
    );
    let (s, b) = call(
        Lyra,
        "POST",
        "/Charge/SDKTest",
        client().post(&url).json(&json!({"value": "x"})),
    )
    .await;
    assert_eq!(s, 401, "{b}");
    let (s, b) = call_error(
        Lyra,
        lyra(base, "Charge/CreatePayment", &json!({"amount": 1})),
    )
    .await;
    assert_eq!(
        (
            s,
            b["answer"]["errorCode"].as_str(),
            b["webService"].as_str()
        ),
        (200, Some("INT_009"), Some("Charge/CreatePayment"))
    );
    let (s, b) = call_error(
        Lyra,
        client()
            .get(&url)
            .basic_auth(demo::LYRA_USER, Some(demo::LYRA_PASSWORD)),
    )
    .await;
    assert_eq!(
        (s, b["status"].as_str(), b["webService"].as_str()),
        (405, Some("ERROR"), Some("Charge/SDKTest"))
    );
    let big = json!({"value": "x".repeat(70_000)});
    let (s, b) = call(
        Lyra,
        "POST",
        "/Charge/SDKTest",
        lyra(base, "Charge/SDKTest", &big),
    )
    .await;
    assert_eq!(
        (s, b["answer"]["errorCode"].as_str()),
        (200, Some("INT_902"))
    );
}

#[tokio::test]
async fn token_get_shows_the_masked_card() {
    let base = shared();
    let f = fixtures();
    let t = "/Token/Get";
    let (_, b) = call(
        Lyra,
        "POST",
        t,
        lyra(
            base,
            "Token/Get",
            &json!({"paymentMethodToken": f.spare_active_token}),
        ),
    )
    .await;
    let a = &b["answer"];
    assert_eq!(
        (a["tokenStatus"].as_str(), a["_type"].as_str()),
        (Some("ACTIVE"), Some("V4/Token"))
    );
    let pan = a["tokenDetails"]["pan"].as_str().unwrap();
    assert!(
        pan.len() == 16 && pan[6..12] == *"XXXXXX" && pan[..6].bytes().all(|c| c.is_ascii_digit()),
        "{pan}"
    );
    let (_, b) = call(
        Lyra,
        "POST",
        t,
        lyra(
            base,
            "Token/Get",
            &json!({"paymentMethodToken": f.spare_cancelled_token}),
        ),
    )
    .await;
    assert_eq!(b["answer"]["tokenStatus"], "CANCELLED");
    let (_, b) = call(
        Lyra,
        "POST",
        t,
        lyra(
            base,
            "Token/Get",
            &json!({"paymentMethodToken": "00000000-0000-4000-8000-000000000030"}),
        ),
    )
    .await;
    assert_eq!(b["answer"]["errorCode"], "PSP_030");
    let (_, b) = call(
        Lyra,
        "POST",
        t,
        lyra(
            base,
            "Token/Get",
            &json!({"paymentMethodToken": "00000000-0000-4000-8000-000000000031"}),
        ),
    )
    .await;
    assert_eq!(b["answer"]["errorCode"], "PSP_030", "unknown token");
    let (_, b) = call(Lyra, "POST", t, lyra(base, "Token/Get", &json!({}))).await;
    assert_eq!(b["answer"]["errorCode"], "INT_902");
}

#[tokio::test]
async fn monext_alive_and_card_updater() {
    let base = shared();
    let f = fixtures();
    let (s, b) = call(
        Monext,
        "GET",
        "/checkout/alive",
        monext(base, Method::GET, "/checkout/alive"),
    )
    .await;
    assert_eq!((s, b), (200, json!({"status": "UP"})));
    let t = "/card-updater/search";
    let search = |body: Value| monext(base, Method::POST, "/card-updater/search").json(&body);
    let (_, b) = call(
        Monext,
        "POST",
        t,
        search(json!({"mxToken": f.expired_token, "expirationDate": "1224"})),
    )
    .await;
    assert_eq!(b["updated"], true);
    assert_eq!(b["card"]["mxToken"], f.replacement_token.as_str());
    let (_, lyra_view) = send(lyra(
        base,
        "Token/Get",
        &json!({"paymentMethodToken": f.replacement_token}),
    ))
    .await;
    assert_eq!(
        lyra_view["answer"]["tokenStatus"], "ACTIVE",
        "the replacement is in the vault"
    );
    assert_eq!(
        b["card"]["maskedNumber"],
        lyra_view["answer"]["tokenDetails"]["pan"]
    );
    let (_, b) = call(
        Monext,
        "POST",
        t,
        search(json!({"mxToken": f.spare_active_token, "expirationDate": "1230"})),
    )
    .await;
    assert_eq!(b, json!({"updated": false}));
    let (_, b) = call(
        Monext,
        "POST",
        t,
        search(json!({"number": "4970 1000 0000 0001", "expirationDate": "0125"})),
    )
    .await;
    assert_eq!(b, json!({"updated": false}));
    for body in [
        json!({"mxToken": f.expired_token, "expirationDate": "12/24"}),
        json!({"mxToken": f.expired_token, "expirationDate": "1324"}),
        json!({"mxToken": f.expired_token}),
        json!({"expirationDate": "1224"}),
        json!({"number": "12ab", "expirationDate": "1224"}),
    ] {
        let (s, b) = call(Monext, "POST", t, search(body.clone())).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (400, Some("VALIDATION_ERROR")),
            "{body}"
        );
    }
    let (s, b) = call(
        Monext,
        "POST",
        t,
        search(
            json!({"mxToken": "00000000-0000-4000-8000-00000000beef", "expirationDate": "1224"}),
        ),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("NOT_FOUND")));
    let (s, b) = call(
        Monext,
        "POST",
        t,
        search(json!({"number": "4970100000000503", "expirationDate": "1224"})),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (503, Some("SERVICE_UNAVAILABLE")));
    let (s, b) = call(
        Monext,
        "GET",
        "/checkout/alive",
        client()
            .get(format!("{base}{}/checkout/alive", demo::MONEXT_PREFIX))
            .basic_auth("monext_sandbox", Some("no")),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str(), b["title"].as_str()),
        (401, Some("UNAUTHORIZED"), Some("Unauthorized"))
    );
    let (s, b) = call_error(Monext, monext(base, Method::GET, "/card")).await;
    assert_eq!((s, b["title"].as_str()), (404, Some("Not Found")));
    let (s, b) = call_error(Monext, monext(base, Method::PUT, "/checkout/alive")).await;
    assert_eq!((s, b["code"].as_str()), (405, Some("METHOD_NOT_ALLOWED")));
    let (s, b) = call(
        Monext,
        "POST",
        t,
        monext(base, Method::POST, t)
            .header("content-type", "text/plain")
            .body("x"),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (415, Some("UNSUPPORTED_MEDIA_TYPE"))
    );
}
