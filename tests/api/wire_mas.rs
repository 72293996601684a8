//! MasCustomers methods against wiremock, bodies as WIRE.md gives them.

use super::support::*;
use chrono::NaiveDate;
use guichet::api::PaymentMethodChange;
use guichet::domain::customer::{
    AccountStatus, CustomerType, DiscountType, PaymentMethod, PaymentMethodType, PromotionFilter,
    PromotionOperation,
};
use guichet::domain::iban::Iban;
use guichet::domain::{PageRequest, Sort, SortDir};
use serde_json::json;
use wiremock::matchers::{
    bearer_token, body_json, method, path, query_param, query_param_is_missing,
};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn list_customers_sends_paging_and_search() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/customers")))
        .and(bearer_token("mas_sandbox_token"))
        .and(query_param("size", "2"))
        .and(query_param("page", "3"))
        .and(query_param("sort", "name,desc"))
        .and(query_param("q", "martin"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [customer_json("c1"), customer_json("c2")],
            "count": 2, "startIndex": 6, "endIndex": 7, "recordTotal": 9, "extra": true
        })))
        .expect(1)
        .mount(&s)
        .await;
    let page = PageRequest {
        size: 2,
        page: 3,
        sort: Some(Sort::new("name", SortDir::Desc)),
    };
    let got = clients(&s)
        .mascustomers
        .list_customers(&page, Some("martin"))
        .await
        .unwrap();
    assert_eq!(got.total, Some(9));
    assert!(got.has_more);
    assert_eq!(got.items.len(), 2);
    let c = &got.items[1];
    assert_eq!(c.id, "c2");
    assert_eq!(c.kind, CustomerType::Individual);
    assert_eq!(c.name, "Élodie Martin");
    assert_eq!(c.special_treatment, vec!["VIP".to_string()]);
    assert_eq!(c.created_at.to_rfc3339(), "2024-03-01T10:00:00+00:00");
}

#[tokio::test]
async fn get_customer_accepts_any_offset_and_unknown_enum_values() {
    let s = server().await;
    let mut body = customer_json("c9");
    body["type"] = json!("GOVERNMENT");
    body["created_at"] = json!("2024-03-01T12:00:00+02:00");
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/customers/c9")))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&s)
        .await;
    let c = clients(&s).mascustomers.get_customer("c9").await.unwrap();
    assert_eq!(c.kind, CustomerType::Unknown("GOVERNMENT".into()));
    assert_eq!(c.created_at.to_rfc3339(), "2024-03-01T10:00:00+00:00");
}

#[tokio::test]
async fn accounts_ids_list_and_get() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/customers/c1/accounts")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"account_ids": ["a1", "a2"]})),
        )
        .mount(&s)
        .await;
    let mut card = account_json("a2");
    card["payment_method"] = json!({"type": "CREDIT_CARD", "details": {"token_id": "0b3c0000-0000-4000-8000-000000000007"}});
    card["status"] = json!("SUSPENDED");
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/accounts")))
        .and(query_param("customer_id", "c1"))
        .and(query_param("size", "20"))
        .and(query_param("page", "0"))
        .and(query_param_is_missing("sort"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [account_json("a1"), card], "count": 2, "startIndex": 0, "endIndex": 1, "recordTotal": 2
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/accounts/a1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(account_json("a1")))
        .mount(&s)
        .await;
    let c = clients(&s);
    assert_eq!(
        c.mascustomers.customer_account_ids("c1").await.unwrap(),
        vec!["a1".to_string(), "a2".to_string()]
    );
    let page = c
        .mascustomers
        .list_accounts(&PageRequest::first(20), Some("c1"))
        .await
        .unwrap();
    assert_eq!((page.total, page.has_more), (Some(2), false));
    assert_eq!(page.items[1].status, AccountStatus::Suspended);
    assert_eq!(
        page.items[1].payment_method,
        PaymentMethod::CreditCard {
            token_id: "0b3c0000-0000-4000-8000-000000000007".into()
        }
    );
    let a = c.mascustomers.get_account("a1").await.unwrap();
    assert_eq!(a.billing_address.unwrap().city, "Paris");
    match a.payment_method {
        PaymentMethod::DirectDebit { iban } => assert_eq!(iban.reveal(), IBAN),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn account_missing_iban_names_the_field() {
    let s = server().await;
    let mut body = account_json("a1");
    body["payment_method"] = json!({"type": "DIRECT_DEBIT", "details": {}});
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/accounts")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [account_json("a0"), body], "count": 2, "startIndex": 0, "endIndex": 1, "recordTotal": 2
        })))
        .mount(&s)
        .await;
    let e = clients(&s)
        .mascustomers
        .list_accounts(&PageRequest::first(20), None)
        .await
        .unwrap_err();
    assert_eq!(e.kind, guichet::domain::ErrorKind::Decode);
    assert_eq!(
        e.field_path.as_deref(),
        Some("items[1].payment_method.details.iban")
    );
    assert_eq!(e.status, Some(200));
}

