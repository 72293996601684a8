//! S-money: users and moneyouts (transfers to bank accounts).

mod client;
mod last_page;
pub(crate) mod wire;

pub use client::{SMONEY_MEDIA_TYPE, SmoneyClient};
