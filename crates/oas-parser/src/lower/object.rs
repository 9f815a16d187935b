//! Structs: fields from `properties`, `allOf` parts merged into one, and what the object's other
//! keys may hold.

use super::shape::key_rules;
use super::{Lowerer, Site, Stage, needs_model};
use crate::diagnostic::{Diagnostic, push_token};
use crate::ir::*;
use crate::naming::{NameSet, field_name};
use crate::view::Schema;

impl Lowerer<'_> {
    /// The struct of an object schema, its `allOf` parts (and a `$ref` beside its properties)
    /// merged in.
    pub(super) fn lower_struct(&mut self, schema: &Schema, site: &Site) -> Struct {
        let mut merged = Struct {
            fields: Vec::new(),
            additional: Additional::Unspecified,
            key_rule: None,
            dependent_required: Vec::new(),
            keys: None,
        };
        let mut required: Vec<&str> = schema.required.iter().map(String::as_str).collect();
        if schema.reference.is_some() {
            // 3.1: `$ref` beside other keywords applies both, as an `allOf` would.
            self.merge_part(schema, site, &mut merged, &mut required);
        }
        for (position, part) in schema.all_of.iter().enumerate() {
            let part_site = site.at(&["allOf", &position.to_string()]);
            self.merge_part(part, &part_site, &mut merged, &mut required);
        }
        self.collect_fields(schema.properties.as_ref(), site, &mut merged.fields);
        if merged.additional == Additional::Unspecified {
            merged.additional = self.additional(schema, site);
        }
        mark_required(&mut merged.fields, &required);
        merged.keys = key_rules(schema).or(merged.keys);
        merged
            .dependent_required
            .extend(
                schema
                    .dependent_required
                    .iter()
                    .map(|(key, required)| DependentRequired {
                        key: key.clone(),
                        required: required.clone(),
                    }),
            );
        merged
    }

    /// Merges one `allOf` part (a reference to a struct, or an inline object) into `merged`.
    fn merge_part<'s>(
        &mut self,
        part: &'s Schema,
        site: &Site,
        merged: &mut Struct,
        required: &mut Vec<&'s str>,
    ) {
        if let Some(reference) = &part.reference {
            let Some(index) = self.resolve(reference, &site.pointer) else {
                return;
            };
            match self.component_struct(index) {
                Some(part_struct) => {
                    for field in part_struct.fields {
                        match merged
                            .fields
                            .iter_mut()
                            .find(|f| f.wire_name == field.wire_name)
                        {
                            Some(existing) => *existing = field,
                            None => merged.fields.push(field),
                        }
                    }
                    if merged.additional == Additional::Unspecified {
                        merged.additional = part_struct.additional;
                    }
                    if merged.keys.is_none() {
                        merged.keys = part_struct.keys;
                    }
                    merged
                        .dependent_required
                        .extend(part_struct.dependent_required);
                    self.name_fields(&mut merged.fields);
                }
                None => match self.component_form(index).shape.ty {
                    Type::JsonObject => merged.additional = Additional::AnyValue,
                    Type::Map(value) => merged.additional = Additional::Typed(value),
                    _ => self.diagnostics.push(Diagnostic::warning(
                        site.pointer.clone(),
                        format!(
                            "allOf part `{}` is not an object schema; only object parts are merged",
                            reference.written
                        ),
                    )),
                },
            }
            return;
        }
        required.extend(part.required.iter().map(String::as_str));
        for (position, inner) in part.all_of.iter().enumerate() {
            let inner_site = site.at(&["allOf", &position.to_string()]);
            self.merge_part(inner, &inner_site, merged, required);
        }
        self.collect_fields(part.properties.as_ref(), site, &mut merged.fields);
        if merged.additional == Additional::Unspecified {
            merged.additional = self.additional(part, site);
        }
        if merged.keys.is_none() {
            merged.keys = key_rules(part);
        }
        merged
            .dependent_required
            .extend(
                part.dependent_required
                    .iter()
                    .map(|(key, required)| DependentRequired {
                        key: key.clone(),
                        required: required.clone(),
                    }),
            );
    }

    /// The struct of named schema `index` (lowering it first), following refs and aliases.
    fn component_struct(&mut self, index: usize) -> Option<Struct> {
        self.struct_through_names(index, 0)
    }

    /// [`Self::component_struct`], `hops` names deep: a chain of names longer than any real
    /// document has is a cycle of aliases, which names no struct.
    fn struct_through_names(&mut self, index: usize, hops: usize) -> Option<Struct> {
        const MAX_HOPS: usize = 64;
        if hops > MAX_HOPS {
            return None;
        }
        let targets = self.targets;
        // A named schema that is only a `$ref` (maybe with annotations) merges as its target.
        if let Some(reference) = targets[index]
            .schema
            .as_ref()
            .filter(|schema| !needs_model(schema))
            .and_then(|schema| schema.reference.as_ref())
        {
            let target = self.resolve(reference, &targets[index].pointer)?;
            return if target == index {
                None
            } else {
                self.struct_through_names(target, hops + 1)
            };
        }
        if matches!(self.progress[index], Stage::Lowering) {
            self.diagnostics.push(Diagnostic::error(
                targets[index].pointer.clone(),
                "allOf cycle: this schema includes itself through allOf",
            ));
            return None;
        }
        self.ensure_component(index);
        match &self.models[index].as_ref()?.kind {
            ModelKind::Struct(found) => Some(found.clone()),
            // A schema that is only another name for an object (`allOf: [$ref]`) merges as it.
            ModelKind::Alias(shape) => match &shape.ty {
                Type::Model(target) if target.id.0 != index && !shape.nullable => {
                    let target = target.id.0;
                    if target < targets.len() {
                        self.struct_through_names(target, hops + 1)
                    } else {
                        match &self.models[target].as_ref()?.kind {
                            ModelKind::Struct(found) => Some(found.clone()),
                            _ => None,
                        }
                    }
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// What keys beyond the declared properties may hold: `additionalProperties` (or else
    /// `unevaluatedProperties`, which the merged struct makes the same), or the values of
    /// `patternProperties` when their schemas (and that of other keys) agree.
    pub(super) fn additional(&mut self, schema: &Schema, site: &Site) -> Additional {
        let others = schema
            .additional_properties
            .as_deref()
            .map(|others| (others, "additionalProperties"))
            .or_else(|| {
                schema
                    .unevaluated_properties
                    .as_deref()
                    .map(|others| (others, "unevaluatedProperties"))
            });
        let mut values: Vec<Shape> = Vec::new();
        for (pattern, value) in &schema.pattern_properties {
            let value_site = site.child(
                "patternProperties",
                "Value",
                &["patternProperties", pattern],
            );
            values.push(self.shape_of(value, &value_site).shape);
        }
        match others {
            Some((others, _)) if others.rejects_all && values.is_empty() => {
                return Additional::Forbidden;
            }
            Some((others, keyword)) if !others.rejects_all => {
                let value_site = site.child(keyword, "Value", &[keyword]);
                values.push(self.shape_of(others, &value_site).shape);
            }
            _ => {}
        }
        let Some(first) = values.first() else {
            return Additional::Unspecified;
        };
        if values.iter().any(|value| value != first) {
            return Additional::AnyValue;
        }
        if first.ty == Type::Any && !first.nullable {
            Additional::AnyValue
        } else {
            Additional::Typed(Box::new(first.clone()))
        }
    }

    /// Lowers `properties` into fields, appending to `fields` (a later property of the same wire
    /// name replaces the earlier one in place, as `allOf` parts override each other).
    fn collect_fields(
        &mut self,
        properties: Option<&Vec<(String, Schema)>>,
        site: &Site,
        fields: &mut Vec<Field>,
    ) {
        let Some(properties) = properties else {
            return;
        };
        let properties_pointer = push_token(&site.pointer, "properties");
        for (wire, property) in properties {
            let property_site = Site {
                name_words: [site.name_words.as_str(), " ", wire].concat(),
                path: {
                    let mut path = site.path.clone();
                    path.push(wire.clone());
                    path
                },
                pointer: push_token(&properties_pointer, wire),
            };
            let inlined = self.shape_of(property, &property_site);
            let field = Field {
                wire_name: wire.clone(),
                rust_name: String::new(),
                pointer: property_site.pointer,
                required: false,
                shape: inlined.shape,
                read_only: inlined.read_only,
                write_only: inlined.write_only,
                deprecated: property.deprecated,
                default: inlined.default,
                example: inlined.example,
                description: property.own_description().map(str::to_owned),
                title: property.title.clone(),
            };
            match fields
                .iter_mut()
                .find(|existing| existing.wire_name == field.wire_name)
            {
                Some(existing) => *existing = field,
                None => fields.push(field),
            }
        }
        self.name_fields(fields);
    }

    /// Gives fields unique snake_case names; wire names already in snake_case keep theirs first.
    fn name_fields(&mut self, fields: &mut [Field]) {
        let mut names = NameSet::with_capacity(fields.len());
        let wanted: Vec<String> = fields.iter().map(|f| field_name(&f.wire_name)).collect();
        let exact = |i: usize| crate::naming::unraw(&wanted[i]) == fields[i].wire_name;
        let order: Vec<usize> = (0..fields.len())
            .filter(|&i| exact(i))
            .chain((0..fields.len()).filter(|&i| !exact(i)))
            .collect();
        for index in order {
            let name = names.take(&wanted[index], "_");
            if name != wanted[index] {
                self.diagnostics.push(Diagnostic::warning(
                    fields[index].pointer.clone(),
                    format!(
                        "property `{}` is named `{name}`: `{}` is taken by another property",
                        fields[index].wire_name, wanted[index]
                    ),
                ));
            }
            fields[index].rust_name = name;
        }
    }
}

/// Marks the fields whose wire name is listed as required.
fn mark_required(fields: &mut [Field], required: &[&str]) {
    for field in fields {
        if required.contains(&field.wire_name.as_str()) {
            field.required = true;
        }
    }
}
