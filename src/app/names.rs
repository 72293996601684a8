//! What the lists have learnt about customers, by id, for the session: her name (a column
//! that holds a customer id shows her name once known) and what she holds (her accounts,
//! and whether one has an active promotion: the Customers list's "Accounts"); asked for by
//! `name_loads`.

use std::collections::{BTreeMap, BTreeSet};

/// A customer's accounts and their active promotions, as far as they were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holdings {
    pub accounts: usize,
    /// Active promotions over the accounts whose promotions were read.
    pub promotions: usize,
    /// Some accounts' promotions were not read (she has more than are asked for).
    pub partial: bool,
}

impl Holdings {
    /// `0`, `2`, `2 promo` (an active promotion), `9 promo+`/`9+` when not every account's
    /// promotions were read.
    pub fn label(&self) -> String {
        let more = if self.partial { "+" } else { "" };
        if self.promotions > 0 {
            format!("{} promo{more}", self.accounts)
        } else {
            format!("{}{more}", self.accounts)
        }
    }
}

/// Customer names and holdings by id, and the ids already asked for (answered or not).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerNames {
    known: BTreeMap<String, String>,
    asked: BTreeSet<String>,
    holdings: BTreeMap<String, Result<Holdings, ()>>,
    asked_holdings: BTreeSet<String>,
}

impl CustomerNames {
    pub fn get(&self, id: &str) -> Option<&String> {
        self.known.get(id)
    }

    pub fn learn(&mut self, id: String, name: String) {
        self.known.insert(id, name);
    }

    /// Marks `id` as asked for; false when it already was.
    pub fn ask(&mut self, id: &str) -> bool {
        self.asked.insert(id.to_string())
    }

    pub fn asked(&self, id: &str) -> bool {
        self.asked.contains(id)
    }

    /// What she holds, once answered (`Err` when it could not be read).
    pub fn holdings(&self, id: &str) -> Option<Result<Holdings, ()>> {
        self.holdings.get(id).copied()
    }

    pub fn learn_holdings(&mut self, id: String, holdings: Result<Holdings, ()>) {
        self.holdings.insert(id, holdings);
    }

    /// Marks `id`'s holdings as asked for; false when they already were.
    pub fn ask_holdings(&mut self, id: &str) -> bool {
        self.asked_holdings.insert(id.to_string())
    }

    pub fn asked_holdings(&self, id: &str) -> bool {
        self.asked_holdings.contains(id)
    }

    /// The cell of a holdings column: the label once known, `?` when it could not be read,
    /// `…` while it is asked for, blank when it was not (past the rows a page asks for).
    pub fn holdings_label(&self, id: &str) -> String {
        match self.holdings(id) {
            Some(Ok(h)) => h.label(),
            Some(Err(())) => "?".into(),
            None if self.asked_holdings(id) => "…".into(),
            None => String::new(),
        }
    }
}
