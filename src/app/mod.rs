//! Pure application state: messages, `update`, effects as data. No I/O, no async, no
//! terminal: everything here is tested as plain functions.

pub mod detail;
mod drill;
pub mod effect;
pub mod fields;
pub mod form;
pub mod key;
pub mod keymap;
pub mod list;
pub mod msg;
pub mod nav;
pub mod resources;
pub mod state;
pub mod text;
pub mod update;
mod views;
mod write_answers;
pub mod write_flow;

pub use effect::{Effect, Query, Ticket};
pub use key::{Key, KeyCode};
pub use keymap::{Action, Keymap, Scope};
pub use msg::{Found, Msg, Reply};
pub use state::{Environment, Health, Session, State, Tab};
pub use update::update;
