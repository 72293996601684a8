//! S-money methods against wiremock: PascalCase (and lower-case) keys, 1-based pages.

use super::support::*;
use guichet::api::{MoneyOutBankAccount, NewMoneyOut};
use guichet::domain::iban::Iban;
use guichet::domain::transfer::FeeStatus;
use guichet::domain::{Cents, ErrorKind, PageRequest, Sort, SortDir};
use serde_json::json;
use wiremock::matchers::{bearer_token, body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

const MEDIA: &str = "application/vnd.s-money.v1+json";

#[tokio::test]
async fn users_page_is_one_based_without_total() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{SMONEY}/users")))
        .and(bearer_token("smoney_sandbox_token"))
        .and(header("accept", MEDIA))
        .and(query_param("page", "3"))
        .and(query_param("per_page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"AppUserId": "C-000123", "FirstName": "Élodie", "LastName": "Martin", "Email": "e@example.fr", "Status": 1},
            {"appuserid": "C-000124", "firstname": "Jan", "lastname": "de Vries", "EMAIL": null, "status": 2}
        ])))
        .mount(&s)
        .await;
    let page = clients(&s)
        .smoney
        .list_users(&PageRequest {
            size: 2,
            page: 2,
            sort: None,
        })
        .await
        .unwrap();
    assert_eq!(page.total, None);
    assert!(page.has_more);
    assert_eq!(page.page, 2);
    assert_eq!(page.items[0].first_name, "Élodie");
    assert_eq!(page.items[1].last_name, "de Vries");
    assert_eq!(page.items[1].email, None);
}

#[tokio::test]
async fn moneyouts_list_and_get() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{SMONEY}/users/C-000123/moneyouts")))
        .and(query_param("page", "1"))
        .and(query_param("per_page", "50"))
        .and(query_param("sort", "amount,asc"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([moneyout_json(412), moneyout_json(413)])),
        )
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{SMONEY}/users/C-000123/moneyouts/412")))
        .respond_with(ResponseTemplate::new(200).set_body_json(moneyout_json(412)))
        .mount(&s)
        .await;
    let c = clients(&s);
    let page = c
        .smoney
        .list_moneyouts(
            "C-000123",
            &PageRequest::first(50).with_sort(Some(Sort::new("amount", SortDir::Asc))),
        )
        .await
        .unwrap();
    assert!(!page.has_more);
    assert_eq!(page.items.len(), 2);
    let m = c.smoney.get_moneyout("C-000123", 412).await.unwrap();
    assert_eq!(m.id, 412);
    assert_eq!(m.amount, Cents(2350));
    let fee = m.fee.unwrap();
    assert_eq!((fee.amount, fee.amount_with_vat), (Cents(150), Cents(180)));
    assert_eq!(fee.status, Some(FeeStatus::Succeeded));
    assert_eq!(m.bank_account.iban.unwrap().reveal(), IBAN);
    assert_eq!(
        m.operation_date.to_rfc3339(),
        "2025-03-10T15:49:58.791+01:00"
    );
    assert_eq!(
        m.account.unwrap().app_account_id.as_deref(),
        Some("C-000123")
    );
}

#[tokio::test]
async fn create_oneshot_sends_the_seed_body() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{SMONEY}/users/C-000123/moneyouts/oneshot")))
        .and(header("content-type", MEDIA))
        .and(body_json(json!({
            "amount": 2350,
            "accountid": {"appaccountid": "C-000123"},
            "bankaccount": {"displayname": "Compte courant", "bic": "CMCIFR2A", "iban": IBAN, "ismine": true},
            "fee": {"amount": 150}
        })))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("location", "/api/sandbox/moneyouts/500")
                .set_body_json(moneyout_json(500)),
        )
        .expect(1)
        .mount(&s)
        .await;
    let new = NewMoneyOut {
        amount: Cents(2350),
        app_account_id: Some("C-000123".into()),
        bank_account: MoneyOutBankAccount::New {
            display_name: "Compte courant".into(),
            bic: "CMCIFR2A".into(),
            iban: Iban::parse(IBAN).unwrap(),
            is_mine: true,
        },
        fee: Some(Cents(150)),
    };
    let m = clients(&s)
        .smoney
        .create_oneshot("C-000123", &new)
        .await
        .unwrap();
    assert_eq!(m.id, 500);
}

#[tokio::test]
async fn business_refusal_on_500_is_known() {
    let s = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{SMONEY}/users/C-000123/moneyouts/oneshot")))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"Code": 110, "ErrorMessage": "Solde insuffisant"})),
        )
        .expect(1)
        .mount(&s)
        .await;
    let new = NewMoneyOut {
        amount: Cents(99_999),
        app_account_id: None,
        bank_account: MoneyOutBankAccount::Saved { id: 42 },
        fee: None,
    };
    let e = clients(&s)
        .smoney
        .create_oneshot("C-000123", &new)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Rejected);
    assert_eq!((e.status, e.code.as_deref()), (Some(500), Some("110")));
    assert_eq!(e.message, "Solde insuffisant");
    assert!(!e.outcome_unknown && !e.retryable);
}

#[tokio::test]
async fn moneyout_not_found() {
    let s = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{SMONEY}/users/C-000123/moneyouts/9")))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"Code": 356, "ErrorMessage": "Opération introuvable"})),
        )
        .mount(&s)
        .await;
    let e = clients(&s)
        .smoney
        .get_moneyout("C-000123", 9)
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::NotFound, Some("356"))
    );
}
