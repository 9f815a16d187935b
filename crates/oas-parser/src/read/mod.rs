//! Reading a document's schemas into the dialect-neutral [view](crate::view): which schemas
//! become named models, each read by the reader of the document's version.
//!
//! The named schemas ([`Target`]s) are, in order: every key of `components.schemas` (2.0's
//! `definitions`), the body
//! schemas written inline in webhooks and `components.pathItems`, then every other schema a
//! `$ref` points at (a `$defs` entry, a property of another schema), found by following
//! references until no new target turns up. Lowering resolves a reference by the target's JSON
//! pointer.

pub(crate) mod early;
mod payloads;
mod v20;
mod v30;
mod v31;

use std::collections::HashMap;

use serde_json::{Number, Value};

use crate::diagnostic::{Diagnostic, decode_token, dotted, push_token};
use crate::load::{Dialect, Document};
use crate::parallel::{all_cores, map_in_order};
use crate::view::{Reference, Schema};

/// One schema that becomes a named model.
#[derive(Debug)]
pub struct Target {
    /// The key it is found under (`components.schemas` key, `$defs` key...).
    pub wire_name: String,
    /// JSON pointer of the schema.
    pub pointer: String,
    /// The schema; `None` when it could not be read (reported).
    pub schema: Option<Schema>,
}

/// Every named schema of a document and what reading them had to say.
#[derive(Debug)]
pub struct Targets {
    /// Where the document keeps its named schemas: `#/components/schemas`, or 2.0's
    /// `#/definitions`.
    pub models_pointer: &'static str,
    /// Components first, in document order, then the other schemas references point at.
    pub list: Vec<Target>,
    /// Index of each target by pointer.
    pub by_pointer: HashMap<String, usize>,
    /// Errors and warnings, in the order met.
    pub diagnostics: Vec<Diagnostic>,
}

/// The JSON Schema dialect OpenAPI 3.1 and 3.2 read schemas in unless told otherwise.
const DIALECT_2020_12: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// The reader of one document's version.
enum Reader {
    V20(v20::Reader),
    V30,
    V31(v31::Reader),
}

/// Reads the named schemas of a document.
pub fn read_targets(document: &Document) -> Targets {
    let mut targets = Targets {
        models_pointer: document.dialect.models_pointer(),
        list: Vec::new(),
        by_pointer: HashMap::new(),
        diagnostics: document.warnings.clone(),
    };
    let reader = match document.dialect {
        Dialect::Swagger20 => {
            Reader::V20(v20::Reader::new(&document.root, &mut targets.diagnostics))
        }
        Dialect::OpenApi30 => Reader::V30,
        Dialect::OpenApi31 => {
            check_dialect(&document.root, &mut targets.diagnostics);
            Reader::V31(v31::Reader::new(&document.root))
        }
    };
    let entries = named_entries(
        &document.root,
        targets.models_pointer,
        &mut targets.diagnostics,
    );
    targets.list.reserve(entries.len());
    targets.by_pointer.reserve(entries.len());
    // A 3.0 document's named schemas were read while it was parsed; otherwise they are read on
    // every core: each read needs only its own schema.
    let early = match document.dialect {
        Dialect::OpenApi30 => document.early_reads.take_for(&entries),
        Dialect::Swagger20 | Dialect::OpenApi31 => None,
    };
    let read_entries = match early {
        Some(reads) => reads
            .into_iter()
            .map(|read| (read.pointer, read.schema, read.diagnostics))
            .collect(),
        None => map_in_order(&entries, all_cores(), |(wire, value)| {
            let pointer = push_token(targets.models_pointer, wire);
            let mut diagnostics = Vec::new();
            let schema = read(&reader, document, value, &pointer, &mut diagnostics);
            (pointer, schema, diagnostics)
        }),
    };
    for ((wire, _), (pointer, schema, diagnostics)) in entries.iter().zip(read_entries) {
        targets.diagnostics.extend(diagnostics);
        targets.insert((*wire).to_owned(), pointer, schema);
    }
    // 3.1: bodies written inline in webhooks become models; a `$ref` body is followed below.
    let mut pending: Vec<String> = Vec::new();
    let bodies = match document.dialect {
        Dialect::Swagger20 | Dialect::OpenApi30 => Vec::new(),
        Dialect::OpenApi31 => payloads::webhook_bodies(&document.root),
    };
    for body in bodies {
        match body.schema.get("$ref").and_then(Value::as_str) {
            Some(_) => {
                let schema = read(
                    &reader,
                    document,
                    body.schema,
                    &body.pointer,
                    &mut targets.diagnostics,
                );
                schema
                    .iter()
                    .for_each(|schema| collect_targets(schema, &mut pending));
            }
            None => targets.add(document, &reader, body.wire_name, body.pointer, body.schema),
        }
    }
    // Follow references to schemas outside `components.schemas`, until none is new.
    let mut next = 0;
    loop {
        for pointer in std::mem::take(&mut pending) {
            if targets.by_pointer.contains_key(&pointer) {
                continue;
            }
            let Some(value) = document.root.pointer(&pointer[1..]) else {
                continue; // Lowering reports the dangling reference where it is used.
            };
            targets.add(document, &reader, wire_name_of(&pointer), pointer, value);
        }
        let Some(target) = targets.list.get(next) else {
            break;
        };
        if let Some(schema) = &target.schema {
            collect_targets(schema, &mut pending);
        }
        next += 1;
    }
    targets
}

