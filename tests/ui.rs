//! Rendering tests: `insta` snapshots of the screen on ratatui's `TestBackend`.

mod ui {
    mod case;
    pub mod common;
    mod details;
    pub mod fixtures;
    mod forms;
    mod memory;
    mod notices;
    mod panes;
    mod shell;
}
