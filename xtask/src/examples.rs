//! Response examples read into their generated models and written back, as a user's client
//! would read real traffic: every 2xx JSON response of a spec whose schema is a component model
//! (or an array of one), with its `example` or `examples`.
//!
//! For each spec, a small harness crate (under `target/conformance/examples/`) depends on the
//! crate generated for the spec, reads each example into its model and writes it back; the
//! written value must equal the example, comparing date-times as instant plus offset and numbers
//! by value, a key the model adds with a non-null value being a spec default written back.

use std::fmt::Write as _;
use std::path::Path;

use oas_parser::diagnostic::{decode_token, push_token};
use serde_json::{Map, Value, json};

/// One example to read: where it is, the model's Rust name, and whether the response is an
/// array of the model.
#[derive(Debug, Clone)]
pub struct Case {
    /// JSON pointer of the example in the spec.
    pub pointer: String,
    /// The model's Rust type name.
    pub model: String,
    /// The response is an array of the model.
    pub array: bool,
    /// The example.
    pub value: Value,
}

/// What happened to one example.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Read and written back unchanged.
    Unchanged,
    /// Read, but written back differently (the first difference).
    Changed(String),
    /// Not read (the error).
    Unread(String),
}

/// The response examples of a spec whose schema is a model of the IR.
pub fn response_examples(root: &Value, ir: &oas_parser::Ir) -> Vec<Case> {
    let mut cases = Vec::new();
    let Some(paths) = root.get("paths").and_then(Value::as_object) else {
        return cases;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, operation) in item {
            let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
                continue;
            };
            for (status, response) in responses.iter().filter(|(s, _)| s.starts_with('2')) {
                let response = follow(root, response);
                let Some(content) = response.get("content").and_then(Value::as_object) else {
                    continue;
                };
                for (media, body) in content.iter().filter(|(m, _)| m.contains("json")) {
                    let Some((wire, array)) = body.get("schema").and_then(model_of) else {
                        continue;
                    };
                    let Some(id) = ir.find_by_wire_name(&wire) else {
                        continue;
                    };
                    let model = ir.model(id).name.clone();
                    let at = ["paths", path, method, "responses", status, "content", media]
                        .iter()
                        .fold("#".to_owned(), |at, token| push_token(&at, token));
                    for (pointer, value) in body_examples(root, body, &at) {
                        cases.push(Case {
                            pointer,
                            model: model.clone(),
                            array,
                            value,
                        });
                    }
                }
            }
        }
    }
    cases
}

/// `example`, and each of `examples` (inline `value`, or a ref to `components.examples`).
fn body_examples(root: &Value, body: &Value, at: &str) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    if let Some(example) = body.get("example") {
        found.push((format!("{at}/example"), example.clone()));
    }
    for (name, example) in body
        .get("examples")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if let Some(value) = follow(root, example).get("value") {
            let at = push_token(&push_token(at, "examples"), name);
            found.push((at, value.clone()));
        }
    }
    found
}

/// The component schema a response schema names, and whether it is an array of it.
fn model_of(schema: &Value) -> Option<(String, bool)> {
    let name = |schema: &Value| {
        let reference = schema.get("$ref")?.as_str()?;
        let name = reference.strip_prefix("#/components/schemas/")?;
        Some(decode_token(name))
    };
    match name(schema) {
        Some(wire) => Some((wire, false)),
        None if schema.get("type").and_then(Value::as_str) == Some("array") => {
            Some((name(schema.get("items")?)?, true))
        }
        None => None,
    }
}

/// A local `$ref` object's target, or the value itself.
fn follow<'a>(root: &'a Value, value: &'a Value) -> &'a Value {
    match value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
    {
        Some(target) => root.pointer(target).unwrap_or(value),
        None => value,
    }
}

