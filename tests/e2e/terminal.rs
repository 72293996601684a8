//! The terminal as the console drives it: long scrolls through scroll regions leave the
//! screen a full redraw leaves, and synchronized output is used exactly where the terminal
//! says it knows it. The scrolling tests run on a terminal that knows it, so each frame
//! shows whole and each key's frame can be waited for.

use super::harness::{Pty, SyncAnswer, selected_row};

/// Every cell with what it looks like, row by row.
fn look(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    (0..rows.get())
        .map(|r| {
            (0..cols.get())
                .map(|c| match screen.cell(r, c) {
                    Some(cell) => format!(
                        "{}{:?}{:?}{}{}{}",
                        if cell.contents().is_empty() {
                            " "
                        } else {
                            cell.contents()
                        },
                        cell.fgcolor(),
                        cell.bgcolor(),
                        u8::from(cell.bold()),
                        u8::from(cell.inverse()),
                        u8::from(cell.underline()),
                    ),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn snapshot(pty: &Pty) -> Vec<String> {
    let out = std::cell::RefCell::new(Vec::new());
    pty.wait_for("a screen", |s| {
        *out.borrow_mut() = look(s);
        true
    });
    out.into_inner()
}

/// A console on a terminal that shows whole frames.
fn console(cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
    Pty::spawn_answering(&[], cols, rows, env, SyncAnswer::Supported)
}

/// Waits until nothing is loading (no spinner), so that the frames that follow are the
/// keys' own.
fn settled(pty: &Pty) {
    pty.wait_for("nothing loading", |s| {
        let text = s.contents();
        !guichet::ui::shell::SPINNER.iter().any(|c| text.contains(c))
    });
}

/// Presses `key` and waits for its frame (the selection moved, or the rows).
fn press(pty: &mut Pty, key: &str) {
    let before = snapshot(pty);
    pty.send_str(key);
    pty.wait_for(&format!("{key:?} to change the screen"), |s| {
        look(s) != before
    });
}

/// Makes the console redraw everything (a resize clears the screen) at the same size and
/// checks that the screen is what it showed before.
fn assert_same_after_full_redraw(pty: &mut Pty, cols: u16, rows: u16) {
    let before = snapshot(pty);
    // Shown only if the test fails.
    println!("screen before the redraw:\n{}", pty.contents());
    pty.resize(cols + 1, rows);
    pty.wait_for("the frame one column wider", |s| {
        s.cell(2, cols).is_some_and(|c| c.contents() == "┐")
    });
    pty.resize(cols, rows);
    // The redraw comes in several reads: wait for all of it, which must be the same screen.
    pty.wait_for("a full redraw equal to the screen before it", |s| {
        look(s) == before
    });
}

#[test]
fn a_long_list_scroll_leaves_what_a_full_redraw_leaves() {
    let mut pty = console(120, 40, &[]);
    pty.wait_text("rows 1–50 of");
    settled(&pty);
    pty.wait_for("the first row selected", |s| selected_row(s) == Some(4));
    let before = pty.bytes();
    for _ in 0..45 {
        press(&mut pty, "j");
    }
    let down = pty.output_since(before);
    assert!(
        down.windows(3).any(|w| w == b"\x1b[S"),
        "the rows were scrolled by the terminal"
    );
    assert_same_after_full_redraw(&mut pty, 120, 40);
    for _ in 0..20 {
        press(&mut pty, "k");
    }
    assert_same_after_full_redraw(&mut pty, 120, 40);
}

#[test]
fn a_detail_view_and_the_help_scroll_cleanly() {
    let mut pty = console(100, 16, &[]);
    pty.wait_text("rows 1–50 of");
    settled(&pty);
    pty.send_str("\r");
    pty.wait_text("Contact");
    settled(&pty);
    // A customer's details are a few rows longer than this terminal.
    for _ in 0..3 {
        press(&mut pty, "j");
    }
    assert_same_after_full_redraw(&mut pty, 100, 16);
    pty.send_str("?");
    pty.wait_text("Keys — esc to close");
    for _ in 0..8 {
        press(&mut pty, "j");
    }
    assert_same_after_full_redraw(&mut pty, 100, 16);
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn frames_are_synchronized_where_the_terminal_knows_the_mode() {
    let mut pty = Pty::spawn_answering(&[], 80, 24, &[], SyncAnswer::Supported);
    pty.wait_text("rows 1–");
    press(&mut pty, "j");
    let out = pty.output_since(0);
    let begins = count(&out, b"\x1b[?2026h");
    assert!(begins >= 2, "each frame begins a synchronized update");
    assert!(count(&out, b"\x1b[?2026l") >= begins, "and ends it");
    pty.send_str("q");
    pty.wait_exit();
}

#[test]
fn no_synchronized_output_where_the_terminal_does_not_know_it() {
    for answer in [SyncAnswer::Unknown, SyncAnswer::Silent] {
        let mut pty = Pty::spawn_answering(&[], 80, 24, &[], answer);
        pty.wait_text("rows 1–");
        press(&mut pty, "j");
        let out = pty.output_since(0);
        assert_eq!(count(&out, b"\x1b[?2026$p"), 1, "asked once, at start");
        assert_eq!(count(&out, b"\x1b[?2026h"), 0, "{answer:?}");
        assert_eq!(count(&out, b"\x1b[?2026l"), 0, "{answer:?}");
        pty.send_str("q");
        pty.wait_exit();
    }
}

#[test]
fn the_linux_console_is_neither_asked_nor_scrolled() {
    let mut pty = Pty::spawn(&[], 120, 40, &[("TERM", "linux")]);
    pty.wait_text("rows 1–50 of");
    for _ in 0..36 {
        pty.send_str("j");
    }
    pty.wait_for("the selection on the last row", |s| {
        selected_row(s) == Some(36)
    });
    let out = pty.output_since(0);
    assert_eq!(
        count(&out, b"\x1b[?2026"),
        0,
        "no query, no synchronized output"
    );
    assert_eq!(
        count(&out, b"\x1b[S"),
        0,
        "the plain diff: no scroll region"
    );
}

#[test]
fn the_plain_diff_leaves_what_a_full_redraw_leaves() {
    // Scroll regions off (a Linux console), whole frames on, so the keys can be followed.
    let mut pty = console(120, 40, &[("TERM", "linux"), ("GUICHET_SYNC", "1")]);
    pty.wait_text("rows 1–50 of");
    settled(&pty);
    for _ in 0..40 {
        press(&mut pty, "j");
    }
    assert_eq!(count(&pty.output_since(0), b"\x1b[S"), 0);
    assert_same_after_full_redraw(&mut pty, 120, 40);
}
