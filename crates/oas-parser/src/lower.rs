//! Lowering `components.schemas` into the IR.
//!
//! Component schemas get their ids and names first (document order), so forward and cyclic
//! references resolve to an id before the target is lowered. Each component is then one of:
//! - a *model* (an object with properties, an enum, a union, a merged `allOf`): a reference to it
//!   stays a [`Type::Model`];
//! - an *alias* (a primitive, array or map schema, a free-form object, a ref to a ref): a reference
//!   to it is inlined, taking type, nullability and constraints from the target and the description
//!   from the referring property. An alias that (indirectly) contains itself is referenced instead.
//!
//! Inline schemas that need a name (an object, enum or union inside a property, an item, a map
//! value or a union alternative) become models named after their path: property `foo` of `Bar`
//! is `BarFoo`, its items `BarFooItem`.

use std::borrow::Borrow;
use std::collections::HashMap;

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};
use serde::Deserialize;
use serde_json::Value;

use crate::cycles::mark_cycles;
use crate::diagnostic::{Diagnostic, decode_token, push_token};
use crate::facts::{
    Annotations, Facts, Properties, annotations, facts, own_description, structural_parts,
};
use crate::ir::*;
use crate::load::Document;
use crate::naming::{NameSet, field_name, type_name, variant_name};
use crate::tags::infer_discriminators;

/// The IR of a document and what lowering had to say about it.
#[derive(Debug, Clone)]
pub struct Lowering {
    /// Every model; a schema that failed to lower is an alias of [`Type::Any`].
    pub ir: Ir,
    /// Errors and warnings, in the order met.
    pub diagnostics: Vec<Diagnostic>,
}

