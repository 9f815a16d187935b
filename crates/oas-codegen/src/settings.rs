//! Generator settings: the TOML file beside a spec that says what to generate and adds the facts
//! a vendor spec states only in prose.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use oas_parser::Ir;
use oas_parser::ir::{Model, ModelKind};
use serde::Deserialize;

use crate::GenerateError;

/// The whole settings file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The spec file, relative to the settings file.
    pub spec: String,
    /// Schemas (wire names) to generate with everything they reference; empty means every schema.
    #[serde(default)]
    pub roots: Vec<String>,
    /// The generated crate.
    #[serde(rename = "crate")]
    pub krate: CrateSettings,
    /// Fields whose values are never printed.
    #[serde(default)]
    pub secrets: Secrets,
    /// Per-field overrides, keyed `schema.property` in wire names.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldOverride>,
    /// Structs whose schema does not forbid other keys keep the keys they do not declare (in an
    /// `oas_validate::UndeclaredKeys` field) and write them back.
    #[serde(default = "keep_undeclared_keys_by_default")]
    pub keep_undeclared_keys: bool,
    /// How many threads build the files: every core when `None`. The output is the same
    /// for any count; the setting is for tests that prove it and for limiting a busy machine.
    #[serde(skip)]
    pub threads: Option<usize>,
}

/// Whether structs keep undeclared keys unless the settings say otherwise.
pub const KEEP_UNDECLARED_KEYS: bool = true;

fn keep_undeclared_keys_by_default() -> bool {
    KEEP_UNDECLARED_KEYS
}

/// What the generated crate is called and where it goes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateSettings {
    /// Package name (`ory-client-models`).
    pub name: String,
    /// Package version.
    #[serde(default = "default_version")]
    pub version: String,
    /// Package description.
    #[serde(default)]
    pub description: Option<String>,
    /// Output folder, relative to the workspace root (used by `cargo xtask codegen`).
    #[serde(default)]
    pub path: Option<String>,
    /// Dependencies come from `[workspace.dependencies]` (`true`) or carry their own versions.
    #[serde(default)]
    pub workspace: bool,
    /// For a standalone crate: the path of `oas-validate`, as the manifest should write it; by
    /// default the crate depends on the runtime's version, as published.
    #[serde(default)]
    pub runtime_path: Option<String>,
}

fn default_version() -> String {
    "0.1.0".to_owned()
}

/// Secret fields, `schema.property`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Secrets {
    /// The fields.
    #[serde(default)]
    pub fields: Vec<String>,
}

/// Facts about one field that the spec does not state.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOverride {
    /// A Rust type to use instead of the mapped one (e.g. `url::Url`).
    #[serde(default)]
    pub rust_type: Option<String>,
    /// Replaces the spec's `pattern`.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Adds a `format` (e.g. `uri`).
    #[serde(default)]
    pub format: Option<String>,
    /// Adds a `format` to each item of an array field.
    #[serde(default)]
    pub items_format: Option<String>,
    /// The allowed values of a string field: the field becomes an enum of them (with
    /// `allow_empty`, `""` is one of them).
    #[serde(default)]
    pub enum_values: Option<Vec<String>>,
    /// String rules pass on `""`: for servers that send an empty string for "unset".
    #[serde(default)]
    pub allow_empty: bool,
    /// An example value for docs, where the spec has none.
    #[serde(default)]
    pub example: Option<serde_json::Value>,
    /// Why the override exists; shown in the field's docs.
    #[serde(default)]
    pub note: Option<String>,
}

impl Settings {
    /// Reads a settings file.
    pub fn load(path: &Path) -> Result<Settings, GenerateError> {
        let text = std::fs::read_to_string(path).map_err(|source| GenerateError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Settings::parse(&text).map_err(|message| GenerateError::Settings {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses settings text.
    pub fn parse(text: &str) -> Result<Settings, String> {
        toml::from_str(text).map_err(|err| err.to_string())
    }

    /// Settings for generating every schema of a spec into a standalone crate.
    pub fn standalone(spec: &str, crate_name: &str, roots: Vec<String>) -> Settings {
        Settings {
            spec: spec.to_owned(),
            roots,
            krate: CrateSettings {
                name: crate_name.to_owned(),
                version: default_version(),
                description: None,
                path: None,
                workspace: false,
                runtime_path: None,
            },
            secrets: Secrets::default(),
            fields: BTreeMap::new(),
            keep_undeclared_keys: KEEP_UNDECLARED_KEYS,
            threads: None,
        }
    }

    /// True when `schema.property` is listed as secret.
    pub fn is_secret(&self, schema: &str, property: &str) -> bool {
        self.secrets
            .fields
            .iter()
            .any(|key| key_matches(key, schema, property))
    }

    /// The override for `schema.property`, if any.
    pub fn field(&self, schema: &str, property: &str) -> Option<&FieldOverride> {
        self.fields
            .iter()
            .find(|(key, _)| key_matches(key, schema, property))
            .map(|(_, field)| field)
    }

    /// The `schema.property` keys of `[secrets]` and `[fields]` that name no property of the
    /// spec (a typo, or a property the spec dropped), in the order the settings list them.
    pub fn unmatched_keys(&self, ir: &Ir) -> Vec<String> {
        if self.secrets.fields.is_empty() && self.fields.is_empty() {
            return Vec::new();
        }
        let mut known = HashSet::new();
        for model in &ir.models {
            if let ModelKind::Struct(body) = &model.kind {
                let key = model_key(model);
                for field in &body.fields {
                    known.insert(format!("{key}.{}", field.wire_name));
                }
            }
        }
        self.secrets
            .fields
            .iter()
            .chain(self.fields.keys())
            .filter(|key| !known.contains(key.as_str()))
            .cloned()
            .collect()
    }
}

/// The name a model's fields are keyed by in the settings (`schema.property`): the schema key,
/// or for an inline model the dotted path from its named ancestor.
pub fn model_key(model: &Model) -> String {
    match &model.inline_path {
        Some(path) => path.join("."),
        None => model.wire_name.clone(),
    }
}

fn key_matches(key: &str, schema: &str, property: &str) -> bool {
    key.len() == schema.len() + 1 + property.len()
        && key.starts_with(schema)
        && key.as_bytes()[schema.len()] == b'.'
        && key.ends_with(property)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_unknown_keys() {
        let settings = Settings::parse(
            r#"
            spec = "s.yaml"
            roots = ["a"]
            [crate]
            name = "c"
            [secrets]
            fields = ["a.secret"]
            [fields."a.uri"]
            format = "uri"
            "#,
        )
        .unwrap();
        assert!(settings.is_secret("a", "secret"));
        assert!(!settings.is_secret("a", "other"));
        assert_eq!(
            settings.field("a", "uri").unwrap().format.as_deref(),
            Some("uri")
        );
        let err = Settings::parse("spec = 's'\n[crate]\nname = 'c'\nnmae = 'x'\n").unwrap_err();
        assert!(err.contains("nmae"), "{err}");
    }

    #[test]
    fn keys_that_name_no_property_are_reported() {
        let ir = crate::test_spec::lowered(
            r#"
    a:
      type: object
      properties:
        secret: { type: string }
        inner: { type: object, properties: { token: { type: string } } }
"#,
        );
        let settings = Settings::parse(
            r#"
            spec = "s.yaml"
            [crate]
            name = "c"
            [secrets]
            fields = ["a.secret", "a.inner.token", "a.secrte"]
            [fields."a.uri"]
            format = "uri"
            "#,
        )
        .unwrap();
        assert_eq!(settings.unmatched_keys(&ir), ["a.secrte", "a.uri"]);
    }
}
