//! The `:` box as a search, as pure `update` tests: the debounce, one request per provider
//! group, each group filled as its answer comes (a slow or failing one holds no other back),
//! stale answers dropped, ↑/↓ across groups, enter opening the chosen hit, ids still looked
//! up as before, and the history of submitted texts.

use chrono::{NaiveDate, TimeZone, Utc};
use guichet::app::detail::Subject;
use guichet::app::effect::{Probe, SubjectRef};
use guichet::app::search_box::{GroupState, SearchCall, SearchHits, SearchKind};
use guichet::app::state::{Health, Tab};
use guichet::app::update::DEBOUNCE_MS;
use guichet::app::{Effect, Key, KeyCode, Keymap, Msg, Query, Reply, State, Ticket, update};
use guichet::domain::cashless::Stay;
use guichet::domain::customer::{Customer, CustomerType};
use guichet::domain::{ApiError, ErrorKind, Provider};

fn state() -> State {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date");
    let mut s = State::new(super::console::session(), Keymap::defaults(), today);
    update(&mut s, guichet::ui::resized(120, 40));
    s
}

fn customer(i: u32, name: &str) -> Customer {
    Customer {
        id: format!("00000000-0000-4000-8000-{i:012}"),
        external_id: format!("C-{i:06}"),
        kind: CustomerType::Individual,
        segment: None,
        name: name.into(),
        email: Some(format!(
            "{}@example.fr",
            name.to_lowercase().replace(' ', ".")
        )),
        phone: None,
        created_at: Utc
            .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
            .single()
            .expect("a time"),
        special_treatment: vec![],
        categories: vec![],
    }
}

fn stay(i: u32, guest: &str) -> Stay {
    Stay {
        id: format!("10000000-0000-4000-8000-{i:012}"),
        establishment_id: "e".into(),
        establishment_name: None,
        guest_name: guest.into(),
        arrival: NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date"),
        departure: NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date"),
    }
}

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

fn typed(s: &mut State, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| key(s, Key::char(c))).collect()
}

/// The debounce the last edit scheduled, run out.
fn settle(s: &mut State, effects: &[Effect]) -> Vec<Effect> {
    let generation = effects
        .iter()
        .rev()
        .find_map(|e| match e {
            Effect::Schedule { after_ms, msg } if *after_ms == DEBOUNCE_MS => match **msg {
                Msg::FilterSettled(g) => Some(g),
                _ => None,
            },
            _ => None,
        })
        .expect("a debounce");
    update(s, Msg::FilterSettled(generation))
}

fn searches(effects: &[Effect]) -> Vec<(Ticket, SearchCall)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request {
                ticket,
                query: Query::Search(call),
            } => Some((*ticket, call.clone())),
            _ => None,
        })
        .collect()
}

fn found(hits: Vec<Subject>, total: u64) -> Reply {
    Reply::Search(Ok(SearchHits {
        hits,
        total: Some(total),
    }))
}

fn answer(s: &mut State, ticket: Ticket, reply: Reply) -> Vec<Effect> {
    update(s, Msg::Reply { ticket, reply })
}

fn group(s: &State, kind: SearchKind) -> GroupState {
    s.search
        .groups
        .iter()
        .find(|g| g.kind == kind)
        .map(|g| g.state.clone())
        .expect("the group")
}

#[test]
fn each_group_fills_in_as_its_provider_answers_and_enter_opens_the_chosen_hit() {
    let mut s = state();
    key(&mut s, Key::char(':'));
    let effects = typed(&mut s, "martin");
    assert!(
        searches(&effects).is_empty(),
        "nothing is sent while typing"
    );
    let sent = searches(&settle(&mut s, &effects));
    let kinds: Vec<SearchKind> = sent.iter().map(|(_, c)| c.kind).collect();
    assert_eq!(kinds, vec![SearchKind::Customers, SearchKind::Stays]);
    assert!(sent.iter().all(|(_, c)| c.text == "martin"));
    // The stays answer first: shown at once, while customers still search.
    answer(
        &mut s,
        sent[1].0,
        found(vec![Subject::Stay(stay(1, "Jean Martin"))], 1),
    );
    assert!(matches!(
        group(&s, SearchKind::Customers),
        GroupState::Searching(_)
    ));
    assert_eq!(s.search.hit_count(), 1);
    key(&mut s, Key::plain(KeyCode::Down));
    assert_eq!(s.search.selected, Some(0));
    // The customers come later, above it: the chosen stay stays chosen.
    answer(
        &mut s,
        sent[0].0,
        found(
            vec![
                Subject::Customer(customer(1, "Élodie Martin")),
                Subject::Customer(customer(2, "Paul Martin")),
            ],
            37,
        ),
    );
    assert_eq!(s.search.selected, Some(2));
    assert!(matches!(s.search.chosen(), Some(Subject::Stay(_))));
    key(&mut s, Key::plain(KeyCode::Up));
    assert!(matches!(s.search.chosen(), Some(Subject::Customer(c)) if c.name == "Paul Martin"));
    key(&mut s, Key::plain(KeyCode::Enter));
    assert!(s.prompt.is_none() && s.search.groups.is_empty());
    assert_eq!(s.tab, Tab::CUSTOMERS);
    assert_eq!(
        s.nav().breadcrumbs(),
        vec!["Customers", "Customer Paul Martin"]
    );
}

