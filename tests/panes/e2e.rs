//! End to end: the real loop, the real clients, the sandbox over HTTP. Expected values come
//! from the same API, asked directly, so every assertion is about real data.

use super::console::start;
use guichet::app::list::thousands;
use guichet::domain::{PageRequest, Sort, SortDir};
use guichet::sandbox::demo;
use std::time::Duration;

fn page(size: u32, page: u32, field: &str, dir: SortDir) -> PageRequest {
    PageRequest {
        size,
        page,
        sort: Some(Sort::new(field, dir)),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customers_pane_pages_sorts_and_filters() {
    let c = start(120, 40).await;
    let mas = c.clients.mascustomers().unwrap();
    let p0 = mas
        .list_customers(&page(50, 0, "name", SortDir::Asc), None)
        .await
        .unwrap();
    let total = p0.total.unwrap();
    let pages = p0.page_count().unwrap();
    let footer = format!("rows 1–50 of {} · page 1/{pages}", thousands(total));
    let screen = c.wait_text(&footer).await;
    assert!(screen.contains(&p0.items[0].external_id), "{screen}");
    assert!(screen.contains("Name ↑"), "{screen}");

    c.key('n');
    let p1 = mas
        .list_customers(&page(50, 1, "name", SortDir::Asc), None)
        .await
        .unwrap();
    let screen = c
        .wait_text(&format!(
            "rows 51–100 of {} · page 2/{pages}",
            thousands(total)
        ))
        .await;
    assert!(screen.contains(&p1.items[0].external_id), "{screen}");

    c.key('s');
    let by_email = mas
        .list_customers(&page(50, 0, "email", SortDir::Asc), None)
        .await
        .unwrap();
    let screen = c
        .wait_loaded("sorted by email", |t| {
            t.contains("sorted by email ↑") && t.contains("rows 1–50")
        })
        .await;
    assert!(screen.contains("Email ↑"), "{screen}");
    assert!(screen.contains(&by_email.items[0].external_id), "{screen}");
    c.key('S');
    let desc = mas
        .list_customers(&page(50, 0, "email", SortDir::Desc), None)
        .await
        .unwrap();
    let screen = c
        .wait_loaded("sorted by email descending", |t| {
            t.contains("sorted by email ↓")
        })
        .await;
    assert!(screen.contains(&desc.items[0].external_id), "{screen}");

    // Server-side filter; `q` typed into the line is text, not quit.
    c.key('/');
    c.keys("martin");
    let matching = mas
        .list_customers(&page(50, 0, "email", SortDir::Desc), Some("martin"))
        .await
        .unwrap();
    let n = matching.total.unwrap();
    assert!(n > 0 && n < total, "the seed has some Martins: {n}");
    let shown = matching.items.len();
    let screen = c
        .wait_text(&format!("rows 1–{shown} of {}", thousands(n)))
        .await;
    assert!(screen.contains("/ martin"), "{screen}");
    c.keys("qzx");
    c.wait_text("no customers match “martinqzx”").await;
    c.enter();
    c.key('/');
    c.esc();
    c.wait_text(&format!("of {} · page 1/{pages}", thousands(total)))
        .await;
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drill_down_and_back_restores_row_and_page() {
    let c = start(120, 40).await;
    let mas = c.clients.mascustomers().unwrap();
    c.wait_text("rows 1–50").await;
    c.key('n');
    c.wait_text("rows 51–100").await;
    c.keys("jj");
    c.enter();
    let p1 = mas
        .list_customers(&page(50, 1, "name", SortDir::Asc), None)
        .await
        .unwrap();
    let customer = &p1.items[2];
    let screen = c
        .wait_text(&format!("Customers › Customer {}", customer.name))
        .await;
    assert!(screen.contains(&customer.external_id), "{screen}");
    // Their accounts, filtered server-side by customer_id.
    c.key('a');
    let ids = mas.customer_account_ids(&customer.id).await.unwrap();
    let screen = c
        .wait_for("the customer's accounts", |t| {
            t.contains(" › Accounts of ") && t.contains(&format!("of {} · page 1/1", ids.len()))
                || (ids.is_empty() && t.contains("no accounts match"))
        })
        .await;
    if let Some(first) = ids.first() {
        assert!(screen.contains(&first[..8]), "{screen}");
    }
    c.esc();
    c.wait_for("back on the customer", |t| {
        !t.contains("Accounts of") && t.contains(&customer.external_id)
    })
    .await;
    // The customer's S-money user and its transfers.
    c.key('t');
    c.wait_text(&format!("Transfers of {}", customer.external_id))
        .await;
    c.wait_for("transfers page", |t| t.contains("page 1 · "))
        .await;
    c.esc();
    c.esc();
    let screen = c.wait_for("the list again", |t| !t.contains(" › ")).await;
    assert!(screen.contains("rows 51–100"), "{screen}");
    // Same row: opening again shows the same customer.
    c.enter();
    c.wait_text(&format!("Customer {}", customer.name)).await;
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_pane_and_account_details() {
    let c = start(120, 40).await;
    let fx = demo::fixtures(42);
    let mas = c.clients.mascustomers().unwrap();
    c.key('2');
    let accounts = mas
        .list_accounts(&page(50, 0, "created_at", SortDir::Desc), None)
        .await
        .unwrap();
    let screen = c
        .wait_text(&format!(
            "of {} · page 1/",
            thousands(accounts.total.unwrap())
        ))
        .await;
    assert!(screen.contains("Created ↓"), "{screen}");
    assert!(screen.contains(&accounts.items[0].id[..8]), "{screen}");

    // A CREDIT_CARD account: the card through Lyra, expired, and the updater's answer.
    c.key(':');
    c.keys(&fx.card_account_id);
    c.enter();
    let screen = c.wait_text("Brand").await;
    assert!(screen.contains("expired card: press u"), "{screen}");
    c.key('u');
    let screen = c.wait_text("Replacement").await;
    assert!(screen.contains(&fx.replacement_token), "{screen}");

    // A DIRECT_DEBIT account: masked IBAN, reveal, promotions with the filter, histories.
    c.key(':');
    c.keys(&fx.direct_debit_account_id);
    c.enter();
    let account = mas.get_account(&fx.direct_debit_account_id).await.unwrap();
    let guichet::domain::customer::PaymentMethod::DirectDebit { iban } = &account.payment_method
    else {
        panic!("direct debit expected")
    };
    let screen = c.wait_text(&iban.masked()).await;
    assert!(!screen.contains(iban.reveal()), "{screen}");
    c.key('R');
    c.wait_text(iban.reveal()).await;
    c.key('R');
    c.key('p');
    let screen = c
        .wait_loaded("all promotions", |t| t.contains("Promotions (ALL)"))
        .await;
    let all = mas
        .promotions(
            &account.id,
            &guichet::domain::customer::PromotionFilter::All,
        )
        .await
        .unwrap();
    for p in &all {
        assert!(
            screen.contains(&p.promotion_code),
            "{} missing: {screen}",
            p.promotion_code
        );
    }
    c.key('f');
    let active = mas
        .promotions(
            &account.id,
            &guichet::domain::customer::PromotionFilter::Active,
        )
        .await
        .unwrap();
    let screen = c
        .wait_loaded("active promotions", |t| t.contains("Promotions (ACTIVE)"))
        .await;
    for p in &all {
        let shown = screen.contains(&format!("  {}", p.promotion_code));
        assert_eq!(shown, active.iter().any(|a| a.id == p.id), "{screen}");
    }
    c.key('h');
    c.wait_text("Promotion history").await;
    c.key('b');
    c.wait_text("Billing addresses").await;
    c.key('b');
    c.keys("2000-01-01..2000-12-31");
    c.enter();
    c.wait_text("no address in this range").await;
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wallets_pane_filter_and_stay() {
    let c = start(120, 40).await;
    let pxl = c.clients.pxlhub().unwrap();
    c.key('3');
    let all = pxl
        .list_wallets(&page(50, 0, "openedAt", SortDir::Desc), None, None)
        .await
        .unwrap();
    c.wait_text(&format!("of {} · page 1/", thousands(all.total.unwrap())))
        .await;
    c.key('/');
    c.keys("status:closed");
    c.enter();
    let closed = pxl
        .list_wallets(
            &page(50, 0, "openedAt", SortDir::Desc),
            None,
            Some("closed"),
        )
        .await
        .unwrap();
    let n = closed.total.unwrap();
    assert!(n > 0 && n < all.total.unwrap());
    let screen = c.wait_text(&format!("of {} · page 1/", thousands(n))).await;
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains(" EUR ")).collect();
    assert!(!rows.is_empty(), "{screen}");
    assert!(rows.iter().all(|l| l.contains(" closed ")), "{screen}");
    c.enter();
    let wallet = &closed.items[0];
    c.wait_for("the wallet", |t| {
        t.contains("Wallets › Wallet") && t.contains(&wallet.id)
    })
    .await;
    c.key('s');
    let stay = pxl.get_stay(&wallet.stay_id).await.unwrap();
    let screen = c.wait_text(&stay.guest_name).await;
    assert!(screen.contains(&stay.arrival.to_string()), "{screen}");
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transfers_pane_of_the_first_user() {
    let c = start(120, 40).await;
    c.key('4');
    let users = c
        .clients
        .smoney()
        .unwrap()
        .list_users(&PageRequest::first(1))
        .await
        .unwrap();
    let user = &users.items[0];
    let screen = c
        .wait_text(&format!("Transfers of {}", user.app_user_id))
        .await;
    assert!(screen.contains(&user.last_name), "{screen}");
    let screen = c.wait_text("page 1 · more").await;
    let moneyouts = c
        .clients
        .smoney()
        .unwrap()
        .list_moneyouts(
            &user.app_user_id,
            &page(50, 0, "operationdate", SortDir::Desc),
        )
        .await
        .unwrap();
    assert!(
        screen.contains(&moneyouts.items[0].id.to_string()),
        "{screen}"
    );
    c.key('n');
    c.wait_text("page 2 · ").await;
    // `>` probes for the last page; the expected one is counted here page by page.
    let mut last = 0;
    loop {
        let p = c
            .clients
            .smoney()
            .unwrap()
            .list_moneyouts(
                &user.app_user_id,
                &page(50, last + 1, "operationdate", SortDir::Desc),
            )
            .await
            .unwrap();
        if p.items.is_empty() {
            break;
        }
        last += 1;
        if p.items.len() < 50 {
            break;
        }
    }
    c.key('>');
    c.wait_text(&format!("page {} · last", last + 1)).await;
    c.key('<');
    c.wait_text("page 1 · more").await;
    c.enter();
    let t = &moneyouts.items[0];
    let screen = c.wait_text("Fee with VAT").await;
    if let Some(iban) = &t.bank_account.iban {
        assert!(screen.contains(&iban.masked()), "{screen}");
        assert!(!screen.contains(iban.reveal()), "{screen}");
    }
    c.key('y');
    c.wait_text("copied").await;
    let clip = String::from_utf8(c.clipboard.lock().unwrap().clone()).unwrap();
    assert!(clip.starts_with("\x1b]52;c;"), "{clip:?}");
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn selection_moves_while_a_slow_page_loads() {
    let c = start(120, 40).await;
    c.wait_text("rows 1–50").await;
    let p0 = c
        .clients
        .mascustomers()
        .unwrap()
        .list_customers(&page(50, 0, "name", SortDir::Asc), None)
        .await
        .unwrap();
    c.faults(serde_json::json!({"mascustomers": {"latency_ms": 3000}}))
        .await;
    c.key('n');
    c.keys("jj");
    c.enter();
    // The detail of row 3 of the page on screen opens while page 2 is still on its way.
    let screen = c
        .wait_within(
            Duration::from_millis(1500),
            "an instant move and open",
            // The case's own requests may share the status line with the page's.
            |t| {
                t.contains("Customers › Customer")
                    && (t.contains("customers page 2") || t.contains(" requests"))
            },
        )
        .await;
    c.faults(serde_json::json!({"mascustomers": {"latency_ms": 0}}))
        .await;
    assert!(screen.contains(&p0.items[2].external_id), "{screen}");
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_show_in_the_pane_and_retry_recovers() {
    let c = start(80, 24).await;
    c.wait_text("rows 1–50").await;
    c.faults(serde_json::json!({"pxlhub": {"error_rate": 1.0}}))
        .await;
    c.key('3');
    let screen = c.wait_text("pxlhub error").await;
    assert!(screen.contains("press r to retry"), "{screen}");
    c.faults(serde_json::json!({"pxlhub": {"error_rate": 0.0}}))
        .await;
    c.key('r');
    c.wait_for("wallets after retry", |t| {
        t.contains("page 1/") && !t.contains("pxlhub error")
    })
    .await;
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn go_to_works_out_what_an_id_is() {
    let c = start(120, 40).await;
    let fx = demo::fixtures(42);
    c.wait_text("rows 1–50").await;
    c.key(':');
    c.keys(&fx.external_id);
    c.enter();
    c.wait_text("Customers › Customer Élodie Martin").await;
    c.key(':');
    c.keys(&fx.wallet_id);
    c.enter();
    c.wait_text("Wallets › Wallet").await;
    c.key(':');
    c.keys(&fx.stay_without_wallet_id);
    c.enter();
    c.wait_text("› Stay ").await;
    c.key(':');
    c.keys("00000000-0000-4000-8000-000000000000");
    c.enter();
    c.wait_text("no customer, account, wallet or stay").await;
    c.key(':');
    c.keys("12345");
    c.enter();
    c.wait_text("open the Transfers pane").await;
    // Once the Transfers pane knows its user, a number is one of that user's transfers.
    c.key('4');
    let screen = c
        .wait_loaded("transfers", |t| t.contains("page 1 · more"))
        .await;
    assert!(
        screen.contains(&format!("Transfers of {}", fx.smoney_user)),
        "{screen}"
    );
    let moneyouts = c
        .clients
        .smoney()
        .unwrap()
        .list_moneyouts(
            &fx.smoney_user,
            &page(50, 3, "operationdate", SortDir::Desc),
        )
        .await
        .unwrap();
    let target = &moneyouts.items[7];
    c.key(':');
    c.keys(&target.id.to_string());
    c.enter();
    let screen = c.wait_text(&format!("› Transfer #{}", target.id)).await;
    assert!(
        screen.contains(&format!(
            "{} EUR",
            guichet::app::format::money(target.amount)
        )),
        "{screen}"
    );
    c.key(':');
    c.keys("99999999");
    c.enter();
    c.wait_text("no transfer 99999999").await;
    c.quit().await;
}
