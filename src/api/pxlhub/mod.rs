//! pxlhub PMS cashless: wallets of hotel stays.

mod client;
pub mod wire;

pub use client::PxlhubClient;
