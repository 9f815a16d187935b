//! `cargo xtask portable`: proves that a crate generated with the default options builds away
//! from this checkout, against the runtime as it would be published.
//!
//! 1. `cargo package` the runtime (`oas-validate-derive`, `oas-validate`) and the generator
//!    (`oas-parser`, `oas-codegen`): each package is built from its `.crate` as crates.io would
//!    (cargo's local registry stands in for the ones not yet published).
//! 2. Generates `spec/ory-oauth2-client.yaml` with `oasgen`'s default options into a folder
//!    outside the workspace, and checks that its manifest names the runtime by version only.
//! 3. Builds that crate offline, with `[patch.crates-io]` (on the command line, the crate left as
//!    generated) pointing `oas-validate` and `oas-validate-derive` at the packaged sources.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The packages that must be publishable, dependencies first.
const PACKAGES: &[&str] = &[
    "oas-validate-derive",
    "oas-validate",
    "oas-parser",
    "oas-codegen",
];

/// The runtime packages a generated crate depends on.
const RUNTIME: &[&str] = &["oas-validate-derive", "oas-validate"];

/// Runs the check.
pub fn run(root: &Path) -> Result<(), String> {
    forget_earlier_packages()?;
    println!("portable: packaging {}", PACKAGES.join(", "));
    let mut package = Command::new(env!("CARGO"));
    package
        .current_dir(root)
        .args(["package", "--quiet", "--allow-dirty"]);
    for name in PACKAGES {
        package.args(["-p", name]);
    }
    run_ok(&mut package, "cargo package")?;

    let folder = std::env::temp_dir().join(format!("oas-portable-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let out = folder.join("ory-models");
    println!("portable: generating into {}", out.display());
    let mut generate = crate::oasgen(root);
    generate
        .arg("--spec")
        .arg(root.join("spec/ory-oauth2-client.yaml"))
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "ory-models", "--roots", "oAuth2Client"]);
    run_ok(&mut generate, "oasgen")?;
    let manifest = std::fs::read_to_string(out.join("Cargo.toml"))
        .map_err(|err| format!("the generated Cargo.toml: {err}"))?;
    let runtime_line = manifest
        .lines()
        .find(|line| line.starts_with("oas-validate"))
        .ok_or("the generated Cargo.toml does not depend on oas-validate")?;
    if runtime_line.contains("path") {
        return Err(format!(
            "the generated crate depends on the runtime by path: {runtime_line}"
        ));
    }
    println!("portable: the crate depends on `{runtime_line}`");

    let mut build = Command::new(env!("CARGO"));
    build
        .current_dir(&out)
        .args(["build", "--quiet", "--offline"])
        .env("CARGO_TARGET_DIR", folder.join("target"));
    for name in RUNTIME {
        let source = packaged_source(root, name)?;
        build.arg("--config").arg(format!(
            "patch.crates-io.{name}.path = {:?}",
            source.display().to_string()
        ));
    }
    run_ok(&mut build, "cargo build of the generated crate")?;
    let _ = std::fs::remove_dir_all(&folder);
    println!(
        "portable: a crate generated with the default options builds against the packaged runtime"
    );
    Ok(())
}

/// Removes the sources an earlier `cargo package` of this version unpacked into cargo's cache.
/// `cargo package` verifies each crate against the others through a local registry, whose
/// sources cargo unpacks under `$CARGO_HOME/registry/src/-<hash>/` and reuses while the version
/// is unchanged: without this, a crate would be verified against the last run's copy of a
/// dependency changed since. Only those local registries (named with a leading `-`) are touched.
fn forget_earlier_packages() -> Result<(), String> {
    let cargo_home = match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home),
        None => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".cargo"),
            None => return Ok(()),
        },
    };
    let Ok(registries) = std::fs::read_dir(cargo_home.join("registry/src")) else {
        return Ok(());
    };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for name in PACKAGES {
            let unpacked = registry
                .path()
                .join(format!("{name}-{}", oas_validate::VERSION));
            if unpacked.is_dir() {
                std::fs::remove_dir_all(&unpacked)
                    .map_err(|err| format!("{}: {err}", unpacked.display()))?;
            }
        }
    }
    Ok(())
}

/// The unpacked sources `cargo package` verified for `name` (the workspace's crates share one
/// version, the runtime's).
fn packaged_source(root: &Path, name: &str) -> Result<PathBuf, String> {
    let version = oas_validate::VERSION;
    let source = root.join(format!("target/package/{name}-{version}"));
    if source.join("Cargo.toml").is_file() {
        Ok(source)
    } else {
        Err(format!("no packaged sources at {}", source.display()))
    }
}

fn run_ok(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command.status().map_err(|err| format!("{what}: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}
