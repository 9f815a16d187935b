//! Real-world checks on the files in `../shared` (Ory Hydra's payloads, the reference page).
//! They are ignored by `cargo test`, which must pass without `../shared`;
//! `cargo xtask conformance --shared ../shared` runs them with `OAS_SHARED` set.

use std::path::PathBuf;

use workspace_tests::page::property_rows;
use workspace_tests::payload::{check_breakages, check_payload};
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

/// The reference page's HTML entities (`&#x60;` for a backtick, `&#39;` for an apostrophe).
fn decode_entities(text: &str) -> String {
    text.replace("&#x60;", "`")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
