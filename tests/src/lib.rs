//! Helpers for the workspace-level tests in `tests/tests/`: where the workspace is, a model's
//! round trip, and the payload check that both the downstream tests and `cargo xtask
//! conformance` run.

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

/// Reads `value` into a model, checks the model writes back the same JSON, and returns it.
pub fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> T {
    let model: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&model).unwrap(), value);
    model
}
