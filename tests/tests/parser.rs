//! Snapshots of the IR (and diagnostics) that `oas-parser` produces for our spec and the fixtures.

use oas_parser::{Diagnostic, Ir, lower, parse_document};
use serde::Serialize;
use workspace_tests::workspace_root;

/// What a snapshot records: the IR and every diagnostic.
#[derive(Serialize)]
struct Lowered {
    diagnostics: Vec<String>,
    ir: Ir,
}

fn lower_text(text: &str) -> Result<Lowered, Diagnostic> {
    let document = parse_document(text)?;
    let lowering = lower(&document);
    Ok(Lowered {
        diagnostics: lowering
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect(),
        ir: lowering.ir,
    })
}

#[test]
fn our_spec_lowers_without_diagnostics() {
    let text =
        std::fs::read_to_string(workspace_root().join("spec/ory-oauth2-client.yaml")).unwrap();
    let lowered = lower_text(&text).unwrap();
    assert!(lowered.diagnostics.is_empty(), "{:#?}", lowered.diagnostics);
    let client = &lowered.ir.models[lowered.ir.find_by_wire_name("oAuth2Client").unwrap().0];
    let oas_parser::ir::ModelKind::Struct(body) = &client.kind else {
        panic!("oAuth2Client is a struct");
    };
    assert_eq!(body.fields.len(), 51);
    insta::assert_yaml_snapshot!("ory_oauth2_client_ir", lowered);
}

#[test]
fn fixtures_lower_as_snapshotted() {
    insta::glob!("../fixtures/parser", "*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let lowered = lower_text(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        assert!(
            lowered.diagnostics.iter().all(|d| !d.starts_with("error")),
            "{}: {:#?}",
            path.display(),
            lowered.diagnostics
        );
        insta::assert_yaml_snapshot!(lowered);
    });
}

/// Lowers a construct fixture, which has no error.
fn lower_constructs(file: &str) -> Lowered {
    let path = workspace_root().join("tests/fixtures/codegen").join(file);
    let lowered = lower_text(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(
        lowered.diagnostics.iter().all(|d| !d.starts_with("error")),
        "{:#?}",
        lowered.diagnostics
    );
    lowered
}

#[test]
fn the_31_constructs_lower_as_snapshotted() {
    insta::assert_yaml_snapshot!("constructs_31_ir", lower_constructs("constructs-31.yaml"));
}

#[test]
fn the_20_constructs_lower_as_snapshotted() {
    insta::assert_yaml_snapshot!("constructs_20_ir", lower_constructs("constructs-20.yaml"));
}

#[test]
fn broken_fixtures_report_diagnostics() {
    insta::glob!("../fixtures/broken", "*.*", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let diagnostics: Vec<String> = match lower_text(&text) {
            Err(fatal) => vec![fatal.to_string()],
            Ok(lowered) => lowered.diagnostics,
        };
        assert!(
            diagnostics.iter().any(|d| d.starts_with("error")),
            "{} must fail: {diagnostics:#?}",
            path.display()
        );
        insta::assert_yaml_snapshot!(diagnostics);
    });
}

#[test]
fn broken_schemas_do_not_lose_their_neighbours() {
    let text =
        std::fs::read_to_string(workspace_root().join("tests/fixtures/broken/invalid-schema.yaml"))
            .unwrap();
    let lowered = lower_text(&text).unwrap();
    let fine = lowered
        .ir
        .find_by_wire_name("Fine")
        .expect("the valid schema is still lowered");
    assert!(matches!(
        lowered.ir.models[fine.0].kind,
        oas_parser::ir::ModelKind::Struct(_)
    ));
}
