//! The public shape of a generated crate (`api.toml`), and what changed between two of them.
//!
//! Each generation writes the summary beside the code; the next generation compares the old
//! summary with the new one and reports, model by model, what a user of the crate will notice:
//! models and fields added or removed, types changed (nullability included, since it is part of
//! the declared type), validation changed, docs changed. Removals, type changes and new required
//! fields break users' code; the report marks them.

use std::collections::BTreeMap;
use std::fmt;

use oas_parser::ir::ModelKind;
use serde::{Deserialize, Serialize};

use crate::plan::{FieldForm, Plan};
use crate::rules::validate_attr;

/// The summary file's name in the crate folder.
pub const API_FILE: &str = "api.toml";

/// Every generated model's public shape.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiSummary {
    /// By Rust type name.
    #[serde(default)]
    pub models: BTreeMap<String, ModelSummary>,
}

/// One model's public shape.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelSummary {
    /// `struct`, `enum`, `union` or `alias`.
    pub kind: String,
    /// The model's docs (title and description).
    pub docs: String,
    /// How a struct is built in code: `new(a, b)` and/or `default()`; none for other kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constructors: Vec<String>,
    /// Struct fields by Rust name.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldSummary>,
}

/// One field's public shape.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldSummary {
    /// The declared Rust type (`Option<String>`, `Nullable<String>`).
    #[serde(rename = "type")]
    pub ty: String,
    /// Required in JSON.
    pub required: bool,
    /// The `#[validate(...)]` rules, as written.
    pub rules: String,
    /// The description.
    pub docs: String,
}

/// The summary of what `plan` generates.
pub fn summarize(plan: &Plan) -> ApiSummary {
    let mut models = BTreeMap::new();
    for model in &plan.models {
        let ir_model = plan.ir.model(model.id);
        let kind = match &ir_model.kind {
            ModelKind::Struct(_) => "struct",
            ModelKind::Enum(_) => "enum",
            ModelKind::Union(_) => "union",
            ModelKind::Alias(_) => "alias",
        };
        let fields = plan
            .fields(model.id)
            .iter()
            .map(|field| {
                let summary = FieldSummary {
                    ty: field.declared.text.clone(),
                    required: matches!(field.form, FieldForm::Required),
                    rules: validate_attr(plan.ir, field)
                        .map(|attr| attr.to_string())
                        .unwrap_or_default(),
                    docs: field.field.doc().unwrap_or_default().to_owned(),
                };
                (field.field.rust_name.clone(), summary)
            })
            .collect();
        let docs = [ir_model.title.as_deref(), ir_model.description.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n\n");
        let constructors = if kind == "struct" {
            constructors(plan, model.id)
        } else {
            Vec::new()
        };
        models.insert(
            ir_model.name.clone(),
            ModelSummary {
                kind: kind.to_owned(),
                docs,
                constructors,
                fields,
            },
        );
    }
    ApiSummary { models }
}

/// A struct's constructors: `new(required fields)` when it has required fields, `default()` when
/// it implements `Default`.
fn constructors(plan: &Plan, id: oas_parser::ir::ModelId) -> Vec<String> {
    let required: Vec<&str> = plan
        .constructor_fields(id)
        .map(|field| field.field.rust_name.as_str())
        .collect();
    let mut ways = Vec::new();
    if !required.is_empty() {
        ways.push(format!("new({})", required.join(", ")));
    }
    if plan.model_is_defaultable(id) {
        ways.push("default()".to_owned());
    }
    ways
}

/// The summary as the generated file's text, `header` first.
pub fn render(summary: &ApiSummary, header: &str) -> String {
    let body = toml::to_string(summary).expect("the summary is plain data");
    format!("{header}\n{body}")
}

/// One change a user of the crate will notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `Model` or `Model.field`.
    pub item: String,
    /// What changed.
    pub what: String,
    /// It breaks code that uses the crate.
    pub breaking: bool,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.breaking { "BREAKING " } else { "" };
        write!(f, "{mark}{}: {}", self.item, self.what)
    }
}

/// The changes a sync made (or, in check mode, would make) to the crate's public shape; none for
/// a crate generated for the first time.
pub fn changes_in(report: &crate::output::SyncReport, new: &ApiSummary) -> Vec<Change> {
    report
        .changed
        .iter()
        .find(|change| change.path.as_os_str() == API_FILE)
        .and_then(|change| change.old.as_deref())
        .map(|old| changes(Some(old), new))
        .unwrap_or_default()
}

