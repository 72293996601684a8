//! Plain data shared by every layer: providers, money, IBAN/BIC rules, masking, pages,
//! the resources the console shows, and the one error model. Depends on nothing else here.

pub mod bic;
pub mod card;
pub mod cashless;
pub mod customer;
pub mod error;
pub mod iban;
pub mod mask;
pub mod money;
pub mod open_enum;
pub mod page;
pub mod provider;
pub mod raw;
pub mod requests;
pub mod secret;
pub mod time;
pub mod transfer;

pub use error::{ApiError, ErrorKind};
pub use money::{Cents, Currency, Money};
pub use page::{Page, PageRequest, Sort, SortDir};
pub use provider::Provider;
pub use secret::Secret;
