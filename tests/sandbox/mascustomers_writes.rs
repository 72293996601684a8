//! MasCustomers writes over HTTP: promotion cancellation rules, payment method changes
//! against the IBAN rules and the card vault, account creation.

use super::common::*;
use guichet::domain::Provider::Mascustomers as P;
use reqwest::Method;
use serde_json::{Value, json};

fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

async fn cancel(base: &str, account: &str, promo: &str, date: &str) -> (u16, Value) {
    call(
        P,
        "PATCH",
        "/orgs/{org}/accounts/{account_id}/promotions/{account_promotion_id}",
        mas(
            base,
            Method::PATCH,
            &format!("/accounts/{account}/promotions/{promo}"),
        )
        .json(&json!({"cancellation_date": date})),
    )
    .await
}

#[tokio::test]
async fn promotion_cancellation_rules() {
    let sb = fresh().await;
    let base = sb.base_url();
    let f = fixtures();
    let acc = &f.direct_debit_account_id;
    let (s, b) = cancel(&base, acc, &f.active_promotion_id, &day(-1)).await;
    assert_eq!((s, b["code"].as_str()), (400, Some("0002")), "before today");
    assert!(b["detail_msg"].as_str().unwrap().contains("before today"));
    let (s, _) = cancel(&base, acc, &f.cancelled_promotion_id, &day(1)).await;
    assert_eq!(s, 400, "already cancelled");
    let (s, b) = cancel(&base, acc, &f.ended_promotion_id, &day(1)).await;
    assert_eq!(s, 400, "ended");
    assert!(b["detail_msg"].as_str().unwrap().contains("ended"));
    let (s, _) = cancel(&base, acc, &f.active_promotion_id, &day(3000)).await;
    assert_eq!(s, 400, "after end date");
    let (s, _) = cancel(&base, acc, "00000000-0000-4000-8000-000000000000", &day(1)).await;
    assert_eq!(s, 404);
    let (s, _) = cancel(&base, acc, &f.active_promotion_id, "tomorrow").await;
    assert_eq!(s, 400);
    let (s, b) = cancel(&base, acc, &f.active_promotion_id, &day(0)).await;
    assert_eq!((s, b), (204, Value::Null));
    let (_, active) = send(mas(
        &base,
        Method::GET,
        &format!("/accounts/{acc}/promotions?account_promotion_type=ACTIVE"),
    ))
    .await;
    assert_eq!(active, json!([]), "cancelled today: no longer active");
    let (_, h) = send(mas(
        &base,
        Method::GET,
        &format!("/accounts/{acc}/promotions/history?start_date={}", day(0)),
    ))
    .await;
    assert!(
        h.as_array()
            .unwrap()
            .iter()
            .any(|x| x["operation"] == "CANCELLED"
                && x["account_promotion_id"] == f.active_promotion_id.as_str())
    );
    let (s, _) = cancel(&base, acc, &f.scheduled_promotion_id, &day(30)).await;
    assert_eq!(
        s, 204,
        "a scheduled promotion can get a future cancellation date"
    );
    sb.stop().await;
}

async fn change(base: &str, account: &str, body: Value) -> (u16, Value) {
    call(
        P,
        "PATCH",
        "/orgs/{org}/accounts/{account_id}/payment-method",
        mas(
            base,
            Method::PATCH,
            &format!("/accounts/{account}/payment-method"),
        )
        .json(&body),
    )
    .await
}

