//! The console's memory, as pure `update` tests: back and forward through places across
//! panes, straight back to the list, go-to that never stacks a duplicate, recent items and
//! pins (and what is handed to the runtime to keep on disk).

use super::update::{customer, state};
use guichet::app::detail::Subject;
use guichet::app::effect::{Probe, SubjectRef};
use guichet::app::memory_items::{Item, ItemRef, ListKind};
use guichet::app::nav::View;
use guichet::app::resources::{Customers, ListAnswer};
use guichet::app::state::{Overlay, Tab};
use guichet::app::update::start;
use guichet::app::{Effect, Key, KeyCode, Keymap, Msg, Query, Reply, State, Ticket, update};
use guichet::domain::Page;

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

fn ch(s: &mut State, c: char) -> Vec<Effect> {
    key(s, Key::char(c))
}

fn requests(effects: &[Effect]) -> Vec<(Ticket, Query)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request { ticket, query } if !matches!(query, Query::Health(_)) => {
                Some((*ticket, query.clone()))
            }
            _ => None,
        })
        .collect()
}

fn saved(effects: &[Effect]) -> Vec<(ListKind, Vec<Item>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Remember { list, file } => Some((*list, file.items.clone())),
            _ => None,
        })
        .collect()
}

/// A console whose first customers page has arrived.
fn loaded() -> State {
    let mut s = state();
    let effects = start(&mut s);
    let (t, q) = requests(&effects).remove(0);
    let Query::Page(p) = q else {
        panic!("a page: {q:?}")
    };
    let page = Page::with_total((0..50).map(customer).collect(), 0, 50, 2134);
    let result = Ok(ListAnswer::of::<Customers>(page, None));
    update(
        &mut s,
        Msg::Reply {
            ticket: t,
            reply: Reply::Page {
                view: p.view,
                result,
            },
        },
    );
    s
}

fn crumbs(s: &State) -> Vec<String> {
    s.nav().breadcrumbs()
}

/// Types `:` and `text`, then enter; the probe's ticket.
fn go_to(s: &mut State, text: &str) -> Ticket {
    ch(s, ':');
    for c in text.chars() {
        ch(s, c);
    }
    requests(&key(s, Key::plain(KeyCode::Enter)))[0].0
}

fn found(s: &mut State, ticket: Ticket, subject: Subject) -> Vec<Effect> {
    update(
        s,
        Msg::Reply {
            ticket,
            reply: Reply::Probe(Ok(Some(subject))),
        },
    )
}

#[test]
fn back_and_forward_go_through_three_places_across_panes() {
    let mut s = loaded();
    ch(&mut s, 'j');
    key(&mut s, Key::plain(KeyCode::Enter));
    assert_eq!(crumbs(&s), vec!["Customers", "Customer Customer 1"]);
    ch(&mut s, '3');
    assert_eq!(s.tab, Tab::WALLETS);
    // Back: the customer, on its own pane.
    ch(&mut s, 'H');
    assert_eq!(s.tab, Tab::CUSTOMERS);
    assert_eq!(crumbs(&s), vec!["Customers", "Customer Customer 1"]);
    // Back again: the list, on the row left (the detail above it is closed).
    ch(&mut s, 'H');
    assert_eq!(crumbs(&s), vec!["Customers"]);
    match s.view() {
        Some(View::List(l)) => assert_eq!(l.selected, 1),
        other => panic!("{other:?}"),
    }
    // Nothing before the first place.
    ch(&mut s, 'H');
    assert_eq!(
        s.toast.as_ref().map(|t| t.text.as_str()),
        Some("no earlier place")
    );
    // Forward: the customer again (opened anew), then the Wallets pane.
    ch(&mut s, 'L');
    assert_eq!(crumbs(&s), vec!["Customers", "Customer Customer 1"]);
    ch(&mut s, 'L');
    assert_eq!(s.tab, Tab::WALLETS);
    ch(&mut s, 'L');
    assert_eq!(
        s.toast.as_ref().map(|t| t.text.as_str()),
        Some("no later place")
    );
    // Back once, then a new place: what was ahead is forgotten.
    ch(&mut s, 'H');
    ch(&mut s, '4');
    ch(&mut s, 'L');
    assert_eq!(s.tab, Tab::TRANSFERS);
    assert_eq!(s.places.forward_index(), None);
}

