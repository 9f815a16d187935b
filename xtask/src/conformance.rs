//! `cargo xtask conformance --shared DIR`: the real-world check against `../shared`.
//!
//! 1. Lowers every spec (Ory's two, the public 3.0 corpus, the 3.1 documents of `v31/` and
//!    `v31-public/`, the Swagger 2.0 documents of `swagger2/`). For 3.1 documents it counts the
//!    schemas that use JSON Schema 2020-12 constructs and lists the warnings about rules that
//!    are documented but not checked. Ory Keto's 2.0 and 3.0 documents must give the same
//!    models (`same_api.rs`).
//! 2. Generates every schema of each lowered spec with `oasgen` and runs
//!    `cargo clippy` on the crates (zero warnings), with every feature and with two models'
//!    features alone (the first, and the one that refers to the most others), on two workers with a target folder each, so dependencies
//!    build once per worker. A sample of random documents from the fuzz
//!    targets' generator (`tests/spec-fuzz`, fixed seeds) is compiled the same way.
//! 3. Runs the ignored tests that read `../shared` (Hydra payloads, the reference page).
//!
//! Prints a table and exits non-zero on any failure not listed in `xtask/known-failures.toml`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Instant;

use serde::Deserialize;

/// One document's result.
struct Row {
    document: String,
    schemas: usize,
    models: Option<usize>,
    /// Unions read by tag, by JSON type, by best fit.
    unions: [usize; 3],
    /// For a 3.1 document: component schemas that use 2020-12 constructs.
    modern: Option<usize>,
    /// Warnings that a stated rule is not checked.
    unchecked: Vec<String>,
    /// The spec's response examples of its models.
    cases: Vec<crate::examples::Case>,
    /// What reading and writing back each example gave (when compiled).
    outcomes: Vec<crate::examples::Outcome>,
    lowered: Result<(), String>,
    compiled: Option<Result<(), String>>,
    seconds: f64,
}

/// Runs the whole check.
pub fn run(root: &Path, shared: &Path, compile: bool) -> Result<(), String> {
    let shared = shared
        .canonicalize()
        .map_err(|err| format!("--shared {}: {err}", shared.display()))?;
    let specs = shared.join("specs");
    println!("conformance: reading {}", shared.display());
    let known = known_failures(root)?;
    let mut failures: Vec<String> = Vec::new();

    println!("the same API in Swagger 2.0 and OpenAPI 3.0:");
    failures.extend(crate::same_api::compare(&specs));

    let oasgen = if compile {
        let started = Instant::now();
        let oasgen = build_oasgen(root)?;
        println!("built oasgen in {:.1} s", started.elapsed().as_secs_f64());
        Some(oasgen)
    } else {
        None
    };
    let out_root = root.join("target/conformance");
    let mut paths = documents(&specs.join("ory"))?;
    for folder in [
        "corpus/public",
        "corpus/v31",
        "corpus/v31-public",
        "corpus/swagger2",
    ] {
        paths.extend(documents(&specs.join(folder))?);
    }
    if compile {
        paths.extend(random_documents(
            &out_root.join("random-specs"),
            RANDOM_CRATES,
        )?);
    }
    let started = Instant::now();
    let mut rows: Vec<Row> = paths.iter().map(|path| lower_document(path)).collect();
    println!(
        "lowered {} documents in {:.1} s",
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    if let Some(oasgen) = &oasgen {
        let started = Instant::now();
        compile_all(&paths, &mut rows, oasgen, &runtime_path(root), &out_root);
        println!(
            "generated and linted in {:.1} s ({WORKERS} workers)",
            started.elapsed().as_secs_f64()
        );
        let started = Instant::now();
        read_examples(&mut rows, &out_root);
        println!(
            "response examples checked in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        failures.extend(example_failures(&rows, &known_examples(root)?));
    }
    print_table(&rows);

    for row in &rows {
        let stage_failure = match (&row.lowered, &row.compiled) {
            (Err(err), _) => Some(("lower", err)),
            (Ok(()), Some(Err(err))) => Some(("compile", err)),
            _ => None,
        };
        match (
            stage_failure,
            known.iter().find(|k| k.document == row.document),
        ) {
            (Some((stage, err)), Some(entry)) if entry.stage == stage => {
                println!(
                    "known failure: {} ({stage}): {err}; reason: {}",
                    row.document, entry.reason
                )
            }
            (Some((stage, err)), _) => failures.push(format!("{} ({stage}): {err}", row.document)),
            (None, Some(entry)) => println!(
                "note: {} passes now; remove its known failure ({}: {})",
                row.document, entry.stage, entry.reason
            ),
            (None, None) => {}
        }
    }

    println!("\nshared tests (payloads, reference page):");
    let started = Instant::now();
    let status = Command::new(env!("CARGO"))
        .current_dir(root)
        .args([
            "test",
            "-p",
            "workspace-tests",
            "--test",
            "shared",
            "--",
            "--ignored",
            "--nocapture",
        ])
        .env("OAS_SHARED", &shared)
        .status()
        .map_err(|err| format!("cargo test: {err}"))?;
    if !status.success() {
        failures.push("the tests reading ../shared failed (see above)".to_owned());
    }
    println!("shared tests took {:.1} s", started.elapsed().as_secs_f64());

    if failures.is_empty() {
        println!("conformance: all checks passed");
        Ok(())
    } else {
        Err(format!(
            "conformance: {} regression(s):\n  {}",
            failures.len(),
            failures.join("\n  ")
        ))
    }
}

/// How many random documents conformance generates, compiles and lints.
const RANDOM_CRATES: usize = 6;

/// `cargo xtask random-crates --count N`: generates, compiles and lints the crates of `count`
/// random documents (fixed seeds; no `../shared` needed). Fails on any crate that does not
/// compile clippy-clean.
pub fn run_random(root: &Path, count: usize) -> Result<(), String> {
    let oasgen = build_oasgen(root)?;
    let out_root = root.join("target/random-crates");
    let paths = random_documents(&out_root.join("specs"), count)?;
    let mut rows: Vec<Row> = paths.iter().map(|path| lower_document(path)).collect();
    let started = Instant::now();
    compile_all(&paths, &mut rows, &oasgen, &runtime_path(root), &out_root);
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|row| match (&row.lowered, &row.compiled) {
            (Err(err), _) | (Ok(()), Some(Err(err))) => Some(format!("{}: {err}", row.document)),
            _ => None,
        })
        .collect();
    println!(
        "random crates: {} of {count} compile clippy-clean ({:.1} s; documents in {})",
        count - failures.len(),
        started.elapsed().as_secs_f64(),
        out_root.join("specs").display()
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "random crates failing:\n  {}",
            failures.join("\n  ")
        ))
    }
}

