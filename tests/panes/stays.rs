//! The Stays pane end to end: the real loop, the real clients, the sandbox over HTTP. A
//! stay opens on its wallet, or says it has none with the open-a-wallet form one key away.

use super::console::start;
use guichet::domain::{PageRequest, Sort, SortDir};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stays_pane_pages_sorts_filters_and_opens_on_the_wallet() {
    let c = start(120, 40).await;
    let pxl = c.clients.pxlhub().unwrap();
    let by_arrival = PageRequest {
        size: 50,
        page: 0,
        sort: Some(Sort::new("arrival", SortDir::Desc)),
    };
    let first = pxl.list_stays(&by_arrival, None).await.unwrap();
    let total = first.total.unwrap();
    c.key('5');
    let screen = c
        .wait_loaded("the stays", |t| {
            t.contains("sorted by arrival ↓") && t.contains("rows 1–")
        })
        .await;
    assert!(screen.contains(&first.items[0].guest_name), "{screen}");
    assert!(
        screen.contains(&format!("of {}", guichet::app::list::thousands(total))),
        "{screen}"
    );

    // Sorted by guest name, as the sandbox sorts it.
    c.key('s');
    let by_guest = pxl
        .list_stays(
            &PageRequest {
                sort: Some(Sort::new("guestName", SortDir::Desc)),
                ..by_arrival.clone()
            },
            None,
        )
        .await
        .unwrap();
    let screen = c
        .wait_loaded("by guest", |t| t.contains("sorted by guestName ↓"))
        .await;
    assert!(screen.contains(&by_guest.items[0].guest_name), "{screen}");

    // Filtered by establishment: only that establishment's stays, counted by the server.
    let establishment = first.items[0].establishment_id.clone();
    let only = pxl
        .list_stays(
            &PageRequest {
                sort: Some(Sort::new("guestName", SortDir::Desc)),
                ..by_arrival.clone()
            },
            Some(&establishment),
        )
        .await
        .unwrap();
    let n = only.total.unwrap();
    assert!(n > 0 && n < total, "{n} of {total}");
    c.key('/');
    c.keys(&establishment);
    c.enter();
    let screen = c
        .wait_loaded("one establishment", |t| {
            t.contains(&format!("of {}", guichet::app::list::thousands(n)))
        })
        .await;
    assert!(screen.contains(&only.items[0].guest_name), "{screen}");

    // The first stay opens on its wallet, or says it has none.
    let stay = &only.items[0];
    let wallet = pxl.stay_wallet(&stay.id).await.unwrap();
    c.enter();
    let screen = c
        .wait_loaded("the stay and its wallet", |t| {
            t.contains(&format!("Stay {}", stay.guest_name))
                && (t.contains("no wallet") || t.contains("Balance"))
        })
        .await;
    match &wallet {
        Some(w) => {
            assert!(screen.contains(&w.id), "{screen}");
            // Enter opens the wallet itself.
            c.enter();
            c.wait_loaded("the wallet", |t| {
                t.contains(&format!("Wallet ····{}", &w.id[w.id.len() - 4..]))
                    || w.medium_ref
                        .as_ref()
                        .is_some_and(|m| t.contains(&format!("Wallet {m}")))
            })
            .await;
        }
        None => {
            assert!(screen.contains("open a wallet"), "{screen}");
            // `o` opens the form with this stay chosen.
            c.key('o');
            c.wait_loaded("the open-a-wallet form", |t| {
                t.contains("Open a wallet") && t.contains(&stay.guest_name)
            })
            .await;
        }
    }
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stay_without_a_wallet_offers_the_form_and_one_with_a_wallet_shows_it() {
    let c = start(120, 40).await;
    let pxl = c.clients.pxlhub().unwrap();
    // Find one stay of each kind on the first page.
    let page = pxl
        .list_stays(
            &PageRequest {
                size: 50,
                page: 0,
                sort: Some(Sort::new("arrival", SortDir::Desc)),
            },
            None,
        )
        .await
        .unwrap();
    let mut with = None;
    let mut without = None;
    for (i, s) in page.items.iter().enumerate() {
        match pxl.stay_wallet(&s.id).await.unwrap() {
            Some(w) if with.is_none() => with = Some((i, w)),
            None if without.is_none() => without = Some(i),
            _ => {}
        }
    }
    let (i, w) = with.expect("a seeded stay has a wallet");
    let j = without.expect("a seeded stay has none");
    c.key('5');
    c.wait_loaded("the stays", |t| {
        t.contains("sorted by arrival ↓") && t.contains("rows 1–")
    })
    .await;
    for _ in 0..i {
        c.key('j');
    }
    c.enter();
    let screen = c.wait_loaded("its wallet", |t| t.contains(&w.id)).await;
    assert!(screen.contains("Balance"), "{screen}");
    c.esc();
    c.wait_loaded("back on the list", |t| t.contains("rows 1–"))
        .await;
    c.key('g');
    for _ in 0..j {
        c.key('j');
    }
    c.enter();
    let screen = c
        .wait_loaded("no wallet", |t| {
            t.contains("no wallet: this stay has none yet")
        })
        .await;
    assert!(screen.contains("open a wallet"), "{screen}");
    c.quit().await;
}
