//! The chart views at 80x24 and 120x40: their text with `NO_COLOR`, and a map of their
//! styles with `NO_COLOR` and in 16 colours (a letter per distinct style, with the legend),
//! so what colour or its absence changes is in the snapshots too.

use super::common::{session, state_with};
use super::fixtures::day;
use guichet::app::chart::{ChartData, ChartKey, ChartView, MONTHS, TransfersByMonth, WalletSpread};
use guichet::app::nav::View;
use guichet::app::state::{Environment, State, Tab};
use guichet::app::{Key, Msg, update};
use guichet::domain::Cents;
use guichet::domain::cashless::{Wallet, WalletMode, WalletStatus};
use guichet::domain::customer::{Discount, DiscountType, Promotion};
use guichet::domain::money::Currency;
use guichet::ui::{self, ColorDepth, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier, Style};
use std::collections::BTreeMap;

fn base(width: u16, height: u16, tab: char) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), width, height);
    update(&mut s, Msg::Key(Key::char(tab)));
    s
}

fn push(s: &mut State, mut chart: ChartView, complete: bool) -> &mut State {
    chart.complete = complete;
    if complete {
        chart.paging.pages = Some(chart.paging.done.len() as u32);
    }
    s.nav_mut().views.push(View::Chart(Box::new(chart)));
    s
}

fn months(today: chrono::NaiveDate) -> TransfersByMonth {
    let mut t = TransfersByMonth::new(today);
    for (i, m) in t.months.iter_mut().enumerate() {
        m.count = 3 + (i as u64 * 7) % 23;
        m.amount = Cents(m.count as i64 * (4_250 + 1_000 * i as i64));
    }
    // A month of refunds only: below zero, drawn as 0 and said on the cursor's line.
    t.months[4].count = 1;
    t.months[4].amount = Cents(-12_000);
    t.read = t.total_count();
    t
}

fn transfers_chart(width: u16, height: u16) -> State {
    let mut s = base(width, height, '4');
    let mut c = ChartView::new(
        s.view_id(),
        ChartKey::UserTransfers("C-000001".into()),
        s.today,
    );
    c.data = ChartData::Transfers(months(s.today));
    c.paging.done = (0..3).collect();
    c.cursor = MONTHS - 2;
    push(&mut s, c, true);
    s
}

fn wallet(i: u64) -> Wallet {
    let est = ["e1a0", "b7c2", "c3d4", "d9f1"][(i % 4) as usize];
    let postpaid = i.is_multiple_of(3);
    let balance = if postpaid {
        -((i as i64 * 3_517) % 80_000)
    } else {
        (i as i64 * 2_713) % 50_000
    };
    Wallet {
        id: format!("w{i}"),
        stay_id: format!("s{i}"),
        establishment_id: format!("{est}0000-0000-4000-8000-000000000001"),
        mode: if postpaid {
            WalletMode::Postpaid
        } else {
            WalletMode::Prepaid
        },
        currency: Currency::EUR,
        balance: Cents(balance),
        credit_limit: None,
        medium_ref: None,
        status: WalletStatus::Open,
        opened_at: super::fixtures::at(2026, 11, 1),
    }
}

fn wallets_chart(width: u16, height: u16) -> State {
    let mut s = base(width, height, '3');
    let mut c = ChartView::new(s.view_id(), ChartKey::Wallets, s.today);
    let mut w = WalletSpread::default();
    w.add(&(0..430).map(wallet).collect::<Vec<_>>());
    c.data = ChartData::Wallets(w);
    c.paging.done = (0..3).collect();
    c.cursor = 1;
    push(&mut s, c, true);
    s
}

fn promotion(
    code: &str,
    start: (i32, u32, u32),
    end: Option<(i32, u32, u32)>,
    cancel: Option<(i32, u32, u32)>,
) -> Promotion {
    let d = |(y, m, dd)| day(y, m, dd);
    Promotion {
        id: format!("p-{code}"),
        promotion_code: code.into(),
        name: code.into(),
        discount: Discount {
            kind: DiscountType::Percentage,
            value: 10,
        },
        start_date: d(start),
        end_date: end.map(d),
        cancellation_date: cancel.map(d),
    }
}

fn promotions_chart(width: u16, height: u16) -> State {
    let mut s = base(width, height, '2');
    let mut c = ChartView::new(
        s.view_id(),
        ChartKey::Promotions("8f0e0000-1c2d-4e5f-8a9b-0c1d2e3f4a5b".into()),
        s.today,
    );
    c.data = ChartData::Promotions(vec![
        promotion("WELCOME10", (2026, 10, 22), Some((2027, 9, 21)), None),
        promotion("FIBER5", (2026, 12, 11), Some((2027, 6, 9)), None),
        promotion(
            "SUMMER20",
            (2026, 8, 13),
            Some((2027, 8, 13)),
            Some((2026, 11, 11)),
        ),
        promotion("LOYALTY15", (2025, 10, 17), Some((2026, 10, 17)), None),
        promotion("MOBILE3", (2026, 2, 1), None, None),
    ]);
    c.paging.done = [0].into();
    c.cursor = 2;
    push(&mut s, c, true);
    s
}

fn theme(depth: ColorDepth) -> Theme {
    Theme::builtin("dark", depth).expect("built-in theme")
}

