//! pxlhub over HTTP: the seed's wallet opening, reads, validation, the two API keys, and
//! idempotency of opening and refunding under 20 concurrent duplicates.

use super::common::*;
use guichet::domain::Provider::Pxlhub as P;
use guichet::sandbox::demo;
use reqwest::Method;
use serde_json::{Value, json};

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn open_body(stay: &str, est: &str) -> Value {
    json!({"stayId": stay, "establishmentId": est, "mode": "prepaid", "currency": "EUR", "mediumRef": "BR-000001", "correlationId": uuid()})
}

#[tokio::test]
async fn the_seed_example_opens_a_wallet_once() {
    let sb = fresh().await;
    let base = sb.base_url();
    let f = fixtures();
    // The seed's example, with the ids of a real stay and upper-case uuids.
    let body = json!({"stayId": f.stay_without_wallet_id.to_uppercase(), "establishmentId": stay_establishment(&base, &f.stay_without_wallet_id).await.to_uppercase(),
                      "mode": "postpaid", "currency": "EUR", "mediumRef": "example", "creditLimitCents": "10000", "correlationId": "2489E9AD-2EE2-8E00-8EC9-32D5F69181C0"});
    let (s, b) = call(
        P,
        "POST",
        "/wallets",
        pxl(&base, Method::POST, "/wallets").json(&body),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["alreadyOpen"], false);
    let id = b["data"]["walletId"].as_str().unwrap().to_string();
    let (_, again) = call(
        P,
        "POST",
        "/wallets",
        pxl(&base, Method::POST, "/wallets").json(&body),
    )
    .await;
    assert_eq!(again["data"], json!({"walletId": id, "alreadyOpen": true}));
    let (s, w) = call(
        P,
        "GET",
        "/stays/{stayId}/wallet",
        pxl(
            &base,
            Method::GET,
            &format!("/stays/{}/wallet", f.stay_without_wallet_id),
        ),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(w["data"]["id"], id.as_str());
    assert_eq!(
        (
            w["data"]["creditLimitCents"].as_str(),
            w["data"]["balanceCents"].as_str()
        ),
        (Some("10000"), Some("0"))
    );
    sb.stop().await;
}

async fn stay_establishment(base: &str, stay: &str) -> String {
    let (_, s) = call(
        P,
        "GET",
        "/stays/{stayId}",
        pxl(base, Method::GET, &format!("/stays/{stay}")),
    )
    .await;
    s["data"]["establishmentId"]
        .as_str()
        .expect("establishmentId")
        .to_string()
}

#[tokio::test]
async fn lists_and_reads() {
    let base = shared();
    let f = fixtures();
    let (s, w) = call(
        P,
        "GET",
        "/wallets/{walletId}",
        pxl(base, Method::GET, &format!("/wallets/{}", f.wallet_id)),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(w["data"]["stayId"], f.stay_with_wallet_id.as_str());
    assert_eq!(w["data"]["mode"], "prepaid");
    let (_, p) = call(
        P,
        "GET",
        "/wallets",
        pxl(base, Method::GET, "/wallets?size=50&sort=balanceCents,desc"),
    )
    .await;
    assert!(p["recordTotal"].as_u64().unwrap() >= 1000);
    let bal: Vec<i64> = p["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["balanceCents"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(bal.windows(2).all(|w| w[0] >= w[1]), "{bal:?}");
    let (_, p) = call(
        P,
        "GET",
        "/wallets",
        pxl(
            base,
            Method::GET,
            &format!(
                "/wallets?establishmentId={}&status=open&size=200",
                f.establishment_id
            ),
        ),
    )
    .await;
    assert!(
        p["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["establishmentId"] == f.establishment_id.as_str() && w["status"] == "open")
    );
    assert!(
        p["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["id"] == f.wallet_id.as_str())
    );
    let (_, st) = call(
        P,
        "GET",
        "/stays",
        pxl(base, Method::GET, "/stays?size=10&sort=guestName,asc"),
    )
    .await;
    let names: Vec<&str> = st["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["guestName"].as_str().unwrap())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    assert!(st["recordTotal"].as_u64().unwrap() >= 1500);
    let (s, b) = call(
        P,
        "GET",
        "/stays/{stayId}/wallet",
        pxl(
            base,
            Method::GET,
            &format!("/stays/{}/wallet", f.stay_without_wallet_id),
        ),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("WALLET_NOT_FOUND")));
    let (s, b) = call(
        P,
        "GET",
        "/wallets/{walletId}",
        pxl(base, Method::GET, &format!("/wallets/{}", uuid())),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("WALLET_NOT_FOUND")));
    for q in ["size=0", "page=-2", "sort=mode,asc", "status=lost"] {
        let (s, b) = call(
            P,
            "GET",
            "/wallets",
            pxl(base, Method::GET, &format!("/wallets?{q}")),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (400, Some("VALIDATION_ERROR")),
            "{q}"
        );
    }
}

#[tokio::test]
async fn keys_and_transport_errors() {
    let base = shared();
    let f = fixtures();
    let url = format!("{base}{}/wallets", demo::PXL_PREFIX);
    let (s, b) = call(P, "GET", "/wallets", client().get(&url)).await;
    assert_eq!((s, b["code"].as_str()), (401, Some("UNAUTHENTICATED")));
    let (s, _) = call(
        P,
        "GET",
        "/wallets",
        client()
            .get(&url)
            .header("X-API-Key", demo::PXL_READONLY_KEY),
    )
    .await;
    assert_eq!(s, 200, "the read-only key reads");
    let body = open_body(&f.stay_without_wallet_id, &f.establishment_id);
    let (s, b) = call(
        P,
        "POST",
        "/wallets",
        client()
            .post(&url)
            .header("X-API-Key", demo::PXL_READONLY_KEY)
            .json(&body),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (403, Some("FORBIDDEN")));
    let (s, b) = call_error(P, pxl(base, Method::GET, "/nothing")).await;
    assert_eq!((s, b["code"].as_str()), (404, Some("ROUTE_NOT_FOUND")));
    let (s, b) = call_error(P, pxl(base, Method::DELETE, "/wallets")).await;
    assert_eq!((s, b["code"].as_str()), (405, Some("METHOD_NOT_ALLOWED")));
    let (s, b) = call(
        P,
        "POST",
        "/wallets",
        pxl(base, Method::POST, "/wallets")
            .header("content-type", "application/json")
            .body("{oops"),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("VALIDATION_ERROR")));
    let (s, b) = call(
        P,
        "POST",
        "/wallets",
        pxl(base, Method::POST, "/wallets")
            .header("content-type", "application/xml")
            .body("<a/>"),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (415, Some("UNSUPPORTED_MEDIA_TYPE"))
    );
    let (s, b) = call(
        P,
        "POST",
        "/wallets",
        pxl(base, Method::POST, "/wallets")
            .header("content-type", "application/json")
            .body(vec![b' '; 100_000]),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (413, Some("PAYLOAD_TOO_LARGE")));
}

#[tokio::test]
async fn open_validation_names_the_field() {
    let base = shared();
    let f = fixtures();
    let good = open_body(&f.stay_without_wallet_id, &f.establishment_id);
    let cases: Vec<(Value, &str)> = vec![
        (json!({"mode": "weekly"}), "mode"),
        (json!({"currency": "EURO"}), "currency"),
        (json!({"currency": "E1R"}), "currency"),
        (json!({"creditLimitCents": "100"}), "creditLimitCents"),
        (
            json!({"mode": "postpaid", "creditLimitCents": 100}),
            "creditLimitCents",
        ),
        (
            json!({"mode": "postpaid", "creditLimitCents": "1e3"}),
            "creditLimitCents",
        ),
        (json!({"stayId": "nope"}), "stayId"),
        (json!({"correlationId": null}), "correlationId"),
    ];
    for (patch, field) in cases {
        let mut body = good.clone();
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (s, b) = call(
            P,
            "POST",
            "/wallets",
            pxl(base, Method::POST, "/wallets").json(&body),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (400, Some("VALIDATION_ERROR")),
            "{body}"
        );
        assert!(
            b["message"].as_str().unwrap().contains(field),
            "{field}: {b}"
        );
    }
    let (s, b) = call(
        P,
        "POST",
        "/wallets",
        pxl(base, Method::POST, "/wallets").json(&open_body(&uuid(), &f.establishment_id)),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("STAY_NOT_FOUND")));
    let mut magic = good.clone();
    magic["mediumRef"] = json!("FAIL-500");
    let (s, b) = call(
        P,
        "POST",
        "/wallets",
        pxl(base, Method::POST, "/wallets").json(&magic),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (500, Some("INTERNAL_ERROR")));
}

#[tokio::test]
async fn twenty_concurrent_opens_make_one_wallet() {
    let sb = fresh().await;
    let base = sb.base_url();
    let f = fixtures();
    let est = stay_establishment(&base, &f.stay_without_wallet_id).await;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let req = pxl(&base, Method::POST, "/wallets")
                .json(&open_body(&f.stay_without_wallet_id, &est));
            tokio::spawn(send(req))
        })
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    let mut fresh_opens = 0;
    for t in tasks {
        let (s, b) = t.await.unwrap();
        assert_eq!(s, 200, "{b}");
        ids.insert(b["data"]["walletId"].as_str().unwrap().to_string());
        if b["data"]["alreadyOpen"] == false {
            fresh_opens += 1;
        }
    }
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(fresh_opens, 1);
    sb.stop().await;
}

