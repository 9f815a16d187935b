//! Checks of the model that need no types: patterns compile, formats are known, limits agree.

use syn::LitStr;

use crate::model::{Model, NumLit, ValueRules};

/// The formats the runtime checks: `oas_validate::format::KNOWN` (this crate cannot depend on
/// it; `oas-validate`'s `the_derive_accepts_every_runtime_format` test keeps the two in step).
const FORMATS: &[&str] = &[
    "uri",
    "uri-reference",
    "email",
    "uuid",
    "date-time",
    "date",
    "ipv4",
    "ipv6",
    "hostname",
];

/// The engine a pattern runs on.
#[derive(Clone, Copy)]
pub enum Engine {
    /// `regex`: chosen where it means the same as ECMA-262.
    Regex,
    /// `regress`: ECMA-262 semantics.
    Regress,
}

/// Picks the engine for a pattern, or says why it is invalid.
///
/// `regex` is used when it compiles the pattern and the pattern has no class escape (`\d`, `\w`,
/// `\s`, `\b` and their negations), which `regex` reads as Unicode classes but ECMA-262 as ASCII.
pub fn pattern_engine(pattern: &LitStr) -> syn::Result<Engine> {
    let source = pattern.value();
    let has_class_escape = ["\\d", "\\w", "\\s", "\\b", "\\D", "\\W", "\\S", "\\B"]
        .iter()
        .any(|escape| source.contains(escape));
    if !has_class_escape && regex::Regex::new(&source).is_ok() {
        return Ok(Engine::Regex);
    }
    match regress::Regex::new(&source) {
        Ok(_) => Ok(Engine::Regress),
        Err(error) => Err(syn::Error::new(
            pattern.span(),
            format!("invalid pattern `{source}`: {error}"),
        )),
    }
}

/// Adds every mistake the model holds to `errors`.
pub fn check(model: &Model, errors: &mut Vec<syn::Error>) {
    for field in &model.fields {
        check_value(&field.value, errors);
        if let Some(items) = &field.outer.items {
            check_value(&items.value, errors);
        }
        if let Some(keys) = &field.outer.keys {
            check_value(&keys.value, errors);
            if keys.value.has_number_rules() || keys.value.nested.is_some() {
                errors.push(syn::Error::new(
                    keys.span,
                    "`keys(...)` takes string rules only: keys are strings",
                ));
            }
        }
        for other in &field.outer.dependent_required {
            if !model.wires.iter().any(|(ident, _)| ident == other) {
                errors.push(syn::Error::new(
                    other.span(),
                    format!(
                        "`dependent_required` names `{other}`, which is not a field of this struct"
                    ),
                ));
            }
        }
        if let (Some(min), Some(max)) = (&field.outer.min_items, &field.outer.max_items) {
            if min.value > max.value {
                errors.push(syn::Error::new(
                    min.span,
                    "`min_items` is greater than `max_items`",
                ));
            }
        }
    }
}

fn check_value(rules: &ValueRules, errors: &mut Vec<syn::Error>) {
    if let Some(pattern) = &rules.pattern {
        if let Err(error) = pattern_engine(pattern) {
            errors.push(error);
        }
    }
    if let Some(format) = &rules.format {
        if !FORMATS.contains(&format.value().as_str()) {
            errors.push(syn::Error::new(
                format.span(),
                format!(
                    "unknown format `{}`; known formats: {}",
                    format.value(),
                    FORMATS.join(", ")
                ),
            ));
        }
    }
    if let Some(values) = &rules.enum_values {
        if values.value.is_empty() {
            errors.push(syn::Error::new(
                values.span,
                "`enum_values` needs at least one value",
            ));
        }
    }
    if let (Some(min), Some(max)) = (&rules.min_length, &rules.max_length) {
        if min.value > max.value {
            errors.push(syn::Error::new(
                min.span,
                "`min_length` is greater than `max_length`",
            ));
        }
    }
    if let Some(step) = &rules.multiple_of {
        let positive = match step.value {
            NumLit::Int(int) => int > 0,
            NumLit::Float(float) => float > 0.0,
        };
        if !positive {
            errors.push(syn::Error::new(
                step.span,
                "`multiple_of` must be greater than 0",
            ));
        }
    }
}
