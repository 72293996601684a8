//! What the terminal is trusted with: scroll regions, by the terminal family `TERM` names,
//! and synchronized output (DEC private mode 2026), asked with DECRQM before the event
//! stream starts. Environment variables override both.

use std::io;
use std::time::{Duration, Instant};

/// The terminal features the screen backend uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Features {
    /// Shift rows with DECSTBM + SU/SD instead of rewriting them.
    pub scroll_regions: bool,
    /// Wrap each frame in mode 2026 (begin/end synchronized update).
    pub sync: bool,
}

/// Overrides scroll regions: `0`/`off` or `1`/`on`.
pub const SCROLL_REGIONS_VAR: &str = "GUICHET_SCROLL_REGIONS";
/// Overrides synchronized output: `0`/`off` or `1`/`on` (no query is made either way).
pub const SYNC_VAR: &str = "GUICHET_SYNC";

/// Terminal families (the part of `TERM` before the first `-`) known to implement DECSTBM
/// with SU/SD, and to parse a DECRQM query they do not know without printing it.
const TRUSTED_FAMILIES: &[&str] = &[
    "xterm",
    "screen",
    "tmux",
    "rxvt",
    "vte",
    "gnome",
    "konsole",
    "kitty",
    "alacritty",
    "foot",
    "wezterm",
    "contour",
    "st",
    "putty",
    "iterm",
    "iterm2",
    "mintty",
    "ghostty",
    "rio",
    "mlterm",
    "ms",
];

/// The DECRQM query for mode 2026, then primary device attributes (DA1): every
/// VT100-compatible terminal answers DA1, so its answer ends the wait even where the
/// first query is unknown.
pub const SYNC_QUERY: &[u8] = b"\x1b[?2026$p\x1b[c";

/// How long start-up waits for the answer: one local round trip is well under this; over
/// SSH the answer takes a network round trip.
pub const LOCAL_DEADLINE: Duration = Duration::from_millis(50);
pub const SSH_DEADLINE: Duration = Duration::from_millis(250);

fn flag(value: Option<&str>) -> Option<bool> {
    match value?.trim().to_ascii_lowercase().as_str() {
        "1" | "on" | "yes" | "true" => Some(true),
        "0" | "off" | "no" | "false" => Some(false),
        _ => None,
    }
}

fn trusted_term(term: Option<&str>) -> bool {
    let Some(term) = term.map(str::to_ascii_lowercase) else {
        return false;
    };
    let family = term.split('-').next().unwrap_or("");
    TRUSTED_FAMILIES.contains(&family)
}

/// Whether rows are shifted by the terminal: `GUICHET_SCROLL_REGIONS` if set, else whether
/// `TERM` names a trusted family. The Linux console (`linux`) has no SU/SD, bare
/// `vt100`/`vt220` entries predate them, `dumb` and an unset `TERM` promise nothing.
pub fn scroll_regions(term: Option<&str>, override_value: Option<&str>) -> bool {
    flag(override_value).unwrap_or_else(|| trusted_term(term))
}

/// How synchronized output is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncRule {
    On,
    Off,
    /// Ask the terminal (DECRQM), waiting at most this long.
    Ask(Duration),
}

/// `GUICHET_SYNC` if set; else ask a terminal of a trusted family (a terminal outside them
/// may print an unknown query), waiting longer over SSH.
pub fn sync_rule(term: Option<&str>, override_value: Option<&str>, over_ssh: bool) -> SyncRule {
    match flag(override_value) {
        Some(true) => SyncRule::On,
        Some(false) => SyncRule::Off,
        None if !trusted_term(term) => SyncRule::Off,
        None if over_ssh => SyncRule::Ask(SSH_DEADLINE),
        None => SyncRule::Ask(LOCAL_DEADLINE),
    }
}

