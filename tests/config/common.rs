//! Fixture helpers shared by the config tests.

use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

/// Copies a fixture into a fresh temporary dir with the given Unix mode (git keeps none).
/// `edit` may rewrite the text first.
pub fn private_copy(
    name: &str,
    mode: u32,
    edit: impl Fn(String) -> String,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    let text = std::fs::read_to_string(fixture(name)).expect("fixture");
    std::fs::write(&path, edit(text)).expect("write");
    set_mode(&path, mode);
    (dir, path)
}

#[cfg(unix)]
pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}
