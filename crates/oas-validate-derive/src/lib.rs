//! `#[derive(Validate)]` for `oas-validate`: parse the `#[validate(...)]` attributes into a typed
//! model (`model`), check it (`check`: patterns compile, formats are known), then emit the
//! `Validate` impl (`emit`). Every mistake is reported at once, spanned where it was made.

mod check;
mod emit;
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
