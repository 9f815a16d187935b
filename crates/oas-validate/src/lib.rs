//! Runtime support for models generated from OpenAPI documents.
//!
//! Generated crates depend on this one crate for everything beyond serde:
//! - [`Validate`] and its derive: the spec's constraints as checks that report every failure
//!   with its path in wire names (`jwks.keys[0].kid`);
//! - [`Nullable`]: the three states of an optional, nullable property (absent, `null`, a value);
//! - [`json`]: the four operations every model offers (`from_json`, `to_json`, `to_value`,
//!   `from_value`), with parse errors that name the path of the offending field;
//! - [`Redacted`]: `Debug` output that never shows a secret;
//! - [`base64`]: `format: byte` fields as `Vec<u8>`, base64 text in JSON;
//! - [`string_enum!`] / [`value_enum!`] / [`tagged_union!`]: the shared impls of generated enums
//!   (which keep values the spec does not list) and of unions selected by a tag.
//!
//! ```
//! use oas_validate::Validate;
//!
//! #[derive(Validate)]
//! struct Client {
//!     #[validate(pattern = "^[0-9]+(ns|us|ms|s|m|h)$")]
//!     lifespan: Option<String>,
//!     #[validate(enum_values("public", "pairwise"))]
//!     subject_type: String,
//!     #[validate(min_items = 1, items(format = "uri"))]
//!     redirect_uris: Vec<String>,
//! }
//!
//! let client = Client {
//!     lifespan: Some("1 hour".into()),
//!     subject_type: "private".into(),
//!     redirect_uris: vec!["not a uri".into()],
//! };
//! let errors = client.validate().unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     "lifespan: does not match the pattern `^[0-9]+(ns|us|ms|s|m|h)$`\n\
//!      subject_type: must be one of `public`, `pairwise`\n\
//!      redirect_uris[0]: is not a valid uri"
//! );
//! ```

pub mod base64;
pub mod de;
mod enums;
mod errors;
pub mod format;
pub mod json;
mod nullable;
mod number;
mod path;
pub mod pattern;
mod redact;
pub mod rules;
mod undeclared;
pub mod union;
mod values;

pub use errors::{Failure, ValidationError, ValidationErrors};
pub use json::JsonError;
pub use nullable::Nullable;
pub use number::Num;
pub use oas_validate_derive::{JsonObject, Validate};
pub use path::{FieldPath, Path, Segment};
pub use pattern::{Engine, Pattern};
pub use redact::Redacted;
pub use undeclared::UndeclaredKeys;
pub use values::{ItemsValue, KeysValue, Nested, NumValue, Presence, StrValue};

/// This crate's version: generated crates depend on it by this version unless told otherwise.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the exported macros name by path, so generated crates need no `use` for them.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}

/// A value that checks its own constraints.
///
/// Derive it with `#[derive(Validate)]`; see the crate docs for the rules.
pub trait Validate {
    /// Checks every rule; on failure, returns all of them, in declaration order.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.validate_at(&Path::root(), &mut errors);
        errors.into_result()
    }

    /// Checks every rule, recording failures under `path` (used for nesting).
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors);
}
