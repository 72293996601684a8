//! The mouse in a real terminal: SGR mouse reports (press, release, wheel) typed into the
//! pseudo-terminal as a terminal sends them, and the screen read back; the mouse modes set
//! while running (unless the config turns the mouse off) and cleared on every way out.

use super::harness::{Pty, selected_row};
use vt100::{MouseProtocolEncoding, MouseProtocolMode};

/// A left click on the 0-based cell (`col`, `row`): press then release, in SGR form
/// (1-based).
fn click(col: u16, row: u16) -> String {
    format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m", x = col + 1, y = row + 1)
}

/// One notch of the wheel down (or up) over the cell.
fn wheel(down: bool, col: u16, row: u16) -> String {
    let button = if down { 65 } else { 64 };
    format!("\x1b[<{button};{};{}M", col + 1, row + 1)
}

/// The column where `text` starts on screen row `row`.
fn column_of(pty: &Pty, row: u16, text: &str) -> u16 {
    let screen = pty.contents();
    let line = screen
        .lines()
        .nth(usize::from(row))
        .unwrap_or_else(|| panic!("no row {row}:\n{screen}"));
    let at = line
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} not on row {row}: {line}"));
    u16::try_from(line[..at].chars().count()).expect("a column")
}

fn captured(s: &vt100::Screen) -> bool {
    s.mouse_protocol_mode() == MouseProtocolMode::ButtonMotion
        && s.mouse_protocol_encoding() == MouseProtocolEncoding::Sgr
}

fn released(s: &vt100::Screen) -> bool {
    s.mouse_protocol_mode() == MouseProtocolMode::None
        && s.mouse_protocol_encoding() == MouseProtocolEncoding::Default
}

fn demo(cols: u16, rows: u16) -> Pty {
    let pty = Pty::spawn(&[], cols, rows, &[]);
    pty.wait_text("rows 1–50 of");
    pty.wait_for("the first row selected", |s| selected_row(s) == Some(4));
    pty
}

#[test]
fn a_click_on_a_tab_opens_its_pane() {
    let mut pty = demo(80, 24);
    let x = column_of(&pty, 1, "3 Wallets");
    pty.send_str(&click(x + 2, 1));
    pty.wait_text("┌ Wallets");
    let x = column_of(&pty, 1, "5 Stays");
    pty.send_str(&click(x, 1));
    pty.wait_text("┌ Stays");
}

#[test]
fn a_click_selects_a_row_a_second_opens_it_and_a_breadcrumb_goes_back() {
    let mut pty = demo(120, 40);
    pty.send_str(&click(10, 7));
    pty.wait_for("the clicked row selected", |s| selected_row(s) == Some(7));
    let name = pty
        .contents()
        .lines()
        .nth(7)
        .and_then(|l| {
            l.trim_start_matches('│')
                .split("  ")
                .next()
                .map(str::to_string)
        })
        .expect("the row's name");
    pty.send_str(&click(10, 7));
    pty.wait_text("External id");
    pty.wait_text(&format!("┌ Customers › Customer {name}"));
    // The pane's own crumb: back to the list, as it was left.
    pty.send_str(&click(4, 2));
    pty.wait_for("the list again, the row still selected", |s| {
        s.contents().contains("rows 1–50 of") && selected_row(s) == Some(7)
    });
    assert!(
        !pty.contents()
            .contains(&format!("Customers › Customer {name}"))
    );
}

#[test]
fn a_double_click_on_a_row_opens_it() {
    let mut pty = demo(80, 24);
    // Both presses in one read: they arrived together.
    pty.send_str(&format!("{}{}", click(12, 9), click(12, 9)));
    pty.wait_text("External id");
    pty.wait_text("┌ Customers › ");
}

