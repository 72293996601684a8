//! The raw view's source: a detail read keeps the provider's own answer (request line,
//! status, the body with its keys in the provider's order), IBANs masked, compared with the
//! sandbox's body fetched here with a plain HTTP client.

use super::sandbox_support::Sandbox;
use guichet::sandbox::demo;
use serde_json::Value;

/// The keys of every object in `text`, in the order they are written.
fn keys_in_order(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix('"')
            && let Some(end) = rest.find("\": ")
        {
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// Every `"key":` of a compact JSON text, in order.
fn compact_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let word = &after[..end];
        rest = &after[end + 1..];
        if rest.starts_with(':') {
            out.push(word.to_string());
        }
    }
    out
}

fn mask_ibans(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                match val {
                    Value::String(s) if k.eq_ignore_ascii_case("iban") => {
                        *s = guichet::domain::mask::mask_iban(s);
                    }
                    other => mask_ibans(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_ibans),
        _ => {}
    }
}

#[tokio::test]
async fn an_accounts_raw_body_is_the_sandboxs_own_with_the_iban_masked() {
    let sb = Sandbox::start().await;
    let id = &sb.fx.direct_debit_account_id;
    let path = format!("{}/orgs/{}/accounts/{id}", demo::MAS_PREFIX, demo::MAS_ORG);
    let theirs = reqwest::Client::new()
        .get(format!("{}{path}", sb.handle.base_url()))
        .header("Authorization", format!("Bearer {}", demo::MAS_TOKEN))
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    let (account, raw) = sb
        .clients
        .mascustomers()
        .expect("configured")
        .get_account_raw(id)
        .await
        .expect("the account");
    assert_eq!(account.id, *id);
    assert_eq!(raw.request, format!("GET {path}"));
    assert_eq!(raw.status, 200);
    assert_eq!(raw.cut_from, None);

    let mut expected: Value = serde_json::from_str(&theirs).expect("json");
    let clear = expected["payment_method"]["details"]["iban"]
        .as_str()
        .expect("a direct debit account has an IBAN")
        .to_string();
    mask_ibans(&mut expected);
    let shown: Value = serde_json::from_str(&raw.body).expect("the raw body is JSON");
    assert_eq!(shown, expected, "the same body, the IBAN masked");
    assert!(!raw.body.contains(&clear), "{}", raw.body);
    assert_eq!(
        keys_in_order(&raw.body),
        compact_keys(&theirs),
        "keys in the order the provider sent them"
    );
    assert!(raw.body.lines().count() > 5, "pretty-printed: {}", raw.body);
}

#[tokio::test]
async fn a_transfers_raw_body_keeps_s_moneys_own_names() {
    let sb = Sandbox::start().await;
    let smoney = sb.clients.smoney().expect("configured");
    let page = smoney
        .list_moneyouts(&sb.fx.smoney_user, &guichet::domain::PageRequest::first(1))
        .await
        .expect("a page");
    let first = &page.items[0];
    let (_, raw) = smoney
        .get_moneyout_raw(&sb.fx.smoney_user, first.id)
        .await
        .expect("the moneyout");
    assert!(
        raw.request.ends_with(&format!("/moneyouts/{}", first.id)),
        "{}",
        raw.request
    );
    // S-money's capitalised keys, as it sent them (the domain model renames them).
    assert!(raw.body.contains("\"Id\": "), "{}", raw.body);
    assert!(
        !raw.body.contains("\"operation_date\""),
        "not guichet's model: {}",
        raw.body
    );
}
