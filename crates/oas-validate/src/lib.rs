//! Runtime support for models generated from OpenAPI documents.
//!
//! Generated crates depend on this one crate for everything beyond serde:
//! - [`Nullable`]: the three states of an optional, nullable property (absent, `null`, a value);
//! - [`json`]: the four operations every model offers (`from_json`, `to_json`, `to_value`,
//!   `from_value`), with parse errors that name the path of the offending field;
//! - [`Redacted`]: `Debug` output that never shows a secret.

pub mod json;
mod nullable;
mod redact;

pub use json::JsonError;
pub use nullable::Nullable;
pub use redact::Redacted;
