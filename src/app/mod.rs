//! Pure application state: messages, `update`, effects as data. No I/O, no async, no terminal.
