//! Pure `update` tests.
