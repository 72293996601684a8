//! When to send a request again: a pure policy, apart from the HTTP code so it can be tested
//! as plain functions (in the spirit of async-stripe's `request_strategy`).
//!
//! Only writes that carry an idempotency key are retried, always with the same key. A write
//! without one is sent once: a lost answer is reported as "outcome unknown" and the user
//! re-reads the state before deciding. Reads are retried only when the provider said "too
//! many requests" (429); other failed reads go to the screen and the user presses the key
//! again. A retry after a 429 waits at least what `Retry-After` asked, never less.

use std::time::Duration;

/// What kind of call this is, as far as retrying goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    Read,
    /// A write with no idempotency key: sent once.
    Write,
    /// A write the provider deduplicates by a key the request carries.
    IdempotentWrite,
}

impl CallKind {
    pub fn is_write(self) -> bool {
        !matches!(self, CallKind::Read)
    }
}

/// How one attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// No connection could be made: nothing was sent.
    ConnectFailed,
    /// The request went out but no full answer came (timeout or dropped connection).
    AnswerLost,
    /// An HTTP answer, with `Retry-After` in seconds when the provider sent one.
    Status {
        status: u16,
        retry_after_secs: Option<u64>,
    },
}

/// Retries for idempotent writes: exponential backoff from `base`, at most `max_retries`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_retries: u32,
    pub base: Duration,
    /// `Retry-After` is honoured up to this long; a longer wait is not worth holding the
    /// screen for, so the error goes back to the user instead.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            base: Duration::from_millis(200),
            max_retry_after: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// The wait before the next attempt, or `None` to stop. `retries_done` counts the
    /// retries already made (0 after the first attempt).
    pub fn next_delay(
        &self,
        kind: CallKind,
        retries_done: u32,
        attempt: Attempt,
    ) -> Option<Duration> {
        if kind == CallKind::Write || retries_done >= self.max_retries {
            return None;
        }
        let backoff = self.base.saturating_mul(2u32.saturating_pow(retries_done));
        let rate_limited = matches!(attempt, Attempt::Status { status: 429, .. });
        if kind == CallKind::Read && !rate_limited {
            return None;
        }
        match attempt {
            Attempt::ConnectFailed => Some(backoff),
            Attempt::AnswerLost => None,
            Attempt::Status {
                status: 502..=504, ..
            } => Some(backoff),
            Attempt::Status {
                status: 429,
                retry_after_secs,
            } => match retry_after_secs {
                None => Some(backoff),
                Some(secs) => {
                    let wait = Duration::from_secs(secs);
                    (wait <= self.max_retry_after).then_some(wait.max(backoff))
                }
            },
            Attempt::Status { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> Attempt {
        Attempt::Status {
            status,
            retry_after_secs: None,
        }
    }

    #[test]
    fn only_idempotent_writes_are_retried() {
        let p = RetryPolicy::default();
        for kind in [CallKind::Read, CallKind::Write] {
            assert_eq!(p.next_delay(kind, 0, Attempt::ConnectFailed), None);
            assert_eq!(p.next_delay(kind, 0, status(503)), None);
        }
        assert!(
            p.next_delay(CallKind::IdempotentWrite, 0, status(503))
                .is_some()
        );
    }

    #[test]
    fn backoff_doubles_then_stops() {
        let p = RetryPolicy::default();
        let k = CallKind::IdempotentWrite;
        let delays: Vec<_> = (0..4).map(|n| p.next_delay(k, n, status(502))).collect();
        assert_eq!(
            delays,
            vec![
                Some(Duration::from_millis(200)),
                Some(Duration::from_millis(400)),
                Some(Duration::from_millis(800)),
                None
            ]
        );
    }

    #[test]
    fn which_answers_are_retried() {
        let p = RetryPolicy::default();
        let k = CallKind::IdempotentWrite;
        for s in [502, 503, 504, 429] {
            assert!(p.next_delay(k, 0, status(s)).is_some(), "{s}");
        }
        for s in [200, 400, 401, 404, 409, 500] {
            assert_eq!(p.next_delay(k, 0, status(s)), None, "{s}");
        }
        assert!(p.next_delay(k, 0, Attempt::ConnectFailed).is_some());
        assert_eq!(p.next_delay(k, 0, Attempt::AnswerLost), None);
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let p = RetryPolicy::default();
        let k = CallKind::IdempotentWrite;
        let ra = |s| Attempt::Status {
            status: 429,
            retry_after_secs: Some(s),
        };
        assert_eq!(p.next_delay(k, 0, ra(2)), Some(Duration::from_secs(2)));
        // Never shorter than the backoff.
        assert_eq!(p.next_delay(k, 2, ra(0)), Some(Duration::from_millis(800)));
        assert_eq!(p.next_delay(k, 0, ra(3600)), None);
    }

    #[test]
    fn reads_are_retried_after_a_429_only_and_never_sooner_than_asked() {
        let p = RetryPolicy::default();
        let ra = |s| Attempt::Status {
            status: 429,
            retry_after_secs: Some(s),
        };
        assert_eq!(
            p.next_delay(CallKind::Read, 0, ra(3)),
            Some(Duration::from_secs(3))
        );
        assert!(p.next_delay(CallKind::Read, 0, status(429)).is_some());
        assert_eq!(p.next_delay(CallKind::Read, 0, status(502)), None);
        assert_eq!(p.next_delay(CallKind::Read, 3, ra(1)), None);
        assert_eq!(p.next_delay(CallKind::Write, 0, ra(1)), None);
    }
}
