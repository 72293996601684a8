//! pxlhub methods against wiremock, bodies as WIRE.md gives them.

use super::support::*;
use chrono::NaiveDate;
use guichet::api::{OpenWallet, RefundRequest};
use guichet::domain::cashless::{WalletMode, WalletStatus};
use guichet::domain::{Cents, Currency, ErrorKind, PageRequest};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn list_and_get_wallets() {
    let s = server().await;
    let mut postpaid = wallet_json("w2");
    postpaid["mode"] = json!("postpaid");
    postpaid["creditLimitCents"] = json!("50000");
    postpaid["balanceCents"] = json!("-1200");
    postpaid["status"] = json!("frozen");
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/wallets")))
        .and(header("x-api-key", "pxl_sandbox_manage"))
        .and(query_param("size", "2"))
        .and(query_param("page", "0"))
        .and(query_param("establishmentId", "e1"))
        .and(query_param("status", "open"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [wallet_json("w1"), postpaid], "count": 2, "startIndex": 0, "endIndex": 1, "recordTotal": 1000
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/wallets/w1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": wallet_json("w1")})))
        .mount(&s)
        .await;
    let c = clients(&s);
    let page = c
        .pxlhub()
        .unwrap()
        .list_wallets(&PageRequest::first(2), Some("e1"), Some("open"))
        .await
        .unwrap();
    assert_eq!((page.total, page.has_more), (Some(1000), true));
    let w2 = &page.items[1];
    assert_eq!(w2.mode, WalletMode::Postpaid);
    assert_eq!(w2.balance, Cents(-1200));
    assert_eq!(w2.credit_limit, Some(Cents(50000)));
    assert_eq!(w2.status, WalletStatus::Unknown("frozen".into()));
    let w1 = c.pxlhub().unwrap().get_wallet("w1").await.unwrap();
    assert_eq!(w1.balance, Cents(12345));
    assert_eq!(w1.currency, Currency::EUR);
    assert_eq!(w1.medium_ref.as_deref(), Some("BR-004512"));
}

#[tokio::test]
async fn bad_cents_string_names_the_field() {
    let s = server().await;
    let mut w = wallet_json("w1");
    w["balanceCents"] = json!("123.45");
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/wallets/w1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": w})))
        .mount(&s)
        .await;
    let e = clients(&s)
        .pxlhub()
        .unwrap()
        .get_wallet("w1")
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Decode);
    assert_eq!(e.field_path.as_deref(), Some("data.balanceCents"));
    assert_eq!(e.provider, guichet::domain::Provider::Pxlhub);
}

#[tokio::test]
async fn stay_wallet_none_on_404_and_partial_body_completed() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/stays/s-empty/wallet")))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "code": "WALLET_NOT_FOUND", "message": "No wallet for this stay", "status": 404, "traceId": "t1"
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/stays/s-unknown/wallet")))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "code": "STAY_NOT_FOUND", "message": "Unknown stay", "status": 404, "traceId": "t2"
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/stays/s1/wallet")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"id": "w1", "stayId": "s1", "balanceCents": "12345", "status": "open"}
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/wallets/w1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": wallet_json("w1")})))
        .mount(&s)
        .await;
    let c = clients(&s);
    assert_eq!(
        c.pxlhub().unwrap().stay_wallet("s-empty").await.unwrap(),
        None
    );
    let e = c
        .pxlhub()
        .unwrap()
        .stay_wallet("s-unknown")
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::NotFound, Some("STAY_NOT_FOUND"))
    );
    assert_eq!(e.trace_id.as_deref(), Some("t2"));
    let w = c
        .pxlhub()
        .unwrap()
        .stay_wallet("s1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((w.id.as_str(), w.balance), ("w1", Cents(12345)));
}

#[tokio::test]
async fn stays_list_and_get() {
    let s = server().await;
    let stay = json!({"id": "s1", "establishmentId": "e1", "establishmentName": "Hôtel des Arts Lyon",
        "guestName": "Jan de Vries", "arrival": "2026-11-19", "departure": "2026-11-23"});
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/stays")))
        .and(query_param("sort", "arrival,desc"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [stay], "count": 1, "startIndex": 0, "endIndex": 0, "recordTotal": 1
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/stays/s1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": stay})))
        .mount(&s)
        .await;
    let c = clients(&s);
    let page = c
        .pxlhub()
        .unwrap()
        .list_stays(
            &PageRequest::first(50).with_sort(guichet::domain::Sort::parse("arrival,desc")),
            None,
        )
        .await
        .unwrap();
    assert_eq!(page.items[0].guest_name, "Jan de Vries");
    let st = c.pxlhub().unwrap().get_stay("s1").await.unwrap();
    assert_eq!(st.arrival, NaiveDate::from_ymd_opt(2026, 11, 19).unwrap());
    assert_eq!(
        st.establishment_name.as_deref(),
        Some("Hôtel des Arts Lyon")
    );
}

pub fn open_request() -> OpenWallet {
    OpenWallet {
        stay_id: "5A1E0000-0000-4000-8000-000000000001".into(),
        establishment_id: "e5000000-0000-4000-8000-000000000001".into(),
        mode: WalletMode::Postpaid,
        currency: Currency::EUR,
        medium_ref: Some("BR-1".into()),
        credit_limit: Some(Cents(50000)),
        correlation_id: "c0000000-0000-4000-8000-000000000001".into(),
    }
}

#[tokio::test]
async fn open_wallet_and_refund_bodies() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets")))
        .and(body_json(json!({
            "stayId": "5a1e0000-0000-4000-8000-000000000001",
            "establishmentId": "e5000000-0000-4000-8000-000000000001",
            "mode": "postpaid", "currency": "EUR", "mediumRef": "BR-1",
            "creditLimitCents": "50000", "correlationId": "c0000000-0000-4000-8000-000000000001"
        })))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"walletId": "w9", "alreadyOpen": true}})),
        )
        .expect(1)
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets/w9/refund")))
        .and(body_json(json!({
            "businessDate": "2026-11-21", "idempotencyKey": "1d000000-0000-4000-8000-000000000001",
            "correlationId": "c0000000-0000-4000-8000-000000000002"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"walletId": "w9", "refundedCents": "12345", "refundRef": "RF-0001"}
        })))
        .expect(1)
        .mount(&s)
        .await;
    let c = clients(&s);
    let opened = c
        .pxlhub()
        .unwrap()
        .open_wallet(&open_request())
        .await
        .unwrap();
    assert_eq!(
        (opened.wallet_id.as_str(), opened.already_open),
        ("w9", true)
    );
    let refund = c
        .pxlhub()
        .unwrap()
        .refund(
            "w9",
            &RefundRequest {
                business_date: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
                idempotency_key: "1d000000-0000-4000-8000-000000000001".into(),
                correlation_id: "c0000000-0000-4000-8000-000000000002".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(refund.refunded, Cents(12345));
    assert_eq!(refund.refund_ref, "RF-0001");
}

#[tokio::test]
async fn readonly_key_write_is_forbidden() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets")))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "code": "FORBIDDEN", "message": "missing permission cashless.manage", "status": 403, "traceId": "t3",
            "origin": {"boundedContext": "cashless", "module": "wallets"}
        })))
        .expect(1)
        .mount(&s)
        .await;
    let e = clients(&s)
        .pxlhub()
        .unwrap()
        .open_wallet(&open_request())
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert_eq!(e.code.as_deref(), Some("FORBIDDEN"));
    assert_eq!(e.message, "missing permission cashless.manage");
    assert!(!e.retryable && !e.outcome_unknown);
}
