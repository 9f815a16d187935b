//! The Rust emitter: one module per model and the crate's `lib.rs`, built with `quote` and
//! formatted by `prettyplease`. The lines most files are made of (a struct's definition, a
//! module's `use` items, `lib.rs`'s gated modules) are written as the text prettyplease prints
//! for them (`struct_text`, `syntax::write_line_item`), which tests hold to prettyplease.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use oas_parser::ir::{Additional, Enum, EnumBase, Model, ModelId, ModelKind, Shape, Struct, Type};
use oas_parser::naming::unraw;
use proc_macro2::{Delimiter, Ident, Literal, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::notes::{field_notes, model_docs};
use crate::plan::{FieldForm, FieldPlan, ModelPlan, Plan};
use crate::rustdoc::doc_lines;
use crate::types::{self, BASE64_WITH, RustType};

mod struct_text;
mod syntax;
mod union;
use struct_text::{FieldAttribute, FieldText, ItemDocs, SharedAttribute, StructText};
use union::union_tokens;

/// The text of one model's module file.
pub fn model_file(plan: &Plan, model: &ModelPlan, header: &str, doc_page: Option<&str>) -> String {
    let ir_model = plan.ir.model(model.id);
    let item_docs = match doc_page {
        Some(page) => ItemDocs::Page(page.to_owned()),
        None => ItemDocs::Lines(model_docs(ir_model)),
    };
    let module_doc = format!(" The [`{}`] model.", ir_model.name);
    let mut imports = Imports::default();
    // Structs are written as text; enums are built as syntax trees, unions and aliases written as
    // tokens.
    let (struct_text, items) = match &ir_model.kind {
        ModelKind::Struct(_) => {
            let (text, items) = struct_items(plan, model.id, item_docs, &mut imports);
            (Some(text), items)
        }
        ModelKind::Enum(body) => (
            None,
            enum_items(ir_model, body, doc_attributes(ir_model, item_docs)),
        ),
        ModelKind::Union(union) => {
            let docs = doc_attributes(ir_model, item_docs);
            let tokens = union_tokens(plan, ir_model, union, quote!(#(#docs)*), &mut imports);
            (None, parse_file(tokens).items)
        }
        ModelKind::Alias(shape) => {
            let docs = doc_attributes(ir_model, item_docs);
            let docs = quote!(#(#docs)*);
            let tokens = {
                let refers_to_itself =
                    matches!(&shape.ty, Type::Model(target) if target.id == model.id);
                if refers_to_itself {
                    alias_tokens(ir_model, docs, quote!(serde_json::Value))
                } else if mentions(shape, model.id) {
                    // `type A = BTreeMap<String, A>` is a cycle Rust rejects; a newtype is not.
                    let ty = imports.type_tokens(&types::shape_type(plan.ir, shape));
                    newtype_tokens(ir_model, docs, ty, &mut imports)
                } else {
                    let ty = imports.type_tokens(&types::shape_type(plan.ir, shape));
                    alias_tokens(ir_model, docs, ty)
                }
            };
            (None, parse_file(tokens).items)
        }
    };
    // prettyplease prints each item on its own, so the file is its head (module doc and `use`
    // items) and the struct written as text, then the other items, and last a struct's JSON
    // operations written as text.
    let mut text = String::with_capacity(8 << 10);
    text.push_str(header);
    text.push('\n');
    let imports = imports.groups(&ir_model.name);
    syntax::write_module_head(
        &mut text,
        &module_doc,
        imports
            .iter()
            .map(|(module, names)| (module.as_str(), names.as_slice())),
    );
    if let Some(struct_text) = &struct_text {
        struct_text.write(&mut text);
    }
    text.push_str(&prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    }));
    if struct_text.is_some() {
        let name = &ir_model.name;
        let line = format!("oas_validate::json_operations!({name});");
        syntax::write_line_item(&mut text, &line, || json_operations_item(name));
    }
    text
}

/// A model's docs as attributes, with `#[deprecated]` when the spec deprecates it: the emitters
/// write them right before the item.
fn doc_attributes(model: &Model, docs: ItemDocs) -> Vec<syn::Attribute> {
    let mut attributes = match docs {
        ItemDocs::Page(page) => vec![syntax::doc_include(&page)],
        ItemDocs::Lines(lines) => lines.iter().map(|line| syntax::doc_line(line)).collect(),
    };
    if model.deprecated {
        attributes.push(syntax::word("deprecated"));
    }
    attributes
}

/// The text of the crate's `lib.rs`: modules and re-exports.
pub fn lib_file(plan: &Plan, header: &str, crate_doc: &str) -> String {
    // The crate's own impls and references use what the spec deprecates; users get the warning.
    let allow_deprecated = plan
        .models
        .iter()
        .any(|model| uses_deprecation(plan.ir.model(model.id)))
        .then(|| quote!(#![allow(deprecated)]));
    let reexports = runtime_reexports();
    let head = quote! {
        #![doc = include_str!(#crate_doc)]
        #allow_deprecated
        // A field's type is what the spec nests (`Vec<Vec<BTreeMap<..>>>`), not a style to fix.
        #![allow(clippy::type_complexity)]
        #reexports
    };
    let head = prettyplease::unparse(&parse_file(head));
    let mut text = String::with_capacity(head.len() + plan.models.len() * 160);
    text.push_str(header);
    text.push('\n');
    text.push_str(&head);
    for model in &plan.models {
        syntax::gated_module(&mut text, &model.module, &plan.ir.model(model.id).name);
    }
    text
}

/// Every model in one file, for a build script's `OUT_DIR`, to be `include!`d into a module of
/// the user's crate: a module per model (its items refer to each other through `super::`), the
/// re-exports, and the runtime items the models' API uses. No crate-level attributes, no
/// features, and the docs inline (a page's example names a crate that does not exist here).
pub fn single_file(plan: &Plan, header: &str) -> String {
    let reexports = prettyplease::unparse(&parse_file(runtime_reexports()));
    let mut text = format!("{header}\n{reexports}");
    for model in &plan.models {
        let ir_model = plan.ir.model(model.id);
        let allow_deprecated = if uses_deprecation(ir_model) {
            "#[allow(deprecated)]\n"
        } else {
            ""
        };
        let _ = write!(
            text,
            "#[allow(clippy::type_complexity)]\n{allow_deprecated}pub mod {module} {{\n{body}}}\n{allow_deprecated}pub use {module}::{name};\n",
            module = model.module,
            body = model_file(plan, model, "", None).trim_start(),
            name = ir_model.name,
        );
    }
    text
}

/// The runtime items that appear in the models' API, re-exported beside the models.
fn runtime_reexports() -> TokenStream {
    quote! {
        /// The runtime types and traits that appear in the models' API.
        pub use oas_validate::{JsonError, Nullable, Validate, ValidationErrors};
    }
}

/// True when the model or one of its fields is marked `#[deprecated]`.
fn uses_deprecation(model: &Model) -> bool {
    model.deprecated
        || matches!(&model.kind, ModelKind::Struct(body) if body.fields.iter().any(|f| f.deprecated))
}

/// The file that tokens the emitter wrote (inner attributes and items) stand for, to which
/// items built as syntax trees are added before prettyplease prints it.
fn parse_file(tokens: TokenStream) -> syn::File {
    syn::parse2(tokens).expect("the emitter produces valid Rust")
}

/// The `use` paths a module needs, gathered while its items are built.
#[derive(Default)]
struct Imports {
    paths: BTreeSet<String>,
}

impl Imports {
    /// The tokens of a type, recording its imports.
    fn type_tokens(&mut self, ty: &RustType) -> TokenStream {
        self.paths.extend(ty.imports.iter().cloned());
        ty.to_tokens()
    }

    /// The text of a type, recording its imports.
    fn type_text(&mut self, ty: &RustType) -> String {
        self.paths.extend(ty.imports.iter().cloned());
        ty.text.clone()
    }

    fn add(&mut self, path: &str) {
        self.paths.insert(path.to_owned());
    }

    /// `serde::{Deserialize, Serialize}`, which every model's impls use.
    fn add_serde(&mut self) {
        self.add("serde::Serialize");
        self.add("serde::Deserialize");
    }

    /// The imported names, grouped by module; `own` (the item the module defines) is not
    /// imported.
    fn groups(self, own: &str) -> BTreeMap<String, Vec<String>> {
        let own = format!("super::{own}");
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for path in self.paths.into_iter().filter(|path| *path != own) {
            let (module, name) = path.rsplit_once("::").expect("imports are paths");
            groups
                .entry(module.to_owned())
                .or_default()
                .push(name.to_owned());
        }
        groups
    }
}

/// The identifier of a field, raw where the name is a keyword (`r#type`).
pub(crate) fn field_ident(rust_name: &str) -> Ident {
    match rust_name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(rust_name, Span::call_site()),
    }
}

/// A struct model: the struct, written as text, and its impls, built as syntax trees.
fn struct_items(
    plan: &Plan,
    id: ModelId,
    docs: ItemDocs,
    imports: &mut Imports,
) -> (StructText, Vec<syn::Item>) {
    let model = plan.ir.model(id);
    let name = format_ident!("{}", model.name);
    let ModelKind::Struct(body) = &model.kind else {
        unreachable!("struct_items is called for structs");
    };
    let fields = plan.fields(id);
    let has_secret = fields.iter().any(|field| field.secret);
    let has_defaulted = fields
        .iter()
        .any(|field| matches!(field.form, FieldForm::Defaulted(_)));
    let defaultable = plan.model_is_defaultable(id);

    let mut attributes = Vec::new();
    if model.deprecated {
        attributes.push(SharedAttribute("deprecated", || syntax::word("deprecated")));
    }
    attributes.push(derive_attribute(!has_secret, defaultable && !has_defaulted));
    if let Additional::Forbidden = body.additional {
        attributes.push(SharedAttribute("serde deny_unknown_fields", || {
            syntax::list("serde", quote!(deny_unknown_fields))
        }));
    }
    imports.add("oas_validate::JsonObject");
    imports.add("oas_validate::Validate");
    if has_defaulted {
        imports.add("serde::Deserialize"); // The defaulted fields' null-tolerant readers.
    }
    let mut declared: Vec<FieldText> = fields
        .iter()
        .map(|field| field_item(plan, &model.name, field, imports))
        .collect();
    let additional = match additional_field(plan, id, body, imports) {
        Some((field, ident)) => {
            declared.push(field);
            Some(ident)
        }
        None => None,
    };
    let item = StructText {
        docs,
        attributes,
        name: model.name.clone(),
        fields: declared,
    };

    let helpers: Vec<TokenStream> = fields
        .iter()
        .filter_map(|field| defaulted_helpers(field, imports))
        .collect();
    let default_impl = (defaultable && has_defaulted).then(|| {
        let mut inits: Vec<syn::FieldValue> = fields.iter().map(default_init).collect();
        inits.extend(additional.iter().cloned().map(absent_init));
        let default_fn = syntax::constructor_fn(
            Vec::new(),
            syn::Visibility::Inherited,
            "default",
            Vec::new(),
            inits,
        );
        syntax::impl_block(Some("Default"), &model.name, vec![default_fn])
    });
    let constructor = constructor(plan, id, additional.as_ref());
    let debug_impl = has_secret.then(|| {
        let entries = fields.iter().map(|field| {
            let ident = field_ident(&field.field.rust_name);
            let label = unraw(&field.field.rust_name);
            if field.secret {
                quote!(.field(#label, &oas_validate::Redacted(&self.#ident)))
            } else {
                quote!(.field(#label, &self.#ident))
            }
        });
        let additional_entry = additional.as_ref().map(|ident| {
            let label = ident.to_string();
            quote!(.field(#label, &self.#ident))
        });
        let label = model.name.as_str();
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#label) #(#entries)* #additional_entry .finish()
                }
            }
        }
    });
    let helper_impl = (constructor.is_some() || !helpers.is_empty()).then(|| {
        let mut items: Vec<syn::ImplItem> = constructor.into_iter().collect();
        items.extend(helpers.into_iter().flat_map(syntax::parse_impl_items));
        syntax::impl_block(None, &model.name, items)
    });
    let mut items = Vec::new();
    items.extend(default_impl);
    items.extend(
        debug_impl
            .into_iter()
            .flat_map(|tokens| parse_file(tokens).items),
    );
    items.extend(helper_impl);
    (item, items)
}

/// `#[derive(...)]` of a struct: `Debug` unless a field is secret (the model writes its own),
/// `Default` when every field has one and none is a spec default (the model writes its own).
fn derive_attribute(debug: bool, default: bool) -> SharedAttribute {
    /// The list for one combination: a function of its own, as a shared attribute is built by.
    fn derive<const DEBUG: bool, const DEFAULT: bool>() -> syn::Attribute {
        let debug = DEBUG.then(|| quote!(Debug,));
        let default = DEFAULT.then(|| quote!(, Default));
        syntax::list(
            "derive",
            quote!(#debug Clone, PartialEq, JsonObject, Validate #default),
        )
    }
    match (debug, default) {
        (true, true) => SharedAttribute("derive debug default", derive::<true, true>),
        (true, false) => SharedAttribute("derive debug", derive::<true, false>),
        (false, true) => SharedAttribute("derive default", derive::<false, true>),
        (false, false) => SharedAttribute("derive", derive::<false, false>),
    }
}

/// `new` with a parameter per required field, in declaration order; the other fields absent or at
/// their spec defaults. `None` when no field is required (`Default` builds those models).
fn constructor(plan: &Plan, id: ModelId, additional: Option<&Ident>) -> Option<syn::ImplItem> {
    let required: Vec<&FieldPlan> = plan.constructor_fields(id).collect();
    if required.is_empty() {
        return None;
    }
    let params = required
        .iter()
        .map(|field| {
            (
                parameter_ident(field),
                syntax::parse_type(&field.declared.text),
            )
        })
        .collect();
    let mut inits: Vec<syn::FieldValue> = plan
        .fields(id)
        .iter()
        .map(|field| {
            if !matches!(field.form, FieldForm::Required) {
                return default_init(field);
            }
            let ident = field_ident(&field.field.rust_name);
            let param = parameter_ident(field);
            if param == ident {
                syntax::field_value(ident, None)
            } else {
                syntax::field_value(ident, Some(syntax::path_expression(param)))
            }
        })
        .collect();
    inits.extend(additional.cloned().map(absent_init));
    let mut attrs = vec![syntax::doc(
        " Builds the model from its required fields; the others are absent or at their spec \
         defaults.",
    )];
    if required.len() > 7 {
        attrs.push(syntax::list("allow", quote!(clippy::too_many_arguments)));
    }
    // A property may well be called `foo`; clippy's default `disallowed_names` lists it.
    if required
        .iter()
        .any(|field| CLIPPY_PLACEHOLDER_NAMES.contains(&unraw(&field.field.rust_name)))
    {
        attrs.push(syntax::list("allow", quote!(clippy::disallowed_names)));
    }
    let public = syn::Visibility::Public(Default::default());
    Some(syntax::constructor_fn(attrs, public, "new", params, inits))
}

/// A field's initializer where the caller gives no value: its spec default, else absent
/// (`Default::default()`).
fn default_init(field: &FieldPlan) -> syn::FieldValue {
    let ident = field_ident(&field.field.rust_name);
    match &field.form {
        FieldForm::Defaulted(_) => {
            let helper = format!("Self::default_{}", helper_suffix(field));
            syntax::field_value(ident, Some(syntax::call(&helper)))
        }
        _ => absent_init(ident),
    }
}

/// `field: Default::default()`: absent, or empty for the map of extra keys.
fn absent_init(field: Ident) -> syn::FieldValue {
    syntax::field_value(field, Some(syntax::call("Default::default")))
}

/// The names clippy's `disallowed_names` lint refuses for bindings by default.
const CLIPPY_PLACEHOLDER_NAMES: &[&str] = &["foo", "baz", "quux"];

/// The parameter for a required field in `new`: its name, or `field_123` for a name of only
/// underscores and digits (`_123`), which clippy's `just_underscores_and_digits` refuses.
fn parameter_ident(field: &FieldPlan) -> Ident {
    let name = unraw(&field.field.rust_name);
    if name.chars().all(|ch| ch == '_' || ch.is_ascii_digit()) {
        format_ident!("field_{}", name.trim_start_matches('_'))
    } else {
        field_ident(&field.field.rust_name)
    }
}

/// The flattened map of extra keys: the schema's `additionalProperties`, or the keys the model
/// does not declare when the settings keep them.
fn additional_field(
    plan: &Plan,
    id: ModelId,
    body: &Struct,
    imports: &mut Imports,
) -> Option<(FieldText, Ident)> {
    let (ty, with, doc) = match &body.additional {
        Additional::Forbidden => return None,
        Additional::Unspecified if !plan.settings.keep_undeclared_keys => return None,
        Additional::Unspecified => (
            "oas_validate::UndeclaredKeys".to_owned(),
            None,
            "Keys the model does not declare, kept as they were read and written back (`Debug` shows only their names).",
        ),
        Additional::AnyValue | Additional::Typed(_) => {
            imports.add("std::collections::BTreeMap");
            let (value, with) = match &body.additional {
                Additional::Typed(shape) => (
                    imports.type_text(&types::shape_type(plan.ir, shape)),
                    types::carries_bytes(shape).then(|| quote!(, with = #BASE64_WITH)),
                ),
                _ => ("serde_json::Value".to_owned(), None),
            };
            (
                format!("BTreeMap<String, {value}>"),
                with,
                "Keys beyond the declared properties, kept as they were read.",
            )
        }
    };
    let ident = format_ident!("{}", plan.additional_field_name(id));
    let mut attrs = vec![match with {
        None => FieldAttribute::shared("serde flatten", || syntax::list("serde", quote!(flatten))),
        Some(with) => FieldAttribute::own(syntax::list("serde", quote!(flatten #with))),
    }];
    attrs.extend(
        body.keys
            .as_deref()
            .and_then(crate::rules::keys_rule)
            .map(|rule| FieldAttribute::own(syntax::list("validate", rule))),
    );
    let field = FieldText {
        docs: vec![doc.to_owned()],
        attributes: attrs,
        name: ident.to_string(),
        ty,
    };
    Some((field, ident))
}

/// A declared field: its docs, serde and validation attributes, name and type.
fn field_item(
    plan: &Plan,
    model_name: &str,
    field: &FieldPlan,
    imports: &mut Imports,
) -> FieldText {
    let mut attributes = Vec::new();
    if field.field.deprecated {
        attributes.push(FieldAttribute::shared("deprecated", || {
            syntax::word("deprecated")
        }));
    }
    attributes.extend(serde_attribute(model_name, field));
    if let Some(rules) = crate::rules::validate_rules(plan.ir, field) {
        attributes.push(validate_attribute(rules));
    }
    FieldText {
        docs: field_docs(field),
        attributes,
        name: field.field.rust_name.clone(),
        ty: imports.type_text(&field.declared),
    }
}

/// A field's `#[validate(rules)]`: shared when the rules are one of the two most fields with
/// rules have, `nested` and `items(nested)` (a model, a list of models).
fn validate_attribute(rules: TokenStream) -> FieldAttribute {
    match nested_rule(&rules) {
        Some(NestedRule::Value) => FieldAttribute::shared("validate nested", || {
            syntax::list("validate", quote!(nested))
        }),
        Some(NestedRule::Items) => FieldAttribute::shared("validate items(nested)", || {
            syntax::list("validate", quote!(items(nested)))
        }),
        None => FieldAttribute::own(syntax::list("validate", rules)),
    }
}

/// The rules that check only what a field nests.
enum NestedRule {
    /// `nested`.
    Value,
    /// `items(nested)`.
    Items,
}

/// Which [`NestedRule`] `rules` are, if they are nothing else.
fn nested_rule(rules: &TokenStream) -> Option<NestedRule> {
    let is_nested = |rules: TokenStream| {
        let mut trees = rules.into_iter();
        matches!(
            (trees.next(), trees.next()),
            (Some(TokenTree::Ident(ident)), None) if ident == "nested"
        )
    };
    if is_nested(rules.clone()) {
        return Some(NestedRule::Value);
    }
    let mut trees = rules.clone().into_iter();
    match (trees.next(), trees.next(), trees.next()) {
        (Some(TokenTree::Ident(items)), Some(TokenTree::Group(group)), None)
            if items == "items"
                && group.delimiter() == Delimiter::Parenthesis
                && is_nested(group.stream()) =>
        {
            Some(NestedRule::Items)
        }
        _ => None,
    }
}

/// A field's `#[serde(...)]`: its wire name when the Rust name differs, base64 for bytes, and
/// how an absent value reads and writes. Most fields take one of two shared attributes.
fn serde_attribute(model_name: &str, field: &FieldPlan) -> Option<FieldAttribute> {
    let wire = field.field.wire_name.as_str();
    let renamed = unraw(&field.field.rust_name) != wire;
    if !renamed && !field.base64 {
        match field.form {
            FieldForm::Optional => {
                return Some(FieldAttribute::shared("serde optional", || {
                    syntax::list("serde", skip_absent(OPTION_IS_NONE))
                }));
            }
            FieldForm::ThreeState => {
                return Some(FieldAttribute::shared("serde three-state", || {
                    syntax::list("serde", skip_absent(NULLABLE_IS_ABSENT))
                }));
            }
            FieldForm::Required | FieldForm::Defaulted(_) => {}
        }
    }
    let rename = renamed.then(|| quote!(rename = #wire,));
    let form = match &field.form {
        FieldForm::Required => quote!(),
        FieldForm::Optional => skip_absent(OPTION_IS_NONE),
        FieldForm::ThreeState => skip_absent(NULLABLE_IS_ABSENT),
        FieldForm::Defaulted(_) => {
            let name = helper_suffix(field);
            let default = format!("{model_name}::default_{name}");
            let deserialize = format!("{model_name}::deserialize_{name}");
            quote!(default = #default, deserialize_with = #deserialize,)
        }
    };
    let with = field.base64.then(|| quote!(with = #BASE64_WITH,));
    (rename.is_some() || !form.is_empty() || with.is_some())
        .then(|| FieldAttribute::own(syntax::list("serde", quote!(#rename #with #form))))
}

/// The test of an absent `Option` field, for `skip_serializing_if`.
const OPTION_IS_NONE: &str = "Option::is_none";
/// The test of an absent `Nullable` field, for `skip_serializing_if`.
const NULLABLE_IS_ABSENT: &str = "Nullable::is_absent";

/// `default, skip_serializing_if = "<is_absent>",`: an absent field reads as its default and is
/// not written.
fn skip_absent(is_absent: &str) -> TokenStream {
    quote!(default, skip_serializing_if = #is_absent,)
}

fn field_docs(field: &FieldPlan) -> Vec<String> {
    let mut lines = field.field.doc().map(doc_lines).unwrap_or_default();
    let notes = field_notes(field);
    if lines.is_empty() && notes.is_empty() {
        lines.push(format!(
            "The {} property.",
            crate::rustdoc::code_span(&field.field.wire_name)
        ));
    }
    if !notes.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(notes);
    }
    lines
}

/// What a defaulted field's helper functions are named after: the field name without `r#` and
/// without the `_` a leading digit got (`default_1abc`, not the non-snake `default__1abc`).
fn helper_suffix<'a>(field: &'a FieldPlan) -> &'a str {
    unraw(&field.field.rust_name).trim_start_matches('_')
}

/// The default function and the null-tolerant deserializer of a defaulted field.
fn defaulted_helpers(field: &FieldPlan, imports: &mut Imports) -> Option<TokenStream> {
    let FieldForm::Defaulted(default) = &field.form else {
        return None;
    };
    let name = helper_suffix(field);
    let default_fn = format_ident!("default_{name}");
    let deserialize_fn = format_ident!("deserialize_{name}");
    let ty = imports.type_tokens(&field.value);
    let value = default_expression(&field.value, default);
    let doc = format!(" The spec's default for `{}`.", field.field.wire_name);
    Some(quote! {
        #[doc = #doc]
        pub fn #default_fn() -> #ty {
            #value
        }

        /// Reads the field, taking `null` as the default.
        fn #deserialize_fn<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<#ty, D::Error> {
            let value: Option<#ty> = Deserialize::deserialize(deserializer)?;
            Ok(value.unwrap_or_else(Self::#default_fn))
        }
    })
}

/// A Rust expression for a JSON default of the given type (checked expressible by the plan).
fn default_expression(ty: &RustType, default: &Value) -> TokenStream {
    match default {
        Value::String(text) if ty.text == "String" => quote!(String::from(#text)),
        Value::String(text) => {
            // A string enum: the variant whose value this is.
            let path: syn::Path = syn::parse_str(&ty.text).expect("a model path");
            let variant = format_ident!("{}", oas_parser::naming::variant_name(text));
            quote!(#path::#variant)
        }
        Value::Bool(flag) => quote!(#flag),
        Value::Number(number) => {
            let literal = match (number.as_i64(), number.as_u64()) {
                _ if ty.text.starts_with('f') => {
                    Literal::f64_unsuffixed(number.as_f64().unwrap_or_default())
                }
                (Some(int), _) => Literal::i64_unsuffixed(int),
                (None, Some(uint)) => Literal::u64_unsuffixed(uint),
                (None, None) => Literal::f64_unsuffixed(number.as_f64().unwrap_or_default()),
            };
            quote!(#literal)
        }
        Value::Array(_) => quote!(Vec::new()),
        Value::Null | Value::Object(_) => quote!(Default::default()),
    }
}

/// An enum: one variant per listed value, and a fallback variant that keeps a value the spec does
/// not list, so a server that adds a value does not break its clients. A string enum's fallback
/// holds the `String` and its impls come from `oas_validate::string_enum!`; any other enum's
/// fallback holds the JSON value and its impls come from `oas_validate::value_enum!`.
fn enum_items(model: &Model, body: &Enum, docs: Vec<syn::Attribute>) -> Vec<syn::Item> {
    let name = format_ident!("{}", model.name);
    let unknown = format_ident!("{}", crate::plan::fallback_variant(body));
    let strings = body.base == EnumBase::String;
    let mut variants = Vec::with_capacity(body.values.len() + 1);
    let mut pairs = Vec::with_capacity(body.values.len());
    for value in &body.values {
        let variant = format_ident!("{}", value.rust_name);
        let (doc, wire) = match &value.value {
            Value::String(text) if strings => {
                let doc = if text.is_empty() {
                    " The empty string.".to_owned()
                } else {
                    format!(" {}", crate::rustdoc::code_span(text))
                };
                (doc, quote!(#text))
            }
            // An integer beyond `i32` needs a suffix, or `json!` infers `i32` and rustc refuses it.
            Value::Number(number)
                if number
                    .as_i64()
                    .is_none_or(|int| i32::try_from(int).is_err())
                    && (number.is_i64() || number.is_u64()) =>
            {
                let literal = match number.as_i64() {
                    Some(int) => Literal::i64_suffixed(int),
                    None => Literal::u64_suffixed(number.as_u64().expect("an integer")),
                };
                (format!(" `{number}`"), quote!(#literal))
            }
            other => {
                let json = other.to_string();
                let wire: TokenStream = json.parse().expect("a JSON scalar is a Rust expression");
                (format!(" `{json}`"), wire)
            }
        };
        pairs.push(quote!(#variant = #wire));
        variants.push(syntax::variant(vec![syntax::doc(&doc)], variant, None));
    }
    let (derives, fallback, impls) = if strings {
        (
            quote!(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord),
            "String",
            "oas_validate::string_enum",
        )
    } else {
        (
            quote!(Debug, Clone, PartialEq),
            "serde_json::Value",
            "oas_validate::value_enum",
        )
    };
    variants.push(syntax::variant(
        vec![syntax::doc(
            " A value the spec does not list, kept as it was sent.",
        )],
        unknown.clone(),
        Some(syntax::parse_type(fallback)),
    ));
    let mut attrs = docs;
    attrs.push(syntax::list("derive", derives));
    vec![
        syntax::public_enum(attrs, name.clone(), variants),
        syntax::macro_item(impls, quote!(#name { #(#pairs),* } else #unknown)),
    ]
}

/// True when `shape` refers to model `id` anywhere inside it.
fn mentions(shape: &Shape, id: ModelId) -> bool {
    let mut found = false;
    shape.visit(&mut |inner| found |= matches!(&inner.ty, Type::Model(target) if target.id == id));
    found
}

fn newtype_tokens(
    model: &Model,
    docs: TokenStream,
    ty: TokenStream,
    imports: &mut Imports,
) -> TokenStream {
    imports.add_serde();
    let name = format_ident!("{}", model.name);
    let json_impl = json_operations(&model.name);
    quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct #name(pub #ty);
        #json_impl
    }
}

fn alias_tokens(model: &Model, docs: TokenStream, ty: TokenStream) -> TokenStream {
    let name = format_ident!("{}", model.name);
    quote! {
        #docs
        pub type #name = #ty;
    }
}

/// `from_json`, `to_json`, `to_value`, `from_value`: the operations the reference page shows,
/// from `oas_validate`'s macro.
fn json_operations_item(name: &str) -> syn::Item {
    let name = format_ident!("{name}");
    syntax::macro_item("oas_validate::json_operations", quote!(#name))
}

/// [`json_operations_item`] as tokens, for the emitters that write tokens.
fn json_operations(name: &str) -> TokenStream {
    quote::ToTokens::into_token_stream(json_operations_item(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_rules_are_shared_and_any_other_rules_a_fields_own() {
        let shared = [quote!(nested), quote!(items(nested))];
        let own = [
            quote!(nested, allow_empty),
            quote!(items(nested, min_length = 1)),
            quote!(items[nested]),
            quote!(pattern = "nested"),
            quote!(nested_x),
        ];
        for (rules, is_shared) in shared
            .iter()
            .map(|r| (r, true))
            .chain(own.iter().map(|r| (r, false)))
        {
            let attribute = match validate_attribute(rules.clone()) {
                FieldAttribute::Shared(shared) => {
                    assert!(is_shared, "{rules}");
                    (shared.1)()
                }
                FieldAttribute::Own(attribute) => {
                    assert!(!is_shared, "{rules}");
                    *attribute
                }
            };
            let expected = syntax::list("validate", rules.clone());
            assert_eq!(
                quote!(#attribute).to_string(),
                quote!(#expected).to_string()
            );
        }
    }

    #[test]
    fn json_operations_are_written_as_prettyplease_prints_them() {
        for name in ["Pet", &"LongModelName".repeat(6)] {
            let mut written = String::new();
            let line = format!("oas_validate::json_operations!({name});");
            syntax::write_line_item(&mut written, &line, || json_operations_item(name));
            let file = syn::File {
                shebang: None,
                attrs: Vec::new(),
                items: vec![json_operations_item(name)],
            };
            assert_eq!(written, prettyplease::unparse(&file), "{name}");
        }
    }
}
