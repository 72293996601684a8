//! guichet: a keyboard-driven terminal back-office console over five payment and customer
//! APIs, with an embedded sandbox that serves all five on loopback.
//!
//! Layering (each layer depends only on those to its left):
//! `domain` ← `api`, `sandbox` ← `app` (pure state, `update`, effects as data) ← `ui` (pure
//! render) ← `runtime` (terminal, event loop, tasks). `config`, `logging` and `cli` serve the
//! binary.

pub mod api;
pub mod app;
pub mod audit;
pub mod cli;
pub mod config;
pub mod domain;
pub mod logging;
pub mod runtime;
pub mod sandbox;
pub mod ui;
