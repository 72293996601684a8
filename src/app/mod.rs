//! Pure application state: messages, `update`, effects as data. No I/O, no async, no
//! terminal: everything here is tested as plain functions.

pub mod effect;
pub mod form;
pub mod key;
pub mod keymap;
pub mod msg;
pub mod state;
pub mod update;

pub use effect::{Effect, Query, Ticket};
pub use key::{Key, KeyCode};
pub use keymap::{Action, Keymap, Scope};
pub use msg::{Msg, Reply};
pub use state::{Environment, Health, Session, State, Tab};
pub use update::update;
