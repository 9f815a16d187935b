//! The Swagger 2.0 reader: a 2.0 schema is rewritten into the OpenAPI 3.0 schema it means, then
//! read by the [3.0 reader](super::v30) into the view.
//!
//! 2.0's Schema Object is 3.0's without `oneOf`/`anyOf`/`not`/`nullable`, plus three things the
//! rewrite turns into 3.0 terms:
//! - `x-nullable: true` (go-swagger) or `x-isnullable: true` (NSwag) is `nullable: true`; beside
//!   a `$ref` it becomes 3.0's `allOf: [$ref]` + `nullable: true`, which also keeps the
//!   `description`, `title`, `readOnly`, `default` and `example` written beside a `$ref`.
//! - `type: file` is `type: string, format: binary`: the bytes as sent (with a warning, since
//!   2.0 allows it only for form parameters and responses).
//! - `discriminator: petType` on a definition that other definitions extend (`allOf` with a
//!   `$ref` to it) is polymorphism: a reference to the base means any of the definitions that
//!   extend it, told apart by the property, whose value is the definition's name. The base is
//!   read as a `oneOf` of those definitions with a 3.0 `discriminator` mapping each name, and
//!   each of them merges the base's own properties (its `$ref` in `allOf` is read as the base's
//!   body).
//!
//! `x-omitempty` (a Go serializer hint) has no Rust counterpart: one warning names where it is
//! used. Other `x-` keys, `xml` and `externalDocs` are ignored, as in 3.0.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::diagnostic::{Diagnostic, decode_token, push_token};
use crate::load::Dialect;
use crate::read::local_reference;
use crate::view::Schema;

/// JSON pointer of `definitions`, where 2.0 keeps its named schemas.
const DEFINITIONS_POINTER: &str = Dialect::Swagger20.models_pointer();

/// Annotations kept when written beside a `$ref`.
const REF_ANNOTATIONS: &[&str] = &["description", "title", "readOnly", "default", "example"];

/// A definition with a `discriminator` that other definitions extend.
#[derive(Debug)]
struct Base {
    /// The discriminator property.
    property: String,
    /// The names of the definitions that extend it, directly or through one another.
    extended_by: Vec<String>,
}

/// The 2.0 reader of one document: its polymorphic bases, found once.
#[derive(Debug)]
pub struct Reader {
    /// Bases by their definition's pointer.
    bases: HashMap<String, Base>,
    /// Each base's body as a 3.0 schema without its `discriminator`, by pointer: what the `$ref`
    /// in an extending definition's `allOf` reads.
    base_bodies: HashMap<String, Value>,
}

impl Reader {
    /// Finds the polymorphic bases of the document's `definitions`; a `discriminator` nothing
    /// extends is reported and ignored.
    pub fn new(root: &Value, diagnostics: &mut Vec<Diagnostic>) -> Reader {
        let empty = Map::new();
        let definitions = root
            .get("definitions")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        // The names of the definitions a definition's `allOf` refers to.
        let parents = |name: &str| -> Vec<String> {
            let all_of = definitions[name].get("allOf").and_then(Value::as_array);
            all_of
                .into_iter()
                .flatten()
                .filter_map(|part| part.get("$ref")?.as_str())
                .filter_map(|written| local_reference(written.to_owned()).target.ok())
                .filter_map(|target| {
                    let token = target
                        .strip_prefix(DEFINITIONS_POINTER)?
                        .strip_prefix('/')?;
                    (!token.contains('/')).then(|| decode_token(token))
                })
                .collect()
        };
        let mut reader = Reader {
            bases: HashMap::new(),
            base_bodies: HashMap::new(),
        };
        let mut omitempty = Vec::new();
        for (name, schema) in definitions {
            let pointer = push_token(DEFINITIONS_POINTER, name);
            find_omitempty(schema, &pointer, &mut omitempty);
            let Some(property) = schema.get("discriminator").and_then(Value::as_str) else {
                continue;
            };
            // Every definition whose chain of `allOf` parents reaches this one.
            let extended_by: Vec<String> = definitions
                .keys()
                .filter(|other| *other != name && extends(other, name, &parents))
                .cloned()
                .collect();
            if extended_by.is_empty() {
                diagnostics.push(
                    Diagnostic::warning(
                        push_token(&pointer, "discriminator"),
                        format!(
                            "`discriminator: {property}`: no definition extends `{name}` (with \
                             `allOf` and a `$ref` to it), so it is read as a plain object"
                        ),
                    )
                    .with_help(
                        "a definition extends it with `allOf: [{$ref: '#/definitions/…'}, …]`",
                    ),
                );
                continue;
            }
            let mut body = to_v30(schema, &pointer, &reader, diagnostics);
            if let Some(object) = body.as_object_mut() {
                object.remove("discriminator");
            }
            reader.base_bodies.insert(pointer.clone(), body);
            reader.bases.insert(
                pointer,
                Base {
                    property: property.to_owned(),
                    extended_by,
                },
            );
        }
        if let Some(first) = omitempty.first() {
            diagnostics.push(Diagnostic::warning(
                first.clone(),
                format!(
                    "`x-omitempty` ({} place(s)) is a Go serializer hint with no Rust counterpart: \
                     an absent optional field is never written, a present one always is",
                    omitempty.len()
                ),
            ));
        }
        reader
    }