/// Writes `count` random documents (fixed seeds, the fuzz targets' generator) that lower
/// without errors into `folder`, named `random-<seed>.json`, and returns their paths.
fn random_documents(folder: &Path, count: usize) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(folder).map_err(|err| format!("{}: {err}", folder.display()))?;
    let mut paths = Vec::new();
    for seed in 0.. {
        if paths.len() == count {
            break;
        }
        let bytes = spec_fuzz::document::seeded_bytes(seed, 1 << 14);
        let text = spec_fuzz::document::document(&mut arbitrary::Unstructured::new(&bytes), 12)
            .map_err(|err| format!("random document {seed}: {err}"))?;
        let lowers = spec_fuzz::check::load_and_lower(&text).is_some_and(|lowering| {
            lowering.errors().next().is_none() && lowering.ir.models.len() > 4
        });
        if lowers {
            let path = folder.join(format!("random-{seed}.json"));
            std::fs::write(&path, text).map_err(|err| format!("{}: {err}", path.display()))?;
            paths.push(path);
        }
    }
    Ok(paths)
}

/// How many documents are generated and linted at once.
const WORKERS: usize = 2;

/// Generates and lints every lowered document on [`WORKERS`] workers, the most models first,
/// each worker with its own target folder (cargo locks a target folder per run, so a shared one
/// would serialize them).
fn compile_all(
    paths: &[PathBuf],
    rows: &mut [Row],
    oasgen: &Path,
    runtime: &Path,
    out_root: &Path,
) {
    let mut queue: Vec<usize> = (0..paths.len())
        .filter(|&index| rows[index].lowered.is_ok())
        .collect();
    // Popped from the back: the largest first, so the workers finish close together.
    queue.sort_by_key(|&index| rows[index].models.unwrap_or(0));
    let total = queue.len();
    let queue = Mutex::new(queue);
    let done = Mutex::new(Vec::with_capacity(total));
    std::thread::scope(|scope| {
        for worker in 0..WORKERS {
            let (queue, done) = (&queue, &done);
            let target = out_root.join(format!("target-{worker}"));
            let rows = &*rows;
            scope.spawn(move || {
                loop {
                    let Some(index) = queue.lock().expect("queue lock").pop() else {
                        break;
                    };
                    let started = Instant::now();
                    let document = &rows[index].document;
                    let result = generate_and_check(
                        &paths[index],
                        oasgen,
                        runtime,
                        &out_root.join(document),
                        &target,
                    );
                    let seconds = started.elapsed().as_secs_f64();
                    let mut done = done.lock().expect("results lock");
                    let verdict = if result.is_ok() {
                        "compiles, clippy clean (all features; two models alone)"
                    } else {
                        "FAILS"
                    };
                    println!(
                        "  [{}/{total}] {document}: {verdict} ({seconds:.1} s)",
                        done.len() + 1
                    );
                    done.push((index, result, seconds));
                }
            });
        }
    });
    for (index, result, seconds) in done.into_inner().expect("results lock") {
        rows[index].compiled = Some(result);
        rows[index].seconds = seconds;
    }
}

