//! Realistic example documents for the docs pages: the spec's `example` values where present
//! (or the settings' `example`), otherwise a representative value of the right type and format.

use oas_parser::ir::{EnumBase, ModelId, ModelKind, Shape, Type};
use serde_json::{Map, Value, json};

use crate::plan::{FieldForm, FieldPlan, Plan};

/// How deep nested models are filled in.
const MAX_DEPTH: usize = 3;

/// An example JSON document for model `id`.
pub fn model_example(plan: &Plan, id: ModelId) -> Value {
    example_of_model(plan, id, 0, &mut Vec::new())
}

fn example_of_model(plan: &Plan, id: ModelId, depth: usize, visiting: &mut Vec<ModelId>) -> Value {
    let model = plan.ir.model(id);
    if let Some(example) = &model.example {
        return example.clone();
    }
    if visiting.contains(&id) || depth > MAX_DEPTH {
        return Value::Null;
    }
    visiting.push(id);
    let value = match &model.kind {
        ModelKind::Struct(_) => {
            let mut object = Map::new();
            for field in plan.fields(id) {
                // Nested models show what they need, what is short enough to read, and the way
                // to the models below them.
                let wanted = depth == 0
                    || field.field.required
                    || field.example.as_ref().is_some_and(is_short)
                    || leads_to_model(&field.field.shape);
                if !wanted {
                    continue;
                }
                if let Some(value) = field_example(plan, field, depth, visiting) {
                    object.insert(field.field.wire_name.clone(), value);
                }
            }
            Value::Object(object)
        }
        ModelKind::Enum(body) => body
            .values
            .first()
            .map_or(Value::Null, |value| value.value.clone()),
        ModelKind::Union(body) => body.variants.first().map_or(Value::Null, |variant| {
            let mut example = shape_example(plan, &variant.shape, depth + 1, visiting);
            // With a discriminator, the example must carry the tag that selects its variant.
            let tag = body.discriminator.as_ref().zip(variant.tags.first());
            if let (Some((discriminator, tag)), Value::Object(object)) = (tag, &mut example) {
                object.insert(discriminator.property.clone(), Value::String(tag.clone()));
            }
            example
        }),
        ModelKind::Alias(shape) => shape_example(plan, shape, depth + 1, visiting),
    };
    visiting.pop();
    value
}

fn leads_to_model(shape: &Shape) -> bool {
    match &shape.ty {
        Type::Model(_) => true,
        Type::Array(item) => leads_to_model(item),
        _ => false,
    }
}

fn is_short(value: &Value) -> bool {
    value.to_string().len() <= 64
}

/// The example value of one field, or `None` when it is better left out (a pattern with no
/// example to match it).
fn field_example(
    plan: &Plan,
    field: &FieldPlan,
    depth: usize,
    visiting: &mut Vec<ModelId>,
) -> Option<Value> {
    let key = field.field.wire_name.as_str();
    if let Some(example) = &field.example {
        return Some(example.clone());
    }
    if let FieldForm::Defaulted(default) = &field.form {
        return Some(default.clone());
    }
    if let Some(first) = field.constraints.enum_values.first() {
        return Some(first.clone());
    }
    if field.constraints.pattern.is_some() {
        return None;
    }
    let format = field.constraints.format.as_deref();
    match (&field.field.shape.ty, format) {
        (Type::String, Some("uri" | "url")) => Some(json!(format!("https://example.com/{key}"))),
        (Type::String, Some("email")) => Some(json!("user@example.com")),
        (Type::Array(item), _) => {
            let item_format = field
                .item_constraints
                .as_ref()
                .and_then(|c| c.format.as_deref());
            let item = match (&item.ty, item_format) {
                (Type::String, Some("uri" | "url")) => json!(format!("https://example.com/{key}")),
                _ => shape_example(plan, item, depth, visiting),
            };
            // A recursive item has no example (null): show an empty list instead.
            Some(Value::Array(if item.is_null() {
                Vec::new()
            } else {
                vec![item]
            }))
        }
        (Type::String, _) => Some(json!(fit_length(
            &format!("example-{key}"),
            field.constraints.min_length,
            field.constraints.max_length
        ))),
        // Keys a pattern must match cannot be made up: leave the map out.
        (Type::Map(_) | Type::JsonObject, _)
            if field
                .constraints
                .keys
                .as_ref()
                .is_some_and(|keys| keys.pattern.is_some() || !keys.enum_values.is_empty()) =>
        {
            None
        }
        // A recursive reference has no example (null): leave the field out.
        _ => {
            Some(shape_example(plan, &field.field.shape, depth, visiting)).filter(|v| !v.is_null())
        }
    }
}

/// `text` cut to `max` characters, or padded with `x` to `min`.
fn fit_length(text: &str, min: Option<u64>, max: Option<u64>) -> String {
    let max = max.map_or(usize::MAX, |max| usize::try_from(max).unwrap_or(usize::MAX));
    let min = min
        .map_or(0, |min| usize::try_from(min).unwrap_or(0))
        .min(max);
    let mut fitted: String = text.chars().take(max).collect();
    let length = fitted.chars().count();
    fitted.extend(std::iter::repeat_n('x', min.saturating_sub(length)));
    fitted
}

/// A representative value of a shape.
fn shape_example(plan: &Plan, shape: &Shape, depth: usize, visiting: &mut Vec<ModelId>) -> Value {
    match &shape.ty {
        Type::String | Type::Binary => json!("string"),
        Type::Bytes => json!("aGVsbG8="),
        Type::DateTime => json!("2024-05-01T12:00:00Z"),
        Type::Date => json!("2024-05-01"),
        Type::Uuid => json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        Type::Integer { .. } => json!(
            shape
                .constraints
                .minimum
                .as_ref()
                .and_then(|n| n.as_i64())
                .unwrap_or(1)
        ),
        Type::Number { .. } => json!(1.5),
        Type::Boolean => json!(true),
        Type::Array(item) => Value::Array(vec![shape_example(plan, item, depth, visiting)]),
        Type::Tuple(items) => items
            .iter()
            .map(|item| shape_example(plan, item, depth, visiting))
            .collect(),
        Type::Map(value) => json!({ "key": shape_example(plan, value, depth, visiting) }),
        Type::JsonObject => json!({ "key": "value" }),
        Type::Any => json!("value"),
        Type::Model(target) => match &plan.ir.model(target.id).kind {
            ModelKind::Enum(body) if body.base == EnumBase::String => body
                .values
                .first()
                .map_or(Value::Null, |value| value.value.clone()),
            _ => example_of_model(plan, target.id, depth + 1, visiting),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::fit_length;

    #[test]
    fn examples_fit_length_limits() {
        assert_eq!(fit_length("example-name", None, Some(3)), "exa");
        assert_eq!(fit_length("ab", Some(4), None), "abxx");
        assert_eq!(
            fit_length("ab", Some(5), Some(3)),
            "abx",
            "min beyond max yields to max"
        );
        assert_eq!(fit_length("naïve", None, Some(3)), "naï");
        assert_eq!(fit_length("example", None, None), "example");
    }
}
