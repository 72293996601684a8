//! Actions (one serde enum, snake_case names), scopes, and the key map: defaults embedded
//! from `assets/keymap.toml`, overridden per action by a user file, with conflicts reported.

use super::key::Key;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

const DEFAULT: &str = include_str!("../../assets/keymap.toml");

/// Where a key press is interpreted. Global bindings apply everywhere a scope does not bind
/// the key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Global,
    List,
    Detail,
    Form,
    Confirm,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::Global,
        Scope::List,
        Scope::Detail,
        Scope::Form,
        Scope::Confirm,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::List => "Lists",
            Scope::Detail => "Detail views",
            Scope::Form => "Forms",
            Scope::Confirm => "Confirmation",
        }
    }

    /// The scope's table name in a key map file (`list`).
    pub fn name(self) -> String {
        snake_case(&format!("{self:?}"))
    }
}

/// `SelectDown` → `select_down`: serde's `rename_all = "snake_case"`, so the names said in
/// messages are those a key map file uses.
fn snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for (i, ch) in camel.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

macro_rules! actions {
    ($($variant:ident => $desc:literal),+ $(,)?) => {
        /// Everything a key can do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action { $($variant),+ }

        impl Action {
            /// The action's name in a key map file (`select_down`).
            pub fn name(self) -> String {
                snake_case(&format!("{self:?}"))
            }

            /// What the action does, for the help overlay.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $desc),+ }
            }
        }
    };
}

actions! {
    ForceQuit => "Quit at once, from anywhere",
    Quit => "Quit (from the top level)",
    Help => "Show or hide this help",
    Back => "Close the overlay or go back",
    NextTab => "Next pane",
    PrevTab => "Previous pane",
    TabCustomers => "Customers pane",
    TabAccounts => "Accounts pane",
    TabWallets => "Wallets pane",
    TabTransfers => "Transfers pane",
    TabStays => "Stays pane",
    GoTo => "Go to any id (customer, account, wallet, stay, transfer)",
    SelectUp => "Move up",
    SelectDown => "Move down",
    SelectTop => "First row",
    SelectBottom => "Last row",
    PageNext => "Next page",
    PagePrev => "Previous page",
    PageFirst => "First page",
    PageLast => "Last page",
    PageGo => "Go to page N",
    PageSize => "Change page size (20/50/100/200)",
    SortNext => "Sort by the next sortable column",
    SortFlip => "Flip the sort direction",
    Filter => "Filter (server-side)",
    Open => "Open the selected row",
    Refresh => "Reload / retry",
    CopyId => "Copy the id to the clipboard (OSC 52)",
    CopyJson => "Copy the row or the detail as JSON (OSC 52)",
    Mark => "Mark or unmark the selected row (for an export)",
    Export => "Export the page, the marked rows or the whole list to a file",
    OpenWallet => "Open a cashless wallet",
    RawJson => "Toggle the raw JSON view",
    Reveal => "Reveal masked IBAN / card data (logged)",
    ShowAccounts => "The customer's accounts",
    ShowTransfers => "The customer's transfers (S-money)",
    ShowPromotions => "The account's promotions",
    PromotionFilter => "Promotions: ACTIVE / SCHEDULED / ALL",
    ShowPromotionHistory => "The account's promotion history",
    ShowBillingHistory => "The account's billing address history",
    CheckCardUpdater => "Ask the Monext card updater for a replacement card",
    ShowStay => "The wallet's stay",
    ChangePaymentMethod => "Change the account's payment method",
    CancelPromotion => "Cancel the selected promotion",
    OpenCustomer => "Open the owning customer (of an account, of a transfer)",
    StayWallet => "From a stay to its wallet, from a wallet to its stay",
    ApplyReplacementCard => "Change the payment method to the updater's replacement card",
    NextField => "Next field",
    PrevField => "Previous field",
    Submit => "Submit (after confirmation)",
    Cancel => "Cancel",
    Reread => "Read the resource again (after an unknown outcome)",
    Retry => "Retry with the same idempotency key",
    Confirm => "Confirm",
    PlaceBack => "Back to the previous place visited (across panes)",
    PlaceForward => "Forward again to the next place visited",
    Recent => "Recent items and pins (type to filter, enter opens)",
    Pin => "Pin or unpin this resource",
    ToList => "Return to the pane's own list at once",
    ToggleMouse => "Mouse on or off (off: the terminal selects text)",
    ScrollLeft => "Scroll the columns left (the first stays)",
    ScrollRight => "Scroll the columns right, to those left out",
    ChooseColumns => "Choose the columns: show, hide, order (saved)",
    Watch => "Watch: read this again every few seconds (toggle)",
    ShowKeys => "Presenter mode: show the keys pressed (toggle)",
    Chart => "Chart: a user's transfers by month, wallets, promotions",
}

