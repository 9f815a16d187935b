//! The dialect-neutral view of a schema: what lowering reads, whichever OpenAPI version the
//! document was written in.
//!
//! Each input version has a reader (`read::v30` through `openapiv3`, `read::v31` for the JSON
//! Schema 2020-12 dialect of OpenAPI 3.1 and 3.2) that turns a schema into a [`Schema`]; lowering
//! never asks which one did. The view owns its data and keeps every keyword lowering acts on or
//! reports, already normalized: a 3.1 numeric `exclusiveMinimum` is read as 3.0's
//! `minimum` + `exclusiveMinimum: true`, `const` and `type: "null"` are values, `examples` gives
//! the example, and a `$ref` is resolved to the JSON pointer of its target.

use serde_json::{Number, Value};

/// A JSON type a schema's `type` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    /// `null` (3.1 only).
    Null,
    /// `boolean`.
    Boolean,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `string`.
    String,
    /// `array`.
    Array,
    /// `object`.
    Object,
}

impl JsonType {
    /// The type named `name`, as written in `type`.
    pub fn parse(name: &str) -> Option<JsonType> {
        Some(match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "integer" => JsonType::Integer,
            "number" => JsonType::Number,
            "string" => JsonType::String,
            "array" => JsonType::Array,
            "object" => JsonType::Object,
            _ => return None,
        })
    }

    /// The keyword value that names this type.
    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Array => "array",
            JsonType::Object => "object",
        }
    }
}

/// A `$ref`: as written, and where the reader found it points.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The reference as written.
    pub written: String,
    /// The JSON pointer (`#/components/schemas/Pet`) of the target in this document, or why it
    /// cannot be followed (an external or relative reference, an unknown anchor).
    pub target: Result<String, String>,
}

/// `discriminator`.
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    /// `propertyName`.
    pub property: String,
    /// `mapping`: tag value to a reference or schema name.
    pub mapping: Vec<(String, String)>,
}