#[test]
fn the_wheel_moves_the_list_and_scrolls_the_help() {
    let mut pty = demo(80, 24);
    pty.send_str(&wheel(true, 20, 10));
    pty.wait_for("three rows down", |s| selected_row(s) == Some(7));
    pty.send_str(&wheel(true, 20, 10));
    pty.wait_for("six rows down", |s| selected_row(s) == Some(10));
    pty.send_str(&wheel(false, 20, 10));
    pty.wait_for("three rows up", |s| selected_row(s) == Some(7));
    pty.send_str("?");
    pty.wait_text("Keys — esc to close");
    let first = pty
        .contents()
        .lines()
        .nth(2)
        .unwrap_or_default()
        .to_string();
    pty.send_str(&wheel(true, 20, 10));
    pty.wait_for("the help scrolled", |s| {
        s.contents().lines().nth(2).unwrap_or_default() != first
    });
    // To its end, where the mouse's lines are.
    pty.send_str(&wheel(true, 20, 10).repeat(40));
    pty.wait_text("select text: shift+drag");
    pty.send(b"\x1b");
    pty.wait_for("help closed, the list as it was", |s| {
        !s.contents().contains("Keys — esc") && selected_row(s) == Some(7)
    });
}

#[test]
fn mouse_modes_are_on_while_running_off_with_m_and_after_quit() {
    let mut pty = demo(80, 24);
    pty.wait_for("mouse reports on", captured);
    pty.send_str("M");
    pty.wait_text("mouse off");
    pty.wait_for("mouse reports off", released);
    // Off: a click reaches nothing.
    pty.send_str(&click(10, 7));
    pty.send_str("M");
    pty.wait_text("mouse on");
    pty.wait_for("mouse reports on again", captured);
    assert_eq!(selected_row(&vt100_screen(&pty)), Some(4));
    pty.send_str("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.wait_for("mouse reports off after quitting", released);
}

/// The screen now, for a check that waits for nothing.
fn vt100_screen(pty: &Pty) -> vt100::Screen {
    let out = std::cell::RefCell::new(None);
    pty.wait_for("a screen", |s| {
        *out.borrow_mut() = Some(s.clone());
        true
    });
    out.into_inner().expect("a screen")
}

#[test]
fn sigterm_and_sighup_turn_the_mouse_reports_off() {
    for signal in ["TERM", "HUP"] {
        let mut pty = demo(80, 24);
        pty.wait_for("mouse reports on", captured);
        pty.signal(signal);
        pty.wait_exit();
        pty.wait_for(&format!("mouse reports off after SIG{signal}"), released);
    }
}

#[test]
fn mouse_false_in_the_config_sets_no_mouse_mode() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "mouse = false\n\n[profiles.local]\nenvironment = \"sandbox\"\n",
    )
    .expect("write the config");
    let path = config.to_str().expect("a path");
    let mut pty = Pty::spawn(&[], 80, 24, &[("GUICHET_CONFIG", path)]);
    pty.wait_text("1 Customers");
    pty.wait_for("the alternate screen", |s| s.alternate_screen());
    assert!(released(&vt100_screen(&pty)), "no mouse mode on the screen");
    let start = pty.output_since(0);
    for mode in [&b"\x1b[?1000h"[..], b"\x1b[?1002h", b"\x1b[?1006h"] {
        assert!(
            start.windows(mode.len()).all(|w| w != mode),
            "{:?} set at start",
            String::from_utf8_lossy(mode)
        );
    }
    // `M` turns it on all the same.
    pty.send_str("M");
    pty.wait_text("mouse on");
    pty.wait_for("mouse reports on", captured);
    pty.send_str("q");
    pty.wait_exit();
    pty.wait_for("mouse reports off after quitting", released);
}