impl Targets {
    /// Reads the schema `value` at `pointer` and records it.
    fn add(
        &mut self,
        document: &Document,
        reader: &Reader,
        wire_name: String,
        pointer: String,
        value: &Value,
    ) {
        let schema = read(reader, document, value, &pointer, &mut self.diagnostics);
        self.insert(wire_name, pointer, schema);
    }

    /// Records a schema read at `pointer`.
    fn insert(&mut self, wire_name: String, pointer: String, schema: Option<Schema>) {
        self.by_pointer.insert(pointer.clone(), self.list.len());
        self.list.push(Target {
            wire_name,
            pointer,
            schema,
        });
    }
}

/// Reads the schema `value` at `pointer` with the document's reader; `None` when it cannot be read
/// (reported).
fn read(
    reader: &Reader,
    document: &Document,
    value: &Value,
    pointer: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Schema> {
    match reader {
        Reader::V20(reader) => reader.read_schema(value, pointer, diagnostics),
        Reader::V30 => v30::read_schema(value, pointer)
            .map_err(|diagnostic| diagnostics.push(diagnostic))
            .ok(),
        Reader::V31(reader) => {
            Some(reader.read_schema(&document.root, value, pointer, diagnostics))
        }
    }
}

/// A warning when `jsonSchemaDialect` names a dialect other than 2020-12's (OpenAPI's default):
/// schemas are read as 2020-12 all the same.
fn check_dialect(root: &Value, diagnostics: &mut Vec<Diagnostic>) {
    let Some(dialect) = root.get("jsonSchemaDialect") else {
        return;
    };
    let known = dialect.as_str().is_some_and(|uri| {
        let uri = uri.trim_end_matches('#');
        uri == DIALECT_2020_12
            || uri.starts_with("https://spec.openapis.org/oas/3.")
            || uri == "https://json-schema.org/draft/2020-12/schema"
    });
    if !known {
        diagnostics.push(Diagnostic::warning(
            "#/jsonSchemaDialect",
            format!(
                "`jsonSchemaDialect: {dialect}` is not JSON Schema 2020-12; schemas are read as 2020-12"
            ),
        ));
    }
}

/// The pointers of every reference in `schema` and the schemas inside it.
fn collect_targets(schema: &Schema, pointers: &mut Vec<String>) {
    if let Some(Reference {
        target: Ok(pointer),
        ..
    }) = &schema.reference
    {
        pointers.push(pointer.clone());
    }
    schema.for_each_child(&mut |child| collect_targets(child, pointers));
}

/// The wire name of a schema a `$ref` points at: the last token of its pointer, or for the
/// `schema` of a parameter or response (`#/responses/Status/schema`, 2.0's way to share a body)
/// the name of what holds it (`Status`).
fn wire_name_of(pointer: &str) -> String {
    let mut tokens = pointer.rsplit('/');
    let last = tokens.next().unwrap_or_default();
    match (last, tokens.next(), tokens.next()) {
        ("schema", Some(holder), Some("parameters" | "responses")) => decode_token(holder),
        _ => decode_token(last),
    }
}

/// The `(key, value)` pairs of the object at `pointer` (where the document keeps its named
/// schemas), in document order; nothing when it is absent, an error naming the first step that
/// is not an object.
fn named_entries<'a>(
    root: &'a Value,
    pointer: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(&'a str, &'a Value)> {
    let mut node = root;
    let mut at = "#".to_owned();
    for token in pointer.split('/').skip(1) {
        at = push_token(&at, token);
        let Some(next) = node.get(token) else {
            return Vec::new();
        };
        if !next.is_object() {
            let message = format!("`{}` is not an object", dotted(&at));
            diagnostics.push(Diagnostic::error(at, message));
            return Vec::new();
        }
        node = next;
    }
    node.as_object()
        .into_iter()
        .flatten()
        .map(|(key, value)| (key.as_str(), value))
        .collect()
}

/// A reference that may only point within this document (`#/...`), as 3.0 allows.
pub fn local_reference(written: String) -> Reference {
    let target = match written.strip_prefix('#') {
        Some(fragment) if fragment.is_empty() || fragment.starts_with('/') => {
            Ok(canonical_pointer(fragment))
        }
        _ => Err(format!(
            "unsupported $ref `{written}`: only refs within this document (`#/...`) are followed; bundle the spec into one file first"
        )),
    };
    Reference { written, target }
}

/// A URI fragment's JSON pointer in the form this crate writes pointers: `#`, then each token
/// decoded (percent-encoding, `~1`, `~0`) and escaped again.
pub fn canonical_pointer(fragment: &str) -> String {
    fragment
        .split('/')
        .skip(1)
        .fold("#".to_owned(), |pointer, token| {
            push_token(&pointer, &decode_token(token))
        })
}

/// An integral number in its integer form (`1.0` is `1`), so a bound read as `f64` prints as
/// written.
pub fn integral(number: Number) -> Number {
    match number.as_f64() {
        Some(float) if !number.is_i64() && !number.is_u64() => {
            if float.fract() == 0.0 && float.abs() < 9.0e15 {
                Number::from(float as i64)
            } else {
                number
            }
        }
        _ => number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_canonical() {
        assert_eq!(
            canonical_pointer("/components/schemas/a%20b"),
            "#/components/schemas/a b"
        );
        assert_eq!(canonical_pointer("/a~1b/c~0d"), "#/a~1b/c~0d");
        assert_eq!(canonical_pointer(""), "#");
    }

    #[test]
    fn a_shared_body_schema_is_named_after_what_holds_it() {
        assert_eq!(wire_name_of("#/responses/Status/schema"), "Status");
        assert_eq!(wire_name_of("#/components/parameters/a~1b/schema"), "a/b");
        assert_eq!(
            wire_name_of("#/definitions/Pet/properties/schema"),
            "schema"
        );
        assert_eq!(wire_name_of("#/components/schemas/Pet/$defs/Tag"), "Tag");
    }

    #[test]
    fn only_local_references_are_followed() {
        let local = local_reference("#/components/schemas/Pet".to_owned());
        assert_eq!(local.target.as_deref(), Ok("#/components/schemas/Pet"));
        let external = local_reference("other.yaml#/components/schemas/Pet".to_owned());
        assert!(external.target.unwrap_err().starts_with("unsupported $ref"));
    }

    #[test]
    fn a_dialect_other_than_2020_12_is_warned_about() {
        let mut diagnostics = Vec::new();
        check_dialect(
            &serde_json::json!({"jsonSchemaDialect": DIALECT_2020_12}),
            &mut diagnostics,
        );
        check_dialect(&serde_json::json!({}), &mut diagnostics);
        assert!(diagnostics.is_empty());
        let draft7 =
            serde_json::json!({"jsonSchemaDialect": "http://json-schema.org/draft-07/schema#"});
        check_dialect(&draft7, &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].pointer, "#/jsonSchemaDialect");
    }

    #[test]
    fn integral_numbers_lose_their_fraction() {
        assert_eq!(integral(Number::from_f64(3.0).unwrap()), Number::from(3));
        assert_eq!(integral(Number::from_f64(2.5).unwrap()).as_f64(), Some(2.5));
        assert_eq!(integral(Number::from(u64::MAX)), Number::from(u64::MAX));
    }
}
