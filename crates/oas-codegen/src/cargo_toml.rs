//! The generated crate's `Cargo.toml`.

use std::fmt::Write;

use oas_parser::ir::{ModelKind, Shape, Type};

use crate::features::{FULL, model_features};
use crate::plan::Plan;

/// Dependency requirements for a standalone crate; `workspace = true` crates take the workspace's
/// pins instead. A test checks these against `[workspace.dependencies]`.
pub const STANDALONE_DEPENDENCIES: &[(&str, &str)] = &[
    (
        "chrono",
        r#"{ version = "0.4.41", default-features = false, features = ["serde", "std", "clock"] }"#,
    ),
    ("serde", r#"{ version = "1.0.219", features = ["derive"] }"#),
    (
        "serde_json",
        r#"{ version = "1.0.140", features = ["preserve_order", "float_roundtrip"] }"#,
    ),
    ("uuid", r#"{ version = "1.16", features = ["serde"] }"#),
];

/// The manifest text, with `header` as its first line.
pub fn manifest(plan: &Plan, header: &str) -> String {
    let krate = &plan.settings.krate;
    let mut text = String::new();
    let _ = writeln!(text, "{header}");
    let _ = writeln!(text, "[package]");
    let _ = writeln!(text, "name = {}", toml_string(&krate.name));
    let _ = writeln!(text, "version = {}", toml_string(&krate.version));
    if let Some(description) = &krate.description {
        let _ = writeln!(text, "description = {}", toml_string(description));
    }
    if krate.workspace {
        for key in ["edition", "rust-version", "license", "publish"] {
            let _ = writeln!(text, "{key}.workspace = true");
        }
    } else {
        let _ = writeln!(text, "edition = \"2024\"");
    }
    let _ = writeln!(text, "\n[dependencies]");
    let (uses_chrono, uses_uuid) = used_crates(plan);
    let mut dependencies: Vec<(&str, String)> = STANDALONE_DEPENDENCIES
        .iter()
        .filter(|(name, _)| match *name {
            "chrono" => uses_chrono,
            "uuid" => uses_uuid,
            _ => true,
        })
        .map(|(name, requirement)| {
            let line = if krate.workspace {
                format!("{name}.workspace = true")
            } else {
                format!("{name} = {requirement}")
            };
            (*name, line)
        })
        .collect();
    // By version, like any crates.io dependency, so the crate builds wherever it is copied;
    // by path only when asked (developing the runtime), or from the workspace's own pin.
    let runtime = match (&krate.runtime_path, krate.workspace) {
        (_, true) => "oas-validate.workspace = true".to_owned(),
        (Some(path), false) => format!("oas-validate = {{ path = {} }}", toml_string(path)),
        (None, false) => format!("oas-validate = {}", toml_string(oas_validate::VERSION)),
    };
    dependencies.push(("oas-validate", runtime));
    dependencies.sort();
    for (_, line) in dependencies {
        let _ = writeln!(text, "{line}");
    }
    let features = model_features(plan);
    let _ = writeln!(text, "\n[features]");
    let _ = writeln!(text, "default = [{}]", toml_string(FULL));
    let _ = writeln!(text, "{FULL} = [");
    for (feature, _) in &features {
        let _ = writeln!(text, "    {},", toml_string(feature));
    }
    let _ = writeln!(text, "]");
    for (feature, enables) in &features {
        let enables: Vec<String> = enables.iter().map(|name| toml_string(name)).collect();
        let _ = writeln!(text, "{feature} = [{}]", enables.join(", "));
    }
    if !krate.workspace {
        // A standalone crate is its own workspace, so it builds where it is written.
        let _ = writeln!(text, "\n[workspace]");
    }
    text
}

fn toml_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// Whether the generated models use chrono and uuid types.
fn used_crates(plan: &Plan) -> (bool, bool) {
    let mut chrono = false;
    let mut uuid = false;
    let mut visit = |shape: &Shape| {
        shape.visit(&mut |inner| match &inner.ty {
            Type::DateTime | Type::Date => chrono = true,
            Type::Uuid => uuid = true,
            _ => {}
        });
    };
    for model in &plan.models {
        match &plan.ir.model(model.id).kind {
            ModelKind::Struct(body) => {
                body.fields.iter().for_each(|field| visit(&field.shape));
                if let oas_parser::ir::Additional::Typed(value) = &body.additional {
                    visit(value);
                }
            }
            ModelKind::Union(body) => body
                .variants
                .iter()
                .for_each(|variant| visit(&variant.shape)),
            ModelKind::Alias(shape) => visit(shape),
            ModelKind::Enum(_) => {}
        }
    }
    (chrono, uuid)
}
