//! Rendering tests: `insta` snapshots of the screen on ratatui's `TestBackend`.

mod ui {
    mod case;
    pub mod common;
    mod details;
    mod export;
    pub mod fixtures;
    mod forms;
    mod holdings;
    mod memory;
    mod notices;
    pub mod panes;
    mod search;
    mod shell;
}
