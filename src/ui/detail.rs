//! A detail view: the resource's fields grouped and labelled for a person (IBAN masked
//! unless revealed), or its raw JSON; sub-requests and errors shown in place.

use super::Theme;
use super::pane::error_lines;
use super::sanitize;
use crate::app::case_lines::{Tone, case_lines, cursor_line};
use crate::app::detail::{self, Detail};
use crate::app::fields::{self, Sensitivity};
use crate::app::keymap::{Action, Scope};
use crate::app::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const LABEL: usize = 18;

/// The lines of a detail's human view, each with what it selects: the index `j`/`k` moves
/// over (an account's promotion, a case's line that opens something, a stay's wallet,
/// which `enter` opens), or `None`.
pub struct Picked {
    pub lines: Vec<Line<'static>>,
    pub picks: Vec<Option<usize>>,
}

impl Picked {
    fn new() -> Picked {
        Picked {
            lines: Vec::new(),
            picks: Vec::new(),
        }
    }

    fn push(&mut self, line: Line<'static>, pick: Option<usize>) {
        self.lines.push(line);
        self.picks.push(pick);
    }

    fn error(&mut self, d: &Detail, state: &State, theme: &Theme) {
        if let Some(e) = &d.error {
            let retry = state.keymap.hint(Scope::Detail, Action::Refresh);
            for line in error_lines(e, &retry, theme) {
                self.push(line, None);
            }
            self.push(Line::raw(""), None);
        }
    }
}

/// The lines of the human view.
pub fn detail_lines(d: &Detail, state: &State, width: usize, theme: &Theme) -> Picked {
    let mut lines = Picked::new();
    lines.error(d, state, theme);
    let value_width = width.saturating_sub(LABEL + 2).max(8);
    let promotions = d.section == detail::Section::Promotions;
    let changed = state.watch.changed(d.id);
    for (gi, group) in fields::groups(d, state.today, state.time)
        .iter()
        .enumerate()
    {
        // The promotion `c` would cancel is highlighted, its text unchanged.
        let cursor =
            (promotions && group.title.starts_with("Promotions (")).then_some(d.promotion_cursor);
        // What a click on one of the group's lines selects: a promotion, or the stay's
        // wallet as a whole (the one thing `enter` opens there).
        let pick = |fi: usize| match (&d.subject, group.title.as_str()) {
            _ if cursor.is_some() => {
                matches!(&d.promotions, detail::Load::Ready(l) if fi < l.len()).then_some(fi)
            }
            (detail::Subject::Stay(_), "Wallet") => {
                matches!(d.stay_wallet, detail::Load::Ready(Some(_))).then_some(0)
            }
            _ => None,
        };
        if gi > 0 {
            lines.push(Line::raw(""), None);
        }
        lines.push(
            Line::styled(sanitize::fit(&group.title, width), theme.title),
            None,
        );
        for (fi, field) in group.fields.iter().enumerate() {
            let style = match field.sensitivity {
                Sensitivity::Plain => theme.text,
                Sensitivity::Masked => theme.muted,
                Sensitivity::Revealed => theme.warning,
            };
            let label = sanitize::fit(&field.label, LABEL - 1);
            let selected = cursor == Some(fi);
            let fresh = changed.is_some_and(|c| {
                c.contains_key(&crate::app::watched::field_key(&group.title, &field.label))
            });
            let (label_style, style) = if selected {
                (theme.selection, theme.selection)
            } else if fresh {
                (theme.success, theme.success)
            } else {
                (theme.muted, style)
            };
            // Watch mode's mark for a field that changed: a glyph, not colour alone.
            let lead = if fresh {
                format!("{} ", super::table::CHANGED)
            } else {
                "  ".to_string()
            };
            lines.push(
                Line::from(vec![
                    Span::styled(format!("{lead}{label:<w$}", w = LABEL), label_style),
                    Span::styled(sanitize::fit(&field.value, value_width), style),
                ]),
                pick(fi),
            );
        }
    }
    lines
}

