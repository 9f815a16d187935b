//! `cargo xtask bench-compile --spec FILE`: what a generated crate costs its users to compile.
//!
//! Generates our crate for the spec and, when `openapi-generator-cli` is installed
//! (`pip install openapi-generator-cli`, which brings its jar; Java must be on the machine),
//! openapi-generator's Rust client with its `apis` module removed, so both are models only. Then,
//! with every dependency built once beforehand, times crate-only `cargo check` and `cargo build`
//! (debug, no incremental cache) of each (and of ours with one model's feature alone, `--feature`), alternating the crates run by run so that a busy
//! machine slows both alike, and prints each median and the ratio to openapi-generator's.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One crate under measurement.
struct Subject {
    /// What the table calls it.
    label: String,
    /// The crate folder.
    dir: PathBuf,
    /// Its package name, for `cargo clean -p`.
    package: String,
    /// Extra `cargo` arguments (features).
    args: Vec<String>,
    /// Seconds per run: `cargo check`, `cargo build`.
    check: Vec<f64>,
    build: Vec<f64>,
}

/// Runs the benchmark.
pub fn run(
    root: &Path,
    spec: &Path,
    runs: usize,
    feature: Option<&str>,
    also: &[PathBuf],
) -> Result<(), String> {
    let spec = spec
        .canonicalize()
        .map_err(|err| format!("--spec {}: {err}", spec.display()))?;
    let out = root.join("target/bench-compile");
    std::fs::create_dir_all(&out).map_err(|err| format!("{}: {err}", out.display()))?;
    println!("bench-compile: {}", spec.display());

    let ours = out.join("ours");
    generate_ours(root, &spec, &ours)?;
    let mut subjects = vec![subject("oasgen", &ours, "bench-ours", Vec::new())];
    if let Some(feature) = feature {
        subjects.push(subject(
            &format!("oasgen, feature `{feature}` alone"),
            &ours,
            "bench-ours",
            vec![
                "--no-default-features".to_owned(),
                "--features".to_owned(),
                feature.to_owned(),
            ],
        ));
    }
    for dir in also {
        let package = package_name(dir)?;
        subjects.push(subject(
            &dir.display().to_string(),
            dir,
            &package,
            Vec::new(),
        ));
    }
    let baseline = out.join("openapi-generator");
    match generate_openapi_generator(&spec, &baseline) {
        Ok(()) => subjects.push(subject(
            "openapi-generator",
            &baseline,
            "bench-openapi-generator",
            Vec::new(),
        )),
        Err(reason) => println!("openapi-generator: skipped ({reason})"),
    }
    for subject in &subjects {
        warm(subject, &out)?;
    }
    for run in 0..runs {
        // Alternate the order so neither crate always runs first.
        let order: Vec<usize> = if run % 2 == 0 {
            (0..subjects.len()).collect()
        } else {
            (0..subjects.len()).rev().collect()
        };
        for index in order {
            let subject = &mut subjects[index];
            let check = timed(subject, &out, "check")?;
            let build = timed(subject, &out, "build")?;
            println!(
                "  run {}: {}: check {check:.1} s, build {build:.1} s",
                run + 1,
                subject.label
            );
            subject.check.push(check);
            subject.build.push(build);
        }
    }
    print_table(&subjects);
    Ok(())
}

fn subject(label: &str, dir: &Path, package: &str, args: Vec<String>) -> Subject {
    Subject {
        label: label.to_owned(),
        dir: dir.to_path_buf(),
        package: package.to_owned(),
        args,
        check: Vec::new(),
        build: Vec::new(),
    }
}

