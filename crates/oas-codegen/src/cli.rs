//! The `generate` command, shared by the `oasgen` binary and `cargo xtask generate`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::generate::{Provenance, generate, lower_spec};
use crate::output::sync;
use crate::settings::Settings;

/// Generate a standalone model crate from any OpenAPI 3.0, 3.1 or 3.2 document.
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// The OpenAPI document (JSON or YAML; 3.0, 3.1 or 3.2).
    #[arg(long)]
    pub spec: PathBuf,
    /// The folder to write the crate to (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// The package name of the generated crate.
    #[arg(long)]
    pub crate_name: String,
    /// Generate only these schemas (wire names) and what they reference.
    #[arg(long, value_delimiter = ',')]
    pub roots: Vec<String>,
    /// Depend on the `oas-validate` runtime at this path (developing the runtime) instead of
    /// its published version.
    #[arg(long)]
    pub runtime_path: Option<PathBuf>,
    /// Write nothing; fail when the crate in --out is stale.
    #[arg(long)]
    pub check: bool,
    /// Whether structs keep the keys their schema does not declare and write them back.
    #[arg(long, value_enum, default_value_t = UndeclaredKeys::default())]
    pub undeclared_keys: UndeclaredKeys,
}

/// What generated structs do with keys their schema does not declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UndeclaredKeys {
    /// Keep them in an `oas_validate::UndeclaredKeys` field and write them back.
    Keep,
    /// Drop them on reading.
    Drop,
}

impl Default for UndeclaredKeys {
    fn default() -> Self {
        if crate::settings::KEEP_UNDECLARED_KEYS {
            UndeclaredKeys::Keep
        } else {
            UndeclaredKeys::Drop
        }
    }
}

impl std::fmt::Display for UndeclaredKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            UndeclaredKeys::Keep => "keep",
            UndeclaredKeys::Drop => "drop",
        })
    }
}

/// What a `generate` run did, for the caller to print.
#[derive(Debug)]
pub struct GenerateSummary {
    /// Models generated.
    pub models: usize,
    /// Files written (or stale, with --check).
    pub written: usize,
    /// Files already up to date.
    pub unchanged: usize,
    /// Milliseconds taken.
    pub millis: f64,
    /// Warnings from the parser, as text.
    pub warnings: Vec<String>,
    /// Model-level changes against the crate that was in --out.
    pub changes: Vec<crate::api::Change>,
}

/// Cargo's rule for package names: ASCII letters, digits, `-` and `_`, not starting with a digit.
fn check_crate_name(name: &str) -> Result<(), String> {
    let valid_chars = name
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    let starts_well = name
        .chars()
        .next()
        .is_some_and(|ch| ch.is_ascii_alphabetic() || ch == '_');
    if valid_chars && starts_well {
        Ok(())
    } else {
        Err(format!(
            "--crate-name `{name}` is not a valid package name: use ASCII letters, digits, `-` and `_`, starting with a letter"
        ))
    }
}

/// `path` as seen from the folder `base` (`../spec.yaml`), with `/` separators, so generated
/// files do not depend on where the checkout lives; `path` itself when no relative form exists
/// (another drive).
fn relative_to(path: &Path, base: &Path) -> String {
    match pathdiff::diff_paths(resolved(path), resolved(base)) {
        Some(relative) => relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        None => path.display().to_string(),
    }
}

/// The absolute form of `path` with symbolic links resolved as far as the path exists (the
/// output folder may not exist yet).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::env::current_dir()
        .map(|dir| dir.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name);
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(missing.iter().rev());
    resolved
}

/// Runs `generate`: spec in, crate folder out. Errors are messages for the user.
pub fn run_generate(args: &GenerateArgs, command: &str) -> Result<GenerateSummary, String> {
    let started = Instant::now();
    check_crate_name(&args.crate_name)?;
    // Paths in the files are relative to the crate: the same checkout anywhere, the same bytes.
    let spec_text = relative_to(&args.spec, &args.out);
    let mut settings = Settings::standalone(&spec_text, &args.crate_name, args.roots.clone());
    settings.krate.runtime_path = args
        .runtime_path
        .as_ref()
        .map(|runtime| relative_to(runtime, &args.out));
    settings.keep_undeclared_keys = args.undeclared_keys == UndeclaredKeys::Keep;
    let lowering = lower_spec(&args.spec).map_err(|err| err.to_string())?;
    let provenance = Provenance {
        spec: spec_text,
        command: command.to_owned(),
    };
    let generated = generate(lowering, &settings, &provenance).map_err(|err| err.to_string())?;
    let report = sync(&args.out, &generated.files, args.check).map_err(|err| err.to_string())?;
    if args.check && !report.is_fresh() {
        return Err(format!(
            "{} is stale:\n{}hint: run the same command without --check",
            args.out.display(),
            report.diff(40)
        ));
    }
    Ok(GenerateSummary {
        models: generated.model_count,
        written: report.changed.len() + report.removed.len(),
        unchanged: report.unchanged.len(),
        millis: started.elapsed().as_secs_f64() * 1000.0,
        warnings: generated.warnings.iter().map(ToString::to_string).collect(),
        changes: crate::api::changes_in(&report, &generated.api),
    })
}
