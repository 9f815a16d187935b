//! Decisions about the Rust form of each model, shared by the Rust and Markdown emitters: which
//! models are generated, their module names, each field's declared type and serde form, defaults,
//! secrets, and the constraints after the settings' overrides.

use std::collections::HashSet;

use oas_parser::Ir;
use oas_parser::ir::{
    Constraints, DependentRequired, Enum, EnumBase, Field, ModelId, ModelKind, ModelRef, Shape,
    Type,
};
use oas_parser::naming::{NameSet, free_name, module_name, unraw};
use serde_json::Value;

use crate::settings::Settings;
use crate::types::{self, RustType};

/// Everything the emitters need to know about the models being generated.
#[derive(Debug)]
pub struct Plan<'a> {
    /// The IR.
    pub ir: &'a Ir,
    /// The settings.
    pub settings: &'a Settings,
    /// Generated models, in IR order (by id).
    pub models: Vec<ModelPlan>,
    /// Per IR model: whether its type implements `Default`.
    defaultable: Vec<bool>,
    /// Per IR model: the fields of a generated struct, planned once (empty otherwise).
    fields: Vec<Vec<FieldPlan<'a>>>,
}

/// One generated model.
#[derive(Debug, Clone)]
pub struct ModelPlan {
    /// The IR model.
    pub id: ModelId,
    /// The module (and file stem) it is written to.
    pub module: String,
}

/// How a field is declared and (de)serialized.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldForm {
    /// Required: `T` (`Option<T>` when nullable, written as `null`).
    Required,
    /// Optional: `Option<T>`; absent or `null` reads as `None`, `None` is not written.
    Optional,
    /// Optional and nullable: `Nullable<T>`, keeping absent, `null` and a value apart.
    ThreeState,
    /// Optional with a spec default: `T`, the default filling an absent key or a `null`.
    Defaulted(Value),
}

/// One field as it will be generated.
#[derive(Debug, Clone)]
pub struct FieldPlan<'a> {
    /// The IR field.
    pub field: &'a Field,
    /// The type of a present, non-null value (after a `rust_type` override).
    pub value: RustType,
    /// The declared type (with `Option` / `Nullable` as the form needs).
    pub declared: RustType,
    /// How it is (de)serialized.
    pub form: FieldForm,
    /// `Debug` must not print it.
    pub secret: bool,
    /// The spec's constraints with the settings' overrides applied.
    pub constraints: Constraints,
    /// Constraints on each item, for array fields (with the settings' `items_format`).
    pub item_constraints: Option<Constraints>,
    /// The settings' note on the field.
    pub note: Option<String>,
    /// A spec default the generated code cannot express (documented only).
    pub documented_default: Option<Value>,
    /// An example value: the settings' if given, else the spec's.
    pub example: Option<Value>,
    /// String rules pass on `""` (settings' `allow_empty`).
    pub allow_empty: bool,
    /// Its bytes are base64 in JSON (`format: byte`, type not overridden).
    pub base64: bool,
    /// Rust names of the fields that must be present when this one is (`dependentRequired`;
    /// fields that are always present are left out).
    pub requires: Vec<String>,
}

impl FieldPlan<'_> {
    /// True when the field's key may be missing from the JSON (an `Option` or `Nullable`).
    pub fn can_be_absent(&self) -> bool {
        matches!(self.form, FieldForm::Optional | FieldForm::ThreeState)
    }
}