/// Loads and lowers one document, counting its schemas, models and unions.
fn lower_document(path: &Path) -> Row {
    let document = name_of(path);
    let mut row = Row {
        document,
        schemas: 0,
        models: None,
        unions: [0; 3],
        modern: None,
        unchecked: Vec::new(),
        cases: Vec::new(),
        outcomes: Vec::new(),
        lowered: Ok(()),
        compiled: None,
        seconds: 0.0,
    };
    let lowered = std::panic::catch_unwind(|| {
        let loaded = oas_parser::load_file(path).map_err(|d| d.to_string())?;
        let named = loaded.root.pointer(&loaded.dialect.models_pointer()[1..]);
        let schemas = named.and_then(|s| s.as_object()).map_or(0, |s| s.len());
        let lowering = oas_parser::lower(&loaded);
        let errors: Vec<String> = lowering.errors().map(ToString::to_string).collect();
        let unions = union_readings(&lowering.ir);
        let modern = (loaded.dialect == oas_parser::Dialect::OpenApi31)
            .then(|| crate::dialect::schemas_using_2020_12(&loaded.root));
        let unchecked: Vec<String> = lowering
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("is not checked"))
            .map(ToString::to_string)
            .collect();
        let counts = (schemas, lowering.ir.models.len(), unions, modern);
        let cases = crate::examples::response_examples(&loaded.root, &lowering.ir);
        Ok::<_, String>((counts, unchecked, cases, errors))
    });
    match lowered {
        Err(_) => row.lowered = Err("the parser panicked".to_owned()),
        Ok(Err(diagnostic)) => row.lowered = Err(diagnostic),
        Ok(Ok(((schemas, models, unions, modern), unchecked, cases, errors))) => {
            row.schemas = schemas;
            row.models = Some(models);
            row.unions = unions;
            row.modern = modern;
            row.unchecked = unchecked;
            row.cases = cases;
            if let Some(first) = errors.first() {
                row.lowered = Err(format!("{} error(s), first: {first}", errors.len()));
            }
        }
    }
    row
}

/// Generates a crate for the whole document and runs `cargo clippy` on it, with every feature
/// (the default) and then with a sample of single model features alone; any warning, from rustc
/// or clippy, counts as a failure.
fn generate_and_check(
    spec: &Path,
    oasgen: &Path,
    runtime: &Path,
    out: &Path,
    target: &Path,
) -> Result<(), String> {
    let crate_name = crate_name(out);
    let generated = Command::new(oasgen)
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        .arg("--crate-name")
        .arg(&crate_name)
        // The runtime is not published: build against this checkout's.
        .arg("--runtime-path")
        .arg(runtime)
        .output()
        .map_err(|err| format!("oasgen: {err}"))?;
    if !generated.status.success() {
        return Err(format!(
            "oasgen failed: {}",
            String::from_utf8_lossy(&generated.stderr).trim()
        ));
    }
    clippy(out, target, &[])?;
    for feature in sampled_features(out)? {
        clippy(
            out,
            target,
            &["--no-default-features", "--features", &feature],
        )
        .map_err(|err| format!("with only feature `{feature}`: {err}"))?;
    }
    Ok(())
}

/// How many single model features conformance lints per crate.
const SAMPLED_FEATURES: usize = 2;

