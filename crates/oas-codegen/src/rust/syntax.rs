//! Syntax trees built directly rather than written as tokens and parsed: a struct and its fields
//! are most of a model file's text (and module declarations most of `lib.rs`'s), and building them
//! costs a fraction of lexing and parsing them before prettyplease prints them.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::{
    AttrStyle, Attribute, Block, Expr, ExprCall, ExprLit, ExprMacro, ExprPath, ExprStruct, Field,
    FieldMutability, FieldValue, FnArg, ImplItem, ImplItemFn, Item, ItemImpl, ItemMacro, ItemMod,
    ItemUse, Lit, LitStr, Macro, MacroDelimiter, Member, Meta, MetaList, MetaNameValue, Pat,
    PatIdent, PatType, Path, ReturnType, Signature, Stmt, Type, UseName, UsePath, UseTree,
    Visibility,
};

/// A path from its text (`doc`, `Default::default`, `oas_validate::json_operations`).
fn path(text: &str) -> Path {
    Path {
        leading_colon: None,
        // Split at each `:` (no identifier holds one), which is cheaper than searching for `::`.
        segments: text
            .split(':')
            .filter(|segment| !segment.is_empty())
            .map(|segment| syn::PathSegment::from(Ident::new(segment, Span::call_site())))
            .collect(),
    }
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
    outer(doc_meta(doc_text("", text)))
}

/// The string literal of `text`. Printable ASCII without quotes or backslashes (a file name, a
/// feature) is lexed from its quoted form: `Literal::string` escapes character by character
/// through `char::escape_debug`, which costs several times as much.
pub(super) fn string_literal(text: &str) -> Literal {
    if is_plain_literal(text) {
        if let Ok(literal) = format!("\"{text}\"").parse() {
            return literal;
        }
    }
    Literal::string(text)
}

/// True for printable ASCII without quotes or backslashes: text whose string literal is the text
/// in quotes.
pub(super) fn is_plain_literal(text: &str) -> bool {
    text.bytes()
        .all(|byte| matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\')
}

/// The `#[doc]` of one line of a doc comment: after a space, so that `///` and the text stay
/// apart, unless the line is empty.
pub(super) fn doc_line(line: &str) -> Attribute {
    let lead = if line.is_empty() { "" } else { " " };
    outer(doc_meta(doc_text(lead, line)))
}

/// `#[doc = include_str!("page")]`: a model's docs are its Markdown page.
pub(super) fn doc_include(page: &str) -> Attribute {
    let page = TokenTree::Literal(string_literal(page)).into();
    outer(doc_meta(Expr::Macro(ExprMacro {
        attrs: Vec::new(),
        mac: macro_call("include_str", page),
    })))
}

/// `doc = value`.
fn doc_meta(value: Expr) -> Meta {
    Meta::NameValue(MetaNameValue {
        path: path("doc"),
        eq_token: Default::default(),
        value,
    })
}

/// The text of a doc attribute, `lead` then `text`, as a string literal.
fn doc_text(lead: &str, text: &str) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit: Lit::Str(doc_literal(lead, text)),
    })
}

/// `path!(tokens)`.
fn macro_call(macro_path: &str, tokens: TokenStream) -> Macro {
    Macro {
        path: path(macro_path),
        bang_token: Default::default(),
        delimiter: MacroDelimiter::Paren(Default::default()),
        tokens,
    }
}

