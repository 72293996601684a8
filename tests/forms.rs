//! Write forms: field validation (with property tests), the submission state machine, and
//! `insta` snapshots of each form and its confirmation on ratatui's `TestBackend`.

mod forms {
    pub mod common;
    mod hostile;
    mod key_trail;
    mod machine;
    mod mouse;
    mod per_form;
    mod retry_after;
    mod snapshots;
    mod stay_picker;
    mod type_ahead;
    mod validation;
    mod wiring;
}
