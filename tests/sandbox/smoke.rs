//! Start, one read per provider, stop.

use super::common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn every_provider_answers() {
    let base = shared();
    let f = fixtures();
    let (s, b) = send(mas(
        base,
        Method::GET,
        &format!("/customers/{}", f.customer_id),
    ))
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["external_id"], "C-000001");
    let (s, b) = send(pxl(base, Method::GET, &format!("/wallets/{}", f.wallet_id))).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["balanceCents"], "12345");
    let (s, b) = send(smoney(base, Method::GET, "/moneyouts?per_page=3")).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b.as_array().map(Vec::len), Some(3));
    let (s, b) = send(lyra(
        base,
        "Token/Get",
        &json!({"paymentMethodToken": f.expired_token}),
    ))
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["answer"]["tokenStatus"], "EXPIRED");
    let (s, b) = send(
        monext(base, Method::POST, "/card-updater/search")
            .json(&json!({"mxToken": f.expired_token, "expirationDate": "1224"})),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["updated"], true);
    assert_eq!(b["card"]["mxToken"], f.replacement_token.as_str());
}

#[tokio::test]
async fn a_fresh_sandbox_takes_a_write_and_stops() {
    let sb = fresh().await;
    let base = sb.base_url();
    let body = json!({"amount": 100, "accountid": {"appaccountid": "C-000001"}, "bankaccount": {"id": 1}, "fee": {"amount": 150, "amountWithVAT": 180, "VAT": 20}});
    let (s, b) = send(smoney_post(&base, "/moneyouts/recurring", &body)).await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["Amount"], 100);
    assert_eq!(b["Fee"]["AmountWithVAT"], 180);
    sb.stop().await;
    assert!(
        client()
            .get(format!("{base}/_sandbox/health"))
            .send()
            .await
            .is_err()
    );
}
