//! The embedded sandbox over real HTTP: each provider's routes, auth, errors, paging,
//! idempotency, durability, faults and the OpenAPI documents.

#[path = "sandbox/bench.rs"]
mod bench;
#[path = "sandbox/common.rs"]
mod common;
#[path = "sandbox/examples.rs"]
mod examples;
#[path = "sandbox/faults.rs"]
mod faults;
#[path = "sandbox/judge.rs"]
mod judge;
#[path = "sandbox/lyra_monext.rs"]
mod lyra_monext;
#[path = "sandbox/mascustomers.rs"]
mod mascustomers;
#[path = "sandbox/mascustomers_writes.rs"]
mod mascustomers_writes;
#[path = "sandbox/openapi.rs"]
mod openapi;
#[path = "sandbox/paging.rs"]
mod paging;
#[path = "sandbox/pxlhub.rs"]
mod pxlhub;
#[path = "sandbox/search.rs"]
mod search;
#[path = "sandbox/search_naive.rs"]
mod search_naive;
#[path = "sandbox/seed_examples.rs"]
mod seed_examples;
#[path = "sandbox/shared.rs"]
mod shared;
#[path = "sandbox/smoke.rs"]
mod smoke;
#[path = "sandbox/smoney.rs"]
mod smoney;
#[path = "sandbox/stays.rs"]
mod stays;
#[path = "sandbox/strict.rs"]
mod strict;
#[path = "sandbox/throttle.rs"]
mod throttle;
