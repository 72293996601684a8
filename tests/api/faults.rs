//! Transport and provider faults, each turned into the right `ApiError`.

use super::support::*;
use guichet::api::{Clients, MoneyOutBankAccount, NewMoneyOut};
use guichet::domain::{Cents, ErrorKind, PageRequest, Provider};
use serde_json::json;
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

fn moneyout() -> NewMoneyOut {
    NewMoneyOut {
        amount: Cents(1000),
        app_account_id: None,
        bank_account: MoneyOutBankAccount::Saved { id: 42 },
        fee: None,
    }
}

#[tokio::test]
async fn server_error_with_provider_body() {
    let s = server().await;
    Mock::given(path(format!("{PXL}/wallets/w1")))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({
            "code": "INTERNAL_ERROR", "message": "database unavailable", "status": 500,
            "traceId": "6b1c2d3e-0000-4000-8000-000000000001",
            "origin": {"boundedContext": "cashless", "module": "wallets"}
        })))
        .mount(&s)
        .await;
    Mock::given(path(format!("{PXL}/wallets/w1/refund")))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({
            "code": "INTERNAL_ERROR", "message": "database unavailable", "status": 500, "traceId": "t-2"
        })))
        .expect(1)
        .mount(&s)
        .await;
    let c = clients(&s);
    let e = c.pxlhub.get_wallet("w1").await.unwrap_err();
    assert_eq!(e.provider, Provider::Pxlhub);
    assert_eq!(e.kind, ErrorKind::ServerError);
    assert_eq!(e.status, Some(500));
    assert_eq!(e.code.as_deref(), Some("INTERNAL_ERROR"));
    assert_eq!(e.message, "database unavailable");
    assert_eq!(
        e.trace_id.as_deref(),
        Some("6b1c2d3e-0000-4000-8000-000000000001")
    );
    assert!(!e.retryable);
    assert!(!e.outcome_unknown, "a read has no outcome to lose");
    // A 500 on a write: the change may have landed; and a 500 is not retried even with a key.
    let e = c
        .pxlhub
        .refund(
            "w1",
            &guichet::api::RefundRequest {
                business_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
                idempotency_key: "1d000000-0000-4000-8000-000000000001".into(),
                correlation_id: "c0000000-0000-4000-8000-000000000001".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::ServerError, Some(500)));
    assert!(e.outcome_unknown);
    assert!(e.to_string().contains("outcome unknown"), "{e}");
}

#[tokio::test]
async fn bad_gateway_without_body() {
    let s = server().await;
    Mock::given(path(format!("{MAS}/customers/c1")))
        .respond_with(ResponseTemplate::new(502))
        .mount(&s)
        .await;
    let e = clients(&s)
        .mascustomers
        .get_customer("c1")
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::ServerError);
    assert_eq!((e.status, e.code.as_deref()), (Some(502), None));
    assert_eq!(e.message, "HTTP 502 Bad Gateway, with no body");
    assert!(e.retryable && !e.outcome_unknown);
}

#[tokio::test]
async fn html_page_from_a_proxy() {
    let s = server().await;
    let html = "<html><head><title>503 Service Temporarily Unavailable</title></head><body>nginx</body></html>";
    Mock::given(path(format!("{SMONEY}/users")))
        .respond_with(ResponseTemplate::new(503).set_body_raw(html, "text/html"))
        .mount(&s)
        .await;
    Mock::given(path(format!("{MONEXT}/checkout/alive")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(html, "text/html"))
        .mount(&s)
        .await;
    let c = clients(&s);
    let e = c
        .smoney
        .list_users(&PageRequest::first(1))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.code.as_deref()),
        (ErrorKind::ServerError, Some(503), None)
    );
    assert!(
        e.message.contains("HTML page from a proxy"),
        "{}",
        e.message
    );
    assert!(e.retryable);
    // The same page with a 200: the answer cannot be read.
    let e = c.monext.alive().await.unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Decode, Some(200)));
    assert!(e.message.contains("HTML"), "{}", e.message);
}

#[tokio::test]
async fn truncated_json() {
    let s = server().await;
    let full =
        serde_json::to_string(&json!({"items": [customer_json("c1")], "recordTotal": 1})).unwrap();
    let cut = &full[..full.len() / 2];
    Mock::given(path(format!("{MAS}/customers")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(cut.to_string(), "application/json"))
        .mount(&s)
        .await;
    Mock::given(path(format!("{SMONEY}/users/C-1/moneyouts/oneshot")))
        .respond_with(
            ResponseTemplate::new(201).set_body_raw(r#"{"Id":5,"Amount":"#, "application/json"),
        )
        .mount(&s)
        .await;
    let c = clients(&s);
    let e = c
        .mascustomers
        .list_customers(&PageRequest::first(20), None)
        .await
        .unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Decode, Some(200)));
    assert!(e.message.contains("cut short"), "{}", e.message);
    assert!(!e.retryable && !e.outcome_unknown);
    // A write whose answer cannot be read may have been applied.
    let e = c
        .smoney
        .create_oneshot("C-1", &moneyout())
        .await
        .unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Decode, Some(201)));
    assert!(e.outcome_unknown);
}

