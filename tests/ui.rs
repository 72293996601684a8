//! Rendering tests: `insta` snapshots of the screen on ratatui's `TestBackend`.

mod ui {
    mod case;
    mod case_watch;
    mod charts;
    mod columns;
    pub mod common;
    mod detail_mouse;
    mod details;
    mod export;
    pub mod fixtures;
    mod forms;
    mod holdings;
    mod memory;
    mod mouse;
    mod notices;
    pub mod panes;
    mod search;
    mod shell;
    mod watch;
}