/// The string literal of a doc line (`lead` then `text`), written raw (`r"…"`): an escaped
/// literal is escaped when built and unescaped again when prettyplease prints it as `///`, where
/// a raw one is copied. Built in one buffer: doc lines are most of a model file's text.
fn doc_literal(lead: &str, text: &str) -> LitStr {
    // The literal ends at a quote followed by as many hashes as it opened with, so it takes one
    // more than the longest run of hashes after a quote in the text; most lines have no quote.
    let hashes = if text.contains('"') {
        let longest_run = text
            .split('"')
            .skip(1)
            .map(|after_quote| after_quote.bytes().take_while(|&byte| byte == b'#').count())
            .max()
            .unwrap_or(0);
        "#".repeat(longest_run + 1)
    } else {
        String::new()
    };
    let mut raw = String::with_capacity(lead.len() + text.len() + 3 + 2 * hashes.len());
    for piece in ["r", &hashes, "\"", lead, text, "\"", &hashes] {
        raw.push_str(piece);
    }
    match raw.parse::<Literal>().map(Lit::new) {
        Ok(Lit::Str(literal)) => literal,
        _ => LitStr::new(&format!("{lead}{text}"), Span::call_site()),
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

/// A type from its text (`Option<Vec<String>>`). Most are a name with type arguments
/// ([`generic_type`]); the rest are parsed, and since a spec repeats a few types in most fields,
/// each thread keeps the types it parsed.
pub(super) fn parse_type(text: &str) -> Type {
    if let Some(ty) = generic_type(text) {
        return ty;
    }
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

/// `Name` or `Name<A, B>` whose arguments have the same form, built as a tree; `None` for any
/// other text (a tuple, a path with `::`), which is parsed.
fn generic_type(text: &str) -> Option<Type> {
    let text = text.trim();
    let (name, arguments) = match text.split_once('<') {
        Some((name, rest)) => (name.trim_end(), Some(rest.strip_suffix('>')?)),
        None => (text, None),
    };
    let is_name = name
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
        && name
            .bytes()
            .next()
            .is_some_and(|byte| byte.is_ascii_alphabetic());
    if !is_name {
        return None;
    }
    let mut segment = syn::PathSegment::from(Ident::new(name, Span::call_site()));
    if let Some(arguments) = arguments {
        let mut args = Punctuated::new();
        for argument in top_level_parts(arguments)? {
            args.push(syn::GenericArgument::Type(generic_type(argument)?));
        }
        segment.arguments =
            syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
                colon2_token: None,
                lt_token: Default::default(),
                args,
                gt_token: Default::default(),
            });
    }
    Some(Type::Path(syn::TypePath {
        qself: None,
        path: segment.into(),
    }))
}

/// `text` split at the commas outside angle brackets; `None` when the brackets do not match.
fn top_level_parts(text: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'<' => depth += 1,
            b'>' => depth = depth.checked_sub(1)?,
            b',' if depth == 0 => {
                parts.push(&text[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    (depth == 0).then(|| {
        parts.push(&text[start..]);
        parts
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

/// The widest line written as text without asking prettyplease: its margin, 89 columns, which
/// a line of a field, a `use` item or an attribute may fill without being broken (the tests
/// fail at 90).
pub(super) const WIDEST_WRITTEN: usize = 89;

/// Appends a one-line item: `line`, which the caller writes as prettyplease prints `item`, or
/// prettyplease's text of `item` when the line is too wide to be sure it is not broken.
pub(super) fn write_line_item(out: &mut String, line: &str, item: impl FnOnce() -> Item) {
    if line.len() <= WIDEST_WRITTEN {
        out.push_str(line);
        out.push('\n');
    } else {
        out.push_str(&print_items(vec![item()]));
    }
}

/// `items`, printed by prettyplease.
pub(super) fn print_items(items: Vec<Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

/// Appends a module file's head as prettyplease prints it: the module's doc line
/// (`//! The [`Model`] model.`) and a `use` item per module it imports from, `use a::B;` or
/// `use a::{B, C};`.
pub(super) fn write_module_head<'a>(
    out: &mut String,
    module_doc: &str,
    imports: impl IntoIterator<Item = (&'a str, &'a [String])>,
) {
    out.push_str("//!");
    out.push_str(module_doc.trim_end_matches(' '));
    out.push('\n');
    let mut line = String::new();
    for (module, names) in imports {
        line.clear();
        line.push_str("use ");
        line.push_str(module);
        line.push_str("::");
        match names {
            [one] => line.push_str(one),
            _ => {
                line.push('{');
                line.push_str(&names.join(", "));
                line.push('}');
            }
        }
        line.push(';');
        write_line_item(out, &line, || use_names(module, names));
    }
}

/// Appends what prettyplease prints for a model's two items in `lib.rs`, each gated by the
/// model's cargo feature (named as its module): `mod module;` and `pub use module::Name;`. Written
/// as text (1134 items on Ory's spec) unless the gate is too wide for [`WIDEST_WRITTEN`]; a test
/// holds the text to prettyplease printing the items.
pub(super) fn gated_module(out: &mut String, module: &str, name: &str) {
    let gate_width = "#[cfg(feature = \"\")]".len() + module.len();
    if gate_width > WIDEST_WRITTEN {
        out.push_str(&print_items(gated_module_items(module, name).into()));
        return;
    }
    let declaration = ["mod ", module, ";"].concat();
    let reexport = ["pub use ", module, "::", name, ";"].concat();
    for item in [declaration, reexport] {
        out.push_str("#[cfg(feature = \"");
        out.push_str(module);
        out.push_str("\")]\n");
        out.push_str(&item);
        out.push('\n');
    }
}

/// The syntax trees of [`gated_module`]'s items.
fn gated_module_items(module: &str, name: &str) -> [Item; 2] {
    let feature = string_literal(module);
    let gate = || vec![list("cfg", quote::quote!(feature = #feature))];
    let module = Ident::new(module, Span::call_site());
    let declaration = Item::Mod(ItemMod {
        attrs: gate(),
        vis: Visibility::Inherited,
        unsafety: None,
        mod_token: Default::default(),
        ident: module.clone(),
        content: None,
        semi: Some(Default::default()),
    });
    let tree = UseTree::Path(UsePath {
        ident: module,
        colon2_token: Default::default(),
        tree: Box::new(UseTree::Name(UseName {
            ident: Ident::new(name, Span::call_site()),
        })),
    });
    let reexport = use_item(gate(), Visibility::Public(Default::default()), tree);
    [declaration, reexport]
}

/// `use module::Name;`, or `use module::{A, B};` for several names; `module` is a path
/// (`std::collections`).
pub(super) fn use_names(module: &str, names: &[String]) -> Item {
    let name = |name: &String| {
        UseTree::Name(UseName {
            ident: Ident::new(name, Span::call_site()),
        })
    };
    let leaf = match names {
        [one] => name(one),
        _ => UseTree::Group(syn::UseGroup {
            brace_token: Default::default(),
            items: names.iter().map(name).collect(),
        }),
    };
    let tree = module.rsplit("::").fold(leaf, |tree, segment| {
        UseTree::Path(UsePath {
            ident: Ident::new(segment, Span::call_site()),
            colon2_token: Default::default(),
            tree: Box::new(tree),
        })
    });
    use_item(Vec::new(), Visibility::Inherited, tree)
}

/// An enum variant under `attrs`: `Name`, or `Name(payload)`.
pub(super) fn variant(attrs: Vec<Attribute>, ident: Ident, payload: Option<Type>) -> syn::Variant {
    let fields = match payload {
        None => syn::Fields::Unit,
        Some(ty) => syn::Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: std::iter::once(Field {
                attrs: Vec::new(),
                vis: Visibility::Inherited,
                mutability: FieldMutability::None,
                ident: None,
                colon_token: None,
                ty,
            })
            .collect(),
        }),
    };
    syn::Variant {
        attrs,
        ident,
        fields,
        discriminant: None,
    }
}

/// `pub enum Name { variants }`, under `attrs`.
pub(super) fn public_enum(
    attrs: Vec<Attribute>,
    ident: Ident,
    variants: Vec<syn::Variant>,
) -> Item {
    Item::Enum(syn::ItemEnum {
        attrs,
        vis: Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident,
        generics: Default::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    })
}

/// `use tree;` under `attrs`, with `vis`.
fn use_item(attrs: Vec<Attribute>, vis: Visibility, tree: UseTree) -> Item {
    Item::Use(ItemUse {
        attrs,
        vis,
        use_token: Default::default(),
        leading_colon: None,
        tree,
        semi_token: Default::default(),
    })
}

/// `path()`: a call without arguments (`Default::default()`).
pub(super) fn call(function: &str) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(Expr::Path(ExprPath {
            attrs: Vec::new(),
            qself: None,
            path: path(function),
        })),
        paren_token: Default::default(),
        args: Punctuated::new(),
    })
}

/// An expression naming a local variable (`max_len`).
pub(super) fn path_expression(ident: Ident) -> Expr {
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: Path::from(ident),
    })
}

/// `field: value` in a struct expression, or the shorthand `field` when `value` is `None`.
pub(super) fn field_value(field: Ident, value: Option<Expr>) -> FieldValue {
    let (colon_token, expr) = match value {
        Some(expr) => (Some(Default::default()), expr),
        None => (None, path_expression(field.clone())),
    };
    FieldValue {
        attrs: Vec::new(),
        member: Member::Named(field),
        colon_token,
        expr,
    }
}

/// `fn name(parameters) -> Self { Self { fields } }`: a constructor, under `attrs`.
pub(super) fn constructor_fn(
    attrs: Vec<Attribute>,
    vis: Visibility,
    name: &str,
    parameters: Vec<(Ident, Type)>,
    fields: Vec<FieldValue>,
) -> ImplItem {
    let inputs = parameters
        .into_iter()
        .map(|(ident, ty)| {
            FnArg::Typed(PatType {
                attrs: Vec::new(),
                pat: Box::new(Pat::Ident(PatIdent {
                    attrs: Vec::new(),
                    by_ref: None,
                    mutability: None,
                    ident,
                    subpat: None,
                })),
                colon_token: Default::default(),
                ty: Box::new(ty),
            })
        })
        .collect();
    let body = Expr::Struct(ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: path("Self"),
        brace_token: Default::default(),
        fields: fields.into_iter().collect(),
        dot2_token: None,
        rest: None,
    });
    ImplItem::Fn(ImplItemFn {
        attrs,
        vis,
        defaultness: None,
        sig: Signature {
            constness: None,
            asyncness: None,
            unsafety: None,
            abi: None,
            fn_token: Default::default(),
            ident: Ident::new(name, Span::call_site()),
            generics: Default::default(),
            paren_token: Default::default(),
            inputs,
            variadic: None,
            output: ReturnType::Type(Default::default(), Box::new(parse_type("Self"))),
        },
        block: Block {
            brace_token: Default::default(),
            stmts: vec![Stmt::Expr(body, None)],
        },
    })
}

/// `impl Type { items }`, or `impl Trait for Type { items }`.
pub(super) fn impl_block(trait_path: Option<&str>, self_type: &str, items: Vec<ImplItem>) -> Item {
    Item::Impl(ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics: Default::default(),
        trait_: trait_path.map(|trait_path| (None, path(trait_path), Default::default())),
        self_ty: Box::new(parse_type(self_type)),
        brace_token: Default::default(),
        items,
    })
}

/// `path!(tokens);` at item level (`oas_validate::json_operations!(Pet);`).
pub(super) fn macro_item(macro_path: &str, tokens: TokenStream) -> Item {
    Item::Macro(ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: macro_call(macro_path, tokens),
        semi_token: Some(Default::default()),
    })
}

