//! The generated OAuth2Client page carries the reference page's 51 rows: names in order,
//! description text, `[optional]` and defaults, as written down in
//! `tests/expectations/oauth2-client-page.toml`.

use serde::Deserialize;
use workspace_tests::page::property_rows;
use workspace_tests::workspace_root;

#[derive(Deserialize)]
struct Expectations {
    row: Vec<ExpectedRow>,
}

#[derive(Deserialize)]
struct ExpectedRow {
    name: String,
    description: String,
    optional: bool,
    default: Option<String>,
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(workspace_root().join(relative)).unwrap()
}

#[test]
fn oauth2_client_page_matches_the_reference_rows() {
    let expected: Expectations =
        toml::from_str(&read("tests/expectations/oauth2-client-page.toml")).unwrap();
    let rows = property_rows(&read("crates/ory-client-models/docs/OAuth2Client.md"));
    assert_eq!(expected.row.len(), 51);
    assert_eq!(rows.len(), expected.row.len(), "one row per property");
    for (row, want) in rows.iter().zip(&expected.row) {
        assert_eq!(row.name, want.name, "rows are in spec order");
        assert_eq!(
            row.description, want.description,
            "description of {}",
            want.name
        );
        assert_eq!(
            row.notes.iter().any(|n| n == "[optional]"),
            want.optional,
            "[optional] on {}",
            want.name
        );
        assert_eq!(row.default(), want.default, "default of {}", want.name);
    }
}

#[test]
fn model_types_link_their_pages() {
    let rows = property_rows(&read("crates/ory-client-models/docs/OAuth2Client.md"));
    let jwks = rows.iter().find(|row| row.name == "jwks").unwrap();
    assert!(
        jwks.type_cell
            .contains("[**JsonWebKeySet**](JsonWebKeySet.md)"),
        "{}",
        jwks.type_cell
    );
    let set = property_rows(&read("crates/ory-client-models/docs/JsonWebKeySet.md"));
    assert!(
        set[0].type_cell.contains("[**JsonWebKey**](JsonWebKey.md)"),
        "{}",
        set[0].type_cell
    );
    for page in ["OAuth2Client", "JsonWebKeySet", "JsonWebKey"] {
        let text = read(&format!("crates/ory-client-models/docs/{page}.md"));
        assert!(
            text.contains("(../README.md#models)"),
            "{page} links back to the model index"
        );
        let readme = read("crates/ory-client-models/README.md");
        assert!(
            readme.contains(&format!("(docs/{page}.md)")),
            "the index lists {page}"
        );
    }
}
