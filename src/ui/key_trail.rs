//! Presenter mode's trail of keys, drawn at the right end of the tab line: a line that never
//! holds a selection or a confirmation. The newest keys are kept when room is short.

use super::Theme;
use super::sanitize;
use crate::app::key_trail::KeyTrail;
use ratatui::text::Span;

/// The trail's spans, right-aligned in `room` columns (none when it is off or empty).
pub fn spans(trail: &KeyTrail, room: usize, theme: &Theme) -> Vec<Span<'static>> {
    if !trail.on || trail.keys.is_empty() {
        return Vec::new();
    }
    // Newest first, while they fit; then drawn oldest first.
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut used = 1;
    for k in trail.keys.iter().rev() {
        let key = sanitize::clean(&k.key).into_owned();
        let name = k
            .name
            .as_deref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        let w = sanitize::width(&key) + sanitize::width(&name) + 2;
        if used + w > room {
            break;
        }
        used += w;
        parts.push((key, name));
    }
    if parts.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Span::raw(" ".repeat(room - used + 1))];
    for (key, name) in parts.into_iter().rev() {
        out.push(Span::styled(key, theme.key));
        out.push(Span::styled(name, theme.muted));
        out.push(Span::raw("  "));
    }
    out
}
