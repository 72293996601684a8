//! A full run with logging captured: no secret, full PAN or full IBAN in any log line or
//! error message.

use super::support::*;
use guichet::api::{Clients, PaymentMethodChange, doctor, render_doctor_table};
use guichet::domain::PageRequest;
use guichet::domain::iban::Iban;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const FORBIDDEN: &[&str] = &[
    "mas_sandbox_token",
    "smoney_sandbox_token",
    "pxl_sandbox_manage",
    "testpassword_SANDBOX",
    "monext_sandbox_secret",
    // base64 of the Basic credentials
    "Njk4NzYzNTc6dGVzdHBhc3N3b3JkX1NBTkRCT1g=",
    "bW9uZXh0X3NhbmRib3g6bW9uZXh0X3NhbmRib3hfc2VjcmV0",
    PAN,
    IBAN,
    "3000600001123456789",
];

#[tokio::test]
async fn no_secret_pan_or_iban_in_logs_or_errors() {
    let buf = Buffer::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let s = server().await;
    Mock::given(path(format!("{MAS}/customers")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"items": [customer_json("c1")], "recordTotal": 1})),
        )
        .mount(&s)
        .await;
    Mock::given(path(format!("{MAS}/accounts/a1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(account_json("a1")))
        .mount(&s)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("{MAS}/accounts/a1/payment-method")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": "0002", "status": 400, "message": format!("IBAN {IBAN} refused; token mas_sandbox_token"), "detail_msg": null
        })))
        .mount(&s)
        .await;
    Mock::given(path(format!("{PXL}/wallets")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [wallet_json("w1")], "recordTotal": 1})),
        )
        .mount(&s)
        .await;
    Mock::given(path(format!("{SMONEY}/users")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"AppUserId": "C-1", "FirstName": "A", "LastName": "B"}])),
        )
        .mount(&s)
        .await;
    Mock::given(path(format!("{SMONEY}/users/C-1/moneyouts")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([moneyout_json(1)])))
        .mount(&s)
        .await;
    Mock::given(path(format!("{LYRA}/Token/Get")))
        .respond_with(ResponseTemplate::new(200).set_body_json(lyra_envelope(
            "Token/Get",
            "SUCCESS",
            json!({"paymentMethodToken": "t1", "tokenStatus": "ACTIVE",
                   "tokenDetails": {"pan": PAN, "expiryMonth": 1, "expiryYear": 2030, "effectiveBrand": "VISA"}}),
        )))
        .mount(&s)
        .await;
    Mock::given(path(format!("{LYRA}/Charge/SDKTest")))
        .respond_with(ResponseTemplate::new(200).set_body_json(lyra_envelope(
            "Charge/SDKTest",
            "ERROR",
            json!({"errorCode": "INT_009", "errorMessage": format!("card {PAN} unknown web service")}),
        )))
        .mount(&s)
        .await;
    Mock::given(path(format!("{MONEXT}/checkout/alive")))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"title": "Unauthorized", "code": "UNAUTHORIZED", "detail": "bad monext_sandbox_secret"})))
        .mount(&s)
        .await;

    let c: Clients = clients(&s);
    let mut shown = Vec::new();
    let page = PageRequest::first(20);
    c.mascustomers
        .list_customers(&page, Some("secret search"))
        .await
        .unwrap();
    let account = c.mascustomers.get_account("a1").await.unwrap();
    shown.push(format!("{account:?}"));
    shown.push(account.payment_method.summary());
    let change = PaymentMethodChange::DirectDebit {
        iban: Iban::parse(IBAN).unwrap(),
    };
    shown.push(format!("{change:?}"));
    let e = c
        .mascustomers
        .change_payment_method("a1", &change)
        .await
        .unwrap_err();
    shown.push(e.to_string());
    shown.push(format!("{e:?}"));
    c.pxlhub.list_wallets(&page, None, None).await.unwrap();
    c.smoney.list_users(&page).await.unwrap();
    let mos = c.smoney.list_moneyouts("C-1", &page).await.unwrap();
    shown.push(format!("{mos:?}"));
    let token = c.lyra.get_token("t1").await.unwrap();
    shown.push(format!("{token:?}"));
    let e = c.lyra.sdk_test("x").await.unwrap_err();
    shown.push(e.to_string());
    let e = c.monext.alive().await.unwrap_err();
    shown.push(e.to_string());
    let rows = doctor(&c).await;
    shown.push(render_doctor_table(&rows));
    shown.push(format!("{c:?}"));

    let log = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    // The log is really there: one line per request with provider, path and status.
    assert!(log.contains("provider=\"mascustomers\""), "{log}");
    assert!(
        log.contains("path=\"/customers/v4/orgs/telco/accounts/a1/payment-method\""),
        "{log}"
    );
    assert!(log.contains("status=400"), "{log}");
    assert!(log.contains("latency_ms="), "{log}");
    assert!(
        !log.contains("secret search"),
        "query values stay out of the log"
    );
    for text in shown.iter().chain(std::iter::once(&log)) {
        for bad in FORBIDDEN {
            assert!(!text.contains(bad), "{bad:?} leaked into:\n{text}");
        }
    }
}
