//! pxlhub, S-money, Lyra and Monext over HTTP against the embedded sandbox, faults, doctor.

use super::sandbox_support::Sandbox;
use guichet::api::{
    Auth, Clients, MoneyOutBankAccount, NewMoneyOut, OpenWallet, RefundRequest, doctor,
    render_doctor_table,
};
use guichet::domain::card::TokenStatus;
use guichet::domain::cashless::{WalletMode, WalletStatus};
use guichet::domain::iban::Iban;
use guichet::domain::{Cents, Currency, ErrorKind, PageRequest, Secret, Sort, SortDir};
use serde_json::json;

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[tokio::test]
async fn wallets_and_stays() {
    let sb = Sandbox::start().await;
    let (pxl, fx) = (sb.clients.pxlhub().unwrap(), &sb.fx);
    let page = pxl
        .list_wallets(&PageRequest::first(20), None, None)
        .await
        .unwrap();
    assert!(page.total.unwrap() > 0);
    let w = pxl.get_wallet(&fx.wallet_id).await.unwrap();
    assert_eq!(
        (w.balance, w.mode.clone(), w.status.clone()),
        (Cents(12345), WalletMode::Prepaid, WalletStatus::Open)
    );
    let by_est = pxl
        .list_wallets(
            &PageRequest::first(20),
            Some(&fx.establishment_id),
            Some("open"),
        )
        .await
        .unwrap();
    assert!(
        by_est
            .items
            .iter()
            .all(|w| w.establishment_id == fx.establishment_id && w.status == WalletStatus::Open)
    );
    assert_eq!(
        pxl.stay_wallet(&fx.stay_with_wallet_id)
            .await
            .unwrap()
            .map(|w| w.id),
        Some(fx.wallet_id.clone())
    );
    assert_eq!(
        pxl.stay_wallet(&fx.stay_without_wallet_id).await.unwrap(),
        None
    );
    let stays = pxl
        .list_stays(
            &PageRequest::first(20).with_sort(Some(Sort::new("guestName", SortDir::Asc))),
            None,
        )
        .await
        .unwrap();
    assert!(stays.total.unwrap() > 0);
    let names: Vec<&str> = stays.items.iter().map(|s| s.guest_name.as_str()).collect();
    assert!(
        names
            .windows(2)
            .all(|w| w[0].to_lowercase() <= w[1].to_lowercase())
            || names.is_sorted(),
        "{names:?}"
    );
    let stay = pxl.get_stay(&fx.stay_with_wallet_id).await.unwrap();
    assert_eq!(
        stay.establishment_name.as_deref(),
        Some("Hôtel des Arts Lyon")
    );
}

#[tokio::test]
async fn open_wallet_is_idempotent_and_refund_too() {
    let sb = Sandbox::start().await;
    let (pxl, fx) = (sb.clients.pxlhub().unwrap(), &sb.fx);
    let stay = pxl.get_stay(&fx.stay_without_wallet_id).await.unwrap();
    let open = OpenWallet {
        stay_id: stay.id.clone(),
        establishment_id: stay.establishment_id.clone(),
        mode: WalletMode::Postpaid,
        currency: Currency::EUR,
        medium_ref: Some("BR-TEST".into()),
        credit_limit: Some(Cents(20000)),
        correlation_id: uuid(),
    };
    let first = pxl.open_wallet(&open).await.unwrap();
    assert!(!first.already_open);
    let again = pxl.open_wallet(&open).await.unwrap();
    assert_eq!(
        (again.wallet_id.as_str(), again.already_open),
        (first.wallet_id.as_str(), true)
    );
    let w = pxl.get_wallet(&first.wallet_id).await.unwrap();
    assert_eq!(w.credit_limit, Some(Cents(20000)));

    let refund = RefundRequest {
        business_date: chrono::Utc::now().date_naive(),
        idempotency_key: uuid(),
        correlation_id: uuid(),
    };
    let r1 = pxl.refund(&fx.wallet_id, &refund).await.unwrap();
    assert_eq!(r1.refunded, Cents(12345));
    let r2 = pxl.refund(&fx.wallet_id, &refund).await.unwrap();
    assert_eq!(r1, r2, "same key, same answer");
    let w = pxl.get_wallet(&fx.wallet_id).await.unwrap();
    assert_eq!((w.balance, w.status), (Cents(0), WalletStatus::Closed));
}

