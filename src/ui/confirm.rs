//! The confirmation before a write: profile and environment, the target, the change as
//! before → after, the exact request (method, path, masked JSON body), and on production
//! the last-four input that unlocks the confirm key.

use super::Theme;
use super::form::{centered, env_badge, hint_line, take_width, wrap};
use super::modal::Modal;
use super::sanitize;
use crate::app::form::ConfirmView;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const LABEL_W: usize = 10;

fn labelled<'a>(
    lines: &mut Vec<Line<'a>>,
    label: &str,
    text: &str,
    width: usize,
    style: Style,
    theme: &Theme,
) {
    for (i, part) in wrap(text, width.saturating_sub(LABEL_W + 1))
        .into_iter()
        .enumerate()
    {
        let label = if i == 0 { label } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!(" {label:<w$}", w = LABEL_W), theme.muted),
            Span::styled(part, style),
        ]));
    }
}

/// A URL path cut at `/` boundaries to fit `width` (and inside a segment only when one
/// segment alone is too long). Sanitised first: the path holds provider ids.
fn wrap_path(path: &str, width: usize) -> Vec<String> {
    let path = sanitize::clean(path);
    let width = width.max(8);
    let mut out = Vec::new();
    let mut line = String::new();
    for seg in path.split_inclusive('/') {
        if !line.is_empty() && line.chars().count() + seg.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        line.push_str(seg);
        while line.chars().count() > width {
            let head = take_width(&line, width);
            line = line[head.len()..].to_string();
            out.push(head);
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// One line of pretty JSON, coloured by what it holds. JSON escapes C0 controls but not
/// bidi overrides, so the line is sanitised too.
fn json_line<'a>(line: &str, width: usize, theme: &Theme) -> Line<'a> {
    let line = take_width(&sanitize::clean(line), width);
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let mut spans = vec![Span::raw(format!("   {indent}"))];
    match trimmed.split_once("\": ") {
        Some((key, value)) => {
            spans.push(Span::styled(format!("{key}\": "), theme.json_key));
            let style = if value.starts_with('"') {
                theme.json_string
            } else if value.starts_with(['{', '[']) {
                theme.text
            } else if value.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
                theme.json_number
            } else {
                theme.json_literal
            };
            spans.push(Span::styled(value.to_string(), style));
        }
        None => spans.push(Span::styled(trimmed.to_string(), theme.text)),
    }
    Line::from(spans)
}

/// Draws the confirmation, centred in `area`.
pub fn render_confirm(frame: &mut Frame, area: Rect, view: &ConfirmView, theme: &Theme) {
    let width = area.width.saturating_sub(2).clamp(area.width.min(40), 104);
    let inner_w = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(vec![
        Span::styled(format!(" {:<w$}", "Profile", w = LABEL_W), theme.muted),
        Span::styled(format!("{} ", sanitize::fit(&view.profile, 24)), theme.text),
        env_badge(&view.environment_label, view.production, theme),
    ]));
    if let Some(again) = &view.again {
        labelled(&mut lines, "Again", again, inner_w, theme.warning, theme);
    }
    labelled(
        &mut lines,
        "Target",
        &view.target,
        inner_w,
        theme.text,
        theme,
    );
    for change in &view.changes {
        labelled(
            &mut lines,
            "Change",
            &change.label,
            inner_w,
            theme.title,
            theme,
        );
        labelled(
            &mut lines,
            "  before",
            &change.before,
            inner_w,
            theme.muted,
            theme,
        );
        labelled(
            &mut lines,
            "  after",
            &change.after,
            inner_w,
            theme.success,
            theme,
        );
    }
    labelled(
        &mut lines,
        "Request",
        &format!("{} {}", view.method, view.provider),
        inner_w,
        theme.text,
        theme,
    );
    for part in wrap_path(&view.path, inner_w.saturating_sub(4)) {
        lines.push(Line::styled(format!("   {part}"), theme.text));
    }
    let body: Vec<Line> = view
        .body
        .lines()
        .map(|l| json_line(l, inner_w.saturating_sub(4), theme))
        .collect();
    let mut tail: Vec<Line> = Vec::new();
    let mut cursor_col = None;
    if let Some(last4) = &view.last4 {
        tail.push(Line::raw(""));
        let prompt = if inner_w >= 70 {
            " Type the last 4 characters of the target id to confirm: "
        } else {
            " Type the last 4 of the target id: "
        };
        cursor_col = Some(prompt.chars().count() + 1 + last4.typed.chars().count());
        let (mark, style) = if last4.matches {
            ("✓", theme.success)
        } else {
            ("", theme.muted)
        };
        tail.push(Line::from(vec![
            Span::styled(prompt, theme.warning),
            Span::styled("[", theme.border),
            Span::styled(format!("{:<4}", last4.typed), theme.selection),
            Span::styled("] ", theme.border),
            Span::styled(mark, style),
        ]));
    }
    if let Some(n) = &view.notice {
        for part in wrap(n, inner_w.saturating_sub(2)) {
            tail.push(Line::styled(format!(" {part}"), theme.warning));
        }
    }
    // On a short screen the body gives way, so the last-four input stays in view.
    let room = usize::from(area.height)
        .saturating_sub(2)
        .saturating_sub(lines.len() + tail.len());
    let hidden = body.len().saturating_sub(room);
    if hidden == 0 {
        lines.extend(body);
    } else {
        let keep = room.saturating_sub(1);
        lines.extend(body.into_iter().take(keep));
        lines.push(Line::styled(
            format!("   … {} more lines of the body", hidden + 1),
            theme.muted,
        ));
    }
    let cursor = cursor_col.map(|col| (lines.len() + 1, col));
    lines.extend(tail);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, height);
    let border = if view.production {
        theme.badge_production
    } else {
        theme.border_focused
    };
    Modal::new(border)
        .title(Span::styled(
            format!(" Confirm: {} ", sanitize::clean(&view.title)),
            theme.title,
        ))
        .hints(hint_line(&view.hints, theme))
        .render(frame, rect, Paragraph::new(lines), cursor, theme);
}

#[cfg(test)]
mod tests {
    use super::wrap_path;

    #[test]
    fn paths_break_at_slashes() {
        assert_eq!(
            wrap_path("/orgs/telco/accounts/abc", 12),
            vec!["/orgs/telco/", "accounts/abc"]
        );
        assert_eq!(
            wrap_path("/abcdefghijklmnop", 8),
            vec!["/", "abcdefgh", "ijklmnop"]
        );
    }
}
