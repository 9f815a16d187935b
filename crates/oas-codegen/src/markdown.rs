//! The Markdown emitter: one page per model (`docs/<Model>.md`, in the shape of
//! openapi-generator's model pages, for Rust) and the crate README with the model index.
//!
//! Pages are also the models' rustdoc (`#[doc = include_str!(...)]`), so their text is escaped
//! as rustdoc needs and their example is a doctest.

use std::fmt::Write;

use oas_parser::ir::{
    Additional, DependentRequired, KeyRule, ModelId, ModelKind, Type, UnionKeyword,
};

use crate::example::model_example;
use crate::features::FULL;
use crate::limits::{Bounds, Limit, limits};
use crate::notes::{code, json_text};
use crate::plan::{FieldForm, FieldPlan, Plan};
use crate::reading::reading_sentence;
use crate::rustdoc::{doc_lines, escape_inline, table_cell};

/// The anchor of the model index in the crate README.
const MODEL_INDEX: &str = "models";

/// The page of model `id`, with `header` (an HTML comment) as its first line.
pub fn model_page(plan: &Plan, id: ModelId, header: &str) -> String {
    let model = plan.ir.model(id);
    let mut page = String::new();
    let _ = writeln!(page, "{header}");
    let _ = writeln!(page, "# {}\n", model.name);
    let description = model.description.as_deref().or(model.title.as_deref());
    if let Some(description) = description {
        let _ = writeln!(page, "{}\n", escape_inline(&table_cell(description)));
    }
    if model.deprecated {
        let _ = writeln!(page, "**Deprecated** in the spec.\n");
    }
    match &model.kind {
        ModelKind::Struct(body) => {
            if let Some(rule) = &body.key_rule {
                let _ = writeln!(page, "{}\n", key_rule_sentence(rule));
            }
        }
        ModelKind::Enum(body) => {
            let _ = writeln!(page, "## Values\n");
            for value in &body.values {
                let wire = match &value.value {
                    serde_json::Value::String(text) if text.is_empty() => {
                        "the empty string".to_owned()
                    }
                    other => code(&json_text(other)),
                };
                let _ = writeln!(page, "- {wire}: `{}`", value.rust_name);
            }
            let _ = writeln!(
                page,
                "\nAny other value is read into `{}` as it was sent, and `validate()` reports it.\n",
                crate::plan::fallback_variant(body)
            );
        }
        ModelKind::Union(body) => {
            let reading = crate::reading::reading(plan.ir, body);
            let _ = writeln!(page, "## Variants\n");
            let _ = writeln!(page, "{}\n", reading_sentence(body, reading));
            for variant in &body.variants {
                let ty = crate::types::shape_type(plan.ir, &variant.shape);
                let _ = writeln!(
                    page,
                    "- `{}`: {}",
                    variant.rust_name,
                    type_cell(plan, &variant.shape.ty, &ty.text)
                );
            }
            page.push('\n');
        }
        ModelKind::Alias(shape) => {
            let ty = crate::types::shape_type(plan.ir, shape);
            let _ = writeln!(
                page,
                "An alias of {}.\n",
                type_cell(plan, &shape.ty, &ty.text)
            );
            let rules = crate::notes::constraint_notes(&shape.ty, &shape.constraints, "");
            if !rules.is_empty() {
                let _ = writeln!(
                    page,
                    "A field of this type states: {}\n",
                    escape_inline(&rules.join(" "))
                );
            }
        }
    }
    if let ModelKind::Struct(body) = &model.kind {
        if body.additional == Additional::Unspecified && plan.settings.keep_undeclared_keys {
            let field = plan.additional_field_name(id);
            let _ = writeln!(
                page,
                "Keys the model does not declare are kept in `{field}` and written back.\n"
            );
        }
        if let Some(keys) = &body.keys {
            let rules = crate::notes::keys_sentence(keys);
            let _ = writeln!(
                page,
                "Keys beyond the declared properties: {}\n",
                escape_inline(&rules)
            );
        }
        for rule in &body.dependent_required {
            let _ = writeln!(
                page,
                "{}\n",
                dependency_sentence(rule, plan.dependency_is_checked(id, rule))
            );
        }
    }
    for keyword in &model.unchecked {
        let _ = writeln!(
            page,
            "{}\n",
            escape_inline(&crate::notes::unchecked_sentence(keyword))
        );
    }
    // Aliases are plain Rust types, without the JSON operations.
    if !matches!(model.kind, ModelKind::Alias(_)) {
        example_section(plan, id, &mut page);
    }
    // The table comes last and folded: rustdoc lists the fields again, and its Notes column is
    // too wide for docs.rs.
    if matches!(model.kind, ModelKind::Struct(_)) {
        properties_table(plan, id, &mut page);
    }
    let _ = writeln!(
        page,
        "[[Back to Model list]](../README.md#{MODEL_INDEX}) [[Back to README]](../README.md)"
    );
    page
}

