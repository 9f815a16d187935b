//! Documents at the limits: 10,000 levels of nesting, `$ref` chains and cycles of 10,000 hops,
//! rings of structs, numbers of any size. Each ends in a crate or a diagnostic naming where,
//! never a crash (the test thread has the default 2 MiB stack).

use oas_codegen::{Provenance, Settings, generate};
use oas_parser::ir::{ModelKind, Type};
use oas_parser::{Diagnostic, Lowering, lower, parse_document};
use serde_json::{Value, json};

const HOPS: usize = 10_000;

fn document(schemas: serde_json::Map<String, Value>) -> String {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "limits", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas}
    })
    .to_string()
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn lowered(text: &str) -> Lowering {
    lower(&parse_document(text).unwrap_or_else(|err| panic!("{err}")))
}

fn errors(lowering: &Lowering) -> Vec<&Diagnostic> {
    lowering.errors().collect()
}

/// The one error a walk past the nesting limit gives (one, not one per schema).
fn the_nesting_error(lowering: &Lowering) -> &Diagnostic {
    let errors = errors(lowering);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("nest more than 100 levels"),
        "{}",
        errors[0]
    );
    errors[0]
}

fn generates(lowering: Lowering) {
    let settings = Settings::standalone("limits", "limits-models", Vec::new());
    let provenance = Provenance {
        spec: "limits.json".to_owned(),
        command: "test".to_owned(),
    };
    let generated = generate(lowering, &settings, &provenance).unwrap();
    for file in &generated.files {
        if file.path.extension().is_some_and(|ext| ext == "rs") {
            syn::parse_file(&file.contents).unwrap_or_else(|err| panic!("{:?}: {err}", file.path));
        }
    }
}

#[test]
fn nesting_deeper_than_the_parser_allows_is_a_syntax_diagnostic() {
    // Written by hand: building it as a `Value` would recurse as deep to drop it.
    let text = format!(
        "{{\"openapi\":\"3.0.3\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"paths\":{{}},\
         \"components\":{{\"schemas\":{{\"Deep\":{}{}{}}}}}}}",
        "{\"type\":\"object\",\"properties\":{\"p\":".repeat(HOPS),
        "{\"type\":\"string\"}",
        "}}".repeat(HOPS)
    );
    let err = parse_document(&text).unwrap_err();
    assert!(err.message.contains("nests deeper than"), "{err}");
    assert!(err.location.is_some(), "{err}");

    let yaml = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Deep: {}{{type: string}}{}\n",
        "{type: object, properties: {p: ".repeat(HOPS),
        "}}".repeat(HOPS)
    );
    let err = parse_document(&yaml).unwrap_err();
    assert!(err.message.contains("nests deeper than"), "{err}");
}

#[test]
fn nesting_within_the_parser_limit_lowers() {
    // 60 inline objects: 120 levels of JSON plus the document's own.
    let mut schema = json!({"type": "string"});
    for _ in 0..60 {
        schema = json!({"type": "object", "properties": {"p": schema}});
    }
    let lowering = lowered(&document(serde_json::Map::from_iter([(
        "Deep".into(),
        schema,
    )])));
    assert!(errors(&lowering).is_empty(), "{:?}", errors(&lowering));
    assert_eq!(lowering.ir.models.len(), 60);
    generates(lowering);
}

#[test]
fn a_ref_chain_of_10000_aliases_stops_at_the_nesting_limit() {
    let mut schemas: serde_json::Map<String, Value> = (0..HOPS)
        .map(|i| (format!("A{i}"), reference(&format!("A{}", i + 1))))
        .collect();
    schemas.insert(format!("A{HOPS}"), json!({"type": "string"}));
    let lowering = lowered(&document(schemas));
    let error = the_nesting_error(&lowering);
    assert!(
        error.pointer.starts_with("#/components/schemas/A"),
        "{error}"
    );
}

#[test]
fn a_ref_cycle_of_10000_aliases_is_a_diagnostic() {
    let schemas = (0..HOPS)
        .map(|i| (format!("L{i}"), reference(&format!("L{}", (i + 1) % HOPS))))
        .collect();
    let lowering = lowered(&document(schemas));
    the_nesting_error(&lowering);
}

#[test]
fn a_short_ref_cycle_of_aliases_is_any_value_with_a_warning() {
    let schemas = (0..3)
        .map(|i| (format!("L{i}"), reference(&format!("L{}", (i + 1) % 3))))
        .collect();
    let lowering = lowered(&document(schemas));
    assert!(errors(&lowering).is_empty(), "{:?}", errors(&lowering));
    assert!(
        lowering
            .diagnostics
            .iter()
            .any(|d| d.message.contains("only names itself"))
    );
    generates(lowering);
}

