//! The shape of a schema found inline: a reference's form, a primitive, an array or a map, or a
//! model made for what needs one. The mapping from JSON types and formats to IR types is here.

use serde_json::Value;

use super::{Inlined, Lowerer, Site, needs_model};
use crate::diagnostic::{Diagnostic, push_token};
use crate::ir::*;
use crate::view::{JsonType, Schema, admits, structural_parts};

impl Lowerer<'_> {
    /// The shape of a schema or reference found at `site`, with the annotations a field takes.
    pub(super) fn shape_of(&mut self, schema: &Schema, site: &Site) -> Inlined {
        let any = Inlined::plain(Shape::plain(Type::Any));
        self.deeper(&site.pointer, any, |this| this.shape_here(schema, site))
    }

    /// [`Self::shape_of`], one level deeper.
    fn shape_here(&mut self, schema: &Schema, site: &Site) -> Inlined {
        if needs_model(schema) {
            return Inlined::annotated(self.item_shape(schema, site), schema);
        }
        let inner = match (&schema.reference, schema.union_parts()) {
            (Some(reference), _) => Some(self.reference_form(reference, &site.pointer)),
            // One alternative (beside `null`: `anyOf: [X, {type: "null"}]`) is that
            // alternative (nullable).
            (None, Some(parts)) => parts.alternatives.first().map(|&(position, single)| {
                let position = position.to_string();
                let mut inlined = self.shape_of(single, &site.at(&[parts.keyword, &position]));
                inlined.shape.nullable |= parts.null;
                inlined
            }),
            (None, None) => None,
        };
        match inner {
            Some(mut inlined) => {
                self.apply_siblings(&mut inlined, schema, site);
                inlined
            }
            None => Inlined::annotated(self.item_shape(schema, site), schema),
        }
    }

    /// Applies what stands beside a `$ref` (or around a nullable alternative) to its form:
    /// nullability, constraints, and the annotations a field takes (the target's otherwise).
    fn apply_siblings(&mut self, inlined: &mut Inlined, schema: &Schema, site: &Site) {
        inlined.shape.nullable |= schema.is_nullable();
        let own = self.constraints_of(schema, site);
        overlay(&mut inlined.shape.constraints, own);
        if schema.example.is_some() {
            inlined.example = schema.example.clone();
        }
        if schema.default.is_some() {
            inlined.default = schema.default.clone();
        }
        inlined.read_only |= schema.read_only;
        inlined.write_only |= schema.write_only;
    }

    /// The shape of an inline schema: a primitive, array or map, or a new model for what needs one.
    pub(super) fn item_shape(&mut self, schema: &Schema, site: &Site) -> Shape {
        if needs_model(schema) {
            let id = self.inline_model(schema, site);
            return Shape {
                ty: Type::Model(ModelRef { id, boxed: false }),
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
        let only_null_alternatives = schema
            .union_parts()
            .is_some_and(|parts| parts.null && parts.alternatives.is_empty());
        if schema.is_null_only() || only_null_alternatives {
            return Shape {
                ty: Type::Any,
                nullable: true,
                constraints: Constraints {
                    enum_values: vec![Value::Null],
                    ..Constraints::default()
                },
            };
        }
        let ty = self.primitive_type(schema, site);
        let is_array = matches!(ty, Type::Array(_) | Type::Tuple(_));
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
        let mut constraints = self.constraints_of(schema, site);
        if !matches!(ty, Type::Array(_)) {
            constraints.unique_items = false;
            constraints.min_items = None;
            constraints.max_items = None;
        }
        if matches!(ty, Type::Array(_)) && !schema.prefix_items.is_empty() {
            constraints.unchecked.push("prefixItems".to_owned());
            self.report_unchecked(site, "prefixItems");
        }
        if matches!(ty, Type::Map(_) | Type::JsonObject) {
            constraints.keys = key_rules(schema);
        }
        Shape {
            ty,
            nullable: schema.is_nullable(),
            constraints,
        }
    }

    /// The type of a schema that needs no model.
    fn primitive_type(&mut self, schema: &Schema, site: &Site) -> Type {
        if let Some(other) = &schema.unknown_type {
            self.diagnostics.push(Diagnostic::error(
                push_token(&site.pointer, "type"),
                format!("unknown type `{other}`; the field is read as any JSON value"),
            ).with_help("`type` is one of string, number, integer, boolean, array, object (or null in 3.1)"));
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
            Some(JsonType::Array) if !schema.prefix_items.is_empty() => {
                self.prefixed_type(schema, site)
            }
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

    /// The type of an array with `prefixItems`: a tuple when nothing may follow them (`items:
    /// false`, or as many items as prefixes required and allowed), else a list of any JSON
    /// (the prefixes documented, not checked).
    fn prefixed_type(&mut self, schema: &Schema, site: &Site) -> Type {
        let count = schema.prefix_items.len() as u64;
        let closed = schema.items.as_ref().is_some_and(|items| items.rejects_all)
            || (schema.min_items == Some(count) && schema.max_items == Some(count));
        if !closed {
            return Type::Array(Box::new(Shape::plain(Type::Any)));
        }
        let shapes = schema
            .prefix_items
            .iter()
            .enumerate()
            .map(|(position, item)| {
                let index = position.to_string();
                let name = format!("Item {}", position + 1);
                let item_site = site.child(&index, &name, &["prefixItems", &index]);
                self.shape_of(item, &item_site).shape
            })
            .collect();
        Type::Tuple(shapes)
    }

    /// The validation keywords of a schema, as the IR holds them; the keywords it cannot check
    /// are reported.
    pub(super) fn constraints_of(&mut self, schema: &Schema, site: &Site) -> Constraints {
        let unchecked = self.unchecked(schema, site, false);
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
            enum_values: schema
                .const_value
                .iter()
                .filter(|c| !c.is_null())
                .cloned()
                .collect(),
            keys: None,
            unchecked,
        }
    }

    /// The keywords of `schema` whose rule is neither a type nor checked, each reported.
    /// `dependentRequired` is checked on a struct (`is_struct`), not elsewhere.
    pub(super) fn unchecked(
        &mut self,
        schema: &Schema,
        site: &Site,
        is_struct: bool,
    ) -> Vec<String> {
        let mut unchecked: Vec<String> = schema.unchecked.iter().map(|k| (*k).to_owned()).collect();
        if schema.not.is_some() {
            unchecked.push("not".to_owned());
        }
        if !schema.dependent_required.is_empty() && !is_struct {
            unchecked.push("dependentRequired".to_owned());
        }
        if schema.unevaluated_properties.is_some() && schema.union_parts().is_some() {
            unchecked.push("unevaluatedProperties".to_owned());
        }
        for keyword in &unchecked {
            self.report_unchecked(site, keyword);
        }
        unchecked
    }

    /// A warning that `keyword` at `site` is documented, not checked.
    fn report_unchecked(&mut self, site: &Site, keyword: &str) {
        self.diagnostics.push(Diagnostic::warning(
            site.pointer.clone(),
            format!("`{keyword}` is not checked: no Rust type or validate() rule expresses it; the docs state it"),
        ));
    }
}

/// `own` laid over `base`: every keyword `own` states replaces `base`'s.
fn overlay(base: &mut Constraints, own: Constraints) {
    let Constraints {
        format,
        pattern,
        min_length,
        max_length,
        minimum,
        maximum,
        exclusive_minimum,
        exclusive_maximum,
        multiple_of,
        min_items,
        max_items,
        unique_items,
        min_properties,
        max_properties,
        enum_values,
        keys,
        unchecked,
    } = own;
    fn set<T>(slot: &mut Option<T>, value: Option<T>) {
        if value.is_some() {
            *slot = value;
        }
    }
    set(&mut base.format, format);
    set(&mut base.pattern, pattern);
    set(&mut base.min_length, min_length);
    set(&mut base.max_length, max_length);
    if minimum.is_some() {
        base.minimum = minimum;
        base.exclusive_minimum = exclusive_minimum;
    }
    if maximum.is_some() {
        base.maximum = maximum;
        base.exclusive_maximum = exclusive_maximum;
    }
    set(&mut base.multiple_of, multiple_of);
    set(&mut base.min_items, min_items);
    set(&mut base.max_items, max_items);
    base.unique_items |= unique_items;
    set(&mut base.min_properties, min_properties);
    set(&mut base.max_properties, max_properties);
    if !enum_values.is_empty() {
        base.enum_values = enum_values;
    }
    set(&mut base.keys, keys);
    base.unchecked.extend(unchecked);
}

/// What every key of an object's extra-keys map follows: `propertyNames`, and the patterns of
/// `patternProperties` when other keys are forbidden (`additionalProperties: false`), or when one
/// pattern alone types the map (the map's values are its schema's, so a key that does not match
/// holds a value the model does not describe).
pub(super) fn key_rules(schema: &Schema) -> Option<Box<Constraints>> {
    let mut keys = Constraints::default();
    if let Some(names) = &schema.property_names {
        keys.pattern = names.pattern.clone();
        keys.min_length = names.min_length;
        keys.max_length = names.max_length;
        keys.format = names.format.clone();
        keys.enum_values = match (&names.enum_values, &names.const_value) {
            (Some(values), _) => values.iter().filter(|v| v.is_string()).cloned().collect(),
            (None, Some(value)) if value.is_string() => vec![value.clone()],
            _ => Vec::new(),
        };
    }
    let others = schema
        .additional_properties
        .as_deref()
        .or(schema.unevaluated_properties.as_deref());
    let only_patterns = match others {
        Some(others) => others.rejects_all,
        None => schema.pattern_properties.len() == 1,
    };
    if keys.pattern.is_none() && !schema.pattern_properties.is_empty() && only_patterns {
        let patterns: Vec<&str> = schema
            .pattern_properties
            .iter()
            .map(|(p, _)| p.as_str())
            .collect();
        keys.pattern = Some(match patterns.as_slice() {
            [only] => (*only).to_owned(),
            several => several
                .iter()
                .map(|pattern| format!("(?:{pattern})"))
                .collect::<Vec<_>>()
                .join("|"),
        });
    }
    (!keys.is_empty()).then(|| Box::new(keys))
}

/// The type a schema states, for messages.
fn type_label(schema: &Schema) -> &str {
    match (&schema.unknown_type, schema.single_type()) {
        (Some(unknown), _) => unknown,
        (None, Some(ty)) => ty.name(),
        (None, None) => "untyped",
    }
}

/// The type an untyped schema evidently has: from its keywords, or its `const`.
fn infer_type(schema: &Schema) -> Option<JsonType> {
    if schema.items.is_some() || !schema.prefix_items.is_empty() {
        Some(JsonType::Array)
    } else if schema.properties.is_some()
        || schema.additional_properties.is_some()
        || !schema.pattern_properties.is_empty()
        || schema.property_names.is_some()
    {
        Some(JsonType::Object)
    } else {
        let value = schema.const_value.as_ref()?;
        [
            JsonType::String,
            JsonType::Boolean,
            JsonType::Integer,
            JsonType::Number,
            JsonType::Array,
            JsonType::Object,
        ]
        .into_iter()
        .find(|ty| admits(*ty, value))
    }
}
