//! A chart view: its heading and progress line, then the chart itself — a user's
//! transfers by month (two `BarChart`s: counts and amounts, the month under the cursor
//! spelled out), the wallets by establishment (`chart_wallets`) or an account's promotions
//! (`chart_timeline`). Every meaning is in text too (labels, legends, a cursor mark), so
//! the charts read the same in 16 colours and with `NO_COLOR`.

use super::Theme;
use super::pane::error_lines;
use super::sanitize;
use crate::app::chart::{ChartData, ChartKey, ChartView, MonthTotal, TransfersByMonth};
use crate::app::format::{money, thousands};
use crate::app::keymap::{Action, Scope};
use crate::app::state::State;
use crate::domain::Cents;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Sparkline};

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Mar 2026`.
pub fn month_label(m: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", MONTH_NAMES[m.month0() as usize], m.year())
}

/// Draws the chart view into the body.
pub fn render_chart(
    frame: &mut Frame,
    area: Rect,
    chart: &ChartView,
    state: &State,
    theme: &Theme,
) {
    let width = usize::from(area.width);
    let mut head = vec![Line::styled(
        sanitize::fit(&heading(chart), width),
        theme.title,
    )];
    match &chart.error {
        Some(e) => {
            let retry = state.keymap.hint(Scope::Detail, Action::Refresh);
            head.extend(error_lines(e, &retry, theme).into_iter().take(2));
        }
        None => {
            let style = if chart.complete {
                theme.success
            } else {
                theme.info
            };
            head.push(Line::styled(sanitize::fit(&chart.progress(), width), style));
        }
    }
    let head_rows = (head.len() as u16).min(area.height);
    let [top, body] =
        Layout::vertical([Constraint::Length(head_rows), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(head), top);
    if body.height == 0 {
        return;
    }
    match &chart.data {
        ChartData::Transfers(t) => render_months(frame, body, t, chart.cursor, theme),
        ChartData::Wallets(w) => {
            super::chart_wallets::render_wallets(frame, body, w, chart.cursor, theme)
        }
        ChartData::Promotions(p) => super::chart_timeline::render_timeline(
            frame,
            body,
            p,
            chart.cursor,
            chart.complete,
            state.today,
            theme,
        ),
    }
}

fn heading(chart: &ChartView) -> String {
    match (&chart.key, &chart.data) {
        (ChartKey::UserTransfers(user), ChartData::Transfers(t)) => {
            let (first, last) = match (t.months.first(), t.months.last()) {
                (Some(a), Some(b)) => (month_label(a.month), month_label(b.month)),
                _ => (String::new(), String::new()),
            };
            format!(
                "Transfers of {user} by month, {first} – {last} (amounts in {})",
                t.currency
            )
        }
        (ChartKey::Wallets, _) => {
            "Wallets by establishment: count, total balance, postpaid below zero".into()
        }
        (ChartKey::Promotions(account), _) => format!(
            "Promotions of account {}: start → end, cancellations marked",
            crate::app::subject::short_id(account)
        ),
        _ => chart.title(),
    }
}

/// Whole units, short: `950`, `1.2k`, `12k`, `3.4M` (a bar's value label; the exact
/// amount is on the cursor's line).
pub fn compact(c: Cents) -> String {
    let units = c.0 / 100;
    let sign = if units < 0 { "-" } else { "" };
    let u = units.unsigned_abs();
    match u {
        0..=999 => format!("{sign}{u}"),
        1_000..=9_999 => format!("{sign}{}.{}k", u / 1_000, (u % 1_000) / 100),
        10_000..=999_999 => format!("{sign}{}k", u / 1_000),
        1_000_000..=9_999_999 => format!("{sign}{}.{}M", u / 1_000_000, (u % 1_000_000) / 100_000),
        _ => format!("{sign}{}M", u / 1_000_000),
    }
}

/// The month's label under its bar: `Mar` when bars are three wide, else `03`; January
/// carries the year's last two digits where there is room.
fn bar_label(m: &MonthTotal, bar_width: u16) -> String {
    use chrono::Datelike;
    if bar_width >= 3 {
        MONTH_NAMES[m.month.month0() as usize].to_string()
    } else {
        format!("{:02}", m.month.month())
    }
}

/// One bar a month in `style`, `value` giving each its height and the text drawn on it; the
/// cursor's month has its bar and its label reversed (the selection's style).
fn month_bars(
    t: &TransfersByMonth,
    cursor: usize,
    bar_width: u16,
    style: Style,
    theme: &Theme,
    value: impl Fn(&MonthTotal) -> (u64, String),
) -> Vec<Bar<'static>> {
    t.months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (style, label_style) = if i == cursor {
                (theme.selection, theme.selection)
            } else {
                (style, theme.muted)
            };
            let (height, text) = value(m);
            Bar::default()
                .value(height)
                .text_value(text)
                .label(Line::styled(bar_label(m, bar_width), label_style))
                .style(style)
                .value_style(style.add_modifier(ratatui::style::Modifier::REVERSED))
        })
        .collect()
}

fn render_months(
    frame: &mut Frame,
    area: Rect,
    t: &TransfersByMonth,
    cursor: usize,
    theme: &Theme,
) {
    let n = t.months.len().max(1) as u16;
    // Three columns a bar with a gap where they fit, else two.
    let (bar_width, gap) = if area.width >= n * 4 { (3, 1) } else { (2, 1) };
    let [
        count_caption,
        counts,
        amount_caption,
        amounts,
        cursor_line,
        totals,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            "Transfers per month (count) — █ bars",
            theme.table_header,
        )),
        count_caption,
    );
    let count_bars = month_bars(t, cursor, bar_width, theme.info, theme, |m| {
        (m.count, m.count.to_string())
    });
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&count_bars))
            .bar_width(bar_width)
            .bar_gap(gap)
            .label_style(theme.muted),
        counts,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "Amount per month ({}, whole units; below zero drawn as 0) — ▒ bars",
                t.currency
            ),
            theme.table_header,
        )),
        amount_caption,
    );
    let amount_bars = month_bars(t, cursor, bar_width, theme.success, theme, |m| {
        (
            u64::try_from(m.amount.0.max(0) / 100).unwrap_or(0),
            compact(m.amount),
        )
    });
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&amount_bars))
            .bar_width(bar_width)
            .bar_gap(gap)
            .bar_set(SHADED)
            .label_style(theme.muted),
        amounts,
    );
    if let Some(m) = t.months.get(cursor) {
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("▸ ", theme.key),
                Span::styled(
                    format!(
                        "{}: {} transfers, {} {}",
                        month_label(m.month),
                        thousands(m.count),
                        money(m.amount),
                        t.currency
                    ),
                    theme.text,
                ),
            ])),
            cursor_line,
        );
    }
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "{} months: {} transfers, {} {}",
                t.months.len(),
                thousands(t.total_count()),
                money(t.total_amount()),
                t.currency
            ),
            theme.title,
        )),
        totals,
    );
}

/// The amount bars' pattern: shaded, so they differ from the counts' without colour.
const SHADED: ratatui::symbols::bar::Set = ratatui::symbols::bar::Set {
    full: "▒",
    seven_eighths: "▒",
    three_quarters: "▒",
    five_eighths: "▒",
    half: "░",
    three_eighths: "░",
    one_quarter: "░",
    one_eighth: " ",
    empty: " ",
};

/// Counts as one row of ratatui's `Sparkline`, read back as text so it sits in a line.
pub fn sparkline_text(counts: &[u64]) -> String {
    let width = u16::try_from(counts.len()).unwrap_or(u16::MAX);
    let area = Rect::new(0, 0, width, 1);
    let mut buffer = ratatui::buffer::Buffer::empty(area);
    ratatui::widgets::Widget::render(Sparkline::default().data(counts), area, &mut buffer);
    (0..width)
        .map(|x| match buffer[(x, 0)].symbol() {
            // A month with none is a low dot, not a gap.
            " " => "·",
            s => s,
        })
        .collect()
}

/// The case view's transfers by month: the 24 months of the user's chart when it is in the
/// cache, else the 12 months the case has read; the scale said in words.
pub fn case_sparkline(d: &crate::app::detail::Detail, state: &State) -> String {
    let crate::app::detail::Subject::Customer(c) = &d.subject else {
        return String::new();
    };
    let key = ChartKey::UserTransfers(c.external_id.clone());
    let (counts, from_chart) = match state.charts.get(&key) {
        Some(ChartData::Transfers(t)) => (t.counts(), true),
        _ => {
            let Some(read) = d.case.transfers.ready() else {
                return String::new();
            };
            let mut t = TransfersByMonth::new(state.today);
            t.add(&read.items);
            let counts = t.counts();
            (counts[counts.len().saturating_sub(12)..].to_vec(), false)
        }
    };
    let max = counts.iter().copied().max().unwrap_or(0);
    let more = if from_chart {
        String::new()
    } else {
        let key = state.keymap.hint(Scope::Detail, Action::Chart);
        format!("; {key}: 24 months")
    };
    format!(
        "{} {} months, max {}/month{more}",
        sparkline_text(&counts),
        counts.len(),
        thousands(max)
    )
}

/// The footer hints of a chart view.
pub fn hints(chart: &ChartView, state: &State) -> Vec<(String, String)> {
    let km = &state.keymap;
    let mut out = Vec::new();
    let mut push = |action: Action, label: &str| {
        if let Some(key) = km.keys(Scope::Detail, action).first() {
            out.push((key.to_string(), label.to_string()));
        }
    };
    push(Action::Help, "help");
    push(Action::Back, "back");
    push(Action::Refresh, "reload");
    let what = match chart.key {
        ChartKey::UserTransfers(_) => Some("month"),
        ChartKey::Wallets => Some("establishment"),
        ChartKey::Promotions(_) => Some("promotion"),
    };
    if let Some(what) = what {
        let up = km
            .keys(Scope::Detail, Action::SelectUp)
            .first()
            .map(ToString::to_string);
        let down = km
            .keys(Scope::Detail, Action::SelectDown)
            .first()
            .map(ToString::to_string);
        if let (Some(up), Some(down)) = (up, down) {
            out.push((format!("{up}/{down}"), what.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_amounts() {
        assert_eq!(compact(Cents(95_000)), "950");
        assert_eq!(compact(Cents(123_456)), "1.2k");
        assert_eq!(compact(Cents(1_234_567)), "12k");
        assert_eq!(compact(Cents(-350_000_000)), "-3.5M");
        assert_eq!(compact(Cents(0)), "0");
    }

    #[test]
    fn a_sparkline_is_one_glyph_a_month_with_dots_for_none() {
        let text = sparkline_text(&[0, 4, 8, 2]);
        assert_eq!(text.chars().count(), 4);
        assert!(text.starts_with('·'));
        assert_eq!(text.chars().nth(2), Some('█'));
        assert_eq!(sparkline_text(&[]), "");
    }
}
