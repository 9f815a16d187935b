//! `#[derive(JsonObject)]`: serde's `Serialize` and `Deserialize` for a struct written as a JSON
//! object, from the subset of `#[serde(...)]` attributes generated models use.
//!
//! The impls are what `#[derive(Serialize, Deserialize)]` would do for such a struct, written
//! with less code: one `visit_map` that matches each key (borrowed where the input allows) as a
//! string and reads its value straight into the field, no field enum, no sequence visitor, and
//! a flattened map of extra keys filled in the same loop instead of through serde's buffering
//! `flatten` machinery. Understood: `rename`, `default`, `default = "path"`,
//! `deserialize_with = "path"`, `with = "module"`, `skip_serializing_if = "path"` and `flatten`
//! (one map field: the keys no other field takes) on fields, `deny_unknown_fields` on the
//! struct. Anything else is an error at its span.
//!
//! What the type checker pays for is kept small on purpose (measured on Ory's 453-schema crate,
//! where these impls were most of `cargo check`): every slot and every `next_value` names its
//! type, so nothing is inferred across the function, and errors are returned with a `match`
//! rather than `?`, so no `From` conversion is resolved per field.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Path, Token, Type};

/// One field and what its `#[serde]` attributes say.
struct Field {
    ident: Ident,
    ty: Type,
    wire: String,
    when_absent: WhenAbsent,
    deserialize_with: Option<Path>,
    with: Option<Path>,
    skip_serializing_if: Option<Path>,
    flatten: bool,
}

/// What an absent key gives.
enum WhenAbsent {
    /// The "missing field" error (`None` for an `Option`).
    Missing,
    /// `Default::default()`.
    DefaultTrait,
    /// A function's value.
    Function(Path),
}

/// The derive's output, or the errors found in the input.
pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "JsonObject is for structs without generic parameters",
        ));
    }
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "JsonObject is for structs",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "JsonObject is for structs with named fields",
        ));
    };
    let deny_unknown = container_attrs(&input.attrs)?;
    let fields: Vec<Field> = named
        .named
        .iter()
        .map(parse_field)
        .collect::<syn::Result<_>>()?;
    let flattened: Vec<&Field> = fields.iter().filter(|field| field.flatten).collect();
    if let Some(second) = flattened.get(1) {
        return Err(syn::Error::new_spanned(
            &second.ident,
            "JsonObject takes at most one flattened map",
        ));
    }
    let extra = flattened.first().copied();
    if let (Some(extra), true) = (extra, deny_unknown) {
        return Err(syn::Error::new_spanned(
            &extra.ident,
            "a flattened map takes the keys `deny_unknown_fields` refuses",
        ));
    }
    let declared: Vec<&Field> = fields.iter().filter(|field| !field.flatten).collect();
    let serialize = serialize(&input.ident, &declared, extra);
    let deserialize = deserialize(&input.ident, &declared, extra, deny_unknown);
    Ok(quote!(#serialize #deserialize))
}

/// `deny_unknown_fields`, the one container attribute understood.
fn container_attrs(attrs: &[syn::Attribute]) -> syn::Result<bool> {
    let mut deny_unknown = false;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("deny_unknown_fields") {
                deny_unknown = true;
                Ok(())
            } else {
                Err(meta.error("JsonObject understands only `deny_unknown_fields` here"))
            }
        })?;
    }
    Ok(deny_unknown)
}

fn parse_field(field: &syn::Field) -> syn::Result<Field> {
    let ident = field.ident.clone().expect("named fields have names");
    let unraw = ident.to_string();
    let mut parsed = Field {
        wire: unraw.strip_prefix("r#").unwrap_or(&unraw).to_owned(),
        ident,
        ty: field.ty.clone(),
        when_absent: WhenAbsent::Missing,
        deserialize_with: None,
        with: None,
        skip_serializing_if: None,
        flatten: false,
    };
    let path_value = |meta: &syn::meta::ParseNestedMeta| -> syn::Result<Path> {
        meta.value()?.parse::<LitStr>()?.parse::<Path>()
    };
    for attr in field
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
    {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                parsed.wire = meta.value()?.parse::<LitStr>()?.value();
            } else if meta.path.is_ident("default") {
                parsed.when_absent = match meta.input.peek(Token![=]) {
                    true => WhenAbsent::Function(path_value(&meta)?),
                    false => WhenAbsent::DefaultTrait,
                };
            } else if meta.path.is_ident("deserialize_with") {
                parsed.deserialize_with = Some(path_value(&meta)?);
            } else if meta.path.is_ident("with") {
                parsed.with = Some(path_value(&meta)?);
            } else if meta.path.is_ident("skip_serializing_if") {
                parsed.skip_serializing_if = Some(path_value(&meta)?);
            } else if meta.path.is_ident("flatten") {
                parsed.flatten = true;
            } else {
                return Err(meta.error(
                    "JsonObject understands `rename`, `default`, `deserialize_with`, `with`, \
                     `skip_serializing_if` and `flatten`",
                ));
            }
            Ok(())
        })?;
    }
    Ok(parsed)
}