/// Writes the harness crate for `cases` beside the generated crate and runs it; one outcome per
/// case, in order.
pub fn run(
    cases: &[Case],
    crate_dir: &Path,
    crate_name: &str,
    harness_dir: &Path,
    target: &Path,
) -> Result<Vec<Outcome>, String> {
    std::fs::create_dir_all(harness_dir.join("src")).map_err(|err| err.to_string())?;
    let manifest = format!(
        "[package]\nname = \"examples-harness\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nmodels = {{ package = \"{crate_name}\", path = {:?} }}\n\
         serde = \"1\"\nserde_json = {{ version = \"1\", features = [\"preserve_order\", \"float_roundtrip\"] }}\n\
         serde_path_to_error = \"0.1\"\n\n[workspace]\n",
        crate_dir.display().to_string()
    );
    write(&harness_dir.join("Cargo.toml"), &manifest)?;
    write(&harness_dir.join("src/main.rs"), &harness_source(cases))?;
    let input: Vec<Value> = cases
        .iter()
        .map(|case| json!([case.model, case.array, case.value]))
        .collect();
    let input_path = harness_dir.join("examples.json");
    write(&input_path, &Value::Array(input).to_string())?;
    let output = crate::conformance::generated_crate_cargo(harness_dir, target)
        .args(["run", "--quiet", "--"])
        .arg(&input_path)
        .output()
        .map_err(|err| format!("cargo run: {err}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .find(|line| line.contains("error"))
            .unwrap_or_default();
        return Err(format!("the examples harness failed: {first}"));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let outcomes: Vec<Outcome> = stdout
        .lines()
        .zip(cases)
        .map(|(line, case)| {
            let result: Value = serde_json::from_str(line).unwrap_or(Value::Null);
            match (result.get("ok"), result.get("err")) {
                (Some(written), _) => match compare(&case.value, written, "") {
                    Ok(()) => Outcome::Unchanged,
                    Err(difference) => Outcome::Changed(difference),
                },
                (None, Some(error)) => {
                    Outcome::Unread(error.as_str().unwrap_or_default().to_owned())
                }
                (None, None) => Outcome::Unread(format!("the harness wrote `{line}`")),
            }
        })
        .collect();
    if outcomes.len() != cases.len() {
        return Err(format!(
            "{} outcomes for {} examples",
            outcomes.len(),
            cases.len()
        ));
    }
    Ok(outcomes)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|err| format!("{}: {err}", path.display()))
}

/// The harness: one `match` arm per model (and array of it) that reads and writes back.
fn harness_source(cases: &[Case]) -> String {
    let mut kinds: Vec<(&str, bool)> = cases.iter().map(|c| (c.model.as_str(), c.array)).collect();
    kinds.sort();
    kinds.dedup();
    let mut arms = String::new();
    for (model, array) in kinds {
        let ty = if array {
            format!("Vec<models::{model}>")
        } else {
            format!("models::{model}")
        };
        let _ = writeln!(
            arms,
            "            ({model:?}, {array}) => read_write::<{ty}>(value),"
        );
    }
    format!(
        "// Written by `cargo xtask conformance`: reads each example into its model, writes it back.\n\
         use serde_json::{{Value, json}};\n\n\
         fn read_write<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> Result<Value, String> {{\n\
             let model: T = serde_path_to_error::deserialize(value).map_err(|err| err.to_string())?;\n\
             serde_json::to_value(&model).map_err(|err| err.to_string())\n\
         }}\n\n\
         fn main() {{\n\
             let path = std::env::args().nth(1).expect(\"the examples file\");\n\
             let cases: Vec<(String, bool, Value)> =\n\
                 serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();\n\
             for (model, array, value) in cases {{\n\
                 let result = match (model.as_str(), array) {{\n\
         {arms}            _ => Err(format!(\"no arm for {{model}}\")),\n\
                 }};\n\
                 let line = match result {{\n\
                     Ok(written) => json!({{\"ok\": written}}),\n\
                     Err(error) => json!({{\"err\": error}}),\n\
                 }};\n\
                 println!(\"{{line}}\");\n\
             }}\n\
         }}\n"
    )
}

/// `Ok` when `written` says what `sent` said: date-times compared as instant plus offset,
/// numbers by value, and a key added with a non-null value taken as a spec default.
pub fn compare(sent: &Value, written: &Value, at: &str) -> Result<(), String> {
    match (sent, written) {
        (Value::Object(sent), Value::Object(written)) => compare_objects(sent, written, at),
        (Value::Array(sent), Value::Array(written)) => {
            if sent.len() != written.len() {
                return Err(format!(
                    "{at}: {} items written back as {}",
                    sent.len(),
                    written.len()
                ));
            }
            sent.iter()
                .zip(written)
                .enumerate()
                .try_for_each(|(index, (sent, written))| {
                    compare(sent, written, &format!("{at}/{index}"))
                })
        }
        (Value::Number(sent_number), Value::Number(written_number))
            if sent_number.as_f64() == written_number.as_f64() =>
        {
            Ok(())
        }
        (Value::String(sent_text), Value::String(written_text))
            if same_date_time(sent_text, written_text) =>
        {
            Ok(())
        }
        _ if sent == written => Ok(()),
        _ => Err(format!(
            "{at}: {} written back as {}",
            short(sent),
            short(written)
        )),
    }
}

fn compare_objects(
    sent: &Map<String, Value>,
    written: &Map<String, Value>,
    at: &str,
) -> Result<(), String> {
    for (key, value) in sent {
        let here = push_token(at, key);
        match written.get(key) {
            Some(written) => compare(value, written, &here)?,
            None => return Err(format!("{here}: {} dropped", short(value))),
        }
    }
    match written
        .iter()
        .find(|(key, value)| !sent.contains_key(*key) && value.is_null())
    {
        Some((key, _)) => Err(format!(
            "{}: absent, written back as null",
            push_token(at, key)
        )),
        None => Ok(()),
    }
}

/// Two RFC 3339 date-times with the same instant and offset.
fn same_date_time(first: &str, second: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(first),
        chrono::DateTime::parse_from_rfc3339(second),
    ) {
        (Ok(first), Ok(second)) => first == second && first.offset() == second.offset(),
        _ => false,
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_as_a_reader_would() {
        let sent = json!({"at": "2017-07-08T16:18:44-04:00", "n": 1, "list": [{"a": "x"}]});
        let same = json!({"at": "2017-07-08T16:18:44-04:00", "n": 1.0, "list": [{"a": "x"}], "mode": "slow"});
        assert_eq!(compare(&sent, &same, ""), Ok(()));
        let utc = json!({"at": "2017-07-08T20:18:44Z", "n": 1, "list": [{"a": "x"}]});
        assert!(compare(&sent, &utc, "").unwrap_err().starts_with("/at:"));
        let dropped = json!({"at": "2017-07-08T16:18:44-04:00", "n": 1, "list": [{}]});
        assert_eq!(
            compare(&sent, &dropped, "").unwrap_err(),
            "/list/0/a: \"x\" dropped"
        );
        let nulled =
            json!({"at": "2017-07-08T16:18:44-04:00", "n": 1, "list": [{"a": "x", "b": null}]});
        assert_eq!(
            compare(&sent, &nulled, "").unwrap_err(),
            "/list/0/b: absent, written back as null"
        );
        assert_eq!(
            compare(
                &json!("2024-01-01T00:00:00Z"),
                &json!("2024-01-01T00:00:00+00:00"),
                ""
            ),
            Ok(())
        );
    }

    #[test]
    fn finds_response_examples_of_models() {
        let spec = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/pets": {"get": {"responses": {
                "200": {"content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}},
                    "examples": {"two": {"$ref": "#/components/examples/Two"}}
                }}},
                "404": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Pet"}, "example": {"name": "x"}
                }}}
            }}}},
            "components": {
                "schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
                "examples": {"Two": {"value": [{"name": "a"}, {"name": "b"}]}}
            }
        });
        let document = oas_parser::parse_document(&spec.to_string()).unwrap();
        let ir = oas_parser::lower(&document).ir;
        let cases = response_examples(&document.root, &ir);
        assert_eq!(cases.len(), 1, "the 404's example is not a 2xx");
        assert_eq!(cases[0].model, "Pet");
        assert!(cases[0].array);
        assert_eq!(
            cases[0].pointer,
            "#/paths/~1pets/get/responses/200/content/application~1json/examples/two"
        );
    }
}