    /// Reads the 2.0 schema `value` at `pointer`; `None` when it cannot be read (reported).
    pub fn read_schema(
        &self,
        value: &Value,
        pointer: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Schema> {
        let rewritten = match self.bases.get(pointer) {
            Some(base) => base_union(value, base),
            None => to_v30(value, pointer, self, diagnostics),
        };
        super::v30::read_schema(&rewritten, pointer)
            .map_err(|diagnostic| diagnostics.push(diagnostic))
            .ok()
    }
}

/// Whether definition `name` reaches `base` through its `allOf` parents.
fn extends(name: &str, base: &str, parents: &impl Fn(&str) -> Vec<String>) -> bool {
    let mut seen = vec![name.to_owned()];
    let mut pending = parents(name);
    while let Some(parent) = pending.pop() {
        if parent == base {
            return true;
        }
        if !seen.contains(&parent) {
            pending.extend(parents(&parent));
            seen.push(parent);
        }
    }
    false
}

/// A polymorphic base as the 3.0 union it stands for: one of the definitions that extend it,
/// each tagged with its name. The base's description and title stay on the union.
fn base_union(value: &Value, base: &Base) -> Value {
    let reference = |name: &str| push_token(DEFINITIONS_POINTER, name);
    let one_of: Vec<Value> = base
        .extended_by
        .iter()
        .map(|name| json!({ "$ref": reference(name) }))
        .collect();
    let mapping: Map<String, Value> = base
        .extended_by
        .iter()
        .map(|name| (name.clone(), Value::String(reference(name))))
        .collect();
    let mut union = json!({
        "oneOf": one_of,
        "discriminator": { "propertyName": base.property, "mapping": mapping },
    });
    for key in ["description", "title"] {
        if let Some(annotation) = value.get(key) {
            union[key] = annotation.clone();
        }
    }
    union
}

/// The 3.0 schema a 2.0 schema means (see the module docs). Schemas inside it are rewritten
/// too; `pointer` names the schema for warnings.
fn to_v30(
    value: &Value,
    pointer: &str,
    reader: &Reader,
    diagnostics: &mut Vec<Diagnostic>,
) -> Value {
    let Value::Object(schema) = value else {
        return value.clone(); // The 3.0 reader reports what is not a schema.
    };
    let nullable = ["x-nullable", "x-isnullable"]
        .iter()
        .any(|key| schema.get(*key) == Some(&Value::Bool(true)));
    if let Some(reference) = schema.get("$ref") {
        // JSON Reference ignores what stands beside `$ref`, but 2.0 authors (go-swagger among
        // them) write annotations there; they are kept the 3.0 way, around an `allOf`.
        let mut wrapper: Map<String, Value> = REF_ANNOTATIONS
            .iter()
            .filter_map(|key| Some(((*key).to_owned(), schema.get(*key)?.clone())))
            .collect();
        if nullable {
            wrapper.insert("nullable".to_owned(), Value::Bool(true));
        }
        if wrapper.is_empty() {
            return json!({ "$ref": reference });
        }
        wrapper.insert("allOf".to_owned(), json!([{ "$ref": reference }]));
        return Value::Object(wrapper);
    }
    let mut out = Map::with_capacity(schema.len());
    for (key, child) in schema {
        let at = push_token(pointer, key);
        let rewritten = match key.as_str() {
            "x-nullable" | "x-isnullable" | "x-omitempty" => continue,
            "type" if child == "file" => {
                diagnostics.push(Diagnostic::warning(
                    at,
                    "`type: file` is read as the bytes sent (3.0's `type: string, format: binary`)",
                ));
                out.insert("format".to_owned(), Value::String("binary".to_owned()));
                Value::String("string".to_owned())
            }
            // A discriminator nothing extends (reported by `Reader::new`) says nothing more.
            "discriminator" if child.is_string() => continue,
            "properties" => Value::Object(
                child
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, property)| {
                        let at = push_token(&at, name);
                        (name.clone(), to_v30(property, &at, reader, diagnostics))
                    })
                    .collect(),
            ),
            "items" | "additionalProperties" if child.is_object() => {
                to_v30(child, &at, reader, diagnostics)
            }
            "allOf" if child.is_array() => Value::Array(
                child
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(index, part)| {
                        let at = push_token(&at, &index.to_string());
                        let base = part
                            .get("$ref")
                            .and_then(Value::as_str)
                            .and_then(|written| local_reference(written.to_owned()).target.ok())
                            .and_then(|target| reader.base_bodies.get(&target));
                        match base {
                            Some(body) => body.clone(),
                            None => to_v30(part, &at, reader, diagnostics),
                        }
                    })
                    .collect(),
            ),
            _ => child.clone(),
        };
        out.insert(key.clone(), rewritten);
    }
    if nullable {
        out.insert("nullable".to_owned(), Value::Bool(true));
    }
    Value::Object(out)
}

