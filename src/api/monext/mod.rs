//! Monext Retail: the card updater and the connectivity check.

mod client;
pub(crate) mod wire;

pub use client::MonextClient;
