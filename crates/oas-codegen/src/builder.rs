//! Generating models from a build script, in the style of `prost_build::Config`: the models are
//! written as one file into `OUT_DIR` and `include!`d by the crate that builds them.

use std::path::{Path, PathBuf};

use oas_parser::Diagnostic;

use crate::GenerateError;
use crate::generate::{GeneratedFile, Provenance, apply_settings, lower_spec};
use crate::plan::Plan;
use crate::settings::{FieldOverride, Settings};

/// The file the models are written to, in the output folder, unless [`Builder::file_name`] says
/// otherwise.
pub const DEFAULT_FILE_NAME: &str = "models.rs";

/// Generates a spec's models into one Rust file from `build.rs`.
///
/// In `build.rs` (the crate includes the file with
/// `pub mod models { include!(concat!(env!("OUT_DIR"), "/models.rs")); }`):
///
/// ```no_run
/// oas_codegen::Builder::new("openapi.yaml")
///     .roots(["Pet"])
///     .generate()
///     .expect("the models generate");
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    spec: PathBuf,
    settings: Settings,
    settings_file: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: String,
    rerun_if_changed: bool,
}

impl Builder {
    /// Generates every schema of the OpenAPI document at `spec` (JSON or YAML; 3.0, 3.1, 3.2).
    ///
    /// ```
    /// let builder = oas_codegen::Builder::new("openapi.yaml");
    /// ```
    pub fn new(spec: impl AsRef<Path>) -> Builder {
        let spec = spec.as_ref().to_path_buf();
        let settings = Settings::standalone(&spec.display().to_string(), "models", Vec::new());
        Builder {
            spec,
            settings,
            settings_file: None,
            out_dir: None,
            file_name: DEFAULT_FILE_NAME.to_owned(),
            rerun_if_changed: true,
        }
    }

    /// Takes the roots, secrets, field overrides and undeclared-key choice from a settings file
    /// (the format of `spec/codegen.toml`); its `spec` is found beside it.
    ///
    /// ```
    /// let settings = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/codegen.toml");
    /// let builder = oas_codegen::Builder::from_settings_file(settings)?;
    /// # Ok::<(), oas_codegen::GenerateError>(())
    /// ```
    pub fn from_settings_file(path: impl AsRef<Path>) -> Result<Builder, GenerateError> {
        let path = path.as_ref();
        let settings = Settings::load(path)?;
        let spec = path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(&settings.spec);
        Ok(Builder {
            settings_file: Some(path.to_path_buf()),
            settings,
            ..Builder::new(spec)
        })
    }

    /// Generates only these schemas (wire names) and what they reference.
    ///
    /// ```
    /// let builder = oas_codegen::Builder::new("openapi.yaml").roots(["Pet", "Store"]);
    /// ```
    pub fn roots<I, S>(mut self, roots: I) -> Builder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.settings.roots = roots.into_iter().map(Into::into).collect();
        self
    }

    /// Never prints the value of this field (`schema.property`, wire names) in `Debug`.
    ///
    /// ```
    /// let builder = oas_codegen::Builder::new("openapi.yaml").secret("Client.secret");
    /// ```
    pub fn secret(mut self, field: impl Into<String>) -> Builder {
        self.settings.secrets.fields.push(field.into());
        self
    }

    /// States what the spec says only in prose about a field (`schema.property`): a value set,
    /// a format, a pattern, an example.
    ///
    /// ```
    /// use oas_codegen::settings::FieldOverride;
    ///
    /// let method = FieldOverride {
    ///     enum_values: Some(vec!["basic".into(), "post".into()]),
    ///     ..FieldOverride::default()
    /// };
    /// let builder = oas_codegen::Builder::new("openapi.yaml").field("Client.method", method);
    /// ```
    pub fn field(mut self, field: impl Into<String>, facts: FieldOverride) -> Builder {
        self.settings.fields.insert(field.into(), facts);
        self
    }

    /// Whether structs keep the keys their schema does not declare (the default) or drop them.
    ///
    /// ```
    /// let builder = oas_codegen::Builder::new("openapi.yaml").keep_undeclared_keys(false);
    /// ```
    pub fn keep_undeclared_keys(mut self, keep: bool) -> Builder {
        self.settings.keep_undeclared_keys = keep;
        self
    }

    /// Writes into `dir` instead of `OUT_DIR`.
    ///
    /// ```
    /// let builder = oas_codegen::Builder::new("openapi.yaml").out_dir("generated");
    /// ```
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Builder {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Names the file the models are written to (default `models.rs`).
    ///
    /// ```
    /// let builder = oas_codegen::Builder::new("openapi.yaml").file_name("petstore.rs");
    /// ```
    pub fn file_name(mut self, name: impl Into<String>) -> Builder {
        self.file_name = name.into();
        self
    }

    /// Whether [`generate`](Builder::generate) prints `cargo:rerun-if-changed` for the spec and
    /// the settings file (on by default; off outside a build script).
    ///
    /// ```
    /// let builder = oas_codegen::Builder::new("openapi.yaml").rerun_if_changed(false);
    /// ```
    pub fn rerun_if_changed(mut self, print: bool) -> Builder {
        self.rerun_if_changed = print;
        self
    }

    /// Generates the models and writes them (only when they changed, so cargo does not rebuild
    /// for nothing); returns the parser's warnings, the path of the file written, and stops
    /// on a spec with errors.
    ///
    /// ```
    /// let out = std::env::temp_dir().join(format!("builder-doc-{}", std::process::id()));
    /// let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/ory-oauth2-client.yaml");
    /// let (file, warnings) = oas_codegen::Builder::new(spec)
    ///     .roots(["oAuth2Client"])
    ///     .out_dir(&out)
    ///     .rerun_if_changed(false)
    ///     .generate()?;
    /// let models = std::fs::read_to_string(&file)?;
    /// assert!(models.contains("pub struct OAuth2Client"));
    /// assert!(warnings.is_empty());
    /// # std::fs::remove_dir_all(&out)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generate(self) -> Result<(PathBuf, Vec<Diagnostic>), GenerateError> {
        if self.rerun_if_changed {
            println!("cargo:rerun-if-changed={}", self.spec.display());
            if let Some(settings) = &self.settings_file {
                println!("cargo:rerun-if-changed={}", settings.display());
            }
        }
        let out_dir = match self.out_dir {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(GenerateError::NoOutDir)?,
        };
        let provenance = Provenance {
            spec: self.spec.display().to_string(),
            command: "oas_codegen::Builder".to_owned(),
        };
        let lowering = lower_spec(&self.spec)?;
        let (mut ir, warnings) = (lowering.ir, lowering.diagnostics);
        apply_settings(&mut ir, &self.settings)?;
        let plan = Plan::new(&ir, &self.settings).map_err(GenerateError::Selection)?;
        let text = crate::rust::single_file(&plan, &provenance.line("//", ""));
        let file = GeneratedFile {
            path: PathBuf::from(&self.file_name),
            contents: text,
        };
        crate::output::sync(&out_dir, std::slice::from_ref(&file), false)?;
        Ok((out_dir.join(file.path), warnings))
    }
}
