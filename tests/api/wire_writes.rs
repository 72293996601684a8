//! The request on the confirmation is the request sent: for each form and each mode, the
//! bytes wiremock received from `runtime::writes::perform` equal the body of the api layer's
//! `WireWrite` the confirmation is drawn from, and the confirmation's masked text is the one
//! masking applied to what was received.

use super::support::{PXL, clients, perform_write, server};
use guichet::api::WireWrite;
use guichet::api::writes::mask_body;
use guichet::app::form::{AuditSummary, WriteRequest};
use guichet::audit;
use guichet::config::Environment;
use guichet::domain::cashless::WalletMode;
use guichet::domain::iban::Iban;
use guichet::domain::requests::{OpenWallet, PaymentMethodChange};
use guichet::domain::{Cents, Currency};
use guichet::runtime::writes::AuditContext;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The organisation the confirmation is built with (the demo profile's).
const ORG: &str = "telco";

/// The MasCustomers base path of the demo profile; the org is in the write's own path.
const MAS_BASE: &str = "/customers/v4";

fn open_wallet(mode: WalletMode) -> WriteRequest {
    WriteRequest::OpenWallet(OpenWallet {
        // Upper case as a user may paste them: the wire has them lower case.
        stay_id: "5A1E0000-0000-4000-8000-0000000000AB".into(),
        establishment_id: "E5000000-0000-4000-8000-0000000000CD".into(),
        mode,
        currency: Currency::EUR,
        medium_ref: Some("BR-004512".into()),
        credit_limit: Some(Cents(10_000)),
        correlation_id: "C0000000-0000-4000-8000-0000000000EF".into(),
    })
}

fn change(change: PaymentMethodChange) -> WriteRequest {
    WriteRequest::ChangePaymentMethod {
        account_id: "8f0e1c2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f".into(),
        change,
    }
}

async fn mock_wallet_open(s: &MockServer) {
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"walletId": "w7", "alreadyOpen": false}})),
        )
        .mount(s)
        .await;
}

async fn mock_no_content(s: &MockServer) {
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(204))
        .mount(s)
        .await;
}

/// Sends `request` the way a confirmed form does and checks that what arrived is, byte for
/// byte, the preview; returns the JSON received.
async fn sent_equals_preview(s: &MockServer, request: &WriteRequest, prefix: &str) -> Value {
    let clients = clients(s);
    assert_eq!(clients.mascustomers_org(), ORG);
    let preview: WireWrite = request.wire(ORG);
    let dir = tempfile::tempdir().unwrap();
    let ctx = AuditContext {
        dir: dir.path().to_path_buf(),
        profile: "demo".into(),
        environment: Environment::Sandbox,
    };
    let summary = AuditSummary {
        action: "test.write",
        target_ids: vec![],
        key: preview.idempotency_key().map(str::to_string),
        summary: preview.masked_body(),
    };
    perform_write(&clients, &ctx, request, &summary)
        .await
        .unwrap();
    let received = s.received_requests().await.unwrap();
    assert_eq!(received.len(), 1, "{received:?}");
    let got = &received[0];
    assert_eq!(got.method.as_str(), preview.method().as_str());
    assert_eq!(got.url.path(), format!("{prefix}{}", preview.path()));
    assert_eq!(
        got.body,
        preview.body(),
        "sent {} / preview {}",
        String::from_utf8_lossy(&got.body),
        String::from_utf8_lossy(preview.body())
    );
    assert_eq!(mask_body(&got.body, true), preview.masked_body_pretty());
    let line = &audit::read_last(dir.path(), 1).unwrap()[0];
    assert_eq!(line.key.as_deref(), preview.idempotency_key());
    serde_json::from_slice(&got.body).unwrap()
}

#[tokio::test]
async fn prepaid_wallet_sent_as_previewed_without_a_credit_limit() {
    let s = server().await;
    mock_wallet_open(&s).await;
    let sent = sent_equals_preview(&s, &open_wallet(WalletMode::Prepaid), PXL).await;
    assert_eq!(sent["stayId"], "5a1e0000-0000-4000-8000-0000000000ab");
    assert_eq!(
        sent["establishmentId"],
        "e5000000-0000-4000-8000-0000000000cd"
    );
    assert_eq!(
        sent["correlationId"],
        "c0000000-0000-4000-8000-0000000000ef"
    );
    assert!(sent.get("creditLimitCents").is_none(), "{sent}");
}

#[tokio::test]
async fn postpaid_wallet_sent_as_previewed_with_its_credit_limit() {
    let s = server().await;
    mock_wallet_open(&s).await;
    let sent = sent_equals_preview(&s, &open_wallet(WalletMode::Postpaid), PXL).await;
    assert_eq!(sent["creditLimitCents"], "10000");
    assert_eq!(sent["mode"], "postpaid");
}

#[tokio::test]
async fn iban_change_sent_as_previewed_and_masked_only_on_screen() {
    let s = server().await;
    mock_no_content(&s).await;
    let iban = Iban::parse("DE89370400440532013000").unwrap();
    let request = change(PaymentMethodChange::DirectDebit { iban });
    let sent = sent_equals_preview(&s, &request, MAS_BASE).await;
    assert_eq!(sent["details"]["iban"], "DE89370400440532013000");
    let shown = request.wire(ORG).masked_body_pretty();
    assert!(shown.contains("DE89 •••• •••• •••• 3000"), "{shown}");
    assert!(!shown.contains("0532013"), "{shown}");
}

