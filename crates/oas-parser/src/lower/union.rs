//! Unions (`oneOf` / `anyOf`): their variants and stated discriminator, and the key rules that
//! stand beside `properties` instead of making a union.

use super::{Lowerer, Site};
use crate::diagnostic::{Diagnostic, push_token};
use crate::ir::*;
use crate::naming::NameSet;
use crate::view::{Discriminator as StatedDiscriminator, Reference, Schema, UnionParts};

impl Lowerer<'_> {
    /// The key rule, with a warning that it is not checked, when `properties` stand beside a
    /// `oneOf`/`anyOf` whose alternatives only say which keys must be present: the schema is the
    /// object, and the alternatives are a validation rule. `None` for a real union.
    pub(super) fn key_rule_beside_properties(
        &mut self,
        schema: &Schema,
        parts: &UnionParts<'_>,
        site: &Site,
    ) -> Option<KeyRule> {
        if schema.properties.as_ref().is_none_or(|p| p.is_empty()) || parts.null {
            return None;
        }
        let required_sets = parts
            .alternatives
            .iter()
            .map(|(_, alternative)| {
                alternative
                    .is_key_rule()
                    .then(|| alternative.required.clone())
            })
            .collect::<Option<Vec<_>>>()?;
        let key = parts.keyword;
        self.diagnostics.push(Diagnostic::warning(
            site.pointer.clone(),
            format!("`{key}` beside `properties` only states which keys must be present; the object is generated and that rule is documented, not checked"),
        ));
        Some(KeyRule {
            keyword: keyword_of(key),
            required_sets,
        })
    }

    /// The union of a schema's `oneOf` (or else `anyOf`) alternatives; an alternative that only
    /// admits `null` makes the union nullable instead of being a variant.
    pub(super) fn lower_union(
        &mut self,
        schema: &Schema,
        parts: &UnionParts<'_>,
        site: &Site,
    ) -> Union {
        let key = parts.keyword;
        if schema.properties.is_some() || (!schema.one_of.is_empty() && !schema.any_of.is_empty()) {
            self.diagnostics.push(Diagnostic::warning(
                site.pointer.clone(),
                format!("keywords beside `{key}` (properties, a second union) are not represented"),
            ));
        }
        let mut shapes = Vec::with_capacity(parts.alternatives.len());
        for &(position, alternative) in &parts.alternatives {
            let number = (position + 1).to_string();
            let name = format!("Variant {number}");
            let alternative_site = site.child(&number, &name, &[key, &position.to_string()]);
            shapes.push(self.shape_of(alternative, &alternative_site).shape);
        }
        let mut variants = self.named_variants(shapes, &site.name_words);
        let discriminator = schema.discriminator.as_ref().map(|stated| {
            self.tag_variants(&mut variants, stated, &site.pointer);
            Discriminator {
                property: stated.property.clone(),
                inferred: false,
            }
        });
        Union {
            keyword: keyword_of(key),
            variants,
            discriminator,
            nullable: schema.is_nullable() || parts.null,
        }
    }

    /// The union of a schema that states several types (`type: [string, integer]`): one variant
    /// per type, each with the keywords that apply to it.
    pub(super) fn lower_type_union(&mut self, schema: &Schema, site: &Site) -> Union {
        let mut shapes = Vec::new();
        for (position, ty) in schema.non_null_types().enumerate() {
            let number = (position + 1).to_string();
            let one = schema.restricted_to(ty);
            shapes.push(self.item_shape(&one, &site.child(&number, ty.name(), &[])));
        }
        let variants = self.named_variants(shapes, &site.name_words);
        Union {
            keyword: UnionKeyword::AnyOf,
            variants,
            discriminator: None,
            nullable: schema.is_nullable(),
        }
    }

    /// Fills each variant's discriminator values: the mapping's keys that point at it, else the
    /// referenced schema's name.
    fn tag_variants(
        &mut self,
        variants: &mut [Variant],
        stated: &StatedDiscriminator,
        pointer: &str,
    ) {
        let mapping_pointer = push_token(&push_token(pointer, "discriminator"), "mapping");
        let mut mapped: Vec<(String, usize)> = Vec::new();
        for (tag, target) in &stated.mapping {
            // A mapping value is a reference, or the name of a component schema.
            let reference = if target.starts_with('#') {
                crate::read::local_reference(target.clone())
            } else {
                Reference {
                    written: target.clone(),
                    target: Ok(push_token(self.models_pointer, target)),
                }
            };
            if let Some(index) = self.resolve(&reference, &push_token(&mapping_pointer, tag)) {
                mapped.push((tag.clone(), index));
            }
        }
        for variant in variants {
            let Type::Model(ModelRef { id, .. }) = &variant.shape.ty else {
                continue;
            };
            variant.tags = mapped
                .iter()
                .filter(|(_, index)| *index == id.0)
                .map(|(tag, _)| tag.clone())
                .collect();
            if variant.tags.is_empty() && id.0 < self.targets.len() {
                variant.tags.push(self.targets[id.0].wire_name.clone());
            }
        }
    }

    /// The variants for alternatives of the union named `union_name`, each named after its
    /// model or type. A name that starts with the union's own (`ContinueWithVerificationUi` in
    /// `ContinueWith`) loses that prefix (`VerificationUi`), as hand-written Rust avoids the
    /// stutter, when what is left starts a word and is no other variant's name.
    fn named_variants(&self, shapes: Vec<Shape>, union_name: &str) -> Vec<Variant> {
        let labels: Vec<String> = shapes
            .iter()
            .map(|shape| self.variant_label(shape))
            .collect();
        let short: Vec<Option<&str>> = labels
            .iter()
            .map(|label| {
                label
                    .strip_prefix(union_name)
                    .filter(|rest| rest.starts_with(|ch: char| ch.is_ascii_uppercase()))
                    .filter(|rest| *rest != "Self")
            })
            .collect();
        let taken = |name: &str| {
            labels.iter().filter(|label| *label == name).count()
                + short.iter().filter(|rest| **rest == Some(name)).count()
        };
        let mut names = NameSet::new();
        shapes
            .into_iter()
            .zip(labels.iter().zip(&short))
            .map(|(shape, (label, rest))| {
                let wanted = match rest {
                    Some(rest) if taken(rest) == 1 => rest,
                    _ => label.as_str(),
                };
                Variant {
                    rust_name: names.take(wanted, ""),
                    shape,
                    tags: Vec::new(),
                }
            })
            .collect()
    }

    /// A variant name for a union alternative: the model's name, else the type's.
    fn variant_label(&self, shape: &Shape) -> String {
        match &shape.ty {
            Type::Model(ModelRef { id, .. }) => self.models[id.0]
                .as_ref()
                .map(|model| model.name.clone())
                .unwrap_or_else(|| "Model".to_owned()),
            Type::String => "String".to_owned(),
            Type::Integer { .. } => "Integer".to_owned(),
            Type::Number { .. } => "Number".to_owned(),
            Type::Boolean => "Boolean".to_owned(),
            Type::DateTime => "DateTime".to_owned(),
            Type::Date => "Date".to_owned(),
            Type::Uuid => "Uuid".to_owned(),
            Type::Bytes | Type::Binary => "Bytes".to_owned(),
            Type::Array(item) => format!("{}List", self.variant_label(item)),
            Type::Tuple(_) => "Tuple".to_owned(),
            Type::Map(value) => format!("{}Map", self.variant_label(value)),
            Type::JsonObject => "Object".to_owned(),
            Type::Any if shape.nullable => "Null".to_owned(),
            Type::Any => "Any".to_owned(),
        }
    }
}

/// The IR keyword of a union keyword's name.
fn keyword_of(key: &str) -> UnionKeyword {
    if key == "oneOf" {
        UnionKeyword::OneOf
    } else {
        UnionKeyword::AnyOf
    }
}
