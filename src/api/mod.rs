//! Typed clients for the five providers: wire types, decoding, the error mapping, retries.
//!
//! Build all five from a profile with [`Clients::new`]; every method is `async` and returns
//! `Result<_, domain::ApiError>`. Dropping a call's future aborts its HTTP request.

pub mod decode;
pub mod http;
pub mod mascustomers;
pub mod redact;
pub mod retry;
pub mod settings;
pub mod transport;

pub use retry::{Attempt, CallKind, RetryPolicy};
pub use settings::{ApiSettings, Auth, Endpoint};
