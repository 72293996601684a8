//! The raw view (`v`) through the real loop: the provider's own answer to the detail's read,
//! with the request line and status above it, compared with the sandbox's body fetched here
//! with a plain HTTP client; `Y` copies the detail as JSON through OSC 52.

use super::console::start;
use guichet::sandbox::demo::{self, fixtures};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_raw_view_of_an_account_is_the_sandboxs_own_body_masked() {
    let c = start(120, 40).await;
    let id = fixtures(42).direct_debit_account_id;
    let path = format!("{}/orgs/{}/accounts/{id}", demo::MAS_PREFIX, demo::MAS_ORG);
    let theirs: Value = reqwest::Client::new()
        .get(format!("{}{path}", c.sandbox.base_url()))
        .header("Authorization", format!("Bearer {}", demo::MAS_TOKEN))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let clear = theirs["payment_method"]["details"]["iban"]
        .as_str()
        .expect("an IBAN")
        .to_string();
    c.wait_text("rows 1–").await;
    c.key(':');
    c.keys(&id);
    c.enter();
    c.wait_loaded("the account", |t| {
        t.contains("› Account ") && t.contains("Modality")
    })
    .await;
    c.key('v');
    let screen = c
        .wait_loaded("the provider's answer", |t| t.contains("HTTP 200"))
        .await;
    assert!(
        screen.contains(&format!("GET {path}  HTTP 200")),
        "{screen}"
    );
    let masked = guichet::domain::mask::mask_iban(&clear);
    assert!(
        screen.contains(&format!("\"iban\": \"{masked}\"")),
        "{screen}"
    );
    assert!(!screen.contains(&clear), "{screen}");
    // Every top-level scalar of the sandbox's body is on screen as it sent it.
    let Value::Object(map) = &theirs else {
        panic!("an object")
    };
    for (k, v) in map {
        if let Value::String(s) = v {
            assert!(
                screen.contains(&format!("\"{k}\": \"{s}\"")),
                "{k}: {screen}"
            );
        }
    }
    // `Y` copies the detail as JSON, masked.
    c.key('Y');
    c.wait_text(&format!("copied {id} as JSON")).await;
    let osc = String::from_utf8(c.clipboard.lock().expect("clipboard").clone()).expect("utf-8");
    let b64 = osc
        .rsplit("\x1b]52;c;")
        .next()
        .and_then(|s| s.strip_suffix('\x07'))
        .expect("an OSC 52 sequence");
    use base64::Engine;
    let json = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64");
    let copied: Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(copied["id"], id.as_str());
    assert!(!String::from_utf8_lossy(&json).contains(&clear));
    c.quit().await;
}
