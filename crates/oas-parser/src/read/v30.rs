//! The OpenAPI 3.0 reader: a schema is deserialized by `openapiv3`, then moved into the view.
//!
//! `openapiv3` picks a typed variant when a schema's keywords fit one and `SchemaKind::Any` when
//! they do not (`type: object` with `allOf`, `type: string` with `uniqueItems`, `enum: [null]`);
//! the view does not care which. Each `openapiv3` struct is destructured with every field named,
//! so a field added upstream stops this module from compiling instead of being dropped silently.

use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, IntegerType, NumberType, ObjectType,
    ReferenceOr, SchemaData, SchemaKind, StringType, Type, VariantOrUnknownOrEmpty,
};
use serde::Deserialize;
use serde_json::{Number, Value};

use crate::diagnostic::{Diagnostic, push_token};
use crate::read::{integral, local_reference};
use crate::view::{Discriminator, JsonType, Schema};

/// Reads the schema at `pointer`, or reports (naming the exact node) why `openapiv3` cannot.
pub fn read_schema(value: &Value, pointer: &str) -> Result<Schema, Diagnostic> {
    // The fast path; only a schema that fails is read again to find where.
    let parsed = match ReferenceOr::<openapiv3::Schema>::deserialize(value) {
        Ok(schema) => schema,
        Err(_) => serde_path_to_error::deserialize(value).map_err(|err| {
            let mut at = pointer.to_owned();
            for segment in err.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        at = push_token(&at, &index.to_string())
                    }
                    serde_path_to_error::Segment::Map { key } => at = push_token(&at, key),
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            Diagnostic::error(at, format!("invalid schema: {}", err.into_inner()))
        })?,
    };
    Ok(view(parsed))
}

/// The view of a schema or reference.
fn view(schema: ReferenceOr<openapiv3::Schema>) -> Schema {
    match schema {
        ReferenceOr::Reference { reference } => Schema::reference(local_reference(reference)),
        ReferenceOr::Item(schema) => {
            let openapiv3::Schema {
                schema_data,
                schema_kind,
            } = schema;
            let mut view = kind_view(schema_kind);
            annotate(&mut view, schema_data);
            view
        }
    }
}

fn views(schemas: Vec<ReferenceOr<openapiv3::Schema>>) -> Vec<Schema> {
    schemas.into_iter().map(view).collect()
}

fn boxed(schema: ReferenceOr<Box<openapiv3::Schema>>) -> Box<Schema> {
    Box::new(match schema {
        ReferenceOr::Reference { reference } => Schema::reference(local_reference(reference)),
        ReferenceOr::Item(schema) => view(ReferenceOr::Item(*schema)),
    })
}

/// Moves the annotations every schema has into the view.
fn annotate(view: &mut Schema, data: SchemaData) {
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
    view.nullable = nullable;
    view.read_only = read_only;
    view.write_only = write_only;
    view.deprecated = deprecated;
    view.example = example;
    view.title = title;
    view.description = description;
    view.default = default;
    view.discriminator = discriminator.map(|discriminator| {
        let openapiv3::Discriminator {
            property_name,
            mapping,
            extensions: _,
        } = discriminator;
        Discriminator {
            property: property_name,
            mapping: mapping.into_iter().collect(),
        }
    });
}

/// Moves every keyword of a schema's kind into a view.
fn kind_view(kind: SchemaKind) -> Schema {
    match kind {
        SchemaKind::Type(Type::String(string)) => string_view(string),
        SchemaKind::Type(Type::Number(number)) => number_view(number),
        SchemaKind::Type(Type::Integer(integer)) => integer_view(integer),
        SchemaKind::Type(Type::Object(object)) => object_view(object),
        SchemaKind::Type(Type::Array(array)) => array_view(array),
        SchemaKind::Type(Type::Boolean(boolean)) => boolean_view(boolean),
        SchemaKind::OneOf { one_of } => Schema {
            one_of: views(one_of),
            ..Schema::default()
        },
        SchemaKind::AllOf { all_of } => Schema {
            all_of: views(all_of),
            ..Schema::default()
        },
        SchemaKind::AnyOf { any_of } => Schema {
            any_of: views(any_of),
            ..Schema::default()
        },
        SchemaKind::Not { not } => Schema {
            not: Some(Box::new(view(*not))),
            ..Schema::default()
        },
        SchemaKind::Any(any) => any_view(any),
    }
}

fn format_name<T>(
    format: VariantOrUnknownOrEmpty<T>,
    known: fn(T) -> &'static str,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(known(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn enum_of<T>(values: Vec<Option<T>>, to_json: impl Fn(T) -> Value) -> Option<Vec<Value>> {
    (!values.is_empty()).then(|| {
        values
            .into_iter()
            .map(|value| value.map_or(Value::Null, &to_json))
            .collect()
    })
}

fn count(value: Option<usize>) -> Option<u64> {
    value.map(|value| value as u64)
}

/// A number `openapiv3` read as `f64`, integral ones back in their integer form.
fn float(value: Option<f64>) -> Option<Number> {
    value.and_then(Number::from_f64).map(integral)
}

