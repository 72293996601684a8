//! The wallets chart: a table by establishment (wallets, total balance, postpaid below
//! zero) beside a horizontal histogram of the balances, each bin labelled with its range.

use super::Theme;
use super::sanitize;
use crate::app::chart::{BINS, WalletSpread};
use crate::app::format::{money, thousands};
use crate::app::subject::short_id;
use crate::domain::Cents;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

const TABLE: u16 = 51;

pub fn render_wallets(
    frame: &mut Frame,
    area: Rect,
    w: &WalletSpread,
    cursor: usize,
    theme: &Theme,
) {
    let table_width = TABLE.min(area.width);
    let [left, _, right] = Layout::horizontal([
        Constraint::Length(table_width),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(table_lines(w, cursor, left, theme)), left);
    if right.width >= 20 {
        render_histogram(frame, right, w, theme);
    }
}

fn row(name: &str, wallets: String, balance: String, negative: String) -> String {
    format!("{name:<14}{wallets:>7} {balance:>16} {negative:>11}")
}

fn table_lines(w: &WalletSpread, cursor: usize, area: Rect, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(area.width);
    let mut lines = vec![Line::styled(
        sanitize::fit(
            &row(
                "Establishment",
                "wallets".into(),
                "total balance".into(),
                "postpaid<0".into(),
            ),
            width,
        ),
        theme.table_header,
    )];
    let rows: Vec<_> = w.by_establishment.iter().collect();
    // Room for the header and the totals line; the cursor's row stays in sight.
    let room = usize::from(area.height).saturating_sub(3).max(1);
    let first = cursor.saturating_sub(room.saturating_sub(1));
    for (i, ((est, currency), t)) in rows.iter().enumerate().skip(first).take(room) {
        let name = format!("{}{}", if i == cursor { "▸" } else { " " }, short_id(est));
        let text = row(
            &name,
            thousands(t.wallets),
            format!("{} {currency}", money(Cents(t.balance))),
            thousands(t.postpaid_negative),
        );
        let style = if i == cursor {
            theme.selection
        } else if t.balance < 0 {
            theme.warning
        } else {
            theme.text
        };
        lines.push(Line::styled(sanitize::fit(&text, width), style));
    }
    if rows.is_empty() {
        lines.push(Line::styled("  no wallets read yet", theme.muted));
    }
    let all: u64 = rows.iter().map(|(_, t)| t.wallets).sum();
    let negative: u64 = rows.iter().map(|(_, t)| t.postpaid_negative).sum();
    let totals = format!(
        "{} establishments, {} wallets, {} postpaid<0",
        rows.iter()
            .map(|((e, _), _)| e)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        thousands(all),
        thousands(negative),
    );
    lines.push(Line::styled(sanitize::fit(&totals, width), theme.title));
    // The total balance, per currency (never one sum across currencies).
    let mut sums: std::collections::BTreeMap<_, i64> = Default::default();
    for ((_, currency), t) in &rows {
        *sums.entry(*currency).or_default() += t.balance;
    }
    let sums: Vec<String> = sums
        .iter()
        .map(|(c, s)| format!("{} {c}", money(Cents(*s))))
        .collect();
    if !sums.is_empty() {
        lines.push(Line::styled(
            sanitize::fit(&format!("total balance {}", sums.join(", ")), width),
            theme.title,
        ));
    }
    lines
}

fn render_histogram(frame: &mut Frame, area: Rect, w: &WalletSpread, theme: &Theme) {
    let Some(currency) = w.main_currency() else {
        frame.render_widget(
            Paragraph::new(Line::styled("Balances: nothing yet", theme.muted)),
            area,
        );
        return;
    };
    let counts = w.bins.get(&currency).copied().unwrap_or_default();
    let mut caption = format!("Balances ({currency}), wallets per range");
    let others = w.other_currencies();
    if others > 0 {
        caption.push_str(&format!(
            "; {} in other currencies not shown",
            thousands(others)
        ));
    }
    let [head, chart] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            sanitize::fit(&caption, usize::from(head.width)),
            theme.table_header,
        )),
        head,
    );
    let gap = u16::from(chart.height >= (BINS.len() * 2) as u16);
    let bars: Vec<Bar> = BINS
        .iter()
        .zip(counts)
        .map(|((upper, label), n)| {
            // Below zero is what postpaid wallets owe: marked by its style and its label.
            let style = if *upper <= 0 {
                theme.warning
            } else {
                theme.info
            };
            Bar::default()
                .value(n)
                .text_value(thousands(n))
                .label(Line::from(format!("{label:>9}")))
                .style(style)
                .value_style(style.add_modifier(ratatui::style::Modifier::REVERSED))
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .direction(Direction::Horizontal)
            .data(BarGroup::default().bars(&bars))
            .bar_width(1)
            .bar_gap(gap)
            .label_style(theme.muted),
        chart,
    );
}