impl Lowering {
    /// The error diagnostics.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

const SCHEMAS_POINTER: &str = "#/components/schemas";
const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// Lowers every schema under `components.schemas` of a loaded document.
pub fn lower(document: &Document) -> Lowering {
    let mut diagnostics = Vec::new();
    let entries = component_entries(&document.root, &mut diagnostics);
    let parsed: Vec<Option<ReferenceOr<Schema>>> = entries
        .iter()
        .map(|(wire, value)| parse_schema(wire, value, &mut diagnostics))
        .collect();
    let mut lowerer = Lowerer::new(&entries, &parsed, diagnostics);
    for index in 0..entries.len() {
        lowerer.ensure_component(index);
    }
    let mut models: Vec<Model> = lowerer
        .models
        .into_iter()
        .map(|model| model.expect("every model slot is filled once lowering ends"))
        .collect();
    mark_cycles(&mut models);
    infer_discriminators(&mut models);
    let mut diagnostics = lowerer.diagnostics;
    diagnostics.extend(name_cycles(&models));
    let text = |key: &str| {
        document.root["info"][key]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    Lowering {
        ir: Ir {
            title: text("title"),
            version: text("version"),
            models,
        },
        diagnostics,
    }
}

/// A warning for each schema that, through `$ref`s and single-part `allOf`s, only names itself:
/// it states no type, so it is read as any JSON value.
fn name_cycles(models: &[Model]) -> Vec<Diagnostic> {
    models
        .iter()
        .enumerate()
        .filter(|(index, model)| {
            matches!(&model.kind, ModelKind::Alias(shape)
                if matches!(&shape.ty, Type::Model(target) if target.id.0 == *index))
        })
        .map(|(_, model)| {
            Diagnostic::warning(
                model.pointer.clone(),
                format!(
                    "`{}` only names itself through $ref or allOf; it is read as any JSON value",
                    model.wire_name
                ),
            )
        })
        .collect()
}

/// The `(key, value)` pairs of `components.schemas`, in document order.
fn component_entries<'a>(
    root: &'a Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(&'a str, &'a Value)> {
    let Some(components) = root.get("components") else {
        return Vec::new();
    };
    let Some(components) = components.as_object() else {
        diagnostics.push(Diagnostic::error(
            "#/components",
            "`components` is not an object",
        ));
        return Vec::new();
    };
    match components.get("schemas") {
        None => Vec::new(),
        Some(Value::Object(schemas)) => schemas.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        Some(_) => {
            diagnostics.push(Diagnostic::error(
                SCHEMAS_POINTER,
                "`components.schemas` is not an object",
            ));
            Vec::new()
        }
    }
}

/// Reads one component schema with `openapiv3`, naming the exact node of any error.
fn parse_schema(
    wire: &str,
    value: &Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ReferenceOr<Schema>> {
    // The fast path; only a schema that fails is read again to find where.
    if let Ok(schema) = ReferenceOr::<Schema>::deserialize(value) {
        return Some(schema);
    }
    match serde_path_to_error::deserialize::<_, ReferenceOr<Schema>>(value) {
        Ok(schema) => Some(schema),
        Err(err) => {
            let mut pointer = push_token(SCHEMAS_POINTER, wire);
            for segment in err.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        pointer = push_token(&pointer, &index.to_string())
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        pointer = push_token(&pointer, key)
                    }
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            diagnostics.push(Diagnostic::error(
                pointer,
                format!("invalid schema: {}", err.into_inner()),
            ));
            None
        }
    }
}

/// Where lowering of a component stands.
#[derive(Debug, Clone)]
enum Stage {
    Pending,
    Lowering,
    Done,
}

/// The inlined form of an alias component.
#[derive(Debug, Clone)]
enum AliasForm {
    NotComputed,
    Computing,
    /// What a referring field takes over.
    Inline(Box<Inlined>),
}

/// An alias's shape with the annotations a referring field inherits.
#[derive(Debug, Clone)]
struct Inlined {
    shape: Shape,
    example: Option<Value>,
    default: Option<Value>,
    read_only: bool,
    write_only: bool,
}

/// How an inline schema is named, should it need a model.
#[derive(Debug, Clone)]
struct Site {
    /// The words the model's Rust name would be made of (converted only if a model is made).
    name_words: String,
    /// Wire names from the named ancestor.
    path: Vec<String>,
    /// JSON pointer of the schema.
    pointer: String,
}

impl Site {
    fn child(&self, wire: &str, name_part: &str, pointer_tokens: &[&str]) -> Site {
        let mut path = self.path.clone();
        path.push(wire.to_owned());
        let pointer = pointer_tokens
            .iter()
            .fold(self.pointer.clone(), |pointer, token| {
                push_token(&pointer, token)
            });
        Site {
            name_words: format!("{} {name_part}", self.name_words),
            path,
            pointer,
        }
    }
}

struct Lowerer<'a> {
    entries: &'a [(&'a str, &'a Value)],
    parsed: &'a [Option<ReferenceOr<Schema>>],
    by_wire: HashMap<&'a str, usize>,
    models: Vec<Option<Model>>,
    progress: Vec<Stage>,
    alias_forms: Vec<AliasForm>,
    type_names: NameSet,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Lowerer<'a> {
    fn new(
        entries: &'a [(&'a str, &'a Value)],
        parsed: &'a [Option<ReferenceOr<Schema>>],
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        let mut lowerer = Lowerer {
            entries,
            parsed,
            by_wire: entries
                .iter()
                .enumerate()
                .map(|(i, (wire, _))| (*wire, i))
                .collect(),
            models: vec![None; entries.len()],
            progress: vec![Stage::Pending; entries.len()],
            alias_forms: vec![AliasForm::NotComputed; entries.len()],
            type_names: NameSet::new(),
            diagnostics,
        };
        lowerer.name_components();
        lowerer
    }

    /// Gives every component its type name before anything is lowered. Names already in
    /// UpperCamelCase keep them first, so `NullDuration` stays itself and `nullDuration` is renamed.
    fn name_components(&mut self) {
        let wanted: Vec<String> = self
            .entries
            .iter()
            .map(|(wire, _)| type_name(wire))
            .collect();
        let mut names = vec![String::new(); wanted.len()];
        let exact_first = (0..wanted.len())
            .filter(|&i| wanted[i] == self.entries[i].0)
            .chain((0..wanted.len()).filter(|&i| wanted[i] != self.entries[i].0));
        for index in exact_first {
            names[index] = self.type_names.take(&wanted[index], "");
            if names[index] != wanted[index] {
                self.diagnostics.push(Diagnostic::warning(
                    self.component_pointer(index),
                    format!(
                        "schema `{}` is named `{}`: `{}` is taken by another schema",
                        self.entries[index].0, names[index], wanted[index]
                    ),
                ));
            }
        }
        for (index, name) in names.into_iter().enumerate() {
            self.models[index] = Some(Model {
                name,
                wire_name: self.entries[index].0.to_owned(),
                inline_path: None,
                pointer: self.component_pointer(index),
                title: None,
                description: None,
                deprecated: false,
                example: None,
                kind: ModelKind::Alias(Box::new(Shape::plain(Type::Any))),
            });
        }
    }

    fn component_pointer(&self, index: usize) -> String {
        push_token(SCHEMAS_POINTER, self.entries[index].0)
    }

    fn component_name(&self, index: usize) -> String {
        self.models[index]
            .as_ref()
            .map(|m| m.name.clone())
            .unwrap_or_default()
    }