#[tokio::test]
async fn pxlhub_errors_from_the_sandbox() {
    let sb = Sandbox::start().await;
    let (pxl, fx) = (sb.clients.pxlhub().unwrap(), &sb.fx);
    let stay = pxl.get_stay(&fx.stay_without_wallet_id).await.unwrap();
    let mut open = OpenWallet {
        stay_id: stay.id.clone(),
        establishment_id: stay.establishment_id.clone(),
        mode: WalletMode::Prepaid,
        currency: Currency::EUR,
        medium_ref: Some(guichet::sandbox::MAGIC_PXL_FAIL.into()),
        credit_limit: None,
        correlation_id: uuid(),
    };
    let e = pxl.open_wallet(&open).await.unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.code.as_deref()),
        (ErrorKind::ServerError, Some(500), Some("INTERNAL_ERROR"))
    );
    assert!(e.outcome_unknown && !e.retryable && e.trace_id.is_some());
    open.medium_ref = None;
    open.stay_id = "00000000-0000-4000-8000-000000000000".into();
    let e = pxl.open_wallet(&open).await.unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::NotFound, Some("STAY_NOT_FOUND"))
    );
    let mut settings = sb.settings();
    settings.pxlhub.as_mut().unwrap().auth =
        Auth::ApiKey(Secret::new(guichet::sandbox::demo::PXL_READONLY_KEY));
    let ro = Clients::new(&settings).unwrap();
    ro.pxlhub()
        .unwrap()
        .get_wallet(&fx.wallet_id)
        .await
        .unwrap();
    open.stay_id = stay.id;
    let e = ro.pxlhub().unwrap().open_wallet(&open).await.unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.code.as_deref()),
        (ErrorKind::Forbidden, Some(403), Some("FORBIDDEN"))
    );
}

#[tokio::test]
async fn refund_under_fail_after_commit_then_replayed() {
    let sb = Sandbox::start().await;
    let (pxl, fx) = (sb.clients.pxlhub().unwrap(), &sb.fx);
    sb.set_faults(json!({"pxlhub": {"fail_after_commit": true}}))
        .await;
    let refund = RefundRequest {
        business_date: chrono::Utc::now().date_naive(),
        idempotency_key: uuid(),
        correlation_id: uuid(),
    };
    let e = pxl.refund(&fx.wallet_id, &refund).await.unwrap_err();
    assert!(e.outcome_unknown && e.retryable, "{e:?}");
    sb.set_faults(json!({"pxlhub": {"fail_after_commit": false}}))
        .await;
    // The refund did land; replaying the same key gives its answer, not a second refund.
    let r = pxl.refund(&fx.wallet_id, &refund).await.unwrap();
    assert_eq!(r.refunded, Cents(12345));
    let w = pxl.get_wallet(&fx.wallet_id).await.unwrap();
    assert_eq!(w.balance, Cents(0));
}

#[tokio::test]
async fn smoney_users_and_moneyouts() {
    let sb = Sandbox::start().await;
    let (sm, fx) = (sb.clients.smoney().unwrap(), &sb.fx);
    let users = sm.list_users(&PageRequest::first(20)).await.unwrap();
    assert_eq!(
        (users.items.len(), users.total, users.has_more),
        (20, None, true)
    );
    let page = PageRequest::first(50).with_sort(Some(Sort::new("amount", SortDir::Asc)));
    let p0 = sm.list_moneyouts(&fx.smoney_user, &page).await.unwrap();
    assert!(p0.has_more && p0.items.len() == 50);
    assert!(p0.items.windows(2).all(|w| w[0].amount <= w[1].amount));
    let p1 = sm
        .list_moneyouts(
            &fx.smoney_user,
            &PageRequest {
                page: 1,
                ..page.clone()
            },
        )
        .await
        .unwrap();
    assert!(p1.items[0].amount >= p0.items[49].amount);
    let one = sm
        .get_moneyout(&fx.smoney_user, p0.items[0].id)
        .await
        .unwrap();
    assert_eq!(one, p0.items[0]);
    let e = sm
        .get_moneyout(&fx.smoney_user, 999_999_999)
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::NotFound, Some("356"))
    );

    let saved = NewMoneyOut {
        amount: Cents(1234),
        app_account_id: None,
        bank_account: MoneyOutBankAccount::Saved {
            id: fx.bank_account_ids[0],
        },
        fee: None,
    };
    let m = sm.create_oneshot(&fx.smoney_user, &saved).await.unwrap();
    assert_eq!(m.amount, Cents(1234));
    assert_eq!(
        sm.get_moneyout(&fx.smoney_user, m.id).await.unwrap().id,
        m.id
    );
    let new_bank = NewMoneyOut {
        amount: Cents(500),
        app_account_id: None,
        bank_account: MoneyOutBankAccount::New {
            display_name: "Livret".into(),
            bic: "CMCIFR2A".into(),
            iban: Iban::from_bban("FR", "30006000011234567890189"),
            is_mine: true,
        },
        fee: Some(Cents(10)),
    };
    let m = sm.create_oneshot(&fx.smoney_user, &new_bank).await.unwrap();
    assert_eq!(m.bank_account.bic.as_deref(), Some("CMCIFR2A"));
    let refused = NewMoneyOut {
        amount: Cents(guichet::sandbox::MAGIC_SMONEY_110),
        ..saved
    };
    let e = sm
        .create_oneshot(&fx.smoney_user, &refused)
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.code.as_deref()),
        (ErrorKind::Rejected, Some(500), Some("110"))
    );
    assert_eq!(e.message, "Solde insuffisant");
    assert!(!e.outcome_unknown);
}

