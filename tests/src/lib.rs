//! Helpers for the workspace-level tests in `tests/tests/`: where the workspace is, and the
//! payload check that both the downstream tests and `cargo xtask conformance` run.

pub mod page;
pub mod payload;
pub mod to31;

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}
