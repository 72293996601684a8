//! The `:` box's results at 80x24 and 120x40: groups with counts, one still searching, one
//! failed with the provider's code, one unsupported, one not configured; the chosen hit.

use super::common::{draw, loaded, session, state_with};
use super::fixtures::*;
use guichet::app::detail::Subject;
use guichet::app::nav::PromptKind;
use guichet::app::resources::{Customers, rows};
use guichet::app::search_box::{Group, GroupState, SearchBox, SearchHits, SearchKind};
use guichet::app::state::{Environment, State, Tab};

fn searching(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    s.tab = Tab::CUSTOMERS;
    loaded(&mut s, |p| {
        p.rows = rows::<Customers>(customers(6));
    });
    s.open_prompt(PromptKind::GoTo);
    if let Some(p) = &mut s.prompt {
        p.input = tui_input::Input::new("mar".into());
    }
    let found = |hits: Vec<Subject>, total| {
        GroupState::Found(SearchHits {
            hits,
            total: Some(total),
        })
    };
    s.search = SearchBox {
        text: "mar".into(),
        debounce: None,
        groups: vec![
            Group {
                kind: SearchKind::Customers,
                state: found((0..3).map(|i| Subject::Customer(customer(i))).collect(), 37),
            },
            Group {
                kind: SearchKind::Stays,
                state: found(vec![Subject::Stay(stay())], 1),
            },
            Group {
                kind: SearchKind::Wallets,
                state: GroupState::Failed {
                    code: "503".into(),
                    headline: "pxlhub 503".into(),
                },
            },
            Group {
                kind: SearchKind::Accounts,
                state: GroupState::Unsupported,
            },
            Group {
                kind: SearchKind::Transfers,
                state: GroupState::NotConfigured,
            },
        ],
        selected: Some(1),
    };
    s
}

#[test]
fn search_box_80x24() {
    insta::assert_snapshot!(draw(&searching(80, 24)).backend());
}

#[test]
fn search_box_120x40() {
    let mut s = searching(120, 40);
    // A group still searching shows its spinner while the others show their hits.
    s.search.groups[1].state = GroupState::Searching(99);
    insta::assert_snapshot!(draw(&s).backend());
}
