//! From a field's constraints to its `#[validate(...)]` attribute: each JSON Schema keyword
//! becomes the rule of the same name, where the field's Rust type can carry it.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use oas_parser::Ir;
use oas_parser::ir::{Constraints, ModelKind, Shape, Type};
use oas_validate::pattern::{Engine, compiles};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Number;

use crate::plan::FieldPlan;

/// The `#[validate(...)]` attribute of a field, if it has rules.
pub fn validate_attr(ir: &Ir, field: &FieldPlan) -> Option<TokenStream> {
    validate_rules(ir, field).map(|rules| quote!(#[validate(#rules)]))
}

/// The rules inside a field's `#[validate(...)]`, if it has any.
pub fn validate_rules(ir: &Ir, field: &FieldPlan) -> Option<TokenStream> {
    let mut rules = value_rules(&field.field.shape.ty, &field.constraints);
    if let Type::Array(item) = &field.field.shape.ty {
        rules.extend(array_rules(&field.constraints));
        let item_constraints = field.item_constraints.as_ref().unwrap_or(&item.constraints);
        let mut item_rules = value_rules(&item.ty, item_constraints);
        if validates_itself(ir, &item.ty) {
            item_rules.push(quote!(nested));
        }
        if !item_rules.is_empty() {
            rules.push(quote!(items(#(#item_rules),*)));
        }
    } else if reaches_model(ir, &field.field.shape) {
        rules.push(quote!(nested));
    }
    if field.allow_empty && is_string(&field.field.shape.ty) && !rules.is_empty() {
        rules.push(quote!(allow_empty));
    }
    if matches!(field.field.shape.ty, Type::Map(_) | Type::JsonObject) {
        rules.extend(field.constraints.keys.as_deref().and_then(keys_rule));
    }
    if !field.requires.is_empty() {
        let idents = field
            .requires
            .iter()
            .map(|name| crate::rust::field_ident(name));
        rules.push(quote!(dependent_required(#(#idents),*)));
    }
    (!rules.is_empty()).then(|| quote!(#(#rules),*))
}

/// The `keys(...)` rule for what every key of a map follows, if it states anything checkable.
pub fn keys_rule(keys: &Constraints) -> Option<TokenStream> {
    let rules = value_rules(&Type::String, keys);
    (!rules.is_empty()).then(|| quote!(keys(#(#rules),*)))
}

/// True when a pattern can be checked at all (it compiles for one of the engines).
///
/// A field's pattern is asked about for its code, its docs, its page and `api.toml`, and
/// compiling is the costly part of generating a field, so each answer is kept for the process.
pub fn pattern_is_checkable(pattern: &str) -> bool {
    static ANSWERS: OnceLock<Mutex<HashMap<String, bool>>> = OnceLock::new();
    let answers = ANSWERS.get_or_init(Default::default);
    let known = answers
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(pattern)
        .copied();
    known.unwrap_or_else(|| {
        let checkable =
            compiles(pattern, Engine::Regex).is_ok() || compiles(pattern, Engine::Regress).is_ok();
        answers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(pattern.to_owned(), checkable);
        checkable
    })
}

fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::String)
}

/// String and number rules for a value of type `ty`.
fn value_rules(ty: &Type, constraints: &Constraints) -> Vec<TokenStream> {
    let mut rules = Vec::new();
    match ty {
        Type::String => {
            if let Some(pattern) = constraints
                .pattern
                .as_deref()
                .filter(|p| pattern_is_checkable(p))
            {
                rules.push(quote!(pattern = #pattern));
            }
            if let Some(min) = constraints.min_length {
                rules.push(quote!(min_length = #min));
            }
            if let Some(max) = constraints.max_length {
                rules.push(quote!(max_length = #max));
            }
            if let Some(format) = constraints
                .format
                .as_deref()
                // Formats the runtime checks; others are documentation only.
                .filter(|f| oas_validate::format::KNOWN.contains(f))
            {
                rules.push(quote!(format = #format));
            }
            let values: Vec<&str> = constraints
                .enum_values
                .iter()
                .filter_map(|v| v.as_str())
                .collect();
            if !values.is_empty() && values.len() == constraints.enum_values.len() {
                rules.push(quote!(enum_values(#(#values),*)));
            }
        }
        Type::Integer { .. } | Type::Number { .. } => {
            if let Some(minimum) = &constraints.minimum {
                let value = number(minimum);
                rules.push(if constraints.exclusive_minimum {
                    quote!(exclusive_minimum = #value)
                } else {
                    quote!(minimum = #value)
                });
            }
            if let Some(maximum) = &constraints.maximum {
                let value = number(maximum);
                rules.push(if constraints.exclusive_maximum {
                    quote!(exclusive_maximum = #value)
                } else {
                    quote!(maximum = #value)
                });
            }
            if let Some(step) = constraints
                .multiple_of
                .as_ref()
                .filter(|n| n.as_f64().is_some_and(|f| f > 0.0))
            {
                let value = number(step);
                rules.push(quote!(multiple_of = #value));
            }
        }
        _ => {}
    }
    rules
}

fn array_rules(constraints: &Constraints) -> Vec<TokenStream> {
    let mut rules = Vec::new();
    if let Some(min) = constraints.min_items {
        rules.push(quote!(min_items = #min));
    }
    if let Some(max) = constraints.max_items {
        rules.push(quote!(max_items = #max));
    }
    if constraints.unique_items {
        rules.push(quote!(unique_items));
    }
    rules
}

/// A number as a literal: integers stay integers, a sign is its own token.
fn number(value: &Number) -> TokenStream {
    let literal = match (value.as_i64(), value.as_u64()) {
        (Some(int), _) => Literal::i128_unsuffixed(i128::from(int).abs()),
        (None, Some(uint)) => Literal::u64_unsuffixed(uint),
        (None, None) => Literal::f64_unsuffixed(value.as_f64().unwrap_or_default().abs()),
    };
    let negative = value.as_f64().is_some_and(|f| f < 0.0);
    if negative {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

/// True for a value type whose Rust type implements `Validate`: a struct model, or an enum (its
/// fallback variant fails `enum`).
fn validates_itself(ir: &Ir, ty: &Type) -> bool {
    matches!(ty, Type::Model(target)
        if matches!(ir.model(target.id).kind, ModelKind::Struct(_) | ModelKind::Enum(_)))
}

/// True when a model that validates itself (a struct or an enum) sits in the shape, directly or
/// in a map.
fn reaches_model(ir: &Ir, shape: &Shape) -> bool {
    match &shape.ty {
        Type::Map(value) => reaches_model(ir, value),
        ty => validates_itself(ir, ty),
    }
}
