//! Inferring a discriminator for a union that states none.
//!
//! Many APIs tell their alternatives apart by a property each one requires with its own fixed
//! values (Stripe's `object: "card"` / `object: "bank_account"`) without saying so in a
//! `discriminator`. Such a property selects the alternative as surely as a stated discriminator,
//! so the union is tagged by it; reading by shape alone would take the first alternative that
//! fits, which for objects with the same required keys is the wrong one.

use std::collections::HashSet;

use serde_json::Value;

use crate::ir::{Discriminator, Field, Model, ModelKind, Shape, Type};

/// Sets an inferred discriminator (and the variants' tags) on every union that can have one.
pub fn infer_discriminators(models: &mut [Model]) {
    let inferred: Vec<(usize, String, Vec<Vec<String>>)> = models
        .iter()
        .enumerate()
        .filter_map(|(index, model)| {
            let (property, tags) = infer(models, model)?;
            Some((index, property, tags))
        })
        .collect();
    for (index, property, tags) in inferred {
        let ModelKind::Union(union) = &mut models[index].kind else {
            unreachable!("only unions are inferred");
        };
        union.discriminator = Some(Discriminator {
            property,
            inferred: true,
        });
        for (variant, tags) in union.variants.iter_mut().zip(tags) {
            variant.tags = tags;
        }
    }
}

/// The property and each variant's tags, when every alternative is an object that requires the
/// property with string values no other alternative allows.
fn infer(models: &[Model], model: &Model) -> Option<(String, Vec<Vec<String>>)> {
    let ModelKind::Union(union) = &model.kind else {
        return None;
    };
    if union.discriminator.is_some() || union.variants.len() < 2 {
        return None;
    }
    let structs: Vec<&[Field]> = union
        .variants
        .iter()
        .map(|variant| match &variant.shape.ty {
            Type::Model(target) if !variant.shape.nullable => match &models[target.id.0].kind {
                ModelKind::Struct(body) => Some(body.fields.as_slice()),
                _ => None,
            },
            _ => None,
        })
        .collect::<Option<_>>()?;
    structs[0].iter().find_map(|candidate| {
        let property = candidate.wire_name.as_str();
        let mut seen = HashSet::new();
        let tags = structs
            .iter()
            .map(|fields| {
                let field = fields
                    .iter()
                    .find(|field| field.wire_name == property && field.required)?;
                let values = string_values(models, &field.shape)?;
                values
                    .iter()
                    .all(|value| seen.insert(value.clone()))
                    .then_some(values)
            })
            .collect::<Option<Vec<_>>>()?;
        Some((property.to_owned(), tags))
    })
}

/// The values of a string enum (inline or referenced), if the shape is one.
fn string_values(models: &[Model], shape: &Shape) -> Option<Vec<String>> {
    let values: Vec<&Value> = match &shape.ty {
        Type::String => shape.constraints.enum_values.iter().collect(),
        Type::Model(target) => match &models[target.id.0].kind {
            ModelKind::Enum(body) => body.values.iter().map(|value| &value.value).collect(),
            _ => return None,
        },
        _ => return None,
    };
    let strings: Vec<String> = values
        .iter()
        .map(|value| value.as_str().map(str::to_owned))
        .collect::<Option<_>>()?;
    (!strings.is_empty()).then_some(strings)
}
