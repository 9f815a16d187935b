//! Unions (`oneOf` / `anyOf`): an enum with one variant per alternative, and the serde that
//! [`Reading`] calls for: by tag, by JSON type (`untagged`), or by shape.

use oas_parser::ir::{Model, ModelKind, ModelRef, Shape, Type, Union, Variant};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{Imports, json_operations};
use crate::plan::Plan;
use crate::reading::{Reading, reading};
use crate::types::{self, BASE64_WITH};

/// The enum of a union, its serde impls and its JSON operations.
pub fn union_tokens(
    plan: &Plan,
    model: &Model,
    union: &Union,
    docs: TokenStream,
    imports: &mut Imports,
) -> TokenStream {
    let name = format_ident!("{}", model.name);
    let reading = reading(plan.ir, union);
    if reading != Reading::Tag {
        // The derives and the by-shape impl name them; the tagged macro uses its own paths.
        imports.add_serde();
    }
    let variants: Vec<TokenStream> = union
        .variants
        .iter()
        .map(|variant| variant_tokens(plan, union, variant, imports))
        .collect();
    let json_impl = json_operations(&model.name);
    let (derives, serde_impls) = match reading {
        // The macro writes the JSON operations too.
        Reading::Tag => (quote!(), tagged_serde(union, &name)),
        Reading::JsonType => (quote!(Serialize, Deserialize,), json_impl),
        Reading::Shape => {
            let deserialize = by_shape_deserialize(plan, union, &name);
            (quote!(Serialize,), quote!(#deserialize #json_impl))
        }
    };
    let untagged = (reading != Reading::Tag).then(|| quote!(#[serde(untagged)]));
    let conversions = from_impls(plan, union, &name, imports);
    // Variants hold their models by value, as a hand-written API type would; boxing the large
    // ones would make building every such value allocate and read awkwardly.
    let allow_large = holds_model(union).then(|| quote!(#[allow(clippy::large_enum_variant)]));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derives)]
        #allow_large
        #untagged
        pub enum #name {
            #(#variants)*
        }
        #serde_impls
        #conversions
    }
}

/// What a variant's payload is once type aliases are seen through: `model Name` for a model
/// held unboxed and not nullable (the `From` parameter), else the declared type's text.
fn payload_key(plan: &Plan, shape: &Shape) -> String {
    match &shape.ty {
        Type::Model(target) if !shape.nullable => {
            let mut id = target.id;
            let mut hops = 0;
            while let ModelKind::Alias(aliased) = &plan.ir.model(id).kind {
                match &aliased.ty {
                    Type::Model(next) if !aliased.nullable && hops < plan.ir.models.len() => {
                        id = next.id;
                        hops += 1;
                    }
                    _ => break,
                }
            }
            format!("model {}", plan.ir.model(id).name)
        }
        _ => types::shape_type(plan.ir, shape).text,
    }
}

/// `From<T> for Union` for every variant whose payload type no other variant has, so a value
/// converts with `.into()`; a boxed payload is boxed by the conversion.
fn from_impls(plan: &Plan, union: &Union, name: &Ident, imports: &mut Imports) -> TokenStream {
    // Types compare as rustc sees them: a type alias is the type it names.
    let keys: Vec<String> = union
        .variants
        .iter()
        .map(|variant| payload_key(plan, &variant.shape))
        .collect();
    let itself = format!("model {name}");
    let impls = union
        .variants
        .iter()
        .zip(&keys)
        .filter_map(|(variant, key)| {
            let unique = keys.iter().filter(|other| *other == key).count() == 1;
            // A union holding itself (boxed) has `From<Self>` already, from `core`.
            if !unique || *key == itself {
                return None;
            }
            let payload = types::shape_type(plan.ir, &variant.shape);
            let ident = format_ident!("{}", variant.rust_name);
            let (ty, wrap) = match &variant.shape.ty {
                Type::Model(target) if target.boxed && !variant.shape.nullable => {
                    let unboxed = Shape::plain(Type::Model(ModelRef {
                        boxed: false,
                        ..target.clone()
                    }));
                    let inner = types::shape_type(plan.ir, &unboxed);
                    (imports.type_tokens(&inner), quote!(Box::new(value)))
                }
                _ => (imports.type_tokens(&payload), quote!(value)),
            };
            Some(quote! {
                impl From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#ident(#wrap)
                    }
                }
            })
        });
    quote!(#(#impls)*)
}

/// True when an alternative holds a model (a struct, or a union or enum that may hold one) or a
/// tuple by value: what can make variants differ in size.
fn holds_model(union: &Union) -> bool {
    union
        .variants
        .iter()
        .any(|variant| match &variant.shape.ty {
            Type::Model(target) => !target.boxed,
            Type::Tuple(_) => true,
            _ => false,
        })
}

fn variant_tokens(
    plan: &Plan,
    union: &Union,
    variant: &Variant,
    imports: &mut Imports,
) -> TokenStream {
    let ident = format_ident!("{}", variant.rust_name);
    let rust_type = types::shape_type(plan.ir, &variant.shape);
    let ty = imports.type_tokens(&rust_type);
    let doc = match variant.tags.as_slice() {
        [] => format!(" The `{}` alternative.", rust_type.text),
        tags => format!(
            " Selected by `{}` = {}.",
            union
                .discriminator
                .as_ref()
                .map_or("", |d| d.property.as_str()),
            quoted_list(tags)
        ),
    };
    let with = types::carries_bytes(&variant.shape).then(|| quote!(#[serde(with = #BASE64_WITH)]));
    quote! {
        #[doc = #doc]
        #with
        #ident(#ty),
    }
}

/// Serde for a union whose alternatives carry tags: `oas_validate::tagged_union!` (the tag picks
/// the variant, which reads the whole object), with the JSON operations.
fn tagged_serde(union: &Union, name: &Ident) -> TokenStream {
    let property = union
        .discriminator
        .as_ref()
        .map_or("", |d| d.property.as_str());
    let arms = union.variants.iter().map(|variant| {
        let ident = format_ident!("{}", variant.rust_name);
        let tags = &variant.tags;
        quote!(#ident = [#(#tags),*])
    });
    quote!(oas_validate::tagged_union!(#name by #property { #(#arms),* });)
}

/// `Deserialize` for overlapping alternatives: each is offered to
/// `oas_validate::union::read_best` with the keys its object declares.
fn by_shape_deserialize(plan: &Plan, union: &Union, name: &Ident) -> TokenStream {
    let alternatives = union.variants.iter().map(|variant| {
        let ident = format_ident!("{}", variant.rust_name);
        let label = variant.rust_name.as_str();
        let keys = declared_keys(plan, variant);
        let ty = types::shape_type(plan.ir, &variant.shape).to_tokens();
        let read = if types::carries_bytes(&variant.shape) {
            let module: syn::Path = syn::parse_str(BASE64_WITH).expect("a module path");
            quote!(#module::deserialize::<#ty, _>(value))
        } else {
            quote!(<#ty as Deserialize>::deserialize(value))
        };
        quote! {
            oas_validate::union::Alternative {
                name: #label,
                keys: &[#(#keys),*],
                read: |value| #read.map(Self::#ident),
            },
        }
    });
    quote! {
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                oas_validate::union::read_best(&value, &[#(#alternatives)*])
                    .map_err(serde::de::Error::custom)
            }
        }
    }
}

/// The wire names of the properties an alternative declares (none unless it is a struct).
fn declared_keys<'p>(plan: &'p Plan, variant: &Variant) -> Vec<&'p str> {
    let Type::Model(target) = &variant.shape.ty else {
        return Vec::new();
    };
    match &plan.ir.model(target.id).kind {
        ModelKind::Struct(body) => body
            .fields
            .iter()
            .map(|field| field.wire_name.as_str())
            .collect(),
        _ => Vec::new(),
    }
}

fn quoted_list(values: &[String]) -> String {
    values
        .iter()
        .map(|value| format!("`{value}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}