/// Associated items written as tokens (functions of an `impl` block), parsed.
pub(super) fn parse_impl_items(tokens: TokenStream) -> Vec<ImplItem> {
    let items = |input: syn::parse::ParseStream| {
        let mut items = Vec::new();
        while !input.is_empty() {
            items.push(input.parse()?);
        }
        Ok(items)
    };
    syn::parse::Parser::parse2(items, tokens).expect("the emitter writes valid impl items")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `#![doc = "text"]`, printed as `//!text`.
    fn inner_doc(text: &str) -> Attribute {
        Attribute {
            style: AttrStyle::Inner(Default::default()),
            ..outer(doc_meta(doc_text("", text)))
        }
    }

    /// The hashes a raw literal of `text` needs, found by trying one more until none closes early.
    fn hashes_by_trial(text: &str) -> usize {
        if !text.contains('"') {
            return 0;
        }
        (1..)
            .find(|&count| !text.contains(&format!("\"{}", "#".repeat(count))))
            .expect("some number of hashes ends the literal")
    }

    #[test]
    fn names_with_type_arguments_are_built_and_the_rest_parsed() {
        for text in [
            "String",
            "Option<String>",
            "Vec<Option<JsonWebKey>>",
            "BTreeMap<String, Vec<u8>>",
        ] {
            let built = generic_type(text).expect("a name with arguments is built");
            let parsed: Type = syn::parse_str(text).unwrap();
            assert_eq!(
                quote::quote!(#built).to_string(),
                quote::quote!(#parsed).to_string()
            );
        }
        for text in [
            "(String, i64)",
            "chrono::DateTime<FixedOffset>",
            "Vec<(u8, u8)>",
            "2x",
        ] {
            assert!(generic_type(text).is_none(), "{text}");
        }
    }

    proptest::proptest! {
        /// The gated module items written are what prettyplease prints for them, for names
        /// short, around the longest written as text, and longer than a line.
        #[test]
        fn gated_modules_are_written_as_prettyplease_prints_them(
            module in "[a-z][a-z0-9_]{0,12}|[a-z][a-z0-9_]{50,120}",
            name in "[A-Z][A-Za-z0-9]{0,12}|[A-Z][A-Za-z0-9]{90,120}",
        ) {
            let mut written = String::new();
            gated_module(&mut written, &module, &name);
            let file = syn::File {
                shebang: None,
                attrs: Vec::new(),
                items: gated_module_items(&module, &name).into(),
            };
            proptest::prop_assert_eq!(written, prettyplease::unparse(&file));
        }

        /// A module's head written as text is what prettyplease prints for its doc and `use`
        /// items, for names short and longer than a line.
        #[test]
        fn module_heads_are_written_as_prettyplease_prints_them(
            model in "M[A-Za-z0-9]{0,10}|M[A-Za-z0-9]{70,90}",
            imports in proptest::collection::btree_map(
                "super|chrono|oas_validate|std::collections|a[a-z_]{30,50}::b[a-z_]{0,20}",
                proptest::collection::vec("M[A-Za-z0-9]{0,8}|M[A-Za-z0-9]{20,40}", 1..4),
                0..4,
            ),
        ) {
            let module_doc = format!(" The [`{model}`] model.");
            let mut written = String::new();
            write_module_head(
                &mut written,
                &module_doc,
                imports.iter().map(|(module, names)| (module.as_str(), names.as_slice())),
            );
            let file = syn::File {
                shebang: None,
                attrs: vec![inner_doc(&module_doc)],
                items: imports.iter().map(|(module, names)| use_names(module, names)).collect(),
            };
            proptest::prop_assert_eq!(written, prettyplease::unparse(&file));
        }

        /// A type built from its text prints as the parsed type does.
        #[test]
        fn built_types_are_the_parsed_ones(text in r"(Option<|Vec<|Box<|BTreeMap<String, )*(String|i64|JsonWebKey|A2)>{0,3}|[A-Za-z_<>, ():0-9]{0,16}") {
            // A keyword (`as`) is built but does not parse; the mapping never writes one.
            if let (Some(built), Ok(parsed)) = (generic_type(&text), syn::parse_str::<Type>(&text)) {
                proptest::prop_assert_eq!(quote::quote!(#built).to_string(), quote::quote!(#parsed).to_string());
            }
        }

        /// A string literal lexed from its quoted form is the one `Literal::string` escapes.
        #[test]
        fn string_literals_are_the_escaped_ones(text in r#"[ -~]{0,20}|[a\\nt"']{0,6}|.{0,12}"#) {
            proptest::prop_assert_eq!(
                string_literal(&text).to_string(),
                Literal::string(&text).to_string()
            );
        }

        /// A doc line's literal is raw, holds the text, and opens with the fewest hashes that
        /// keep it from closing early.
        #[test]
        fn doc_literals_are_raw_with_the_fewest_hashes(text in "[a-z \"#]{0,24}|[^\r]{0,40}") {
            let literal = doc_literal("", &text);
            let repr = literal.token().to_string();
            proptest::prop_assert_eq!(literal.value(), text.clone());
            proptest::prop_assert!(repr.starts_with('r'), "not raw: {}", repr);
            let opened = repr[1..].bytes().take_while(|&byte| byte == b'#').count();
            proptest::prop_assert_eq!(opened, hashes_by_trial(&text));
        }
    }
}
