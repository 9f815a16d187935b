//! The OpenAPI 3.1 / 3.2 reader: a schema is read from the document's JSON as JSON Schema 2020-12
//! into the view, keyword by keyword.
//!
//! No crate models this dialect fully (`oas3` drops `$ref` siblings, `const`-free keywords such as
//! `patternProperties`, `dependentRequired`, `$defs`, `if`/`then`/`else`, and refuses a document
//! that still writes 3.0's boolean `exclusiveMaximum`), so the keywords are read straight from
//! `serde_json` values. A keyword of the wrong JSON type is reported at its pointer and ignored;
//! the rest of the schema is still read. 3.0 keywords that 3.1 documents still carry
//! (`nullable`, boolean `exclusiveMinimum`, `example`) are read as their authors meant.
//!
//! References resolve against `$id`: every `$id` and `$anchor` in the document is indexed first,
//! so `$ref: "https://example.com/pet"` or `$ref: "#pet"` finds its schema's JSON pointer.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use url::Url;

use crate::diagnostic::{Diagnostic, push_token};
use crate::read::{canonical_pointer, integral};
use crate::view::{Discriminator, JsonType, Reference, Schema};

/// The base URI a document without `$self` or `$id` is read at: it stands for "this document".
const DOCUMENT_BASE: &str = "https://document.invalid/openapi";

/// Keywords that carry values, not schemas: the `$id` index does not look inside them.
const VALUE_KEYWORDS: &[&str] = &["example", "examples", "default", "const", "enum"];

/// Keywords whose rule no Rust type or `validate()` check expresses; each is reported and
/// documented where it is met, under the name given.
const UNCHECKED: &[(&str, &str)] = &[
    ("if", "if/then/else"),
    ("dependentSchemas", "dependentSchemas"),
    ("contains", "contains"),
    ("unevaluatedItems", "unevaluatedItems"),
    ("$dynamicRef", "$dynamicRef"),
];

/// Reads 3.1 schemas of one document.
pub struct Reader {
    document_base: Url,
    /// Absolute URI (without fragment) of each `$id` to the pointer of its schema.
    ids: HashMap<String, String>,
    /// Absolute URI with the anchor as fragment to the pointer of the schema that declares it.
    anchors: HashMap<String, String>,
}

/// Where a schema is read: its pointer, the base URI its references resolve against, and the
/// pointer of the resource (`$id` schema, or the document) that base names.
#[derive(Clone)]
struct Scope<'s> {
    base: &'s Url,
    resource: &'s str,
}

impl Reader {
    /// Indexes every `$id` and `$anchor` of the document.
    pub fn new(root: &Value) -> Reader {
        let document_base = match root.get("$self").and_then(Value::as_str) {
            Some(own) => Url::parse(DOCUMENT_BASE)
                .and_then(|base| base.join(own))
                .unwrap_or_else(|_| Url::parse(DOCUMENT_BASE).expect("a valid URL")),
            None => Url::parse(DOCUMENT_BASE).expect("a valid URL"),
        };
        let mut reader = Reader {
            document_base,
            ids: HashMap::new(),
            anchors: HashMap::new(),
        };
        let base = reader.document_base.clone();
        reader.index(root, "#".to_owned(), &base);
        reader
    }

