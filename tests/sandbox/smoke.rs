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

/// A sandbox that listens before the rest of its seed is written (demo mode) answers
/// every provider exactly as one seeded before listening: reads that need the rest wait
/// for it instead of seeing half-written tables.
#[tokio::test]
async fn serving_while_seeding_answers_as_a_seeded_sandbox() {
    use guichet::sandbox::{self, SandboxOptions};
    let early = sandbox::start(SandboxOptions {
        serve_while_seeding: true,
        ..SandboxOptions::default()
    })
    .await
    .expect("start");
    let reads = |base: String| async move {
        // All at once, right after the start: the S-money, pxlhub and Lyra reads arrive
        // while the rest of the seed is still being written.
        let f = fixtures();
        tokio::join!(
            send(pxl(
                &base,
                Method::GET,
                "/wallets?size=5&sort=balanceCents,desc"
            )),
            send(pxl(&base, Method::GET, "/stays?size=5")),
            send(smoney(&base, Method::GET, "/moneyouts?per_page=5&page=3")),
            send(lyra(
                &base,
                "Token/Get",
                &json!({"paymentMethodToken": f.spare_active_token}),
            )),
            send(mas(&base, Method::GET, "/customers?size=5&sort=name,asc")),
            send(mas(
                &base,
                Method::GET,
                &format!("/accounts/{}/promotions", f.direct_debit_account_id)
            )),
            send(mas(
                &base,
                Method::GET,
                &format!("/customers/{}/accounts", f.customer_id)
            )),
            send(mas(&base, Method::GET, "/customers?q=elodie&size=5")),
        )
    };
    // Lyra's envelope says when it answered: the two answers are a moment apart.
    let undated = |mut r: (u16, serde_json::Value)| {
        if let Some(body) = r.1.as_object_mut() {
            body.remove("serverDate");
        }
        r
    };
    let mut got = reads(early.base_url()).await;
    let mut want = reads(shared().to_string()).await;
    got.3 = undated(got.3);
    want.3 = undated(want.3);
    assert_eq!(got.0, want.0, "pxlhub wallets");
    assert_eq!(got.1, want.1, "pxlhub stays");
    assert_eq!(got.2, want.2, "S-money moneyouts");
    assert_eq!(got.3, want.3, "Lyra spare token");
    assert_eq!(got.4, want.4, "MasCustomers customers");
    assert_eq!(got.5, want.5, "MasCustomers promotions");
    assert_eq!(got.6, want.6, "MasCustomers accounts of a customer");
    assert_eq!(got.7, want.7, "MasCustomers customers search");
    assert_eq!(got.0.0, 200, "{}", got.0.1);
    early.stop().await;
}
