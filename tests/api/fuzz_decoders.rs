//! Property: whatever body a provider answers (random bytes, a real shape cut short, wrong
//! types, huge numbers, deep nesting), every decoder of every client returns a value or an
//! `ApiError`, never a panic. 96 cases × 21 calls, each answered 200 and 500.

use super::support::*;
use guichet::domain::PageRequest;
use guichet::domain::customer::PromotionFilter;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers every request with the body and status set last.
#[derive(Clone)]
struct Current(Arc<Mutex<(u16, Vec<u8>)>>);

impl Respond for Current {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let (status, body) = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        ResponseTemplate::new(status)
            .insert_header("content-type", "application/json")
            .set_body_bytes(body)
    }
}

/// JSON values of any shape, with numbers at the edges and strings that look like data.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        Just(json!(1e308)),
        Just(json!("99999999999999999999999999999")),
        Just(json!("-1")),
        "[ -~]{0,12}".prop_map(Value::String),
        Just(json!("2026-13-45T99:99:99Z")),
        Just(json!(IBAN)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Keys the wire types use, so that random objects reach deep into the decoders.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "data",
            "items",
            "total",
            "page",
            "size",
            "next",
            "id",
            "name",
            "email",
            "status",
            "createdAt",
            "created_at",
            "balanceCents",
            "stayId",
            "walletId",
            "alreadyOpen",
            "Amount",
            "Id",
            "Status",
            "answer",
            "paymentMethodToken",
            "expiryMonth",
            "code",
            "message",
            "errorCode",
            "customer",
            "accounts",
            "iban",
            "bic",
            "amount",
            "currency",
            "guestName",
            "arrival",
            "departure",
            "mode",
            "promotions",
            "startDate",
            "endDate",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z]{1,8}",
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => value().prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()),
        // A real shape cut short anywhere.
        2 => (value(), any::<prop::sample::Index>()).prop_map(|(v, cut)| {
            let bytes = serde_json::to_vec(&json!({"data": v, "items": [v], "total": 3})).unwrap_or_default();
            let n = cut.index(bytes.len().max(1));
            bytes[..n.min(bytes.len())].to_vec()
        }),
        1 => prop::collection::vec(any::<u8>(), 0..256),
        1 => Just(b"[".repeat(10_000)),
    ]
}

async fn every_decoder(c: &guichet::api::Clients) {
    let page = PageRequest::first(20);
    let mas = c.mascustomers().expect("configured");
    let _ = mas.list_customers(&page, Some("x")).await;
    let _ = mas.get_customer("c1").await;
    let _ = mas.customer_account_ids("c1").await;
    let _ = mas.list_accounts(&page, None).await;
    let _ = mas.get_account("a1").await;
    let _ = mas.available_payment_methods("c1", "a1").await;
    let _ = mas.billing_addresses("a1", None, None).await;
    let _ = mas.promotions("a1", &PromotionFilter::All).await;
    let _ = mas.promotion_history("a1", None).await;
    let pxl = c.pxlhub().expect("configured");
    let _ = pxl.list_wallets(&page, None, None).await;
    let _ = pxl.get_wallet("w1").await;
    let _ = pxl.stay_wallet("s1").await;
    let _ = pxl.list_stays(&page, None).await;
    let _ = pxl.get_stay("s1").await;
    let smoney = c.smoney().expect("configured");
    let _ = smoney.list_users(&page).await;
    let _ = smoney.list_moneyouts("u1", &page).await;
    let _ = smoney.get_moneyout("u1", 7).await;
    let lyra = c.lyra().expect("configured");
    let _ = lyra.sdk_test("x").await;
    let _ = lyra.get_token("t1").await;
    let monext = c.monext().expect("configured");
    let _ = monext.alive().await;
    let _ = monext.card_updater_search("tok", "1230").await;
}

#[test]
fn no_body_makes_a_decoder_panic() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let current = Current(Arc::new(Mutex::new((200, Vec::new()))));
    let (server, c): (MockServer, _) = rt.block_on(async {
        let s = server().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(current.clone())
            .mount(&s)
            .await;
        let c = clients(&s);
        (s, c)
    });
    let config = ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    };
    proptest!(config, |(body in body())| {
        for status in [200, 500] {
            *current.0.lock().unwrap_or_else(|e| e.into_inner()) = (status, body.clone());
            rt.block_on(every_decoder(&c));
        }
    });
    drop(server);
}
