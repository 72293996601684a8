//! A write form drawn as a centred panel over the given area: context, facts, fields with
//! their messages beside them, the submission state, key hints; then the confirmation or
//! the discard question on top when they are up.

use super::Theme;
use super::confirm::render_confirm;
use super::modal::Modal;
use super::sanitize;
use crate::app::form::{FieldRow, FormView, RowKind, StatusView};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

const LABEL_W: usize = 20;
/// A uuid (36) plus the cursor after it.
const VALUE_W: usize = 37;

/// Splits `text` into lines of at most `width` columns, at spaces when it can. The text is
/// sanitised first: forms show provider strings (guest names, error messages).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = sanitize::clean(text);
    let width = width.max(8);
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        loop {
            let lw = line.width();
            let sep = usize::from(!line.is_empty());
            if lw + sep + word.width() <= width {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the line: cut it.
            let cut: String = take_width(&word, width);
            word = word[cut.len()..].to_string();
            out.push(cut);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// The longest prefix of `s` that fits in `width` columns.
pub(crate) fn take_width(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// `s` sanitised, cut or filled with spaces to exactly `width` columns.
fn pad(s: &str, width: usize) -> String {
    let cut = take_width(&sanitize::clean(s), width);
    let fill = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(fill))
}

/// A rectangle of at most `width` × `height`, centred in `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub(crate) fn hint_line<'a>(hints: &[(String, String)], theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::raw(" ")];
    for (keys, label) in hints {
        spans.push(Span::styled(keys.clone(), theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.muted));
    }
    Line::from(spans)
}

pub(crate) fn env_badge<'a>(label: &str, production: bool, theme: &Theme) -> Span<'a> {
    let style = if production {
        theme.badge_production
    } else if label.eq_ignore_ascii_case("staging") {
        theme.badge_staging
    } else {
        theme.badge_sandbox
    };
    Span::styled(format!(" {} ", sanitize::fit(label, 16)), style)
}

/// Where the cursor goes, relative to the panel's inner area.
struct CursorAt {
    line: usize,
    col: usize,
}

fn field_lines<'a>(
    row: &FieldRow,
    inner_w: usize,
    theme: &Theme,
    lines: &mut Vec<Line<'a>>,
    cursor: &mut Option<CursorAt>,
) {
    let value_w = VALUE_W.min(inner_w.saturating_sub(LABEL_W + 4)).max(8);
    let marker = if row.focused { "▸ " } else { "  " };
    let label_style = if row.focused { theme.title } else { theme.text };
    let mut spans = vec![Span::styled(
        pad(&format!("{marker}{}", row.label), LABEL_W),
        label_style,
    )];
    let input_style = if row.focused {
        theme.selection
    } else {
        theme.text
    };
    match row.kind {
        RowKind::Text | RowKind::Date => {
            let (shown, style) = if row.value.is_empty() && !row.focused {
                (pad(&row.placeholder, value_w), theme.muted)
            } else {
                // Keep the cursor in view on long values (an IBAN with spaces).
                let cur = row.cursor.unwrap_or(0);
                let skip = cur.saturating_sub(value_w.saturating_sub(1));
                let visible: String = row.value.chars().skip(skip).collect();
                if row.focused {
                    *cursor = Some(CursorAt {
                        line: lines.len(),
                        col: LABEL_W + 1 + cur - skip,
                    });
                }
                (pad(&visible, value_w), input_style)
            };
            spans.push(Span::styled("[", theme.border));
            spans.push(Span::styled(shown, style));
            spans.push(Span::styled("]", theme.border));
        }
        RowKind::Pick if row.focused => {
            // The filter is typed here; the matches follow on their own lines.
            let pos = row
                .choice_pos
                .map(|(i, n)| format!(" {i}/{n}"))
                .unwrap_or_default();
            let room = value_w.saturating_sub(pos.width());
            let typed = row.filter.as_deref().unwrap_or("");
            let cur = row.cursor.unwrap_or(0);
            let skip = cur.saturating_sub(room.saturating_sub(1));
            let visible: String = typed.chars().skip(skip).collect();
            *cursor = Some(CursorAt {
                line: lines.len(),
                col: LABEL_W + 1 + cur - skip,
            });
            let (shown, style) = if typed.is_empty() {
                (pad(&row.placeholder, room), theme.muted)
            } else {
                (pad(&visible, room), input_style)
            };
            spans.push(Span::styled("[", theme.border));
            spans.push(Span::styled(shown, style));
            spans.push(Span::styled(pos, theme.muted));
            spans.push(Span::styled("]", theme.border));
        }
        RowKind::Choice | RowKind::Pick => {
            let pos = row
                .choice_pos
                .map(|(i, n)| format!(" {i}/{n}"))
                .unwrap_or_default();
            let (l, r) = if row.focused {
                ("◀", "▶")
            } else {
                (" ", " ")
            };
            let inner = format!(
                "{}{pos}",
                pad(&row.value, value_w.saturating_sub(pos.width()))
            );
            spans.push(Span::styled(l, theme.key));
            spans.push(Span::styled(inner, input_style));
            spans.push(Span::styled(r, theme.key));
        }
        RowKind::Display => {
            spans.push(Span::styled(
                format!(" {}", pad(&row.value, value_w + 1)),
                theme.muted,
            ));
        }
    }
    let picked: Vec<Line<'a>> = row
        .options
        .iter()
        .map(|(label, chosen)| {
            let (mark, style) = if *chosen {
                ("▸ ", theme.selection)
            } else {
                ("  ", theme.text)
            };
            let width = inner_w.saturating_sub(LABEL_W + 1);
            Line::from(vec![
                Span::raw(" ".repeat(LABEL_W + 1)),
                Span::styled(pad(&format!("{mark}{label}"), width), style),
            ])
        })
        .collect();
    let message = match (&row.error, &row.note) {
        (Some(e), _) => Some((format!("✗ {}", sanitize::clean(e)), theme.error)),
        (None, Some(n)) => Some((format!("· {}", sanitize::clean(n)), theme.success)),
        (None, None) => None,
    };
    let room = inner_w.saturating_sub(LABEL_W + value_w + 3);
    match message {
        Some((text, style)) if text.width() <= room => {
            spans.push(Span::styled(format!(" {text}"), style));
            lines.push(Line::from(spans));
        }
        Some((text, style)) => {
            lines.push(Line::from(spans));
            for part in wrap(&text, inner_w.saturating_sub(LABEL_W + 1)) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(LABEL_W + 1)),
                    Span::styled(part, style),
                ]));
            }
        }
        None => lines.push(Line::from(spans)),
    }
    lines.extend(picked);
}

