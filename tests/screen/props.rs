//! Random sessions — moves, scrolls, page changes, drill-downs, the help, raw JSON, tab
//! switches, resizes, timers — with scroll regions and synchronized output on: after every
//! frame the emulator's screen equals a full redraw of the same state.

use super::console::Console;
use guichet::runtime::screen::Features;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    /// A key pressed `n` times, a frame after each press.
    Keys(&'static str, u8),
    Resize(u16, u16),
    Timers,
}

fn step() -> impl Strategy<Value = Step> {
    let moves = prop::sample::select(vec!["j", "k", "down", "up"]);
    let jumps = prop::sample::select(vec!["g", "G", "n", "p", "pagedown", "pageup", "<", ">"]);
    let views = prop::sample::select(vec![
        "enter", "esc", "?", "v", "tab", "1", "2", "3", "4", "a", "R", "f",
    ]);
    prop_oneof![
        6 => (moves, 1u8..40).prop_map(|(k, n)| Step::Keys(k, n)),
        2 => jumps.prop_map(|k| Step::Keys(k, 1)),
        3 => views.prop_map(|k| Step::Keys(k, 1)),
        1 => (40u16..140, 12u16..50).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => Just(Step::Timers),
    ]
}

fn run(features: Features, width: u16, height: u16, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut console = Console::new(width, height, features);
    prop_assert_eq!(console.mismatch(), None, "first frame");
    for (i, s) in steps.iter().enumerate() {
        match s {
            Step::Keys(key, n) => {
                for press in 0..*n {
                    console.key(key);
                    if let Some(m) = console.mismatch() {
                        return Err(TestCaseError::fail(format!(
                            "step {i} ({s:?}), press {press}: {m}"
                        )));
                    }
                }
            }
            Step::Resize(w, h) => console.resize(*w, *h),
            Step::Timers => console.fire_timers(),
        }
        if let Some(m) = console.mismatch() {
            return Err(TestCaseError::fail(format!("step {i} ({s:?}): {m}")));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn scrolled_frames_leave_the_screen_a_full_redraw_leaves(
        width in 60u16..130,
        height in 16u16..45,
        steps in prop::collection::vec(step(), 1..16),
    ) {
        let features = Features { scroll_regions: true, sync: true };
        run(features, width, height, &steps)?;
    }

    #[test]
    fn the_plain_diff_leaves_it_too(
        steps in prop::collection::vec(step(), 1..12),
    ) {
        let features = Features { scroll_regions: false, sync: false };
        run(features, 100, 30, &steps)?;
    }
}