/// The spec's rule on which keys are present, as one sentence (it is not checked).
fn key_rule_sentence(rule: &KeyRule) -> String {
    let how_many = match rule.keyword {
        UnionKeyword::OneOf => "Exactly one",
        UnionKeyword::AnyOf => "At least one",
    };
    let sets: Vec<String> = rule
        .required_sets
        .iter()
        .map(|set| {
            let keys: Vec<String> = set.iter().map(|key| format!("`{key}`")).collect();
            if keys.is_empty() {
                "none".to_owned()
            } else {
                keys.join(" and ")
            }
        })
        .collect();
    format!(
        "{how_many} of these key sets is present: {} (the spec's rule; `validate` does not check it).",
        sets.join("; ")
    )
}

/// A `dependentRequired` entry as one sentence, saying whether `validate` checks it.
fn dependency_sentence(rule: &DependentRequired, checked: bool) -> String {
    let keys: Vec<String> = rule.required.iter().map(|key| format!("`{key}`")).collect();
    let how = if checked {
        "`validate` checks it"
    } else {
        "the spec's rule; `validate` does not check it, as not every key is a property that may be absent"
    };
    format!(
        "When `{}` is present, so must {} be ({how}).",
        rule.key,
        keys.join(" and ")
    )
}

/// The properties table under `## Properties`, in a `<details>` block (GitHub and rustdoc both
/// fold it).
fn properties_table(plan: &Plan, id: ModelId, page: &mut String) {
    let fields = plan.fields(id);
    let _ = writeln!(page, "## Properties\n");
    let _ = writeln!(page, "<details>");
    let _ = writeln!(
        page,
        "<summary>{} {}: name, type, description and notes</summary>\n",
        fields.len(),
        if fields.len() == 1 {
            "property"
        } else {
            "properties"
        }
    );
    let _ = writeln!(page, "Name | Type | Description | Notes");
    let _ = writeln!(
        page,
        "------------ | ------------- | ------------- | -------------"
    );
    for field in fields {
        let description = field
            .field
            .doc()
            .map(|text| escape_inline(&table_cell(text)))
            .unwrap_or_default();
        let _ = writeln!(
            page,
            "**{}** | {} | {} | {}",
            field.field.wire_name,
            type_cell(plan, &field.field.shape.ty, &field.declared.text),
            description,
            notes_cell(plan, field)
        );
    }
    let _ = writeln!(page, "\n</details>\n");
}

/// The type as the crate exposes it, in code; a model type links to its page.
fn type_cell(plan: &Plan, ty: &Type, display: &str) -> String {
    let target = match ty {
        Type::Model(target) => Some(target.id),
        Type::Array(item) | Type::Map(item) => match &item.ty {
            Type::Model(target) => Some(target.id),
            _ => None,
        },
        Type::Tuple(items) => items.iter().find_map(|item| match &item.ty {
            Type::Model(target) => Some(target.id),
            _ => None,
        }),
        _ => None,
    };
    let Some(target) = target.filter(|target| plan.generates(*target)) else {
        return ["`", display, "`"].concat();
    };
    let name = &plan.ir.model(target).name;
    let link = ["[**", name, "**](", name, ".md)"].concat();
    match display.find(name.as_str()) {
        Some(start) => {
            let (before, rest) = display.split_at(start);
            let after = &rest[name.len()..];
            let wrap = |part: &str| {
                if part.is_empty() {
                    String::new()
                } else {
                    format!("`{part}`")
                }
            };
            format!("{}{link}{}", wrap(before), wrap(after))
        }
        None => link,
    }
}

