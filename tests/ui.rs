//! Rendering tests: `insta` snapshots of the screen on ratatui's `TestBackend`.

mod ui {
    pub mod common;
    mod details;
    mod export;
    pub mod fixtures;
    mod forms;
    pub mod panes;
    mod shell;
}
