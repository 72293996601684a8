//! The embedded sandbox: all five provider APIs on one loopback address, stateful on SQLite.
