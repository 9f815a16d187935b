//! The `Validate` and `Nested` impls.
//!
//! Each field's value is reached once through the `oas_validate` value traits (spanned on the
//! field's type, so a rule on the wrong type is reported there), then every rule is an inlined
//! check; a failure builds its path only when it is recorded. Each distinct pattern is one
//! `static` per impl, compiled once per process.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, LitStr};

use crate::check::{Engine, pattern_engine};
use crate::model::{FieldRules, Model, NumLit, ValueRules};

/// The impls for `input`.
pub fn emit(input: &DeriveInput, model: &Model) -> TokenStream {
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut patterns: Vec<String> = Vec::new();
    let checks: Vec<TokenStream> = model
        .fields
        .iter()
        .map(|field| field_checks(field, &model.wires, &mut patterns))
        .collect();
    let statics = patterns.iter().enumerate().map(|(index, source)| {
        let ident = format_ident!("__OAS_PATTERN_{index}");
        let literal = LitStr::new(source, Span::call_site());
        let engine = match pattern_engine(&literal).expect("checked before emitting") {
            Engine::Regex => quote!(::oas_validate::Engine::Regex),
            Engine::Regress => quote!(::oas_validate::Engine::Regress),
        };
        quote!(static #ident: ::oas_validate::Pattern = ::oas_validate::Pattern::new(#literal, #engine);)
    });
    quote! {
        impl #impl_generics ::oas_validate::Validate for #name #ty_generics #where_clause {
            fn validate_at(&self, __path: &::oas_validate::Path<'_>, __errors: &mut ::oas_validate::ValidationErrors) {
                #(#statics)*
                #(#checks)*
            }
        }

        impl #impl_generics ::oas_validate::Nested for #name #ty_generics #where_clause {
            fn nested_at(&self, path: &::oas_validate::Path<'_>, errors: &mut ::oas_validate::ValidationErrors) {
                ::oas_validate::Validate::validate_at(self, path, errors);
            }
        }
    }
}

