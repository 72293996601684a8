//! pxlhub PMS cashless: wallets of hotel stays.

mod client;
pub(crate) mod wire;

pub use client::PxlhubClient;