fn push_wrapped<'a>(lines: &mut Vec<Line<'a>>, text: &str, width: usize, style: Style) {
    for part in wrap(text, width) {
        lines.push(Line::styled(format!(" {part}"), style));
    }
}

/// The panel's lines and where the cursor goes.
fn form_lines<'a>(
    view: &FormView,
    inner_w: usize,
    theme: &Theme,
) -> (Vec<Line<'a>>, Option<CursorAt>) {
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor = None;
    lines.push(Line::from(vec![
        Span::styled(
            format!(" profile {} ", sanitize::fit(&view.profile, 24)),
            theme.text,
        ),
        env_badge(&view.environment_label, view.production, theme),
    ]));
    if let Some(ro) = &view.read_only {
        let ro = sanitize::clean(ro);
        push_wrapped(&mut lines, &format!("⚠ {ro}"), inner_w - 2, theme.warning);
    }
    for (label, value) in &view.info {
        let value_w = inner_w.saturating_sub(LABEL_W + 1);
        for (i, part) in wrap(value, value_w).into_iter().enumerate() {
            let label = if i == 0 { label.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(pad(&format!("  {label}"), LABEL_W + 1), theme.muted),
                Span::styled(part, theme.text),
            ]));
        }
    }
    lines.push(Line::raw(""));
    for row in &view.rows {
        field_lines(row, inner_w, theme, &mut lines, &mut cursor);
    }
    let w = inner_w.saturating_sub(2);
    match &view.status {
        StatusView::None => {}
        StatusView::InFlight => {
            lines.push(Line::raw(""));
            push_wrapped(
                &mut lines,
                "⠿ sent — waiting for the answer…",
                w,
                theme.info,
            );
        }
        StatusView::Done(text) => {
            lines.push(Line::raw(""));
            push_wrapped(&mut lines, &format!("✓ {text}"), w, theme.success);
        }
        StatusView::Failed { message, .. } => {
            // The message names the code already.
            lines.push(Line::raw(""));
            push_wrapped(&mut lines, &format!("✗ {message}"), w, theme.error);
        }
        StatusView::OutcomeUnknown { message, can_retry } => {
            lines.push(Line::raw(""));
            push_wrapped(
                &mut lines,
                "⚠ outcome unknown — the change may have been applied",
                w,
                theme.warning,
            );
            push_wrapped(&mut lines, message, w, theme.muted);
            let advice = if *can_retry {
                "Read it again, or retry: the retry sends the same correlation id, so it cannot open a second wallet."
            } else {
                "Read it again before trying anew."
            };
            push_wrapped(&mut lines, advice, w, theme.text);
        }
    }
    if let Some(n) = &view.notice {
        lines.push(Line::raw(""));
        push_wrapped(&mut lines, n, w, theme.warning);
    }
    (lines, cursor)
}

