//! Lyra / PayZen V4: card tokens and the connectivity check.

mod client;
pub(crate) mod wire;

pub use client::LyraClient;