impl<'a> Plan<'a> {
    /// Selects the models to generate (the roots and everything they reference, or all) and
    /// names their modules.
    pub fn new(ir: &'a Ir, settings: &'a Settings) -> Result<Plan<'a>, String> {
        let selected = select(ir, &settings.roots)?;
        let mut modules = NameSet::new();
        // A module's name is also its model's cargo feature, so cargo's own names are taken too.
        for reserved in ["lib", "main", "mod", "default", crate::features::FULL] {
            modules.take(reserved, "_");
        }
        let models = selected
            .into_iter()
            .map(|id| {
                let wanted = module_name(&ir.model(id).name);
                ModelPlan {
                    id,
                    module: modules.take(&wanted, "_"),
                }
            })
            .collect();
        let mut plan = Plan {
            ir,
            settings,
            models,
            defaultable: defaultable_models(ir),
            fields: vec![Vec::new(); ir.models.len()],
        };
        // Each model's fields are planned on their own, on every core.
        let threads = settings
            .threads
            .unwrap_or_else(oas_parser::parallel::all_cores);
        let planned = oas_parser::parallel::map_in_order(&plan.models, threads, |model| {
            (model.id, plan.plan_fields(model.id))
        });
        for (id, fields) in planned {
            plan.fields[id.0] = fields;
        }
        Ok(plan)
    }

    /// The fields of a generated struct model, as they will be generated (empty for others).
    pub fn fields(&self, id: ModelId) -> &[FieldPlan<'a>] {
        &self.fields[id.0]
    }

    /// The fields a struct's `new` takes, in declaration order: the required ones (a required
    /// field never has a default). Empty when the struct has no `new`.
    pub fn constructor_fields(&self, id: ModelId) -> impl Iterator<Item = &FieldPlan<'a>> {
        self.fields(id)
            .iter()
            .filter(|field| matches!(field.form, FieldForm::Required))
    }

    fn plan_fields(&self, id: ModelId) -> Vec<FieldPlan<'a>> {
        let ModelKind::Struct(body) = &self.ir.model(id).kind else {
            return Vec::new();
        };
        let key = crate::settings::model_key(self.ir.model(id));
        let mut fields: Vec<FieldPlan<'a>> = body
            .fields
            .iter()
            .map(|field| self.field(&key, field))
            .collect();
        for rule in &body.dependent_required {
            if !dependency_is_checked(&fields, rule) {
                continue;
            }
            let named = |wire: &String| fields.iter().find(|f| &f.field.wire_name == wire);
            let requires: Vec<String> = rule
                .required
                .iter()
                .filter_map(named)
                .filter(|field| field.can_be_absent())
                .map(|field| field.field.rust_name.clone())
                .collect();
            if let Some(trigger) = fields.iter_mut().find(|f| f.field.wire_name == rule.key) {
                trigger.requires.extend(requires);
            }
        }
        fields
    }

    /// True when `validate` checks a `dependentRequired` entry of struct `id`.
    pub fn dependency_is_checked(&self, id: ModelId, rule: &DependentRequired) -> bool {
        dependency_is_checked(self.fields(id), rule)
    }

    fn field(&self, model_key: &str, field: &'a Field) -> FieldPlan<'a> {
        let ir = self.ir;
        let overrides = self.settings.field(model_key, &field.wire_name);
        let value = match overrides.and_then(|o| o.rust_type.as_deref()) {
            Some(rust_type) => RustType::from_path(rust_type),
            None => types::value_type(ir, &field.shape.ty),
        };
        let nullable = types::shape_is_nullable(ir, &field.shape);
        let default = field
            .default
            .as_ref()
            .filter(|default| !default.is_null() && !nullable && !field.required);
        let expressible =
            default.filter(|default| self.default_is_expressible(&field.shape.ty, default));
        let form = if field.required {
            FieldForm::Required
        } else if let Some(default) = expressible {
            FieldForm::Defaulted(default.clone())
        } else if nullable || admits_null(&field.shape.ty) {
            FieldForm::ThreeState
        } else {
            FieldForm::Optional
        };
        let declared = match form {
            FieldForm::Required if nullable => types::option(&value),
            FieldForm::Required | FieldForm::Defaulted(_) => value.clone(),
            FieldForm::Optional => types::option(&value),
            FieldForm::ThreeState => types::nullable(&value),
        };
        let mut constraints = field.shape.constraints.clone();
        let mut item_constraints = match &field.shape.ty {
            Type::Array(item) => Some(item.constraints.clone()),
            _ => None,
        };
        if let Some(overrides) = overrides {
            if let Some(pattern) = &overrides.pattern {
                constraints.pattern = Some(pattern.clone());
            }
            if let Some(format) = &overrides.format {
                constraints.format = Some(format.clone());
            }
            if let (Some(format), Some(items)) =
                (&overrides.items_format, item_constraints.as_mut())
            {
                items.format = Some(format.clone());
            }
        }
        FieldPlan {
            field,
            value,
            declared,
            form,
            secret: self.settings.is_secret(model_key, &field.wire_name)
                || field.write_only
                || constraints.format.as_deref() == Some("password"),
            constraints,
            item_constraints,
            note: overrides.and_then(|o| o.note.clone()),
            documented_default: default.filter(|_| expressible.is_none()).cloned(),
            example: overrides
                .and_then(|o| o.example.clone())
                .or_else(|| field.example.clone()),
            allow_empty: overrides.is_some_and(|o| o.allow_empty),
            base64: overrides.and_then(|o| o.rust_type.as_ref()).is_none()
                && types::carries_bytes(&field.shape),
            requires: Vec::new(),
        }
    }

    /// True when the generated code can write `default` as a Rust value of `ty`.
    fn default_is_expressible(&self, ty: &Type, default: &Value) -> bool {
        match (ty, default) {
            (Type::String, Value::String(_)) | (Type::Boolean, Value::Bool(_)) => true,
            (Type::Integer { format }, Value::Number(number)) => {
                types::integer_holds(format.as_deref(), number)
            }
            (Type::Number { format }, Value::Number(number)) => {
                format.as_deref() != Some("float")
                    || number
                        .as_f64()
                        .is_some_and(|float| float.abs() <= f64::from(f32::MAX))
            }
            (Type::Array(item), Value::Array(items)) => {
                items.is_empty() && !types::carries_bytes(item)
            }
            (Type::Model(ModelRef { id, .. }), value) => match &self.ir.model(*id).kind {
                ModelKind::Enum(body) => {
                    body.base == EnumBase::String && body.values.iter().any(|v| &v.value == value)
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// The name of the flattened map of extra keys: `additional_properties`, unless a property
    /// already has that name.
    pub fn additional_field_name(&self, id: ModelId) -> String {
        let fields = match &self.ir.model(id).kind {
            ModelKind::Struct(body) => body.fields.as_slice(),
            _ => &[],
        };
        free_name("additional_properties", "_", |name| {
            fields.iter().any(|field| unraw(&field.rust_name) == name)
        })
    }

    /// The models that model `id` refers to, directly (with repeats).
    pub fn references(&self, id: ModelId) -> Vec<ModelId> {
        let mut out = Vec::new();
        references(self.ir, id, &mut out);
        out
    }

    /// True when model `id` is generated (selected by the roots).
    pub fn generates(&self, id: ModelId) -> bool {
        self.models
            .binary_search_by_key(&id, |model| model.id)
            .is_ok()
    }

    /// True when the model's Rust type implements `Default`.
    pub fn model_is_defaultable(&self, id: ModelId) -> bool {
        self.defaultable[id.0]
    }
}

/// The name of an enum's fallback variant, which keeps a value the enum does not list: `Unknown`,
/// or the first free name after it.
pub fn fallback_variant(body: &Enum) -> String {
    free_name("Unknown", "", |name| {
        body.values
            .iter()
            .any(|value| unraw(&value.rust_name) == name)
    })
}

/// True for a type whose values include `null` without a `nullable` (a typeless schema is any
/// JSON value): an optional field of it keeps an absent key and a `null` apart.
fn admits_null(ty: &Type) -> bool {
    matches!(ty, Type::Any)
}

/// A `dependentRequired` entry can be checked when its key is a field that may be absent and
/// every key it requires is a field (an undeclared key lands in the extra-keys map, if anywhere).
fn dependency_is_checked(fields: &[FieldPlan], rule: &DependentRequired) -> bool {
    let field = |wire: &str| fields.iter().find(|f| f.field.wire_name == wire);
    field(&rule.key).is_some_and(FieldPlan::can_be_absent)
        && rule.required.iter().all(|wire| field(wire).is_some())
}

/// The models reachable from `roots` (wire names), or every model when `roots` is empty.
fn select(ir: &Ir, roots: &[String]) -> Result<Vec<ModelId>, String> {
    if roots.is_empty() {
        return Ok((0..ir.models.len()).map(ModelId).collect());
    }
    let mut seen = HashSet::new();
    let mut stack = Vec::new();
    for root in roots {
        let id = ir
            .find_by_wire_name(root)
            .ok_or_else(|| format!("root schema `{root}` is not in the spec"))?;
        stack.push(id);
    }
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            references(ir, id, &mut stack);
        }
    }
    let mut selected: Vec<ModelId> = seen.into_iter().collect();
    selected.sort();
    Ok(selected)
}

/// Pushes every model that model `id` refers to.
fn references(ir: &Ir, id: ModelId, out: &mut Vec<ModelId>) {
    fn walk(shape: &Shape, out: &mut Vec<ModelId>) {
        shape.visit(&mut |inner| {
            if let Type::Model(ModelRef { id, .. }) = &inner.ty {
                out.push(*id);
            }
        });
    }
    match &ir.model(id).kind {
        ModelKind::Struct(body) => {
            body.fields.iter().for_each(|field| walk(&field.shape, out));
            if let oas_parser::ir::Additional::Typed(value) = &body.additional {
                walk(value, out);
            }
        }
        ModelKind::Union(body) => body
            .variants
            .iter()
            .for_each(|variant| walk(&variant.shape, out)),
        ModelKind::Alias(shape) => walk(shape, out),
        ModelKind::Enum(_) => {}
    }
}

/// Which models implement `Default`: structs whose required fields all do (a fixpoint, since
/// models refer to each other), and aliases of such types.
fn defaultable_models(ir: &Ir) -> Vec<bool> {
    let mut defaultable: Vec<bool> = ir
        .models
        .iter()
        .map(|model| matches!(model.kind, ModelKind::Struct(_) | ModelKind::Alias(_)))
        .collect();
    loop {
        let mut changed = false;
        for (index, model) in ir.models.iter().enumerate() {
            if !defaultable[index] {
                continue;
            }
            let still = match &model.kind {
                ModelKind::Struct(body) => body.fields.iter().all(|field| {
                    !field.required || shape_is_defaultable(ir, &defaultable, &field.shape)
                }),
                ModelKind::Alias(shape) => shape_is_defaultable(ir, &defaultable, shape),
                ModelKind::Enum(_) | ModelKind::Union(_) => false,
            };
            if !still {
                defaultable[index] = false;
                changed = true;
            }
        }
        if !changed {
            return defaultable;
        }
    }
}

/// True when a required value of `shape` has a meaningful default: `null` where it is
/// nullable, an empty object of a model whose fields all have one. An empty string or a zero is
/// not one (`JsonWebKey { alg: "" }` is no key), so a model requiring one gets `new` instead.
fn shape_is_defaultable(ir: &Ir, defaultable: &[bool], shape: &Shape) -> bool {
    if types::shape_is_nullable(ir, shape) {
        return true;
    }
    match &shape.ty {
        Type::Model(ModelRef { id, .. }) => defaultable[id.0],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_generates_its_roots_and_what_they_refer_to() {
        let ir = crate::test_spec::lowered(
            r##"
    a: { type: object, properties: { c: { $ref: "#/components/schemas/c" } } }
    b: { type: object, properties: { n: { type: integer } } }
    c: { type: object, properties: { n: { type: integer } } }
"##,
        );
        let settings = Settings::standalone("s", "c", vec!["a".to_owned()]);
        let plan = Plan::new(&ir, &settings).unwrap();
        let generated: Vec<bool> = (0..ir.models.len())
            .map(|index| plan.generates(ModelId(index)))
            .collect();
        assert_eq!(generated, [true, false, true]);
    }
}
