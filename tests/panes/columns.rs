//! Wide tables, as pure `update` tests: the column scroll's bounds (the selection and the
//! offset kept across pages), the column chooser (moving, showing and hiding, reordering,
//! applying and saving, cancelling, the last column kept), and choices read from a file
//! that names columns this build has not or no longer has.

use super::update::{customer, state};
use guichet::app::columns::{self, Choice, ColumnChoices, ColumnsFile};
use guichet::app::columns_flow::table_window;
use guichet::app::list::ListPane;
use guichet::app::nav::View;
use guichet::app::resources::{Customers, ListAnswer, Res, Transfers, rows};
use guichet::app::state::{Overlay, Tab};
use guichet::app::update::start;
use guichet::app::{Effect, Key, KeyCode, Msg, Query, Reply, State, update};
use guichet::domain::Page;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn key(s: &mut State, k: Key) -> Vec<Effect> {
    update(s, Msg::Key(k))
}

fn ch(s: &mut State, c: char) -> Vec<Effect> {
    key(s, Key::char(c))
}

fn resize(s: &mut State, width: u16, height: u16) {
    update(s, guichet::ui::resized(width, height));
}

fn list(s: &State) -> &ListPane {
    match s.view() {
        Some(View::List(l)) => l,
        _ => panic!("a list is focused"),
    }
}

/// The focused Customers list at 80x24 with a page of ten rows, the fourth selected.
fn customers_at_80() -> State {
    let mut s = state();
    resize(&mut s, 80, 24);
    let pane = s.list_mut().expect("a list");
    pane.rows = rows::<Customers>((0..10).map(customer).collect());
    pane.selected = 3;
    s
}

/// The titles of the columns on screen in the focused list, as the table draws them.
fn titles(s: &State) -> Vec<&'static str> {
    let pane = list(s);
    let cols = pane.resource.columns();
    table_window(s, pane)
        .columns
        .iter()
        .map(|(i, _)| cols[*i].title)
        .collect()
}

fn toast(s: &State) -> String {
    s.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default()
}

#[test]
fn scrolling_shows_the_columns_left_out_and_never_moves_the_selection() {
    let mut s = customers_at_80();
    assert_eq!(
        titles(&s),
        ["Name", "Accounts", "External id", "Email", "Created"]
    );
    ch(&mut s, 'l');
    assert_eq!(list(&s).column_offset, 1);
    key(&mut s, Key::plain(KeyCode::Right));
    assert_eq!(list(&s).column_offset, 2);
    ch(&mut s, 'l');
    assert_eq!(list(&s).column_offset, 3);
    let shown = titles(&s);
    assert_eq!(shown[0], "Name", "the first column stays: {shown:?}");
    assert!(
        shown.contains(&"Segment") && shown.contains(&"Phone"),
        "{shown:?}"
    );
    assert_eq!(list(&s).selected, 3, "the selection did not move");
    // To the end: the last column comes into view, then `l` only says so.
    while !titles(&s).contains(&"Id") {
        let before = list(&s).column_offset;
        ch(&mut s, 'l');
        assert_eq!(list(&s).column_offset, before + 1, "one column a press");
    }
    let end = list(&s).column_offset;
    s.toast = None;
    let effects = ch(&mut s, 'l');
    assert_eq!(list(&s).column_offset, end);
    assert_eq!(toast(&s), "already at the last column");
    assert!(
        effects.iter().all(|e| matches!(e, Effect::Schedule { .. })),
        "only the toast's expiry: {effects:?}"
    );
    // And back to the first column, then `h` only says so.
    for _ in 0..end {
        key(&mut s, Key::plain(KeyCode::Left));
    }
    assert_eq!(list(&s).column_offset, 0);
    ch(&mut s, 'h');
    assert_eq!(list(&s).column_offset, 0);
    assert_eq!(toast(&s), "already at the first column");
    assert_eq!(list(&s).selected, 3);
}

