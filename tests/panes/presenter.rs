//! Presenter mode as plain `update` calls and a rendered screen: the last five keys with
//! their key-map names, newest last, at the right end of the tab line; `K` turns it on and
//! off; text typed into the filter or the `:` box is never shown.

use super::update::state;
use guichet::app::key_trail::{HIDDEN_TEXT, TRAIL_LEN};
use guichet::app::update::start;
use guichet::app::{Key, KeyCode, Msg, State, update};

fn key(s: &mut State, k: Key) {
    update(s, Msg::Key(k));
}

fn trail(s: &State) -> Vec<String> {
    s.key_trail
        .keys
        .iter()
        .map(|k| match &k.name {
            Some(n) => format!("{} {n}", k.key),
            None => k.key.clone(),
        })
        .collect()
}

fn tab_line(s: &State, width: u16) -> String {
    let theme =
        guichet::ui::Theme::builtin("dark", guichet::ui::ColorDepth::Ansi16).expect("theme");
    let backend = ratatui::backend::TestBackend::new(width, 24);
    let mut t = ratatui::Terminal::new(backend).expect("terminal");
    t.draw(|f| guichet::ui::render(f, s, &theme))
        .expect("drawn");
    let buf = t.backend().buffer().clone();
    (0..buf.area.width).map(|x| buf[(x, 1)].symbol()).collect()
}

fn shown() -> State {
    let mut s = state();
    start(&mut s);
    s.key_trail.on = true;
    s
}

#[test]
fn keys_are_named_as_the_key_map_names_them_newest_last() {
    let mut s = shown();
    key(&mut s, Key::char('j'));
    key(&mut s, Key::char('j'));
    key(&mut s, Key::char('s'));
    key(&mut s, Key::plain(KeyCode::Enter));
    assert_eq!(
        trail(&s),
        [
            "j select_down",
            "j select_down",
            "s sort_next",
            "enter open"
        ]
    );
    key(&mut s, Key::char('%'));
    key(&mut s, Key::char('k'));
    assert_eq!(trail(&s).len(), TRAIL_LEN);
    assert_eq!(trail(&s).last().map(String::as_str), Some("k select_up"));
    assert_eq!(
        trail(&s)[3],
        "%",
        "a key that does nothing is shown without a name"
    );
    let line = tab_line(&s, 120);
    assert!(line.contains("k select_up"), "{line}");
    assert!(line.starts_with(" 1 Customers"), "the tabs stay: {line}");
}

#[test]
fn a_narrow_tab_line_keeps_the_newest_keys() {
    let mut s = shown();
    key(&mut s, Key::char('j'));
    key(&mut s, Key::char('g'));
    let line = tab_line(&s, 80);
    assert!(line.contains("g select_top"), "{line}");
    assert!(
        !line.contains("j select_down"),
        "no room for the older one: {line}"
    );
    assert!(line.contains("5 Stays"), "{line}");
}

#[test]
fn k_turns_the_trail_on_and_off() {
    let mut s = state();
    start(&mut s);
    key(&mut s, Key::char('j'));
    assert!(trail(&s).is_empty(), "off by default");
    key(&mut s, Key::char('K'));
    assert!(s.key_trail.on);
    assert_eq!(trail(&s), ["K show_keys"]);
    key(&mut s, Key::char('K'));
    assert!(!s.key_trail.on && trail(&s).is_empty());
    assert!(!tab_line(&s, 120).contains("show_keys"));
}

#[test]
fn typed_text_is_hidden_in_the_filter_and_the_go_to_box() {
    let mut s = shown();
    key(&mut s, Key::char('/'));
    for c in "Dupont".chars() {
        key(&mut s, Key::char(c));
    }
    assert_eq!(
        trail(&s),
        ["/ filter".to_string(), format!("{HIDDEN_TEXT} text")],
        "one entry for the whole run"
    );
    key(&mut s, Key::plain(KeyCode::Esc));
    key(&mut s, Key::plain(KeyCode::Esc));
    key(&mut s, Key::char(':'));
    for c in "FR7630006000011234567890189".chars() {
        key(&mut s, Key::char(c));
    }
    let t = trail(&s);
    assert_eq!(t[t.len() - 2], ": go_to");
    assert_eq!(
        t[t.len() - 1],
        format!("{HIDDEN_TEXT} text"),
        "one entry per run: {t:?}"
    );
    let all = t.join(" ");
    for secret in ["D", "u", "FR76", "0189", "1"] {
        assert!(!all.contains(secret), "{secret} leaked: {all}");
    }
}
