//! Sentences about a model or field that the doc comments carry beside the spec's description:
//! defaults, constraints, read/write-only, secrets.

use oas_parser::ir::{Constraints, Model, Type};
use serde_json::Value;

use crate::plan::{FieldForm, FieldPlan};
use crate::rustdoc::doc_lines;
use crate::types::format_sets_type;

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

/// One sentence per constraint.
fn constraint_notes(ty: &Type, constraints: &Constraints, prefix: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let mut say = |text: String| notes.push(format!("{prefix}{text}"));
    if let Some(pattern) = &constraints.pattern {
        if crate::rules::pattern_is_checkable(pattern) {
            say(format!("Matches the pattern {}.", code(pattern)));
        } else {
            say(format!(
                "Should match the pattern {} (not checked: no engine compiles it).",
                code(pattern)
            ));
        }
    }
    if let Some(format) = constraints
        .format
        .as_deref()
        .filter(|f| !format_sets_type(ty, f))
    {
        say(format!("Format: `{format}`."));
    }
    match (constraints.min_length, constraints.max_length) {
        (Some(min), Some(max)) => say(format!("Length: {min} to {max} characters.")),
        (Some(min), None) => say(format!("Length: at least {min} characters.")),
        (None, Some(max)) => say(format!("Length: at most {max} characters.")),
        (None, None) => {}
    }
    if let Some(minimum) = &constraints.minimum {
        let relation = if constraints.exclusive_minimum {
            "greater than"
        } else {
            "at least"
        };
        say(format!("Value: {relation} {minimum}."));
    }
    if let Some(maximum) = &constraints.maximum {
        let relation = if constraints.exclusive_maximum {
            "less than"
        } else {
            "at most"
        };
        say(format!("Value: {relation} {maximum}."));
    }
    if let Some(multiple) = &constraints.multiple_of {
        say(format!("Value: a multiple of {multiple}."));
    }
    match (constraints.min_items, constraints.max_items) {
        (Some(min), Some(max)) => say(format!("Items: {min} to {max}.")),
        (Some(min), None) => say(format!("Items: at least {min}.")),
        (None, Some(max)) => say(format!("Items: at most {max}.")),
        (None, None) => {}
    }
    if constraints.unique_items {
        say("Items are unique.".to_owned());
    }
    if !constraints.enum_values.is_empty() {
        let values: Vec<String> = constraints
            .enum_values
            .iter()
            .map(|value| format!("`{}`", json_text(value)))
            .collect();
        say(format!("One of {}.", values.join(", ")));
    }
    notes
}

/// A JSON value as text: strings bare, everything else as JSON.
pub fn json_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Inline code that survives backticks in the text.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}
