//! The `:` box's data: which kinds a text is searched as, what one group asks a provider and
//! answers, each group's state, the selection across groups, and the history of submitted
//! texts. Pure data and small pure rules; the behaviour is in `app::search`.

use super::ids::Ticket;
use super::subject::Subject;
use crate::domain::{ApiError, Provider};
use std::path::PathBuf;

/// Rows asked for per kind: the box shows the first ones and the count of all.
pub const RESULTS_PER_GROUP: u32 = 10;
/// Texts kept in the history (oldest dropped first).
pub const HISTORY_CAP: usize = 200;
/// Fewest characters searched as text (names, emails, references).
pub const MIN_TEXT: usize = 3;

/// A kind of resource the box searches, one group each, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchKind {
    /// Name, email, phone or external id (MasCustomers `q`).
    Customers,
    /// The last four characters of an IBAN or card (MasCustomers `last4`).
    Accounts,
    /// Medium reference, bracelet or QR (pxlhub `mediumRef`).
    Wallets,
    /// Guest name (pxlhub `guestName`).
    Stays,
    /// Transfer number, across users (S-money `moneyout_id`).
    Transfers,
}

impl SearchKind {
    pub const ALL: [SearchKind; 5] = [
        SearchKind::Customers,
        SearchKind::Accounts,
        SearchKind::Wallets,
        SearchKind::Stays,
        SearchKind::Transfers,
    ];

    pub fn provider(self) -> Provider {
        match self {
            SearchKind::Customers | SearchKind::Accounts => Provider::Mascustomers,
            SearchKind::Wallets | SearchKind::Stays => Provider::Pxlhub,
            SearchKind::Transfers => Provider::Smoney,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            SearchKind::Customers => "Customers",
            SearchKind::Accounts => "Accounts",
            SearchKind::Wallets => "Wallets",
            SearchKind::Stays => "Stays",
            SearchKind::Transfers => "Transfers",
        }
    }

    /// What the kind is searched by, for the status line and the command line.
    pub fn by(self) -> &'static str {
        match self {
            SearchKind::Customers => "name, email, phone or external id",
            SearchKind::Accounts => "last four of IBAN or card",
            SearchKind::Wallets => "medium reference",
            SearchKind::Stays => "guest name",
            SearchKind::Transfers => "transfer number",
        }
    }

    /// Whether `text` (trimmed) is searched as this kind.
    pub fn applies(self, text: &str) -> bool {
        let chars = text.chars().count();
        let digits = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
        match self {
            SearchKind::Customers => chars >= MIN_TEXT,
            SearchKind::Accounts => chars == 4 && text.chars().all(|c| c.is_ascii_alphanumeric()),
            // References are codes: a digit in them, no space.
            SearchKind::Wallets => {
                (MIN_TEXT..=64).contains(&chars)
                    && text.chars().any(|c| c.is_ascii_digit())
                    && !text.contains(char::is_whitespace)
            }
            SearchKind::Stays => chars >= MIN_TEXT && text.chars().any(char::is_alphabetic),
            SearchKind::Transfers => digits && text.len() <= 18,
        }
    }
}

/// Longest text searched (the providers' search parameters take no more).
pub const MAX_TEXT: usize = 200;

/// The kinds `text` is searched as, in display order.
pub fn kinds_for(text: &str) -> Vec<SearchKind> {
    let text = text.trim();
    if text.chars().count() > MAX_TEXT {
        return Vec::new();
    }
    SearchKind::ALL
        .into_iter()
        .filter(|k| k.applies(text))
        .collect()
}

/// One line for a hit: what tells it apart at a glance (IBANs masked).
pub fn hit_line(hit: &Subject) -> String {
    use crate::domain::customer::PaymentMethod;
    let money = super::format::money;
    match hit {
        Subject::Customer(c) => {
            let mut parts = vec![c.name.clone(), c.external_id.clone()];
            parts.extend(c.email.clone());
            parts.extend(c.phone.clone());
            parts.join(" · ")
        }
        Subject::Account(a) => {
            let method = match &a.payment_method {
                PaymentMethod::DirectDebit { iban } => format!("IBAN {}", iban.masked()),
                PaymentMethod::CreditCard { .. } => "card".to_string(),
                PaymentMethod::Unknown { .. } => "payment method unknown".to_string(),
            };
            format!(
                "{} · {method} · {} · customer {}",
                super::subject::short_id(&a.id),
                a.status,
                super::subject::short_id(&a.customer_id)
            )
        }
        Subject::Wallet(w) => format!(
            "{} · {} {} · {} · stay {}",
            w.medium_ref.as_deref().unwrap_or("no medium"),
            money(w.balance),
            w.currency,
            w.status,
            super::subject::short_id(&w.stay_id)
        ),
        Subject::Stay(s) => format!(
            "{} · {} → {}{}",
            s.guest_name,
            s.arrival,
            s.departure,
            s.establishment_name
                .as_ref()
                .map(|n| format!(" · {n}"))
                .unwrap_or_default()
        ),
        Subject::Transfer { user, transfer } => format!(
            "transfer {} · user {user} · {} · {}",
            transfer.id,
            money(transfer.amount),
            transfer.operation_date.date_naive()
        ),
        Subject::Pending { kind, id } => format!("{} {id}", kind.label()),
    }
}

