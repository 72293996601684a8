//! MasCustomers over HTTP against the embedded sandbox.

use super::sandbox_support::Sandbox;
use chrono::{Duration as Days, Utc};
use guichet::api::{Auth, Clients, PaymentMethodChange};
use guichet::domain::customer::{PaymentMethod, PaymentMethodType, PromotionFilter};
use guichet::domain::iban::Iban;
use guichet::domain::{ErrorKind, PageRequest, Secret, Sort, SortDir};

#[tokio::test]
async fn customers_pages_search_and_sort() {
    let sb = Sandbox::start().await;
    let mas = &sb.clients.mascustomers;
    let p0 = mas
        .list_customers(&PageRequest::first(50), None)
        .await
        .unwrap();
    let total = p0.total.unwrap();
    assert!(total >= 50 && p0.has_more, "{total}");
    assert_eq!(p0.items.len(), 50);
    let last_page = u32::try_from((total - 1) / 50).unwrap();
    let last = mas
        .list_customers(
            &PageRequest {
                size: 50,
                page: last_page,
                sort: None,
            },
            None,
        )
        .await
        .unwrap();
    assert!(!last.has_more);
    assert_eq!(last.last_row(), total);
    let sorted = mas
        .list_customers(
            &PageRequest::first(20).with_sort(Some(Sort::new("external_id", SortDir::Desc))),
            None,
        )
        .await
        .unwrap();
    let ids: Vec<&str> = sorted
        .items
        .iter()
        .map(|c| c.external_id.as_str())
        .collect();
    let mut want = ids.clone();
    want.sort_by(|a, b| b.cmp(a));
    assert_eq!(ids, want);
    let found = mas
        .list_customers(&PageRequest::first(20), Some(&sb.fx.external_id))
        .await
        .unwrap();
    assert!(found.items.iter().any(|c| c.id == sb.fx.customer_id));
    let c = mas.get_customer(&sb.fx.customer_id).await.unwrap();
    assert_eq!(c.name, "Élodie Martin");
    assert!(c.special_treatment.iter().any(|s| s == "VIP"));
    let e = mas
        .get_customer("00000000-0000-4000-8000-000000000000")
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.code.as_deref()),
        (ErrorKind::NotFound, Some(404), Some("0001"))
    );
}

