//! Snapshots of each form and its confirmation.