fn string_view(string: StringType) -> Schema {
    let StringType {
        format,
        pattern,
        enumeration,
        min_length,
        max_length,
    } = string;
    Schema {
        types: vec![JsonType::String],
        format: format_name(format, |format| match format {
            openapiv3::StringFormat::Date => "date",
            openapiv3::StringFormat::DateTime => "date-time",
            openapiv3::StringFormat::Password => "password",
            openapiv3::StringFormat::Byte => "byte",
            openapiv3::StringFormat::Binary => "binary",
        }),
        pattern,
        min_length: count(min_length),
        max_length: count(max_length),
        enum_values: enum_of(enumeration, Value::String),
        ..Schema::default()
    }
}

fn number_view(number: NumberType) -> Schema {
    let NumberType {
        format,
        multiple_of,
        exclusive_minimum,
        exclusive_maximum,
        minimum,
        maximum,
        enumeration,
    } = number;
    Schema {
        types: vec![JsonType::Number],
        format: format_name(format, |format| match format {
            openapiv3::NumberFormat::Float => "float",
            openapiv3::NumberFormat::Double => "double",
        }),
        multiple_of: float(multiple_of),
        exclusive_minimum,
        exclusive_maximum,
        minimum: float(minimum),
        maximum: float(maximum),
        enum_values: enum_of(enumeration, |value| {
            float(Some(value)).map_or(Value::Null, Value::Number)
        }),
        ..Schema::default()
    }
}

fn integer_view(integer: IntegerType) -> Schema {
    let IntegerType {
        format,
        multiple_of,
        exclusive_minimum,
        exclusive_maximum,
        minimum,
        maximum,
        enumeration,
    } = integer;
    Schema {
        types: vec![JsonType::Integer],
        format: format_name(format, |format| match format {
            openapiv3::IntegerFormat::Int32 => "int32",
            openapiv3::IntegerFormat::Int64 => "int64",
        }),
        multiple_of: multiple_of.map(Number::from),
        exclusive_minimum,
        exclusive_maximum,
        minimum: minimum.map(Number::from),
        maximum: maximum.map(Number::from),
        enum_values: enum_of(enumeration, |value| Value::Number(Number::from(value))),
        ..Schema::default()
    }
}

fn object_view(object: ObjectType) -> Schema {
    let ObjectType {
        properties,
        required,
        additional_properties,
        min_properties,
        max_properties,
    } = object;
    Schema {
        types: vec![JsonType::Object],
        properties: (!properties.is_empty()).then(|| properties_view(properties)),
        required,
        additional_properties: additional_properties.map(additional_view),
        min_properties: count(min_properties),
        max_properties: count(max_properties),
        ..Schema::default()
    }
}

fn properties_view(
    properties: indexmap::IndexMap<String, ReferenceOr<Box<openapiv3::Schema>>>,
) -> Vec<(String, Schema)> {
    properties
        .into_iter()
        .map(|(name, schema)| (name, *boxed(schema)))
        .collect()
}

fn additional_view(additional: AdditionalProperties) -> Box<Schema> {
    match additional {
        AdditionalProperties::Any(true) => Box::default(),
        AdditionalProperties::Any(false) => Box::new(Schema {
            rejects_all: true,
            ..Schema::default()
        }),
        AdditionalProperties::Schema(schema) => Box::new(view(*schema)),
    }
}

fn array_view(array: ArrayType) -> Schema {
    let ArrayType {
        items,
        min_items,
        max_items,
        unique_items,
    } = array;
    Schema {
        types: vec![JsonType::Array],
        items: items.map(boxed),
        min_items: count(min_items),
        max_items: count(max_items),
        unique_items,
        ..Schema::default()
    }
}

fn boolean_view(boolean: BooleanType) -> Schema {
    let BooleanType { enumeration } = boolean;
    Schema {
        types: vec![JsonType::Boolean],
        enum_values: enum_of(enumeration, Value::Bool),
        ..Schema::default()
    }
}

fn any_view(any: AnySchema) -> Schema {
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
    // 3.0 has no `null` type: a `type: null` is as unknown as `type: file`.
    let (types, unknown_type) = match typ {
        None => (Vec::new(), None),
        Some(name) => match JsonType::parse(&name).filter(|ty| *ty != JsonType::Null) {
            Some(ty) => (vec![ty], None),
            None => (Vec::new(), Some(name)),
        },
    };
    Schema {
        types,
        unknown_type,
        format,
        pattern,
        min_length: count(min_length),
        max_length: count(max_length),
        minimum: float(minimum),
        maximum: float(maximum),
        exclusive_minimum: exclusive_minimum.unwrap_or(false),
        exclusive_maximum: exclusive_maximum.unwrap_or(false),
        multiple_of: float(multiple_of),
        properties: (!properties.is_empty()).then(|| properties_view(properties)),
        required,
        additional_properties: additional_properties.map(additional_view),
        min_properties: count(min_properties),
        max_properties: count(max_properties),
        items: items.map(boxed),
        min_items: count(min_items),
        max_items: count(max_items),
        unique_items: unique_items.unwrap_or(false),
        enum_values: (!enumeration.is_empty()).then_some(enumeration),
        one_of: views(one_of),
        all_of: views(all_of),
        any_of: views(any_of),
        not: not.map(|not| Box::new(view(*not))),
        ..Schema::default()
    }
}