/// The changes from the summary text `old` (a previous `api.toml`) to `new`. An unreadable old
/// summary counts as none.
pub fn changes(old: Option<&str>, new: &ApiSummary) -> Vec<Change> {
    let old: ApiSummary = old
        .and_then(|text| toml::from_str(text).ok())
        .unwrap_or_default();
    let mut changes = Vec::new();
    let mut say = |item: String, what: String, breaking: bool| {
        changes.push(Change {
            item,
            what,
            breaking,
        })
    };
    for (name, model) in &old.models {
        match new.models.get(name) {
            None => say(name.clone(), "model removed".to_owned(), true),
            Some(now) => {
                if now.kind != model.kind {
                    say(
                        name.clone(),
                        format!("changed from {} to {}", model.kind, now.kind),
                        true,
                    );
                }
                if now.docs != model.docs {
                    say(name.clone(), "docs changed".to_owned(), false);
                }
                if now.constructors != model.constructors {
                    // Losing `default()` or changing `new`'s parameters breaks callers.
                    let kept = model
                        .constructors
                        .iter()
                        .all(|way| now.constructors.contains(way));
                    say(
                        name.clone(),
                        format!(
                            "constructors `{}` -> `{}`",
                            model.constructors.join("; "),
                            now.constructors.join("; ")
                        ),
                        !kept,
                    );
                }
                for (field, before) in &model.fields {
                    let item = format!("{name}.{field}");
                    match now.fields.get(field) {
                        None => say(item, "field removed".to_owned(), true),
                        Some(after) => {
                            if after.ty != before.ty {
                                say(
                                    item.clone(),
                                    format!("type `{}` -> `{}`", before.ty, after.ty),
                                    true,
                                );
                            }
                            if after.required && !before.required {
                                say(item.clone(), "now required".to_owned(), true);
                            } else if before.required && !after.required {
                                say(item.clone(), "now optional".to_owned(), false);
                            }
                            if after.rules != before.rules {
                                say(item.clone(), "validation rules changed".to_owned(), false);
                            }
                            if after.docs != before.docs {
                                say(item, "docs changed".to_owned(), false);
                            }
                        }
                    }
                }
                for (field, after) in now
                    .fields
                    .iter()
                    .filter(|(f, _)| !model.fields.contains_key(*f))
                {
                    let what = if after.required {
                        "required field added"
                    } else {
                        "optional field added"
                    };
                    say(format!("{name}.{field}"), what.to_owned(), after.required);
                }
            }
        }
    }
    for name in new
        .models
        .keys()
        .filter(|name| !old.models.contains_key(*name))
    {
        say(name.clone(), "model added".to_owned(), false);
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ty: &str, required: bool, docs: &str) -> FieldSummary {
        FieldSummary {
            ty: ty.to_owned(),
            required,
            rules: String::new(),
            docs: docs.to_owned(),
        }
    }

    fn summary(fields: Vec<(&str, FieldSummary)>) -> ApiSummary {
        with_constructors(fields, &[])
    }

    fn with_constructors(fields: Vec<(&str, FieldSummary)>, constructors: &[&str]) -> ApiSummary {
        let model = ModelSummary {
            kind: "struct".to_owned(),
            docs: String::new(),
            constructors: constructors.iter().map(|way| (*way).to_owned()).collect(),
            fields: fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        };
        ApiSummary {
            models: BTreeMap::from([("Client".to_owned(), model)]),
        }
    }

    #[test]
    fn reports_and_marks_changes() {
        let old = summary(vec![
            ("a", field("Option<String>", false, "A")),
            ("b", field("String", true, "B")),
            ("c", field("Option<i64>", false, "C")),
        ]);
        let new = summary(vec![
            ("a", field("Option<String>", false, "A, better")),
            ("b", field("Option<String>", true, "B")),
            ("d", field("String", true, "D")),
        ]);
        let text = render(&old, "# header");
        let changes: Vec<String> = changes(Some(&text), &new)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            changes,
            [
                "Client.a: docs changed",
                "BREAKING Client.b: type `String` -> `Option<String>`",
                "BREAKING Client.c: field removed",
                "BREAKING Client.d: required field added",
            ]
        );
        assert!(super::changes(Some(&render(&new, "#")), &new).is_empty());
    }

    #[test]
    fn losing_a_constructor_breaks_and_gaining_one_does_not() {
        let change = |old: &[&str], new: &[&str]| {
            let old = render(&with_constructors(Vec::new(), old), "#");
            changes(Some(&old), &with_constructors(Vec::new(), new))
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            change(&["default()"], &["new(alg, kid)"]),
            ["BREAKING Client: constructors `default()` -> `new(alg, kid)`"]
        );
        assert_eq!(
            change(&["new(alg)"], &["new(alg)", "default()"]),
            ["Client: constructors `new(alg)` -> `new(alg); default()`"]
        );
    }
}
