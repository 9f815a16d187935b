//! The settings' value sets (`enum_values` on a string field) applied to the IR before planning:
//! each becomes an enum model, so a set the spec states only in prose gets the same Rust form as
//! one it lists (`as_str`, `Display`, `FromStr`, a fallback variant). With `allow_empty`, the
//! empty string is one of the values (`Empty`), for servers that send `""` for "unset".

use oas_parser::Ir;
use oas_parser::ir::{ModelId, ModelKind};
use oas_parser::value_set::declare_value_set;

use crate::GenerateError;
use crate::settings::{Settings, model_key};

/// Turns every field the settings give `enum_values` into an enum model.
pub fn apply(ir: &mut Ir, settings: &Settings) -> Result<(), GenerateError> {
    let mut declared = Vec::new();
    for (index, model) in ir.models.iter().enumerate() {
        let ModelKind::Struct(body) = &model.kind else {
            continue;
        };
        let key = model_key(model);
        for field in &body.fields {
            let Some(overrides) = settings.field(&key, &field.wire_name) else {
                continue;
            };
            if let Some(values) = &overrides.enum_values {
                let mut values = values.clone();
                if overrides.allow_empty && !values.iter().any(String::is_empty) {
                    values.push(String::new());
                }
                let setting = format!("{key}.{}", field.wire_name);
                declared.push((ModelId(index), field.wire_name.clone(), values, setting));
            }
        }
    }
    for (owner, wire_name, values, setting) in declared {
        declare_value_set(ir, owner, &wire_name, &values).map_err(|message| {
            GenerateError::Selection(format!(
                "settings `fields.\"{setting}\".enum_values`: {message}"
            ))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ir() -> Ir {
        crate::test_spec::lowered(
            "    client:\n      type: object\n      properties:\n        subject: { type: string }\n        count: { type: integer }\n",
        )
    }

    fn settings(fields: &str) -> Settings {
        Settings::parse(&format!("spec = \"s\"\n[crate]\nname = \"c\"\n{fields}")).unwrap()
    }

    #[test]
    fn allow_empty_adds_the_empty_string_to_the_set() {
        let mut ir = ir();
        let settings = settings(
            "[fields.\"client.subject\"]\nenum_values = [\"public\"]\nallow_empty = true\n",
        );
        apply(&mut ir, &settings).unwrap();
        let ModelKind::Enum(body) = &ir.models.last().unwrap().kind else {
            panic!("the value set is an enum");
        };
        let values: Vec<&str> = body
            .values
            .iter()
            .filter_map(|v| v.value.as_str())
            .collect();
        assert_eq!(values, ["public", ""]);
    }

    #[test]
    fn a_set_on_a_field_that_is_no_string_names_the_setting() {
        let mut ir = ir();
        let settings = settings("[fields.\"client.count\"]\nenum_values = [\"1\"]\n");
        let err = apply(&mut ir, &settings).unwrap_err().to_string();
        assert_eq!(
            err,
            "settings `fields.\"client.count\".enum_values`: property `count` of `client` is not a string"
        );
    }

    #[test]
    fn settings_that_name_no_property_stop_generation() {
        let mut ir = ir();
        let settings = settings("[fields.\"client.subjct\"]\nenum_values = [\"public\"]\n");
        let err = crate::generate::apply_settings(&mut ir, &settings)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "the settings name properties the spec does not have: `client.subjct` (keys are `schema.property`, in wire names)"
        );
    }
}