    /// Lowers component `index` unless it is done or under way.
    fn ensure_component(&mut self, index: usize) {
        if !matches!(self.progress[index], Stage::Pending) {
            return;
        }
        self.progress[index] = Stage::Lowering;
        let site = Site {
            name_words: self.component_name(index),
            path: vec![self.entries[index].0.to_owned()],
            pointer: self.component_pointer(index),
        };
        let (kind, schema) = match &self.parsed[index] {
            None => (ModelKind::Alias(Box::new(Shape::plain(Type::Any))), None),
            Some(ReferenceOr::Reference { .. }) => (
                ModelKind::Alias(Box::new(self.alias_form(index).shape)),
                None,
            ),
            Some(ReferenceOr::Item(schema)) => {
                let kind = if needs_model(&facts(&schema.schema_kind)) {
                    self.model_kind(schema, &site)
                } else {
                    ModelKind::Alias(Box::new(self.alias_form(index).shape))
                };
                (kind, Some(schema))
            }
        };
        let model = self.models[index]
            .as_mut()
            .expect("components are named up front");
        model.kind = kind;
        if let Some(schema) = schema {
            let notes = annotations(&schema.schema_data);
            model.title = notes.title.map(str::to_owned);
            model.description = notes.description.map(str::to_owned);
            model.deprecated = notes.deprecated;
            model.example = notes.example.cloned();
        }
        self.progress[index] = Stage::Done;
    }

    /// The inlined form of alias component `index`, computed once.
    fn alias_form(&mut self, index: usize) -> Inlined {
        match &self.alias_forms[index] {
            AliasForm::Inline(inlined) => return (**inlined).clone(),
            AliasForm::Computing => {
                // The alias contains itself: refer to it by name instead of inlining forever.
                return Inlined {
                    shape: Shape::plain(Type::Model(ModelRef {
                        id: ModelId(index),
                        cyclic: false,
                    })),
                    example: None,
                    default: None,
                    read_only: false,
                    write_only: false,
                };
            }
            AliasForm::NotComputed => {}
        }
        self.alias_forms[index] = AliasForm::Computing;
        let site = Site {
            name_words: self.component_name(index),
            path: vec![self.entries[index].0.to_owned()],
            pointer: self.component_pointer(index),
        };
        let inlined = match &self.parsed[index] {
            None => Inlined {
                shape: Shape::plain(Type::Any),
                example: None,
                default: None,
                read_only: false,
                write_only: false,
            },
            Some(ReferenceOr::Reference { reference }) => {
                let reference: &'a str = reference;
                self.reference_form(reference, &site.pointer)
            }
            Some(ReferenceOr::Item(schema)) => {
                let notes = annotations(&schema.schema_data);
                Inlined {
                    shape: self.item_shape(schema, &site),
                    example: notes.example.cloned(),
                    default: notes.default.cloned(),
                    read_only: notes.read_only,
                    write_only: notes.write_only,
                }
            }
        };
        self.alias_forms[index] = AliasForm::Inline(Box::new(inlined.clone()));
        inlined
    }

    /// What a `$ref` at `pointer` stands for: a model reference, or an alias's inlined form.
    fn reference_form(&mut self, reference: &str, pointer: &str) -> Inlined {
        let shape = match self.resolve(reference, pointer) {
            Some(index) => return self.component_form(index),
            None => Shape::plain(Type::Any),
        };
        Inlined {
            shape,
            example: None,
            default: None,
            read_only: false,
            write_only: false,
        }
    }

    fn component_form(&mut self, index: usize) -> Inlined {
        let is_model = match &self.parsed[index] {
            Some(ReferenceOr::Item(schema)) => needs_model(&facts(&schema.schema_kind)),
            _ => false,
        };
        if is_model {
            Inlined {
                shape: Shape::plain(Type::Model(ModelRef {
                    id: ModelId(index),
                    cyclic: false,
                })),
                example: None,
                default: None,
                read_only: false,
                write_only: false,
            }
        } else {
            self.alias_form(index)
        }
    }

    /// The component a `$ref` names, or `None` after reporting why it cannot be followed.
    fn resolve(&mut self, reference: &str, pointer: &str) -> Option<usize> {
        let Some(encoded) = reference.strip_prefix(SCHEMA_REF_PREFIX) else {
            self.diagnostics.push(Diagnostic::error(
                pointer,
                format!(
                    "unsupported $ref `{reference}`: only refs to `{SCHEMA_REF_PREFIX}<name>` in the same document are resolved"
                ),
            ));
            return None;
        };
        let name = decode_token(encoded);
        match self.by_wire.get(name.as_str()) {
            Some(&index) => Some(index),
            None => {
                self.diagnostics.push(Diagnostic::error(
                    pointer,
                    format!("dangling $ref `{reference}`: there is no schema `{name}` under components.schemas"),
                ));
                None
            }
        }
    }

