//! The shell around the panes: header (product, profile, badges, health dots), tab bar and
//! status line (key hints, requests in flight, the latest toast).

use super::Theme;
use crate::app::footer;
use crate::app::keymap::{Action, Scope};
use crate::app::nav::View;
use crate::app::state::{Environment, Health, State, Tab, ToastLevel};
use crate::app::watch;
use crate::app::watched::WatchStatus;
use crate::domain::Provider;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

fn badge<'a>(text: &'a str, style: Style) -> Span<'a> {
    Span::styled(format!(" {text} "), style)
}

fn health_style(theme: &Theme, health: Health) -> Style {
    match health {
        Health::Ok => theme.health_ok,
        Health::Down => theme.health_bad,
        Health::Unknown | Health::NotConfigured => theme.health_unknown,
    }
}

fn short_name(p: Provider) -> &'static str {
    match p {
        Provider::Mascustomers => "MAS",
        Provider::Pxlhub => "PXL",
        Provider::Smoney => "SMY",
        Provider::Lyra => "LYR",
        Provider::Monext => "MNX",
    }
}

pub fn render_header(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let s = &state.session;
    let mut spans = vec![
        Span::styled(" guichet ", theme.header_title),
        Span::styled(" ", theme.header),
    ];
    let env_style = match s.environment {
        Environment::Sandbox => theme.badge_sandbox,
        Environment::Staging => theme.badge_staging,
        Environment::Production => theme.badge_production,
    };
    spans.push(Span::styled(
        format!("{} ", super::sanitize::fit(&s.profile, 24)),
        theme.header,
    ));
    spans.push(badge(s.environment.label(), env_style));
    if s.demo {
        spans.push(Span::styled(" ", theme.header));
        spans.push(badge("DEMO", theme.badge_demo));
    }
    if s.read_only {
        spans.push(Span::styled(" ", theme.header));
        spans.push(badge("READ-ONLY", theme.badge_read_only));
    }
    if s.insecure {
        spans.push(Span::styled(" ", theme.header));
        spans.push(badge("INSECURE", theme.badge_insecure));
    }
    let left_width: usize = spans.iter().map(Span::width).sum();
    let wide = area.width >= 110;
    let mut dots: Vec<Span> = Vec::new();
    for p in Provider::ALL {
        let h = state.health.get(&p).copied().unwrap_or(Health::Unknown);
        let dot = if h == Health::NotConfigured {
            "○"
        } else {
            "●"
        };
        dots.push(Span::styled(dot, health_style(theme, h)));
        let name = if wide {
            p.display_name()
        } else {
            short_name(p)
        };
        dots.push(Span::styled(format!("{name} "), theme.header));
    }
    let dots_width: usize = dots.iter().map(Span::width).sum();
    let pad = usize::from(area.width).saturating_sub(left_width + dots_width);
    if pad > 0 {
        spans.push(Span::styled(" ".repeat(pad), theme.header));
        spans.extend(dots);
    } else {
        let fill = usize::from(area.width).saturating_sub(left_width);
        spans.push(Span::styled(" ".repeat(fill), theme.header));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header), area);
}

/// Each tab's label in the tab bar, in order; one space between two.
pub fn tab_labels() -> impl Iterator<Item = (Tab, String)> {
    Tab::all()
        .enumerate()
        .map(|(i, tab)| (tab, format!(" {} {} ", i + 1, tab.title())))
}

/// Space after each tab's label.
pub const TAB_GAP: u16 = 1;

