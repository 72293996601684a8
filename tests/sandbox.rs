//! The embedded sandbox over real HTTP: each provider's routes, auth, errors, paging,
//! idempotency, durability, faults and the OpenAPI documents.

#[path = "sandbox/common.rs"]
mod common;
#[path = "sandbox/mascustomers.rs"]
mod mascustomers;
#[path = "sandbox/openapi.rs"]
mod openapi;
#[path = "sandbox/pxlhub.rs"]
mod pxlhub;
#[path = "sandbox/smoke.rs"]
mod smoke;
