//! What the console remembers across sessions: the resources recently opened and the pinned
//! ones, each with enough to open it again (its kind, id, and a label to show). Pure data and
//! the rules of the two lists (newest first, no duplicates, capped); the runtime keeps each in
//! a small JSON file in the state folder (`Effect::Remember`).

use super::subject::{Subject, SubjectRef};
use serde::{Deserialize, Serialize};

/// The most recent items kept.
pub const RECENT_MAX: usize = 50;
/// The most pins kept.
pub const PINS_MAX: usize = 100;

/// A resource to open again: a `SubjectRef` as it is written to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemRef {
    Customer {
        id: String,
    },
    Account {
        id: String,
    },
    Wallet {
        id: String,
    },
    Stay {
        id: String,
    },
    /// One moneyout of an S-money user.
    Transfer {
        user: String,
        id: i64,
    },
}

impl ItemRef {
    pub fn of(subject: &SubjectRef) -> ItemRef {
        match subject.clone() {
            SubjectRef::Customer(id) => ItemRef::Customer { id },
            SubjectRef::Account(id) => ItemRef::Account { id },
            SubjectRef::Wallet(id) => ItemRef::Wallet { id },
            SubjectRef::Stay(id) => ItemRef::Stay { id },
            SubjectRef::Transfer { user, id } => ItemRef::Transfer { user, id },
        }
    }

    pub fn subject(&self) -> SubjectRef {
        match self.clone() {
            ItemRef::Customer { id } => SubjectRef::Customer(id),
            ItemRef::Account { id } => SubjectRef::Account(id),
            ItemRef::Wallet { id } => SubjectRef::Wallet(id),
            ItemRef::Stay { id } => SubjectRef::Stay(id),
            ItemRef::Transfer { user, id } => SubjectRef::Transfer { user, id },
        }
    }

    /// `customer`, `transfer`: what the item is, in words.
    pub fn kind(&self) -> &'static str {
        match self {
            ItemRef::Customer { .. } => "customer",
            ItemRef::Account { .. } => "account",
            ItemRef::Wallet { .. } => "wallet",
            ItemRef::Stay { .. } => "stay",
            ItemRef::Transfer { .. } => "transfer",
        }
    }

    /// The id as a person would type it at `:`.
    pub fn id(&self) -> String {
        match self {
            ItemRef::Customer { id }
            | ItemRef::Account { id }
            | ItemRef::Wallet { id }
            | ItemRef::Stay { id } => id.clone(),
            ItemRef::Transfer { id, .. } => id.to_string(),
        }
    }
}

/// One remembered resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    #[serde(flatten)]
    pub what: ItemRef,
    /// `Customer Jan de Vries`, `Wallet 26dffc0d…`: as the view's title said.
    pub label: String,
}

impl Item {
    /// The item for a detail's subject; `None` while the subject is still being fetched.
    pub fn of(subject: &Subject) -> Option<Item> {
        if matches!(subject, Subject::Pending { .. }) {
            return None;
        }
        Some(Item {
            what: ItemRef::of(&subject.reference()),
            label: subject.title(),
        })
    }

    /// Whether `filter` (any case) is in its label, kind or id.
    pub fn matches(&self, filter: &str) -> bool {
        let filter = filter.trim().to_lowercase();
        filter.is_empty()
            || self.label.to_lowercase().contains(&filter)
            || self.what.kind().contains(&filter)
            || self.what.id().to_lowercase().contains(&filter)
    }
}

/// Which of the two lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Recent,
    Pins,
}

impl ListKind {
    /// The file in the state folder.
    pub fn file_name(self) -> &'static str {
        match self {
            ListKind::Recent => "recent.json",
            ListKind::Pins => "pins.json",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ListKind::Recent => "recent items",
            ListKind::Pins => "pins",
        }
    }

    fn max(self) -> usize {
        match self {
            ListKind::Recent => RECENT_MAX,
            ListKind::Pins => PINS_MAX,
        }
    }
}

/// A list as it is kept on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemsFile {
    pub version: u32,
    pub items: Vec<Item>,
}

/// The recent items and the pins, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Remembered {
    pub recent: Vec<Item>,
    pub pins: Vec<Item>,
}

impl Remembered {
    pub fn list(&self, kind: ListKind) -> &[Item] {
        match kind {
            ListKind::Recent => &self.recent,
            ListKind::Pins => &self.pins,
        }
    }

    fn list_mut(&mut self, kind: ListKind) -> &mut Vec<Item> {
        match kind {
            ListKind::Recent => &mut self.recent,
            ListKind::Pins => &mut self.pins,
        }
    }