#[test]
fn where_everything_fits_a_scroll_key_says_so_and_changes_nothing() {
    let mut s = customers_at_80();
    resize(&mut s, 200, 40);
    ch(&mut s, 'l');
    assert_eq!(list(&s).column_offset, 0);
    assert_eq!(toast(&s), "every column is in view at this width");
    assert_eq!(titles(&s).len(), Res::of::<Customers>().columns().len());
    // Transfers at 80 columns lose the IBAN; one step right brings it, masked by its cell.
    let mut s = state();
    resize(&mut s, 80, 24);
    s.tab = Tab::TRANSFERS;
    assert!(!titles(&s).contains(&"IBAN"));
    ch(&mut s, 'l');
    assert!(titles(&s).contains(&"IBAN"), "{:?}", titles(&s));
    assert_eq!(titles(&s)[0], "Id");
}

#[test]
fn the_offset_is_kept_across_pages_and_refreshes() {
    let mut s = state();
    resize(&mut s, 80, 24);
    let effects = start(&mut s);
    let page_ticket = |effects: &[Effect]| {
        effects
            .iter()
            .find_map(|e| match e {
                Effect::Request {
                    ticket,
                    query: Query::Page(q),
                } => Some((*ticket, q.view, q.page.page)),
                _ => None,
            })
            .expect("a page request")
    };
    let answer = |s: &mut State, (ticket, view, page): (u64, u64, u32)| {
        let items = (page * 20..page * 20 + 20).map(customer).collect();
        let result = Ok(ListAnswer::of::<Customers>(
            Page::with_total(items, page, 20, 100),
            None,
        ));
        update(
            s,
            Msg::Reply {
                ticket,
                reply: Reply::Page { view, result },
            },
        );
    };
    answer(&mut s, page_ticket(&effects));
    ch(&mut s, 'l');
    ch(&mut s, 'l');
    let next = ch(&mut s, 'n');
    answer(&mut s, page_ticket(&next));
    assert_eq!(list(&s).shown.map(|p| p.page), Some(1));
    assert_eq!(list(&s).column_offset, 2, "paging keeps the offset");
    let again = ch(&mut s, 'r');
    answer(&mut s, page_ticket(&again));
    assert_eq!(list(&s).column_offset, 2, "a refresh keeps it too");
}

fn chooser(s: &State) -> &columns::Chooser {
    match &s.overlay {
        Some(Overlay::Columns(c)) => c,
        other => panic!("no column chooser: {other:?}"),
    }
}

fn with_file(s: &mut State) -> PathBuf {
    let path = PathBuf::from("/state/columns.json");
    s.columns = ColumnChoices::from_file(ColumnsFile::default(), Some(path.clone()));
    path
}

#[test]
fn the_chooser_hides_and_moves_columns_and_applying_saves_the_choice() {
    let mut s = customers_at_80();
    let path = with_file(&mut s);
    ch(&mut s, 'l');
    ch(&mut s, 'c');
    let customers = Res::of::<Customers>();
    let n = customers.columns().len();
    assert_eq!(
        chooser(&s).rows,
        columns::arrange(&customers.columns(), None)
    );
    // Hide Email (the fourth), move Phone (the eighth) up to the top.
    ch(&mut s, 'j');
    ch(&mut s, 'j');
    ch(&mut s, 'j');
    ch(&mut s, ' ');
    assert_eq!(chooser(&s).rows[3], (3, false));
    for _ in 0..4 {
        key(&mut s, Key::plain(KeyCode::Down));
    }
    assert_eq!(chooser(&s).cursor, 7);
    for _ in 0..3 {
        ch(&mut s, 'K');
    }
    let shift_up = Key {
        shift: true,
        ..Key::plain(KeyCode::Up)
    };
    for _ in 0..3 {
        key(&mut s, shift_up);
    }
    ch(&mut s, 'K');
    assert_eq!(chooser(&s).cursor, 0, "the cursor moves with the column");
    assert_eq!(chooser(&s).rows[0], (7, true));
    // Keys the chooser does not use do nothing, even list ones.
    ch(&mut s, 'n');
    assert!(s.inflight.is_empty());
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    assert!(s.overlay.is_none());
    let Some(Effect::SaveColumns { path: saved, file }) = effects.first() else {
        panic!("the choice is saved: {effects:?}");
    };
    assert_eq!(saved, &path);
    let choice = &file.panes["customers"];
    assert_eq!(choice.order.len(), n);
    assert_eq!(choice.order[0], "phone", "saved by key, not by header");
    assert_eq!(choice.hidden, ["email"]);
    assert_eq!(titles(&s)[0], "Phone", "the new first column is pinned");
    assert!(!titles(&s).contains(&"Email"));
    assert_eq!(
        list(&s).column_offset,
        0,
        "the columns moved: back to the first"
    );
    assert_eq!(list(&s).selected, 3);
}

