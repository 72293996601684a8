//! The promotions timeline: a ratatui `Chart` with one line per promotion (start → end, or
//! its cancellation), the cancellations as their own marked dataset, a vertical line for
//! today, and below it the same promotions in words.

use super::Theme;
use super::sanitize;
use crate::domain::customer::{Promotion, PromotionState};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

fn x(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

use chrono::Datelike;

/// Where a promotion's line ends: its cancellation, its end, or the chart's right edge
/// for one without an end.
fn line_end(p: &Promotion, right: NaiveDate) -> NaiveDate {
    p.cancellation_date.or(p.end_date).unwrap_or(right)
}

/// The words for one promotion: `WELCOME10  2026-10-22 → 2027-09-21  active`.
pub fn promotion_text(p: &Promotion, today: NaiveDate) -> String {
    let end = p
        .end_date
        .map_or_else(|| "open-ended".to_string(), |d| d.to_string());
    let state = match p.cancellation_date {
        Some(c) => format!("✕ cancelled {c}"),
        None => p.state_on(today).label().to_string(),
    };
    format!("{:<10} {} → {end}  {state}", p.promotion_code, p.start_date)
}

pub fn render_timeline(
    frame: &mut Frame,
    area: Rect,
    promotions: &[Promotion],
    cursor: usize,
    complete: bool,
    today: NaiveDate,
    theme: &Theme,
) {
    if promotions.is_empty() {
        let text = if complete {
            "This account has no promotions."
        } else {
            "Reading the promotions…"
        };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.muted)), area);
        return;
    }
    let n = promotions.len();
    let list_rows = (n as u16 + 1).min(area.height / 3).max(2);
    let [chart_area, legend_area, list_area] = Layout::vertical([
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(list_rows),
    ])
    .areas(area);

    let left = promotions
        .iter()
        .map(|p| p.start_date)
        .chain([today])
        .min()
        .unwrap_or(today);
    let right = promotions
        .iter()
        .filter_map(|p| p.cancellation_date.or(p.end_date))
        .chain([today])
        .max()
        .unwrap_or(today);
    // A margin so lines do not sit on the axes; an open-ended one runs to the edge.
    let pad = ((right - left).num_days() / 20).max(5);
    let (left, right) = (
        left - chrono::Duration::days(pad),
        right + chrono::Duration::days(pad),
    );
    // The graph has one y value per row (0 at the bottom) and one axis label per row,
    // so each promotion's code sits on its line's row; the first promotion at the top.
    let rows = usize::from(chart_area.height.saturating_sub(2)).max(2);
    let row_of = |i: usize| {
        rows.saturating_sub(1 + (i + 1) * rows / (n + 1))
            .min(rows - 1)
    };
    let y = |i: usize| row_of(i) as f64;
    let lines: Vec<Vec<(f64, f64)>> = promotions
        .iter()
        .enumerate()
        .map(|(i, p)| vec![(x(p.start_date), y(i)), (x(line_end(p, right)), y(i))])
        .collect();
    let cancels: Vec<(f64, f64)> = promotions
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.cancellation_date.map(|c| (x(c), y(i))))
        .collect();
    let (low, high) = (0.0, (rows - 1) as f64);
    let today_line = vec![(x(today), low), (x(today), high)];
    let mut datasets: Vec<Dataset> = lines
        .iter()
        .enumerate()
        .map(|(i, points)| {
            let p = &promotions[i];
            let style = if i == cursor {
                theme.selection
            } else if p.cancellation_date.is_some() {
                theme.warning
            } else if p.state_on(today) == PromotionState::Active {
                theme.success
            } else {
                theme.info
            };
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(style)
                .data(points)
        })
        .collect();
    datasets.push(
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.key)
            .data(&today_line),
    );
    if !cancels.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(Marker::Block)
                .graph_type(GraphType::Scatter)
                .style(theme.error)
                .data(&cancels),
        );
    }
    let mut labels = vec![String::new(); rows];
    for (i, p) in promotions.iter().enumerate() {
        let label = &mut labels[row_of(i)];
        // Rows shared when there are more promotions than rows: the list below names all.
        if label.is_empty() {
            *label = sanitize::fit(&p.promotion_code, 10);
        }
    }
    let y_labels: Vec<Line> = labels.into_iter().map(Line::from).collect();
    let mid = left + (right - left) / 2;
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([x(left), x(right)])
                .labels([left.to_string(), mid.to_string(), right.to_string()])
                .style(theme.muted),
        )
        .y_axis(
            Axis::default()
                .bounds([low, high])
                .labels(y_labels)
                .style(theme.muted),
        )
        .legend_position(None);
    frame.render_widget(chart, chart_area);
    // The legend in words, below the chart, where it covers no line.
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("⣀⣀ promotion, start → end   ", theme.muted),
            Span::styled("█", theme.error),
            Span::styled(" cancelled   ", theme.muted),
            Span::styled("•", theme.key),
            Span::styled(format!(" today {today}"), theme.muted),
        ])),
        legend_area,
    );

    let width = usize::from(list_area.width);
    let room = usize::from(list_area.height).max(1);
    let first = cursor.saturating_sub(room.saturating_sub(1));
    let text: Vec<Line> = promotions
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
        .map(|(i, p)| {
            let (mark, style) = if i == cursor {
                ("▸ ", theme.selection)
            } else if p.cancellation_date.is_some() {
                ("  ", theme.warning)
            } else {
                ("  ", theme.text)
            };
            Line::from(vec![
                Span::styled(mark, theme.key),
                Span::styled(
                    sanitize::fit(&promotion_text(p, today), width.saturating_sub(2)),
                    style,
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(text), list_area);
}
