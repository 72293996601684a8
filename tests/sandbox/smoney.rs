//! S-money over HTTP: the seed's requests in lower case, answers in PascalCase, the vendor
//! media type, paging without a total, and the numbered error codes.

use super::common::*;
use guichet::domain::Provider::Smoney as P;
use guichet::sandbox::demo;
use reqwest::Method;
use serde_json::{Value, json};

fn oneshot(amount: i64, bank: Value) -> Value {
    json!({"amount": amount, "accountid": {"appaccountid": "C-000001"}, "bankaccount": bank, "fee": {"amount": 150, "amountWithVAT": 180, "VAT": 20}})
}

fn seed_bank() -> Value {
    json!({"displayname": "compte bancaire", "bic": "CMCIFR2A", "iban": "FR7613106005002000743520962", "ismine": true})
}

#[tokio::test]
async fn the_seed_oneshot_and_recurring_examples_are_accepted() {
    let sb = fresh().await;
    let base = sb.base_url();
    let resp = smoney_post(&base, "/moneyouts/oneshot", &oneshot(100, seed_bank()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.headers()["content-type"], SMONEY_MEDIA);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    let b: Value = resp.json().await.unwrap();
    super::openapi::validate(P, "POST", "/moneyouts/oneshot", 201, &b).unwrap();
    assert_eq!(
        location,
        format!("{}/moneyouts/{}", demo::SMONEY_PREFIX, b["Id"])
    );
    assert_eq!(b["BankAccount"]["Iban"], "FR7613106005002000743520962");
    assert_eq!(
        b["Fee"],
        json!({"Amount": 150, "VAT": 20.0, "AmountWithVAT": 180, "Status": 1})
    );
    assert!(
        b["OperationDate"].as_str().unwrap().contains('+'),
        "with an offset"
    );
    let (s, got) = call(
        P,
        "GET",
        "/moneyouts/{id}",
        smoney(&base, Method::GET, &format!("/moneyouts/{}", b["Id"])),
    )
    .await;
    assert_eq!((s, &got), (200, &b));
    let (s, at_location) = send(
        client()
            .get(format!("{base}{location}"))
            .bearer_auth(demo::SMONEY_TOKEN)
            .header("Accept", SMONEY_MEDIA),
    )
    .await;
    assert_eq!((s, &at_location), (200, &b), "the Location is served");

    let rec = json!({"AMOUNT": 100, "AccountId": {"AppAccountId": "C-000001"}, "BankAccount": {"Id": 1}, "Fee": {"AmountWithVAT": 180, "VAT": 20}});
    let (s, r) = call(
        P,
        "POST",
        "/users/{appuserid}/moneyouts/recurring",
        smoney_post(&base, "/users/C-000001/moneyouts/recurring", &rec),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["BankAccount"]["Id"], 1);
    assert_eq!(r["Fee"]["Amount"], 150, "HT computed from TTC");
    let (_, list) = call(
        P,
        "GET",
        "/users/{appuserid}/moneyouts",
        smoney(
            &base,
            Method::GET,
            "/users/C-000001/moneyouts?sort=id,desc&per_page=2",
        ),
    )
    .await;
    assert_eq!(list[0]["Id"], r["Id"]);
    assert_eq!(list[1]["Id"], b["Id"]);
    sb.stop().await;
}

#[tokio::test]
async fn lists_page_from_one_and_sort_with_ties_by_id() {
    let base = shared();
    let t = "/users/{appuserid}/moneyouts";
    let (s, first) = call(
        P,
        "GET",
        t,
        smoney(base, Method::GET, "/users/C-000001/moneyouts"),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        first.as_array().unwrap().len(),
        50,
        "per_page defaults to 50"
    );
    let dates: Vec<i64> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            chrono::DateTime::parse_from_rfc3339(m["OperationDate"].as_str().unwrap())
                .unwrap()
                .timestamp_millis()
        })
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "operationdate,desc by default"
    );
    let (_, p5) = call(
        P,
        "GET",
        t,
        smoney(
            base,
            Method::GET,
            "/users/C-000001/moneyouts?page=5&per_page=50",
        ),
    )
    .await;
    assert_eq!(
        p5.as_array().unwrap().len(),
        50,
        "the fixture user has > 200 moneyouts"
    );
    let (_, past) = call(
        P,
        "GET",
        t,
        smoney(base, Method::GET, "/users/C-000001/moneyouts?page=1000"),
    )
    .await;
    assert_eq!(past, json!([]));
    let (_, by_amount) = call(
        P,
        "GET",
        t,
        smoney(
            base,
            Method::GET,
            "/users/C-000001/moneyouts?sort=amount,asc&per_page=200",
        ),
    )
    .await;
    let keys: Vec<(i64, i64)> = by_amount
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["Amount"].as_i64().unwrap(), m["Id"].as_i64().unwrap()))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "amount then id, strictly increasing"
    );
    let (_, own) = call(
        P,
        "GET",
        "/moneyouts",
        smoney(base, Method::GET, "/moneyouts/?per_page=3"),
    )
    .await;
    assert_eq!(own, Value::Array(first.as_array().unwrap()[..3].to_vec()));
    let (_, users) = call(
        P,
        "GET",
        "/users",
        smoney(base, Method::GET, "/users?page=1&per_page=2"),
    )
    .await;
    assert_eq!(users[0]["AppUserId"], "C-000001");
    assert_eq!(users[0]["FirstName"], "Élodie");
    for q in [
        "per_page=0",
        "per_page=201",
        "page=0",
        "page=x",
        "sort=fee,asc",
        "sort=amount,sideways",
    ] {
        let (s, b) = call(
            P,
            "GET",
            t,
            smoney(base, Method::GET, &format!("/users/C-000001/moneyouts?{q}")),
        )
        .await;
        assert_eq!((s, b["Code"].as_i64()), (400, Some(704)), "{q}");
    }
    let (s, b) = call(
        P,
        "GET",
        t,
        smoney(base, Method::GET, "/users/C-999999/moneyouts"),
    )
    .await;
    assert_eq!((s, b["Code"].as_i64()), (404, Some(301)));
    let (s, b) = call(
        P,
        "GET",
        "/users/{appuserid}/moneyouts/{id}",
        smoney(base, Method::GET, "/users/C-000001/moneyouts/999999999"),
    )
    .await;
    assert_eq!((s, b["Code"].as_i64()), (404, Some(356)));
    let (s, b) = call(
        P,
        "GET",
        "/moneyouts/{id}",
        smoney(base, Method::GET, "/moneyouts/abc"),
    )
    .await;
    assert_eq!((s, b["Code"].as_i64()), (404, Some(356)));
}

