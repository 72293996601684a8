//! Typed clients for the five providers: wire types, decoding, the error mapping, retries.
