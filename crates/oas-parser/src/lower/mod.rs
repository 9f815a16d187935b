//! Lowering the named schemas of a document (its [`Target`]s) into the IR.
//!
//! Lowering reads only the dialect-neutral [view](crate::view); it never asks which OpenAPI
//! version the document was written in. Named schemas get their ids and names first (document
//! order), so forward and cyclic references resolve to an id before the target is lowered. Each
//! is then one of:
//! - a *model* (an object with properties, an enum, a union, a merged `allOf`): a reference to it
//!   stays a [`Type::Model`];
//! - an *alias* (a primitive, array or map schema, a free-form object, a ref to a ref): a reference
//!   to it is inlined, taking type, nullability and constraints from the target and the description
//!   from the referring property. An alias that (indirectly) contains itself is referenced instead.
//!
//! Inline schemas that need a name (an object, enum or union inside a property, an item, a map
//! value or a union alternative) become models named after their path: property `foo` of `Bar`
//! is `BarFoo`, its items `BarFooItem`.
//!
//! The work is split by concern: this module drives it and resolves references; `shape` maps
//! a schema to a type; `object` builds structs (fields, `allOf` merges, extra keys); `union`
//! builds unions; `enums` builds enums.

mod enums;
mod object;
mod shape;
mod union;

use std::collections::HashMap;

use crate::cycles::mark_boxed;
use crate::diagnostic::{Diagnostic, decode_token};
use crate::ir::*;
use crate::load::Document;
use crate::naming::{MAX_NAME_LEN, NameSet, full_type_name, type_name};
use crate::read::{Target, read_targets};
use crate::tags::infer_discriminators;
use crate::view::Schema;

pub(crate) use enums::lower_enum;

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