#[test]
fn a_failing_or_unsupported_provider_says_so_in_its_group_only() {
    let mut s = state();
    s.health.insert(Provider::Smoney, Health::NotConfigured);
    key(&mut s, Key::char(':'));
    let effects = typed(&mut s, "4242");
    let sent = searches(&settle(&mut s, &effects));
    let kinds: Vec<SearchKind> = sent.iter().map(|(_, c)| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            SearchKind::Customers,
            SearchKind::Accounts,
            SearchKind::Wallets
        ],
        "S-money is not configured: not asked"
    );
    assert_eq!(group(&s, SearchKind::Transfers), GroupState::NotConfigured);
    let mut bad = ApiError::new(Provider::Mascustomers, ErrorKind::Rejected, "bad last4");
    bad.status = Some(400);
    answer(&mut s, sent[1].0, Reply::Search(Err(bad)));
    assert_eq!(group(&s, SearchKind::Accounts), GroupState::Unsupported);
    let mut down = ApiError::new(Provider::Pxlhub, ErrorKind::ServerError, "boom");
    down.status = Some(503);
    answer(&mut s, sent[2].0, Reply::Search(Err(down)));
    assert!(
        matches!(group(&s, SearchKind::Wallets), GroupState::Failed { code, .. } if code == "503")
    );
    assert!(matches!(
        group(&s, SearchKind::Customers),
        GroupState::Searching(_)
    ));
    answer(
        &mut s,
        sent[0].0,
        found(vec![Subject::Customer(customer(4, "Ana Lopez"))], 1),
    );
    assert_eq!(s.search.hit_count(), 1);
}

#[test]
fn a_new_keystroke_cancels_the_groups_of_the_old_text_and_their_late_answers_are_dropped() {
    let mut s = state();
    key(&mut s, Key::char(':'));
    let first = typed(&mut s, "marti");
    let old = searches(&settle(&mut s, &first));
    assert_eq!(old.len(), 2);
    let effects = typed(&mut s, "n");
    for (t, _) in &old {
        assert!(effects.contains(&Effect::Cancel(*t)), "{effects:?}");
    }
    assert!(s.search.groups.is_empty());
    // The old text's answer arrives anyway: dropped.
    answer(
        &mut s,
        old[0].0,
        found(vec![Subject::Customer(customer(1, "Old"))], 1),
    );
    assert_eq!(s.search.hit_count(), 0);
    // An older debounce running out sends nothing either.
    assert!(searches(&settle(&mut s, &first)).is_empty());
    let new = searches(&settle(&mut s, &effects));
    assert!(new.iter().all(|(_, c)| c.text == "martin"));
    // Esc closes the box and cancels what is under way.
    let effects = key(&mut s, Key::plain(KeyCode::Esc));
    for (t, _) in &new {
        assert!(effects.contains(&Effect::Cancel(*t)), "{effects:?}");
    }
    assert!(s.prompt.is_none() && s.search.groups.is_empty());
}

#[test]
fn ids_still_jump_straight_to_their_resource() {
    let mut s = state();
    key(&mut s, Key::char(':'));
    let id = customer(3, "x").id;
    typed(&mut s, &id);
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    let probes: Vec<Query> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request { query, .. } => Some(query.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        probes,
        vec![Query::Probe(Probe::Get(SubjectRef::Customer(id)))]
    );
}

#[test]
fn the_history_recalls_submitted_texts_and_asks_the_runtime_to_keep_them() {
    let mut s = state();
    s.goto_history.file = Some("/state/goto_history".into());
    for text in ["C-000001", "C-000002"] {
        key(&mut s, Key::char(':'));
        typed(&mut s, text);
        let effects = key(&mut s, Key::plain(KeyCode::Enter));
        let saved = effects.iter().find_map(|e| match e {
            Effect::SaveHistory { path, text } => Some((path.clone(), text.clone())),
            _ => None,
        });
        let (path, kept) = saved.expect("the history is saved on submit");
        assert_eq!(path.to_str(), Some("/state/goto_history"));
        assert!(kept.ends_with(&format!("{text}\n")), "{kept}");
    }
    assert_eq!(s.goto_history.entries, ["C-000001", "C-000002"]);
    key(&mut s, Key::char(':'));
    typed(&mut s, "dr");
    // No results shown: ↑ goes back in time, the typed text comes back after the newest.
    key(&mut s, Key::plain(KeyCode::Up));
    assert_eq!(s.prompt.as_ref().map(|p| p.input.value()), Some("C-000002"));
    key(&mut s, Key::ctrl('p'));
    assert_eq!(s.prompt.as_ref().map(|p| p.input.value()), Some("C-000001"));
    key(&mut s, Key::ctrl('n'));
    key(&mut s, Key::plain(KeyCode::Down));
    assert_eq!(s.prompt.as_ref().map(|p| p.input.value()), Some("dr"));
    // Without a file (tests, no state folder), nothing is written.
    let mut s = state();
    key(&mut s, Key::char(':'));
    typed(&mut s, "C-000003");
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::SaveHistory { .. }))
    );
}
