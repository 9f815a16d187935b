//! The `generate` command, shared by the `oasgen` binary and `cargo xtask generate`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use oas_parser::Diagnostic;

use crate::GenerateError;
use crate::generate::{Generated, Provenance, generate_with, lower_spec_text};
use crate::output::Target;
use crate::settings::Settings;

/// Generate a standalone model crate from any OpenAPI 3.0, 3.1 or 3.2 (or Swagger 2.0) document.
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// The OpenAPI document (JSON or YAML; 3.0, 3.1, 3.2, or Swagger 2.0).
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
    /// How diagnostics and the summary are printed.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// How a `generate` run reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// Diagnostics like rustc's on stderr (colored on a terminal unless `NO_COLOR` is set),
    /// the summary on stdout.
    Human,
    /// One JSON object per line on stdout, each with a `reason`: `diagnostic` (file, severity,
    /// pointer, location, message, help), `error` (message) or `generated` (the summary).
    Json,
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
    /// Warnings from the parser.
    pub warnings: Vec<Diagnostic>,
    /// Model-level changes against the crate that was in --out.
    pub changes: Vec<crate::api::Change>,
    /// The spec's text, to show the lines the warnings are on.
    pub spec_source: String,
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

/// Why a `generate` run failed.
#[derive(Debug)]
pub enum RunError {
    /// The spec has errors, each naming its node.
    Spec(Vec<Diagnostic>),
    /// Anything else, as a message for the user.
    Message(String),
}

impl From<GenerateError> for RunError {
    fn from(error: GenerateError) -> Self {
        match error {
            GenerateError::Spec { diagnostics, .. } => RunError::Spec(diagnostics),
            other => RunError::Message(other.to_string()),
        }
    }
}

impl From<String> for RunError {
    fn from(message: String) -> Self {
        RunError::Message(message)
    }
}

/// Runs `generate`: spec in, crate folder out.
pub fn run_generate(args: &GenerateArgs, command: &str) -> Result<GenerateSummary, RunError> {
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
    let (lowering, spec_source) = lower_spec_text(&args.spec)?;
    let provenance = Provenance {
        spec: spec_text,
        command: command.to_owned(),
    };
    // Each file is compared and written as soon as it is made.
    let target = Target::open(&args.out, args.check);
    let (generated, puts) =
        generate_with(lowering, &settings, &provenance, |file| target.put(file))?;
    let report = target.finish(&generated.files, puts)?;
    if args.check && !report.is_fresh() {
        return Err(RunError::Message(format!(
            "{} is stale:\n{}hint: run the same command without --check",
            args.out.display(),
            report.diff(40)
        )));
    }
    let changes = crate::api::changes_in(&report, &generated.api);
    let (written, unchanged) = (
        report.changed.len() + report.removed.len(),
        report.unchanged.len(),
    );
    drop(report);
    let Generated {
        files,
        warnings,
        model_count,
        api,
    } = generated;
    oas_parser::parallel::release((files, api));
    Ok(GenerateSummary {
        models: model_count,
        written,
        unchanged,
        millis: started.elapsed().as_secs_f64() * 1000.0,
        warnings,
        changes,
        spec_source,
    })
}

/// Prints what a `generate` run has to say, in the chosen [`MessageFormat`]; shared by `oasgen`
/// and `cargo xtask generate`.
pub struct Reporter {
    format: MessageFormat,
    spec: PathBuf,
}

impl Reporter {
    /// A reporter for the run `args` describes.
    pub fn new(args: &GenerateArgs) -> Self {
        Reporter {
            format: args.message_format,
            spec: args.spec.clone(),
        }
    }

    /// Prints the run's outcome: its diagnostics, then the summary (`tool: N models; …`) or the
    /// error. Returns whether the run succeeded.
    pub fn finish(&self, tool: &str, outcome: &Result<GenerateSummary, RunError>) -> bool {
        match outcome {
            Ok(summary) => {
                self.diagnostics(&summary.warnings, Some(&summary.spec_source));
                self.summary(tool, summary);
                true
            }
            Err(RunError::Spec(diagnostics)) => {
                let text = std::fs::read_to_string(&self.spec).ok();
                self.diagnostics(diagnostics, text.as_deref());
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                self.error(&format!(
                    "{}: {errors} error(s) in the spec; nothing was generated",
                    self.spec.display()
                ));
                false
            }
            Err(RunError::Message(message)) => {
                self.error(message);
                false
            }
        }
    }

    /// Prints `diagnostics`, showing their lines of the spec's `text` when known.
    fn diagnostics(&self, diagnostics: &[Diagnostic], text: Option<&str>) {
        if diagnostics.is_empty() {
            return;
        }
        let file = self.spec.display().to_string();
        match self.format {
            MessageFormat::Human => crate::report::eprint_human(diagnostics, &file, text),
            MessageFormat::Json => {
                for diagnostic in diagnostics {
                    println!("{}", crate::report::json(diagnostic, &file));
                }
            }
        }
    }

    fn error(&self, message: &str) {
        match self.format {
            MessageFormat::Human => eprintln!("error: {message}"),
            MessageFormat::Json => println!(
                "{}",
                serde_json::json!({"reason": "error", "message": message})
            ),
        }
    }

    fn summary(&self, tool: &str, summary: &GenerateSummary) {
        match self.format {
            MessageFormat::Human => {
                println!(
                    "{tool}: {} models; {} files written, {} unchanged ({:.1} ms)",
                    summary.models, summary.written, summary.unchanged, summary.millis
                );
                for change in &summary.changes {
                    println!("  {change}");
                }
            }
            MessageFormat::Json => {
                let changes: Vec<String> =
                    summary.changes.iter().map(ToString::to_string).collect();
                println!(
                    "{}",
                    serde_json::json!({
                        "reason": "generated",
                        "models": summary.models,
                        "written": summary.written,
                        "unchanged": summary.unchanged,
                        "warnings": summary.warnings.len(),
                        "changes": changes,
                    })
                );
            }
        }
    }
}