fn field_checks(
    field: &FieldRules,
    wires: &[(syn::Ident, String)],
    patterns: &mut Vec<String>,
) -> TokenStream {
    let ident = &field.ident;
    let wire = &field.wire;
    let ty_span = field.ty.span();
    // Spanned on the field's type, so a rule that cannot apply is reported there.
    let access = quote_spanned!(ty_span=> &self.#ident);
    let path = quote!(&__path.field(#wire));
    let value = value_checks(&field.value, &access, &path, ty_span, patterns);
    let array = &field.outer;
    let array_checks = array.has_array_rules().then(|| {
        let min = array.min_items.as_ref().map(|min| {
            let limit = min.value;
            quote! {
                if !::oas_validate::rules::min_items(__items.len(), #limit) {
                    __errors.add(#path, ::oas_validate::Failure::MinItems(#limit));
                }
            }
        });
        let max = array.max_items.as_ref().map(|max| {
            let limit = max.value;
            quote! {
                if !::oas_validate::rules::max_items(__items.len(), #limit) {
                    __errors.add(#path, ::oas_validate::Failure::MaxItems(#limit));
                }
            }
        });
        let unique = array.unique_items.map(|_| {
            quote! {
                if !::oas_validate::rules::unique_items(__items) {
                    __errors.add(#path, ::oas_validate::Failure::UniqueItems);
                }
            }
        });
        let items = array.items.as_ref().map(|items| {
            let item_path = quote!(&__field_path.index(__index));
            let checks = value_checks(
                &items.value,
                &quote!(__item),
                &item_path,
                items.span,
                patterns,
            );
            quote! {
                let __field_path = __path.field(#wire);
                for (__index, __item) in __items.iter().enumerate() {
                    #checks
                }
            }
        });
        let get = quote_spanned!(ty_span=> ::oas_validate::ItemsValue::items_value(#access));
        quote! {
            if let ::core::option::Option::Some(__items) = #get {
                #min #max #unique #items
            }
        }
    });
    let key_checks = array.keys.as_ref().map(|keys| {
        let key_path = quote!(&__field_path.key(__key));
        let checks = value_checks(&keys.value, &quote!(__key), &key_path, keys.span, patterns);
        let visit = quote_spanned!(ty_span=> ::oas_validate::KeysValue::visit_keys(#access, &mut |__key: &str| { #checks }));
        quote! {
            {
                let __field_path = __path.field(#wire);
                #visit;
            }
        }
    });
    let dependent = (!array.dependent_required.is_empty()).then(|| {
        let missing = array.dependent_required.iter().map(|other| {
            let other_wire = wires
                .iter()
                .find(|(ident, _)| ident == other)
                .map(|(_, wire)| wire.as_str())
                .expect("checked before emitting");
            let present = quote_spanned!(other.span()=> ::oas_validate::Presence::is_present(&self.#other));
            quote! {
                if !#present {
                    __errors.add(&__path.field(#other_wire), ::oas_validate::Failure::DependentRequired(#wire));
                }
            }
        });
        let present = quote_spanned!(ty_span=> ::oas_validate::Presence::is_present(#access));
        quote! {
            if #present {
                #(#missing)*
            }
        }
    });
    quote!(#value #array_checks #key_checks #dependent)
}

/// Checks of one value: string and number rules, and `nested`.
fn value_checks(
    rules: &ValueRules,
    access: &TokenStream,
    path: &TokenStream,
    span: Span,
    patterns: &mut Vec<String>,
) -> TokenStream {
    let mut string_checks = Vec::new();
    if let Some(min) = &rules.min_length {
        let limit = min.value;
        string_checks.push(quote! {
            if !::oas_validate::rules::min_length(__value, #limit) {
                __errors.add(#path, ::oas_validate::Failure::MinLength(#limit));
            }
        });
    }
    if let Some(max) = &rules.max_length {
        let limit = max.value;
        string_checks.push(quote! {
            if !::oas_validate::rules::max_length(__value, #limit) {
                __errors.add(#path, ::oas_validate::Failure::MaxLength(#limit));
            }
        });
    }
    if let Some(pattern) = &rules.pattern {
        let source = pattern.value();
        let index = patterns
            .iter()
            .position(|known| *known == source)
            .unwrap_or_else(|| {
                patterns.push(source.clone());
                patterns.len() - 1
            });
        let ident = format_ident!("__OAS_PATTERN_{index}");
        string_checks.push(quote! {
            if !#ident.is_match(__value) {
                __errors.add(#path, ::oas_validate::Failure::Pattern(#pattern));
            }
        });
    }
    if let Some(format) = &rules.format {
        let function = match format.value().as_str() {
            "uri" => quote!(::oas_validate::format::uri),
            "uri-reference" => quote!(::oas_validate::format::uri_reference),
            "email" => quote!(::oas_validate::format::email),
            "uuid" => quote!(::oas_validate::format::uuid),
            "date-time" => quote!(::oas_validate::format::date_time),
            "date" => quote!(::oas_validate::format::date),
            "hostname" => quote!(::oas_validate::format::hostname),
            _ => quote!((|value: &str| ::oas_validate::format::check(#format, value))),
        };
        string_checks.push(quote! {
            if !#function(__value) {
                __errors.add(#path, ::oas_validate::Failure::Format(#format));
            }
        });
    }
    if let Some(values) = &rules.enum_values {
        let values = &values.value;
        string_checks.push(quote! {
            if !::oas_validate::rules::enum_values(__value, &[#(#values),*]) {
                __errors.add(#path, ::oas_validate::Failure::Enum(&[#(#values),*]));
            }
        });
    }
    let strings = (!string_checks.is_empty()).then(|| {
        let get = quote_spanned!(span=> ::oas_validate::StrValue::str_value(#access));
        let guard = rules.allow_empty.map(|_| quote!(if !__value.is_empty()));
        quote! {
            if let ::core::option::Option::Some(__value) = #get {
                #guard { #(#string_checks)* }
            }
        }
    });

    let number_rules = [
        (&rules.minimum, quote!(minimum), quote!(Minimum)),
        (&rules.maximum, quote!(maximum), quote!(Maximum)),
        (
            &rules.exclusive_minimum,
            quote!(exclusive_minimum),
            quote!(ExclusiveMinimum),
        ),
        (
            &rules.exclusive_maximum,
            quote!(exclusive_maximum),
            quote!(ExclusiveMaximum),
        ),
        (&rules.multiple_of, quote!(multiple_of), quote!(MultipleOf)),
    ];
    let number_checks: Vec<TokenStream> = number_rules
        .iter()
        .filter_map(|(rule, function, failure)| {
            let limit = match &rule.as_ref()?.value {
                NumLit::Int(int) => quote!(::oas_validate::Num::Int(#int)),
                NumLit::Float(float) => quote!(::oas_validate::Num::Float(#float)),
            };
            Some(quote! {
                if !::oas_validate::rules::#function(__number, #limit) {
                    __errors.add(#path, ::oas_validate::Failure::#failure(#limit));
                }
            })
        })
        .collect();
    let numbers = (!number_checks.is_empty()).then(|| {
        let get = quote_spanned!(span=> ::oas_validate::NumValue::num_value(#access));
        quote! {
            if let ::core::option::Option::Some(__number) = #get {
                #(#number_checks)*
            }
        }
    });
    let nested = rules.nested.map(
        |_| quote_spanned!(span=> ::oas_validate::Nested::nested_at(#access, #path, __errors);),
    );
    quote!(#strings #numbers #nested)
}