/// The pointers of every `x-omitempty` in `schema` (searched everywhere: it is a hint, where it
/// stands does not change its meaning).
fn find_omitempty(schema: &Value, pointer: &str, found: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            for (key, child) in map {
                let at = push_token(pointer, key);
                if key == "x-omitempty" {
                    found.push(at);
                } else {
                    find_omitempty(child, &at, found);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                find_omitempty(item, &push_token(pointer, &index.to_string()), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_is_extended_directly_and_through_other_definitions() {
        let root = json!({"definitions": {
            "Animal": {"type": "object", "discriminator": "kind", "properties": {"kind": {"type": "string"}}},
            "Bird": {"allOf": [{"$ref": "#/definitions/Animal"}]},
            "Parrot": {"allOf": [{"$ref": "#/definitions/Bird"}, {"properties": {"words": {"type": "integer"}}}]},
            "Cage": {"properties": {"holds": {"$ref": "#/definitions/Animal"}}}
        }});
        let mut diagnostics = Vec::new();
        let reader = Reader::new(&root, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let base = &reader.bases["#/definitions/Animal"];
        assert_eq!(base.extended_by, ["Bird", "Parrot"]);
        let union = base_union(&root["definitions"]["Animal"], base);
        assert_eq!(
            union["discriminator"],
            json!({"propertyName": "kind", "mapping": {
                "Bird": "#/definitions/Bird", "Parrot": "#/definitions/Parrot"
            }})
        );
        // An extending definition reads the base's body in place of its `$ref`.
        let bird = to_v30(
            &root["definitions"]["Bird"],
            "#/definitions/Bird",
            &reader,
            &mut diagnostics,
        );
        assert_eq!(
            bird["allOf"][0]["properties"]["kind"],
            json!({"type": "string"})
        );
        assert!(bird["allOf"][0].get("discriminator").is_none());
        // Any other reference to the base is the union.
        let cage = to_v30(
            &root["definitions"]["Cage"],
            "#/definitions/Cage",
            &reader,
            &mut diagnostics,
        );
        assert_eq!(
            cage["properties"]["holds"],
            json!({"$ref": "#/definitions/Animal"})
        );
    }

    #[test]
    fn nullable_refs_keep_their_annotations() {
        let reader = Reader::new(&json!({}), &mut Vec::new());
        let written = json!({"$ref": "#/definitions/Pet", "x-nullable": true, "description": "d", "x-go-name": "P"});
        let rewritten = to_v30(&written, "#/x", &reader, &mut Vec::new());
        assert_eq!(
            rewritten,
            json!({"allOf": [{"$ref": "#/definitions/Pet"}], "nullable": true, "description": "d"})
        );
        let plain = to_v30(
            &json!({"$ref": "#/definitions/Pet"}),
            "#/x",
            &reader,
            &mut Vec::new(),
        );
        assert_eq!(plain, json!({"$ref": "#/definitions/Pet"}));
    }
}
