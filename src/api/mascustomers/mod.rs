//! MasCustomers v4: customers, accounts, payment methods, promotions, billing addresses.

mod client;
pub(crate) mod wire;

pub use client::MasCustomersClient;
