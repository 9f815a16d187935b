//! The `oasgen` binary as a user runs it: a crate from a spec, nothing rewritten on a second run,
//! and a non-zero exit naming the JSON pointer on a bad spec.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative)
}

fn oasgen(spec: &Path, out: &Path, crate_name: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_oasgen"))
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        .args(["--crate-name", crate_name])
        .output()
        .unwrap()
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("oasgen-{name}-{}", std::process::id()))
}

#[test]
fn generates_then_leaves_an_unchanged_crate_alone() {
    let out = temp("ok");
    let _ = std::fs::remove_dir_all(&out);
    let first = oasgen(&fixture("parser/composition.yaml"), &out, "fixture-models");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(out.join("Cargo.toml").exists() && out.join("src/lib.rs").exists());
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let runtime = format!("oas-validate = \"{}\"", oas_validate::VERSION);
    assert!(
        manifest.contains(&runtime),
        "the runtime by version, by default: {manifest}"
    );
    assert!(!manifest.contains("path ="), "{manifest}");
    let second = oasgen(&fixture("parser/composition.yaml"), &out, "fixture-models");
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(stdout.contains(" 0 files written"), "{stdout}");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_bad_spec_exits_non_zero_naming_the_pointer() {
    let out = temp("bad");
    let result = oasgen(&fixture("broken/dangling-ref.yaml"), &out, "fixture-models");
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("(at #/components/schemas/Bad/properties/missing)"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written for a bad spec");
}

#[test]
fn an_invalid_crate_name_is_refused() {
    let result = oasgen(&fixture("parser/refs.yaml"), &temp("name"), "1.bad");
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("not a valid package name"));
}
