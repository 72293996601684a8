//! Write safety: idempotent writes retried with the same key; other writes sent once.

use super::support::*;
use guichet::api::{
    MoneyOutBankAccount, NewMoneyOut, OpenWallet, PaymentMethodChange, RefundRequest,
};
use guichet::domain::cashless::WalletMode;
use guichet::domain::{Cents, Currency, ErrorKind};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn bodies(s: &MockServer) -> Vec<Value> {
    s.received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

fn refund_req() -> RefundRequest {
    RefundRequest {
        business_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        idempotency_key: "1d000000-0000-4000-8000-0000000000aa".into(),
        correlation_id: "c0000000-0000-4000-8000-0000000000bb".into(),
    }
}

#[tokio::test]
async fn open_wallet_retried_with_the_same_correlation_id() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets")))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets")))
        .respond_with(ResponseTemplate::new(504))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"walletId": "w7", "alreadyOpen": false}})),
        )
        .with_priority(3)
        .mount(&s)
        .await;
    let open = OpenWallet {
        stay_id: "5a1e0000-0000-4000-8000-000000000001".into(),
        establishment_id: "e5000000-0000-4000-8000-000000000001".into(),
        mode: WalletMode::Prepaid,
        currency: Currency::EUR,
        medium_ref: None,
        credit_limit: None,
        correlation_id: "c0000000-0000-4000-8000-0000000000cc".into(),
    };
    let started = Instant::now();
    let opened = clients(&s)
        .pxlhub()
        .unwrap()
        .open_wallet(&open)
        .await
        .unwrap();
    assert_eq!(opened.wallet_id, "w7");
    // 200 ms then 400 ms of backoff.
    assert!(
        started.elapsed() >= Duration::from_millis(600),
        "{:?}",
        started.elapsed()
    );
    let sent = bodies(&s).await;
    assert_eq!(sent.len(), 3);
    for b in &sent {
        assert_eq!(b["correlationId"], "c0000000-0000-4000-8000-0000000000cc");
        assert_eq!(b["stayId"], "5a1e0000-0000-4000-8000-000000000001");
        assert_eq!(b, &sent[0]);
    }
}

#[tokio::test]
async fn refund_gives_up_after_three_retries_with_one_key() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets/w1/refund")))
        .respond_with(ResponseTemplate::new(502))
        .mount(&s)
        .await;
    let e = clients(&s)
        .pxlhub()
        .unwrap()
        .refund("w1", &refund_req())
        .await
        .unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::ServerError, Some(502)));
    assert!(e.retryable && e.outcome_unknown);
    let sent = bodies(&s).await;
    assert_eq!(sent.len(), 4, "one attempt and three retries");
    for b in &sent {
        assert_eq!(b["idempotencyKey"], "1d000000-0000-4000-8000-0000000000aa");
    }
}

#[tokio::test]
async fn refund_honours_retry_after() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets/w1/refund")))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets/w1/refund")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"walletId": "w1", "refundedCents": "500", "refundRef": "RF-9"}
        })))
        .with_priority(2)
        .mount(&s)
        .await;
    let started = Instant::now();
    let r = clients(&s)
        .pxlhub()
        .unwrap()
        .refund("w1", &refund_req())
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(r.refunded, Cents(500));
    let sent = bodies(&s).await;
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter()
            .all(|b| b["idempotencyKey"] == "1d000000-0000-4000-8000-0000000000aa")
    );
}

#[tokio::test]
async fn idempotent_write_not_retried_on_a_refusal() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets/w1/refund")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": "VALIDATION_ERROR", "message": "businessDate: not a date", "status": 400, "traceId": "t"
        })))
        .expect(1)
        .mount(&s)
        .await;
    let e = clients(&s)
        .pxlhub()
        .unwrap()
        .refund("w1", &refund_req())
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::Rejected, Some("VALIDATION_ERROR"))
    );
    assert!(!e.outcome_unknown && !e.retryable);
}

#[tokio::test]
async fn oneshot_moneyout_sent_once_on_502() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{SMONEY}/users/C-1/moneyouts/oneshot")))
        .respond_with(ResponseTemplate::new(502))
        .expect(1)
        .mount(&s)
        .await;
    let new = NewMoneyOut {
        amount: Cents(1000),
        app_account_id: None,
        bank_account: MoneyOutBankAccount::Saved { id: 42 },
        fee: None,
    };
    let e = clients(&s)
        .smoney()
        .unwrap()
        .create_oneshot("C-1", &new)
        .await
        .unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::ServerError, Some(502)));
    assert!(
        e.outcome_unknown,
        "a 502 after sending: it may have been created"
    );
    assert!(!e.retryable, "sending it again could pay twice");
    assert_eq!(s.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn payment_method_change_sent_once_on_503() {
    let s = server().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{MAS}/accounts/a1/payment-method")))
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({
            "code": "0503", "status": 503, "message": "Service unavailable", "detail_msg": null
        })))
        .expect(1)
        .mount(&s)
        .await;
    let change = PaymentMethodChange::CreditCard {
        token_id: "0b3c0000-0000-4000-8000-000000000007".into(),
    };
    let e = clients(&s)
        .mascustomers()
        .unwrap()
        .change_payment_method("a1", &change)
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::ServerError, Some("0503"))
    );
    assert!(e.outcome_unknown && !e.retryable);
}

/// A read answered 429: retried once the wait `Retry-After` asked (here an HTTP date) has
/// passed, never before; a wait too long to hold is handed to the caller with its delay.
#[tokio::test]
async fn a_read_waits_for_retry_after_as_an_http_date() {
    let s = server().await;
    // Whole seconds, as the header carries them.
    let at = httpdate::parse_http_date(&httpdate::fmt_http_date(
        std::time::SystemTime::now() + Duration::from_secs(2),
    ))
    .unwrap();
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/stays/s1/wallet")))
        .respond_with(
            ResponseTemplate::new(429).insert_header("retry-after", httpdate::fmt_http_date(at)),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/stays/s1/wallet")))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "code": "WALLET_NOT_FOUND", "message": "No wallet for this stay", "status": 404, "traceId": "t1"
        })))
        .with_priority(2)
        .mount(&s)
        .await;
    let wallet = clients(&s).pxlhub().unwrap().stay_wallet("s1").await;
    assert_eq!(wallet.unwrap(), None, "the answer after the wait");
    let times: Vec<_> = s.received_requests().await.unwrap();
    assert_eq!(times.len(), 2);
    assert!(
        std::time::SystemTime::now() >= at,
        "the second request left before the date Retry-After named"
    );
}

#[tokio::test]
async fn a_retry_after_too_long_to_wait_comes_back_with_its_delay() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/stays/s1/wallet")))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .mount(&s)
        .await;
    let err = clients(&s)
        .pxlhub()
        .unwrap()
        .stay_wallet("s1")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::RateLimited);
    assert_eq!(err.retry_after_secs, Some(3600));
    assert_eq!(s.received_requests().await.unwrap().len(), 1, "not retried");
}