#[tokio::test]
async fn auth_media_type_and_transport_errors() {
    let base = shared();
    let url = format!("{base}{}/moneyouts", demo::SMONEY_PREFIX);
    let (s, b) = call(
        P,
        "GET",
        "/moneyouts",
        client().get(&url).bearer_auth(demo::SMONEY_EXPIRED_TOKEN),
    )
    .await;
    assert_eq!((s, b["Code"].as_i64()), (401, Some(569)));
    let (s, b) = call(P, "GET", "/moneyouts", client().get(&url).bearer_auth("x")).await;
    assert_eq!((s, b["Code"].as_i64()), (401, Some(570)));
    let (s, _) = call(
        P,
        "GET",
        "/moneyouts",
        client().get(&url).bearer_auth(demo::SMONEY_TOKEN),
    )
    .await;
    assert_eq!(s, 200, "no Accept header is fine");
    let (s, b) = call(
        P,
        "GET",
        "/moneyouts",
        client()
            .get(&url)
            .bearer_auth(demo::SMONEY_TOKEN)
            .header("Accept", "text/html"),
    )
    .await;
    assert_eq!((s, b["Code"].as_i64()), (415, Some(415)));
    let (s, b) = call(
        P,
        "POST",
        "/moneyouts/oneshot",
        smoney(base, Method::POST, "/moneyouts/oneshot").json(&oneshot(100, seed_bank())),
    )
    .await;
    assert_eq!(
        (s, b["Code"].as_i64(), b["ErrorMessage"].as_str()),
        (415, Some(415), Some("Media type non supporté"))
    );
    let (s, b) = call(
        P,
        "POST",
        "/moneyouts/oneshot",
        smoney(base, Method::POST, "/moneyouts/oneshot")
            .header("Content-Type", SMONEY_MEDIA)
            .body("{\"amount\":"),
    )
    .await;
    assert_eq!((s, b["Code"].as_i64()), (400, Some(704)));
    let (s, b) = call(
        P,
        "POST",
        "/moneyouts/oneshot",
        smoney(base, Method::POST, "/moneyouts/oneshot")
            .header("Content-Type", SMONEY_MEDIA)
            .body(vec![b' '; 70_000]),
    )
    .await;
    assert_eq!((s, b["Code"].as_i64()), (413, Some(413)));
    let (s, b) = call_error(P, smoney(base, Method::GET, "/accounts")).await;
    assert_eq!((s, b["Code"].as_i64()), (404, Some(404)));
    let (s, b) = call_error(P, smoney(base, Method::DELETE, "/moneyouts")).await;
    assert_eq!((s, b["Code"].as_i64()), (405, Some(405)));
}

