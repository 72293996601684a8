//! `doctor` against wiremock: every step, and the table.

use super::support::*;
use guichet::api::{Check, Clients, doctor, render_doctor_table};
use guichet::domain::Provider;
use serde_json::json;
use wiremock::matchers::{basic_auth, bearer_token, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn healthy(s: &MockServer) {
    Mock::given(method("GET"))
        .and(path(format!("{MAS}/customers")))
        .and(bearer_token("mas_sandbox_token"))
        .and(query_param("size", "1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"items": [customer_json("c1")], "recordTotal": 1})),
        )
        .mount(s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{PXL}/wallets")))
        .and(header("x-api-key", "pxl_sandbox_manage"))
        .and(query_param("size", "1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [], "count": 0, "recordTotal": 0})),
        )
        .mount(s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{SMONEY}/users")))
        .and(query_param("per_page", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(s)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{LYRA}/Charge/SDKTest")))
        .and(basic_auth("69876357", "testpassword_SANDBOX"))
        .respond_with(ResponseTemplate::new(200).set_body_json(lyra_envelope(
            "Charge/SDKTest",
            "SUCCESS",
            json!({"value": "guichet-doctor", "_type": "V4/Type/String"}),
        )))
        .mount(s)
        .await;
}

#[tokio::test]
async fn all_green_then_one_credential_refused() {
    let s = server().await;
    healthy(&s).await;
    Mock::given(method("GET"))
        .and(path(format!("{MONEXT}/checkout/alive")))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "title": "Unauthorized", "code": "UNAUTHORIZED", "detail": "bad credentials"
        })))
        .mount(&s)
        .await;
    let rows = doctor(&clients(&s)).await;
    let providers: Vec<Provider> = rows.iter().map(|r| r.provider).collect();
    assert_eq!(providers, Provider::ALL.to_vec());
    for r in &rows[..4] {
        assert!(r.ok(), "{r:?}");
        assert_eq!(r.tls, Check::NotApplicable);
        assert!(r.latency_ms.is_some() && r.connect_ms.is_some());
    }
    let monext = &rows[4];
    assert!(!monext.ok());
    assert_eq!(monext.connect, Check::Ok);
    match &monext.auth {
        Check::Failed(why) => assert!(why.contains("the sandbox demo Monext password"), "{why}"),
        other => panic!("{other:?}"),
    }
    let table = render_doctor_table(&rows);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("provider"), "{table}");
    assert!(
        lines[1].starts_with("MasCustomers") && lines[1].contains(" ok "),
        "{table}"
    );
    assert!(
        lines[5].starts_with("Monext") && lines[5].contains("FAILED"),
        "{table}"
    );
    assert!(
        table.contains("Monext auth: Monext refused the credentials"),
        "{table}"
    );
    assert!(!table.contains("monext_sandbox_secret"));
}

#[tokio::test]
async fn tls_and_connect_failures() {
    let s = server().await;
    // https spoken to a plain http server: connect works, the TLS handshake does not.
    let https = s.uri().replace("http://", "https://");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut settings = settings(&https);
    settings.monext.base_url = format!("http://127.0.0.1:{port}/monext/v1");
    let c = Clients::new(&settings).unwrap();
    let rows = doctor(&c).await;
    let mas = &rows[0];
    assert_eq!(mas.connect, Check::Ok);
    assert!(matches!(mas.tls, Check::Failed(_)), "{mas:?}");
    assert_eq!(mas.auth, Check::Skipped);
    let monext = &rows[4];
    assert!(matches!(monext.connect, Check::Failed(_)), "{monext:?}");
    assert_eq!(
        (&monext.tls, &monext.auth),
        (&Check::Skipped, &Check::Skipped)
    );
    assert!(rows.iter().all(|r| !r.ok()));
}
