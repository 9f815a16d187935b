//! Rewrites an OpenAPI 3.0 document into the 3.1 form of the same schemas, as a 3.1 author (or
//! a converter) would write them, so a test can check that both generate the same crate.
//!
//! Every schema under `components.schemas` is rewritten, recursively:
//! - `nullable: true` beside `type: T` becomes `type: [T, "null"]` (with `null` added to an
//!   `enum`); without a `type`, an `enum` gains `null`, and anything else becomes
//!   `anyOf: [<the schema>, {type: "null"}]`, its annotations kept outside;
//! - a boolean `exclusiveMinimum` / `exclusiveMaximum` becomes the numeric bound;
//! - `example` becomes `examples: [example]`;
//! - `openapi` becomes `3.1.0`.

use oas_codegen::{Generated, GeneratedFile, Provenance, Settings, generate};
use oas_parser::{Dialect, lower, parse_document};
use serde_json::{Map, Value, json};

/// Annotations that stay on the outer schema when a typeless nullable schema is wrapped.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
];

/// The 3.1 form of a 3.0 document.
pub fn rewrite_to_31(document: &Value) -> Value {
    let mut document = document.clone();
    document["openapi"] = json!("3.1.0");
    if let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            rewrite_schema(schema);
        }
    }
    document
}

/// Generates the crate of the 3.0 document `text` and of its 3.1 rewrite with `settings`, and
/// checks that every file is the same; returns how many files were compared.
pub fn check_same_crate_from_31_rewrite(text: &str, settings: &Settings) -> Result<usize, String> {
    let original = parse_document(text).map_err(|err| err.to_string())?;
    if original.dialect != Dialect::OpenApi30 {
        return Err(format!("not a 3.0 document: {}", original.version));
    }
    let rewritten = serde_json::to_string_pretty(&rewrite_to_31(&original.root))
        .expect("JSON values serialize");
    let from_30 = generate_text(text, settings)?;
    let from_31 = generate_text(&rewritten, settings)?;
    if from_30.files.len() != from_31.files.len() {
        return Err(format!(
            "{} files from 3.0, {} from 3.1",
            from_30.files.len(),
            from_31.files.len()
        ));
    }
    if let Some((path, want, got)) = differing_lines(&from_30.files, &from_31.files).first() {
        return Err(format!("{path} differs:\n  3.0: {want}\n  3.1: {got}"));
    }
    Ok(from_30.files.len())
}

/// The lines that differ between two generations of the same files: `(path, line in the first,
/// line in the second)`; a file present in only one, or of another length, counts as one line.
pub fn differing_lines(
    first: &[GeneratedFile],
    second: &[GeneratedFile],
) -> Vec<(String, String, String)> {
    let mut differences = Vec::new();
    for file in first {
        let path = file.path.display().to_string();
        let Some(other) = second.iter().find(|other| other.path == file.path) else {
            differences.push((path, "(the file)".to_owned(), "(missing)".to_owned()));
            continue;
        };
        let (lines, other_lines): (Vec<&str>, Vec<&str>) = (
            file.contents.lines().collect(),
            other.contents.lines().collect(),
        );
        if lines.len() != other_lines.len() {
            let lengths = (
                format!("{} lines", lines.len()),
                format!("{} lines", other_lines.len()),
            );
            differences.push((path, lengths.0, lengths.1));
            continue;
        }
        for (line, other_line) in lines.iter().zip(&other_lines) {
            if line != other_line {
                differences.push((path.clone(), (*line).to_owned(), (*other_line).to_owned()));
            }
        }
    }
    for other in second
        .iter()
        .filter(|other| !first.iter().any(|file| file.path == other.path))
    {
        differences.push((
            other.path.display().to_string(),
            "(missing)".to_owned(),
            "(the file)".to_owned(),
        ));
    }
    differences
}

/// Generates the crate of spec text, every file headed alike; lowering errors fail.
fn generate_text(text: &str, settings: &Settings) -> Result<Generated, String> {
    let document = parse_document(text).map_err(|err| err.to_string())?;
    let lowering = lower(&document);
    let errors: Vec<String> = lowering.errors().map(ToString::to_string).collect();
    if !errors.is_empty() {
        return Err(format!(
            "{} ({}): {errors:#?}",
            document.version,
            errors.len()
        ));
    }
    let provenance = Provenance {
        spec: "spec".to_owned(),
        command: "test".to_owned(),
    };
    generate(lowering, settings, &provenance).map_err(|err| err.to_string())
}

/// Rewrites one schema and the schemas inside it.
fn rewrite_schema(schema: &mut Value) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    for key in ["items", "additionalProperties", "not"] {
        if let Some(inner) = object.get_mut(key) {
            rewrite_schema(inner);
        }
    }
    // 3.0's `allOf: [{$ref: X}, {nullable: true}]` makes the whole schema nullable.
    if let Some(Value::Array(parts)) = object.get_mut("allOf") {
        let mut nullable = false;
        for part in parts.iter_mut() {
            if let Some(part) = part.as_object_mut() {
                nullable |= part.remove("nullable") == Some(Value::Bool(true));
            }
        }
        parts.retain(|part| part.as_object().is_none_or(|part| !part.is_empty()));
        if nullable {
            object.insert("nullable".to_owned(), Value::Bool(true));
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(parts)) = object.get_mut(key) {
            parts.iter_mut().for_each(rewrite_schema);
        }
    }
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        properties.values_mut().for_each(rewrite_schema);
    }
    for (bound, limit) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Bool(exclusive)) = object.remove(bound)
            && exclusive
            && let Some(value) = object.remove(limit)
        {
            object.insert(bound.to_owned(), value);
        }
    }
    if let Some(example) = object.remove("example") {
        object.insert("examples".to_owned(), json!([example]));
    }
    if object.remove("nullable") == Some(Value::Bool(true)) {
        make_nullable(schema);
    }
}