    /// Sets a list read from disk: duplicates dropped, capped.
    pub fn load(&mut self, kind: ListKind, items: Vec<Item>) {
        let list = self.list_mut(kind);
        list.clear();
        for item in items {
            if !list.iter().any(|i| i.what == item.what) {
                list.push(item);
            }
        }
        list.truncate(kind.max());
    }

    /// Puts `item` first (moving it if it was there); `false` when it was first already
    /// with the same label (nothing to save).
    pub fn put_first(&mut self, kind: ListKind, item: Item) -> bool {
        let list = self.list_mut(kind);
        if list.first() == Some(&item) {
            return false;
        }
        list.retain(|i| i.what != item.what);
        list.insert(0, item);
        list.truncate(kind.max());
        true
    }

    /// Removes the item for `what`; `false` when it was not there.
    pub fn remove(&mut self, kind: ListKind, what: &ItemRef) -> bool {
        let list = self.list_mut(kind);
        let before = list.len();
        list.retain(|i| &i.what != what);
        list.len() != before
    }

    pub fn is_pinned(&self, what: &ItemRef) -> bool {
        self.pins.iter().any(|i| &i.what == what)
    }

    /// The file's content for a list.
    pub fn file(&self, kind: ListKind) -> ItemsFile {
        ItemsFile {
            version: 1,
            items: self.list(kind).to_vec(),
        }
    }
}

/// The `'` overlay: the pins, then the recent items, filtered by what is typed.
#[derive(Debug, Clone, Default)]
pub struct RecentOverlay {
    pub filter: tui_input::Input,
    /// The row chosen, counted over both sections as shown.
    pub cursor: usize,
}

impl PartialEq for RecentOverlay {
    fn eq(&self, other: &RecentOverlay) -> bool {
        self.filter.value() == other.filter.value() && self.cursor == other.cursor
    }
}

impl RecentOverlay {
    /// The rows shown, pins first: which list each comes from and the item.
    pub fn rows<'a>(&self, remembered: &'a Remembered) -> Vec<(ListKind, &'a Item)> {
        let filter = self.filter.value();
        [ListKind::Pins, ListKind::Recent]
            .into_iter()
            .flat_map(|kind| {
                remembered
                    .list(kind)
                    .iter()
                    .filter(|i| i.matches(filter))
                    .map(move |i| (kind, i))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> Item {
        Item {
            what: ItemRef::Customer { id: id.into() },
            label: format!("Customer {id}"),
        }
    }

    #[test]
    fn recent_items_are_newest_first_without_duplicates_and_capped() {
        let mut r = Remembered::default();
        assert!(r.put_first(ListKind::Recent, item("a")));
        assert!(r.put_first(ListKind::Recent, item("b")));
        assert!(!r.put_first(ListKind::Recent, item("b")), "already first");
        assert!(r.put_first(ListKind::Recent, item("a")));
        let ids: Vec<_> = r.recent.iter().map(|i| i.what.id()).collect();
        assert_eq!(ids, vec!["a", "b"]);
        for n in 0..RECENT_MAX + 5 {
            r.put_first(ListKind::Recent, item(&n.to_string()));
        }
        assert_eq!(r.recent.len(), RECENT_MAX);
        assert_eq!(r.recent[0].what.id(), (RECENT_MAX + 4).to_string());
    }

    #[test]
    fn the_file_form_round_trips_and_names_the_kind() {
        let mut r = Remembered::default();
        r.put_first(
            ListKind::Pins,
            Item {
                what: ItemRef::Transfer {
                    user: "C-000001".into(),
                    id: 42,
                },
                label: "Transfer 42".into(),
            },
        );
        r.put_first(ListKind::Pins, item("a"));
        let text = serde_json::to_string(&r.file(ListKind::Pins)).unwrap();
        assert!(
            text.contains(r#""kind":"transfer","user":"C-000001","id":42"#),
            "{text}"
        );
        let back: ItemsFile = serde_json::from_str(&text).unwrap();
        assert_eq!(back.items, r.pins);
        assert!(r.is_pinned(&ItemRef::Customer { id: "a".into() }));
        assert!(r.remove(ListKind::Pins, &ItemRef::Customer { id: "a".into() }));
        assert!(!r.is_pinned(&ItemRef::Customer { id: "a".into() }));
    }

    #[test]
    fn filters_ignore_case_and_look_at_label_kind_and_id() {
        let i = item("3f2a-77");
        assert!(i.matches("CUSTOMER 3F"));
        assert!(i.matches("77"));
        assert!(i.matches(""));
        assert!(!i.matches("wallet"));
    }
}
