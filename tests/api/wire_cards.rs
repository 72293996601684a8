//! Lyra and Monext methods against wiremock.

use super::support::*;
use guichet::domain::ErrorKind;
use guichet::domain::card::TokenStatus;
use serde_json::json;
use wiremock::matchers::{basic_auth, body_json, method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn lyra_sdk_test_and_token() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{LYRA}/Charge/SDKTest")))
        .and(basic_auth("69876357", "testpassword_SANDBOX"))
        .and(body_json(json!({"value": "ping"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(lyra_envelope(
            "Charge/SDKTest",
            "SUCCESS",
            json!({"value": "ping", "_type": "V4/Type/String"}),
        )))
        .mount(&s)
        .await;
    // A provider that sent a full PAN: the client re-masks it.
    Mock::given(method("POST"))
        .and(path(format!("{LYRA}/Token/Get")))
        .and(body_json(json!({"paymentMethodToken": "0b3c0000-0000-4000-8000-000000000007"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(lyra_envelope(
            "Token/Get",
            "SUCCESS",
            json!({"paymentMethodToken": "0b3c0000-0000-4000-8000-000000000007", "paymentMethodType": "CARD",
                   "tokenStatus": "EXPIRED", "creationDate": "2024-01-01T00:00:00+00:00",
                   "tokenDetails": {"pan": PAN, "expiryMonth": 12, "expiryYear": 2027, "effectiveBrand": "VISA", "_type": "V4/TokenDetails"},
                   "_type": "V4/Token"}),
        )))
        .mount(&s)
        .await;
    let c = clients(&s);
    assert_eq!(c.lyra.sdk_test("ping").await.unwrap(), "ping");
    let t = c
        .lyra
        .get_token("0B3C0000-0000-4000-8000-000000000007")
        .await
        .unwrap();
    assert_eq!(t.masked_pan, "497010••••••7890");
    assert_eq!(t.status, TokenStatus::Expired);
    assert_eq!(
        (t.expiry_month, t.expiry_year, t.brand.as_str()),
        (12, 2027, "VISA")
    );
}

#[tokio::test]
async fn lyra_error_envelope_on_200() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{LYRA}/Token/Get")))
        .respond_with(ResponseTemplate::new(200).set_body_json(lyra_envelope(
            "Token/Get",
            "ERROR",
            json!({"errorCode": "PSP_030", "errorMessage": "token not found", "ticket": "tk-77",
                   "_type": "V4/WebService/WebServiceError"}),
        )))
        .mount(&s)
        .await;
    let e = clients(&s).lyra.get_token("nope").await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert_eq!((e.status, e.code.as_deref()), (Some(200), Some("PSP_030")));
    assert_eq!(e.message, "token not found");
    assert_eq!(e.trace_id.as_deref(), Some("tk-77"));
    assert!(!e.retryable);
}

#[tokio::test]
async fn lyra_auth_failure_is_401_with_hint() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{LYRA}/Charge/SDKTest")))
        .respond_with(ResponseTemplate::new(401).set_body_json(lyra_envelope(
            "Charge/SDKTest",
            "ERROR",
            json!({"errorCode": "INT_001", "errorMessage": "authentication failed", "_type": "V4/WebService/WebServiceError"}),
        )))
        .mount(&s)
        .await;
    let e = clients(&s).lyra.sdk_test("x").await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthorized);
    assert_eq!(e.code.as_deref(), Some("INT_001"));
    assert_eq!(
        e.credential_hint.as_deref(),
        Some("the sandbox demo Lyra shop password (built in)")
    );
}

#[tokio::test]
async fn monext_alive_and_card_updater() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{MONEXT}/checkout/alive")))
        .and(basic_auth("monext_sandbox", "monext_sandbox_secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "UP"})))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{MONEXT}/card-updater/search")))
        .and(body_json(
            json!({"mxToken": "0b3c0000-0000-4000-8000-000000000007", "expirationDate": "1224"}),
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"updated": true, "card": {
            "mxToken": "0b3c0000-0000-4000-8000-000000000008", "maskedNumber": "497010XXXXXX1234",
            "expirationDate": "1228", "brand": "VISA"}})),
        )
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{MONEXT}/card-updater/search")))
        .and(body_json(
            json!({"mxToken": "0b3c0000-0000-4000-8000-000000000009", "expirationDate": "1224"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"updated": false})))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{MONEXT}/card-updater/search")))
        .and(body_json(json!({"mxToken": "0b3c0000-0000-4000-8000-000000000009", "expirationDate": "12/24"})))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "title": "Bad Request", "code": "VALIDATION_ERROR", "detail": "expirationDate must be MMYY"})))
        .mount(&s)
        .await;
    let c = clients(&s);
    c.monext.alive().await.unwrap();
    let up = c
        .monext
        .card_updater_search("0b3c0000-0000-4000-8000-000000000007", "1224")
        .await
        .unwrap();
    assert!(up.updated);
    let card = up.replacement.unwrap();
    assert_eq!(card.masked_number, "497010••••••1234");
    assert_eq!(card.expiration_date, "1228");
    let none = c
        .monext
        .card_updater_search("0b3c0000-0000-4000-8000-000000000009", "1224")
        .await
        .unwrap();
    assert!(!none.updated && none.replacement.is_none());
    let e = c
        .monext
        .card_updater_search("0b3c0000-0000-4000-8000-000000000009", "12/24")
        .await
        .unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Rejected, Some(400)));
    assert_eq!(e.code.as_deref(), Some("VALIDATION_ERROR"));
    assert_eq!(e.message, "expirationDate must be MMYY");
}
