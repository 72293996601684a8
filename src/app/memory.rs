//! The console's memory: back and forward through the places visited (`H`, `L`), straight
//! back to the pane's list (`0`), the recent items and pins (`'`, `P`), and focusing a
//! resource already open instead of stacking it twice. Lists to keep on disk leave as
//! `Effect::Remember`; the runtime writes them.

use super::effect::{Effect, Probe, Query};
use super::key::{Key, KeyCode};
use super::keymap::{Action, Scope};
use super::loads;
use super::memory_items::{Item, ItemRef, ListKind, RecentOverlay};
use super::nav::{Go, GoTo, View};
use super::places::{Place, Reopen};
use super::state::{Overlay, State, Tab, ToastLevel};
use super::subject::{Subject, SubjectRef};
use super::text::{self, Edit};

/// `H`, `L`, `0`, `P`, `'` on a list or a detail.
pub fn action(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::PlaceBack => match state.places.back_index() {
            Some(i) => go_to_place(state, i),
            None => state.toast(ToastLevel::Info, "no earlier place"),
        },
        Action::PlaceForward => match state.places.forward_index() {
            Some(i) => go_to_place(state, i),
            None => state.toast(ToastLevel::Info, "no later place"),
        },
        Action::ToList => {
            let tab = state.tab;
            pop_to(state, tab, 1)
        }
        Action::Pin => toggle_pin(state),
        Action::Recent => {
            state.overlay = Some(Overlay::Recent(RecentOverlay::default()));
            state.dirty = true;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Closes the views above the first `depth` of `tab`'s stack (its list is never closed).
fn pop_to(state: &mut State, tab: Tab, depth: usize) -> Vec<Effect> {
    let depth = depth.max(1);
    let closed: Vec<View> = {
        let views = &mut state.navs[tab.index()].views;
        if views.len() <= depth {
            return Vec::new();
        }
        views.drain(depth..).collect()
    };
    state.dirty = true;
    closed
        .iter()
        .flat_map(View::tickets)
        .map(|t| state.cancel(t))
        .collect()
}

/// Goes to the place at `index` in the history: its pane, its view (closing what was
/// drilled down above it), or the view opened again when it was closed since.
fn go_to_place(state: &mut State, index: usize) -> Vec<Effect> {
    remember_current(state);
    let Some(place) = state.places.entries.get(index).cloned() else {
        return Vec::new();
    };
    let Some(tab) = state.tab_of(place.home) else {
        return Vec::new();
    };
    state.tab = tab;
    state.dirty = true;
    let at = state.navs[tab.index()]
        .views
        .iter()
        .position(|v| v.id() == place.view);
    let mut effects = match at {
        Some(i) => pop_to(state, tab, i + 1),
        None => match place.reopen {
            Reopen::Root => pop_to(state, tab, 1),
            Reopen::Detail(subject) => match *subject {
                Subject::Pending { kind, id } => loads::open(state, Go::Pending(kind, id)),
                subject => loads::open(state, Go::Detail(Box::new(subject))),
            },
            Reopen::List(pane) => loads::open(state, Go::List(pane)),
            Reopen::Chart(key) => super::chart_loads::open(state, key),
        },
    };
    effects.extend(loads::load_if_untouched(state));
    if let Some(view) = state.focused_id()
        && let Some(entry) = state.places.entries.get_mut(index)
    {
        entry.view = view;
    }
    state.places.at = index;
    effects
}

/// Keeps the current place's way back up to date with its view as it is now (the subject
/// it loaded, the page it shows), before the user leaves it.
fn remember_current(state: &mut State) {
    let at = state.places.at;
    let Some(place) = state.places.entries.get(at) else {
        return;
    };
    let (view, home) = (place.view, place.home);
    let reopen = state.navs.iter().find_map(|n| {
        let root = n.views.first().map(View::id) == Some(view);
        n.views
            .iter()
            .find(|v| v.id() == view)
            .map(|v| Reopen::of(v, root))
    });
    if let Some(reopen) = reopen {
        state.places.entries[at] = Place { view, home, reopen };
    }
}

/// After every message: a newly focused view is a new place, and a detail whose subject is
/// known is the most recent item.
pub fn after(state: &mut State) -> Vec<Effect> {
    let Some(view) = state.view() else {
        return Vec::new();
    };
    let id = view.id();
    // Only a view not yet counted is looked at: the common case costs nothing.
    let item = match view {
        View::Detail(d) if state.places.last_recent != Some(id) => Item::of(&d.subject),
        _ => None,
    };
    if state.places.current().map(|p| p.view) != Some(id) {
        let nav = state.nav();
        let home = nav.views.first().map_or(id, View::id);
        let reopen = Reopen::of(view, nav.depth() == 1);
        remember_current(state);
        state.places.visit(Place {
            view: id,
            home,
            reopen,
        });
    }
    let Some(item) = item else {
        return Vec::new();
    };
    state.places.last_recent = Some(id);
    if state.remembered.put_first(ListKind::Recent, item) {
        vec![save(state, ListKind::Recent)]
    } else {
        Vec::new()
    }
}

fn save(state: &State, list: ListKind) -> Effect {
    Effect::Remember {
        list,
        file: state.remembered.file(list),
    }
}

/// The resource `P` acts on: the detail shown, or the list's selected row.
fn focused_item(state: &State) -> Option<Item> {
    match state.view()? {
        View::Detail(d) => Item::of(&d.subject),
        View::List(l) => Item::of(&l.selected_row()?.open(l.owner.as_ref())),
        View::Chart(_) => None,
    }
}

fn toggle_pin(state: &mut State) -> Vec<Effect> {
    let Some(item) = focused_item(state) else {
        return state.toast(ToastLevel::Info, "nothing to pin here");
    };
    let label = item.label.clone();
    let text = if state.remembered.is_pinned(&item.what) {
        state.remembered.remove(ListKind::Pins, &item.what);
        format!("unpinned {label}")
    } else {
        state.remembered.put_first(ListKind::Pins, item);
        let keys = state.keymap.hint(Scope::List, Action::Recent);
        format!("pinned {label} ({keys} lists the pins)")
    };
    let mut effects = vec![save(state, ListKind::Pins)];
    effects.extend(state.toast(ToastLevel::Success, text));
    effects
}

/// A key while the `'` overlay is up: moves, opens, unpins, or edits the filter.
pub fn overlay_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(Overlay::Recent(overlay)) = &mut state.overlay else {
        return Vec::new();
    };
    state.dirty = true;
    let rows = overlay.rows(&state.remembered).len();
    let chosen = overlay
        .rows(&state.remembered)
        .get(overlay.cursor)
        .map(|(kind, item)| (*kind, (*item).clone()));
    let pin_key = state.keymap.keys(Scope::List, Action::Pin).contains(&key);
    let plain = !key.ctrl && !key.alt;
    match key.code {
        KeyCode::Esc => state.overlay = None,
        KeyCode::Up => overlay.cursor = overlay.cursor.saturating_sub(1),
        KeyCode::Char('p') if key.ctrl => overlay.cursor = overlay.cursor.saturating_sub(1),
        KeyCode::Down if overlay.cursor + 1 < rows => overlay.cursor += 1,
        KeyCode::Char('n') if key.ctrl && overlay.cursor + 1 < rows => overlay.cursor += 1,
        KeyCode::Enter => {
            let Some((_, item)) = chosen else {
                return Vec::new();
            };
            state.overlay = None;
            return open_item(state, &item);
        }
        KeyCode::Delete if plain => return forget(state, chosen, false),
        _ if pin_key => return forget(state, chosen, true),
        _ => {
            if text::edit(&mut overlay.filter, key) == Edit::Changed {
                overlay.cursor = 0;
            }
        }
    }
    Vec::new()
}

/// In the overlay, `P` on a pin unpins it and on a recent item pins it; delete takes the
/// row out of its list.
fn forget(state: &mut State, chosen: Option<(ListKind, Item)>, pin_key: bool) -> Vec<Effect> {
    let Some((kind, item)) = chosen else {
        return Vec::new();
    };
    let list = match (kind, pin_key) {
        (ListKind::Recent, true) => {
            if state.remembered.is_pinned(&item.what) {
                state.remembered.remove(ListKind::Pins, &item.what);
            } else {
                state.remembered.put_first(ListKind::Pins, item);
            }
            ListKind::Pins
        }
        (kind, _) => {
            state.remembered.remove(kind, &item.what);
            kind
        }
    };
    if let Some(Overlay::Recent(overlay)) = &mut state.overlay {
        let rows = overlay.rows(&state.remembered).len();
        overlay.cursor = overlay.cursor.min(rows.saturating_sub(1));
    }
    vec![save(state, list)]
}

/// Opens a remembered resource: focused where it is already open, else read again and
/// opened on its own pane (a go-to of one probe).
pub fn open_item(state: &mut State, item: &Item) -> Vec<Effect> {
    let subject = item.what.subject();
    if let Some(effects) = focus_open(state, &subject) {
        return effects;
    }
    let mut effects = Vec::new();
    if let Some(old) = state.goto.take() {
        effects.push(state.cancel(old.ticket));
    }
    let (ticket, effect) = state.request(Query::Probe(Probe::Get(subject)));
    state.goto = Some(GoTo {
        ticket,
        remaining: Vec::new(),
        nothing: format!("{} is no longer there ({})", item.label, what(&item.what)),
    });
    effects.push(effect);
    effects
}

fn what(item: &ItemRef) -> String {
    format!("{} {}", item.kind(), item.id())
}

/// Where `subject` is already open on a pane's stack, focuses it there (closing what was
/// drilled down above it) and returns the effects; `None` when it is open nowhere. The
/// focused pane is looked at first.
pub fn focus_open(state: &mut State, subject: &SubjectRef) -> Option<Vec<Effect>> {
    let tabs = std::iter::once(state.tab).chain(Tab::all().filter(|t| *t != state.tab));
    let (tab, index) = tabs.into_iter().find_map(|tab| {
        state.navs[tab.index()]
            .views
            .iter()
            .position(|v| matches!(v, View::Detail(d) if &d.subject.reference() == subject))
            .map(|i| (tab, i))
    })?;
    state.tab = tab;
    state.dirty = true;
    Some(pop_to(state, tab, index + 1))
}