/// Draws the form over `area` (a centred panel), and its confirmation or discard question.
pub fn render_form(frame: &mut Frame, area: Rect, view: &FormView, theme: &Theme) {
    let width = area.width.saturating_sub(4).clamp(area.width.min(40), 100);
    let inner_w = usize::from(width.saturating_sub(2));
    let (lines, cursor) = form_lines(view, inner_w, theme);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(
        area,
        width,
        height.min(area.height.saturating_sub(2).max(3)),
    );
    let border = if view.production {
        theme.badge_production
    } else {
        theme.border_focused
    };
    // The cursor stays in the form only while nothing is drawn over it.
    let cursor = cursor
        .filter(|_| view.confirm.is_none() && !view.discard_prompt)
        .map(|at| (at.line, at.col));
    Modal::new(border)
        .title(Span::styled(
            format!(" {} ", sanitize::clean(&view.title)),
            theme.title,
        ))
        .hints(hint_line(&view.hints, theme))
        .render(frame, rect, Paragraph::new(lines), cursor, theme);
    if let Some(confirm) = &view.confirm {
        render_confirm(frame, area, confirm, theme);
    } else if view.discard_prompt {
        render_discard(frame, rect, theme);
    }
}

/// The open form over the body, or while it loads what it offers, a small panel saying so.
pub fn render_slot(
    frame: &mut Frame,
    area: Rect,
    slot: &crate::app::write_flow::FormSlot,
    state: &crate::app::state::State,
    theme: &Theme,
) {
    use crate::app::write_flow::FormStage;
    match &slot.stage {
        FormStage::Ready(_) => {
            if let Some(view) = slot.view(&state.keymap) {
                render_form(frame, area, &view, theme);
            }
        }
        FormStage::Loading { title, what, .. } => {
            let spinner =
                crate::ui::shell::SPINNER[state.spinner % crate::ui::shell::SPINNER.len()];
            let rect = centered(area, 44.min(area.width), 3.min(area.height));
            let body = Paragraph::new(Line::from(vec![
                Span::styled(format!(" {spinner} loading {what}… "), theme.info),
                Span::styled("esc", theme.key),
                Span::styled(" cancel", theme.muted),
            ]));
            Modal::new(theme.border_focused)
                .title(Span::styled(format!(" {title} "), theme.title))
                .render(frame, rect, body, None, theme);
        }
    }
}

fn render_discard(frame: &mut Frame, over: Rect, theme: &Theme) {
    let rect = centered(over, 34, 3);
    let body = Paragraph::new(Line::from(vec![
        Span::styled(" Discard changes? ", theme.warning),
        Span::styled("y", theme.key),
        Span::styled("/", theme.muted),
        Span::styled("n", theme.key),
    ]));
    Modal::new(theme.warning).render(frame, rect, body, None, theme);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("one two three", 8), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghijkl", 8), vec!["abcdefgh", "ijkl"]);
        assert_eq!(wrap("", 8), vec![""]);
    }
}
