//! The places visited, like a browser's history: each focused view in turn, with how to open
//! it again once it has been closed, and a cursor that `H` moves back and `L` forward.
//! Pure data; `memory` goes to a place.

use super::detail::Subject;
use super::ids::ViewId;
use super::list::ListPane;
use super::nav::View;

/// The most places kept; the oldest go first.
pub const PLACES_MAX: usize = 100;

/// How to open a place again after its view was closed.
#[derive(Debug, Clone)]
pub enum Reopen {
    /// A pane's own list: it is never closed.
    Root,
    Detail(Box<Subject>),
    List(Box<ListPane>),
    /// A chart: opened again from the cache, or read again.
    Chart(super::chart::ChartKey),
}

impl Reopen {
    pub fn of(view: &View, root: bool) -> Reopen {
        match view {
            _ if root => Reopen::Root,
            View::Detail(d) => Reopen::Detail(Box::new(d.subject.clone())),
            View::List(l) => Reopen::List(Box::new(l.clone())),
            View::Chart(c) => Reopen::Chart(c.key.clone()),
        }
    }
}

/// One place: the view shown, on the pane whose own list is `home`.
#[derive(Debug, Clone)]
pub struct Place {
    pub view: ViewId,
    /// The id of the pane's own list (the bottom of its stack), which names the pane.
    pub home: ViewId,
    pub reopen: Reopen,
}

/// The history of places and where the user stands in it.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub entries: Vec<Place>,
    /// The index of the current place in `entries`.
    pub at: usize,
    /// The view last made the most recent item: it is not made so again while it stays in
    /// view (taking it out of the recent items while it is shown keeps it out).
    pub last_recent: Option<ViewId>,
}

impl Places {
    pub fn current(&self) -> Option<&Place> {
        self.entries.get(self.at)
    }

    /// A new place: what was ahead of the cursor is forgotten, as in a browser.
    pub fn visit(&mut self, place: Place) {
        if !self.entries.is_empty() {
            self.entries.truncate(self.at + 1);
        }
        self.entries.push(place);
        if self.entries.len() > PLACES_MAX {
            let extra = self.entries.len() - PLACES_MAX;
            self.entries.drain(..extra);
        }
        self.at = self.entries.len() - 1;
    }

    /// The place before the current one, if any.
    pub fn back_index(&self) -> Option<usize> {
        (self.at > 0 && !self.entries.is_empty()).then(|| self.at - 1)
    }

    /// The place after the current one, if any.
    pub fn forward_index(&self) -> Option<usize> {
        (self.at + 1 < self.entries.len()).then_some(self.at + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(view: ViewId) -> Place {
        Place {
            view,
            home: 1,
            reopen: Reopen::Root,
        }
    }

    #[test]
    fn visiting_after_going_back_forgets_what_was_ahead() {
        let mut p = Places::default();
        for v in [1, 2, 3] {
            p.visit(place(v));
        }
        assert_eq!(p.back_index(), Some(1));
        assert_eq!(p.forward_index(), None);
        p.at = 1;
        assert_eq!(p.forward_index(), Some(2));
        p.visit(place(9));
        let views: Vec<_> = p.entries.iter().map(|e| e.view).collect();
        assert_eq!(views, vec![1, 2, 9]);
        assert_eq!(p.at, 2);
    }

    #[test]
    fn the_history_is_capped() {
        let mut p = Places::default();
        for v in 0..(PLACES_MAX as u64 + 10) {
            p.visit(place(v));
        }
        assert_eq!(p.entries.len(), PLACES_MAX);
        assert_eq!(p.entries[0].view, 10);
        assert_eq!(p.at, PLACES_MAX - 1);
    }
}