#[tokio::test]
async fn oneshot_under_fail_after_commit_is_outcome_unknown() {
    let sb = Sandbox::start().await;
    let (sm, fx) = (sb.clients.smoney().unwrap(), &sb.fx);
    sb.set_faults(json!({"smoney": {"fail_after_commit": true}}))
        .await;
    let new = NewMoneyOut {
        amount: Cents(4321),
        app_account_id: None,
        bank_account: MoneyOutBankAccount::Saved {
            id: fx.bank_account_ids[0],
        },
        fee: None,
    };
    let e = sm.create_oneshot(&fx.smoney_user, &new).await.unwrap_err();
    assert!(e.outcome_unknown, "{e:?}");
    sb.set_faults(json!({"smoney": {"fail_after_commit": false}}))
        .await;
    let recent = sm
        .list_moneyouts(
            &fx.smoney_user,
            &PageRequest::first(200).with_sort(Some(Sort::new("id", SortDir::Desc))),
        )
        .await
        .unwrap();
    let created: Vec<_> = recent
        .items
        .iter()
        .filter(|m| m.amount == Cents(4321))
        .collect();
    assert_eq!(created.len(), 1, "sent once, applied once");
}

#[tokio::test]
async fn cards_lyra_and_monext() {
    let sb = Sandbox::start().await;
    let (c, fx) = (&sb.clients, &sb.fx);
    assert_eq!(c.lyra().unwrap().sdk_test("hello").await.unwrap(), "hello");
    let active = c
        .lyra()
        .unwrap()
        .get_token(&fx.spare_active_token)
        .await
        .unwrap();
    assert_eq!(active.status, TokenStatus::Active);
    assert_eq!(
        active
            .masked_pan
            .chars()
            .filter(char::is_ascii_digit)
            .count(),
        10
    );
    let expired = c
        .lyra()
        .unwrap()
        .get_token(&fx.expired_token)
        .await
        .unwrap();
    let missing = format!("{}0030", &fx.expired_token[..fx.expired_token.len() - 4]);
    let e = c.lyra().unwrap().get_token(&missing).await.unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::NotFound, Some("PSP_030"))
    );
    assert!(e.trace_id.is_some());
    c.monext().unwrap().alive().await.unwrap();
    let up = c
        .monext()
        .unwrap()
        .card_updater_search(&fx.expired_token, &expired.mmyy())
        .await
        .unwrap();
    assert!(up.updated);
    assert_eq!(up.replacement.unwrap().mx_token, fx.replacement_token);
    let e = c
        .monext()
        .unwrap()
        .card_updater_search(&fx.expired_token, "12/4")
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.code.as_deref()),
        (ErrorKind::Rejected, Some(400), Some("VALIDATION_ERROR"))
    );
    let mut settings = sb.settings();
    settings.lyra.as_mut().unwrap().auth = Auth::Basic {
        user: "69876357".into(),
        password: Secret::new("wrong"),
    };
    let e = Clients::new(&settings)
        .unwrap()
        .lyra()
        .unwrap()
        .sdk_test("x")
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.code.as_deref()),
        (ErrorKind::Unauthorized, Some(401), Some("INT_001"))
    );
}

#[tokio::test]
async fn doctor_on_the_sandbox() {
    let sb = Sandbox::start().await;
    let rows = doctor(&sb.clients).await;
    let table = render_doctor_table(&rows);
    eprintln!("{table}");
    assert!(rows.iter().all(|r| r.ok()), "{table}");
    assert!(!sb.clients.insecure());
}