/// Lowers every named schema of a loaded document: `components.schemas` and what refs point at.
pub fn lower(document: &Document) -> Lowering {
    let targets = read_targets(document);
    let mut lowerer = Lowerer::new(
        &targets.list,
        &targets.by_pointer,
        targets.models_pointer,
        targets.diagnostics,
    );
    for index in 0..targets.list.len() {
        lowerer.ensure_component(index);
    }
    let mut models: Vec<Model> = lowerer
        .models
        .into_iter()
        .map(|model| model.expect("every model slot is filled once lowering ends"))
        .collect();
    mark_boxed(&mut models);
    infer_discriminators(&mut models);
    let mut diagnostics = lowerer.diagnostics;
    diagnostics.extend(name_cycles(&models));
    document.locate(&mut diagnostics);
    let text = |key: &str| {
        document.root["info"][key]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let lowering = Lowering {
        ir: Ir {
            title: text("title"),
            version: text("version"),
            models,
        },
        diagnostics,
    };
    crate::parallel::release((targets.list, targets.by_pointer));
    lowering
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

/// Where lowering of a named schema stands.
#[derive(Debug, Clone)]
enum Stage {
    Pending,
    Lowering,
    Done,
}

/// The inlined form of an alias.
#[derive(Debug, Clone)]
enum AliasForm {
    NotComputed,
    Computing,
    /// What a referring field takes over.
    Inline(Box<Inlined>),
}

/// A shape with the annotations a referring field inherits.
#[derive(Debug, Clone)]
struct Inlined {
    shape: Shape,
    example: Option<serde_json::Value>,
    default: Option<serde_json::Value>,
    read_only: bool,
    write_only: bool,
}

impl Inlined {
    /// A shape with no annotations.
    fn plain(shape: Shape) -> Inlined {
        Inlined {
            shape,
            example: None,
            default: None,
            read_only: false,
            write_only: false,
        }
    }

    /// A shape with the annotations of the schema it was found at.
    fn annotated(shape: Shape, schema: &Schema) -> Inlined {
        Inlined {
            shape,
            example: schema.example.clone(),
            default: schema.default.clone(),
            read_only: schema.read_only,
            write_only: schema.write_only,
        }
    }
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
    /// The site of a schema inside this one: `wire` joins the path, `name_part` the name, and
    /// `pointer_tokens` the pointer.
    fn child(&self, wire: &str, name_part: &str, pointer_tokens: &[&str]) -> Site {
        let mut child = self.at(pointer_tokens);
        child.path.push(wire.to_owned());
        child.name_words = format!("{} {name_part}", self.name_words);
        child
    }

    /// The same site, with the pointer one or more tokens further.
    fn at(&self, pointer_tokens: &[&str]) -> Site {
        Site {
            pointer: pointer_tokens
                .iter()
                .fold(self.pointer.clone(), |pointer, token| {
                    crate::diagnostic::push_token(&pointer, token)
                }),
            ..self.clone()
        }
    }
}

/// The state of one lowering run.
struct Lowerer<'a> {
    targets: &'a [Target],
    /// Where the document keeps its named schemas (`#/components/schemas`, `#/definitions`).
    models_pointer: &'static str,
    by_pointer: &'a HashMap<String, usize>,
    models: Vec<Option<Model>>,
    progress: Vec<Stage>,
    alias_forms: Vec<AliasForm>,
    type_names: NameSet,
    diagnostics: Vec<Diagnostic>,
    /// How many schemas deep the current walk is (see [`MAX_NESTING`]).
    depth: usize,
    /// True once the nesting limit has been reported.
    reported_too_deep: bool,
}

/// How deep lowering follows schemas inside schemas (inline schemas, `$ref`s to aliases,
/// `allOf` parts). Real documents stay far below it; past it, the walk stops with an error
/// rather than exhausting the stack or writing types nested too deep for rustc.
pub const MAX_NESTING: usize = 100;

/// Stack kept free before a deeper step, and the size of each new stack segment.
const STACK_RED_ZONE: usize = 128 * 1024;
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

impl<'a> Lowerer<'a> {
    fn new(
        targets: &'a [Target],
        by_pointer: &'a HashMap<String, usize>,
        models_pointer: &'static str,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        let mut lowerer = Lowerer {
            targets,
            models_pointer,
            by_pointer,
            models: vec![None; targets.len()],
            progress: vec![Stage::Pending; targets.len()],
            alias_forms: vec![AliasForm::NotComputed; targets.len()],
            type_names: NameSet::new(),
            diagnostics,
            depth: 0,
            reported_too_deep: false,
        };
        lowerer.name_components();
        lowerer
    }

    /// Gives every named schema its type name before anything is lowered. Names already in
    /// UpperCamelCase keep them first, so `NullDuration` stays itself and `nullDuration` is renamed.
    /// Every name some schema wants is handed out before any numbered one, so a schema whose
    /// name collides with no other keeps it whatever the order of the others.
    fn name_components(&mut self) {
        let wanted: Vec<String> = self
            .targets
            .iter()
            .map(|target| type_name(&target.wire_name))
            .collect();
        let mut names: Vec<Option<String>> = vec![None; wanted.len()];
        let exact = |i: usize| wanted[i] == self.targets[i].wire_name;
        let exact_first: Vec<usize> = (0..wanted.len())
            .filter(|&i| exact(i))
            .chain((0..wanted.len()).filter(|&i| !exact(i)))
            .collect();
        for &index in &exact_first {
            if !self.type_names.contains(&wanted[index]) {
                names[index] = Some(self.type_names.take(&wanted[index], ""));
            }
        }
        for &index in &exact_first {
            if names[index].is_some() {
                continue;
            }
            let name = self.type_names.take(&wanted[index], "");
            self.diagnostics.push(Diagnostic::warning(
                self.targets[index].pointer.clone(),
                format!(
                    "schema `{}` is named `{}`: `{}` is taken by another schema",
                    self.targets[index].wire_name, name, wanted[index]
                ),
            ));
            names[index] = Some(name);
        }
        let names = names
            .into_iter()
            .map(|name| name.expect("every schema is named"));
        for (index, name) in names.enumerate() {
            self.models[index] = Some(Model {
                name,
                wire_name: self.targets[index].wire_name.clone(),
                inline_path: None,
                pointer: self.targets[index].pointer.clone(),
                title: None,
                description: None,
                deprecated: false,
                example: None,
                unchecked: Vec::new(),
                kind: ModelKind::Alias(Box::new(Shape::plain(Type::Any))),
            });
        }
    }

    fn component_name(&self, index: usize) -> String {
        self.models[index]
            .as_ref()
            .map(|m| m.name.clone())
            .unwrap_or_default()
    }

    /// The site of named schema `index`.
    fn component_site(&self, index: usize) -> Site {
        Site {
            name_words: self.component_name(index),
            path: vec![self.targets[index].wire_name.clone()],
            pointer: self.targets[index].pointer.clone(),
        }
    }

    /// Runs `work` one schema deeper, on a stack that grows as needed. Past [`MAX_NESTING`]
    /// levels it reports an error at `pointer` (the first time) and returns `fallback` instead.
    fn deeper<T>(&mut self, pointer: &str, fallback: T, work: impl FnOnce(&mut Self) -> T) -> T {
        if self.depth >= MAX_NESTING {
            if !self.reported_too_deep {
                self.reported_too_deep = true;
                self.diagnostics.push(Diagnostic::error(
                    pointer,
                    format!(
                        "schemas nest more than {MAX_NESTING} levels deep here (through inline \
                         schemas, `$ref`s and `allOf` parts); lowering stops at that depth"
                    ),
                ));
            }
            return fallback;
        }
        self.depth += 1;
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || work(self));
        self.depth -= 1;
        result
    }

    /// Lowers named schema `index` unless it is done or under way.
    fn ensure_component(&mut self, index: usize) {
        if !matches!(self.progress[index], Stage::Pending) {
            return;
        }
        let pointer = self.targets[index].pointer.clone();
        self.deeper(&pointer, (), |this| this.lower_component(index));
    }

    /// [`Self::ensure_component`], one level deeper.
    fn lower_component(&mut self, index: usize) {
        self.progress[index] = Stage::Lowering;
        let site = self.component_site(index);
        let schema = self.targets[index].schema.as_ref();
        // An alias's unchecked keywords travel with its shape; a model's are its own.
        let (kind, unchecked) = match schema.map(named_body) {
            Some(body) if needs_model(body) => {
                let kind = self.model_kind(body, &site);
                let is_struct = matches!(kind, ModelKind::Struct(_));
                (kind, self.unchecked(body, &site, is_struct))
            }
            _ => (
                ModelKind::Alias(Box::new(self.alias_form(index).shape)),
                Vec::new(),
            ),
        };
        let model = self.models[index]
            .as_mut()
            .expect("named schemas are named up front");
        model.kind = kind;
        model.unchecked = unchecked;
        if let Some(schema) = schema {
            let body = named_body(schema);
            model.title = schema.title.clone().or_else(|| body.title.clone());
            model.description = schema
                .description
                .clone()
                .or_else(|| body.description.clone());
            model.deprecated = schema.deprecated || body.deprecated;
            model.example = schema.example.clone().or_else(|| body.example.clone());
        }
        self.progress[index] = Stage::Done;
    }

    /// The inlined form of alias `index`, computed once.
    fn alias_form(&mut self, index: usize) -> Inlined {
        match &self.alias_forms[index] {
            AliasForm::Inline(inlined) => return (**inlined).clone(),
            AliasForm::Computing => {
                // The alias contains itself: refer to it by name instead of inlining forever.
                return Inlined::plain(Shape::plain(model_type(index)));
            }
            AliasForm::NotComputed => {}
        }
        self.alias_forms[index] = AliasForm::Computing;
        let site = self.component_site(index);
        let inlined = match &self.targets[index].schema {
            None => Inlined::plain(Shape::plain(Type::Any)),
            Some(schema) => self.shape_of(schema, &site),
        };
        self.alias_forms[index] = AliasForm::Inline(Box::new(inlined.clone()));
        inlined
    }

    /// What a `$ref` at `pointer` stands for: a model reference, or an alias's inlined form.
    fn reference_form(&mut self, reference: &crate::view::Reference, pointer: &str) -> Inlined {
        match self.resolve(reference, pointer) {
            Some(index) => self.component_form(index),
            None => Inlined::plain(Shape::plain(Type::Any)),
        }
    }

    /// What a reference to named schema `index` stands for.
    /// A reference to a model that admits `null` (3.0's `nullable: true` on the schema, 3.1's
    /// `type: [object, "null"]` or a `null` alternative) is nullable: the reference's field form
    /// carries it.
    fn component_form(&mut self, index: usize) -> Inlined {
        match self.targets[index].schema.as_ref() {
            Some(schema) if needs_model(named_body(schema)) => {
                let nullable =
                    schema.is_nullable() || schema.union_parts().is_some_and(|parts| parts.null);
                Inlined::plain(Shape {
                    nullable,
                    ..Shape::plain(model_type(index))
                })
            }
            _ => self.alias_form(index),
        }
    }

    /// The named schema a `$ref` points at, or `None` after reporting why it cannot be followed.
    fn resolve(&mut self, reference: &crate::view::Reference, pointer: &str) -> Option<usize> {
        let target = match &reference.target {
            Ok(target) => target,
            Err(why) => {
                self.diagnostics
                    .push(Diagnostic::error(pointer, why.clone()));
                return None;
            }
        };
        if let Some(&index) = self.by_pointer.get(target) {
            return Some(index);
        }
        let written = &reference.written;
        let component = target
            .strip_prefix(self.models_pointer)
            .and_then(|rest| rest.strip_prefix('/'))
            .filter(|name| !name.contains('/'))
            .map(decode_token);
        let diagnostic = match component {
            Some(name) => {
                let message = format!(
                    "dangling $ref `{written}`: there is no schema `{name}` under {}",
                    crate::diagnostic::dotted(self.models_pointer)
                );
                let error = Diagnostic::error(pointer, message);
                match self.closest_component(&name) {
                    Some(near) => error.with_help(format!(
                        "a schema with a similar name exists: `{}`",
                        near.pointer
                    )),
                    None => error,
                }
            }
            None => Diagnostic::error(
                pointer,
                format!("dangling $ref `{written}`: there is nothing at `{target}`"),
            ),
        };
        self.diagnostics.push(diagnostic);
        None
    }

    /// The component schema whose name is most like `name` (a misspelt or miscased `$ref`),
    /// if one is close enough to suggest.
    fn closest_component(&self, name: &str) -> Option<&Target> {
        let lowered = name.to_lowercase();
        self.targets
            .iter()
            .filter(|target| target.pointer.starts_with(self.models_pointer))
            .map(|target| {
                let score = strsim::jaro_winkler(&lowered, &target.wire_name.to_lowercase());
                (score, target)
            })
            .filter(|(score, _)| *score >= 0.85)
            .max_by(|(a, _), (b, _)| a.total_cmp(b))
            .map(|(_, target)| target)
    }

    /// Creates a model for an inline schema and returns its id.
    fn inline_model(&mut self, schema: &Schema, site: &Site) -> ModelId {
        let full = full_type_name(&site.name_words);
        let name = self.type_names.take(&type_name(&full), "");
        let id = ModelId(self.models.len());
        self.models.push(None);
        // Names inside are made from this one, or from the whole path where it was cut.
        let name_words = if full.len() > MAX_NAME_LEN {
            full
        } else {
            name.clone()
        };
        let site = Site {
            name_words,
            ..site.clone()
        };
        let kind = self.model_kind(schema, &site);
        let unchecked = self.unchecked(schema, &site, matches!(kind, ModelKind::Struct(_)));
        self.models[id.0] = Some(Model {
            name,
            wire_name: site.path.last().cloned().unwrap_or_default(),
            inline_path: Some(site.path.clone()),
            pointer: site.pointer.clone(),
            title: schema.title.clone(),
            description: schema.description.clone(),
            deprecated: schema.deprecated,
            example: schema.example.clone(),
            unchecked,
            kind,
        });
        id
    }

    /// The body of a schema that needs a model.
    fn model_kind(&mut self, schema: &Schema, site: &Site) -> ModelKind {
        if let Some(values) = schema
            .enum_values
            .as_ref()
            .filter(|v| !enums::is_null_only(v))
        {
            return ModelKind::Enum(enums::lower_enum(values, schema.is_nullable()));
        }
        let key_rule = match schema.union_parts() {
            Some(parts) => match self.key_rule_beside_properties(schema, &parts, site) {
                Some(rule) => Some(rule),
                None => return ModelKind::Union(self.lower_union(schema, &parts, site)),
            },
            None => None,
        };
        if schema.non_null_types().nth(1).is_some() {
            return ModelKind::Union(self.lower_type_union(schema, site));
        }
        let mut body = self.lower_struct(schema, site);
        body.key_rule = key_rule;
        ModelKind::Struct(body)
    }
}

