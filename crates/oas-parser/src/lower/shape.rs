//! The shape of a schema found inline: a reference's form, a primitive, an array or a map, or a
//! model made for what needs one. The mapping from JSON types and formats to IR types is here.

use serde_json::Value;

use super::{Inlined, Lowerer, Site, needs_model};
use crate::diagnostic::{Diagnostic, push_token};
use crate::ir::*;
use crate::view::{JsonType, Schema, structural_parts};

impl<'a> Lowerer<'a> {
    /// The shape of a schema or reference found at `site`.
    pub(super) fn shape_of(&mut self, schema: &'a Schema, site: &Site) -> Inlined {
        match &schema.reference {
            Some(reference) => self.reference_form(reference, &site.pointer),
            None => Inlined::annotated(self.item_shape(schema, site), schema),
        }
    }

    /// The shape of an inline schema: a primitive, array or map, or a new model for what needs one.
    pub(super) fn item_shape(&mut self, schema: &'a Schema, site: &Site) -> Shape {
        if needs_model(schema) {
            let id = self.inline_model(schema, site);
            return Shape {
                ty: Type::Model(ModelRef { id, cyclic: false }),
                nullable: schema.is_nullable(),
                constraints: Constraints::default(),
            };
        }
        if !schema.all_of.is_empty() {
            // `allOf: [x]` (beside annotation-only parts) is `x`, with the wrapper's nullability:
            // the 3.0 way to make a ref nullable or give it a description.
            let Some(single) = structural_parts(&schema.all_of).first().copied() else {
                return Shape {
                    nullable: schema.is_nullable(),
                    ..Shape::plain(Type::Any)
                };
            };
            let position = schema
                .all_of
                .iter()
                .position(|part| std::ptr::eq(part, single))
                .unwrap_or_default()
                .to_string();
            let mut shape = self
                .shape_of(single, &site.child("allOf", "", &["allOf", &position]))
                .shape;
            // `nullable` on the wrapper or on a part beside the ref (Plaid writes it there).
            let part_nullable = schema
                .all_of
                .iter()
                .any(|part| part.reference.is_none() && part.is_nullable());
            shape.nullable |= schema.is_nullable() || part_nullable;
            return shape;
        }
        if schema.enum_values.as_deref() == Some(&[Value::Null]) {
            return Shape {
                ty: Type::Any,
                nullable: true,
                constraints: Constraints {
                    enum_values: vec![Value::Null],
                    ..Constraints::default()
                },
            };
        }
        if !schema.one_of.is_empty() || !schema.any_of.is_empty() || schema.not.is_some() {
            // Only reachable for `not` (unions need a model): nothing Rust can state.
            self.diagnostics.push(Diagnostic::warning(
                site.pointer.clone(),
                "`not` cannot be expressed as a type: the value is any JSON",
            ));
        }
        let ty = self.primitive_type(schema, site);
        let is_array = matches!(ty, Type::Array(_));
        if !is_array
            && (schema.unique_items || schema.min_items.is_some() || schema.max_items.is_some())
        {
            self.diagnostics.push(Diagnostic::warning(
                site.pointer.clone(),
                format!(
                    "array keywords (uniqueItems, minItems, maxItems) on a `{}` schema do not apply and are ignored",
                    type_label(schema)
                ),
            ));
        }
        let mut constraints = constraints_of(schema);
        if !is_array {
            constraints.unique_items = false;
            constraints.min_items = None;
            constraints.max_items = None;
        }
        Shape {
            ty,
            nullable: schema.is_nullable(),
            constraints,
        }
    }

    /// The type of a schema that needs no model.
    fn primitive_type(&mut self, schema: &'a Schema, site: &Site) -> Type {
        if let Some(other) = &schema.unknown_type {
            self.diagnostics.push(Diagnostic::error(
                push_token(&site.pointer, "type"),
                format!("unknown type `{other}`: expected string, number, integer, boolean, array or object"),
            ));
            return Type::Any;
        }
        match schema.single_type().or_else(|| infer_type(schema)) {
            Some(JsonType::String) => match schema.format.as_deref() {
                Some("date-time") => Type::DateTime,
                Some("date") => Type::Date,
                Some("uuid") => Type::Uuid,
                Some("byte") => Type::Bytes,
                Some("binary") => Type::Binary,
                _ => Type::String,
            },
            Some(JsonType::Integer) => Type::Integer {
                format: schema.format.clone(),
            },
            Some(JsonType::Number) => Type::Number {
                format: schema.format.clone(),
            },
            Some(JsonType::Boolean) => Type::Boolean,
            Some(JsonType::Array) => match &schema.items {
                Some(items) => {
                    let item = self.shape_of(items, &site.child("items", "Item", &["items"]));
                    Type::Array(Box::new(item.shape))
                }
                None => Type::Array(Box::new(Shape::plain(Type::Any))),
            },
            // An object without properties is a map of its additional properties.
            Some(JsonType::Object) => match self.additional(schema, site) {
                Additional::Typed(value) => Type::Map(value),
                Additional::Unspecified | Additional::Forbidden | Additional::AnyValue => {
                    Type::JsonObject
                }
            },
            Some(JsonType::Null) | None => Type::Any,
        }
    }
}

/// The type a schema states, for messages.
fn type_label(schema: &Schema) -> &str {
    match (&schema.unknown_type, schema.single_type()) {
        (Some(unknown), _) => unknown,
        (None, Some(ty)) => ty.name(),
        (None, None) => "untyped",
    }
}

/// The type an untyped schema evidently has.
fn infer_type(schema: &Schema) -> Option<JsonType> {
    if schema.items.is_some() {
        Some(JsonType::Array)
    } else if schema.properties.is_some() || schema.additional_properties.is_some() {
        Some(JsonType::Object)
    } else {
        None
    }
}

/// The validation keywords of a schema, as the IR holds them.
fn constraints_of(schema: &Schema) -> Constraints {
    Constraints {
        format: schema.format.clone(),
        pattern: schema.pattern.clone(),
        min_length: schema.min_length,
        max_length: schema.max_length,
        minimum: schema.minimum.clone(),
        maximum: schema.maximum.clone(),
        exclusive_minimum: schema.exclusive_minimum,
        exclusive_maximum: schema.exclusive_maximum,
        multiple_of: schema.multiple_of.clone(),
        min_items: schema.min_items,
        max_items: schema.max_items,
        unique_items: schema.unique_items,
        min_properties: schema.min_properties,
        max_properties: schema.max_properties,
        enum_values: Vec::new(),
    }
}
