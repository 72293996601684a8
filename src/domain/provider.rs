//! The five providers the console talks to.

use serde::{Deserialize, Serialize};

/// One of the five APIs. The order is the order of the health dots in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// MasStack MasCustomers v4: customers, accounts, payment methods, promotions.
    Mascustomers,
    /// pxlhub PMS cashless: wallets of hotel stays.
    Pxlhub,
    /// S-money: transfers to bank accounts (moneyouts).
    Smoney,
    /// Lyra / PayZen V4: card tokens.
    Lyra,
    /// Monext Retail: card updater.
    Monext,
}

impl Provider {
    pub const ALL: [Provider; 5] = [
        Provider::Mascustomers,
        Provider::Pxlhub,
        Provider::Smoney,
        Provider::Lyra,
        Provider::Monext,
    ];

    /// Name shown to a support agent.
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::Mascustomers => "MasCustomers",
            Provider::Pxlhub => "pxlhub",
            Provider::Smoney => "S-money",
            Provider::Lyra => "Lyra",
            Provider::Monext => "Monext",
        }
    }

    /// Key used in config files, logs and the sandbox control endpoint.
    pub fn key(self) -> &'static str {
        match self {
            Provider::Mascustomers => "mascustomers",
            Provider::Pxlhub => "pxlhub",
            Provider::Smoney => "smoney",
            Provider::Lyra => "lyra",
            Provider::Monext => "monext",
        }
    }

    pub fn from_key(key: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.key() == key)
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.display_name())
    }
}
