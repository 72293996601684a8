//! The runtime: owns the terminal, runs the event loop, executes effects as tasks.
