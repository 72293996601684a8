//! Hit testing against the drawn screen at 80x24 and 120x40: what `ui::hit::hit` finds
//! under a cell is what the render put there (tabs, breadcrumbs, table rows, the help).

use super::common::{draw, loaded, session, state_with, text_of};
use super::fixtures::customer;
use guichet::app::detail::{Detail, Subject};
use guichet::app::nav::View;
use guichet::app::pointer::{Anchor, Hit, Window};
use guichet::app::resources::{Customers, rows};
use guichet::app::state::{Environment, Overlay, State};
use guichet::ui::hit::hit;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Each cell's symbol, row by row.
fn cells(state: &State) -> Vec<Vec<String>> {
    let terminal = draw(state);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// Customer `i` of 40, each with an external id of its own.
fn nth(i: usize) -> guichet::domain::customer::Customer {
    let mut c = customer(i % 28);
    c.external_id = format!("C-{:06}", 123 + i);
    c
}

/// 40 customers, the 31st selected, so the table is scrolled.
fn listed(w: u16, h: u16) -> State {
    let mut s = state_with(session(Environment::Sandbox, false, true), w, h);
    loaded(&mut s, |p| {
        p.rows = rows::<Customers>((0..40).map(nth).collect());
        p.selected = 30;
    });
    s
}

/// The list as a click at its top row left it: shown from row `40 - rows on screen`.
fn anchored(w: u16, h: u16) -> (State, usize) {
    let mut s = listed(w, h);
    let rows = usize::from(h) - 7;
    let first = 40 - rows;
    let view = s.focused_id().expect("a list");
    s.mouse.anchor = Some(Anchor {
        view,
        window: Window { first, rows },
        size: (w, h),
    });
    (s, first)
}

#[test]
fn a_clicked_list_shows_from_where_the_click_left_it() {
    for (w, h) in SIZES {
        let (s, first) = anchored(w, h);
        let text = text_of(&draw(&s));
        let top = text.lines().nth(4).expect("the first table row");
        assert!(top.contains(&nth(first).external_id), "{w}x{h}:\n{text}");
        assert!(
            matches!(hit(&s, 3, 4), Some(Hit::Row(i, Window { first: f, .. })) if i == first && f == first),
            "{:?}",
            hit(&s, 3, 4)
        );
        // Unanchored, the selection is on the last row and the list starts higher.
        let text = text_of(&draw(&listed(w, h)));
        assert!(
            !text
                .lines()
                .nth(4)
                .unwrap_or_default()
                .contains(&nth(first).external_id)
        );
    }
}

#[test]
fn each_table_row_on_screen_is_the_row_a_click_there_hits() {
    for (w, h) in SIZES {
        for s in [listed(w, h), anchored(w, h).0] {
            let text = text_of(&draw(&s));
            let mut found = 0;
            for (y, line) in text.lines().enumerate() {
                let y = u16::try_from(y).expect("a row");
                let shown = (0..40).find(|&i| line.contains(&nth(i).external_id));
                let got = hit(&s, 3, y);
                match shown {
                    Some(i) => {
                        assert!(
                            matches!(got, Some(Hit::Row(r, _)) if r == i),
                            "{w}x{h} row {y}: {got:?} {line}"
                        );
                        // Anywhere across the row.
                        assert_eq!(hit(&s, w - 2, y), got);
                        found += 1;
                    }
                    None => assert!(
                        !matches!(got, Some(Hit::Row(..))),
                        "{w}x{h} row {y} shows no row but hits {got:?}: {line}"
                    ),
                }
            }
            assert_eq!(found, usize::from(h) - 7, "{w}x{h}: a screenful of rows");
            // The frame around them is no row.
            assert_eq!(hit(&s, 0, 10), None);
            assert_eq!(hit(&s, w - 1, 10), None);
        }
    }
}

#[test]
fn each_tab_label_is_its_tab_and_the_gaps_are_nothing() {
    for (w, h) in SIZES {
        let s = listed(w, h);
        let row = &cells(&s)[1];
        let line: String = row.concat();
        for (i, title) in ["Customers", "Accounts", "Wallets", "Transfers", "Stays"]
            .into_iter()
            .enumerate()
        {
            let label = format!("{} {title}", i + 1);
            let from = line.find(&label).expect("the tab is drawn");
            for x in from..from + label.len() {
                let x = u16::try_from(x).expect("a column");
                assert_eq!(hit(&s, x, 1), Some(Hit::Tab(i)), "{w}x{h} column {x}");
            }
        }
        // Past the last tab.
        assert_eq!(hit(&s, w - 1, 1), None);
        // The header is nothing.
        assert_eq!(hit(&s, 3, 0), None);
    }
}

/// The focused pane's trail on screen: for each column of the body's top border, the depth
/// of the crumb drawn there.
fn crumbs_drawn(s: &State, row: &[String]) -> Vec<(u16, Option<usize>)> {
    let depth = s.nav().depth();
    // The title starts after "┌ " and ends before " ─".
    let end = (2..row.len()).find(|&x| row[x] == "─").expect("the border") - 1;
    let title: Vec<&str> = row[2..end].iter().map(String::as_str).collect();
    let joined = title.concat();
    let segments: Vec<&str> = joined.split(" › ").collect();
    let cut = segments[0] == "…";
    let shown = segments.len() - usize::from(cut);
    let mut out = Vec::new();
    let mut x = 2u16;
    for (k, segment) in segments.iter().enumerate() {
        let depth_of = if cut && k == 0 {
            None
        } else {
            Some(depth - shown + k - usize::from(cut))
        };
        for _ in segment.chars() {
            out.push((x, depth_of));
            x += 1;
        }
        for _ in 0..3 {
            if k + 1 < segments.len() {
                out.push((x, None));
                x += 1;
            }
        }
    }
    out
}

#[test]
fn each_breadcrumb_is_its_view_even_when_the_trail_is_cut() {
    for (w, h) in SIZES {
        for views in [1, 2, 5] {
            let mut s = listed(w, h);
            for (n, i) in [0, 1, 3, 5].into_iter().take(views - 1).enumerate() {
                let id = 1000 + u64::try_from(n).expect("small");
                let d = Detail::new(id, Subject::Customer(customer(i)));
                s.nav_mut().views.push(View::Detail(Box::new(d)));
            }
            let row = cells(&s)[2].clone();
            let drawn = crumbs_drawn(&s, &row);
            assert!(!drawn.is_empty());
            for (x, depth) in drawn {
                assert_eq!(
                    hit(&s, x, 2),
                    depth.map(Hit::Crumb),
                    "{w}x{h}, {views} views, column {x}: {}",
                    row.concat()
                );
            }
            if views == 5 && w == 80 {
                assert!(
                    row.concat().contains("… › "),
                    "the trail is cut at 80 columns"
                );
            }
        }
    }
}

#[test]
fn the_help_scrolls_to_its_last_line_and_no_further() {
    for (w, h) in SIZES {
        let mut s = listed(w, h);
        s.overlay = Some(Overlay::Help { scroll: 0 });
        let Some(Hit::Help { max_scroll }) = hit(&s, 5, 5) else {
            panic!("the help is hit");
        };
        assert!(
            max_scroll > 0,
            "{w}x{h}: the help is longer than the screen"
        );
        s.overlay = Some(Overlay::Help { scroll: max_scroll });
        let text = text_of(&draw(&s));
        let lines: Vec<&str> = text.lines().collect();
        let last = guichet::ui::help::MOUSE_LINES[3].trim();
        let at = lines
            .iter()
            .position(|l| l.contains(last))
            .unwrap_or_else(|| panic!("{w}x{h}: the last line is shown:\n{text}"));
        assert!(
            lines[at + 1].contains('└'),
            "{w}x{h}: and it is the last:\n{text}"
        );
        // A row under the help is not reachable through it.
        assert_eq!(hit(&s, 3, 10), Some(Hit::Help { max_scroll }));
    }
}

#[test]
fn a_terminal_too_small_has_nothing_to_hit() {
    let s = listed(50, 12);
    assert_eq!(hit(&s, 3, 1), None);
    assert_eq!(hit(&s, 3, 6), None);
}