#[test]
fn zero_closes_the_drill_down_at_once_and_cancels_its_requests() {
    let mut s = loaded();
    key(&mut s, Key::plain(KeyCode::Enter));
    let accounts = requests(&ch(&mut s, 'a'));
    assert_eq!(crumbs(&s).len(), 3);
    let effects = ch(&mut s, '0');
    assert_eq!(crumbs(&s), vec!["Customers"]);
    assert!(
        effects.contains(&Effect::Cancel(accounts[0].0)),
        "{effects:?}"
    );
    // Already at the list: nothing to do.
    assert!(ch(&mut s, '0').is_empty());
}

#[test]
fn go_to_focuses_what_is_already_open_instead_of_stacking_it_again() {
    let mut s = loaded();
    let t = go_to(&mut s, "C-000007");
    found(&mut s, t, Subject::Customer(customer(7)));
    assert_eq!(crumbs(&s), vec!["Customers", "Customer Customer 7"]);
    // The same customer again, from another pane: its pane, not a second copy.
    ch(&mut s, '3');
    let t = go_to(&mut s, "C-000007");
    found(&mut s, t, Subject::Customer(customer(7)));
    assert_eq!(s.tab, Tab::CUSTOMERS);
    assert_eq!(crumbs(&s), vec!["Customers", "Customer Customer 7"]);
    // Deeper down the same pane: back to it, closing what was drilled down above.
    ch(&mut s, 'a');
    assert_eq!(crumbs(&s).len(), 3);
    let t = go_to(&mut s, "C-000007");
    found(&mut s, t, Subject::Customer(customer(7)));
    assert_eq!(crumbs(&s), vec!["Customers", "Customer Customer 7"]);
    // Another customer opens on the Customers pane even when asked from Wallets.
    ch(&mut s, '3');
    let t = go_to(&mut s, "C-000008");
    found(&mut s, t, Subject::Customer(customer(8)));
    assert_eq!(s.tab, Tab::CUSTOMERS);
    assert_eq!(
        crumbs(&s),
        vec!["Customers", "Customer Customer 7", "Customer Customer 8"]
    );
}

fn customer_item(i: u32) -> Item {
    Item {
        what: ItemRef::Customer { id: customer(i).id },
        label: format!("Customer Customer {i}"),
    }
}

#[test]
fn opened_resources_become_recent_items_and_p_pins_them() {
    let mut s = loaded();
    ch(&mut s, 'j');
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert_eq!(
        saved(&effects),
        vec![(ListKind::Recent, vec![customer_item(1)])]
    );
    key(&mut s, Key::plain(KeyCode::Esc));
    ch(&mut s, 'j');
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert_eq!(
        saved(&effects),
        vec![(ListKind::Recent, vec![customer_item(2), customer_item(1)])]
    );
    // Pin the customer shown, then unpin it.
    let effects = ch(&mut s, 'P');
    assert_eq!(
        saved(&effects),
        vec![(ListKind::Pins, vec![customer_item(2)])]
    );
    assert!(
        s.toast
            .as_ref()
            .is_some_and(|t| t.text.starts_with("pinned Customer Customer 2"))
    );
    let effects = ch(&mut s, 'P');
    assert_eq!(saved(&effects), vec![(ListKind::Pins, vec![])]);
    // On a list, P pins the selected row.
    key(&mut s, Key::plain(KeyCode::Esc));
    ch(&mut s, 'j');
    let effects = ch(&mut s, 'P');
    assert_eq!(
        saved(&effects),
        vec![(ListKind::Pins, vec![customer_item(3)])]
    );
    // Going back to a place already recent but not first moves it first.
    ch(&mut s, 'H');
    assert_eq!(s.remembered.recent[0], customer_item(2));
}

