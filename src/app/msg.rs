//! Messages: everything that can change the state.

use super::effect::Ticket;
use super::form::WriteOk;
use super::key::Key;
use crate::domain::card::{CardToken, CardUpdate};
use crate::domain::cashless::{Stay, Wallet};
use crate::domain::customer::{
    Account, BillingAddressRecord, Customer, PaymentMethodType, Promotion, PromotionHistoryEntry,
};
use crate::domain::transfer::MoneyOut;
use crate::domain::{ApiError, Page};

/// What an id typed after `:` turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A resource, opened in its detail view.
    Subject(Box<super::detail::Subject>),
    /// Nothing matched; the text says what was tried.
    Nothing(String),
}

/// The answer to a `Query`, as data.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A health check succeeded in this many milliseconds.
    Health {
        latency_ms: u64,
    },
    Customers(Page<Customer>),
    Accounts(Page<Account>),
    Wallets(Page<Wallet>),
    /// Moneyouts of `user` (the one asked for, or the first user when none was).
    Transfers {
        user: String,
        /// The user's name when the runner learnt it (from `list_users`).
        user_name: Option<String>,
        page: Page<MoneyOut>,
    },
    Customer(Customer),
    Account(Account),
    Wallet(Wallet),
    Stay(Stay),
    Transfer {
        user: String,
        transfer: MoneyOut,
    },
    CardToken(CardToken),
    CardUpdate(CardUpdate),
    Promotions(Vec<Promotion>),
    PromotionHistory(Vec<PromotionHistoryEntry>),
    BillingAddresses(Vec<BillingAddressRecord>),
    Found(Found),
    /// For the open-a-wallet form: the stays (or why they could not be listed) and a fresh
    /// correlation id.
    WalletFormData {
        stays: Result<Vec<Stay>, ApiError>,
        correlation_id: String,
    },
    PaymentMethods(Vec<PaymentMethodType>),
    /// The stay's wallet; `None` when it has none.
    StayWallet(Option<Wallet>),
    /// A write succeeded (its audit line is on disk).
    Written(WriteOk),
    /// An audit line was written.
    Recorded,
}

#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "a message is moved once through a channel; boxing each reply costs more than it saves"
)]
pub enum Msg {
    /// A key press from the terminal.
    Key(Key),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The terminal was resized.
    Resize { width: u16, height: u16 },
    /// Animation tick, sent only while something animates (a spinner, a toast).
    Tick,
    /// The answer to the request `ticket`.
    Reply {
        ticket: Ticket,
        result: Result<Reply, ApiError>,
    },
    /// A toast's time is up.
    ToastExpired(u64),
    /// The filter line has been still for the debounce delay; only the latest generation
    /// applies.
    FilterSettled(u64),
}
