//! One flat view of an `openapiv3` schema, whatever variant `openapiv3` chose for it.
//!
//! `openapiv3` deserializes a schema into a typed variant when its keywords fit one, and into
//! `SchemaKind::Any` when they do not (`type: object` with `allOf`, `type: string` with
//! `uniqueItems`, `enum: [null]`). Lowering must not care which: it reads [`Facts`], which hold
//! every keyword that was written. Each `openapiv3` struct is destructured with every field named,
//! so a field added upstream stops this module from compiling instead of being dropped silently.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, IntegerType, NumberType, ObjectType,
    ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type, VariantOrUnknownOrEmpty,
};
use serde_json::{Number, Value};

/// A property map as `openapiv3` holds it.
pub type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// Every keyword of one schema, borrowed from the `openapiv3` value.
#[derive(Debug, Default)]
pub struct Facts<'a> {
    /// `type`, if written.
    pub typ: Option<&'a str>,
    /// `format`.
    pub format: Option<String>,
    /// `pattern`.
    pub pattern: Option<&'a str>,
    /// `minLength`.
    pub min_length: Option<usize>,
    /// `maxLength`.
    pub max_length: Option<usize>,
    /// `minimum`.
    pub minimum: Option<Number>,
    /// `maximum`.
    pub maximum: Option<Number>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: bool,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: bool,
    /// `multipleOf`.
    pub multiple_of: Option<Number>,
    /// `properties`.
    pub properties: Option<&'a Properties>,
    /// `required`.
    pub required: &'a [String],
    /// `additionalProperties`.
    pub additional_properties: Option<&'a AdditionalProperties>,
    /// `minProperties`.
    pub min_properties: Option<usize>,
    /// `maxProperties`.
    pub max_properties: Option<usize>,
    /// `items`.
    pub items: Option<&'a ReferenceOr<Box<Schema>>>,
    /// `minItems`.
    pub min_items: Option<usize>,
    /// `maxItems`.
    pub max_items: Option<usize>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `enum`, with `null` kept as [`Value::Null`].
    pub enum_values: Option<Vec<Value>>,
    /// `oneOf`.
    pub one_of: &'a [ReferenceOr<Schema>],
    /// `allOf`.
    pub all_of: &'a [ReferenceOr<Schema>],
    /// `anyOf`.
    pub any_of: &'a [ReferenceOr<Schema>],
    /// `not`.
    pub not: Option<&'a ReferenceOr<Schema>>,
}

impl Facts<'_> {
    /// True when the schema states nothing about the value's structure (only annotations such as
    /// a description), as in the `{description: ...}` part of `allOf: [{$ref: X}, {description: ...}]`.
    pub fn is_annotation_only(&self) -> bool {
        self.typ.is_none() && self.format.is_none() && !self.states_more_than_a_type()
    }

    /// True when the schema only names a primitive type (`{type: string, description: ...}`), as
    /// a part beside `allOf: [{$ref: UserId}]` that restates the referenced type.
    pub fn is_type_restatement(&self) -> bool {
        matches!(self.typ, Some("string" | "integer" | "number" | "boolean"))
            && !self.states_more_than_a_type()
    }

    /// True when the schema only constrains which keys an object has (`required`, `not`,
    /// `minProperties`...), as the `oneOf` alternatives beside `properties` in Kubernetes CRDs
    /// (`oneOf: [{required: [name]}, {required: [external]}]`): a rule, not a shape.
    pub fn is_key_rule(&self) -> bool {
        matches!(self.typ, None | Some("object"))
            && self.format.is_none()
            && self.properties.is_none()
            && self.additional_properties.is_none()
            && self.items.is_none()
            && self.enum_values.is_none()
            && self.one_of.is_empty()
            && self.all_of.is_empty()
            && self.any_of.is_empty()
    }

    /// True when the schema states a keyword beyond `type` and `format`.
    fn states_more_than_a_type(&self) -> bool {
        let Facts {
            typ: _,
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
            min_properties,
            max_properties,
            items,
            min_items,
            max_items,
            unique_items,
            enum_values,
            one_of,
            all_of,
            any_of,
            not,
        } = self;
        !(pattern.is_none()
            && min_length.is_none()
            && max_length.is_none()
            && minimum.is_none()
            && maximum.is_none()
            && !exclusive_minimum
            && !exclusive_maximum
            && multiple_of.is_none()
            && properties.is_none()
            && required.is_empty()
            && additional_properties.is_none()
            && min_properties.is_none()
            && max_properties.is_none()
            && items.is_none()
            && min_items.is_none()
            && max_items.is_none()
            && !unique_items
            && enum_values.is_none()
            && one_of.is_empty()
            && all_of.is_empty()
            && any_of.is_empty()
            && not.is_none())
    }
}

