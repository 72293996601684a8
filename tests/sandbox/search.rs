//! The search parameters the sandbox adds to its lists (documented as extensions): the start
//! of any word of a customer's name, email, phone or external id, accents and case aside; an account by
//! the last four characters of its IBAN; a wallet by medium reference; a stay by guest
//! name; the owner of a transfer number. Each answers in the provider's list shape.

use super::common::*;
use guichet::domain::Provider;
use reqwest::Method;
use serde_json::Value;

async fn mas_list(base: &str, template: &str, path: &str) -> (u16, Value) {
    call(
        Provider::Mascustomers,
        "GET",
        template,
        mas(base, Method::GET, path),
    )
    .await
}

fn items<'a>(page: &'a Value, key: &str) -> &'a Vec<Value> {
    page[key].as_array().expect("items")
}

#[tokio::test]
async fn customers_by_the_start_of_any_word_of_name_email_phone_or_external_id() {
    let base = shared();
    let f = fixtures();
    let (_, me) = mas_list(
        base,
        "/orgs/{org}/customers/{customer_id}",
        &format!("/customers/{}", f.customer_id),
    )
    .await;
    let email = me["email"].as_str().expect("email");
    let phone = me["phone"].as_str().expect("phone");
    // The start of her email, her name without its accent, her phone's national number
    // typed with a leading 0 and other spacing, and the external id in lower case all find
    // her.
    let national: String = phone
        .split_once(' ')
        .expect("a country code")
        .1
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    for needle in [
        email[..10].to_string(),
        "ELODIE MART".to_string(),
        format!("0{}.{}", &national[..3], &national[3..6]),
        f.external_id.to_lowercase(),
    ] {
        let (s, p) = mas_list(
            base,
            "/orgs/{org}/customers",
            &format!("/customers?size=200&q={}", urlencode(&needle)),
        )
        .await;
        assert_eq!(s, 200, "{needle}: {p}");
        assert!(
            items(&p, "items").iter().any(|c| c["id"] == f.customer_id),
            "{needle} does not find her: {p}"
        );
        assert!(p["recordTotal"].as_u64() >= Some(1), "{p}");
    }
    let (_, none) = mas_list(base, "/orgs/{org}/customers", "/customers?q=zzqqxx").await;
    assert_eq!(none["recordTotal"], 0, "{none}");
    let long = "a".repeat(201);
    let (s, p) = mas_list(
        base,
        "/orgs/{org}/customers",
        &format!("/customers?q={long}"),
    )
    .await;
    assert_eq!((s, p["code"].as_str()), (400, Some("0002")), "{p}");
}

#[tokio::test]
async fn accounts_by_the_last_four_of_an_iban() {
    let base = shared();
    let f = fixtures();
    let (_, account) = mas_list(
        base,
        "/orgs/{org}/accounts/{account_id}",
        &format!("/accounts/{}", f.direct_debit_account_id),
    )
    .await;
    let iban = account["payment_method"]["details"]["iban"]
        .as_str()
        .expect("iban");
    let last4 = &iban[iban.len() - 4..];
    let (s, p) = mas_list(
        base,
        "/orgs/{org}/accounts",
        &format!("/accounts?size=200&last4={last4}"),
    )
    .await;
    assert_eq!(s, 200, "{p}");
    let rows = items(&p, "items");
    assert!(
        rows.iter().any(|a| a["id"] == f.direct_debit_account_id),
        "{p}"
    );
    assert!(
        rows.len() < 100,
        "a last four narrows it down: {}",
        rows.len()
    );
    let (s, p) = mas_list(base, "/orgs/{org}/accounts", "/accounts?last4=12345").await;
    assert_eq!((s, p["code"].as_str()), (400, Some("0002")), "{p}");
}

#[tokio::test]
async fn wallets_by_medium_reference_and_stays_by_guest_name() {
    let base = shared();
    let (_, page) = call(
        Provider::Pxlhub,
        "GET",
        "/wallets",
        pxl(base, Method::GET, "/wallets?size=50"),
    )
    .await;
    let medium = items(&page, "data")
        .iter()
        .find_map(|w| w["mediumRef"].as_str())
        .expect("a wallet with a medium reference")
        .to_string();
    let prefix = medium[..6].to_lowercase();
    let (s, p) = call(
        Provider::Pxlhub,
        "GET",
        "/wallets",
        pxl(
            base,
            Method::GET,
            &format!("/wallets?size=200&mediumRef={prefix}"),
        ),
    )
    .await;
    assert_eq!(s, 200, "{p}");
    let rows = items(&p, "data");
    assert!(
        rows.iter().any(|w| w["mediumRef"] == medium.as_str()),
        "{p}"
    );
    assert!(rows.iter().all(|w| {
        w["mediumRef"]
            .as_str()
            .is_some_and(|m| m.to_lowercase().starts_with(&prefix))
    }));

    let (_, stays) = call(
        Provider::Pxlhub,
        "GET",
        "/stays",
        pxl(base, Method::GET, "/stays?size=1"),
    )
    .await;
    let guest = items(&stays, "data")[0]["guestName"]
        .as_str()
        .expect("guest")
        .to_string();
    let last = guest
        .split(' ')
        .next_back()
        .expect("last name")
        .to_uppercase();
    let (s, p) = call(
        Provider::Pxlhub,
        "GET",
        "/stays",
        pxl(
            base,
            Method::GET,
            &format!("/stays?size=200&guestName={}", urlencode(&last)),
        ),
    )
    .await;
    assert_eq!(s, 200, "{p}");
    assert!(
        items(&p, "data")
            .iter()
            .any(|s| s["guestName"] == guest.as_str()),
        "{p}"
    );
}

#[tokio::test]
async fn the_owner_of_a_transfer_number() {
    let base = shared();
    let f = fixtures();
    let (_, mine) = call(
        Provider::Smoney,
        "GET",
        "/users/{appuserid}/moneyouts",
        smoney(
            base,
            Method::GET,
            &format!("/users/{}/moneyouts?per_page=1", f.smoney_user),
        ),
    )
    .await;
    let id = mine[0]["Id"].as_i64().expect("id");
    let (s, users) = call(
        Provider::Smoney,
        "GET",
        "/users",
        smoney(base, Method::GET, &format!("/users?moneyout_id={id}")),
    )
    .await;
    assert_eq!(s, 200, "{users}");
    let users = users.as_array().expect("users");
    assert_eq!(users.len(), 1);
    assert_eq!(users[0]["AppUserId"], f.smoney_user.as_str());
    let (_, none) = send(smoney(base, Method::GET, "/users?moneyout_id=999999999")).await;
    assert_eq!(none, Value::Array(vec![]));
    for bad in ["abc", "-1"] {
        let (s, body) = send(smoney(
            base,
            Method::GET,
            &format!("/users?moneyout_id={bad}"),
        ))
        .await;
        assert_eq!((s, body["Code"].as_i64()), (400, Some(704)), "{body}");
    }
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