    /// The shape of a schema or reference found at `site`.
    fn shape_of<S: Borrow<Schema>>(&mut self, schema: &'a ReferenceOr<S>, site: &Site) -> Inlined {
        match schema {
            ReferenceOr::Reference { reference } => self.reference_form(reference, &site.pointer),
            ReferenceOr::Item(schema) => {
                let schema: &Schema = schema.borrow();
                let notes = annotations(&schema.schema_data);
                Inlined {
                    shape: self.item_shape(schema, site),
                    example: notes.example.cloned(),
                    default: notes.default.cloned(),
                    read_only: notes.read_only,
                    write_only: notes.write_only,
                }
            }
        }
    }

    /// The shape of an inline schema: a primitive, array or map, or a new model for what needs one.
    fn item_shape(&mut self, schema: &'a Schema, site: &Site) -> Shape {
        let notes = annotations(&schema.schema_data);
        let facts = facts(&schema.schema_kind);
        if needs_model(&facts) {
            let id = self.inline_model(schema, site);
            return Shape {
                ty: Type::Model(ModelRef { id, cyclic: false }),
                nullable: notes.nullable,
                constraints: Constraints::default(),
            };
        }
        if !facts.all_of.is_empty() {
            // `allOf: [x]` (beside annotation-only parts) is `x`, with the wrapper's nullability:
            // the 3.0 way to make a ref nullable or give it a description.
            let Some(single) = structural_parts(facts.all_of).first().copied() else {
                return Shape {
                    nullable: notes.nullable,
                    ..Shape::plain(Type::Any)
                };
            };
            let position = facts
                .all_of
                .iter()
                .position(|part| std::ptr::eq(part, single));
            let position = position.unwrap_or_default().to_string();
            let mut shape = self
                .shape_of(single, &site.child("allOf", "", &["allOf", &position]))
                .shape;
            // `nullable` on the wrapper or on a part beside the ref (Plaid writes it there).
            let part_nullable = facts.all_of.iter().any(
                |part| matches!(part, ReferenceOr::Item(schema) if schema.schema_data.nullable),
            );
            shape.nullable |= notes.nullable || part_nullable;
            return shape;
        }
        if facts.enum_values.as_deref() == Some(&[Value::Null]) {
            return Shape {
                ty: Type::Any,
                nullable: true,
                constraints: Constraints {
                    enum_values: vec![Value::Null],
                    ..Constraints::default()
                },
            };
        }
        if !facts.one_of.is_empty() || !facts.any_of.is_empty() || facts.not.is_some() {
            // Only reachable for `not` (unions need a model): nothing Rust can state.
            self.diagnostics.push(Diagnostic::warning(
                site.pointer.clone(),
                "`not` cannot be expressed as a type: the value is any JSON",
            ));
        }
        let ty = self.primitive_type(&facts, site);
        let is_array = matches!(ty, Type::Array(_));
        if !is_array
            && (facts.unique_items || facts.min_items.is_some() || facts.max_items.is_some())
        {
            self.diagnostics.push(Diagnostic::warning(
                site.pointer.clone(),
                format!(
                    "array keywords (uniqueItems, minItems, maxItems) on a `{}` schema do not apply and are ignored",
                    facts.typ.unwrap_or("untyped")
                ),
            ));
        }
        let mut constraints = constraints_of(&facts);
        if !is_array {
            constraints.unique_items = false;
            constraints.min_items = None;
            constraints.max_items = None;
        }
        Shape {
            ty,
            nullable: notes.nullable,
            constraints,
        }
    }