/// `[optional]`, `[default to ...]`, `[readonly]`, `[nullable]` and the constraints.
fn notes_cell(plan: &Plan, field: &FieldPlan) -> String {
    let mut notes = Vec::new();
    if !field.field.required {
        notes.push("[optional]".to_owned());
    }
    if let FieldForm::Defaulted(default) = &field.form {
        notes.push(format!("[default to {}]", default));
    }
    if let Some(default) = &field.documented_default {
        notes.push(format!("[default to {}]", default));
    }
    if field.base64 {
        notes.push("[base64]".to_owned());
    }
    if field.field.read_only {
        notes.push("[readonly]".to_owned());
    }
    if field.field.write_only {
        notes.push("[writeonly]".to_owned());
    }
    if crate::types::shape_is_nullable(plan.ir, &field.field.shape) {
        notes.push("[nullable]".to_owned());
    }
    if field.field.deprecated {
        notes.push("[deprecated]".to_owned());
    }
    if field.secret {
        notes.push("[secret]".to_owned());
    }
    notes.extend(
        limits(&field.field.shape.ty, &field.constraints)
            .into_iter()
            .flat_map(bracket_notes),
    );
    if let (Some(format), Type::Array(item)) = (
        field
            .item_constraints
            .as_ref()
            .and_then(|items| items.format.as_deref()),
        &field.field.shape.ty,
    ) {
        if !crate::types::format_sets_type(&item.ty, format) {
            notes.push(format!("[items format: {format}]"));
        }
    }
    // Escaped so rustdoc, which includes the page, does not read `[optional]` as a link.
    notes
        .iter()
        .map(|note| format!("\\[{}\\]", &note[1..note.len() - 1]))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The table's notes for one constraint (a range gives two).
fn bracket_notes(limit: Limit) -> Vec<String> {
    let relation = |exclusive: bool, strict: &'static str, loose: &'static str| {
        if exclusive { strict } else { loose }
    };
    let count = |bounds: Bounds, what: &str| {
        let min = bounds.min().map(|min| format!("[min {what}: {min}]"));
        let max = bounds.max().map(|max| format!("[max {what}: {max}]"));
        min.into_iter().chain(max).collect()
    };
    match limit {
        Limit::Pattern { pattern, .. } => {
            vec![format!("[pattern: `{}`]", pattern.replace('|', "\\|"))]
        }
        Limit::Format(format) => vec![format!("[format: {format}]")],
        Limit::Length(bounds) => count(bounds, "length"),
        Limit::Minimum(minimum, exclusive) => {
            vec![format!("[{} {minimum}]", relation(exclusive, ">", ">="))]
        }
        Limit::Maximum(maximum, exclusive) => {
            vec![format!("[{} {maximum}]", relation(exclusive, "<", "<="))]
        }
        Limit::MultipleOf(multiple) => vec![format!("[multiple of {multiple}]")],
        Limit::Items(bounds) => count(bounds, "items"),
        Limit::UniqueItems => vec!["[unique items]".to_owned()],
        Limit::OneOf(values) => {
            let values: Vec<String> = values
                .iter()
                .map(|v| format!("`{}`", json_text(v)))
                .collect();
            vec![format!("[one of: {}]", values.join(", "))]
        }
        Limit::Keys(keys) => limits(&Type::String, keys)
            .into_iter()
            .flat_map(bracket_notes)
            .map(|note| format!("[key {}", &note[1..]))
            .collect(),
        Limit::Unchecked(keyword) => vec![format!("[not checked: {keyword}]")],
    }
}

/// `## Example`: a doctest that parses a realistic document, prints, serializes and converts it.
fn example_section(plan: &Plan, id: ModelId, page: &mut String) {
    let model = plan.ir.model(id);
    let name = &model.name;
    let krate = plan.settings.krate.name.replace('-', "_");
    let example = model_example(plan, id);
    let json = serde_json::to_string_pretty(&example).expect("JSON values serialize");
    let hashes = "#".repeat(raw_string_hashes(&json));
    let secrets: Vec<String> = example_secrets(plan, id, &example);
    let _ = writeln!(page, "## Example\n");
    let _ = writeln!(page, "```rust");
    let validates = matches!(model.kind, ModelKind::Struct(_));
    if validates {
        let _ = writeln!(page, "use {krate}::{{{name}, Validate}};\n");
    } else {
        let _ = writeln!(page, "use {krate}::{name};\n");
    }
    let _ = writeln!(page, "let json = r{hashes}\"{json}\"{hashes};");
    let _ = writeln!(
        page,
        "// Parse the document; a value of the wrong type names its field."
    );
    let _ = writeln!(page, "let model = {name}::from_json(json)?;");
    if validates {
        let _ = writeln!(
            page,
            "// Check the spec's constraints; every failure names its field."
        );
        let _ = writeln!(page, "model.validate()?;");
    }
    let _ = writeln!(page, "// Print it; secrets show as \"<redacted>\".");
    let _ = writeln!(page, "let printed = format!(\"{{model:?}}\");");
    let _ = writeln!(page, "println!(\"{{printed}}\");");
    for secret in secrets {
        let _ = writeln!(page, "assert!(!printed.contains({secret:?}));");
    }
    let _ = writeln!(page, "// Serialize it again: nothing is lost.");
    let _ = writeln!(page, "let text = model.to_json();");
    let _ = writeln!(page, "assert_eq!({name}::from_json(&text)?, model);");
    let _ = writeln!(page, "// Convert to and from a serde_json::Value.");
    let _ = writeln!(page, "let value = model.to_value();");
    let _ = writeln!(page, "assert_eq!({name}::from_value(value)?, model);");
    let _ = writeln!(page, "# Ok::<(), Box<dyn std::error::Error>>(())");
    let _ = writeln!(page, "```\n");
    if let Some(sentence) = construction_sentence(plan, id) {
        let _ = writeln!(page, "{sentence}\n");
    }
}

/// How to build a struct in code: `new` with its required fields, or `Default`, each with
/// struct-update syntax for the other fields.
fn construction_sentence(plan: &Plan, id: ModelId) -> Option<String> {
    let model = plan.ir.model(id);
    if !matches!(model.kind, ModelKind::Struct(_)) {
        return None;
    }
    let name = &model.name;
    let required: Vec<&str> = plan
        .constructor_fields(id)
        .map(|field| oas_parser::naming::unraw(&field.field.rust_name))
        .collect();
    let base = if required.is_empty() {
        format!("{name}::default()")
    } else {
        format!("{name}::new({})", required.join(", "))
    };
    Some(if required.is_empty() {
        format!(
            "To build one in code, set the fields you need with struct-update syntax: \
             `{name} {{ field: value, ..{base} }}`."
        )
    } else {
        let or_default = if plan.model_is_defaultable(id) {
            format!(" (or start from `{name}::default()`)")
        } else {
            String::new()
        };
        format!(
            "To build one in code, call `{base}` with its required fields{or_default}, and set \
             others with struct-update syntax: `{name} {{ field: value, ..{base} }}`."
        )
    })
}

/// The string values of secret fields in the example, which the printed form must not show.
fn example_secrets(plan: &Plan, id: ModelId, example: &serde_json::Value) -> Vec<String> {
    plan.fields(id)
        .iter()
        .filter(|field| field.secret)
        .filter_map(|field| {
            example
                .get(&field.field.wire_name)?
                .as_str()
                .map(str::to_owned)
        })
        .filter(|secret| secret.len() >= 4)
        .collect()
}

fn raw_string_hashes(text: &str) -> usize {
    (1..)
        .find(|&n| !text.contains(&format!("\"{}", "#".repeat(n))))
        .unwrap_or(1)
}

/// The crate README: what the crate is, and the model index the pages link back to.
pub fn readme(plan: &Plan, header: &str) -> String {
    let krate = &plan.settings.krate;
    let mut text = String::new();
    let _ = writeln!(text, "{header}");
    let _ = writeln!(text, "# {}\n", krate.name);
    if let Some(description) = &krate.description {
        let _ = writeln!(text, "{}\n", escape_inline(description));
    }
    let _ = writeln!(
        text,
        "Models generated from the OpenAPI document *{}* (version {}). Each model has a page \
         with its properties and a runnable example; the same page is its rustdoc.\n",
        escape_inline(&plan.ir.title),
        escape_inline(&plan.ir.version)
    );
    let _ = writeln!(text, "## Cargo features\n");
    let example = plan
        .models
        .first()
        .map_or(FULL, |model| model.module.as_str());
    let _ = writeln!(
        text,
        "`{FULL}`, the default, compiles every model. Each model has a feature, named after its \
         module, that compiles it and the models it refers to, and nothing else; to compile only \
         the models you use, turn the default off and list theirs:\n\n\
         ```toml\n{} = {{ version = \"{}\", default-features = false, features = [\"{example}\"] }}\n```\n",
        krate.name, krate.version
    );
    let _ = writeln!(text, "## Models\n");
    let _ = writeln!(text, "Model | Description | Feature");
    let _ = writeln!(text, "------------ | ------------- | -------------");
    for model in &plan.models {
        let ir_model = plan.ir.model(model.id);
        let summary = ir_model
            .title
            .as_deref()
            .or(ir_model.description.as_deref())
            .map(|text| doc_lines(text).first().cloned().unwrap_or_default())
            .unwrap_or_default();
        let feature = &model.module;
        let _ = writeln!(
            text,
            "[**{name}**](docs/{name}.md) | {} | `{feature}`",
            table_cell(&summary),
            name = ir_model.name
        );
    }
    text
}
