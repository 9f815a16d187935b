//! Turns the `oas-parser` IR into a Rust model crate and its Markdown docs.
//!
//! - [`settings`]: the generator settings file (roots, crate name, secrets, field overrides);
//! - `value_sets`: the settings' `enum_values` made enum models of the IR;
//! - `features`: the crate's cargo features, one per model;
//! - `plan`: the Rust form of every model and field, shared by both emitters;
//! - `types`: the type mapping, in one place;
//! - `rust` and `markdown`: the emitters; `rustdoc` makes descriptions safe for rustdoc;
//! - [`generate()`]: spec + settings → the crate's files;
//! - [`Builder`]: the models as one file from a build script, for `include!`.
//! - [`report`]: diagnostics rendered like rustc's, or as JSON lines for tools.

pub mod api;
mod builder;
mod cargo_toml;
pub mod cli;
mod example;
mod features;
mod generate;
mod limits;
mod markdown;
mod notes;
pub mod output;
mod plan;
pub mod reading;
pub mod report;
mod rules;
mod rust;
mod rustdoc;
pub mod settings;
mod types;
mod value_sets;

#[cfg(test)]
mod test_spec;

use std::path::PathBuf;

pub use builder::{Builder, DEFAULT_FILE_NAME};
pub use cargo_toml::STANDALONE_DEPENDENCIES;
pub use generate::{
    Generated, GeneratedFile, Provenance, generate, generate_from_settings, generate_with,
    lower_spec,
};
pub use settings::Settings;

/// Why generation stopped.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The settings file is malformed.
    #[error("{}: invalid settings: {message}", path.display())]
    Settings {
        /// The settings file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The spec has errors.
    #[error(
        "{}: the spec has errors:\n{}",
        path.display(),
        diagnostics.iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n")
    )]
    Spec {
        /// The spec file.
        path: PathBuf,
        /// Its error diagnostics.
        diagnostics: Vec<oas_parser::Diagnostic>,
    },
    /// The settings do not fit the spec: a root or a property it does not have, a value set on
    /// a field that is not a string.
    #[error("{0}")]
    Selection(String),
    /// A build script's output folder is unknown: `OUT_DIR` is not set and no folder was given.
    #[error("OUT_DIR is not set: outside a build script, give the folder with Builder::out_dir")]
    NoOutDir,
}
