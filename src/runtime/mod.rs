//! The runtime: owns the terminal, runs the event loop, executes effects as tasks. The only
//! layer that touches the terminal or spawns work.

pub mod backend;
pub mod event_loop;
pub mod executor;
pub mod input;
pub mod terminal;

pub use backend::ApiRunner;
pub use event_loop::{Exit, run};
pub use executor::{QueryRunner, ReplyFuture};
