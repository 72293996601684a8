//! Config loading, validation and secret resolution, against the fixtures in
//! tests/fixtures/config/.

mod config {
    pub mod common;
    mod load_errors;
    mod readme;
    mod resolve;
}