/// One group's request: search `text` as `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchCall {
    pub kind: SearchKind,
    pub text: String,
}

/// One group's answer: the first hits (each a whole resource, opened as it is) and how many
/// there are in all, when the provider says.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHits {
    pub hits: Vec<Subject>,
    pub total: Option<u64>,
}

/// Where one group stands.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupState {
    /// The profile has no such provider.
    NotConfigured,
    Searching(Ticket),
    Found(SearchHits),
    /// The provider answered that it has no such search (a 400 to the parameter).
    Unsupported,
    /// Anything else: the provider's code (or what went wrong) and its headline.
    Failed {
        code: String,
        headline: String,
    },
}

impl GroupState {
    /// The state a failed search leaves: "not supported" for a 400, else "failed: code".
    pub fn failed(e: &ApiError) -> GroupState {
        if e.status == Some(400) {
            return GroupState::Unsupported;
        }
        let code = e
            .code
            .clone()
            .or_else(|| e.status.map(|s| s.to_string()))
            .unwrap_or_else(|| format!("{:?}", e.kind).to_lowercase());
        GroupState::Failed {
            code,
            headline: e.headline(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub kind: SearchKind,
    pub state: GroupState,
}

impl Group {
    pub fn hits(&self) -> &[Subject] {
        match &self.state {
            GroupState::Found(h) => &h.hits,
            _ => &[],
        }
    }
}

/// The search under way in the `:` box.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchBox {
    /// The text the groups are for (trimmed).
    pub text: String,
    /// The generation of the debounce waiting to send `Msg::FilterSettled`.
    pub debounce: Option<u64>,
    pub groups: Vec<Group>,
    /// Index of the chosen hit, counted across the groups in order.
    pub selected: Option<usize>,
}

impl SearchBox {
    /// Every hit, in the order shown.
    pub fn hits(&self) -> impl Iterator<Item = &Subject> {
        self.groups.iter().flat_map(|g| g.hits().iter())
    }

    pub fn hit_count(&self) -> usize {
        self.groups.iter().map(|g| g.hits().len()).sum()
    }

    /// Whether a results list is on screen (↑/↓ then choose in it).
    pub fn showing(&self) -> bool {
        !self.groups.is_empty()
    }

    pub fn searching(&self) -> bool {
        self.groups
            .iter()
            .any(|g| matches!(g.state, GroupState::Searching(_)))
    }

    /// The chosen hit, if any.
    pub fn chosen(&self) -> Option<&Subject> {
        self.hits().nth(self.selected?)
    }

    /// Moves the choice by `delta` within the hits (stops at the ends).
    pub fn choose(&mut self, delta: isize) {
        let n = self.hit_count();
        if n == 0 {
            self.selected = None;
            return;
        }
        let next = match self.selected {
            None if delta > 0 => 0,
            None => n - 1,
            Some(i) => i.saturating_add_signed(delta).min(n - 1),
        };
        self.selected = Some(next);
    }

    /// Every ticket the groups wait on.
    pub fn tickets(&self) -> Vec<Ticket> {
        self.groups
            .iter()
            .filter_map(|g| match g.state {
                GroupState::Searching(t) => Some(t),
                _ => None,
            })
            .collect()
    }
}

/// The texts submitted in the `:` box, oldest first, with a place while browsing it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub entries: Vec<String>,
    /// The entry shown while browsing (`None`: the text being typed).
    pub cursor: Option<usize>,
    /// The text being typed when browsing began, given back past the newest entry.
    pub draft: String,
    /// Where the runtime keeps it (in the state folder); `None`: not kept.
    pub file: Option<PathBuf>,
}

impl History {
    /// From the lines of the history file: blank lines skipped, the newest `HISTORY_CAP`
    /// kept.
    pub fn from_lines(text: &str) -> History {
        let mut entries: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let extra = entries.len().saturating_sub(HISTORY_CAP);
        entries.drain(..extra);
        History {
            entries,
            ..History::default()
        }
    }