#[test]
fn cancelling_the_chooser_keeps_the_choice_and_saves_nothing() {
    let mut s = customers_at_80();
    with_file(&mut s);
    let before = s.columns.clone();
    ch(&mut s, 'c');
    ch(&mut s, ' ');
    ch(&mut s, 'J');
    let effects = key(&mut s, Key::plain(KeyCode::Esc));
    assert!(s.overlay.is_none());
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(s.columns, before);
    assert_eq!(s.nav().depth(), 1, "esc closed the chooser, nothing else");
}

#[test]
fn one_column_always_stays_shown_and_the_default_is_no_choice() {
    let mut s = customers_at_80();
    with_file(&mut s);
    ch(&mut s, 'c');
    let n = chooser(&s).rows.len();
    for i in 0..n {
        if i > 0 {
            ch(&mut s, 'j');
        }
        ch(&mut s, ' ');
    }
    assert_eq!(chooser(&s).rows.iter().filter(|(_, on)| *on).count(), 1);
    assert_eq!(
        chooser(&s).note.as_deref(),
        Some("at least one column stays shown")
    );
    key(&mut s, Key::plain(KeyCode::Enter));
    assert_eq!(titles(&s), ["Id"]);
    // `d` puts the registry's order back; applied, the file holds no choice for the pane.
    ch(&mut s, 'c');
    ch(&mut s, 'd');
    assert!(chooser(&s).rows.iter().all(|(_, on)| *on));
    let effects = key(&mut s, Key::plain(KeyCode::Enter));
    let Some(Effect::SaveColumns { file, .. }) = effects.first() else {
        panic!("{effects:?}");
    };
    assert!(file.panes.is_empty(), "{file:?}");
    assert_eq!(titles(&s)[0], "Name");
}

#[test]
fn a_choice_per_resource_applies_to_every_list_of_it() {
    let mut s = customers_at_80();
    s.tab = Tab::TRANSFERS;
    ch(&mut s, 'c');
    ch(&mut s, ' ');
    key(&mut s, Key::plain(KeyCode::Enter));
    assert_eq!(titles(&s)[0], "Date", "Transfers lost their Id column");
    s.tab = Tab::CUSTOMERS;
    assert_eq!(titles(&s)[0], "Name", "Customers kept theirs");
    let transfers = Res::of::<Transfers>();
    assert_eq!(
        s.columns.shown(transfers).len(),
        transfers.columns().len() - 1
    );
}

#[test]
fn a_saved_file_naming_unknown_columns_and_missing_new_ones_still_applies() {
    let mut panes = BTreeMap::new();
    panes.insert(
        "customers".to_string(),
        Choice {
            order: vec!["phone".into(), "fax".into(), "name".into()],
            hidden: vec!["email".into(), "fax".into()],
        },
    );
    panes.insert("invoices".to_string(), Choice::default());
    let file = ColumnsFile {
        version: columns::FILE_VERSION,
        panes,
    };
    let choices = ColumnChoices::from_file(file.clone(), None);
    let customers = Res::of::<Customers>();
    let cols = customers.columns();
    let titles: Vec<(&str, bool)> = choices
        .arranged(customers)
        .into_iter()
        .map(|(i, on)| (cols[i].title, on))
        .collect();
    assert_eq!(
        titles,
        [
            ("Phone", true),
            // Not named by the file: each after the column before it in the registry.
            ("Id", true),
            ("Name", true),
            ("Accounts", true),
            ("External id", true),
            ("Email", false),
            ("Created", true),
            ("Type", true),
            ("Segment", true),
        ]
    );
    assert_eq!(
        choices.to_file(),
        file,
        "a resource this build lacks is kept as it was"
    );
}