    /// The type of a schema that needs no model.
    fn primitive_type(&mut self, facts: &Facts<'a>, site: &Site) -> Type {
        let typ = facts.typ.or_else(|| infer_type(facts));
        match typ {
            Some("string") => match facts.format.as_deref() {
                Some("date-time") => Type::DateTime,
                Some("date") => Type::Date,
                Some("uuid") => Type::Uuid,
                Some("byte") => Type::Bytes,
                Some("binary") => Type::Binary,
                _ => Type::String,
            },
            Some("integer") => Type::Integer {
                format: facts.format.clone(),
            },
            Some("number") => Type::Number {
                format: facts.format.clone(),
            },
            Some("boolean") => Type::Boolean,
            Some("array") => match facts.items {
                Some(items) => {
                    let item = self.shape_of(items, &site.child("items", "Item", &["items"]));
                    Type::Array(Box::new(item.shape))
                }
                None => Type::Array(Box::new(Shape::plain(Type::Any))),
            },
            // An object without properties is a map of its additional properties.
            Some("object") => match self.additional(facts, site) {
                Additional::Typed(value) => Type::Map(value),
                Additional::Unspecified | Additional::Forbidden | Additional::AnyValue => {
                    Type::JsonObject
                }
            },
            Some(other) => {
                self.diagnostics.push(Diagnostic::error(
                    push_token(&site.pointer, "type"),
                    format!("unknown type `{other}`: expected string, number, integer, boolean, array or object"),
                ));
                Type::Any
            }
            None => Type::Any,
        }
    }

    /// Creates a model for an inline schema and returns its id.
    fn inline_model(&mut self, schema: &'a Schema, site: &Site) -> ModelId {
        let notes = annotations(&schema.schema_data);
        let name = self.type_names.take(&type_name(&site.name_words), "");
        let id = ModelId(self.models.len());
        self.models.push(None);
        let site = Site {
            name_words: name.clone(),
            ..site.clone()
        };
        let kind = self.model_kind(schema, &site);
        self.models[id.0] = Some(Model {
            name,
            wire_name: site.path.last().cloned().unwrap_or_default(),
            inline_path: Some(site.path.clone()),
            pointer: site.pointer.clone(),
            title: notes.title.map(str::to_owned),
            description: notes.description.map(str::to_owned),
            deprecated: notes.deprecated,
            example: notes.example.cloned(),
            kind,
        });
        id
    }

    /// The body of a schema that needs a model.
    fn model_kind(&mut self, schema: &'a Schema, site: &Site) -> ModelKind {
        let notes = annotations(&schema.schema_data);
        let facts = facts(&schema.schema_kind);
        if let Some(values) = facts.enum_values.as_ref().filter(|v| !is_null_only(v)) {
            return ModelKind::Enum(lower_enum(values, notes.nullable));
        }
        let has_union = !facts.one_of.is_empty() || !facts.any_of.is_empty();
        let key_rule = if has_union {
            match self.key_rule_beside_properties(&facts, site) {
                Some(rule) => Some(rule),
                None => return ModelKind::Union(self.lower_union(&facts, &notes, site)),
            }
        } else {
            None
        };
        if !facts.all_of.is_empty() {
            let mut merged = self.merge_all_of(&facts, site);
            merged.key_rule = key_rule;
            return ModelKind::Struct(merged);
        }
        let mut fields = Vec::new();
        self.collect_fields(facts.properties, site, &mut fields);
        mark_required(&mut fields, facts.required);
        ModelKind::Struct(Struct {
            fields,
            additional: self.additional(&facts, site),
            key_rule,
        })
    }

    fn additional(&mut self, facts: &Facts<'a>, site: &Site) -> Additional {
        match facts.additional_properties {
            None => Additional::Unspecified,
            Some(AdditionalProperties::Any(false)) => Additional::Forbidden,
            Some(AdditionalProperties::Any(true)) => Additional::AnyValue,
            Some(AdditionalProperties::Schema(value)) => {
                let value = self.shape_of(
                    value,
                    &site.child("additionalProperties", "Value", &["additionalProperties"]),
                );
                if value.shape.ty == Type::Any && !value.shape.nullable {
                    Additional::AnyValue
                } else {
                    Additional::Typed(Box::new(value.shape))
                }
            }
        }
    }

    /// Lowers `properties` into fields, appending to `fields` (a later property of the same wire
    /// name replaces the earlier one in place, as `allOf` parts override each other).
    fn collect_fields(
        &mut self,
        properties: Option<&'a Properties>,
        site: &Site,
        fields: &mut Vec<Field>,
    ) {
        let Some(properties) = properties else {
            return;
        };
        let properties_pointer = push_token(&site.pointer, "properties");
        for (wire, property) in properties {
            let property_site = Site {
                name_words: format!("{} {wire}", site.name_words),
                path: {
                    let mut path = site.path.clone();
                    path.push(wire.clone());
                    path
                },
                pointer: push_token(&properties_pointer, wire),
            };
            let inlined = self.shape_of(property, &property_site);
            let (own, description) = match property {
                ReferenceOr::Item(schema) => (
                    Some(annotations(&schema.schema_data)),
                    own_description(schema).map(str::to_owned),
                ),
                ReferenceOr::Reference { .. } => (None, None),
            };
            let field = Field {
                wire_name: wire.clone(),
                rust_name: String::new(),
                pointer: property_site.pointer,
                required: false,
                shape: inlined.shape,
                read_only: inlined.read_only,
                write_only: inlined.write_only,
                deprecated: own.as_ref().is_some_and(|notes| notes.deprecated),
                default: inlined.default,
                example: inlined.example,
                description,
            };
            match fields
                .iter_mut()
                .find(|existing| existing.wire_name == field.wire_name)
            {
                Some(existing) => *existing = field,
                None => fields.push(field),
            }
        }
        self.name_fields(fields);
    }