/// The lines of a customer's case: each section with its spinner or its error, the line
/// under the cursor highlighted.
pub fn case_view_lines(d: &Detail, state: &State, width: usize, theme: &Theme) -> Picked {
    let mut lines = Picked::new();
    lines.error(d, state, theme);
    let retry = state.keymap.hint(Scope::Detail, Action::Refresh);
    let case = case_lines(d, state.today, state.time, &retry);
    let selected = cursor_line(&case, d.case.cursor);
    let changed = state.watch.changed(d.id);
    let spinner = super::shell::SPINNER[state.spinner % super::shell::SPINNER.len()];
    let value_width = width.saturating_sub(LABEL + 2).max(8);
    let mut selectable = 0;
    for (i, l) in case.iter().enumerate() {
        if l.tone == Tone::Title {
            lines.push(
                Line::styled(sanitize::fit(&l.value, width), theme.title),
                None,
            );
            continue;
        }
        // The cursor's index of a line that opens something.
        let pick = l.opens.is_some().then(|| {
            selectable += 1;
            selectable - 1
        });
        let style = match l.tone {
            Tone::Muted => theme.muted,
            Tone::Loading => theme.info,
            Tone::Warning => theme.warning,
            Tone::Error => theme.error,
            _ => theme.text,
        };
        let value = if l.tone == Tone::Loading {
            format!("{spinner} {}", l.value)
        } else if l.label == crate::app::case_lines::SPARKLINE {
            super::chart::case_sparkline(d, state)
        } else {
            l.value.clone()
        };
        let fresh = !l.key.is_empty() && changed.is_some_and(|c| c.contains_key(&l.key));
        let (label_style, style) = if selected == Some(i) {
            (theme.selection, theme.selection)
        } else if fresh {
            (theme.success, theme.success)
        } else {
            (theme.muted, style)
        };
        let label = sanitize::fit(&l.label, LABEL - 1);
        // Watch mode's mark for a line that changed: a glyph, not colour alone.
        let lead = if fresh {
            format!("{} ", super::table::CHANGED)
        } else {
            "  ".to_string()
        };
        lines.push(
            Line::from(vec![
                Span::styled(format!("{lead}{label:<w$}", w = LABEL), label_style),
                Span::styled(sanitize::fit(&value, value_width), style),
            ]),
            pick,
        );
    }
    lines
}

/// A detail view laid out in its area: its lines, what each selects, and the first shown.
pub struct DetailLayout {
    pub lines: Vec<Line<'static>>,
    pub picks: Vec<Option<usize>>,
    pub first: u16,
}

impl DetailLayout {
    /// What the line at screen row `row` of `area` selects, if it shows one.
    pub fn pick_at(&self, area: Rect, row: u16) -> Option<usize> {
        let offset = row.checked_sub(area.y).filter(|&r| r < area.height)?;
        let index = usize::from(self.first) + usize::from(offset);
        self.picks.get(index).copied().flatten()
    }
}

/// How the detail `d` is drawn in `area`: what the render draws and a click hits.
pub fn detail_layout(d: &Detail, state: &State, area: Rect, theme: &Theme) -> DetailLayout {
    let width = usize::from(area.width);
    let Picked { lines, picks } = if !d.raw && matches!(d.subject, detail::Subject::Customer(_)) {
        case_view_lines(d, state, width, theme)
    } else if d.raw {
        let lines: Vec<Line<'static>> = match &d.raw_body {
            detail::Load::Ready(raw) => super::json::raw_lines(raw, theme),
            detail::Load::Failed(e) => vec![
                Line::styled(sanitize::fit(&e.to_string(), width), theme.error),
                Line::styled("r reads it again", theme.muted),
            ],
            detail::Load::Idle | detail::Load::Loading(_) => {
                vec![Line::styled("reading the provider's answer…", theme.muted)]
            }
        };
        let lines: Vec<Line<'static>> = lines.into_iter().map(|l| fit_line(l, width)).collect();
        let picks = vec![None; lines.len()];
        Picked { lines, picks }
    } else {
        detail_lines(d, state, width, theme)
    };
    let max = (lines.len() as u16).saturating_sub(area.height);
    DetailLayout {
        first: d.scroll.min(max),
        lines,
        picks,
    }
}

pub fn render_detail(frame: &mut Frame, area: Rect, d: &Detail, state: &State, theme: &Theme) {
    let DetailLayout { lines, first, .. } = detail_layout(d, state, area, theme);
    frame.render_widget(Paragraph::new(lines).scroll((first, 0)), area);
}

/// Cuts a line to the width so long JSON strings never wrap.
fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = sanitize::width(&span.content);
        if used + w <= width {
            used += w;
            spans.push(span);
        } else {
            let room = width.saturating_sub(used);
            if room > 0 {
                spans.push(Span::styled(sanitize::fit(&span.content, room), span.style));
            }
            break;
        }
    }
    Line::from(spans)
}