/// The first model's feature of a generated crate (`full` lists them all), and the feature of
/// the model that refers to the most others.
fn sampled_features(crate_dir: &Path) -> Result<Vec<String>, String> {
    #[derive(Deserialize)]
    struct Manifest {
        features: std::collections::BTreeMap<String, Vec<String>>,
    }
    let manifest: Manifest = read_toml(&crate_dir.join("Cargo.toml"))?;
    let all = manifest.features.get("full").cloned().unwrap_or_default();
    // The model that refers to the most others exercises the most imports between modules.
    let widest = all
        .iter()
        .max_by_key(|name| manifest.features.get(*name).map_or(0, Vec::len));
    let mut sample: Vec<String> = all.first().into_iter().chain(widest).cloned().collect();
    sample.dedup();
    sample.truncate(SAMPLED_FEATURES);
    Ok(sample)
}

/// `cargo clippy` on a generated crate with extra arguments; any warning fails.
fn clippy(out: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let checked = generated_crate_cargo(out, target)
        .args(["clippy", "--quiet", "--message-format", "short"])
        .args(args)
        .output()
        .map_err(|err| format!("cargo clippy: {err}"))?;
    let stderr = String::from_utf8_lossy(&checked.stderr);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|line| {
            line.starts_with("error") || line.contains(": error") || line.contains(": warning")
        })
        .collect();
    if checked.status.success() && problems.is_empty() {
        Ok(())
    } else {
        let first = problems
            .first()
            .copied()
            .unwrap_or_else(|| stderr.lines().last().unwrap_or_default());
        Err(format!(
            "{} problem(s) in cargo clippy, first: {first}",
            problems.len().max(1)
        ))
    }
}

/// `cargo` run in the generated (or harness) crate at `dir` with the target folder `target`,
/// set up to keep the disk small: dozens of crates are built, so no incremental cache and no
/// debug info (the CI machine's disk has run out with both).
pub fn generated_crate_cargo(dir: &Path, target: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "0");
    command
}

/// The workspace's `oas-validate`: generated crates build against it here, since it is not
/// published.
pub fn runtime_path(root: &Path) -> PathBuf {
    root.join("crates/oas-validate")
}

/// The package name of the crate generated into `out`.
fn crate_name(out: &Path) -> String {
    let stem = out.file_name().unwrap_or_default().to_string_lossy();
    format!("conformance-{stem}")
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
        .collect()
}

/// Reads every response example into the model generated for it and writes it back, one spec
/// at a time (each harness builds its spec's crate).
fn read_examples(rows: &mut [Row], out_root: &Path) {
    let target = out_root.join("examples-target");
    for row in rows.iter_mut().filter(|row| !row.cases.is_empty()) {
        if !matches!(row.compiled, Some(Ok(()))) {
            continue;
        }
        let started = Instant::now();
        let crate_dir = out_root.join(&row.document);
        let harness = out_root.join("examples").join(&row.document);
        match crate::examples::run(
            &row.cases,
            &crate_dir,
            &crate_name(&crate_dir),
            &harness,
            &target,
        ) {
            Ok(outcomes) => row.outcomes = outcomes,
            Err(err) => row.outcomes = vec![crate::examples::Outcome::Unread(err); row.cases.len()],
        }
        println!(
            "  {}: {} examples read and written back ({:.1} s)",
            row.document,
            row.cases.len(),
            started.elapsed().as_secs_f64()
        );
    }
}

/// Builds `oasgen` in the dev profile: `cargo test` has already built it there, and a release
/// build would cost CI two minutes to save seconds of generation.
fn build_oasgen(root: &Path) -> Result<PathBuf, String> {
    println!("building oasgen...");
    let status = Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["build", "--quiet", "-p", "oas-codegen", "--bin", "oasgen"])
        .status()
        .map_err(|err| format!("cargo build: {err}"))?;
    if !status.success() {
        return Err("building oasgen failed".to_owned());
    }
    Ok(root.join("target/debug/oasgen"))
}

/// How many unions of the IR are read by tag, by JSON type and by best fit.
fn union_readings(ir: &oas_parser::Ir) -> [usize; 3] {
    use oas_codegen::reading::{Reading, reading};
    let mut counts = [0; 3];
    for model in &ir.models {
        if let oas_parser::ir::ModelKind::Union(union) = &model.kind {
            counts[match reading(ir, union) {
                Reading::Tag => 0,
                Reading::JsonType => 1,
                Reading::Shape => 2,
            }] += 1;
        }
    }
    counts
}