#[tokio::test]
async fn card_change_sent_as_previewed_with_the_token_lower_case() {
    let s = server().await;
    mock_no_content(&s).await;
    let request = change(PaymentMethodChange::CreditCard {
        token_id: "3F0C0000-0000-4000-8000-0000000000AA".into(),
    });
    let sent = sent_equals_preview(&s, &request, MAS_BASE).await;
    assert_eq!(
        sent,
        json!({"type": "CREDIT_CARD", "details": {"token_id": "3f0c0000-0000-4000-8000-0000000000aa"}})
    );
}

#[tokio::test]
async fn promotion_cancel_sent_as_previewed() {
    let s = server().await;
    mock_no_content(&s).await;
    let request = WriteRequest::CancelPromotion {
        account_id: "8f0e1c2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f".into(),
        promotion_id: "p-42".into(),
        cancellation_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
    };
    let sent = sent_equals_preview(&s, &request, MAS_BASE).await;
    assert_eq!(sent, json!({"cancellation_date": "2026-12-24"}));
}

#[tokio::test]
async fn a_retried_wallet_open_sends_the_previewed_bytes_every_time() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{PXL}/wallets")))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    mock_wallet_open(&s).await;
    let request = open_wallet(WalletMode::Postpaid);
    let preview = request.wire(ORG);
    let opened = clients(&s)
        .pxlhub()
        .unwrap()
        .send_open_wallet(&preview)
        .await
        .unwrap();
    assert_eq!(opened.wallet_id, "w7");
    let received = s.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    for r in &received {
        assert_eq!(r.body, preview.body());
    }
}

#[tokio::test]
async fn a_prepared_write_refuses_the_wrong_provider() {
    let s = server().await;
    let wire = open_wallet(WalletMode::Prepaid).wire(ORG);
    let e = clients(&s)
        .mascustomers()
        .unwrap()
        .send_patch(&wire)
        .await
        .unwrap_err();
    assert_eq!(e.kind, guichet::domain::ErrorKind::Local, "{e:?}");
    assert!(s.received_requests().await.unwrap().is_empty());
}

/// A loopback relay in front of `target` that keeps a copy of every byte sent through it.
async fn recording_relay(
    target: std::net::SocketAddr,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        while let Ok((inbound, _)) = listener.accept().await {
            let Ok(outbound) = tokio::net::TcpStream::connect(target).await else {
                continue;
            };
            let (mut in_read, mut in_write) = inbound.into_split();
            let (mut out_read, mut out_write) = outbound.into_split();
            let record = record.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                // Recorded before it is forwarded, so before any answer to it exists.
                while let Ok(n) = in_read.read(&mut buf).await {
                    record.lock().unwrap().extend_from_slice(&buf[..n]);
                    if n == 0 || out_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            });
            tokio::spawn(async move { tokio::io::copy(&mut out_read, &mut in_write).await });
        }
    });
    (base, seen)
}

/// The body of the one HTTP/1.1 request in `raw`.
fn request_body(raw: &[u8]) -> &[u8] {
    let text = String::from_utf8_lossy(raw);
    let head_end = text.find("\r\n\r\n").expect("a request head") + 4;
    let length: usize = text[..head_end]
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .expect("a content-length");
    &raw[head_end..head_end + length]
}

#[tokio::test]
async fn the_sandbox_receives_the_previewed_prepaid_wallet_open() {
    let sb = super::sandbox_support::Sandbox::start().await;
    let (base, seen) = recording_relay(sb.handle.addr()).await;
    let clients =
        guichet::api::Clients::new(&guichet::runtime::setup::demo_settings(&base)).unwrap();
    let stay = clients
        .pxlhub()
        .unwrap()
        .get_stay(&sb.fx.stay_without_wallet_id)
        .await
        .unwrap();
    seen.lock().unwrap().clear();
    let request = WriteRequest::OpenWallet(OpenWallet {
        stay_id: stay.id.to_ascii_uppercase(),
        establishment_id: stay.establishment_id.clone(),
        mode: WalletMode::Prepaid,
        currency: Currency::EUR,
        medium_ref: None,
        credit_limit: None,
        correlation_id: "6F1C5A2E-0B7D-4C1E-9A51-1D2F3E4A5B6C".into(),
    });
    let preview = request.wire(ORG);
    let dir = tempfile::tempdir().unwrap();
    let ctx = AuditContext {
        dir: dir.path().to_path_buf(),
        profile: "demo".into(),
        environment: Environment::Sandbox,
    };
    let summary = AuditSummary {
        action: "wallet.open",
        target_ids: vec![stay.id.clone()],
        key: preview.idempotency_key().map(str::to_string),
        summary: preview.masked_body(),
    };
    let ok = perform_write(&clients, &ctx, &request, &summary)
        .await
        .unwrap();
    assert!(
        matches!(ok, guichet::app::form::WriteOk::WalletOpened(ref w) if !w.already_open),
        "{ok:?}"
    );
    let raw = seen.lock().unwrap().clone();
    assert_eq!(request_body(&raw), preview.body());
    let wallet = clients
        .pxlhub()
        .unwrap()
        .stay_wallet(&stay.id)
        .await
        .unwrap()
        .expect("the wallet was opened");
    assert_eq!(wallet.stay_id, stay.id);
}