/// The parts of an `allOf` that state something about structure: refs, and inline schemas that
/// are more than annotations. A part that only restates a primitive type counts only when no
/// other part states more (`allOf: [{$ref: UserId}, {type: string}]` is `UserId`).
pub fn structural_parts(all_of: &[ReferenceOr<Schema>]) -> Vec<&ReferenceOr<Schema>> {
    fn inline_is(part: &ReferenceOr<Schema>, test: fn(&Facts<'_>) -> bool) -> bool {
        match part {
            ReferenceOr::Reference { .. } => false,
            ReferenceOr::Item(schema) => test(&facts(&schema.schema_kind)),
        }
    }
    let stating: Vec<&ReferenceOr<Schema>> = all_of
        .iter()
        .filter(|part| !inline_is(part, |f| f.is_annotation_only()))
        .collect();
    let stronger: Vec<&ReferenceOr<Schema>> = stating
        .iter()
        .copied()
        .filter(|part| !inline_is(part, |f| f.is_type_restatement()))
        .collect();
    if stronger.is_empty() {
        stating
    } else {
        stronger
    }
}

/// A schema's description, or else the first one its inline `allOf` parts give (the 3.0 way to
/// describe a ref: `allOf: [{$ref: X}, {description: ...}]`).
pub fn own_description(schema: &Schema) -> Option<&str> {
    schema.schema_data.description.as_deref().or_else(|| {
        facts(&schema.schema_kind)
            .all_of
            .iter()
            .find_map(|part| match part {
                ReferenceOr::Item(inner) => inner.schema_data.description.as_deref(),
                ReferenceOr::Reference { .. } => None,
            })
    })
}

/// The annotations every schema has, borrowed.
#[derive(Debug)]
pub struct Annotations<'a> {
    /// `nullable`.
    pub nullable: bool,
    /// `readOnly`.
    pub read_only: bool,
    /// `writeOnly`.
    pub write_only: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// `example`.
    pub example: Option<&'a Value>,
    /// `title`.
    pub title: Option<&'a str>,
    /// `description`.
    pub description: Option<&'a str>,
    /// `discriminator.propertyName` and `discriminator.mapping`.
    pub discriminator: Option<(&'a str, &'a IndexMap<String, String>)>,
    /// `default`.
    pub default: Option<&'a Value>,
}

/// Reads the annotations of a schema.
pub fn annotations(data: &SchemaData) -> Annotations<'_> {
    let SchemaData {
        nullable,
        read_only,
        write_only,
        deprecated,
        external_docs: _,
        example,
        title,
        description,
        discriminator,
        default,
        extensions: _,
    } = data;
    Annotations {
        nullable: *nullable,
        read_only: *read_only,
        write_only: *write_only,
        deprecated: *deprecated,
        example: example.as_ref(),
        title: title.as_deref(),
        description: description.as_deref(),
        discriminator: discriminator.as_ref().map(|discriminator| {
            let openapiv3::Discriminator {
                property_name,
                mapping,
                extensions: _,
            } = discriminator;
            (property_name.as_str(), mapping)
        }),
        default: default.as_ref(),
    }
}

/// Reads every keyword of a schema's kind.
pub fn facts(kind: &SchemaKind) -> Facts<'_> {
    match kind {
        SchemaKind::Type(Type::String(string)) => string_facts(string),
        SchemaKind::Type(Type::Number(number)) => number_facts(number),
        SchemaKind::Type(Type::Integer(integer)) => integer_facts(integer),
        SchemaKind::Type(Type::Object(object)) => object_facts(object),
        SchemaKind::Type(Type::Array(array)) => array_facts(array),
        SchemaKind::Type(Type::Boolean(boolean)) => boolean_facts(boolean),
        SchemaKind::OneOf { one_of } => Facts {
            one_of,
            ..Facts::default()
        },
        SchemaKind::AllOf { all_of } => Facts {
            all_of,
            ..Facts::default()
        },
        SchemaKind::AnyOf { any_of } => Facts {
            any_of,
            ..Facts::default()
        },
        SchemaKind::Not { not } => Facts {
            not: Some(not),
            ..Facts::default()
        },
        SchemaKind::Any(any) => any_facts(any),
    }
}

fn format_name<T: std::fmt::Debug>(
    format: &VariantOrUnknownOrEmpty<T>,
    known: fn(&T) -> &'static str,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(known(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn enum_of<T>(values: &[Option<T>], to_json: impl Fn(&T) -> Value) -> Option<Vec<Value>> {
    (!values.is_empty()).then(|| {
        values
            .iter()
            .map(|value| value.as_ref().map_or(Value::Null, &to_json))
            .collect()
    })
}

fn string_facts(string: &StringType) -> Facts<'_> {
    let StringType {
        format,
        pattern,
        enumeration,
        min_length,
        max_length,
    } = string;
    Facts {
        typ: Some("string"),
        format: format_name(format, |format| match format {
            openapiv3::StringFormat::Date => "date",
            openapiv3::StringFormat::DateTime => "date-time",
            openapiv3::StringFormat::Password => "password",
            openapiv3::StringFormat::Byte => "byte",
            openapiv3::StringFormat::Binary => "binary",
        }),
        pattern: pattern.as_deref(),
        min_length: *min_length,
        max_length: *max_length,
        enum_values: enum_of(enumeration, |value| Value::String(value.clone())),
        ..Facts::default()
    }
}

