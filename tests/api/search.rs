//! The `:` box's searches through the typed clients (`runtime::search`): every group of a
//! text against the sandbox, and a provider that is slow and then fails, or that has no
//! such search (400), holding no other group back and said in its own group only.

use super::sandbox_support::Sandbox;
use guichet::api::Clients;
use guichet::app::detail::Subject;
use guichet::app::search_box::{GroupState, SearchCall, SearchKind};
use guichet::domain::customer::PaymentMethod;
use guichet::runtime::search::{search_all, search_group};
use std::time::Duration;
use wiremock::matchers::{method, path, query_param_contains};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn every_group_of_a_text_against_the_sandbox() {
    let sb = Sandbox::start().await;
    let me = sb
        .clients
        .mascustomers()
        .unwrap()
        .get_customer(&sb.fx.customer_id)
        .await
        .unwrap();
    let email = me.email.unwrap();
    let groups = search_all(&sb.clients, &email[..10]).await;
    let kinds: Vec<SearchKind> = groups.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, vec![SearchKind::Customers, SearchKind::Stays]);
    let customers = groups[0].1.as_ref().unwrap();
    assert!(
        customers
            .hits
            .iter()
            .any(|h| matches!(h, Subject::Customer(c) if c.id == sb.fx.customer_id)),
        "{customers:?}"
    );

    let account = sb
        .clients
        .mascustomers()
        .unwrap()
        .get_account(&sb.fx.direct_debit_account_id)
        .await
        .unwrap();
    let PaymentMethod::DirectDebit { iban } = &account.payment_method else {
        panic!("direct debit")
    };
    let last4 = &iban.reveal()[iban.reveal().len() - 4..];
    let accounts = search_group(
        &sb.clients,
        &SearchCall {
            kind: SearchKind::Accounts,
            text: last4.into(),
        },
    )
    .await
    .unwrap();
    assert!(
        accounts
            .hits
            .iter()
            .any(|h| matches!(h, Subject::Account(a) if a.id == account.id))
    );

    // A transfer by its number, whoever's it is.
    let mine = sb
        .clients
        .smoney()
        .unwrap()
        .list_moneyouts(&sb.fx.smoney_user, &guichet::domain::PageRequest::first(1))
        .await
        .unwrap();
    let id = mine.items[0].id;
    let transfers = search_group(
        &sb.clients,
        &SearchCall {
            kind: SearchKind::Transfers,
            text: id.to_string(),
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        transfers.hits.as_slice(),
        [Subject::Transfer { user, transfer }] if *user == sb.fx.smoney_user && transfer.id == id
    ));
}

#[tokio::test]
async fn a_slow_failing_or_unsupported_provider_holds_no_other_group_back() {
    let sb = Sandbox::start().await;
    let pxl = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/stays"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_delay(Duration::from_secs(2))
                .set_body_json(serde_json::json!({"code": "SERVICE_UNAVAILABLE", "message": "down", "status": 503})),
        )
        .mount(&pxl)
        .await;
    Mock::given(method("GET"))
        .and(path("/wallets"))
        .and(query_param_contains("mediumRef", "BR"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            serde_json::json!({"code": "VALIDATION_ERROR", "message": "unknown parameter mediumRef", "status": 400}),
        ))
        .mount(&pxl)
        .await;
    let mut settings = sb.settings();
    if let Some(e) = &mut settings.pxlhub {
        e.base_url = pxl.uri();
    }
    let clients = Clients::new(&settings).unwrap();
    let call = |kind, text: &str| SearchCall {
        kind,
        text: text.into(),
    };
    let customers_call = call(SearchKind::Customers, "martin");
    let stays_call = call(SearchKind::Stays, "martin");
    let customers = search_group(&clients, &customers_call);
    let stays = search_group(&clients, &stays_call);
    tokio::pin!(customers, stays);
    // The customers answer while the stays still wait on the slow provider.
    let found = tokio::select! {
        biased;
        r = &mut customers => r.unwrap(),
        _ = &mut stays => panic!("the slow provider answered first"),
    };
    assert!(!found.hits.is_empty());
    let failed = stays.await.unwrap_err();
    assert!(
        matches!(GroupState::failed(&failed), GroupState::Failed { code, .. } if code == "SERVICE_UNAVAILABLE"),
        "{failed:?}"
    );
    let unsupported = search_group(&clients, &call(SearchKind::Wallets, "BR-12"))
        .await
        .unwrap_err();
    assert_eq!(GroupState::failed(&unsupported), GroupState::Unsupported);
}
