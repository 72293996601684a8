//! Per-resource list rules: which fields the API sorts on (WIRE.md), the default sort, how
//! the filter line becomes server-side parameters, and how a reply becomes a page.

use super::effect::Query;
use super::msg::Reply;
use crate::domain::cashless::Wallet;
use crate::domain::customer::{Account, Customer};
use crate::domain::transfer::MoneyOut;
use crate::domain::{Page, PageRequest, Sort, SortDir};

/// The four listable resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Customers,
    Accounts,
    Wallets,
    Transfers,
}

impl ListKind {
    /// Fields the API sorts on, in the order `s` cycles through them.
    pub fn sort_fields(self) -> &'static [&'static str] {
        match self {
            ListKind::Customers => &["name", "email", "external_id", "created_at"],
            ListKind::Accounts => &["created_at", "status", "modality"],
            ListKind::Wallets => &["openedAt", "balanceCents", "status"],
            ListKind::Transfers => &["operationdate", "amount", "id"],
        }
    }

    pub fn default_sort(self) -> Sort {
        match self {
            ListKind::Customers => Sort::new("name", SortDir::Asc),
            ListKind::Accounts => Sort::new("created_at", SortDir::Desc),
            ListKind::Wallets => Sort::new("openedAt", SortDir::Desc),
            ListKind::Transfers => Sort::new("operationdate", SortDir::Desc),
        }
    }

    /// Plural noun for titles and empty-list messages.
    pub fn noun(self) -> &'static str {
        match self {
            ListKind::Customers => "customers",
            ListKind::Accounts => "accounts",
            ListKind::Wallets => "wallets",
            ListKind::Transfers => "transfers",
        }
    }

    /// What the filter line accepts, for the pane's hint.
    pub fn filter_hint(self) -> &'static str {
        match self {
            ListKind::Customers => "name, email or external id",
            ListKind::Accounts => "customer id (uuid)",
            ListKind::Wallets => "status:open|closed and/or an establishment uuid",
            ListKind::Transfers => "S-money AppUserId (e.g. C-000123)",
        }
    }

    /// Whether the provider gives a total (S-money does not).
    pub fn has_total(self) -> bool {
        self != ListKind::Transfers
    }
}

/// Server-side parameters parsed from the filter line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WalletFilter {
    pub establishment_id: Option<String>,
    pub status: Option<String>,
}

/// `status:open 3f2a…` → status and establishment; a bare word that is not a uuid is taken
/// as a status, so `open` works too.
pub fn parse_wallet_filter(text: &str) -> WalletFilter {
    let mut f = WalletFilter::default();
    for word in text.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        if let Some(s) = lower.strip_prefix("status:") {
            if !s.is_empty() {
                f.status = Some(s.to_string());
            }
        } else if let Some(e) = lower
            .strip_prefix("establishment:")
            .or_else(|| lower.strip_prefix("establishmentid:"))
        {
            if !e.is_empty() {
                f.establishment_id = Some(e.to_string());
            }
        } else if looks_like_uuid(&lower) {
            f.establishment_id = Some(lower);
        } else {
            f.status = Some(lower);
        }
    }
    f
}

/// 8-4-4-4-12 hex digits.
pub fn looks_like_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    parts.len() == 5
        && parts
            .iter()
            .zip(lens)
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The query for one page of `kind` with the filter text applied. `user` is the S-money
/// user of a transfers list (a filter text overrides it).
pub fn list_query(kind: ListKind, page: PageRequest, filter: &str, user: Option<&str>) -> Query {
    match kind {
        ListKind::Customers => Query::Customers {
            page,
            q: non_empty(filter),
        },
        ListKind::Accounts => Query::Accounts {
            page,
            customer_id: non_empty(filter).map(|s| s.to_ascii_lowercase()),
        },
        ListKind::Wallets => {
            let f = parse_wallet_filter(filter);
            Query::Wallets {
                page,
                establishment_id: f.establishment_id,
                status: f.status,
            }
        }
        ListKind::Transfers => Query::Transfers {
            user: non_empty(filter).or_else(|| user.map(str::to_string)),
            page,
            find_last: false,
        },
    }
}

/// The S-money user of a transfers page: AppUserId and name when known.
pub type UserName = (String, Option<String>);

/// A row type of a list: which kind it is and how a reply carries its page.
pub trait Row: Clone + std::fmt::Debug {
    const KIND: ListKind;
    /// The page in a reply, with the S-money user and name for transfers.
    fn page_of(reply: Reply) -> Option<(Page<Self>, Option<UserName>)>;
    /// The id copied by `y` and shown in breadcrumbs.
    fn id(&self) -> String;
}

impl Row for Customer {
    const KIND: ListKind = ListKind::Customers;
    fn page_of(reply: Reply) -> Option<(Page<Self>, Option<UserName>)> {
        match reply {
            Reply::Customers(p) => Some((p, None)),
            _ => None,
        }
    }
    fn id(&self) -> String {
        self.id.clone()
    }
}

impl Row for Account {
    const KIND: ListKind = ListKind::Accounts;
    fn page_of(reply: Reply) -> Option<(Page<Self>, Option<UserName>)> {
        match reply {
            Reply::Accounts(p) => Some((p, None)),
            _ => None,
        }
    }
    fn id(&self) -> String {
        self.id.clone()
    }
}

impl Row for Wallet {
    const KIND: ListKind = ListKind::Wallets;
    fn page_of(reply: Reply) -> Option<(Page<Self>, Option<UserName>)> {
        match reply {
            Reply::Wallets(p) => Some((p, None)),
            _ => None,
        }
    }
    fn id(&self) -> String {
        self.id.clone()
    }
}

impl Row for MoneyOut {
    const KIND: ListKind = ListKind::Transfers;
    fn page_of(reply: Reply) -> Option<(Page<Self>, Option<UserName>)> {
        match reply {
            Reply::Transfers {
                user,
                user_name,
                page,
            } => Some((page, Some((user, user_name)))),
            _ => None,
        }
    }
    fn id(&self) -> String {
        self.id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wallet_filter_syntax() {
        let f = parse_wallet_filter("status:open 3F2A0000-0000-4000-8000-000000000001");
        assert_eq!(f.status.as_deref(), Some("open"));
        assert_eq!(
            f.establishment_id.as_deref(),
            Some("3f2a0000-0000-4000-8000-000000000001")
        );
        assert_eq!(
            parse_wallet_filter("closed").status.as_deref(),
            Some("closed")
        );
        assert_eq!(parse_wallet_filter("  "), WalletFilter::default());
    }
}
