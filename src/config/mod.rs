//! Configuration: profiles, providers, secret sources; loading and checking.
