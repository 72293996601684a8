//! Logging to a file in the platform state directory, never to the terminal.