    /// Gives fields unique snake_case names; wire names already in snake_case keep theirs first.
    fn name_fields(&mut self, fields: &mut [Field]) {
        let mut names = NameSet::new();
        let wanted: Vec<String> = fields.iter().map(|f| field_name(&f.wire_name)).collect();
        let exact = |i: usize| crate::naming::unraw(&wanted[i]) == fields[i].wire_name;
        let order: Vec<usize> = (0..fields.len())
            .filter(|&i| exact(i))
            .chain((0..fields.len()).filter(|&i| !exact(i)))
            .collect();
        for index in order {
            let name = names.take(&wanted[index], "_");
            if name != wanted[index] {
                self.diagnostics.push(Diagnostic::warning(
                    fields[index].pointer.clone(),
                    format!(
                        "property `{}` is named `{name}`: `{}` is taken by another property",
                        fields[index].wire_name, wanted[index]
                    ),
                ));
            }
            fields[index].rust_name = name;
        }
    }

    /// Merges the parts of an `allOf` (and the schema's own properties) into one struct.
    fn merge_all_of(&mut self, facts: &Facts<'a>, site: &Site) -> Struct {
        let mut merged = Struct {
            fields: Vec::new(),
            additional: Additional::Unspecified,
            key_rule: None,
        };
        let mut required: Vec<&str> = facts.required.iter().map(String::as_str).collect();
        for (position, part) in facts.all_of.iter().enumerate() {
            let part_site = Site {
                pointer: push_token(&push_token(&site.pointer, "allOf"), &position.to_string()),
                ..site.clone()
            };
            self.merge_part(part, &part_site, &mut merged, &mut required);
        }
        self.collect_fields(facts.properties, site, &mut merged.fields);
        if merged.additional == Additional::Unspecified {
            merged.additional = self.additional(facts, site);
        }
        let required: Vec<String> = required.into_iter().map(str::to_owned).collect();
        mark_required(&mut merged.fields, &required);
        merged
    }