fn print_table(rows: &[Row]) {
    println!(
        "\n{:<42} {:>7} {:>7} {:>8} {:>9} {:>8} {:>7} {:>9} {:>15}  unions by tag/type/fit",
        "document",
        "schemas",
        "models",
        "lowered",
        "compiles",
        "seconds",
        "2020-12",
        "unchecked",
        "examples r/u/n"
    );
    for row in rows {
        let lowered = if row.lowered.is_ok() { "yes" } else { "NO" };
        let compiles = match &row.compiled {
            None => "-",
            Some(Ok(())) => "yes",
            Some(Err(_)) => "NO",
        };
        let [tag, json_type, fit] = row.unions;
        let examples = if row.outcomes.is_empty() {
            "-".to_owned()
        } else {
            let read = row
                .outcomes
                .iter()
                .filter(|o| !matches!(o, crate::examples::Outcome::Unread(_)))
                .count();
            let unchanged = row
                .outcomes
                .iter()
                .filter(|o| matches!(o, crate::examples::Outcome::Unchanged))
                .count();
            format!("{read}/{unchanged}/{}", row.outcomes.len())
        };
        println!(
            "{:<42} {:>7} {:>7} {:>8} {:>9} {:>8.1} {:>7} {:>9} {examples:>15}  {tag}/{json_type}/{fit}",
            row.document,
            row.schemas,
            row.models.map_or("-".to_owned(), |m| m.to_string()),
            lowered,
            compiles,
            row.seconds,
            row.modern.map_or("-".to_owned(), |m| m.to_string()),
            row.unchecked.len(),
        );
    }
    for row in rows.iter().filter(|row| !row.unchecked.is_empty()) {
        println!("{}: rules stated but not checked:", row.document);
        for warning in &row.unchecked {
            println!("  {warning}");
        }
    }
    let lowered = rows.iter().filter(|r| r.lowered.is_ok()).count();
    let compiled = rows
        .iter()
        .filter(|r| matches!(r.compiled, Some(Ok(()))))
        .count();
    println!(
        "{} documents: {lowered} lowered, {compiled} compiled",
        rows.len()
    );
}

/// `xtask/known-example-mismatches.toml`: response examples that contradict their own spec.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownExamples {
    #[serde(default)]
    mismatch: Vec<KnownMismatch>,
}

/// Examples of one document that are expected not to round-trip, for one reason.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownMismatch {
    document: String,
    reason: String,
    examples: Vec<String>,
}

fn known_examples(root: &Path) -> Result<Vec<KnownMismatch>, String> {
    read_toml::<KnownExamples>(&root.join("xtask/known-example-mismatches.toml"))
        .map(|known| known.mismatch)
}

/// Reads and parses a TOML file of this tool's; errors name the file.
fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    toml::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))
}

/// Every example that did not read and write back unchanged and is not a known mismatch; a
/// known mismatch that now passes is reported so it can be removed.
fn example_failures(rows: &[Row], known: &[KnownMismatch]) -> Vec<String> {
    use crate::examples::Outcome;
    let mut failures = Vec::new();
    let mut expected = 0;
    for row in rows {
        for (case, outcome) in row.cases.iter().zip(&row.outcomes) {
            let entry = known
                .iter()
                .find(|k| k.document == row.document && k.examples.contains(&case.pointer));
            let problem = match outcome {
                Outcome::Unchanged => {
                    if let Some(entry) = entry {
                        println!(
                            "note: {} {} reads and writes back now; remove it from the known mismatches ({})",
                            row.document, case.pointer, entry.reason
                        );
                    }
                    continue;
                }
                Outcome::Changed(difference) => format!("written back changed: {difference}"),
                Outcome::Unread(error) => format!("not read: {error}"),
            };
            match entry {
                Some(_) => expected += 1,
                None => failures.push(format!(
                    "{} example {} ({}): {problem}",
                    row.document, case.pointer, case.model
                )),
            }
        }
    }
    if expected > 0 {
        println!(
            "{expected} example(s) are known not to match their spec (xtask/known-example-mismatches.toml)"
        );
    }
    failures
}

/// `xtask/known-failures.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownFailures {
    #[serde(default)]
    failure: Vec<KnownFailure>,
}

/// A document expected to fail, at which stage, and why.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownFailure {
    document: String,
    stage: String,
    reason: String,
}

fn known_failures(root: &Path) -> Result<Vec<KnownFailure>, String> {
    read_toml::<KnownFailures>(&root.join("xtask/known-failures.toml")).map(|known| known.failure)
}

fn documents(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(folder).map_err(|err| format!("{}: {err}", folder.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "json" || ext == "yaml" || ext == "yml")
        })
        .collect();
    paths.sort();
    Ok(paths)
}

fn name_of(path: &Path) -> String {
    path.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}