/// What the terminal said so far: `None` until its DA1 answer (`CSI ? … c`) has come;
/// then whether it reported mode 2026 as set or reset (`CSI ? 2026 ; 1|2 $ y`), that is,
/// known. `0` (unknown) and `4` (permanently reset) mean no.
pub fn read_answers(bytes: &[u8]) -> Option<bool> {
    let mut supported = false;
    let mut rest = bytes;
    while let Some(start) = find(rest, b"\x1b[?") {
        let body = &rest[start + 3..];
        // No final byte yet: the answer is still coming.
        let end = body
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';' || *b == b'$'))?;
        let (params, last) = (&body[..end], body[end]);
        if last == b'y' && params.ends_with(b"$") {
            let params = &params[..params.len() - 1];
            if let Some(value) = params.strip_prefix(b"2026;") {
                supported = matches!(value, b"1" | b"2" | b"3");
            }
        } else if last == b'c' {
            return Some(supported);
        }
        rest = &body[end + 1..];
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads the terminal's answers to [`SYNC_QUERY`] (already written) from standard input,
/// a byte at a time so nothing past them is taken from the event stream, until DA1 comes
/// or `deadline` passes. Keys typed before the answer are dropped. A sequence begun when
/// the deadline passes is read to its end, so no half of it reaches the event stream.
pub fn await_sync_answer(deadline: Duration) -> io::Result<bool> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::fd::AsFd;
    let stdin = io::stdin();
    let fd = stdin.as_fd();
    let mut until = Instant::now() + deadline;
    let mut extended = false;
    let mut got: Vec<u8> = Vec::new();
    loop {
        let now = Instant::now();
        if now >= until {
            if extended || !in_sequence(&got) {
                return Ok(false);
            }
            until = now + SEQUENCE_GRACE;
            extended = true;
            continue;
        }
        let left = until - now;
        let timeout = Timespec {
            tv_sec: i64::try_from(left.as_secs()).unwrap_or(0),
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) | Err(rustix::io::Errno::INTR) => continue,
            Ok(_) => {}
            Err(e) => return Err(e.into()),
        }
        let mut byte = [0u8; 1];
        match rustix::io::read(fd, &mut byte) {
            Ok(0) => return Ok(false),
            Ok(_) => got.push(byte[0]),
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => continue,
            Err(e) => return Err(e.into()),
        }
        if let Some(answer) = read_answers(&got) {
            return Ok(answer);
        }
        if got.len() > 1024 {
            return Ok(false);
        }
    }
}

/// Extra time to finish reading a sequence the deadline cut.
const SEQUENCE_GRACE: Duration = Duration::from_millis(20);

/// Whether the bytes end inside an escape sequence.
fn in_sequence(got: &[u8]) -> bool {
    match got.iter().rposition(|b| *b == 0x1b) {
        Some(esc) => !got[esc + 1..]
            .iter()
            .skip(1)
            .any(|b| (0x40..=0x7e).contains(b)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_regions_follow_the_terminal_family_unless_overridden() {
        for term in [
            "xterm-256color",
            "tmux-256color",
            "screen",
            "xterm-kitty",
            "alacritty",
            "foot",
        ] {
            assert!(scroll_regions(Some(term), None), "{term}");
        }
        for term in ["linux", "dumb", "vt100", "vt220", "ansi", ""] {
            assert!(!scroll_regions(Some(term), None), "{term}");
        }
        assert!(!scroll_regions(None, None));
        assert!(!scroll_regions(Some("xterm"), Some("0")));
        assert!(scroll_regions(Some("linux"), Some("on")));
        assert!(scroll_regions(Some("xterm"), Some("maybe")));
    }

    #[test]
    fn sync_is_asked_of_trusted_terminals_only() {
        assert_eq!(
            sync_rule(Some("xterm-256color"), None, false),
            SyncRule::Ask(LOCAL_DEADLINE)
        );
        assert_eq!(
            sync_rule(Some("xterm-256color"), None, true),
            SyncRule::Ask(SSH_DEADLINE)
        );
        assert_eq!(sync_rule(Some("linux"), None, false), SyncRule::Off);
        assert_eq!(sync_rule(None, None, false), SyncRule::Off);
        assert_eq!(sync_rule(Some("dumb"), Some("1"), false), SyncRule::On);
        assert_eq!(sync_rule(Some("xterm"), Some("off"), false), SyncRule::Off);
    }

    #[test]
    fn answers_are_read_up_to_device_attributes() {
        assert_eq!(read_answers(b""), None);
        assert_eq!(read_answers(b"\x1b[?2026;2$y"), None);
        assert_eq!(read_answers(b"\x1b[?2026;2$y\x1b[?62;22c"), Some(true));
        assert_eq!(read_answers(b"\x1b[?2026;1$y\x1b[?1;2c"), Some(true));
        assert_eq!(read_answers(b"\x1b[?2026;0$y\x1b[?62c"), Some(false));
        assert_eq!(read_answers(b"\x1b[?2026;4$y\x1b[?62c"), Some(false));
        // A terminal that does not know DECRQM answers DA1 alone.
        assert_eq!(read_answers(b"\x1b[?6c"), Some(false));
        // A key typed before the answers is skipped.
        assert_eq!(read_answers(b"j\x1b[?2026;2$y\x1b[?62c"), Some(true));
        assert_eq!(read_answers(b"\x1b[?2026;2$y\x1b[?6"), None);
    }

    #[test]
    fn a_cut_sequence_is_noticed() {
        assert!(in_sequence(b"\x1b[?2026;"));
        assert!(in_sequence(b"\x1b"));
        assert!(!in_sequence(b"\x1b[?2026;2$y"));
        assert!(!in_sequence(b"jk"));
    }
}