/// States, the 3.1 way, that `null` is valid too.
fn make_nullable(schema: &mut Value) {
    let object = schema.as_object_mut().expect("only objects are rewritten");
    if let Some(Value::Array(values)) = object.get_mut("enum")
        && !values.contains(&Value::Null)
    {
        values.push(Value::Null);
    }
    match object.get("type").cloned() {
        Some(Value::String(name)) => {
            object.insert("type".to_owned(), json!([name, "null"]));
        }
        Some(_) => {}
        None if object.contains_key("enum") => {}
        // A union gains a `null` alternative.
        None if object.contains_key("oneOf") || object.contains_key("anyOf") => {
            let key = if object.contains_key("oneOf") {
                "oneOf"
            } else {
                "anyOf"
            };
            if let Some(Value::Array(alternatives)) = object.get_mut(key) {
                alternatives.push(json!({"type": "null"}));
            }
        }
        None => {
            let mut outer: Map<String, Value> = ANNOTATIONS
                .iter()
                .filter_map(|key| Some(((*key).to_owned(), object.remove(*key)?)))
                .collect();
            // The description of an inline `allOf` part describes the whole (3.0's way to
            // describe a ref); it stays visible beside the `null` alternative.
            let part_description = object
                .get("allOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|part| part.get("$ref").is_none())
                .find_map(|part| part.get("description"))
                .cloned();
            if let Some(description) = part_description {
                outer.entry("description").or_insert(description);
            }
            // `allOf: [{$ref: X}, {description: ...}]` is `X` described: the ref is the
            // alternative, the description moves out.
            let parts = object.get("allOf").and_then(Value::as_array);
            let single_ref = parts.filter(|parts| {
                object.len() == 1
                    && parts
                        .iter()
                        .filter(|part| part.get("$ref").is_some())
                        .count()
                        == 1
                    && parts.iter().all(|part| {
                        part.get("$ref").is_some()
                            || part.as_object().is_some_and(|part| {
                                part.keys().all(|key| ANNOTATIONS.contains(&key.as_str()))
                            })
                    })
            });
            let inner = match single_ref {
                Some(parts) => {
                    for part in parts.iter().filter(|part| part.get("$ref").is_none()) {
                        for (key, value) in part.as_object().into_iter().flatten() {
                            outer.entry(key.clone()).or_insert_with(|| value.clone());
                        }
                    }
                    parts
                        .iter()
                        .find(|part| part.get("$ref").is_some())
                        .cloned()
                        .unwrap_or_default()
                }
                None => Value::Object(std::mem::take(object)),
            };
            outer.insert("anyOf".to_owned(), json!([inner, {"type": "null"}]));
            *object = outer;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_30_keywords_into_31_forms() {
        let document = json!({
            "openapi": "3.0.3",
            "components": {"schemas": {"A": {
                "type": "object",
                "properties": {
                    "n": {"type": "integer", "minimum": 1, "exclusiveMinimum": true, "example": 2},
                    "s": {"type": "string", "nullable": true},
                    "e": {"enum": ["x"], "nullable": true},
                    "r": {"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": true, "description": "d"},
                    "m": {"maximum": 5, "exclusiveMaximum": false},
                    "p": {"allOf": [{"$ref": "#/components/schemas/B"}, {"description": "p"}, {"nullable": true}]},
                    "u": {"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true},
                    "o": {"allOf": [{"$ref": "#/components/schemas/B"}, {"type": "object"}], "nullable": true}
                }
            }}}
        });
        let rewritten = rewrite_to_31(&document);
        let properties = &rewritten["components"]["schemas"]["A"]["properties"];
        assert_eq!(rewritten["openapi"], "3.1.0");
        assert_eq!(
            properties["n"],
            json!({"type": "integer", "exclusiveMinimum": 1, "examples": [2]})
        );
        assert_eq!(properties["s"], json!({"type": ["string", "null"]}));
        assert_eq!(properties["e"], json!({"enum": ["x", null]}));
        assert_eq!(
            properties["r"],
            json!({"description": "d", "anyOf": [
                {"$ref": "#/components/schemas/B"},
                {"type": "null"}
            ]})
        );
        assert_eq!(
            properties["p"],
            json!({"description": "p", "anyOf": [
                {"$ref": "#/components/schemas/B"},
                {"type": "null"}
            ]})
        );
        assert_eq!(
            properties["u"],
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]})
        );
        assert_eq!(
            properties["o"],
            json!({"anyOf": [
                {"allOf": [{"$ref": "#/components/schemas/B"}, {"type": "object"}]},
                {"type": "null"}
            ]})
        );
        assert_eq!(properties["m"], json!({"maximum": 5}));
    }
}
