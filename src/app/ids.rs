//! The identities requests and views are known by.

/// Identifies one request. An answer whose ticket is no longer in the ledger is dropped.
pub type Ticket = u64;

/// Identifies one view (a list or a detail) for as long as it is open.
pub type ViewId = u64;
