//! What a scroll writes: the terminal shifts the rows, and only what came into view and
//! what really changed is written; synchronized output wraps frames only when asked for.

use super::console::Console;
use guichet::runtime::screen::Features;

const ON: Features = Features {
    scroll_regions: true,
    sync: false,
};
const OFF: Features = Features {
    scroll_regions: false,
    sync: false,
};

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Moves the selection to the last visible row of the list, then one further.
fn scroll_list_once(features: Features) -> Console {
    let mut console = Console::new(120, 40, features);
    // 33 table rows are visible at 120x40: 32 moves reach the last one.
    for _ in 0..32 {
        console.key("j");
    }
    console.key("j");
    assert_eq!(console.mismatch(), None);
    console
}

#[test]
fn a_one_row_list_scroll_is_a_scroll_region_and_the_new_row() {
    let scrolled = scroll_list_once(ON);
    let plain = scroll_list_once(OFF);
    let frame = &scrolled.last_frame;
    assert!(
        contains(frame, b"\x1b[S"),
        "a scroll up: {:?}",
        String::from_utf8_lossy(frame)
    );
    assert!(contains(frame, b"r\x1b[S\x1b[r"), "margins set and reset");
    assert!(!contains(&plain.last_frame, b"\x1b[S"));
    assert!(
        frame.len() * 4 < plain.last_frame.len(),
        "{} B scrolled, {} B plain",
        frame.len(),
        plain.last_frame.len()
    );
}

#[test]
fn moving_back_up_past_the_top_scrolls_down() {
    let mut console = scroll_list_once(ON);
    let mut down = false;
    for _ in 0..33 {
        console.key("k");
        assert_eq!(console.mismatch(), None);
        down |= contains(&console.last_frame, b"\x1b[T");
    }
    assert!(down);
}

#[test]
fn a_detail_view_and_the_help_scroll_too() {
    // A customer's details are longer than 16 rows.
    let mut console = Console::new(100, 16, ON);
    console.key("enter");
    let mut scrolled = false;
    for _ in 0..10 {
        console.key("j");
        assert_eq!(console.mismatch(), None);
        scrolled |= contains(&console.last_frame, b"\x1b[S");
    }
    assert!(scrolled, "the detail view scrolls with a region");
    let mut console = Console::new(120, 24, ON);
    console.key("?");
    let mut scrolled = false;
    for _ in 0..10 {
        console.key("j");
        assert_eq!(console.mismatch(), None);
        scrolled |= contains(&console.last_frame, b"\x1b[S");
    }
    assert!(scrolled, "the help scrolls with a region");
}

#[test]
fn synchronized_output_wraps_each_frame_only_when_on() {
    let mut on = Console::new(80, 24, Features { sync: true, ..ON });
    on.key("j");
    let frame = &on.last_frame;
    assert!(frame.starts_with(b"\x1b[?2026h") && frame.ends_with(b"\x1b[?2026l"));
    let mut off = Console::new(80, 24, ON);
    off.key("j");
    assert!(!contains(&off.last_frame, b"2026"));
    assert!(!off.last_frame.is_empty());
}

#[test]
fn a_frame_with_nothing_to_change_writes_nothing() {
    let mut console = Console::new(80, 24, Features { sync: true, ..ON });
    console.state.dirty = true;
    console.draw();
    assert_eq!(console.last_frame, b"");
}
