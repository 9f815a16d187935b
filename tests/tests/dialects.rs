//! The same schemas written in OpenAPI 3.0 and in 3.1 generate the same crate: the 3.1 reader
//! feeds lowering the same view the 3.0 reader does. (`shared.rs` checks Ory's whole spec.)

use oas_codegen::Settings;
use oas_parser::{Dialect, parse_document};
use workspace_tests::to31::{check_same_crate_from_31_rewrite, rewrite_to_31};
use workspace_tests::workspace_root;

#[test]
fn our_spec_rewritten_in_31_form_generates_the_same_crate() {
    let root = workspace_root();
    let settings = Settings::load(&root.join("spec/codegen.toml")).unwrap();
    let text = std::fs::read_to_string(root.join("spec/ory-oauth2-client.yaml")).unwrap();
    let rewritten =
        serde_json::to_string(&rewrite_to_31(&parse_document(&text).unwrap().root)).unwrap();
    assert_eq!(
        parse_document(&rewritten).unwrap().dialect,
        Dialect::OpenApi31
    );
    for keyword in ["\"null\"", "\"examples\""] {
        assert!(rewritten.contains(keyword), "the rewrite uses {keyword}");
    }
    assert!(
        !rewritten.contains("\"nullable\""),
        "no 3.0 keyword is left"
    );
    let files =
        check_same_crate_from_31_rewrite(&text, &settings).unwrap_or_else(|err| panic!("{err}"));
    assert!(files > 10, "{files} files compared");
}