/// The same key bound to two actions in one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyConflict {
    pub scope: Scope,
    pub key: Key,
    pub first: Action,
    pub second: Action,
}

impl std::fmt::Display for KeyConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "key {} is bound to both {} and {} in [{}]",
            self.key,
            self.first.name(),
            self.second.name(),
            self.scope.name()
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("key map {origin}: {message}")]
    Parse { origin: String, message: String },
    #[error(
        "key map {origin}: [{}] {}: {key:?} is not a key (try ctrl-x, shift-tab, enter, G)",
        scope.name(),
        action.name()
    )]
    BadKey {
        origin: String,
        scope: Scope,
        action: Action,
        key: String,
    },
}

type KeymapFile = BTreeMap<Scope, BTreeMap<Action, Vec<String>>>;

/// The resolved key map.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Scope, BTreeMap<Action, Vec<Key>>>,
    lookup: HashMap<(Scope, Key), Action>,
    pub conflicts: Vec<KeyConflict>,
}

fn parse_file(
    src: &str,
    origin: &str,
) -> Result<BTreeMap<Scope, BTreeMap<Action, Vec<Key>>>, KeymapError> {
    let file: KeymapFile = toml::from_str(src).map_err(|e| KeymapError::Parse {
        origin: origin.to_string(),
        message: e.to_string(),
    })?;
    let mut out = BTreeMap::new();
    for (scope, actions) in file {
        let mut scoped = BTreeMap::new();
        for (action, keys) in actions {
            let parsed = keys
                .iter()
                .map(|k| {
                    Key::parse(k).ok_or_else(|| KeymapError::BadKey {
                        origin: origin.to_string(),
                        scope,
                        action,
                        key: k.clone(),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            scoped.insert(action, parsed);
        }
        out.insert(scope, scoped);
    }
    Ok(out)
}

impl Keymap {
    /// The embedded defaults.
    pub fn defaults() -> Keymap {
        // The embedded file is checked by a test; an error here is a build defect.
        Keymap::with_user(None).unwrap_or_else(|_| Keymap::from_bindings(BTreeMap::new()))
    }

    /// Defaults overridden by a user file's text (`origin` names it in errors).
    pub fn with_user(user: Option<(&str, &str)>) -> Result<Keymap, KeymapError> {
        let mut bindings = parse_file(DEFAULT, "(built-in)")?;
        if let Some((src, origin)) = user {
            for (scope, actions) in parse_file(src, origin)? {
                let scoped = bindings.entry(scope).or_default();
                for (action, keys) in actions {
                    scoped.insert(action, keys);
                }
            }
        }
        Ok(Keymap::from_bindings(bindings))
    }

    fn from_bindings(bindings: BTreeMap<Scope, BTreeMap<Action, Vec<Key>>>) -> Keymap {
        let mut lookup = HashMap::new();
        let mut conflicts = Vec::new();
        for (scope, actions) in &bindings {
            for (action, keys) in actions {
                for key in keys {
                    if let Some(first) = lookup.insert((*scope, *key), *action) {
                        if first != *action {
                            conflicts.push(KeyConflict {
                                scope: *scope,
                                key: *key,
                                first,
                                second: *action,
                            });
                        }
                        // Keep the first binding so behaviour stays predictable.
                        lookup.insert((*scope, *key), first);
                    }
                }
            }
        }
        Keymap {
            bindings,
            lookup,
            conflicts,
        }
    }

    /// The action for a key in a scope, falling back to the global scope.
    pub fn action(&self, scope: Scope, key: Key) -> Option<Action> {
        self.lookup
            .get(&(scope, key))
            .or_else(|| self.lookup.get(&(Scope::Global, key)))
            .copied()
    }

    /// Keys of an action in a scope (global included when the scope has none).
    pub fn keys(&self, scope: Scope, action: Action) -> &[Key] {
        self.bindings
            .get(&scope)
            .and_then(|a| a.get(&action))
            .or_else(|| {
                self.bindings
                    .get(&Scope::Global)
                    .and_then(|a| a.get(&action))
            })
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// `"j/↓"`: the keys of an action for a hint.
    pub fn hint(&self, scope: Scope, action: Action) -> String {
        self.keys(scope, action)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Every binding, by scope, for the help overlay.
    pub fn entries(&self) -> impl Iterator<Item = (Scope, Action, &[Key])> {
        self.bindings.iter().flat_map(|(scope, actions)| {
            actions.iter().map(move |(a, k)| (*scope, *a, k.as_slice()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::KeyCode;

    #[test]
    fn defaults_parse_without_conflicts() {
        let km = Keymap::with_user(None).unwrap();
        assert!(km.conflicts.is_empty(), "{:?}", km.conflicts);
        assert_eq!(
            km.action(Scope::List, Key::char('j')),
            Some(Action::SelectDown)
        );
        assert_eq!(
            km.action(Scope::List, Key::ctrl('c')),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            km.action(Scope::Detail, Key::plain(KeyCode::Backspace)),
            Some(Action::Back)
        );
    }

    #[test]
    fn user_file_overrides_only_what_it_names() {
        let km = Keymap::with_user(Some(("[list]\nselect_down = [\"J\"]\n", "user.toml"))).unwrap();
        assert_eq!(
            km.action(Scope::List, Key::char('J')),
            Some(Action::SelectDown)
        );
        assert_eq!(km.action(Scope::List, Key::char('j')), None);
        assert_eq!(
            km.action(Scope::List, Key::char('k')),
            Some(Action::SelectUp)
        );
    }

    #[test]
    fn reports_conflicts_with_both_names() {
        let km = Keymap::with_user(Some(("[list]\nrefresh = [\"j\"]\n", "user.toml"))).unwrap();
        assert_eq!(km.conflicts.len(), 1);
        let text = km.conflicts[0].to_string();
        assert!(
            text.contains("select_down") && text.contains("refresh") && text.contains("[list]"),
            "{text}"
        );
        assert_eq!(Action::CheckCardUpdater.name(), "check_card_updater");
        // Every name is the one the key map file spells.
        let toml = include_str!("../../assets/keymap.toml");
        for (_, action, _) in Keymap::defaults().entries() {
            assert!(
                toml.contains(&format!("\n{} = ", action.name())),
                "{action:?}"
            );
        }
    }

    #[test]
    fn unknown_action_and_bad_key_are_errors() {
        let e = Keymap::with_user(Some(("[list]\nfly = [\"x\"]\n", "user.toml"))).unwrap_err();
        assert!(e.to_string().contains("fly"), "{e}");
        let e = Keymap::with_user(Some(("[list]\nrefresh = [\"ctrl-nope\"]\n", "user.toml")))
            .unwrap_err();
        assert!(e.to_string().contains("ctrl-nope"), "{e}");
        assert!(e.to_string().contains("[list] refresh"), "{e}");
    }
}