#[tokio::test]
async fn twenty_concurrent_refunds_refund_once() {
    let sb = fresh().await;
    let base = sb.base_url();
    let f = fixtures();
    let body =
        json!({"businessDate": "2026-11-21", "idempotencyKey": uuid(), "correlationId": uuid()});
    let path = format!("/wallets/{}/refund", f.wallet_id);
    let tasks: Vec<_> = (0..20)
        .map(|_| tokio::spawn(send(pxl(&base, Method::POST, &path).json(&body))))
        .collect();
    let mut answers = std::collections::BTreeSet::new();
    for t in tasks {
        let (s, b) = t.await.unwrap();
        assert_eq!(s, 200, "{b}");
        answers.insert(b.to_string());
    }
    assert_eq!(
        answers.len(),
        1,
        "all duplicates get the first answer: {answers:?}"
    );
    let first: Value = serde_json::from_str(answers.iter().next().unwrap()).unwrap();
    assert_eq!(first["data"]["refundedCents"], "12345");
    let (_, w) = call(
        P,
        "GET",
        "/wallets/{walletId}",
        pxl(&base, Method::GET, &format!("/wallets/{}", f.wallet_id)),
    )
    .await;
    assert_eq!(
        (
            w["data"]["balanceCents"].as_str(),
            w["data"]["status"].as_str()
        ),
        (Some("0"), Some("closed"))
    );
    // A new key on the closed wallet refunds nothing more.
    let other =
        json!({"businessDate": "2026-11-21", "idempotencyKey": uuid(), "correlationId": uuid()});
    let (s, b) = call(
        P,
        "POST",
        "/wallets/{walletId}/refund",
        pxl(&base, Method::POST, &path).json(&other),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("VALIDATION_ERROR")));
    let (s, again) = call(
        P,
        "POST",
        "/wallets/{walletId}/refund",
        pxl(&base, Method::POST, &path).json(&body),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(again, first);
    sb.stop().await;
}

#[tokio::test]
async fn no_wallet_is_opened_in_the_future() {
    let base = shared();
    let (s, p) = call(
        P,
        "GET",
        "/wallets",
        pxl(base, Method::GET, "/wallets?size=1&sort=openedAt,desc"),
    )
    .await;
    assert_eq!(s, 200);
    let latest = p["data"][0]["openedAt"].as_str().unwrap();
    let latest = chrono::DateTime::parse_from_rfc3339(latest).unwrap();
    assert!(
        latest <= chrono::Utc::now(),
        "a wallet opened in the future: {latest}"
    );
}