fn draw_with(state: &State, depth: ColorDepth) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(state.width, state.height)).expect("test terminal");
    let theme = theme(depth);
    terminal
        .draw(|f| ui::render(f, state, &theme))
        .expect("draw");
    terminal
}

fn describe(style: Style) -> String {
    let color = |c: Option<Color>| c.map_or("-".to_string(), |c| format!("{c:?}"));
    format!(
        "fg {} bg {} {:?}",
        color(style.fg),
        color(style.bg),
        style.add_modifier - style.sub_modifier
    )
}

/// The screen's styles: a letter per distinct style, row by row, then what each letter is.
fn style_map(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut letters: BTreeMap<String, char> = BTreeMap::new();
    let alphabet: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let d = describe(buffer[(x, y)].style());
            let n = letters.len();
            let letter = *letters
                .entry(d)
                .or_insert_with(|| alphabet[n % alphabet.len()]);
            out.push(letter);
        }
        out.push('\n');
    }
    let mut legend: Vec<(char, String)> = letters.into_iter().map(|(d, l)| (l, d)).collect();
    legend.sort();
    for (l, d) in legend {
        out.push_str(&format!("{l}: {d}\n"));
    }
    out
}

/// No colour at all with `NO_COLOR`; only the 16 named colours in 16 colours.
fn check_colours(terminal: &Terminal<TestBackend>, depth: ColorDepth) {
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        for c in [cell.fg, cell.bg] {
            match depth {
                ColorDepth::None => assert_eq!(c, Color::Reset, "a colour with NO_COLOR"),
                _ => assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{c:?} in 16 colours"
                ),
            }
        }
    }
}

/// The cursor's bar is reversed without colour, so it stands out by itself.
fn cursor_reversed(terminal: &Terminal<TestBackend>) -> bool {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .any(|c| c.symbol() == "█" && c.modifier.contains(Modifier::REVERSED))
}

macro_rules! chart_snapshots {
    ($name:ident, $make:ident) => {
        mod $name {
            use super::*;

            #[test]
            fn text_80x24() {
                let t = draw_with(&$make(80, 24), ColorDepth::None);
                insta::assert_snapshot!(t.backend());
            }

            #[test]
            fn text_120x40() {
                let t = draw_with(&$make(120, 40), ColorDepth::None);
                insta::assert_snapshot!(t.backend());
            }

            #[test]
            fn styles_no_color_80x24() {
                let t = draw_with(&$make(80, 24), ColorDepth::None);
                check_colours(&t, ColorDepth::None);
                insta::assert_snapshot!(style_map(&t));
            }

            #[test]
            fn styles_16_colours_80x24() {
                let t = draw_with(&$make(80, 24), ColorDepth::Ansi16);
                check_colours(&t, ColorDepth::Ansi16);
                insta::assert_snapshot!(style_map(&t));
            }

            #[test]
            fn styles_16_colours_120x40() {
                let t = draw_with(&$make(120, 40), ColorDepth::Ansi16);
                check_colours(&t, ColorDepth::Ansi16);
                insta::assert_snapshot!(style_map(&t));
            }

            #[test]
            fn text_is_the_same_in_16_colours() {
                for (w, h) in [(80, 24), (120, 40)] {
                    let plain = draw_with(&$make(w, h), ColorDepth::None);
                    let ansi = draw_with(&$make(w, h), ColorDepth::Ansi16);
                    assert_eq!(
                        super::super::common::text_of(&plain),
                        super::super::common::text_of(&ansi)
                    );
                }
            }
        }
    };
}

chart_snapshots!(transfers, transfers_chart);
chart_snapshots!(wallets, wallets_chart);
chart_snapshots!(promotions, promotions_chart);

#[test]
fn the_months_cursor_is_reversed_without_colour() {
    let t = draw_with(&transfers_chart(80, 24), ColorDepth::None);
    assert!(cursor_reversed(&t));
    let text = super::common::text_of(&t);
    assert!(text.contains("▸ Oct 2026:"), "{text}");
    assert!(text.contains("24 months:"), "{text}");
}

#[test]
fn a_chart_loading_shows_its_progress_and_what_has_arrived() {
    let mut s = base(80, 24, '4');
    let mut c = ChartView::new(
        s.view_id(),
        ChartKey::UserTransfers("C-000001".into()),
        s.today,
    );
    let mut t = months(s.today);
    for m in &mut t.months[..12] {
        m.count = 0;
        m.amount = Cents(0);
    }
    t.read = 400;
    c.data = ChartData::Transfers(t);
    c.paging.done = (0..2).collect();
    c.paging.asking = [(2, 90), (3, 91), (4, 92)].into();
    push(&mut s, c, false);
    let t = draw_with(&s, ColorDepth::None);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn a_failed_chart_says_why_and_that_r_retries() {
    let mut s = base(80, 24, '3');
    let mut c = ChartView::new(s.view_id(), ChartKey::Wallets, s.today);
    c.error = Some(guichet::domain::ApiError::new(
        guichet::domain::Provider::Pxlhub,
        guichet::domain::ErrorKind::ServerError,
        "internal error",
    ));
    push(&mut s, c, false);
    let text = super::common::text_of(&draw_with(&s, ColorDepth::None));
    assert!(text.contains("internal error"), "{text}");
    assert!(text.contains(" r "), "{text}");
    assert_eq!(s.tab, Tab::WALLETS);
}