    fn merge_part(
        &mut self,
        part: &'a ReferenceOr<Schema>,
        site: &Site,
        merged: &mut Struct,
        required: &mut Vec<&'a str>,
    ) {
        let schema: &'a Schema = match part {
            ReferenceOr::Item(schema) => schema,
            ReferenceOr::Reference { reference } => {
                let Some(index) = self.resolve(reference, &site.pointer) else {
                    return;
                };
                match self.component_struct(index) {
                    Some(part_struct) => {
                        for field in part_struct.fields {
                            match merged.fields.iter_mut().find(|f| f.wire_name == field.wire_name) {
                                Some(existing) => *existing = field,
                                None => merged.fields.push(field),
                            }
                        }
                        if merged.additional == Additional::Unspecified {
                            merged.additional = part_struct.additional;
                        }
                        self.name_fields(&mut merged.fields);
                    }
                    None => match self.component_form(index).shape.ty {
                        Type::JsonObject => merged.additional = Additional::AnyValue,
                        Type::Map(value) => merged.additional = Additional::Typed(value),
                        _ => self.diagnostics.push(Diagnostic::warning(
                            site.pointer.clone(),
                            format!("allOf part `{reference}` is not an object schema; only object parts are merged"),
                        )),
                    },
                }
                return;
            }
        };
        let facts = facts(&schema.schema_kind);
        required.extend(facts.required.iter().map(String::as_str));
        if !facts.all_of.is_empty() {
            for (position, inner) in facts.all_of.iter().enumerate() {
                let inner_site = Site {
                    pointer: push_token(&push_token(&site.pointer, "allOf"), &position.to_string()),
                    ..site.clone()
                };
                self.merge_part(inner, &inner_site, merged, required);
            }
        }
        self.collect_fields(facts.properties, site, &mut merged.fields);
        if merged.additional == Additional::Unspecified {
            merged.additional = self.additional(&facts, site);
        }
    }

    /// The struct of component `index` (lowering it first), following refs and aliases.
    fn component_struct(&mut self, index: usize) -> Option<Struct> {
        self.struct_through_names(index, 0)
    }

    /// [`Self::component_struct`], `hops` names deep: a chain of names longer than any real
    /// document has is a cycle of aliases, which names no struct.
    fn struct_through_names(&mut self, index: usize, hops: usize) -> Option<Struct> {
        const MAX_HOPS: usize = 64;
        if hops > MAX_HOPS {
            return None;
        }
        if let Some(ReferenceOr::Reference { reference }) = &self.parsed[index] {
            let pointer = self.component_pointer(index);
            let target = self.resolve(reference, &pointer)?;
            return if target == index {
                None
            } else {
                self.struct_through_names(target, hops + 1)
            };
        }
        if matches!(self.progress[index], Stage::Lowering) {
            self.diagnostics.push(Diagnostic::error(
                self.component_pointer(index),
                "allOf cycle: this schema includes itself through allOf",
            ));
            return None;
        }
        self.ensure_component(index);
        match &self.models[index].as_ref()?.kind {
            ModelKind::Struct(found) => Some(found.clone()),
            // A schema that is only another name for an object (`allOf: [$ref]`) merges as it.
            ModelKind::Alias(shape) => match &shape.ty {
                Type::Model(target) if target.id.0 != index && !shape.nullable => {
                    let target = target.id.0;
                    if target < self.parsed.len() {
                        self.struct_through_names(target, hops + 1)
                    } else {
                        match &self.models[target].as_ref()?.kind {
                            ModelKind::Struct(found) => Some(found.clone()),
                            _ => None,
                        }
                    }
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The key rule, with a warning that it is not checked, when `properties` stand beside a
    /// `oneOf`/`anyOf` whose alternatives only say which keys must be present: the schema is the
    /// object, and the alternatives are a validation rule. `None` for a real union.
    fn key_rule_beside_properties(&mut self, facts: &Facts<'a>, site: &Site) -> Option<KeyRule> {
        if facts.properties.is_none_or(|p| p.is_empty()) {
            return None;
        }
        let (keyword, alternatives, key) = union_alternatives(facts);
        let required_sets = alternatives
            .iter()
            .map(|alternative| match alternative {
                ReferenceOr::Item(schema) => {
                    let rule = crate::facts::facts(&schema.schema_kind);
                    rule.is_key_rule().then(|| rule.required.to_vec())
                }
                ReferenceOr::Reference { .. } => None,
            })
            .collect::<Option<Vec<_>>>()?;
        self.diagnostics.push(Diagnostic::warning(
            site.pointer.clone(),
            format!("`{key}` beside `properties` only states which keys must be present; the object is generated and that rule is documented, not checked"),
        ));
        Some(KeyRule {
            keyword,
            required_sets,
        })
    }

    fn lower_union(&mut self, facts: &Facts<'a>, notes: &Annotations<'a>, site: &Site) -> Union {
        let (keyword, alternatives, key) = union_alternatives(facts);
        if facts.properties.is_some() || (!facts.one_of.is_empty() && !facts.any_of.is_empty()) {
            self.diagnostics.push(Diagnostic::warning(
                site.pointer.clone(),
                format!("keywords beside `{key}` (properties, a second union) are not represented"),
            ));
        }
        let mut names = NameSet::new();
        let mut variants = Vec::with_capacity(alternatives.len());
        for (position, alternative) in alternatives.iter().enumerate() {
            let number = (position + 1).to_string();
            let alternative_site =
                site.child(&number, &format!("Variant {number}"), &[key, &number]);
            let alternative_site = Site {
                pointer: push_token(&push_token(&site.pointer, key), &position.to_string()),
                ..alternative_site
            };
            let shape = self.shape_of(alternative, &alternative_site).shape;
            let rust_name = names.take(&self.variant_label(&shape), "");
            variants.push(Variant {
                rust_name,
                shape,
                tags: Vec::new(),
            });
        }
        let discriminator = notes.discriminator.map(|(property, mapping)| {
            self.tag_variants(&mut variants, mapping, &site.pointer);
            Discriminator {
                property: property.to_owned(),
                inferred: false,
            }
        });
        Union {
            keyword,
            variants,
            discriminator,
            nullable: notes.nullable,
        }
    }

    /// Fills each variant's discriminator values: the mapping's keys that point at it, else the
    /// referenced schema's name.
    fn tag_variants(
        &mut self,
        variants: &mut [Variant],
        mapping: &indexmap::IndexMap<String, String>,
        pointer: &str,
    ) {
        let mapping_pointer = push_token(&push_token(pointer, "discriminator"), "mapping");
        let mut mapped: Vec<(String, usize)> = Vec::new();
        for (tag, target) in mapping {
            let reference = if target.starts_with('#') {
                target.clone()
            } else {
                format!("{SCHEMA_REF_PREFIX}{target}")
            };
            if let Some(index) = self.resolve(&reference, &push_token(&mapping_pointer, tag)) {
                mapped.push((tag.clone(), index));
            }
        }
        for variant in variants {
            let Type::Model(ModelRef { id, .. }) = &variant.shape.ty else {
                continue;
            };
            variant.tags = mapped
                .iter()
                .filter(|(_, index)| *index == id.0)
                .map(|(tag, _)| tag.clone())
                .collect();
            if variant.tags.is_empty() && id.0 < self.entries.len() {
                variant.tags.push(self.entries[id.0].0.to_owned());
            }
        }
    }

    /// A variant name for a union alternative: the model's name, else the type's.
    fn variant_label(&self, shape: &Shape) -> String {
        match &shape.ty {
            Type::Model(ModelRef { id, .. }) => self.models[id.0]
                .as_ref()
                .map(|model| model.name.clone())
                .unwrap_or_else(|| "Model".to_owned()),
            Type::String => "String".to_owned(),
            Type::Integer { .. } => "Integer".to_owned(),
            Type::Number { .. } => "Number".to_owned(),
            Type::Boolean => "Boolean".to_owned(),
            Type::DateTime => "DateTime".to_owned(),
            Type::Date => "Date".to_owned(),
            Type::Uuid => "Uuid".to_owned(),
            Type::Bytes | Type::Binary => "Bytes".to_owned(),
            Type::Array(item) => format!("{}List", self.variant_label(item)),
            Type::Map(value) => format!("{}Map", self.variant_label(value)),
            Type::JsonObject => "Object".to_owned(),
            Type::Any if shape.nullable => "Null".to_owned(),
            Type::Any => "Any".to_owned(),
        }
    }
}

/// The union keyword a schema uses (`oneOf` wins over `anyOf`), its alternatives and its name.
fn union_alternatives<'a>(
    facts: &Facts<'a>,
) -> (UnionKeyword, &'a [ReferenceOr<Schema>], &'static str) {
    if facts.one_of.is_empty() {
        (UnionKeyword::AnyOf, facts.any_of, "anyOf")
    } else {
        (UnionKeyword::OneOf, facts.one_of, "oneOf")
    }
}

/// True for schemas that become a model of their own rather than an inlined shape.
fn needs_model(facts: &Facts<'_>) -> bool {
    let has_enum = facts
        .enum_values
        .as_ref()
        .is_some_and(|values| !is_null_only(values));
    let parts = structural_parts(facts.all_of).len();
    let merges = parts > 1 || (parts > 0 && facts.properties.is_some());
    let is_object = facts
        .properties
        .is_some_and(|properties| !properties.is_empty());
    has_enum || merges || is_object || !facts.one_of.is_empty() || !facts.any_of.is_empty()
}

fn is_null_only(values: &[Value]) -> bool {
    values.iter().all(Value::is_null)
}

/// The type an untyped schema evidently has.
fn infer_type<'f>(facts: &Facts<'f>) -> Option<&'f str> {
    if facts.items.is_some() {
        Some("array")
    } else if facts.properties.is_some() || facts.additional_properties.is_some() {
        Some("object")
    } else {
        None
    }
}

fn constraints_of(facts: &Facts<'_>) -> Constraints {
    let count = |n: Option<usize>| n.map(|n| n as u64);
    Constraints {
        format: facts.format.clone(),
        pattern: facts.pattern.map(str::to_owned),
        min_length: count(facts.min_length),
        max_length: count(facts.max_length),
        minimum: facts.minimum.clone(),
        maximum: facts.maximum.clone(),
        exclusive_minimum: facts.exclusive_minimum,
        exclusive_maximum: facts.exclusive_maximum,
        multiple_of: facts.multiple_of.clone(),
        min_items: count(facts.min_items),
        max_items: count(facts.max_items),
        unique_items: facts.unique_items,
        min_properties: count(facts.min_properties),
        max_properties: count(facts.max_properties),
        enum_values: Vec::new(),
    }
}

fn lower_enum(values: &[Value], nullable: bool) -> Enum {
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

fn mark_required<S: AsRef<str>>(fields: &mut [Field], required: &[S]) {
    for field in fields {
        if required.iter().any(|name| name.as_ref() == field.wire_name) {
            field.required = true;
        }
    }
}
