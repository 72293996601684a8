//! Typed clients for the five providers: wire types, decoding, the error mapping, retries.
//!
//! Build all five from a profile with [`Clients::new`]; every method is `async` and returns
//! `Result<_, domain::ApiError>`. Dropping a call's future aborts its HTTP request.

#![expect(
    clippy::result_large_err,
    reason = "ApiError is the domain's plain-data error every call returns; its size is nothing next to a network round trip"
)]

pub mod clients;
pub(crate) mod decode;
pub mod doctor;
pub(crate) mod http;
pub mod lyra;
pub mod mascustomers;
pub mod monext;
pub mod pxlhub;
pub mod raw;
pub mod redact;
pub(crate) mod request;
pub mod retry;
pub mod settings;
pub mod smoney;
pub(crate) mod transport;
pub mod writes;

pub use retry::{Attempt, CallKind, RetryPolicy};
pub use settings::{ApiSettings, Auth, Endpoint};

pub use crate::domain::requests::{
    MoneyOutBankAccount, NewMoneyOut, OpenWallet, PaymentMethodChange, RefundRequest,
};
pub use clients::Clients;
pub use doctor::{Check, DoctorRow, doctor, render_doctor_table};
pub use lyra::LyraClient;
pub use mascustomers::MasCustomersClient;
pub use monext::MonextClient;
pub use pxlhub::PxlhubClient;
pub use raw::RawBody;
pub use smoney::SmoneyClient;
pub use writes::{WireWrite, WriteMethod};