pub fn render_tabs(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = Vec::with_capacity(8);
    for (tab, label) in tab_labels() {
        let style = if tab == state.tab {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" ".repeat(usize::from(TAB_GAP))));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    spans.extend(super::key_trail::spans(
        &state.key_trail,
        usize::from(area.width).saturating_sub(used),
        theme,
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hints shown for the focused view: a few actions with their keys.
pub fn hints(state: &State) -> Vec<(String, String)> {
    let scope = state.scope();
    if (state.form.is_some() || state.export.dialog.is_some()) && state.overlay.is_none() {
        // The form's (or the export dialog's) own border lists its keys.
        return Vec::new();
    }
    if scope == Scope::Form {
        let clear = if state.prompt.is_some() {
            "cancel"
        } else {
            "clear"
        };
        return vec![
            ("enter".into(), "apply".into()),
            ("esc".into(), clear.into()),
        ];
    }
    if let Some(View::Chart(c)) = state.view() {
        return super::chart::hints(c, state);
    }
    if let Some(View::Detail(d)) = state.view() {
        return footer::detail_hints(d, state)
            .into_iter()
            .map(|h| (h.keys, h.label))
            .collect();
    }
    let km = &state.keymap;
    let mut out = Vec::new();
    let mut push = |action: Action, label: &str| {
        // One key per action, the shortest, keeps the line short; the help overlay lists
        // them all.
        let shortest = km
            .keys(scope, action)
            .iter()
            .map(ToString::to_string)
            .min_by_key(|k| k.chars().count());
        if let Some(key) = shortest {
            out.push((key, label.to_string()));
        }
    };
    push(Action::Help, "help");
    if state.at_top_level() {
        push(Action::Quit, "quit");
    } else {
        push(Action::Back, "back");
    }
    push(Action::Open, "open");
    // The keys this list takes beyond moving about: its write, marking and exporting.
    let on_wallets = matches!(state.view(), Some(View::List(l))
        if l.resource == crate::app::resources::Res::of::<crate::app::resources::Wallets>());
    if on_wallets {
        let label = if state.session.read_only {
            "new wallet (read-only profile)"
        } else {
            "new wallet"
        };
        push(Action::OpenWallet, label);
    }
    // Finding and paging first: at 80 columns the line ends about here.
    push(Action::Filter, "filter");
    push(Action::SortNext, "sort");
    push(Action::PageNext, "next page");
    push(Action::Mark, "mark");
    push(Action::Export, "export");
    push(Action::SortFlip, "flip");
    push(Action::PagePrev, "prev");
    out
}

pub fn render_status(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut right: Vec<Span> = Vec::new();
    match watch::status(state) {
        Some(WatchStatus::Counting(left)) => {
            right.push(Span::styled(format!("watch {left}s "), theme.info));
        }
        Some(WatchStatus::Paused) => right.push(Span::styled("watch paused ", theme.muted)),
        None => {}
    }
    if !state.inflight.is_empty() {
        let frame_char = SPINNER[state.spinner % SPINNER.len()];
        let n = state.inflight.len();
        let label = match state.inflight.values().next() {
            Some(f) if n == 1 => f.query.label(),
            _ => format!("{n} requests"),
        };
        right.push(Span::styled(format!("{frame_char} {label} "), theme.info));
    }
    if let Some(t) = &state.toast {
        let style = match t.level {
            ToastLevel::Info => theme.info,
            ToastLevel::Success => theme.success,
            ToastLevel::Warning => theme.warning,
            ToastLevel::Error => theme.error,
        };
        // Toasts quote provider messages and typed ids: cleaned, and cut to leave room.
        let room = usize::from(area.width)
            .saturating_sub(right.iter().map(Span::width).sum::<usize>() + 12);
        right.push(Span::styled(
            format!("{} ", super::sanitize::fit(&t.text, room)),
            style,
        ));
    }
    let right_width: usize = right.iter().map(Span::width).sum();
    let budget = usize::from(area.width).saturating_sub(right_width + 1);
    let mut left: Vec<Span> = Vec::new();
    let mut used = 0;
    for (keys, label) in hints(state) {
        let w = super::sanitize::width(&keys) + super::sanitize::width(&label) + 3;
        if used + w > budget {
            break;
        }
        used += w;
        left.push(Span::styled(format!(" {keys}"), theme.key));
        left.push(Span::styled(format!(" {label} "), theme.muted));
    }
    let pad = usize::from(area.width).saturating_sub(used + right_width);
    left.push(Span::raw(" ".repeat(pad)));
    left.extend(right);
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}
