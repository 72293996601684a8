//! The shell: header badges, tabs, status line, help overlay, too-small notice.

use super::common::{draw, session, state_with, theme};
use guichet::app::state::{Environment, Health};
use guichet::app::{Key, Msg, update};
use guichet::domain::Provider;
use ratatui::style::Color;

#[test]
fn shell_80x24() {
    let state = state_with(session(Environment::Sandbox, false, true), 80, 24);
    insta::assert_snapshot!(draw(&state).backend());
}

#[test]
fn shell_120x40_read_only_with_health() {
    let mut state = state_with(session(Environment::Staging, true, false), 120, 40);
    state.health.insert(Provider::Mascustomers, Health::Ok);
    state.health.insert(Provider::Smoney, Health::Down);
    insta::assert_snapshot!(draw(&state).backend());
}

#[test]
fn production_badge_is_red_on_every_theme() {
    let state = state_with(session(Environment::Production, true, false), 80, 24);
    let terminal = draw(&state);
    let buffer = terminal.backend().buffer();
    let line: String = (0..80)
        .map(|x| buffer[(x, 0)].symbol().to_string())
        .collect();
    let x = line.find("PRODUCTION").expect("badge shown") as u16;
    assert_eq!(buffer[(x, 0)].bg, theme().badge_production.bg.unwrap());
    assert!(matches!(buffer[(x, 0)].bg, Color::Rgb(r, g, _) if r > 150 && g < 50));
}

#[test]
fn help_overlay_lists_every_action_with_keys() {
    let mut state = state_with(session(Environment::Sandbox, false, true), 120, 40);
    update(&mut state, Msg::Key(Key::char('?')));
    insta::assert_snapshot!(draw(&state).backend());
}

#[test]
fn too_small_notice() {
    let state = state_with(session(Environment::Sandbox, false, true), 40, 10);
    let terminal = draw(&state);
    let text = format!("{}", terminal.backend());
    assert!(text.contains("Terminal too small"), "{text}");
    assert!(text.contains("40x10"), "{text}");
}