/// Every keyword of one schema that lowering acts on or reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    /// `$ref` (in 3.1 it may stand beside other keywords).
    pub reference: Option<Reference>,
    /// The boolean schema `false`: no value is valid (`additionalProperties: false`,
    /// `items: false`). The boolean schema `true` is the empty schema.
    pub rejects_all: bool,
    /// `type`, in the order written; `null` is among them in 3.1's `type: [string, "null"]`.
    pub types: Vec<JsonType>,
    /// A `type` that names no JSON type (reported by lowering).
    pub unknown_type: Option<String>,
    /// 3.0's `nullable: true` (also read in 3.1 documents that still write it).
    pub nullable: bool,
    /// `format`; a 3.1 `contentEncoding: base64` on a string is read as `format: byte`.
    pub format: Option<String>,
    /// `pattern`.
    pub pattern: Option<String>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `minimum` (exclusive when `exclusive_minimum`).
    pub minimum: Option<Number>,
    /// `maximum` (exclusive when `exclusive_maximum`).
    pub maximum: Option<Number>,
    /// 3.0's `exclusiveMinimum: true`, or a 3.1 numeric `exclusiveMinimum` that is the lower bound.
    pub exclusive_minimum: bool,
    /// 3.0's `exclusiveMaximum: true`, or a 3.1 numeric `exclusiveMaximum` that is the upper bound.
    pub exclusive_maximum: bool,
    /// `multipleOf`.
    pub multiple_of: Option<Number>,
    /// `properties`, in document order; `None` when not written or empty (an empty map states
    /// nothing).
    pub properties: Option<Vec<(String, Schema)>>,
    /// `required`.
    pub required: Vec<String>,
    /// `additionalProperties` (`true` is the empty schema, `false` [`Schema::rejects_all`]).
    pub additional_properties: Option<Box<Schema>>,
    /// `patternProperties`: key pattern and the schema of the values whose key matches.
    pub pattern_properties: Vec<(String, Schema)>,
    /// `propertyNames`: the schema every key satisfies.
    pub property_names: Option<Box<Schema>>,
    /// `unevaluatedProperties`.
    pub unevaluated_properties: Option<Box<Schema>>,
    /// `dependentRequired`: when the key is present, so must the listed keys be.
    pub dependent_required: Vec<(String, Vec<String>)>,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
    /// `items`.
    pub items: Option<Box<Schema>>,
    /// `prefixItems`.
    pub prefix_items: Vec<Schema>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems: true`.
    pub unique_items: bool,
    /// `enum`, with `null` kept as [`Value::Null`]; `const` and `type: "null"` are not folded in.
    pub enum_values: Option<Vec<Value>>,
    /// `const`.
    pub const_value: Option<Value>,
    /// `oneOf`.
    pub one_of: Vec<Schema>,
    /// `allOf`.
    pub all_of: Vec<Schema>,
    /// `anyOf`.
    pub any_of: Vec<Schema>,
    /// `not`.
    pub not: Option<Box<Schema>>,
    /// Keywords that state a rule no Rust type or `validate()` check expresses (`if`/`then`/`else`,
    /// `dependentSchemas`, `contains`...), as written, for lowering to report and document.
    pub unchecked: Vec<&'static str>,
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `readOnly: true`.
    pub read_only: bool,
    /// `writeOnly: true`.
    pub write_only: bool,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `example`, or the first of 3.1's `examples`.
    pub example: Option<Value>,
    /// `default`.
    pub default: Option<Value>,
    /// `discriminator`.
    pub discriminator: Option<Discriminator>,
}

impl Schema {
    /// A schema that is only a reference.
    pub fn reference(reference: Reference) -> Schema {
        Schema {
            reference: Some(reference),
            ..Schema::default()
        }
    }

    /// True when `null` is a valid value: 3.0's `nullable`, or `null` among the types.
    pub fn is_nullable(&self) -> bool {
        self.nullable || self.types.contains(&JsonType::Null)
    }

    /// The stated types other than `null`.
    pub fn non_null_types(&self) -> impl Iterator<Item = JsonType> + '_ {
        self.types
            .iter()
            .copied()
            .filter(|ty| *ty != JsonType::Null)
    }

    /// The one non-null type stated, if exactly one is.
    pub fn single_type(&self) -> Option<JsonType> {
        let mut types = self.non_null_types();
        match (types.next(), types.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }

    /// True when `null` is the only valid value: `type: "null"`, `enum: [null]`, `const: null`.
    pub fn is_null_only(&self) -> bool {
        self.types == [JsonType::Null]
            || self
                .enum_values
                .as_deref()
                .is_some_and(|values| !values.is_empty() && values.iter().all(Value::is_null))
            || self.const_value.as_ref().is_some_and(Value::is_null)
    }

    /// True when the schema states nothing about the value's structure (only annotations such as
    /// a description), as in the `{description: ...}` part of `allOf: [{$ref: X}, {description: ...}]`.
    pub fn is_annotation_only(&self) -> bool {
        self.types.is_empty()
            && self.unknown_type.is_none()
            && self.format.is_none()
            && !self.states_more_than_a_type()
    }

    /// True when the schema only names a primitive type (`{type: string, description: ...}`), as
    /// a part beside `allOf: [{$ref: UserId}]` that restates the referenced type.
    pub fn is_type_restatement(&self) -> bool {
        matches!(
            self.types.as_slice(),
            [JsonType::String | JsonType::Integer | JsonType::Number | JsonType::Boolean]
        ) && !self.states_more_than_a_type()
    }

    /// True when the schema only constrains which keys an object has (`required`, `not`,
    /// `minProperties`...), as the `oneOf` alternatives beside `properties` in Kubernetes CRDs
    /// (`oneOf: [{required: [name]}, {required: [external]}]`): a rule, not a shape.
    pub fn is_key_rule(&self) -> bool {
        matches!(self.types.as_slice(), [] | [JsonType::Object])
            && self.unknown_type.is_none()
            && self.reference.is_none()
            && self.format.is_none()
            && self.properties.is_none()
            && self.additional_properties.is_none()
            && self.items.is_none()
            && self.enum_values.is_none()
            && self.const_value.is_none()
            && self.one_of.is_empty()
            && self.all_of.is_empty()
            && self.any_of.is_empty()
    }

    /// True when the schema states a keyword beyond `type`, `format` and annotations.
    fn states_more_than_a_type(&self) -> bool {
        let Schema {
            reference,
            rejects_all,
            types: _,
            unknown_type: _,
            nullable: _,
            format: _,
            pattern,
            min_length,
            max_length,
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            multiple_of,
            properties,
            required,
            additional_properties,
            pattern_properties,
            property_names,
            unevaluated_properties,
            dependent_required,
            min_properties,
            max_properties,
            items,
            prefix_items,
            min_items,
            max_items,
            unique_items,
            enum_values,
            const_value,
            one_of,
            all_of,
            any_of,
            not,
            unchecked,
            title: _,
            description: _,
            read_only: _,
            write_only: _,
            deprecated: _,
            example: _,
            default: _,
            discriminator: _,
        } = self;
        reference.is_some()
            || *rejects_all
            || pattern.is_some()
            || min_length.is_some()
            || max_length.is_some()
            || minimum.is_some()
            || maximum.is_some()
            || *exclusive_minimum
            || *exclusive_maximum
            || multiple_of.is_some()
            || properties.is_some()
            || !required.is_empty()
            || additional_properties.is_some()
            || !pattern_properties.is_empty()
            || property_names.is_some()
            || unevaluated_properties.is_some()
            || !dependent_required.is_empty()
            || min_properties.is_some()
            || max_properties.is_some()
            || items.is_some()
            || !prefix_items.is_empty()
            || min_items.is_some()
            || max_items.is_some()
            || *unique_items
            || enum_values.is_some()
            || const_value.is_some()
            || !one_of.is_empty()
            || !all_of.is_empty()
            || !any_of.is_empty()
            || not.is_some()
            || !unchecked.is_empty()
    }

    /// A schema's description, or else the first one its inline `allOf` parts give (the 3.0 way to
    /// describe a ref: `allOf: [{$ref: X}, {description: ...}]`).
    pub fn own_description(&self) -> Option<&str> {
        self.description.as_deref().or_else(|| {
            self.all_of
                .iter()
                .filter(|part| part.reference.is_none())
                .find_map(|part| part.description.as_deref())
        })
    }

    /// Calls `visit` on every schema directly inside this one (properties, items, parts...).
    pub fn for_each_child(&self, visit: &mut impl FnMut(&Schema)) {
        let boxed = [
            &self.additional_properties,
            &self.property_names,
            &self.unevaluated_properties,
            &self.items,
            &self.not,
        ];
        for child in boxed.into_iter().flatten() {
            visit(child);
        }
        let named = self
            .properties
            .iter()
            .flatten()
            .chain(&self.pattern_properties);
        for (_, child) in named {
            visit(child);
        }
        for child in self
            .prefix_items
            .iter()
            .chain(&self.one_of)
            .chain(&self.all_of)
            .chain(&self.any_of)
        {
            visit(child);
        }
    }
}

/// The alternatives of a schema's union keyword, those that only admit `null` set apart.
#[derive(Debug)]
pub struct UnionParts<'s> {
    /// `oneOf`, or `anyOf` when there is no `oneOf`.
    pub keyword: &'static str,
    /// The alternatives that admit more than `null`, each with its position in the keyword's list.
    pub alternatives: Vec<(usize, &'s Schema)>,
    /// An alternative only admits `null` (`{type: "null"}`): the union is nullable.
    pub null: bool,
}

impl Schema {
    /// The `oneOf` (or else `anyOf`) alternatives; `None` when the schema has neither.
    pub fn union_parts(&self) -> Option<UnionParts<'_>> {
        let (keyword, list) = if !self.one_of.is_empty() {
            ("oneOf", &self.one_of)
        } else if !self.any_of.is_empty() {
            ("anyOf", &self.any_of)
        } else {
            return None;
        };
        let is_null =
            |alternative: &Schema| alternative.reference.is_none() && alternative.is_null_only();
        Some(UnionParts {
            keyword,
            alternatives: list
                .iter()
                .enumerate()
                .filter(|(_, alternative)| !is_null(alternative))
                .collect(),
            null: list.iter().any(is_null),
        })
    }

    /// The same schema with one type, and only the keywords that apply to values of that type:
    /// one alternative of `type: [string, integer]`.
    pub fn restricted_to(&self, ty: JsonType) -> Schema {
        let mut one = Schema {
            types: vec![ty],
            format: self.format.clone(),
            ..Schema::default()
        };
        match ty {
            JsonType::String => {
                one.pattern = self.pattern.clone();
                one.min_length = self.min_length;
                one.max_length = self.max_length;
            }
            JsonType::Integer | JsonType::Number => {
                one.minimum = self.minimum.clone();
                one.maximum = self.maximum.clone();
                one.exclusive_minimum = self.exclusive_minimum;
                one.exclusive_maximum = self.exclusive_maximum;
                one.multiple_of = self.multiple_of.clone();
            }
            JsonType::Array => {
                one.items = self.items.clone();
                one.prefix_items = self.prefix_items.clone();
                one.min_items = self.min_items;
                one.max_items = self.max_items;
                one.unique_items = self.unique_items;
            }
            JsonType::Object => {
                one.properties = self.properties.clone();
                one.required = self.required.clone();
                one.additional_properties = self.additional_properties.clone();
                one.pattern_properties = self.pattern_properties.clone();
                one.property_names = self.property_names.clone();
                one.unevaluated_properties = self.unevaluated_properties.clone();
                one.dependent_required = self.dependent_required.clone();
                one.min_properties = self.min_properties;
                one.max_properties = self.max_properties;
            }
            JsonType::Boolean | JsonType::Null => {}
        }
        one
    }
}

/// True when `value` is of JSON type `ty` (an integral number is also an `integer`).
pub fn admits(ty: JsonType, value: &Value) -> bool {
    match (ty, value) {
        (JsonType::Null, Value::Null)
        | (JsonType::Boolean, Value::Bool(_))
        | (JsonType::Number, Value::Number(_))
        | (JsonType::String, Value::String(_))
        | (JsonType::Array, Value::Array(_))
        | (JsonType::Object, Value::Object(_)) => true,
        (JsonType::Integer, Value::Number(number)) => {
            number.is_i64() || number.is_u64() || number.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}

/// The parts of an `allOf` that state something about structure: refs, and inline schemas that
/// are more than annotations. A part that only restates a primitive type counts only when no
/// other part states more (`allOf: [{$ref: UserId}, {type: string}]` is `UserId`).
pub fn structural_parts(all_of: &[Schema]) -> Vec<&Schema> {
    let stating: Vec<&Schema> = all_of
        .iter()
        .filter(|part| !part.is_annotation_only())
        .collect();
    let stronger: Vec<&Schema> = stating
        .iter()
        .copied()
        .filter(|part| !part.is_type_restatement())
        .collect();
    if stronger.is_empty() {
        stating
    } else {
        stronger
    }
}
