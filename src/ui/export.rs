//! The export dialog (what, format, masking, file name; the confirmation of an export in
//! clear, with its reason when the profile asks one) and the export line under the body: a progress bar with rows done of the total
//! (pages without one), rate and time left, or what the last export came to.

use super::Theme;
use super::form::{centered, hint_line};
use super::modal::Modal;
use super::sanitize;
use crate::app::export::Format;
use crate::app::export_io::PARTIAL;
use crate::app::export_job::{DialogRow, ExportDialog, ExportSlot, Phase};
use crate::app::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Whether the export line is drawn (a job under way, or what the last one came to).
pub fn has_line(slot: &ExportSlot) -> bool {
    slot.job.is_some() || slot.last.is_some()
}

/// The export line: `export customers → customers-….csv ▕████░░░░▏ 12,400 / 100,000 rows ·
/// 3,500 rows/s · 26 s left · esc cancels`.
pub fn render_line(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let width = usize::from(area.width);
    let line = match (&state.export.job, &state.export.last) {
        (Some(job), _) => {
            let head = format!(
                " export {} → {} ",
                job.resource.name(),
                sanitize::clean(&job.path)
            );
            let mut tail = format!(" {}", job.progress_text());
            match &job.phase {
                Phase::Running if crate::app::export_flow::esc_cancels(state) => {
                    tail.push_str(" · esc cancels");
                }
                Phase::Running => {}
                Phase::Finishing => tail.push_str(" · completing the file"),
                Phase::Stopping(_) => tail.push_str(" · stopping"),
            }
            // Narrow: the numbers matter more than the file's name.
            let head = if sanitize::width(&head) + sanitize::width(&tail) > width {
                " export ".to_string()
            } else {
                head
            };
            let bar_w = width
                .saturating_sub(sanitize::width(&head) + sanitize::width(&tail) + 2)
                .clamp(0, 30);
            let mut spans = vec![Span::styled(sanitize::fit(&head, width), theme.info)];
            if bar_w >= 5 {
                spans.push(Span::styled(bar(job.ratio(), bar_w), theme.key));
            }
            spans.push(Span::styled(tail, theme.muted));
            Line::from(spans)
        }
        (None, Some(last)) => {
            let style = if last.ok { theme.success } else { theme.error };
            Line::from(vec![
                Span::styled(
                    format!(" {}", sanitize::fit(&last.text, width.saturating_sub(12))),
                    style,
                ),
                Span::styled(" · esc clears", theme.muted),
            ])
        }
        (None, None) => return,
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// `▕██████░░░░▏`, or a bar of `·` when the total is not known.
fn bar(ratio: Option<f64>, width: usize) -> String {
    let inner = width.saturating_sub(2);
    let filled = match ratio {
        Some(r) => ((r * inner as f64).round() as usize).min(inner),
        None => return format!("▕{}▏", "·".repeat(inner)),
    };
    format!("▕{}{}▏", "█".repeat(filled), "░".repeat(inner - filled))
}

fn format_label(f: Format) -> &'static str {
    match f {
        Format::Csv => "CSV (RFC 4180, a header row)",
        Format::Json => "JSON (one array)",
        Format::Ndjson => "NDJSON (one object a line)",
    }
}

/// The dialog, centred over the body.
pub fn render_dialog(frame: &mut Frame, area: Rect, d: &ExportDialog, theme: &Theme) {
    let width = area.width.min(72);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines = vec![Line::raw("")];
    let mut cursor = None;
    let row = |r: DialogRow, label: &str, value: String, lines: &mut Vec<Line<'static>>| {
        let focused = d.focus == r && !d.confirming;
        let marker = if focused { "›" } else { " " };
        let style = if focused { theme.selection } else { theme.text };
        let arrows = if focused && r != DialogRow::Name {
            "  ←/→"
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {marker} {label:<9}"), theme.muted),
            Span::styled(sanitize::fit(&value, inner.saturating_sub(18)), style),
            Span::styled(arrows.to_string(), theme.muted),
        ]));
    };
    row(DialogRow::Scope, "rows", d.scope_label(d.scope), &mut lines);
    row(
        DialogRow::Format,
        "format",
        format_label(d.format).into(),
        &mut lines,
    );
    let masking = if !d.has_masked() {
        "nothing masked in this list".to_string()
    } else if d.clear {
        "IBANs and card numbers IN CLEAR (confirmed, journaled)".to_string()
    } else {
        "IBANs and card numbers masked".to_string()
    };
    row(DialogRow::Masking, "masking", masking, &mut lines);
    let name = d.name.value().to_string();
    if d.focus == DialogRow::Name && !d.confirming {
        let room = inner.saturating_sub(14);
        let scroll = d.name.visual_scroll(room);
        cursor = Some((
            lines.len(),
            12 + d.name.visual_cursor().saturating_sub(scroll),
        ));
        let shown: String = name.chars().skip(scroll).collect();
        lines.push(Line::from(vec![
            Span::styled(" › file     ", theme.muted),
            Span::styled(sanitize::fit(&shown, room), theme.selection),
        ]));
    } else {
        row(DialogRow::Name, "file", name.clone(), &mut lines);
    }
    lines.push(Line::styled(
        format!("   in the current folder, named …{PARTIAL} until complete"),
        theme.muted,
    ));
    lines.push(Line::raw(""));
    if d.confirming {
        lines.push(Line::styled(
            " Write IBANs and card numbers in clear to this file?",
            theme.warning,
        ));
        lines.push(Line::styled(
            " The export is recorded in the audit journal.",
            theme.warning,
        ));
        if d.asks_reason {
            let room = inner.saturating_sub(11);
            let scroll = d.reason.visual_scroll(room);
            cursor = Some((
                lines.len(),
                10 + d.reason.visual_cursor().saturating_sub(scroll),
            ));
            let shown: String = d.reason.value().chars().skip(scroll).collect();
            lines.push(Line::from(vec![
                Span::styled(" › reason ", theme.muted),
                Span::styled(sanitize::fit(&shown, room), theme.selection),
            ]));
        }
    }
    if let Some(e) = &d.error {
        lines.push(Line::styled(format!(" {e}"), theme.error));
    }
    let hints: Vec<(String, String)> = if d.confirming {
        let (confirm, back) = if d.asks_reason {
            ("enter", "esc")
        } else {
            ("enter/y", "esc/n")
        };
        let confirm = if d.guard.ready {
            (confirm.into(), "export in clear".into())
        } else {
            (String::new(), "confirm keys open in a moment".into())
        };
        vec![confirm, (back.into(), "back".into())]
    } else {
        vec![
            ("↑/↓".into(), "field".into()),
            ("←/→".into(), "choose".into()),
            ("enter".into(), "export".into()),
            ("esc".into(), "cancel".into()),
        ]
    };
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, height);
    let title = format!(" Export {} ", d.resource.title());
    Modal::new(theme.border_focused)
        .title(Span::styled(title, theme.title))
        .hints(hint_line(&hints, theme))
        .render(frame, rect, Paragraph::new(lines), cursor, theme);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars() {
        assert_eq!(bar(Some(0.5), 12), "▕█████░░░░░▏");
        assert_eq!(bar(Some(1.0), 7), "▕█████▏");
        assert_eq!(bar(None, 6), "▕····▏");
    }
}
