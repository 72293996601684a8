//! The panes: pure `update` tests (paging, sort, filter, drill-down) and end-to-end tests
//! of the real event loop against the sandbox, driven by scripted keys.

mod panes {
    mod charts;
    mod columns;
    pub mod console;
    #[path = "../support/csv.rs"]
    pub mod csv;
    mod e2e;
    mod export;
    mod export_flow;
    mod fuzz;
    mod memory;
    mod mouse;
    mod presenter;
    mod raw;
    mod retry;
    mod search;
    mod seeded;
    mod stays;
    mod unsettled;
    mod update;
    mod watch;
    mod writes;
}