    /// The file's text: one entry per line.
    pub fn to_lines(&self) -> String {
        let mut s = self.entries.join("\n");
        if !s.is_empty() {
            s.push('\n');
        }
        s
    }

    /// Adds a submitted text as the newest entry (an earlier copy moves up); returns
    /// whether the history changed.
    pub fn push(&mut self, text: &str) -> bool {
        let text: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .trim()
            .to_string();
        self.cursor = None;
        if text.is_empty() || self.entries.last() == Some(&text) || is_account_number(&text) {
            return false;
        }
        self.entries.retain(|e| *e != text);
        self.entries.push(text);
        let extra = self.entries.len().saturating_sub(HISTORY_CAP);
        self.entries.drain(..extra);
        true
    }

    /// One step back in time (`older`) or forward from the text `current`; the text to
    /// show, or `None` at the end.
    pub fn step(&mut self, older: bool, current: &str) -> Option<String> {
        if self.entries.is_empty() {
            return None;
        }
        let next = match (self.cursor, older) {
            (None, true) => {
                self.draft = current.to_string();
                Some(self.entries.len() - 1)
            }
            (None, false) => return None,
            (Some(0), true) => return None,
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < self.entries.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        self.cursor = next;
        Some(match next {
            Some(i) => self.entries[i].clone(),
            None => std::mem::take(&mut self.draft),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_shape_of_the_text() {
        use SearchKind::*;
        assert_eq!(kinds_for("ma"), vec![]);
        assert_eq!(kinds_for("martin"), vec![Customers, Stays]);
        assert_eq!(
            kinds_for("1234"),
            vec![Customers, Accounts, Wallets, Transfers]
        );
        assert_eq!(kinds_for("elodie mart"), vec![Customers, Stays]);
        assert_eq!(kinds_for("br-12"), vec![Customers, Wallets, Stays]);
        assert_eq!(kinds_for(" 42 "), vec![Transfers]);
    }

    #[test]
    fn the_choice_stays_within_the_hits() {
        let mut b = SearchBox::default();
        b.choose(1);
        assert_eq!(b.selected, None);
    }

    #[test]
    fn history_is_capped_deduplicated_and_browsed() {
        let mut h = History::from_lines("a\n\n b \nc\n");
        assert_eq!(h.entries, ["a", "b", "c"]);
        assert!(h.push("a"));
        assert_eq!(h.entries, ["b", "c", "a"]);
        assert!(!h.push("a"));
        assert!(!h.push("  "));
        assert_eq!(h.step(true, "typing").as_deref(), Some("a"));
        assert_eq!(h.step(true, "a").as_deref(), Some("c"));
        assert_eq!(h.step(true, "c").as_deref(), Some("b"));
        assert_eq!(h.step(true, "b"), None);
        assert_eq!(h.step(false, "b").as_deref(), Some("c"));
        assert_eq!(h.step(false, "c").as_deref(), Some("a"));
        assert_eq!(h.step(false, "a").as_deref(), Some("typing"));
        assert_eq!(h.step(false, "typing"), None);
        for i in 0..HISTORY_CAP + 10 {
            h.push(&format!("t{i}"));
        }
        assert_eq!(h.entries.len(), HISTORY_CAP);
        assert_eq!(h.entries[0], "t10");
        let back = History::from_lines(&h.to_lines());
        assert_eq!(back.entries, h.entries);
        assert!(History::from_lines("").entries.is_empty());
    }
}

/// Whether `text` is a whole IBAN or card number (13 to 19 digits, spaces and dashes
/// aside): such a text is searched but never written to the history file.
fn is_account_number(text: &str) -> bool {
    if crate::domain::iban::Iban::parse(text).is_ok() {
        return true;
    }
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    (13..=19).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod account_number_tests {
    use super::is_account_number;

    #[test]
    fn ibans_and_card_numbers_are_told_apart_from_searches() {
        assert!(is_account_number("FR76 3000 6000 0112 3456 7890 189"));
        assert!(is_account_number("4970 1012 3456 7890"));
        assert!(!is_account_number("elodie.mar"));
        assert!(!is_account_number("1475"));
        assert!(!is_account_number("C-000001"));
        assert!(!is_account_number("225"));
    }
}
