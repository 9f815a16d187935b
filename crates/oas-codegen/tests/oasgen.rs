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
    oasgen_with(spec, out, crate_name, &[])
}

fn oasgen_with(spec: &Path, out: &Path, crate_name: &str, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_oasgen"))
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        .args(["--crate-name", crate_name])
        .args(extra)
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
    let spec = fixture("broken/dangling-ref.yaml").display().to_string();
    // Rendered like rustc: message, file:line:column, the line, a caret under the key, the
    // pointer as its label; no colors when stderr is not a terminal.
    let expected = format!(
        "\
error: dangling $ref `#/components/schemas/Nowhere`: there is no schema `Nowhere` under components.schemas
  --> {spec}:13:9
   |
13 |         missing: {{ $ref: \"#/components/schemas/Nowhere\" }}
   |         ^^^^^^^ #/components/schemas/Bad/properties/missing"
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(
        stderr.contains(&format!("{spec}:14:9")),
        "the external ref's line too: {stderr}"
    );
    assert!(
        stderr.ends_with(": 2 error(s) in the spec; nothing was generated\n"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written for a bad spec");
}

#[test]
fn a_misspelt_ref_gets_a_suggestion() {
    let dir = temp("suggest");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.json");
    std::fs::write(
        &spec,
        r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {
    "PetOwner": {"type": "object"},
    "Pet": {"type": "object", "properties": {"owner": {"$ref": "#/components/schemas/PetOnwer"}}}
  }}}"##,
    )
    .unwrap();
    let result = oasgen(&spec, &dir.join("out"), "m");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains(":4:46\n"), "{stderr}");
    assert!(
        stderr.contains(
            "= help: a schema with a similar name exists: `#/components/schemas/PetOwner`"
        ),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn message_format_json_prints_one_object_per_line_for_tools() {
    let out = temp("json");
    let result = oasgen_with(
        &fixture("broken/dangling-ref.yaml"),
        &out,
        "fixture-models",
        &["--message-format", "json"],
    );
    assert_eq!(result.status.code(), Some(1));
    assert!(
        result.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&result.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let reasons: Vec<&str> = lines
        .iter()
        .map(|l| l["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["diagnostic", "diagnostic", "error"]);
    assert_eq!(
        lines[0]["pointer"],
        "#/components/schemas/Bad/properties/missing"
    );
    assert_eq!(
        lines[0]["location"],
        serde_json::json!({"line": 13, "column": 9})
    );
    assert_eq!(lines[0]["severity"], "error");
    assert!(
        lines[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("dangling-ref.yaml")
    );

    let ok = oasgen_with(
        &fixture("parser/composition.yaml"),
        &out,
        "fixture-models",
        &["--message-format", "json"],
    );
    assert!(ok.status.success());
    let last = String::from_utf8_lossy(&ok.stdout)
        .lines()
        .last()
        .unwrap()
        .to_owned();
    let summary: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert_eq!(summary["reason"], "generated");
    assert!(summary["models"].as_u64().unwrap() > 0);
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn an_invalid_crate_name_is_refused() {
    let result = oasgen(&fixture("parser/refs.yaml"), &temp("name"), "1.bad");
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("not a valid package name"));
}
