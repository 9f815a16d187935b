//! Small OpenAPI documents for the unit tests.

/// The IR of a 3.0 document whose `components.schemas` holds `schemas` (YAML, each schema on a
/// line indented by four spaces).
pub fn lowered(schemas: &str) -> oas_parser::Ir {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{ title: t, version: \"1\" }}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
    );
    let document = oas_parser::parse_document(&spec).expect("the test document loads");
    oas_parser::lower(&document).ir
}
