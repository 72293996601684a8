//! The runtime: owns the terminal, runs the event loop, executes effects as tasks. The only
//! layer that touches the terminal or spawns work.

pub mod backend;
pub mod cli_data;
pub mod columns_file;
pub mod console;
pub mod demo;
pub mod event_loop;
pub mod executor;
pub mod export;
pub mod history;
pub mod input;
pub mod journal;
pub mod memory_files;
pub mod screen;
pub mod search;
pub mod setup;
pub mod sgr;
pub mod terminal;
pub mod writes;

pub use backend::ApiRunner;
pub use console::{ConsoleSetup, run_console};
pub use event_loop::{Exit, run};
pub use executor::{QueryRunner, ReplyFuture};