    /// Records the `$id`s and `$anchor`s in `value` and below.
    fn index(&mut self, value: &Value, pointer: String, base: &Url) {
        match value {
            Value::Object(object) => {
                let own_base = object
                    .get("$id")
                    .and_then(Value::as_str)
                    .and_then(|id| base.join(id).ok());
                if let Some(own) = &own_base {
                    self.ids.insert(without_fragment(own), pointer.clone());
                }
                let base = own_base.as_ref().unwrap_or(base);
                for key in ["$anchor", "$dynamicAnchor"] {
                    if let Some(anchor) = object.get(key).and_then(Value::as_str) {
                        let uri = format!("{}#{anchor}", without_fragment(base));
                        self.anchors.insert(uri, pointer.clone());
                    }
                }
                for (key, child) in object {
                    if !VALUE_KEYWORDS.contains(&key.as_str())
                        && (child.is_object() || child.is_array())
                    {
                        self.index(child, push_token(&pointer, key), base);
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    if item.is_object() || item.is_array() {
                        self.index(item, push_token(&pointer, &index.to_string()), base);
                    }
                }
            }
            _ => {}
        }
    }

    /// Reads the schema at `pointer` of the document `root`.
    pub fn read_schema(
        &self,
        root: &Value,
        value: &Value,
        pointer: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Schema {
        let (base, resource) = self.scope_at(root, pointer);
        let scope = Scope {
            base: &base,
            resource: &resource,
        };
        self.schema(value, pointer, &scope, diagnostics)
    }

    /// The base URI and resource pointer in effect at `pointer`: the last `$id` on the way down.
    fn scope_at(&self, root: &Value, pointer: &str) -> (Url, String) {
        let mut base = self.document_base.clone();
        let mut resource = "#".to_owned();
        let mut node = root;
        let mut at = "#".to_owned();
        let tokens: Vec<String> = pointer
            .split('/')
            .skip(1)
            .map(crate::diagnostic::decode_token)
            .collect();
        for token in &tokens {
            let next = match node {
                Value::Object(object) => object.get(token.as_str()),
                Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            let Some(next) = next else { break };
            at = push_token(&at, token);
            node = next;
            if let Some(id) = node.get("$id").and_then(Value::as_str)
                && let Ok(joined) = base.join(id)
            {
                base = joined;
                resource = at.clone();
            }
        }
        (base, resource)
    }

    /// Reads one schema (an object or a boolean) at `pointer`.
    fn schema(
        &self,
        value: &Value,
        pointer: &str,
        scope: &Scope<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Schema {
        match value {
            Value::Bool(true) => Schema::default(),
            Value::Bool(false) => Schema {
                rejects_all: true,
                ..Schema::default()
            },
            Value::Object(object) => {
                let own_base = object
                    .get("$id")
                    .and_then(Value::as_str)
                    .and_then(|id| scope.base.join(id).ok());
                match &own_base {
                    Some(base) => {
                        let inner = Scope {
                            base,
                            resource: pointer,
                        };
                        self.object_schema(object, pointer, &inner, diagnostics)
                    }
                    None => self.object_schema(object, pointer, scope, diagnostics),
                }
            }
            other => {
                diagnostics.push(Diagnostic::error(
                    pointer,
                    format!(
                        "invalid schema: expected an object or a boolean, found {}",
                        kind_of(other)
                    ),
                ));
                Schema::default()
            }
        }
    }

    fn object_schema(
        &self,
        object: &Map<String, Value>,
        pointer: &str,
        scope: &Scope<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Schema {
        let mut keywords = Keywords {
            object,
            pointer,
            diagnostics,
        };
        let mut schema = Schema::default();
        if let Some(written) = keywords.string("$ref") {
            schema.reference = Some(self.reference(written, scope));
        }
        keywords.types(&mut schema);
        schema.nullable = keywords.flag("nullable");
        schema.format = keywords.string("format");
        if schema.format.is_none()
            && keywords.string("contentEncoding").as_deref() == Some("base64")
            && matches!(schema.single_type(), None | Some(JsonType::String))
        {
            schema.format = Some("byte".to_owned());
        }
        schema.pattern = keywords.string("pattern");
        schema.min_length = keywords.count("minLength");
        schema.max_length = keywords.count("maxLength");
        keywords.bounds(&mut schema);
        schema.multiple_of = keywords.number("multipleOf");
        schema.required = keywords.strings("required");
        schema.min_properties = keywords.count("minProperties");
        schema.max_properties = keywords.count("maxProperties");
        schema.min_items = keywords.count("minItems");
        schema.max_items = keywords.count("maxItems");
        schema.unique_items = keywords.flag("uniqueItems");
        schema.enum_values = keywords.array("enum").map(<[Value]>::to_vec);
        schema.const_value = object.get("const").cloned();
        schema.dependent_required = keywords.dependent_required();
        schema.title = keywords.string("title");
        schema.description = keywords.string("description");
        schema.read_only = keywords.flag("readOnly");
        schema.write_only = keywords.flag("writeOnly");
        schema.deprecated = keywords.flag("deprecated");
        schema.default = object.get("default").cloned();
        schema.example = match object.get("example") {
            Some(example) => Some(example.clone()),
            None => keywords
                .array("examples")
                .and_then(|all| all.first().cloned()),
        };
        schema.discriminator = keywords.discriminator();
        schema.unchecked = UNCHECKED
            .iter()
            .filter(|(key, _)| object.contains_key(*key))
            .map(|(_, name)| *name)
            .collect();

        // Subschemas.
        let sub = |key: &str, diagnostics: &mut Vec<Diagnostic>| {
            object.get(key).map(|value| {
                Box::new(self.schema(value, &push_token(pointer, key), scope, diagnostics))
            })
        };
        schema.additional_properties = sub("additionalProperties", keywords.diagnostics);
        schema.property_names = sub("propertyNames", keywords.diagnostics);
        schema.unevaluated_properties = sub("unevaluatedProperties", keywords.diagnostics);
        schema.not = sub("not", keywords.diagnostics);
        match object.get("items") {
            // Draft 4-7 tuple form: positional schemas, then `additionalItems`.
            Some(Value::Array(positional)) => {
                schema.prefix_items = self.list(
                    positional,
                    &push_token(pointer, "items"),
                    scope,
                    keywords.diagnostics,
                );
                schema.items = sub("additionalItems", keywords.diagnostics);
            }
            _ => schema.items = sub("items", keywords.diagnostics),
        }
        if let Some(positional) = keywords.array("prefixItems") {
            schema.prefix_items = self.list(
                positional,
                &push_token(pointer, "prefixItems"),
                scope,
                keywords.diagnostics,
            );
        }
        for (key, list) in [
            ("oneOf", &mut schema.one_of),
            ("allOf", &mut schema.all_of),
            ("anyOf", &mut schema.any_of),
        ] {
            if let Some(parts) = keywords.array(key) {
                *list = self.list(
                    parts,
                    &push_token(pointer, key),
                    scope,
                    keywords.diagnostics,
                );
            }
        }
        if let Some(properties) = keywords.object("properties").filter(|p| !p.is_empty()) {
            schema.properties = Some(self.named(
                properties,
                &push_token(pointer, "properties"),
                scope,
                keywords.diagnostics,
            ));
        }
        if let Some(patterns) = keywords.object("patternProperties") {
            schema.pattern_properties = self.named(
                patterns,
                &push_token(pointer, "patternProperties"),
                scope,
                keywords.diagnostics,
            );
        }
        schema
    }

    fn list(
        &self,
        values: &[Value],
        pointer: &str,
        scope: &Scope<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Schema> {
        values
            .iter()
            .enumerate()
            .map(|(index, value)| {
                self.schema(
                    value,
                    &push_token(pointer, &index.to_string()),
                    scope,
                    diagnostics,
                )
            })
            .collect()
    }

    fn named(
        &self,
        values: &Map<String, Value>,
        pointer: &str,
        scope: &Scope<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<(String, Schema)> {
        values
            .iter()
            .map(|(key, value)| {
                let schema = self.schema(value, &push_token(pointer, key), scope, diagnostics);
                (key.clone(), schema)
            })
            .collect()
    }

    /// Resolves a `$ref` against the scope's base URI to a JSON pointer in this document.
    fn reference(&self, written: String, scope: &Scope<'_>) -> Reference {
        // The common case needs no URI work: a fragment within the current resource.
        if let Some(fragment) = written.strip_prefix('#')
            && (fragment.is_empty() || fragment.starts_with('/'))
        {
            let target = Ok(join_pointer(scope.resource, &canonical_pointer(fragment)));
            return Reference { written, target };
        }
        let target = self.resolve_uri(&written, scope);
        Reference { written, target }
    }

    fn resolve_uri(&self, written: &str, scope: &Scope<'_>) -> Result<String, String> {
        let absolute = scope
            .base
            .join(written)
            .map_err(|err| format!("invalid $ref `{written}`: {err}"))?;
        let resource_uri = without_fragment(&absolute);
        let fragment = absolute.fragment().unwrap_or_default();
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return self
                .anchors
                .get(&format!("{resource_uri}#{fragment}"))
                .cloned()
                .ok_or_else(|| {
                    format!("unresolved $ref `{written}`: no schema declares `$anchor: {fragment}` there")
                });
        }
        let resource = if resource_uri == without_fragment(&self.document_base) {
            "#"
        } else {
            self.ids.get(&resource_uri).map(String::as_str).ok_or_else(|| {
                format!(
                    "unsupported $ref `{written}`: it points outside this document (no schema here has `$id: {resource_uri}`); bundle the spec into one file first"
                )
            })?
        };
        Ok(join_pointer(resource, &canonical_pointer(fragment)))
    }
}

/// `inner` (a pointer from the root of a resource) appended to the resource's pointer.
fn join_pointer(resource: &str, inner: &str) -> String {
    if resource == "#" {
        inner.to_owned()
    } else {
        format!("{resource}{}", &inner[1..])
    }
}

fn without_fragment(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.into()
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The keywords of one schema object, read with type checks that report at the keyword.
struct Keywords<'v, 'd> {
    object: &'v Map<String, Value>,
    pointer: &'v str,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl<'v> Keywords<'v, '_> {
    /// Reports that `key` holds the wrong kind of value; the keyword is ignored.
    fn wrong(&mut self, key: &str, expected: &str) {
        let found = kind_of(&self.object[key]);
        self.diagnostics.push(Diagnostic::error(
            push_token(self.pointer, key),
            format!("invalid schema: `{key}` must be {expected}, found {found}; it is ignored"),
        ));
    }

    fn string(&mut self, key: &str) -> Option<String> {
        match self.object.get(key)? {
            Value::String(text) => Some(text.clone()),
            _ => {
                self.wrong(key, "a string");
                None
            }
        }
    }

    fn flag(&mut self, key: &str) -> bool {
        match self.object.get(key) {
            None => false,
            Some(Value::Bool(flag)) => *flag,
            Some(_) => {
                self.wrong(key, "a boolean");
                false
            }
        }
    }

    fn count(&mut self, key: &str) -> Option<u64> {
        let value = self.object.get(key)?;
        // `2.0` is an integer in JSON Schema.
        match value.as_u64().or_else(|| {
            value
                .as_f64()
                .filter(|float| float.fract() == 0.0 && *float >= 0.0 && *float < 1.8e19)
                .map(|float| float as u64)
        }) {
            Some(count) => Some(count),
            None => {
                self.wrong(key, "a non-negative integer");
                None
            }
        }
    }

    fn number(&mut self, key: &str) -> Option<Number> {
        match self.object.get(key)? {
            Value::Number(number) => Some(integral(number.clone())),
            _ => {
                self.wrong(key, "a number");
                None
            }
        }
    }

    fn array(&mut self, key: &str) -> Option<&'v [Value]> {
        match self.object.get(key)? {
            Value::Array(items) => Some(items),
            _ => {
                self.wrong(key, "an array");
                None
            }
        }
    }

    fn object(&mut self, key: &str) -> Option<&'v Map<String, Value>> {
        match self.object.get(key)? {
            Value::Object(object) => Some(object),
            _ => {
                self.wrong(key, "an object");
                None
            }
        }
    }

    fn strings(&mut self, key: &str) -> Vec<String> {
        let Some(items) = self.array(key) else {
            return Vec::new();
        };
        let strings: Option<Vec<String>> = items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect();
        strings.unwrap_or_else(|| {
            self.wrong(key, "an array of strings");
            Vec::new()
        })
    }

    /// `type`: a name or an array of names.
    fn types(&mut self, schema: &mut Schema) {
        let names: Vec<&str> = match self.object.get("type") {
            None => return,
            Some(Value::String(name)) => vec![name],
            Some(Value::Array(names)) if names.iter().all(Value::is_string) => {
                names.iter().filter_map(Value::as_str).collect()
            }
            Some(_) => {
                self.wrong("type", "a type name or an array of type names");
                return;
            }
        };
        for name in names {
            match JsonType::parse(name) {
                Some(ty) if !schema.types.contains(&ty) => schema.types.push(ty),
                Some(_) => {}
                None => schema.unknown_type = Some(name.to_owned()),
            }
        }
    }

    /// `minimum`/`maximum` with 2020-12's numeric `exclusiveMinimum`/`exclusiveMaximum` (the
    /// stricter bound wins) or 3.0's booleans.
    fn bounds(&mut self, schema: &mut Schema) {
        let minimum = self.number("minimum");
        let maximum = self.number("maximum");
        let (minimum, exclusive_minimum) =
            self.bound("exclusiveMinimum", minimum, |exclusive, inclusive| {
                exclusive >= inclusive
            });
        let (maximum, exclusive_maximum) =
            self.bound("exclusiveMaximum", maximum, |exclusive, inclusive| {
                exclusive <= inclusive
            });
        schema.minimum = minimum;
        schema.maximum = maximum;
        schema.exclusive_minimum = exclusive_minimum;
        schema.exclusive_maximum = exclusive_maximum;
    }

    /// One bound: `inclusive`, or the exclusive one when it is at least as strict.
    fn bound(
        &mut self,
        key: &str,
        inclusive: Option<Number>,
        stricter: fn(f64, f64) -> bool,
    ) -> (Option<Number>, bool) {
        match self.object.get(key) {
            None => (inclusive, false),
            Some(Value::Bool(flag)) => (inclusive, *flag),
            Some(Value::Number(exclusive)) => {
                let exclusive = integral(exclusive.clone());
                match &inclusive {
                    Some(inclusive)
                        if !stricter(
                            exclusive.as_f64().unwrap_or_default(),
                            inclusive.as_f64().unwrap_or_default(),
                        ) =>
                    {
                        (Some(inclusive.clone()), false)
                    }
                    _ => (Some(exclusive), true),
                }
            }
            Some(_) => {
                self.wrong(key, "a number");
                (inclusive, false)
            }
        }
    }

    /// `dependentRequired`: a key and the keys that must be present beside it.
    fn dependent_required(&mut self) -> Vec<(String, Vec<String>)> {
        let Some(object) = self.object("dependentRequired") else {
            return Vec::new();
        };
        let rules: Option<Vec<(String, Vec<String>)>> = object
            .iter()
            .map(|(name, required)| {
                let names = required
                    .as_array()?
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned));
                Some((name.clone(), names.collect::<Option<Vec<String>>>()?))
            })
            .collect();
        rules.unwrap_or_else(|| {
            self.wrong("dependentRequired", "an object of arrays of strings");
            Vec::new()
        })
    }

    fn discriminator(&mut self) -> Option<Discriminator> {
        let object = self.object("discriminator")?;
        let Some(property) = object.get("propertyName").and_then(Value::as_str) else {
            self.diagnostics.push(Diagnostic::error(
                push_token(self.pointer, "discriminator"),
                "invalid schema: `discriminator` needs a string `propertyName`; it is ignored",
            ));
            return None;
        };
        let mapping = object
            .get("mapping")
            .and_then(Value::as_object)
            .map(|mapping| {
                mapping
                    .iter()
                    .filter_map(|(tag, target)| Some((tag.clone(), target.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        Some(Discriminator {
            property: property.to_owned(),
            mapping,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read(schema: Value) -> (Schema, Vec<Diagnostic>) {
        let root = json!({"components": {"schemas": {"S": schema}}});
        let reader = Reader::new(&root);
        let mut diagnostics = Vec::new();
        let value = &root["components"]["schemas"]["S"];
        let read = reader.read_schema(&root, value, "#/components/schemas/S", &mut diagnostics);
        (read, diagnostics)
    }

    #[test]
    fn the_stricter_bound_wins() {
        let (schema, _) =
            read(json!({"minimum": 1, "exclusiveMinimum": 3, "maximum": 5, "exclusiveMaximum": 9}));
        assert_eq!(
            (schema.minimum, schema.exclusive_minimum),
            (Some(Number::from(3)), true)
        );
        assert_eq!(
            (schema.maximum, schema.exclusive_maximum),
            (Some(Number::from(5)), false)
        );
        let (legacy, diagnostics) = read(json!({"maximum": 5, "exclusiveMaximum": true}));
        assert_eq!(
            (legacy.maximum, legacy.exclusive_maximum),
            (Some(Number::from(5)), true)
        );
        assert!(
            diagnostics.is_empty(),
            "3.0's boolean is read without a warning"
        );
    }

    #[test]
    fn types_examples_and_encodings() {
        let (schema, _) = read(json!({
            "type": ["string", "null"],
            "contentEncoding": "base64",
            "examples": ["aGk=", "bG8="]
        }));
        assert_eq!(schema.types, [JsonType::String, JsonType::Null]);
        assert!(schema.is_nullable());
        assert_eq!(schema.format.as_deref(), Some("byte"));
        assert_eq!(schema.example, Some(json!("aGk=")));
        let (unknown, _) = read(json!({"type": ["string", "file"]}));
        assert_eq!(unknown.unknown_type.as_deref(), Some("file"));
    }

    #[test]
    fn refs_resolve_against_the_enclosing_id() {
        let root = json!({"components": {"schemas": {
            "A": {
                "$id": "https://example.com/a",
                "properties": {
                    "local": {"$ref": "#/$defs/D"},
                    "sibling": {"$ref": "b"},
                    "anchored": {"$ref": "b#here"}
                },
                "$defs": {"D": {"type": "string"}}
            },
            "B": {"$id": "https://example.com/b", "$anchor": "here", "type": "integer"}
        }}});
        let reader = Reader::new(&root);
        let mut diagnostics = Vec::new();
        let a = reader.read_schema(
            &root,
            &root["components"]["schemas"]["A"],
            "#/components/schemas/A",
            &mut diagnostics,
        );
        let targets: Vec<Result<String, String>> = a
            .properties
            .unwrap()
            .into_iter()
            .map(|(_, property)| property.reference.unwrap().target)
            .collect();
        assert_eq!(
            targets,
            [
                Ok("#/components/schemas/A/$defs/D".to_owned()),
                Ok("#/components/schemas/B".to_owned()),
                Ok("#/components/schemas/B".to_owned()),
            ]
        );
    }

    #[test]
    fn a_keyword_of_the_wrong_type_is_reported_and_the_rest_kept() {
        let (schema, diagnostics) =
            read(json!({"type": "string", "minLength": "2", "maxLength": 4}));
        assert_eq!(schema.max_length, Some(4));
        assert_eq!(schema.min_length, None);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].pointer, "#/components/schemas/S/minLength");
    }
}
