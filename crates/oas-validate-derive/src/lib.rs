//! `#[derive(Validate)]` for `oas-validate`: parse the `#[validate(...)]` attributes into a typed
//! model (`model`), check it (`check`: patterns compile, formats are known), then emit the
//! `Validate` impl (`emit`). Every mistake is reported at once, spanned where it was made.
//!
//! `#[derive(JsonObject)]` (`json_object`): serde's `Serialize` and `Deserialize` for a struct
//! read and written as a JSON object, from `#[serde(...)]` attributes, in less code than serde's
//! derive.

mod check;
mod emit;
mod json_object;
mod model;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `oas_validate::Validate` (and `Nested`) from `#[validate(...)]` field attributes.
///
/// Rules, named after JSON Schema keywords: `pattern`, `min_length`, `max_length`, `format`,
/// `enum_values(...)`, `allow_empty` (strings); `minimum`, `maximum`, `exclusive_minimum`,
/// `exclusive_maximum`, `multiple_of` (numbers); `min_items`, `max_items`, `unique_items`,
/// `items(...)` (arrays); `keys(...)` (string rules on each key of a map); `dependent_required(a,
/// b)` (when this `Option`/`Nullable` field is present, fields `a` and `b` must be too); `nested`
/// (models, through `Option`, `Box`, `Vec` and maps).
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let mut errors = Vec::new();
    let model = match model::parse(&input, &mut errors) {
        Ok(model) => model,
        Err(error) => return error.to_compile_error().into(),
    };
    check::check(&model, &mut errors);
    match errors.into_iter().reduce(|mut all, next| {
        all.combine(next);
        all
    }) {
        Some(error) => error.to_compile_error().into(),
        None => emit::emit(&input, &model).into(),
    }
}

/// Derives serde's `Serialize` and `Deserialize` for a struct read and written as a JSON object,
/// from the `#[serde(...)]` attributes generated models use: `rename`, `default`,
/// `default = "path"`, `deserialize_with = "path"`, `with = "module"`,
/// `skip_serializing_if = "path"`, `flatten` (one map of the keys no field takes; a `with`
/// module on it reads and writes each value) and `deny_unknown_fields`.
///
/// It does what `#[derive(Serialize, Deserialize)]` does for such a struct, with one `visit_map`
/// that matches keys as strings: no field enum, no sequence form (an array is not a struct), no
/// buffering for `flatten` (see `oas_validate::de` for what it saved on a large crate).
#[proc_macro_derive(JsonObject, attributes(serde))]
pub fn derive_json_object(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    json_object::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
