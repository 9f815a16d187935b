//! Sentences about a model or field that the doc comments carry beside the spec's description:
//! defaults, constraints, read/write-only, secrets.

use oas_parser::ir::{Constraints, Model, Type};
use serde_json::Value;

use crate::limits::{Bounds, Limit, limits};
use crate::plan::{FieldForm, FieldPlan};
use crate::rustdoc::doc_lines;

/// Doc lines for a model: its title, then its description.
pub fn model_docs(model: &Model) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(title) = &model.title {
        lines.extend(doc_lines(title));
    }
    if let Some(description) = &model.description {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(doc_lines(description));
    }
    if lines.is_empty() {
        lines.push(format!("The `{}` schema.", model.wire_name));
    }
    lines
}

/// Doc lines for what a field's description does not say.
pub fn field_notes(field: &FieldPlan) -> Vec<String> {
    let mut notes = Vec::new();
    match &field.form {
        FieldForm::Defaulted(default) => notes.push(format!(
            "Defaults to `{}` when absent or `null`.",
            json_text(default)
        )),
        FieldForm::ThreeState => notes.push(
            "Absent, `null` and a value are kept apart: a `null` read is written back.".to_owned(),
        ),
        FieldForm::Required | FieldForm::Optional => {}
    }
    if let Some(default) = &field.documented_default {
        notes.push(format!("The spec's default is `{}`.", json_text(default)));
    }
    notes.extend(constraint_notes(
        &field.field.shape.ty,
        &field.constraints,
        "",
    ));
    if let (Some(items), Type::Array(item)) = (&field.item_constraints, &field.field.shape.ty) {
        notes.extend(constraint_notes(&item.ty, items, "Each item: "));
    }
    if field.base64 {
        notes.push("Base64 text in JSON (`format: byte`).".to_owned());
    }
    if field.field.read_only {
        notes.push("Read-only: set by the server.".to_owned());
    }
    if field.field.write_only {
        notes.push("Write-only: sent to the server, never returned.".to_owned());
    }
    if field.field.deprecated {
        notes.push("Deprecated.".to_owned());
    }
    if field.secret {
        notes.push("Secret: `Debug` shows `\"<redacted>\"`.".to_owned());
    }
    if let Some(note) = &field.note {
        notes.extend(doc_lines(note));
    }
    notes
}

/// One sentence per constraint, each after `prefix`.
pub fn constraint_notes(ty: &Type, constraints: &Constraints, prefix: &str) -> Vec<String> {
    limits(ty, constraints)
        .into_iter()
        .map(|limit| format!("{prefix}{}", sentence(limit)))
        .collect()
}

fn sentence(limit: Limit) -> String {
    let relation = |exclusive: bool, strict: &'static str, loose: &'static str| {
        if exclusive { strict } else { loose }
    };
    match limit {
        Limit::Pattern {
            pattern,
            checked: true,
        } => format!("Matches the pattern {}.", code(pattern)),
        Limit::Pattern {
            pattern,
            checked: false,
        } => format!(
            "Should match the pattern {} (not checked: no engine compiles it).",
            code(pattern)
        ),
        Limit::Format(format) => format!("Format: `{format}`."),
        Limit::Length(Bounds::Between(min, max)) => format!("Length: {min} to {max} characters."),
        Limit::Length(Bounds::AtLeast(min)) => format!("Length: at least {min} characters."),
        Limit::Length(Bounds::AtMost(max)) => format!("Length: at most {max} characters."),
        Limit::Minimum(minimum, exclusive) => format!(
            "Value: {} {minimum}.",
            relation(exclusive, "greater than", "at least")
        ),
        Limit::Maximum(maximum, exclusive) => format!(
            "Value: {} {maximum}.",
            relation(exclusive, "less than", "at most")
        ),
        Limit::MultipleOf(multiple) => format!("Value: a multiple of {multiple}."),
        Limit::Items(Bounds::Between(min, max)) => format!("Items: {min} to {max}."),
        Limit::Items(Bounds::AtLeast(min)) => format!("Items: at least {min}."),
        Limit::Items(Bounds::AtMost(max)) => format!("Items: at most {max}."),
        Limit::UniqueItems => "Items are unique.".to_owned(),
        Limit::OneOf(values) => {
            let values: Vec<String> = values
                .iter()
                .map(|value| format!("`{}`", json_text(value)))
                .collect();
            format!("One of {}.", values.join(", "))
        }
        Limit::Keys(keys) => format!("Each key: {}", keys_sentence(keys)),
        Limit::Unchecked(keyword) => unchecked_sentence(keyword),
    }
}

/// What every key of a map follows, as sentences.
pub fn keys_sentence(keys: &Constraints) -> String {
    constraint_notes(&Type::String, keys, "").join(" ")
}

/// The sentence for a keyword the spec states and nothing checks.
pub fn unchecked_sentence(keyword: &str) -> String {
    format!("The spec also states `{keyword}`, which is not checked.")
}

/// A JSON value as text: strings bare, everything else as JSON.
pub fn json_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Inline code that survives backticks in the text.
pub fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}