#[test]
fn clicks_and_the_wheel_never_confirm_a_write() {
    use super::writes::{block_on, console, open_the_cancel_form_of_the_active_promotion};
    use guichet::domain::customer::PromotionFilter;
    let (mut pty, c) = console(&[]);
    let fx = guichet::sandbox::demo::fixtures(42);
    open_the_cancel_form_of_the_active_promotion(&mut pty);
    pty.send_str("\r");
    pty.wait_text("Confirm: Cancel a promotion");
    pty.wait_text("enter confirm");
    // Clicks all over the screen, each cell twice (a double click), and the wheel.
    let mut mouse = String::new();
    for row in (0..40).step_by(2) {
        for col in [1, 20, 40, 60, 80, 100, 118] {
            mouse.push_str(&click(col, row));
            mouse.push_str(&click(col, row));
        }
    }
    mouse.push_str(&wheel(true, 60, 20));
    mouse.push_str(&wheel(false, 60, 20));
    pty.send_str(&mouse);
    // Keys are taken in order: once `n` has been, every mouse report before it was too.
    pty.send_str("n");
    pty.wait_for("the confirmation gone", |s| {
        !s.contents().contains("Confirm: Cancel a promotion")
    });
    let today = guichet::sandbox::today();
    let promos = block_on(
        c.mascustomers()
            .expect("configured")
            .promotions(&fx.direct_debit_account_id, &PromotionFilter::All),
    )
    .expect("promotions");
    assert!(
        promos.iter().all(|p| p.cancellation_date != Some(today)),
        "nothing cancelled: {promos:?}"
    );
    let entries = guichet::audit::read_last(pty.state_dir.path(), 10).unwrap_or_default();
    assert!(entries.is_empty(), "nothing sent: {entries:?}");
}

#[test]
fn in_a_scrolled_list_a_clicked_row_stays_under_the_pointer_and_opens_on_a_second_click() {
    let mut pty = demo(80, 24);
    // Twenty rows down: the list has scrolled (17 rows fit), the selection on its last row.
    pty.send_str(&wheel(true, 20, 10).repeat(7));
    pty.wait_for("the list scrolled", |s| selected_row(s) == Some(20));
    let top = pty
        .contents()
        .lines()
        .nth(4)
        .unwrap_or_default()
        .to_string();
    let name = top
        .trim_start_matches('│')
        .split("  ")
        .next()
        .expect("a name")
        .to_string();
    pty.send_str(&click(10, 4));
    pty.wait_for("the top row selected, where it was", |s| {
        selected_row(s) == Some(4) && s.contents().lines().nth(4).unwrap_or_default() == top
    });
    pty.send_str(&click(10, 4));
    pty.wait_text(&format!("┌ Customers › Customer {name}"));
}

#[test]
fn on_a_case_a_click_selects_a_transfer_line_and_a_second_click_opens_the_transfer() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("rows 1–");
    let fx = guichet::sandbox::demo::fixtures(42);
    pty.send_str(&format!(":{}\r", fx.external_id));
    pty.wait_for("the whole case", |s| {
        let t = s.contents();
        t.contains("Monext knows a replacement") && t.contains("Timeline") && !t.contains("loading")
    });
    // The newest transfer's line: `… EUR to … · #id`.
    let screen = pty.contents();
    let (row, id) = screen
        .lines()
        .enumerate()
        .find_map(|(r, l)| {
            let (_, id) = l.split_once(" · #")?;
            let id = id
                .split_whitespace()
                .next()?
                .trim_end_matches('│')
                .to_string();
            l.contains(" EUR to ").then_some((r, id))
        })
        .unwrap_or_else(|| panic!("no transfer line:\n{screen}"));
    let row = u16::try_from(row).expect("a row");
    assert_ne!(selected_row(&vt100_screen(&pty)), Some(row));
    pty.send_str(&click(40, row));
    pty.wait_for("the transfer's line selected", |s| {
        selected_row(s) == Some(row)
    });
    pty.send_str(&click(40, row));
    pty.wait_for("the transfer opened", |s| {
        let t = s.contents();
        t.contains("› Transfer") && t.contains(&id) && !t.contains("Timeline")
    });
}