#[tokio::test]
async fn payment_method_change_checks_iban_and_card_vault() {
    let sb = fresh().await;
    let base = sb.base_url();
    let f = fixtures();
    let acc = &f.card_account_id;
    let dd = |iban: &str| json!({"type": "DIRECT_DEBIT", "details": {"iban": iban}});
    for (iban, needle) in [
        ("FR7630006000011234567890188", "check digits"),
        ("FR763000600001", "27 characters"),
        ("ZZ7630006000011234567890189", "unknown IBAN country"),
        ("FR76-3000", "letters and digits"),
    ] {
        let (s, b) = change(&base, acc, dd(iban)).await;
        assert_eq!((s, b["code"].as_str()), (400, Some("0002")), "{iban}");
        assert!(
            b["detail_msg"].as_str().unwrap().contains(needle),
            "{iban}: {b}"
        );
    }
    let (s, _) = change(&base, acc, json!({"type": "DIRECT_DEBIT", "details": {}})).await;
    assert_eq!(s, 400);
    let card = |t: &str| json!({"type": "CREDIT_CARD", "details": {"token_id": t}});
    let (s, b) = change(&base, acc, card(&f.spare_cancelled_token)).await;
    assert_eq!(s, 400);
    assert!(
        b["detail_msg"].as_str().unwrap().contains("CANCELLED"),
        "{b}"
    );
    let (s, b) = change(&base, acc, card(&f.spare_expired_token)).await;
    assert!(
        s == 400 && b["detail_msg"].as_str().unwrap().contains("EXPIRED"),
        "{b}"
    );
    let (s, _) = change(&base, acc, card("00000000-0000-4000-8000-00000000abcd")).await;
    assert_eq!(s, 400, "not in the vault");
    let (s, _) = change(&base, acc, card("not-a-uuid")).await;
    assert_eq!(s, 400);
    let (s, _) = change(&base, acc, json!({"type": "PAYPAL"})).await;
    assert_eq!(s, 400);
    let (s, _) = change(&base, acc, card(&f.spare_active_token.to_uppercase())).await;
    assert_eq!(s, 204);
    let (_, a) = send(mas(&base, Method::GET, &format!("/accounts/{acc}"))).await;
    assert_eq!(
        a["payment_method"]["details"]["token_id"],
        f.spare_active_token.as_str()
    );
    let (s, _) = change(&base, acc, dd("fr76 3000 6000 0112 3456 7890 189")).await;
    assert_eq!(s, 204);
    let (_, a) = send(mas(&base, Method::GET, &format!("/accounts/{acc}"))).await;
    assert_eq!(
        a["payment_method"],
        json!({"type": "DIRECT_DEBIT", "details": {"iban": "FR7630006000011234567890189"}})
    );
    sb.stop().await;
}

#[tokio::test]
async fn payment_method_must_be_available_on_the_account() {
    let sb = fresh().await;
    let base = sb.base_url();
    // Find an account offering only one method.
    let mut found = None;
    for page in 0..20 {
        let (_, p) = send(mas(
            &base,
            Method::GET,
            &format!("/accounts?size=200&page={page}"),
        ))
        .await;
        for a in p["items"].as_array().unwrap() {
            let (cid, aid) = (
                a["customer_id"].as_str().unwrap(),
                a["id"].as_str().unwrap(),
            );
            let (_, m) = send(mas(
                &base,
                Method::GET,
                &format!("/customers/{cid}/accounts/{aid}/payment-methods"),
            ))
            .await;
            if m["payment_methods"] == json!(["DIRECT_DEBIT"]) {
                found = Some(aid.to_string());
                break;
            }
        }
        if found.is_some() {
            break;
        }
    }
    let acc = found.expect("an account with DIRECT_DEBIT only");
    let f = fixtures();
    let (s, b) = change(
        &base,
        &acc,
        json!({"type": "CREDIT_CARD", "details": {"token_id": f.spare_active_token}}),
    )
    .await;
    assert_eq!(s, 400);
    assert!(
        b["detail_msg"]
            .as_str()
            .unwrap()
            .contains("not an available payment method"),
        "{b}"
    );
    sb.stop().await;
}

#[tokio::test]
async fn account_creation_and_conflict() {
    let sb = fresh().await;
    let base = sb.base_url();
    let f = fixtures();
    let t = "/orgs/{org}/customers/{customer_id}/accounts";
    let body = json!({"modality": "POSTPAID", "billing_address": {"street": "1 rue de Rivoli", "postal_code": "75001", "city": "Paris", "country": "FR"},
                      "payment_method": {"type": "DIRECT_DEBIT", "details": {"iban": "FR7630006000011234567890189"}}});
    let (s, b) = call(
        P,
        "POST",
        t,
        mas(
            &base,
            Method::POST,
            &format!("/customers/{}/accounts", f.customer_id),
        )
        .json(&body),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let id = b["account_id"].as_str().unwrap().to_string();
    let (s, b) = call(
        P,
        "POST",
        t,
        mas(
            &base,
            Method::POST,
            &format!("/customers/{}/accounts", f.customer_id),
        )
        .json(&body),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("0003")));
    let (_, a) = send(mas(&base, Method::GET, &format!("/accounts/{id}"))).await;
    assert_eq!(a["billing_address"]["city"], "Paris");
    let (s, _) = call(
        P,
        "POST",
        t,
        mas(
            &base,
            Method::POST,
            &format!("/customers/{}/accounts", f.customer_id),
        )
        .json(&json!({"modality": "WEEKLY", "payment_method": {"type": "DIRECT_DEBIT"}})),
    )
    .await;
    assert_eq!(s, 400);
    sb.stop().await;
}