/// Our crate, every schema, from the `oasgen` the workspace builds.
fn generate_ours(root: &Path, spec: &Path, out: &Path) -> Result<(), String> {
    let status = crate::oasgen(root)
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        .args(["--crate-name", "bench-ours"])
        .arg("--runtime-path")
        .arg(crate::conformance::runtime_path(root))
        .status()
        .map_err(|err| format!("oasgen: {err}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "oasgen failed".to_owned())
}

/// openapi-generator's Rust client, reduced to its models: `src/apis` and the HTTP client
/// dependency removed, so the two crates offer the same kind of thing.
fn generate_openapi_generator(spec: &Path, out: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(out);
    let generated = Command::new("openapi-generator-cli")
        .args(["generate", "-g", "rust", "--skip-validate-spec", "-i"])
        .arg(spec)
        .arg("-o")
        .arg(out)
        .arg("--additional-properties=packageName=bench-openapi-generator,packageVersion=0.0.0")
        .output()
        .map_err(|err| format!("openapi-generator-cli is not installed: {err}"))?;
    if !generated.status.success() {
        let stderr = String::from_utf8_lossy(&generated.stderr);
        return Err(format!(
            "openapi-generator-cli failed: {}",
            stderr.lines().last().unwrap_or_default()
        ));
    }
    let _ = std::fs::remove_dir_all(out.join("src/apis"));
    let lib = out.join("src/lib.rs");
    let text = read(&lib)?
        .replace("pub mod apis;\n", "")
        .replace("extern crate reqwest;\n", "");
    write(&lib, &text)?;
    let manifest = out.join("Cargo.toml");
    let mut text = String::new();
    for line in read(&manifest)?.lines() {
        if line.starts_with("[features]") {
            break;
        }
        if line.starts_with("reqwest") || line.starts_with("description") {
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    text.push_str("\n[workspace]\n");
    write(&manifest, &text)
}

/// The package name in a crate folder's `Cargo.toml`.
fn package_name(dir: &Path) -> Result<String, String> {
    let path = dir.join("Cargo.toml");
    let text =
        std::fs::read_to_string(&path).map_err(|err| format!("{}: {err}", path.display()))?;
    let manifest: toml::Table = text
        .parse()
        .map_err(|err| format!("{}: {err}", path.display()))?;
    manifest
        .get("package")
        .and_then(|package| package.get("name"))
        .and_then(toml::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: no package name", path.display()))
}

/// Builds the dependencies (and the crate once, in both modes) so the timed runs compile the
/// crate alone.
fn warm(subject: &Subject, out: &Path) -> Result<(), String> {
    println!("  building {}'s dependencies...", subject.label);
    for mode in ["check", "build"] {
        compile(subject, out, mode)?;
    }
    Ok(())
}

/// One crate-only `cargo check` or `cargo build`: the crate's own artifacts are removed first.
fn timed(subject: &Subject, out: &Path, mode: &str) -> Result<f64, String> {
    let cleaned = cargo(subject, out)
        .args(["clean", "--quiet", "-p", &subject.package])
        .status()
        .map_err(|err| format!("cargo clean: {err}"))?;
    if !cleaned.success() {
        return Err(format!("cargo clean -p {} failed", subject.package));
    }
    let started = Instant::now();
    compile(subject, out, mode)?;
    Ok(started.elapsed().as_secs_f64())
}

/// `cargo check` or `cargo build` of the crate, with its features.
fn compile(subject: &Subject, out: &Path, mode: &str) -> Result<(), String> {
    let status = cargo(subject, out)
        .args([mode, "--quiet"])
        .args(&subject.args)
        .status()
        .map_err(|err| format!("cargo {mode}: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo {mode} of {} failed", subject.label))
    }
}

/// `cargo` in the crate's folder, with a target folder per crate and no incremental cache. Debug
/// info stays as users build it (unlike conformance's `generated_crate_cargo`), since it is part
/// of what `cargo build` costs them.
fn cargo(subject: &Subject, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(&subject.dir)
        .env(
            "CARGO_TARGET_DIR",
            out.join(format!("target-{}", subject.package)),
        )
        .env("CARGO_INCREMENTAL", "0");
    command
}

/// The median of `values` (the upper one of an even count).
pub(crate) fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn print_table(subjects: &[Subject]) {
    let baseline = subjects.iter().find(|s| s.label == "openapi-generator");
    println!("\n| crate | files | lines | cargo check | cargo build |");
    println!("|---|---|---|---|---|");
    for subject in subjects {
        let (files, lines) = source_size(&subject.dir.join("src"));
        let cell = |times: &[f64], base: Option<&[f64]>| match base {
            Some(base) => format!(
                "{:.1} s ({:.2}×)",
                median(times),
                median(times) / median(base)
            ),
            None => format!("{:.1} s", median(times)),
        };
        println!(
            "| {} | {files} | {lines} | {} | {} |",
            subject.label,
            cell(&subject.check, baseline.map(|b| b.check.as_slice())),
            cell(&subject.build, baseline.map(|b| b.build.as_slice())),
        );
    }
    println!("(median of the runs; ratios against openapi-generator's models, same run)");
}

/// How many `.rs` files and lines a source folder holds.
fn source_size(dir: &Path) -> (usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files += 1;
                lines += std::fs::read_to_string(&path).map_or(0, |text| text.lines().count());
            }
        }
    }
    (files, lines)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|err| format!("{}: {err}", path.display()))
}