#[tokio::test]
async fn payment_methods_and_change() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!(
            "{MAS}/customers/c1/accounts/a1/payment-methods"
        )))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"payment_methods": ["DIRECT_DEBIT", "CREDIT_CARD"]})),
        )
        .mount(&s)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("{MAS}/accounts/a1/payment-method")))
        .and(body_json(
            json!({"type": "DIRECT_DEBIT", "details": {"iban": IBAN}}),
        ))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&s)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("{MAS}/accounts/a1/payment-method")))
        .and(body_json(json!({"type": "CREDIT_CARD", "details": {"token_id": "0b3c0000-0000-4000-8000-00000000000a"}})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&s)
        .await;
    let c = clients(&s);
    assert_eq!(
        c.mascustomers
            .available_payment_methods("c1", "a1")
            .await
            .unwrap(),
        vec![
            PaymentMethodType::DirectDebit,
            PaymentMethodType::CreditCard
        ]
    );
    let iban = Iban::parse(IBAN).unwrap();
    c.mascustomers
        .change_payment_method("a1", &PaymentMethodChange::DirectDebit { iban })
        .await
        .unwrap();
    c.mascustomers
        .change_payment_method(
            "a1",
            &PaymentMethodChange::CreditCard {
                token_id: "0B3C0000-0000-4000-8000-00000000000A".into(),
            },
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn billing_addresses_with_dates() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/accounts/a1/billing-addresses")))
        .and(query_param("from", "2025-01-01"))
        .and(query_param("to", "2025-12-31"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"billing_addresses": [
            {"address": {"street": "1 rue A", "postal_code": "69001", "city": "Lyon", "country": "FR"}, "create_stamp": "2025-06-01T09:00:00Z"},
            {"address": {"street": "12 rue Oberkampf", "postal_code": "75011", "city": "Paris", "country": "FR"}, "create_stamp": "2025-02-01T09:00:00Z"}
        ]})))
        .mount(&s)
        .await;
    let got = clients(&s)
        .mascustomers
        .billing_addresses(
            "a1",
            NaiveDate::from_ymd_opt(2025, 1, 1),
            NaiveDate::from_ymd_opt(2025, 12, 31),
        )
        .await
        .unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].address.city, "Lyon");
    assert_eq!(
        got[1].create_stamp.to_rfc3339(),
        "2025-02-01T09:00:00+00:00"
    );
}

#[tokio::test]
async fn promotions_history_and_cancel() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/accounts/a1/promotions")))
        .and(query_param("account_promotion_type", "ACTIVE"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": "p1", "promotion_code": "WELCOME10", "name": "Welcome 10%", "discount": {"type": "PERCENTAGE", "value": 10},
             "start_date": "2025-01-01", "end_date": "2025-12-31", "cancellation_date": null},
            {"id": "p2", "promotion_code": "FIVE", "name": "5 € off", "discount": {"type": "AMOUNT", "value": 500},
             "start_date": "2025-02-01", "end_date": null}
        ])))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/accounts/a1/promotions/history")))
        .and(query_param("start_date", "2025-01-01"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": "h1", "account_promotion_id": "p1", "promotion_code": "WELCOME10", "operation": "ADDED", "operation_date": "2025-01-01T00:00:00Z"}
        ])))
        .mount(&s)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("{MAS}/accounts/a1/promotions/p1")))
        .and(body_json(json!({"cancellation_date": "2026-12-01"})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&s)
        .await;
    let c = clients(&s);
    let promos = c
        .mascustomers
        .promotions("a1", &PromotionFilter::Active)
        .await
        .unwrap();
    assert_eq!(promos.len(), 2);
    assert_eq!(promos[0].discount.to_string(), "10%");
    assert_eq!(promos[1].discount.kind, DiscountType::Amount);
    assert_eq!(promos[1].end_date, None);
    let hist = c
        .mascustomers
        .promotion_history("a1", NaiveDate::from_ymd_opt(2025, 1, 1))
        .await
        .unwrap();
    assert_eq!(hist[0].operation, PromotionOperation::Added);
    c.mascustomers
        .cancel_promotion("a1", "p1", NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        .await
        .unwrap();
}