/// The type of a reference to named schema `index`.
fn model_type(index: usize) -> Type {
    Type::Model(ModelRef {
        id: ModelId(index),
        boxed: false,
    })
}

/// What a named schema's model is made of: the schema, or for a union of one inline
/// alternative (`anyOf: [{type: object, ...}, {type: "null"}]`, 3.1's way to write 3.0's
/// `nullable: true`) that alternative, so the model keeps the schema's name.
fn named_body(schema: &Schema) -> &Schema {
    let wraps_only = schema.reference.is_none()
        && schema.properties.is_none()
        && schema.all_of.is_empty()
        && schema
            .types
            .iter()
            .all(|ty| *ty == crate::view::JsonType::Null);
    match schema.union_parts() {
        Some(parts) if wraps_only => match parts.alternatives.as_slice() {
            [(_, single)] if single.reference.is_none() && needs_model(single) => single,
            _ => schema,
        },
        _ => schema,
    }
}

/// True for schemas that become a model of their own rather than an inlined shape: an object
/// with properties, an enum, a union (not one alternative beside `null`), several types, or
/// parts to merge (`allOf` parts, or a `$ref` beside properties).
fn needs_model(schema: &Schema) -> bool {
    let has_enum = schema
        .enum_values
        .as_ref()
        .is_some_and(|values| !enums::is_null_only(values));
    let parts = crate::view::structural_parts(&schema.all_of).len()
        + usize::from(schema.reference.is_some());
    let merges = parts > 1 || (parts > 0 && schema.properties.is_some());
    let is_object = schema
        .properties
        .as_ref()
        .is_some_and(|properties| !properties.is_empty());
    let is_union = schema
        .union_parts()
        .is_some_and(|parts| parts.alternatives.len() > 1);
    let several_types = schema.non_null_types().nth(1).is_some();
    has_enum || merges || is_object || is_union || several_types
}
