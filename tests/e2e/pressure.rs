//! Input under pressure in a real terminal: a burst far larger than one read is handled at
//! once, with no further key.

use super::harness::Pty;

/// `n` bytes of filter text whose last keys go back to the line's start (ctrl-a) and type a
/// marker there: the line shows the marker only once every byte before it was handled,
/// since keys are handled in order.
fn burst(n: usize, marker: &str) -> Vec<u8> {
    let mut bytes = vec![b'x'; n - marker.len() - 1];
    bytes.push(0x01);
    bytes.extend_from_slice(marker.as_bytes());
    bytes
}

#[test]
fn a_64_kib_burst_reaches_the_filter_line_with_no_further_key() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_text("rows 1–");
    pty.send_str("/");
    pty.wait_text("filter");
    pty.send(&burst(64 * 1024, "ZQEND"));
    pty.wait_text("/ ZQENDxxxx");
}

#[test]
fn a_1_mib_burst_neither_hangs_nor_panics() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_text("rows 1–");
    pty.send_str("/");
    pty.wait_text("filter");
    // The write returns once the console has read it all: nothing stays in the tty.
    pty.send(&burst(1024 * 1024, "ZQEND"));
    pty.wait_text("/ xxxx");
    // Still answering keys: esc clears the filter, q quits cleanly.
    pty.send(b"\x1b");
    pty.wait_for("the filter closed", |s| !s.contents().contains("/ xxxx"));
    pty.send_str("q");
    assert_eq!(pty.wait_exit(), 0);
}
