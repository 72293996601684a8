//! End-to-end tests: the built binary in a pseudo-terminal, keys typed, the screen read
//! through a vt100 parser. Every wait is for a screen condition with a deadline.

mod e2e {
    mod browse;
    mod case;
    mod charts;
    mod columns;
    mod export;
    pub mod harness;
    mod memory;
    mod mouse;
    mod pressure;
    mod search;
    mod shell;
    mod terminal;
    mod watch;
    mod writes;
}