fn number_facts(number: &NumberType) -> Facts<'_> {
    let NumberType {
        format,
        multiple_of,
        exclusive_minimum,
        exclusive_maximum,
        minimum,
        maximum,
        enumeration,
    } = number;
    Facts {
        typ: Some("number"),
        format: format_name(format, |format| match format {
            openapiv3::NumberFormat::Float => "float",
            openapiv3::NumberFormat::Double => "double",
        }),
        multiple_of: multiple_of.and_then(Number::from_f64).map(integral),
        exclusive_minimum: *exclusive_minimum,
        exclusive_maximum: *exclusive_maximum,
        minimum: minimum.and_then(Number::from_f64).map(integral),
        maximum: maximum.and_then(Number::from_f64).map(integral),
        enum_values: enum_of(enumeration, |value| {
            Number::from_f64(*value).map_or(Value::Null, Value::Number)
        }),
        ..Facts::default()
    }
}

fn integer_facts(integer: &IntegerType) -> Facts<'_> {
    let IntegerType {
        format,
        multiple_of,
        exclusive_minimum,
        exclusive_maximum,
        minimum,
        maximum,
        enumeration,
    } = integer;
    Facts {
        typ: Some("integer"),
        format: format_name(format, |format| match format {
            openapiv3::IntegerFormat::Int32 => "int32",
            openapiv3::IntegerFormat::Int64 => "int64",
        }),
        multiple_of: multiple_of.map(Number::from),
        exclusive_minimum: *exclusive_minimum,
        exclusive_maximum: *exclusive_maximum,
        minimum: minimum.map(Number::from),
        maximum: maximum.map(Number::from),
        enum_values: enum_of(enumeration, |value| Value::Number(Number::from(*value))),
        ..Facts::default()
    }
}

fn object_facts(object: &ObjectType) -> Facts<'_> {
    let ObjectType {
        properties,
        required,
        additional_properties,
        min_properties,
        max_properties,
    } = object;
    Facts {
        typ: Some("object"),
        properties: Some(properties),
        required,
        additional_properties: additional_properties.as_ref(),
        min_properties: *min_properties,
        max_properties: *max_properties,
        ..Facts::default()
    }
}

fn array_facts(array: &ArrayType) -> Facts<'_> {
    let ArrayType {
        items,
        min_items,
        max_items,
        unique_items,
    } = array;
    Facts {
        typ: Some("array"),
        items: items.as_ref(),
        min_items: *min_items,
        max_items: *max_items,
        unique_items: *unique_items,
        ..Facts::default()
    }
}

fn boolean_facts(boolean: &BooleanType) -> Facts<'_> {
    let BooleanType { enumeration } = boolean;
    Facts {
        typ: Some("boolean"),
        enum_values: enum_of(enumeration, |value| Value::Bool(*value)),
        ..Facts::default()
    }
}

fn any_facts(any: &AnySchema) -> Facts<'_> {
    let AnySchema {
        typ,
        pattern,
        multiple_of,
        exclusive_minimum,
        exclusive_maximum,
        minimum,
        maximum,
        properties,
        required,
        additional_properties,
        min_properties,
        max_properties,
        items,
        min_items,
        max_items,
        unique_items,
        enumeration,
        format,
        min_length,
        max_length,
        one_of,
        all_of,
        any_of,
        not,
    } = any;
    Facts {
        typ: typ.as_deref(),
        format: format.clone(),
        pattern: pattern.as_deref(),
        min_length: *min_length,
        max_length: *max_length,
        minimum: minimum.and_then(Number::from_f64).map(integral),
        maximum: maximum.and_then(Number::from_f64).map(integral),
        exclusive_minimum: exclusive_minimum.unwrap_or(false),
        exclusive_maximum: exclusive_maximum.unwrap_or(false),
        multiple_of: multiple_of.and_then(Number::from_f64).map(integral),
        properties: (!properties.is_empty()).then_some(properties),
        required,
        additional_properties: additional_properties.as_ref(),
        min_properties: *min_properties,
        max_properties: *max_properties,
        items: items.as_ref(),
        min_items: *min_items,
        max_items: *max_items,
        unique_items: unique_items.unwrap_or(false),
        enum_values: (!enumeration.is_empty()).then(|| enumeration.clone()),
        one_of,
        all_of,
        any_of,
        not: not.as_deref(),
    }
}

/// `openapiv3` reads the numbers of number and untyped schemas as `f64`; give integral ones back their
/// integer form so `minimum: 1` stays `1`, not `1.0`.
fn integral(number: Number) -> Number {
    match number.as_f64() {
        Some(float) if float.fract() == 0.0 && float.abs() < 9.0e15 => Number::from(float as i64),
        _ => number,
    }
}