/// `Serialize`: a map of the fields in declaration order (each unless its
/// `skip_serializing_if` says so), then the flattened map's entries.
fn serialize(name: &Ident, declared: &[&Field], extra: Option<&Field>) -> TokenStream {
    let serde = quote!(::oas_validate::__private::serde);
    let entries = declared.iter().map(|field| {
        let ident = &field.ident;
        let wire = &field.wire;
        let value = match &field.with {
            Some(module) => {
                let wrapped = written_with(&field.ty, module, quote!(&self.#ident));
                quote!(&#wrapped)
            }
            None => quote!(&self.#ident),
        };
        let entry = returning_error(
            quote!(#serde::ser::SerializeMap::serialize_entry(&mut __map, #wire, #value)),
        );
        let entry = quote!(#entry;);
        match &field.skip_serializing_if {
            Some(skip) => quote!(if !#skip(&self.#ident) { #entry }),
            None => entry,
        }
    });
    let extra_entries = extra.map(|field| {
        let ident = &field.ident;
        let value = match (&field.with, map_value_type(&field.ty)) {
            (Some(module), Some(ty)) => {
                let wrapped = written_with(ty, module, quote!(__value));
                quote!(&#wrapped)
            }
            _ => quote!(__value),
        };
        quote! {
            for (__key, __value) in self.#ident.iter() {
                #serde::ser::SerializeMap::serialize_entry(&mut __map, __key, #value)?;
            }
        }
    });
    quote! {
        impl #serde::Serialize for #name {
            fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                let mut __map = #serde::Serializer::serialize_map(serializer, ::core::option::Option::None)?;
                #(#entries)*
                #extra_entries
                #serde::ser::SerializeMap::end(__map)
            }
        }
    }
}

/// `Deserialize`: one pass over the object's keys, then the struct, with defaults and "missing
/// field" errors for what was absent.
fn deserialize(
    name: &Ident,
    declared: &[&Field],
    extra: Option<&Field>,
    deny_unknown: bool,
) -> TokenStream {
    let serde = quote!(::oas_validate::__private::serde);
    let slots: Vec<Ident> = (0..declared.len())
        .map(|index| format_ident!("__field{index}"))
        .collect();
    let arms = declared.iter().zip(&slots).map(|(field, slot)| {
        let wire = &field.wire;
        let read = match (&field.deserialize_with, &field.with) {
            (Some(function), _) => seeded(&field.ty, quote!(#function)),
            (None, Some(module)) => seeded(&field.ty, quote!(#module::deserialize)),
            (None, None) => {
                let ty = &field.ty;
                returning_error(quote!(#serde::de::MapAccess::next_value::<#ty>(&mut __map)))
            }
        };
        quote!(#wire => {
            if #slot.is_some() {
                return ::core::result::Result::Err(#serde::de::Error::duplicate_field(#wire));
            }
            #slot = ::core::option::Option::Some(#read);
        })
    });
    let other = match (extra, deny_unknown) {
        (Some(field), _) => {
            let ident = &field.ident;
            let value = match (&field.with, map_value_type(&field.ty)) {
                (Some(module), Some(ty)) => seeded(ty, quote!(#module::deserialize)),
                _ => quote!(#serde::de::MapAccess::next_value(&mut __map)?),
            };
            quote!(_ => { #ident.insert(__key.into_string(), #value); })
        }
        // `KnownKey` has refused the others.
        (None, true) => quote!(_ => {}),
        (None, false) => {
            quote!(_ => { #serde::de::MapAccess::next_value::<#serde::de::IgnoredAny>(&mut __map)?; })
        }
    };
    let extra_decl = extra.map(|field| {
        let ident = &field.ident;
        let ty = &field.ty;
        quote!(let mut #ident: #ty = ::core::default::Default::default();)
    });
    let inits = declared.iter().zip(&slots).map(|(field, slot)| {
        let ident = &field.ident;
        let wire = &field.wire;
        let value = match &field.when_absent {
            WhenAbsent::Missing => {
                let ty = &field.ty;
                returning_error(
                    quote!(::oas_validate::de::required::<#ty, __A::Error>(#slot, #wire)),
                )
            }
            WhenAbsent::DefaultTrait => quote!(#slot.unwrap_or_default()),
            WhenAbsent::Function(function) => quote!(#slot.unwrap_or_else(#function)),
        };
        quote!(#ident: #value,)
    });
    let extra_init = extra.map(|field| {
        let ident = &field.ident;
        quote!(#ident,)
    });
    let types = declared.iter().map(|field| &field.ty);
    let expecting = format!("struct {name}");
    let next_key = if deny_unknown {
        let wires = declared.iter().map(|field| &field.wire);
        returning_error(
            quote!(#serde::de::MapAccess::next_key_seed(&mut __map, ::oas_validate::de::KnownKey(&[#(#wires),*]))),
        )
    } else {
        returning_error(
            quote!(#serde::de::MapAccess::next_key::<::oas_validate::de::Key<'de>>(&mut __map)),
        )
    };
    quote! {
        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<__D: #serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> #serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<__A: #serde::de::MapAccess<'de>>(self, mut __map: __A) -> ::core::result::Result<#name, __A::Error> {
                        #(let mut #slots: ::core::option::Option<#types> = ::core::option::Option::None;)*
                        #extra_decl
                        while let ::core::option::Option::Some(__key) = #next_key {
                            match &*__key {
                                #(#arms)*
                                #other
                            }
                        }
                        ::core::result::Result::Ok(#name { #(#inits)* #extra_init })
                    }
                }
                #serde::Deserializer::deserialize_map(deserializer, __Visitor)
            }
        }
    }
}

/// `result`'s value, or a `return` of its error: `?` without the `From` conversion, which
/// the type checker would resolve once per field.
fn returning_error(result: TokenStream) -> TokenStream {
    quote! {
        match #result {
            ::core::result::Result::Ok(__value) => __value,
            ::core::result::Result::Err(__error) => return ::core::result::Result::Err(__error),
        }
    }
}

/// A block whose value wraps `value` (of type `&ty`) to serialize it through
/// `module::serialize`; borrowed where it is written, it lives to the end of the statement.
fn written_with(ty: &Type, module: &Path, value: TokenStream) -> TokenStream {
    let serde = quote!(::oas_validate::__private::serde);
    quote! {{
        struct __With<'a>(&'a #ty);
        impl #serde::Serialize for __With<'_> {
            fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                #module::serialize(self.0, serializer)
            }
        }
        __With(#value)
    }}
}

/// The value type of a map type written as a path (`BTreeMap<String, V>` gives `V`): what a
/// flattened map's `with` module reads and writes, one value at a time.
fn map_value_type(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let syn::PathArguments::AngleBracketed(arguments) = &path.path.segments.last()?.arguments
    else {
        return None;
    };
    match arguments.args.last()? {
        syn::GenericArgument::Type(value) => Some(value),
        _ => None,
    }
}

/// Reads the next value with `function` (a `deserialize_with` function, or a `with` module's
/// `deserialize`), through a seed.
fn seeded(ty: &Type, function: TokenStream) -> TokenStream {
    let serde = quote!(::oas_validate::__private::serde);
    quote! {{
        struct __Seed;
        impl<'de> #serde::de::DeserializeSeed<'de> for __Seed {
            type Value = #ty;
            fn deserialize<__D: #serde::Deserializer<'de>>(self, deserializer: __D) -> ::core::result::Result<#ty, __D::Error> {
                #function(deserializer)
            }
        }
        #serde::de::MapAccess::next_value_seed(&mut __map, __Seed)?
    }}
}