#[tokio::test]
async fn accounts_and_payment_methods() {
    let sb = Sandbox::start().await;
    let (mas, fx) = (&sb.clients.mascustomers, &sb.fx);
    let ids = mas.customer_account_ids(&fx.customer_id).await.unwrap();
    assert!(ids.contains(&fx.direct_debit_account_id) && ids.contains(&fx.card_account_id));
    let page = mas
        .list_accounts(&PageRequest::first(20), Some(&fx.customer_id))
        .await
        .unwrap();
    assert!(page.items.iter().all(|a| a.customer_id == fx.customer_id));
    assert_eq!(page.total, Some(ids.len() as u64));
    let dd = mas.get_account(&fx.direct_debit_account_id).await.unwrap();
    match &dd.payment_method {
        PaymentMethod::DirectDebit { iban } => assert!(Iban::parse(iban.reveal()).is_ok()),
        other => panic!("{other:?}"),
    }
    let card = mas.get_account(&fx.card_account_id).await.unwrap();
    assert_eq!(
        card.payment_method,
        PaymentMethod::CreditCard {
            token_id: fx.expired_token.clone()
        }
    );
    let methods = mas
        .available_payment_methods(&fx.customer_id, &fx.direct_debit_account_id)
        .await
        .unwrap();
    assert!(
        methods.contains(&PaymentMethodType::DirectDebit)
            && methods.contains(&PaymentMethodType::CreditCard)
    );

    // Switch to an active card, then back to a new IBAN.
    let to_card = PaymentMethodChange::CreditCard {
        token_id: fx.spare_active_token.clone(),
    };
    mas.change_payment_method(&fx.direct_debit_account_id, &to_card)
        .await
        .unwrap();
    let now = mas.get_account(&fx.direct_debit_account_id).await.unwrap();
    assert_eq!(
        now.payment_method,
        PaymentMethod::CreditCard {
            token_id: fx.spare_active_token.clone()
        }
    );
    let cancelled = PaymentMethodChange::CreditCard {
        token_id: fx.spare_cancelled_token.clone(),
    };
    let e = mas
        .change_payment_method(&fx.direct_debit_account_id, &cancelled)
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.code.as_deref()),
        (ErrorKind::Rejected, Some(400), Some("0002"))
    );
    assert!(!e.outcome_unknown);
    let iban = Iban::from_bban("FR", "30006000011234567890189");
    mas.change_payment_method(
        &fx.direct_debit_account_id,
        &PaymentMethodChange::DirectDebit { iban: iban.clone() },
    )
    .await
    .unwrap();
    match mas
        .get_account(&fx.direct_debit_account_id)
        .await
        .unwrap()
        .payment_method
    {
        PaymentMethod::DirectDebit { iban: got } => assert_eq!(got.reveal(), iban.as_str()),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn billing_promotions_and_cancellation() {
    let sb = Sandbox::start().await;
    let (mas, fx) = (&sb.clients.mascustomers, &sb.fx);
    let acc = &fx.direct_debit_account_id;
    let history = mas.billing_addresses(acc, None, None).await.unwrap();
    assert!(!history.is_empty());
    assert!(
        history
            .windows(2)
            .all(|w| w[0].create_stamp >= w[1].create_stamp),
        "newest first"
    );
    let all = mas.promotions(acc, &PromotionFilter::All).await.unwrap();
    for id in [
        &fx.active_promotion_id,
        &fx.scheduled_promotion_id,
        &fx.cancelled_promotion_id,
        &fx.ended_promotion_id,
    ] {
        assert!(all.iter().any(|p| &p.id == id), "{id}");
    }
    let active = mas.promotions(acc, &PromotionFilter::Active).await.unwrap();
    assert!(active.iter().any(|p| p.id == fx.active_promotion_id));
    assert!(!active.iter().any(|p| p.id == fx.scheduled_promotion_id));
    let scheduled = mas
        .promotions(acc, &PromotionFilter::Scheduled)
        .await
        .unwrap();
    assert!(scheduled.iter().any(|p| p.id == fx.scheduled_promotion_id));
    assert!(!mas.promotion_history(acc, None).await.unwrap().is_empty());

    let today = Utc::now().date_naive();
    let e = mas
        .cancel_promotion(acc, &fx.active_promotion_id, today - Days::days(1))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::Rejected, Some("0002"))
    );
    let e = mas
        .cancel_promotion(acc, &fx.ended_promotion_id, today)
        .await
        .unwrap_err();
    assert_eq!((e.status, e.code.as_deref()), (Some(400), Some("0002")));
    mas.cancel_promotion(acc, &fx.active_promotion_id, today + Days::days(1))
        .await
        .unwrap();
    let after = mas.promotions(acc, &PromotionFilter::All).await.unwrap();
    let p = after
        .iter()
        .find(|p| p.id == fx.active_promotion_id)
        .unwrap();
    assert_eq!(p.cancellation_date, Some(today + Days::days(1)));
    let hist = mas.promotion_history(acc, Some(today)).await.unwrap();
    assert!(hist.iter().all(|h| h.operation_date.date_naive() >= today));
}

#[tokio::test]
async fn expired_and_wrong_tokens() {
    let sb = Sandbox::start().await;
    let mut settings = sb.settings();
    settings.mascustomers.auth =
        Auth::Bearer(Secret::new(guichet::sandbox::demo::MAS_EXPIRED_TOKEN));
    settings.mascustomers.credential_hint = "token_env GUICHET_MAS_TOKEN of profile demo".into();
    settings.smoney.auth = Auth::Bearer(Secret::new("nope"));
    let c = Clients::new(&settings).unwrap();
    let e = c
        .mascustomers
        .list_customers(&PageRequest::first(1), None)
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.code.as_deref()),
        (ErrorKind::Unauthorized, Some(401), Some("569"))
    );
    assert_eq!(
        e.credential_hint.as_deref(),
        Some("token_env GUICHET_MAS_TOKEN of profile demo")
    );
    let e = c
        .smoney
        .list_users(&PageRequest::first(1))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::Unauthorized, Some("570"))
    );
}
