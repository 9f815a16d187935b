//! Real-world checks on the files in `../shared` (Ory Hydra's payloads, the reference page).
//! They are ignored by `cargo test`, which must pass without `../shared`;
//! `cargo xtask conformance --shared ../shared` runs them with `OAS_SHARED` set.

use std::path::PathBuf;

use oas_codegen::{Provenance, Settings, generate, lower_spec};

use workspace_tests::page::property_rows;
use workspace_tests::payload::{check_breakages, check_payload};
use workspace_tests::to31::{check_same_crate_from_31_rewrite, differing_lines};
use workspace_tests::workspace_root;

fn shared() -> PathBuf {
    let dir = std::env::var_os("OAS_SHARED")
        .expect("OAS_SHARED names the shared folder (cargo xtask conformance sets it)");
    let dir = PathBuf::from(dir);
    assert!(dir.is_dir(), "{} is not a folder", dir.display());
    dir
}

#[test]
#[ignore = "reads ../shared; run by cargo xtask conformance"]
fn hydra_payloads_parse_validate_round_trip_and_hide_secrets() {
    let folder = shared().join("payloads/hydra-oauth2-clients");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|err| panic!("{}: {err}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no payloads in {}", folder.display());
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy();
        let json = std::fs::read_to_string(path).unwrap();
        match check_payload(&json).and_then(|report| Ok((report, check_breakages(&json)?))) {
            Ok((report, broken)) => println!(
                "payload ok: {name}: {} keys, validates, {broken} one-field breakages each caught at their path; null read as absent: {:?}, defaults added: {:?}",
                report.keys, report.nulls_read_as_absent, report.defaults_added
            ),
            Err(err) => failures.push(format!("{name}: {err}")),
        }
    }
    println!(
        "payloads: {} of {} pass",
        paths.len() - failures.len(),
        paths.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
#[ignore = "reads ../shared; run by cargo xtask conformance"]
fn oauth2_client_page_matches_the_shared_reference_page() {
    let reference = std::fs::read_to_string(shared().join("seed/OAuth2Client.md")).unwrap();
    let ours = std::fs::read_to_string(
        workspace_root().join("crates/ory-client-models/docs/OAuth2Client.md"),
    )
    .unwrap();
    let (reference, ours) = (property_rows(&reference), property_rows(&ours));
    assert_eq!(reference.len(), 51);
    assert_eq!(ours.len(), reference.len());
    for (mine, theirs) in ours.iter().zip(&reference) {
        assert_eq!(mine.name, theirs.name);
        assert_eq!(
            mine.description,
            decode_entities(&theirs.description),
            "{}",
            theirs.name
        );
        let optional =
            |row: &workspace_tests::page::PageRow| row.notes.iter().any(|n| n == "[optional]");
        assert_eq!(optional(mine), optional(theirs), "{}", theirs.name);
        assert_eq!(mine.default(), theirs.default(), "{}", theirs.name);
    }
    println!(
        "reference page: all {} rows match (name, order, description, [optional], default)",
        ours.len()
    );
}

#[test]
#[ignore = "reads ../shared; run by cargo xtask conformance"]
fn ory_v1_22_65_rewritten_in_31_form_generates_the_same_crate() {
    let path = shared().join("specs/ory/ory-v1.22.65.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let settings = Settings::standalone("ory-v1.22.65.json", "ory-all-models", Vec::new());
    let files = check_same_crate_from_31_rewrite(&text, &settings)
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    println!(
        "3.1 rewrite of {}: every schema, {files} generated files identical to the 3.0 original's",
        path.display()
    );
}

#[test]
#[ignore = "reads ../shared; run by cargo xtask conformance"]
fn the_pyclient_baseline_in_30_and_31_generates_the_same_crate() {
    // The same API, emitted by one generator as 3.0 and as 3.1 (type arrays, anyOf with null).
    let settings = Settings::standalone("pyclient-baseline", "pyclient-baseline", Vec::new());
    let provenance = Provenance {
        spec: "pyclient-baseline".to_owned(),
        command: "cargo xtask conformance".to_owned(),
    };
    let generate_from = |path: PathBuf| {
        let lowering = lower_spec(&path).unwrap_or_else(|err| panic!("{err}"));
        generate(lowering, &settings, &provenance).unwrap().files
    };
    let from_30 = generate_from(shared().join("specs/corpus/public/pyclient-baseline-3.0.json"));
    let from_31 = generate_from(shared().join("specs/corpus/v31/pyclient-baseline-3.1.yaml"));
    // The documents differ in one place: the 3.1 one titles `some_required_number` "Some
    // Number" (its rustdoc, its page row, its api.toml entry). Nothing else may differ.
    let differences = differing_lines(&from_30, &from_31);
    for (path, in_30, in_31) in &differences {
        assert_eq!(
            in_30.replace("Some Required Number", "Some Number"),
            *in_31,
            "{path}: a difference the documents do not explain"
        );
    }
    assert_eq!(differences.len(), 3, "{differences:#?}");
    println!(
        "pyclient-baseline 3.0 and 3.1: {} generated files, identical but for the one title the documents differ in",
        from_30.len()
    );
}

#[test]
#[ignore = "reads ../shared; run by cargo xtask conformance"]
fn regenerating_from_ory_v1_22_65_changes_exactly_the_rows_whose_descriptions_changed() {
    let root = workspace_root();
    let settings = Settings::load(&root.join("spec/codegen.toml")).unwrap();
    let provenance = Provenance {
        spec: "ory-v1.22.65.json".to_owned(),
        command: "cargo xtask conformance".to_owned(),
    };
    let (older, newer) = (
        shared().join("specs/ory/ory-v1.20.22.json"),
        shared().join("specs/ory/ory-v1.22.65.json"),
    );
    let generated = generate(lower_spec(&newer).unwrap(), &settings, &provenance).unwrap();
    let page = generated
        .files
        .iter()
        .find(|file| file.path.to_str() == Some("docs/OAuth2Client.md"))
        .expect("the page is generated");
    let committed =
        std::fs::read_to_string(root.join("crates/ory-client-models/docs/OAuth2Client.md"))
            .unwrap();
    let (before, after) = (property_rows(&committed), property_rows(&page.contents));
    let names = |rows: &[workspace_tests::page::PageRow]| {
        rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        names(&before),
        names(&after),
        "the same 51 properties, in the same order"
    );
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(old, new)| old != new)
        .map(|(old, _)| old.name.as_str())
        .collect();
    let described = |path: &PathBuf| -> Vec<(String, Option<String>)> {
        let spec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        spec["components"]["schemas"]["oAuth2Client"]["properties"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(name, property)| {
                (
                    name.clone(),
                    property["description"].as_str().map(str::to_owned),
                )
            })
            .collect()
    };
    let expected: Vec<String> = described(&older)
        .into_iter()
        .zip(described(&newer))
        .filter(|(old, new)| old != new)
        .map(|(old, _)| old.0)
        .collect();
    println!(
        "regeneration from ory-v1.22.65: {} rows changed: {changed:?}",
        changed.len()
    );
    let committed_api =
        std::fs::read_to_string(root.join("crates/ory-client-models/api.toml")).unwrap();
    let model_changes = oas_codegen::api::changes(Some(&committed_api), &generated.api);
    for change in &model_changes {
        println!("  {change}");
    }
    assert!(
        model_changes.iter().all(|change| !change.breaking),
        "a docs-only release breaks nothing"
    );
    assert_eq!(
        changed, expected,
        "exactly the rows whose spec descriptions changed"
    );
}

/// The reference page's HTML entities (`&#x60;` for a backtick, `&#39;` for an apostrophe).
fn decode_entities(text: &str) -> String {
    text.replace("&#x60;", "`")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
