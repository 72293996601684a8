//! The customers' names the lists have learnt, by id, for the session (a column that holds
//! a customer id shows her name once known); asked for by `name_loads`.

use std::collections::{BTreeMap, BTreeSet};

/// Customer names by id, and the ids already asked for (answered or not).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerNames {
    known: BTreeMap<String, String>,
    asked: BTreeSet<String>,
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
}
