//! `cargo xtask codegen [--check]`.

use std::path::Path;
use std::time::Instant;

use oas_codegen::generate_from_settings;
use oas_codegen::output::sync;

/// The settings files of the generated crates, relative to the workspace root: the shipped crate,
/// and the fixture crate the construct tests use.
pub const SETTINGS: &[&str] = &[
    "spec/codegen.toml",
    "tests/fixtures/codegen/codegen.toml",
    "tests/fixtures/codegen/codegen-31.toml",
    "tests/fixtures/codegen/codegen-20.toml",
];

/// The command named in generated files' headers.
pub const COMMAND: &str = "cargo xtask codegen";

/// Regenerates (or with `check`, verifies) every crate in [`SETTINGS`].
pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let failures: Vec<String> = SETTINGS
        .iter()
        .filter_map(|settings| run_one(root, settings, check).err())
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

fn run_one(root: &Path, settings_file: &str, check: bool) -> Result<(), String> {
    let started = Instant::now();
    let (settings, generated) = generate_from_settings(root, &root.join(settings_file), COMMAND)
        .map_err(|err| err.to_string())?;
    let output = settings.krate.path.clone().ok_or_else(|| {
        format!("{settings_file}: [crate] path is required for cargo xtask codegen")
    })?;
    if !generated.warnings.is_empty() {
        let spec = Path::new(settings_file)
            .parent()
            .unwrap_or(Path::new(""))
            .join(&settings.spec);
        let text = std::fs::read_to_string(root.join(&spec)).ok();
        let file = spec.display().to_string();
        oas_codegen::report::eprint_human(&generated.warnings, &file, text.as_deref());
    }
    let report =
        sync(&root.join(&output), &generated.files, check).map_err(|err| err.to_string())?;
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    if check {
        if report.is_fresh() {
            println!(
                "codegen --check: {output} is up to date ({} files, {} models, {elapsed_ms:.1} ms)",
                report.unchanged.len(),
                generated.model_count,
            );
            return Ok(());
        }
        eprint!("{}", report.diff(40));
        print_model_changes(&oas_codegen::api::changes_in(&report, &generated.api));
        let stale: Vec<String> = report
            .changed
            .iter()
            .map(|change| change.path.display().to_string())
            .chain(report.removed.iter().map(|path| path.display().to_string()))
            .collect();
        return Err(format!(
            "{} generated file(s) in {output} are stale: {}\nhint: run `{COMMAND}` and commit the result",
            stale.len(),
            stale.join(", ")
        ));
    }
    for change in &report.changed {
        let verb = if change.old.is_some() {
            "updated"
        } else {
            "created"
        };
        println!("  {verb} {output}/{}", change.path.display());
    }
    print_model_changes(&oas_codegen::api::changes_in(&report, &generated.api));
    for removed in &report.removed {
        println!("  removed {output}/{}", removed.display());
    }
    println!(
        "codegen: {} models; {} files written, {} unchanged, {} removed ({elapsed_ms:.1} ms)",
        generated.model_count,
        report.changed.len(),
        report.unchanged.len(),
        report.removed.len(),
    );
    Ok(())
}

/// The model-level change list, breaking changes marked.
pub fn print_model_changes(changes: &[oas_codegen::api::Change]) {
    if changes.is_empty() {
        return;
    }
    let breaking = changes.iter().filter(|change| change.breaking).count();
    println!(
        "model changes ({} in all, {breaking} breaking):",
        changes.len()
    );
    for change in changes {
        println!("  {change}");
    }
}
