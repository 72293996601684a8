//! Rendering tests: `insta` snapshots of the screen on ratatui's `TestBackend`.

mod ui {
    pub mod common;
    mod details;
    pub mod fixtures;
    mod forms;
    mod panes;
    mod search;
    mod shell;
}