#[test]
fn an_all_of_chain_of_10000_parts_stops_at_the_nesting_limit() {
    let mut schemas: serde_json::Map<String, Value> = (0..HOPS)
        .map(|i| {
            let part = json!({
                "allOf": [reference(&format!("C{}", i + 1))],
                "properties": {format!("f{i}"): {"type": "string"}}
            });
            (format!("C{i}"), part)
        })
        .collect();
    schemas.insert(
        format!("C{HOPS}"),
        json!({"type": "object", "properties": {"x": {"type": "string"}}}),
    );
    let lowering = lowered(&document(schemas));
    the_nesting_error(&lowering);
}

/// The longest chain of structs held by value inside one another.
fn longest_by_value_chain(lowering: &Lowering) -> usize {
    let models = &lowering.ir.models;
    let mut depth: Vec<Option<usize>> = vec![None; models.len()];
    // Models only hold later-finished models by value; iterate to a fixed point.
    loop {
        let mut changed = false;
        for (index, model) in models.iter().enumerate() {
            let ModelKind::Struct(body) = &model.kind else {
                depth[index].get_or_insert(1);
                continue;
            };
            let below = body
                .fields
                .iter()
                .filter_map(|field| match &field.shape.ty {
                    Type::Model(target) if !target.boxed => Some(depth[target.id.0]),
                    _ => None,
                })
                .try_fold(0, |deepest, depth| depth.map(|depth| deepest.max(depth)));
            if let Some(below) = below
                && depth[index] != Some(below + 1)
            {
                depth[index] = Some(below + 1);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    depth
        .iter()
        .map(|depth| depth.expect("acyclic by value"))
        .max()
        .unwrap_or(0)
}

#[test]
fn a_ring_of_2000_structs_each_holding_the_first_is_boxed_into_short_chains() {
    let count = 2000;
    let schemas = (0..count)
        .map(|i| {
            let schema = json!({
                "type": "object",
                "required": ["next", "first"],
                "properties": {
                    "next": reference(&format!("R{}", (i + 1) % count)),
                    "first": reference("R0"),
                }
            });
            (format!("R{i}"), schema)
        })
        .collect();
    let lowering = lowered(&document(schemas));
    assert!(errors(&lowering).is_empty());
    let longest = longest_by_value_chain(&lowering);
    assert!(
        (2..=32).contains(&longest),
        "longest by-value chain: {longest}"
    );
    generates(lowering);
}

#[test]
fn a_chain_of_10000_structs_lowers_and_is_boxed_into_short_chains() {
    let mut schemas: serde_json::Map<String, Value> = (0..HOPS)
        .map(|i| {
            let schema = json!({
                "type": "object",
                "properties": {"next": reference(&format!("M{}", i + 1))}
            });
            (format!("M{i}"), schema)
        })
        .collect();
    schemas.insert(
        format!("M{HOPS}"),
        json!({"type": "object", "properties": {"x": {"type": "string"}}}),
    );
    let lowering = lowered(&document(schemas));
    assert!(errors(&lowering).is_empty());
    assert_eq!(lowering.ir.models.len(), HOPS + 1);
    assert!(longest_by_value_chain(&lowering) <= 32);
}

#[test]
fn numbers_of_any_size_load_with_warnings_naming_them() {
    let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    N:\n      type: object\n      properties:\n        i: {type: integer, minimum: -9223372036854775809, maximum: 1e400, default: 123456789012345678901234567890}\n        f: {type: number, format: float, default: .inf, enum: [1.5, -0, 0.1000000000000000000000000000001]}\n";
    let json = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"N": {"type": "object", "properties": {
        "i": {"type": "integer", "minimum": -9223372036854775809, "maximum": 1e400,
              "default": 123456789012345678901234567890},
        "f": {"type": "number", "format": "float", "default": 1E+999,
              "enum": [1.5, -0, 0.1000000000000000000000000000001]}}}}}}"#;
    let common = [
        "#/components/schemas/N/properties/i/minimum",
        "#/components/schemas/N/properties/i/maximum",
        "#/components/schemas/N/properties/i/default",
        "#/components/schemas/N/properties/f/default",
    ];
    // JSON's reader also sees the digits an f64 cannot keep; YAML's library hands over the f64.
    let mut json_pointers = common.to_vec();
    json_pointers.push("#/components/schemas/N/properties/f/enum/2");
    for (text, expected) in [(yaml, common.to_vec()), (json, json_pointers)] {
        let document = parse_document(text).unwrap_or_else(|err| panic!("{err}"));
        let pointers: Vec<&str> = document
            .warnings
            .iter()
            .map(|w| w.pointer.as_str())
            .collect();
        assert_eq!(pointers, expected);
        let lowering = lower(&document);
        assert!(errors(&lowering).is_empty(), "{:?}", errors(&lowering));
        assert_eq!(
            lowering.diagnostics.len(),
            expected.len(),
            "the load warnings reach the lowering"
        );
        generates(lowering);
    }
}
