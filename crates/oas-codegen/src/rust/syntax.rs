//! Syntax trees built directly rather than written as tokens and parsed: a struct and its fields
//! are most of a model file's text (and module declarations most of `lib.rs`'s), and building them
//! costs a fraction of lexing and parsing them before prettyplease prints them.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use syn::{
    AttrStyle, Attribute, Expr, ExprLit, Field, FieldMutability, Item, ItemMod, ItemUse, Lit,
    LitStr, MacroDelimiter, Meta, MetaList, MetaNameValue, Path, Type, UseName, UsePath, UseTree,
    Visibility,
};

/// A path of one identifier (`doc`, `serde`).
fn path(name: &str) -> Path {
    Path::from(Ident::new(name, Span::call_site()))
}

/// `#[meta]`.
fn outer(meta: Meta) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// `#[doc = "text"]`, printed as `///text`.
pub(super) fn doc(text: &str) -> Attribute {
    outer(Meta::NameValue(MetaNameValue {
        path: path("doc"),
        eq_token: Default::default(),
        value: Expr::Lit(ExprLit {
            attrs: Vec::new(),
            lit: Lit::Str(doc_literal(text)),
        }),
    }))
}

/// The string literal of a doc line, written raw (`r"…"`): an escaped literal is escaped when
/// built and unescaped again when prettyplease prints it as `///`, where a raw one is copied.
fn doc_literal(text: &str) -> LitStr {
    let hashes = (0..)
        .map(|count| "#".repeat(count))
        .find(|hashes| !text.contains(&format!("\"{hashes}")))
        .expect("some number of hashes ends the literal");
    let raw = format!("r{hashes}\"{text}\"{hashes}").parse::<Literal>();
    match raw.map(Lit::new) {
        Ok(Lit::Str(literal)) => literal,
        _ => LitStr::new(text, Span::call_site()),
    }
}

/// `#[name]` (`#[deprecated]`).
pub(super) fn word(name: &str) -> Attribute {
    outer(Meta::Path(path(name)))
}

/// `#[name(tokens)]` (`#[serde(default)]`); the tokens are printed as they are.
pub(super) fn list(name: &str, tokens: TokenStream) -> Attribute {
    outer(Meta::List(MetaList {
        path: path(name),
        delimiter: MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

/// Outer attributes written as tokens (a model's docs), parsed.
pub(super) fn parse_attributes(tokens: TokenStream) -> Vec<Attribute> {
    syn::parse::Parser::parse2(Attribute::parse_outer, tokens)
        .expect("the emitter writes valid attributes")
}

/// A type from its text (`Option<Vec<String>>`). A spec repeats a few types in most fields, so
/// each thread keeps the types it parsed.
pub(super) fn parse_type(text: &str) -> Type {
    thread_local! {
        static PARSED: RefCell<HashMap<String, Type>> = RefCell::default();
    }
    PARSED.with_borrow_mut(|parsed| {
        if let Some(ty) = parsed.get(text) {
            return ty.clone();
        }
        let ty: Type = syn::parse_str(text).expect("the type mapping produces valid Rust types");
        parsed.insert(text.to_owned(), ty.clone());
        ty
    })
}

/// `pub ident: ty`, under `attrs`.
pub(super) fn public_field(attrs: Vec<Attribute>, ident: Ident, ty: Type) -> Field {
    Field {
        attrs,
        vis: Visibility::Public(Default::default()),
        mutability: FieldMutability::None,
        ident: Some(ident),
        colon_token: Some(Default::default()),
        ty,
    }
}

/// `mod module;`, under `attrs`.
pub(super) fn module_declaration(attrs: Vec<Attribute>, module: Ident) -> Item {
    Item::Mod(ItemMod {
        attrs,
        vis: Visibility::Inherited,
        unsafety: None,
        mod_token: Default::default(),
        ident: module,
        content: None,
        semi: Some(Default::default()),
    })
}

/// `pub use module::name;`, under `attrs`.
pub(super) fn public_use(attrs: Vec<Attribute>, module: Ident, name: Ident) -> Item {
    Item::Use(ItemUse {
        attrs,
        vis: Visibility::Public(Default::default()),
        use_token: Default::default(),
        leading_colon: None,
        tree: UseTree::Path(UsePath {
            ident: module,
            colon2_token: Default::default(),
            tree: Box::new(UseTree::Name(UseName { ident: name })),
        }),
        semi_token: Default::default(),
    })
}