#[tokio::test]
async fn slower_than_the_timeout() {
    let s = server().await;
    Mock::given(path(format!("{PXL}/wallets/w1")))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&s)
        .await;
    Mock::given(path(format!("{SMONEY}/users/C-1/moneyouts/oneshot")))
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_secs(5)))
        .expect(1)
        .mount(&s)
        .await;
    let mut settings = settings(&s.uri());
    settings.request_timeout = Duration::from_millis(400);
    let c = Clients::new(&settings).unwrap();
    let started = Instant::now();
    let e = c.pxlhub.get_wallet("w1").await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!((e.kind, e.status), (ErrorKind::Timeout, None));
    assert!(e.retryable && !e.outcome_unknown);
    let e = c
        .smoney
        .create_oneshot("C-1", &moneyout())
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert!(e.outcome_unknown, "the moneyout may have been created");
    assert!(!e.retryable);
}

#[tokio::test]
async fn rate_limited_with_retry_after() {
    let s = server().await;
    Mock::given(path(format!("{MAS}/accounts/a1")))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "7")
                .set_body_json(json!({"code": "0429", "status": 429, "message": "Too many requests", "detail_msg": null})),
        )
        .mount(&s)
        .await;
    let e = clients(&s)
        .mascustomers
        .get_account("a1")
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::RateLimited);
    assert_eq!((e.status, e.code.as_deref()), (Some(429), Some("0429")));
    assert_eq!(e.retry_after_secs, Some(7));
    assert_eq!(e.message, "Too many requests");
    assert!(e.retryable && !e.outcome_unknown);
}

#[tokio::test]
async fn expired_token_names_the_credential() {
    let s = server().await;
    Mock::given(path(format!("{MAS}/customers")))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "code": "569", "status": 401, "message": "Token expired", "detail_msg": "the access token expired at 04:00"
        })))
        .mount(&s)
        .await;
    Mock::given(path(format!("{SMONEY}/users")))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"Code": 570, "ErrorMessage": "Jeton invalide"})),
        )
        .mount(&s)
        .await;
    let mut settings = settings(&s.uri());
    settings.mascustomers.credential_hint = "token_env GUICHET_MAS_TOKEN of profile prod".into();
    let c = Clients::new(&settings).unwrap();
    let e = c
        .mascustomers
        .list_customers(&PageRequest::first(20), None)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthorized);
    assert_eq!((e.status, e.code.as_deref()), (Some(401), Some("569")));
    assert_eq!(
        e.message,
        "Token expired: the access token expired at 04:00"
    );
    assert_eq!(
        e.credential_hint.as_deref(),
        Some("token_env GUICHET_MAS_TOKEN of profile prod")
    );
    assert!(
        e.to_string()
            .contains("check token_env GUICHET_MAS_TOKEN of profile prod")
    );
    assert!(!e.retryable);
    let e = c
        .smoney
        .list_users(&PageRequest::first(1))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::Unauthorized, Some("570"))
    );
    assert_eq!(e.message, "Jeton invalide");
}

#[tokio::test]
async fn nothing_listening_is_a_connect_error() {
    // Bind then drop: the port is closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let c = Clients::new(&settings(&format!("http://127.0.0.1:{port}"))).unwrap();
    let e = c.monext.alive().await.unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Connect, None));
    assert!(e.retryable && !e.outcome_unknown);
    let e = c
        .smoney
        .create_oneshot("C-1", &moneyout())
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Connect);
    assert!(!e.outcome_unknown, "nothing was sent");
}

#[tokio::test]
async fn unknown_fields_ignored_wrong_types_named() {
    let s = server().await;
    let mut bad = customer_json("c1");
    bad["created_at"] = json!(12);
    Mock::given(path(format!("{MAS}/customers")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [customer_json("c0"), bad], "recordTotal": 2, "brandNewField": {"x": 1}
        })))
        .mount(&s)
        .await;
    let e = clients(&s)
        .mascustomers
        .list_customers(&PageRequest::first(20), None)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Decode);
    assert_eq!(e.provider, Provider::Mascustomers);
    assert_eq!(e.field_path.as_deref(), Some("items[1].created_at"));
    assert!(e.to_string().contains("[at items[1].created_at]"), "{e}");
}

#[tokio::test]
async fn provider_messages_never_echo_an_iban() {
    let s = server().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{MAS}/accounts/a1/payment-method")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": "0002", "status": 400, "message": format!("IBAN {IBAN} is not allowed for this account"), "detail_msg": null
        })))
        .mount(&s)
        .await;
    let iban = guichet::domain::iban::Iban::parse(IBAN).unwrap();
    let e = clients(&s)
        .mascustomers
        .change_payment_method(
            "a1",
            &guichet::api::PaymentMethodChange::DirectDebit { iban },
        )
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::Rejected, Some("0002"))
    );
    assert_eq!(
        e.message,
        "IBAN FR76 •••• •••• •••• 0189 is not allowed for this account"
    );
    assert!(!e.outcome_unknown);
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let s = server().await;
    Mock::given(path(format!("{PXL}/wallets/w1")))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "http://10.0.0.9/steal"))
        .mount(&s)
        .await;
    let e = clients(&s).pxlhub.get_wallet("w1").await.unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Rejected, Some(302)));
    assert_eq!(s.received_requests().await.unwrap().len(), 1);
}
