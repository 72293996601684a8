//! A type-to-filter list for a form field: the typed text narrows the options (any case,
//! every word must appear) and chooses the first left, ←/→ choose among them, and an option
//! marked `always` (such as "type an id…") stays offered whatever is typed.

use crate::app::key::{Key, KeyCode};
use crate::app::text::{self, Edit};
use tui_input::Input;

/// One option: what is shown and whether it survives every filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    pub label: String,
    pub always: bool,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub filter: Input,
    pub options: Vec<PickOption>,
    /// The indices of the options that match the filter, in order.
    pub matches: Vec<usize>,
    /// The chosen option, an index into `options` (one of `matches` when any).
    pub chosen: usize,
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_lowercase).collect()
}

impl Picker {
    pub fn new(options: Vec<PickOption>, chosen: usize) -> Picker {
        Picker {
            filter: Input::default(),
            matches: (0..options.len()).collect(),
            chosen: chosen.min(options.len().saturating_sub(1)),
            options,
        }
    }

    /// The position of the chosen option among the matches (1-based) and their count.
    pub fn position(&self) -> (usize, usize) {
        let at = self.matches.iter().position(|&i| i == self.chosen);
        (at.map_or(0, |a| a + 1), self.matches.len())
    }

    pub fn label(&self) -> &str {
        self.options
            .get(self.chosen)
            .map_or("", |o| o.label.as_str())
    }

    fn refilter(&mut self) {
        let words = words(self.filter.value());
        self.matches = self
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                let label = o.label.to_lowercase();
                o.always || words.iter().all(|w| label.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        if let Some(&first) = self.matches.first() {
            self.chosen = first;
        }
    }

    fn step(&mut self, forward: bool) {
        let n = self.matches.len();
        if n == 0 {
            return;
        }
        let at = self
            .matches
            .iter()
            .position(|&i| i == self.chosen)
            .unwrap_or(0);
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.chosen = self.matches[next];
    }

    /// Applies a key: `Some(true)` when the choice changed, `Some(false)` when only the typed
    /// text did (or nothing), `None` when the key is not the picker's.
    pub fn apply_key(&mut self, key: Key) -> Option<bool> {
        let before = self.chosen;
        let plain = !key.ctrl && !key.alt;
        match key.code {
            KeyCode::Right if plain => self.step(true),
            KeyCode::Left if plain => self.step(false),
            KeyCode::Char('n') if key.ctrl => self.step(true),
            KeyCode::Char('p') if key.ctrl => self.step(false),
            KeyCode::Home if plain => self.chosen = self.matches.first().copied().unwrap_or(0),
            KeyCode::End if plain => self.chosen = self.matches.last().copied().unwrap_or(0),
            _ => match text::apply(&mut self.filter, key) {
                Some(true) => self.refilter(),
                Some(false) => {}
                None => return None,
            },
        }
        Some(self.chosen != before)
    }

    /// Pasted text goes to the filter.
    pub fn paste(&mut self, pasted: &str) -> bool {
        let before = self.chosen;
        if text::paste(&mut self.filter, pasted) == Edit::Changed {
            self.refilter();
        }
        self.chosen != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> Picker {
        let o = |label: &str, always| PickOption {
            label: label.into(),
            always,
        };
        Picker::new(
            vec![
                o("Jan de Vries · 2026-11-20 → 11-23 · Hôtel du Port", false),
                o("Élodie Martin · 2026-11-21 → 11-24 · Hôtel du Lac", false),
                o("Jan Kowalski · 2026-11-22 → 11-25 · Hôtel du Lac", false),
                o("type a stay id…", true),
            ],
            0,
        )
    }

    #[test]
    fn typing_narrows_by_every_word_and_keeps_the_always_option() {
        let mut p = picker();
        assert_eq!(p.position(), (1, 4));
        for c in "JAN lac".chars() {
            p.apply_key(Key::char(c));
        }
        assert_eq!(p.matches, vec![2, 3]);
        assert_eq!(p.chosen, 2, "the first match is chosen");
        assert_eq!(p.position(), (1, 2));
        assert_eq!(p.apply_key(Key::plain(KeyCode::Right)), Some(true));
        assert_eq!(p.label(), "type a stay id…");
        assert_eq!(p.apply_key(Key::plain(KeyCode::Right)), Some(true));
        assert_eq!(p.chosen, 2, "wraps around");
        // Each change of the filter chooses its first match again.
        for _ in 0.."JAN lac".len() {
            p.apply_key(Key::plain(KeyCode::Backspace));
        }
        assert_eq!(p.matches.len(), 4);
        assert_eq!(p.chosen, 0);
        assert_eq!(p.apply_key(Key::plain(KeyCode::Enter)), None);
    }

    #[test]
    fn a_filter_that_matches_nothing_but_the_always_option_chooses_it() {
        let mut p = picker();
        assert!(p.paste("zzz"));
        assert_eq!(p.matches, vec![3]);
        assert_eq!(p.label(), "type a stay id…");
    }
}
