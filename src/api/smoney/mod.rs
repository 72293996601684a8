//! S-money: users and moneyouts (transfers to bank accounts).

mod client;
pub mod wire;

pub use client::{SMONEY_MEDIA_TYPE, SmoneyClient};