#[tokio::test]
async fn validation_codes_of_the_seed() {
    let base = shared();
    let t = "/moneyouts/oneshot";
    let bank = |display: &str, bic: &str, iban: &str| json!({"displayname": display, "bic": bic, "iban": iban});
    let good_iban = "FR7613106005002000743520962";
    let cases: Vec<(Value, i64)> = vec![
        (json!({"bankaccount": seed_bank()}), 704),
        (json!({"amount": 100}), 704),
        (oneshot(100, bank("", "CMCIFR2A", good_iban)), 176),
        (oneshot(100, bank("x", "CMCIFR2A", "FR76-1310")), 179),
        (
            oneshot(100, bank("x", "CMCIFR2A", "7613106005002000743520962")),
            180,
        ),
        (
            oneshot(100, bank("x", "CMCIFR2A", "FR0013106005002000743520962")),
            181,
        ),
        (
            oneshot(100, bank("x", "CMCIFR2A", "ZZ7613106005002000743520962")),
            182,
        ),
        (oneshot(100, bank("x", "CMCIFR2A", "FR761310600500")), 183),
        (
            oneshot(100, bank("x", "CMCIFR2A", "FR7613106005002000743520961")),
            184,
        ),
        (oneshot(100, bank("x", "CMCIFR2", good_iban)), 186),
        (oneshot(100, bank("x", "CM1IFR2A", good_iban)), 187),
        (oneshot(100, bank("x", "CMCIF12A", good_iban)), 188),
        (oneshot(100, bank("x", "CMCIFR-A", good_iban)), 189),
        (oneshot(100, bank("x", "CMCIFR2A50-", good_iban)), 190),
        (oneshot(100, bank("x", "CMCIZZ2A", good_iban)), 556),
        (oneshot(100, json!({"id": 999_999_999})), 302),
        (oneshot(1100, seed_bank()), 110),
        (oneshot(3620, seed_bank()), 362),
        (oneshot(5_000_001, seed_bank()), 702),
        (
            json!({"amount": 100, "accountid": {"appaccountid": "C-000002"}, "bankaccount": seed_bank()}),
            111,
        ),
    ];
    for (body, code) in cases {
        let (s, b) = call(P, "POST", t, smoney_post(base, t, &body)).await;
        assert_eq!((s, b["Code"].as_i64()), (500, Some(code)), "{body}: {b}");
    }
}

#[tokio::test]
async fn balance_and_kyc_ceilings() {
    let sb = fresh().await;
    let base = sb.base_url();
    // Find a KYC-1 user and a user with a small balance among the first users.
    let (_, users) = send(smoney(&base, Method::GET, "/users?per_page=200")).await;
    let ids: Vec<String> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["AppUserId"].as_str().unwrap().to_string())
        .collect();
    let mut saw_703 = false;
    let mut saw_110 = false;
    for id in ids.iter().skip(1).take(60) {
        let path = format!("/users/{id}/moneyouts/oneshot");
        let body = json!({"amount": 1_000_001, "bankaccount": seed_bank()});
        let (s, b) = call(
            P,
            "POST",
            "/users/{appuserid}/moneyouts/oneshot",
            smoney_post(&base, &path, &body),
        )
        .await;
        match (s, b["Code"].as_i64()) {
            (500, Some(703)) => saw_703 = true,
            (500, Some(110)) => saw_110 = true,
            (201, None) => assert_eq!(b["Amount"], 1_000_001),
            other => panic!("unexpected {other:?}: {b}"),
        }
    }
    assert!(
        saw_703 && saw_110,
        "seeded users cover KYC 1 and small balances"
    );
    sb.stop().await;
}

#[tokio::test]
async fn fee_vat_outside_0_to_100_or_overflowing_is_refused_with_704() {
    let base = shared();
    let t = "/moneyouts/oneshot";
    let with_fee = |fee: Value| json!({"amount": 100, "accountid": {"appaccountid": "C-000001"}, "bankaccount": seed_bank(), "fee": fee});
    let cases = [
        json!({"Amount": 10000, "VAT": -200}),
        json!({"AmountWithVAT": 180, "VAT": -100}),
        json!({"Amount": 150, "VAT": 100.1}),
        json!({"Amount": 150, "VAT": 1e300}),
        json!({"Amount": i64::MAX / 100, "VAT": 20}),
        json!({"AmountWithVAT": i64::MAX / 100, "VAT": 20}),
    ];
    for fee in cases {
        let body = with_fee(fee);
        let (s, b) = call(P, "POST", t, smoney_post(base, t, &body)).await;
        assert_eq!((s, b["Code"].as_i64()), (500, Some(704)), "{body}: {b}");
    }
}

#[tokio::test]
async fn fee_vat_bounds_0_and_100_are_accepted() {
    let sb = fresh().await;
    let base = sb.base_url();
    let t = "/moneyouts/oneshot";
    for (fee, amount, with_vat) in [
        (json!({"Amount": 150, "VAT": 0}), 150, 150),
        (json!({"Amount": 150, "VAT": 100}), 150, 300),
        (json!({"AmountWithVAT": 300, "VAT": 100}), 150, 300),
    ] {
        let body = json!({"amount": 100, "accountid": {"appaccountid": "C-000001"}, "bankaccount": seed_bank(), "fee": fee});
        let (s, b) = call(P, "POST", t, smoney_post(&base, t, &body)).await;
        assert_eq!(s, 201, "{body}: {b}");
        assert_eq!(
            (
                b["Fee"]["Amount"].as_i64(),
                b["Fee"]["AmountWithVAT"].as_i64()
            ),
            (Some(amount), Some(with_vat)),
            "{body}"
        );
    }
    sb.stop().await;
}
