//! Integration tests of the typed API clients: each method over HTTP against the embedded
//! sandbox and against wiremock with the WIRE.md bodies, the faults and their `ApiError`, write retries, cancellation, logs free of
//! secrets, and property tests of the domain validators they rely on.

#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] functions (servers, fixtures) fail the test loudly"
)]

mod api {
    pub mod sandbox_support;
    pub mod support;

    mod cancel;
    mod doctor;
    mod faults;
    mod fuzz_decoders;
    mod logs;
    mod props;
    mod raw_bodies;
    mod retries;
    mod sandbox_faults;
    mod sandbox_mas;
    mod sandbox_pay;
    mod search;
    mod wire_cards;
    mod wire_mas;
    mod wire_pxl;
    mod wire_smoney;
    mod wire_writes;
    mod writes;
}
