//! Field validation as the user types, and property tests over generated values.
