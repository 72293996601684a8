//! A benchmark (not a timed test), run by `cargo bench --bench console`: key press to
//! frame — `update` for a one-row move plus a full render into a `TestBackend` — on a
//! 200-row page at 120x40.

use super::{ColorDepth, Theme, render};
use crate::app::key::Key;
use crate::app::keymap::Keymap;
use crate::app::list::Shown;
use crate::app::msg::Msg;
use crate::app::nav::View;
use crate::app::resources::{Customers, rows};
use crate::app::state::{Environment, Session, State};
use crate::app::update::update;
use crate::domain::customer::{Customer, CustomerType};
use chrono::{NaiveDate, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

/// Median and 95th percentile of key-to-frame times.
#[derive(Debug, Clone, Copy)]
pub struct BenchReport {
    pub iterations: usize,
    pub median: Duration,
    pub p95: Duration,
}

impl std::fmt::Display for BenchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "key-to-frame over {} iterations (200 rows, 120x40): median {:.1} µs, p95 {:.1} µs",
            self.iterations,
            self.median.as_secs_f64() * 1e6,
            self.p95.as_secs_f64() * 1e6
        )
    }
}

fn customers(n: usize) -> Vec<Customer> {
    (0..n)
        .map(|i| Customer {
            id: format!("00000000-0000-4000-8000-{i:012}"),
            external_id: format!("C-{i:06}"),
            kind: CustomerType::Individual,
            segment: Some("RESIDENTIAL".into()),
            name: format!("Customer number {i}"),
            email: Some(format!("customer{i}@example.fr")),
            phone: Some("+33 6 12 34 56 78".into()),
            created_at: Utc
                .with_ymd_and_hms(2024, 3, 1, 10, 0, 0)
                .single()
                .unwrap_or_default(),
            special_treatment: Vec::new(),
            categories: vec!["fiber".into()],
        })
        .collect()
}

/// Runs `iterations` one-row moves (down, then up at the bottom) and prints the figures.
pub fn bench_key_to_frame(iterations: usize) -> std::io::Result<BenchReport> {
    let session = Session {
        profile: "bench".into(),
        environment: Environment::Sandbox,
        read_only: false,
        demo: true,
        insecure: false,
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let mut state = State::new(session, Keymap::defaults(), today);
    update(&mut state, super::resized(120, 40));
    if let Some(View::List(p)) = state.view_mut() {
        p.rows = rows::<Customers>(customers(200));
        p.shown = Some(Shown {
            page: 0,
            size: 200,
            total: Some(2134),
            has_more: true,
        });
    }
    let theme = Theme::builtin("dark", ColorDepth::TrueColor)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut terminal =
        Terminal::new(TestBackend::new(120, 40)).map_err(|e| -> std::io::Error { match e {} })?;
    let mut samples = Vec::with_capacity(iterations);
    let mut down = true;
    for i in 0..iterations {
        if i % 199 == 0 && i > 0 {
            down = !down;
        }
        let key = Key::char(if down { 'j' } else { 'k' });
        let started = Instant::now();
        update(&mut state, Msg::Key(key));
        terminal
            .draw(|f| render(f, &state, &theme))
            .map_err(|e| -> std::io::Error { match e {} })?;
        state.dirty = false;
        samples.push(started.elapsed());
    }
    samples.sort();
    let at = |q: f64| {
        samples
            .get(((samples.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or_default()
    };
    let report = BenchReport {
        iterations,
        median: at(0.5),
        p95: at(0.95),
    };
    Ok(report)
}
