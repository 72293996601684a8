//! A read as the provider answered it, for the raw view: plain data, filled by the api layer
//! (`api::raw`), masked there.

/// The most of a body kept for the raw view; a longer one is cut (and says so).
pub const RAW_MAX: usize = 256 * 1024;

/// A read as the provider answered it, masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBody {
    /// `GET /customers/v4/orgs/telco/accounts/8f0e…`.
    pub request: String,
    pub status: u16,
    /// Pretty-printed JSON (or the text, when it is not JSON), IBANs and PANs masked.
    pub body: String,
    /// The body's full length when it was longer than [`RAW_MAX`].
    pub cut_from: Option<usize>,
}
