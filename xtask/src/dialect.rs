//! Which schemas of a 3.1 document use JSON Schema 2020-12 constructs that 3.0 could not state:
//! the conformance table's measure of how much of the 3.1 reader a document exercises.

use serde_json::Value;

/// Keywords that exist in 2020-12 but not in OpenAPI 3.0's Schema Object.
const KEYWORDS: &[&str] = &[
    "const",
    "prefixItems",
    "$defs",
    "$id",
    "$anchor",
    "patternProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "if",
    "contains",
    "contentEncoding",
    "contentMediaType",
];

/// Keywords whose values are data, not schemas.
const DATA: &[&str] = &["example", "examples", "default", "const", "enum"];

/// How many `components.schemas` entries use a 2020-12 construct anywhere inside them.
pub fn schemas_using_2020_12(root: &Value) -> usize {
    root["components"]["schemas"]
        .as_object()
        .map_or(0, |schemas| {
            schemas
                .values()
                .filter(|schema| uses_2020_12(schema))
                .count()
        })
}

/// True when the schema, or one inside it, writes a type array, a 2020-12 keyword, a numeric
/// exclusive bound, an `examples` array, or a `$ref` beside other keywords.
fn uses_2020_12(value: &Value) -> bool {
    let Some(object) = value.as_object() else {
        return value
            .as_array()
            .is_some_and(|items| items.iter().any(uses_2020_12));
    };
    let own = object.get("type").is_some_and(Value::is_array)
        || KEYWORDS.iter().any(|keyword| object.contains_key(*keyword))
        || ["exclusiveMinimum", "exclusiveMaximum"]
            .iter()
            .any(|bound| object.get(*bound).is_some_and(Value::is_number))
        || object.get("examples").is_some_and(Value::is_array)
        || (object.contains_key("$ref")
            && object
                .keys()
                .any(|key| key != "$ref" && !key.starts_with("x-")));
    own || object
        .iter()
        .filter(|(key, _)| !DATA.contains(&key.as_str()))
        .any(|(_, child)| uses_2020_12(child))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_schemas_that_use_2020_12() {
        let root = json!({"components": {"schemas": {
            "Plain": {"type": "object", "properties": {"a": {"type": "string", "example": {"const": 1}}}},
            "Typed": {"properties": {"a": {"type": ["string", "null"]}}},
            "Const": {"const": "x"},
            "Sibling": {"$ref": "#/components/schemas/Plain", "description": "d"},
            "Bound": {"type": "number", "exclusiveMinimum": 0},
            "OldBound": {"type": "number", "minimum": 0, "exclusiveMinimum": true}
        }}});
        assert_eq!(schemas_using_2020_12(&root), 4);
    }
}
