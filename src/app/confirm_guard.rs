//! The type-ahead guard every confirmation shares (a write's, an export in clear's): when
//! it was first drawn, and whether it has been on screen long enough for a key to answer it.

use super::effect::Effect;
use super::msg::Msg;

/// How long a confirmation must have been on screen before a key confirms it. A key that
/// arrived earlier (typed ahead, before the confirmation was drawn, or in the moment after)
/// never confirms: it was not an answer to what the screen showed.
pub const CONFIRM_GUARD_MS: u64 = 400;

/// When a confirmation was first drawn, on the runtime's clock, and whether its confirm key
/// is offered yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConfirmGuard {
    /// When the confirmation now up was first drawn (`Msg::Drawn`).
    pub shown: Option<u64>,
    /// The confirmation has been up for `CONFIRM_GUARD_MS`: its confirm key is offered.
    pub ready: bool,
}

impl ConfirmGuard {
    /// Whether a key that arrived at `at` may answer the confirmation: only once it has
    /// been on screen for the guard time. A key of unknown arrival never does.
    pub fn takes_key(&self, at: Option<u64>) -> bool {
        match (self.shown, at) {
            (Some(shown), Some(at)) => at >= shown.saturating_add(CONFIRM_GUARD_MS),
            _ => false,
        }
    }

    /// Forgets when the confirmation was shown (it closed, or something hides it).
    pub fn hide(&mut self) {
        *self = ConfirmGuard::default();
    }

    /// A frame showing the confirmation was drawn at `at`: the first one starts the guard
    /// time, and asks to be told when it has passed.
    pub fn drawn(&mut self, at: u64) -> Option<Effect> {
        if self.shown.is_some() {
            return None;
        }
        self.shown = Some(at);
        Some(Effect::Schedule {
            after_ms: CONFIRM_GUARD_MS,
            msg: Box::new(Msg::ConfirmReady { shown: at }),
        })
    }

    /// The guard time of the confirmation shown at `shown` passed; `true` when that made
    /// its confirm key offered (the screen changes).
    pub fn passed(&mut self, shown: u64) -> bool {
        if self.shown == Some(shown) && !self.ready {
            self.ready = true;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_answers_only_once_the_guard_time_has_passed_since_the_first_frame() {
        let mut g = ConfirmGuard::default();
        assert!(!g.takes_key(Some(10_000)), "never drawn");
        assert!(g.drawn(1_000).is_some());
        assert!(
            g.drawn(1_200).is_none(),
            "a later frame keeps the first time"
        );
        assert!(!g.takes_key(Some(1_399)));
        assert!(!g.takes_key(None));
        assert!(g.takes_key(Some(1_400)));
        assert!(!g.passed(1_200), "not the frame it was shown in");
        assert!(g.passed(1_000));
        assert!(!g.passed(1_000), "once");
        g.hide();
        assert!(!g.takes_key(Some(5_000)));
        assert!(!g.ready);
    }
}
