//! The memory's overlays: the help searched, and the recent items and pins, at 80x24 and
//! 120x40.

use super::common::{draw, session, state_with};
use guichet::app::memory_items::{Item, ItemRef, ListKind};
use guichet::app::state::Environment;
use guichet::app::{Key, KeyCode, Msg, State, update};

fn keys(state: &mut State, text: &str) {
    for c in text.chars() {
        update(state, Msg::Key(Key::char(c)));
    }
}

#[test]
fn help_searched_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut state = state_with(session(Environment::Sandbox, false, true), w, h);
        keys(&mut state, "?/place");
        let text = format!("{}", draw(&state).backend());
        assert!(text.contains("Back to the previous place"), "{text}");
        assert!(!text.contains("Next page"), "only what matches: {text}");
        insta::assert_snapshot!(format!("help_searched_{w}x{h}"), draw(&state).backend());
        // Enter keeps the search; esc (not typing) closes the overlay and forgets it.
        update(&mut state, Msg::Key(Key::plain(KeyCode::Enter)));
        update(&mut state, Msg::Key(Key::plain(KeyCode::Esc)));
        assert!(state.overlay.is_none());
        assert!(state.help_search.input.value().is_empty());
    }
}

fn item(what: ItemRef, label: &str) -> Item {
    Item {
        what,
        label: label.into(),
    }
}

fn remembered(state: &mut State) {
    state.remembered.load(
        ListKind::Pins,
        vec![
            item(
                ItemRef::Customer {
                    id: "1b690da5-50d2-43fc-bf74-41440fea04ae".into(),
                },
                "Customer Jan de Vries",
            ),
            item(
                ItemRef::Wallet {
                    id: "26dffc0d-0000-4000-8000-000000000001".into(),
                },
                "Wallet 26dffc0d…",
            ),
        ],
    );
    state.remembered.load(
        ListKind::Recent,
        vec![
            item(
                ItemRef::Transfer {
                    user: "C-000001".into(),
                    id: 20241,
                },
                "Transfer 20241",
            ),
            item(
                ItemRef::Account {
                    id: "a1b20000-0000-4000-8000-00000000aaaa".into(),
                },
                "Account a1b20000…",
            ),
            item(
                ItemRef::Stay {
                    id: "5b1e0000-0000-4000-8000-000000000002".into(),
                },
                "Stay Élodie Marchand-Lefèvre de la Tour du Pin, a guest with a long name",
            ),
            item(
                ItemRef::Customer {
                    id: "1b690da5-50d2-43fc-bf74-41440fea04ae".into(),
                },
                "Customer Jan de Vries",
            ),
        ],
    );
}

#[test]
fn recent_and_pins_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut state = state_with(session(Environment::Sandbox, false, true), w, h);
        remembered(&mut state);
        keys(&mut state, "'");
        update(&mut state, Msg::Key(Key::plain(KeyCode::Down)));
        insta::assert_snapshot!(format!("recent_and_pins_{w}x{h}"), draw(&state).backend());
        // Filtered: only what matches, in both sections.
        keys(&mut state, "jan");
        insta::assert_snapshot!(
            format!("recent_and_pins_filtered_{w}x{h}"),
            draw(&state).backend()
        );
    }
}

#[test]
fn recent_and_pins_when_there_are_none() {
    let mut state = state_with(session(Environment::Sandbox, false, true), 80, 24);
    keys(&mut state, "'");
    let text = format!("{}", draw(&state).backend());
    assert!(
        text.contains("none yet: P pins the resource on screen"),
        "{text}"
    );
    assert!(
        text.contains("none yet: the resources you open come here"),
        "{text}"
    );
}
