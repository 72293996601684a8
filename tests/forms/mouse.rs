//! A confirmation is never answered by the mouse: clicks and the wheel while it is up
//! neither confirm nor cancel it, and nothing is sent; the confirm key still works after.

use super::common::{enter, filled_wallet, today};
use guichet::app::form::{FormOutcome, Submission};
use guichet::app::form_slot::{FormSlot, FormStage};
use guichet::app::pointer::{Hit, Pointer, PointerKind, Window};
use guichet::app::state::{Environment, Session, Tab};
use guichet::app::{Effect, Key, Keymap, Msg, State, update};

fn confirming() -> State {
    let session = Session {
        profile: "demo".into(),
        environment: Environment::Sandbox,
        read_only: false,
        demo: true,
        insecure: false,
    };
    let mut s = State::new(session, Keymap::defaults(), today());
    let mut form = filled_wallet(false);
    assert_eq!(enter(&mut form), FormOutcome::Stay);
    let origin = s.focused_id().expect("a focused view");
    let mut slot = FormSlot::new(origin, FormStage::Ready(Box::new(form)));
    // Up for long enough: its confirm key is offered.
    slot.guard.shown = Some(0);
    slot.guard.ready = true;
    s.form = Some(slot);
    s
}

/// A row hit, the rows 0 to 32 on screen.
fn row(index: usize) -> Hit {
    Hit::Row(index, Window { first: 0, rows: 33 })
}

fn is_confirming(s: &State) -> bool {
    s.form
        .as_ref()
        .and_then(FormSlot::form)
        .is_some_and(|f| matches!(f.submission(), Submission::Confirming(_)))
}

#[test]
fn no_click_confirms_or_cancels_a_confirmation() {
    let mut s = confirming();
    assert!(is_confirming(&s));
    let hits = [
        Some(row(0)),
        Some(Hit::Tab(2)),
        Some(Hit::Crumb(0)),
        Some(Hit::Help { max_scroll: 3 }),
        None,
    ];
    let mut at = 10_000;
    for hit in hits {
        for kind in [
            PointerKind::Press,
            PointerKind::WheelDown,
            PointerKind::WheelUp,
        ] {
            for _ in 0..2 {
                at += 50;
                update(&mut s, Msg::InputAt(at));
                let effects = update(
                    &mut s,
                    Msg::Mouse(Pointer {
                        kind,
                        column: 40,
                        row: 12,
                        hit,
                    }),
                );
                assert!(
                    !effects.iter().any(|e| matches!(e, Effect::Request { .. })),
                    "{kind:?} on {hit:?} sent {effects:?}"
                );
                assert!(is_confirming(&s), "{kind:?} on {hit:?}");
            }
        }
    }
    assert_eq!(s.tab, Tab::CUSTOMERS);
    // The confirmation was ready all along: its key confirms.
    update(&mut s, Msg::InputAt(at + 50));
    let effects = update(&mut s, Msg::Key(Key::char('y')));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Request { .. })),
        "y confirms: {effects:?}"
    );
}
