//! Enums: a closed set of values, `null` among them making the enum nullable.

use serde_json::Value;

use crate::ir::*;
use crate::naming::{NameSet, variant_name};

/// True when every value is `null` (`enum: [null]` states nullability, not a set).
pub(super) fn is_null_only(values: &[Value]) -> bool {
    values.iter().all(Value::is_null)
}

/// The enum of `values`, named variants in document order, duplicates dropped.
pub(crate) fn lower_enum(values: &[Value], nullable: bool) -> Enum {
    let non_null: Vec<&Value> = values.iter().filter(|value| !value.is_null()).collect();
    let base = if non_null.iter().all(|v| v.is_string()) {
        EnumBase::String
    } else if non_null.iter().all(|v| v.is_i64() || v.is_u64()) {
        EnumBase::Integer
    } else if non_null.iter().all(|v| v.is_number()) {
        EnumBase::Number
    } else if non_null.iter().all(|v| v.is_boolean()) {
        EnumBase::Boolean
    } else {
        EnumBase::Mixed
    };
    let mut names = NameSet::new();
    let mut lowered: Vec<EnumValue> = Vec::with_capacity(non_null.len());
    for value in non_null {
        if lowered.iter().any(|existing| &existing.value == value) {
            continue;
        }
        let label = match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        lowered.push(EnumValue {
            value: value.clone(),
            rust_name: names.take(&variant_name(&label), ""),
        });
    }
    Enum {
        base,
        values: lowered,
        nullable: nullable || values.iter().any(Value::is_null),
    }
}