#[test]
fn the_recent_overlay_filters_opens_and_unpins() {
    let mut s = loaded();
    s.remembered.load(
        ListKind::Recent,
        vec![customer_item(4), customer_item(5), customer_item(40)],
    );
    s.remembered.load(ListKind::Pins, vec![customer_item(9)]);
    ch(&mut s, '\'');
    let Some(Overlay::Recent(o)) = &s.overlay else {
        panic!("the overlay: {:?}", s.overlay)
    };
    assert_eq!(o.rows(&s.remembered).len(), 4, "the pin, then three recent");
    // Type to filter (any case): "customer 4" keeps 4 and 40.
    for c in "CUSTOMER 4".chars() {
        ch(&mut s, c);
    }
    let Some(Overlay::Recent(o)) = &s.overlay else {
        panic!()
    };
    let rows: Vec<_> = o
        .rows(&s.remembered)
        .iter()
        .map(|(_, i)| i.label.clone())
        .collect();
    assert_eq!(rows, vec!["Customer Customer 4", "Customer Customer 40"]);
    // Enter on the second: not open anywhere, so it is looked up and opened on its pane.
    key(&mut s, Key::plain(KeyCode::Down));
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert!(s.overlay.is_none());
    let asked = requests(&effects);
    assert_eq!(
        asked[0].1,
        Query::Probe(Probe::Get(SubjectRef::Customer(customer(40).id)))
    );
    ch(&mut s, '2');
    found(&mut s, asked[0].0, Subject::Customer(customer(40)));
    assert_eq!(s.tab, Tab::CUSTOMERS);
    assert_eq!(crumbs(&s), vec!["Customers", "Customer Customer 40"]);
    assert_eq!(s.remembered.recent[0], customer_item(40));
    // Open again from the overlay: already open, so focused without a request.
    ch(&mut s, '3');
    ch(&mut s, '\'');
    key(&mut s, Key::plain(KeyCode::Down));
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert!(requests(&effects).is_empty(), "{effects:?}");
    assert_eq!(s.tab, Tab::CUSTOMERS);
    // In the overlay, P (or delete) on the pin unpins it; esc closes.
    ch(&mut s, '\'');
    let effects = ch(&mut s, 'P');
    assert_eq!(saved(&effects), vec![(ListKind::Pins, vec![])]);
    let effects = key(&mut s, Key::plain(KeyCode::Delete));
    assert_eq!(saved(&effects).len(), 1, "delete takes a recent item out");
    assert_eq!(
        s.remembered.recent.len(),
        2,
        "customer 40 stays out while shown"
    );
    key(&mut s, Key::plain(KeyCode::Esc));
    assert!(s.overlay.is_none());
}

#[test]
fn a_recent_item_that_is_gone_says_so() {
    let mut s = loaded();
    s.remembered.load(ListKind::Recent, vec![customer_item(77)]);
    ch(&mut s, '\'');
    let t = requests(&key(&mut s, Key::plain(KeyCode::Enter)))[0].0;
    update(
        &mut s,
        Msg::Reply {
            ticket: t,
            reply: Reply::Probe(Ok(None)),
        },
    );
    let said = &s.toast.as_ref().expect("a toast").text;
    assert!(
        said.contains("is no longer there (customer 00000000-"),
        "{said}"
    );
}

#[test]
fn key_map_conflicts_are_named_as_the_file_spells_them() {
    let km = Keymap::with_user(Some(("[detail]\npin = [\"m\"]\n", "user.toml"))).expect("parses");
    let text = km.conflicts[0].to_string();
    assert!(
        text.contains("change_payment_method") && text.contains("pin") && text.contains("[detail]"),
        "{text}"
    );
}

#[test]
fn what_could_not_be_read_at_start_is_said_once() {
    let mut s = state();
    s.memory_problems =
        vec!["pins in pins.json are unreadable (line 1): starting with none".into()];
    start(&mut s);
    let said = &s.toast.as_ref().expect("a toast").text;
    assert!(
        said.starts_with("pins in pins.json are unreadable"),
        "{said}"
    );
    assert!(s.memory_problems.is_empty());
}
