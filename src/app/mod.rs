//! Pure application state: messages, `update`, effects as data. No I/O, no async, no
//! terminal: everything here is tested as plain functions.
//!
//! Inside, modules only depend downwards: the shell (`update`) on the view handlers
//! (`list_view`, `detail_view`, `prompt`, `goto`, `retry_wait`, `unsettled_flow`,
//! `write_flow`, `write_answers`), those on `memory` and `loads`, and everything on the
//! state and its parts (`state`, `nav`, `places`, `memory_items`, `list`, `detail`,
//! `form_slot`, `confirm_guard`, `form`, `resources`, `effect`, `msg`, `keymap`, `key`, `text`).

pub mod case;
pub mod case_lines;
pub mod case_loads;
pub mod case_view;
pub mod chart;
pub mod chart_loads;
pub mod columns;
pub mod columns_flow;
pub mod confirm_guard;
pub mod copy;
pub mod detail;
pub mod detail_view;
pub mod effect;
pub mod export;
pub mod export_flow;
pub mod export_io;
pub mod export_job;
pub mod fields;
pub mod footer;
pub mod form;
pub mod form_slot;
pub mod format;
pub mod goto;
pub mod ids;
pub mod key;
pub mod key_trail;
pub mod keymap;
pub mod list;
pub mod list_view;
pub mod load;
pub mod loads;
pub mod memory;
pub mod memory_items;
pub mod mouse;
pub mod msg;
pub mod name_loads;
pub mod names;
pub mod nav;
pub mod places;
pub mod pointer;
pub mod prompt;
pub mod resources;
pub mod retry_wait;
pub mod search;
pub mod search_box;
pub mod state;
pub mod subject;
pub mod text;
pub mod unsettled;
pub mod unsettled_flow;
pub mod update;
pub mod watch;
pub mod watched;
mod write_answers;
pub mod write_flow;

pub use effect::{Effect, Query, Ticket, ViewId};
pub use key::{Key, KeyCode};
pub use keymap::{Action, Keymap, Scope};
pub use msg::{Msg, Reply};
pub use state::{Environment, Health, Session, State, Tab};
pub use update::update;
