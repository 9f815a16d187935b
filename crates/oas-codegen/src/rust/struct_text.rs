//! A struct model's definition written as text, as prettyplease prints it.
//!
//! A struct's docs, attributes and fields are most of a model file. Built as a syntax tree, each
//! doc line was a string literal and each attribute and type a tree of tokens, which prettyplease
//! printed token by token; that was the largest part of generation. Instead [`StructText::write`]
//! writes the struct line by line: doc lines as prettyplease prints doc attributes, the attributes
//! most fields share as prettyplease printed them once per thread, a field's own attributes as
//! prettyplease prints them for all of the struct's fields at once, and `pub name: Type,` where
//! that line is short and its type written as prettyplease writes types (prettyplease prints the
//! field otherwise). The tests hold the text to prettyplease printing the struct as a syntax tree.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use syn::Attribute;

use super::syntax::{self, WIDEST_WRITTEN};

/// The indentation of a struct's fields.
const FIELD_INDENT: &str = "    ";

/// A struct model, ready to be written.
pub(super) struct StructText {
    /// The struct's docs.
    pub(super) docs: ItemDocs,
    /// Its attributes after the docs (`#[derive(...)]`).
    pub(super) attributes: Vec<SharedAttribute>,
    /// Its name.
    pub(super) name: String,
    /// Its fields, in order.
    pub(super) fields: Vec<FieldText>,
}

/// A struct's docs.
pub(super) enum ItemDocs {
    /// `#[doc = include_str!("page")]`: the model's Markdown page.
    Page(String),
    /// A doc comment of these lines.
    Lines(Vec<String>),
}

/// One field of a [`StructText`].
pub(super) struct FieldText {
    /// The doc comment's lines.
    pub(super) docs: Vec<String>,
    /// The attributes after the docs, in order.
    pub(super) attributes: Vec<FieldAttribute>,
    /// The field's name as written (`r#type` for a keyword).
    pub(super) name: String,
    /// The field's type as written (`Option<Vec<String>>`).
    pub(super) ty: String,
}

/// An attribute that many structs or fields take: its name, under which each thread keeps its
/// printed lines (so no other shared attribute may have it), and the function that builds it.
#[derive(Clone, Copy)]
pub(super) struct SharedAttribute(pub(super) &'static str, pub(super) fn() -> Attribute);

/// A field attribute.
pub(super) enum FieldAttribute {
    /// One that many fields take.
    Shared(SharedAttribute),
    /// This field's own.
    Own(Box<Attribute>),
}

impl FieldAttribute {
    /// A shared attribute, named `name` and built by `build`.
    pub(super) fn shared(name: &'static str, build: fn() -> Attribute) -> FieldAttribute {
        FieldAttribute::Shared(SharedAttribute(name, build))
    }

    /// A field's own attribute.
    pub(super) fn own(attribute: Attribute) -> FieldAttribute {
        FieldAttribute::Own(Box::new(attribute))
    }
}

/// Where an attribute is printed: on a top-level item, or on a field of a top-level struct.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Item,
    Field,
}

impl StructText {
    /// Appends the struct to `out`, as prettyplease prints it.
    pub(super) fn write(&self, out: &mut String) {
        match &self.docs {
            ItemDocs::Page(page) => write_page_doc(out, page),
            ItemDocs::Lines(lines) => write_doc_lines(out, "", lines),
        }
        for attribute in &self.attributes {
            write_lines(out, "", &printed_shared(Place::Item, *attribute));
        }
        out.push_str("pub struct ");
        out.push_str(&self.name);
        if self.fields.is_empty() {
            out.push_str(" {}\n");
            return;
        }
        out.push_str(" {\n");
        let mut own = own_attribute_lines(&self.fields).into_iter();
        for field in &self.fields {
            write_doc_lines(out, FIELD_INDENT, &field.docs);
            for attribute in &field.attributes {
                match attribute {
                    FieldAttribute::Shared(shared) => {
                        write_lines(out, FIELD_INDENT, &printed_shared(Place::Field, *shared));
                    }
                    FieldAttribute::Own(_) => {
                        let lines = own.next().expect("a printed group per own attribute");
                        write_lines(out, FIELD_INDENT, &lines);
                    }
                }
            }
            write_field_line(out, field);
        }
        out.push_str("}\n");
    }
}

/// Doc lines as prettyplease prints `#[doc = " line"]`: the indentation, `///`, and the line
/// after a space (none for an empty line) without trailing spaces.
fn write_doc_lines(out: &mut String, indent: &str, lines: &[String]) {
    for line in lines {
        out.push_str(indent);
        out.push_str("///");
        let text = line.trim_end_matches(' ');
        if !text.is_empty() {
            out.push(' ');
            out.push_str(text);
        }
        out.push('\n');
    }
}

/// Printed lines, each at `indent`.
fn write_lines(out: &mut String, indent: &str, lines: &[String]) {
    for line in lines {
        out.push_str(indent);
        out.push_str(line);
        out.push('\n');
    }
}

/// `#[doc = include_str!("page")]`, written when it is short and its path needs no escape.
fn write_page_doc(out: &mut String, page: &str) {
    const OPEN: &str = "#[doc = include_str!(\"";
    const CLOSE: &str = "\")]";
    if syntax::is_plain_literal(page) && OPEN.len() + page.len() + CLOSE.len() <= WIDEST_WRITTEN {
        out.push_str(OPEN);
        out.push_str(page);
        out.push_str(CLOSE);
        out.push('\n');
    } else {
        write_lines(
            out,
            "",
            &print_attributes(Place::Item, vec![syntax::doc_include(page)]).concat(),
        );
    }
}

/// `pub name: Type,`, written when it is short and its type is written as prettyplease writes
/// types; printed by prettyplease otherwise.
fn write_field_line(out: &mut String, field: &FieldText) {
    let width = FIELD_INDENT.len() + "pub : ,".len() + field.name.len() + field.ty.len();
    if width <= WIDEST_WRITTEN && is_written_as_printed(&field.ty) {
        out.push_str(FIELD_INDENT);
        out.push_str("pub ");
        out.push_str(&field.name);
        out.push_str(": ");
        out.push_str(&field.ty);
        out.push_str(",\n");
        return;
    }
    let ident = super::field_ident(&field.name);
    let ty = syntax::parse_type(&field.ty);
    let printed = print_struct(vec![syntax::public_field(Vec::new(), ident, ty)]);
    for line in struct_body(&printed) {
        out.push_str(line);
        out.push('\n');
    }
}

/// True when prettyplease prints the type of this text as the text itself: names, paths and
/// type arguments, a comma followed by one space and no other spaces.
fn is_written_as_printed(ty: &str) -> bool {
    let bytes = ty.as_bytes();
    bytes.iter().enumerate().all(|(at, &byte)| match byte {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'<' | b'>' | b':' => true,
        b',' => bytes.get(at + 1) == Some(&b' '),
        b' ' => at > 0 && bytes[at - 1] == b',',
        _ => false,
    }) && !ty.contains("::<")
}

/// The printed lines of every own attribute of `fields`, in order, from one prettyplease run.
fn own_attribute_lines(fields: &[FieldText]) -> Vec<Vec<String>> {
    let own: Vec<Attribute> = fields
        .iter()
        .flat_map(|field| &field.attributes)
        .filter_map(|attribute| match attribute {
            FieldAttribute::Own(attribute) => Some((**attribute).clone()),
            FieldAttribute::Shared(_) => None,
        })
        .collect();
    if own.is_empty() {
        return Vec::new();
    }
    print_attributes(Place::Field, own)
}

/// The lines prettyplease prints for a shared attribute at `place`, without the place's
/// indentation; printed once per thread.
fn printed_shared(place: Place, SharedAttribute(name, build): SharedAttribute) -> Rc<[String]> {
    /// Printed lines by place and name.
    type Printed = HashMap<(Place, &'static str), Rc<[String]>>;
    thread_local! {
        static PRINTED: RefCell<Printed> = Default::default();
    }
    PRINTED.with_borrow_mut(|printed| {
        Rc::clone(printed.entry((place, name)).or_insert_with(|| {
            print_attributes(place, vec![build()])
                .pop()
                .expect("one attribute printed")
                .into()
        }))
    })
}

/// The lines prettyplease prints for each of `attributes` at `place`, without the place's
/// indentation: each on an item or field of its own, in one file.
fn print_attributes(place: Place, attributes: Vec<Attribute>) -> Vec<Vec<String>> {
    let count = attributes.len();
    let printed = match place {
        Place::Item => syntax::print_items(
            attributes
                .into_iter()
                .map(|attribute| syn::Item::Struct(struct_model(vec![attribute], None)))
                .collect(),
        ),
        Place::Field => print_struct(
            attributes
                .into_iter()
                .map(|attribute| {
                    syntax::public_field(
                        vec![attribute],
                        quote::format_ident!("field"),
                        syntax::parse_type("u8"),
                    )
                })
                .collect(),
        ),
    };
    // Each attribute's lines end at the line of the item or field it is on.
    let (end, indent, lines) = match place {
        Place::Item => ("struct Model;", "", printed.lines().collect()),
        Place::Field => ("    pub field: u8,", FIELD_INDENT, struct_body(&printed)),
    };
    let mut groups = Vec::with_capacity(count);
    let mut group = Vec::new();
    for line in lines {
        if line == end {
            groups.push(std::mem::take(&mut group));
        } else {
            let line = line
                .strip_prefix(indent)
                .expect("an attribute is indented as its field");
            group.push(line.to_owned());
        }
    }
    debug_assert_eq!(groups.len(), count, "a group of lines per attribute");
    groups
}

/// A struct of `fields`, printed by prettyplease.
fn print_struct(fields: Vec<syn::Field>) -> String {
    syntax::print_items(vec![syn::Item::Struct(struct_model(
        Vec::new(),
        Some(fields),
    ))])
}

/// The lines of a printed struct between `struct Model {` and `}`: its fields.
fn struct_body(printed: &str) -> Vec<&str> {
    let lines: Vec<&str> = printed.lines().collect();
    lines[1..lines.len() - 1].to_vec()
}

/// `struct Model { fields }` under `attrs`, or `struct Model;` without fields.
fn struct_model(attrs: Vec<Attribute>, fields: Option<Vec<syn::Field>>) -> syn::ItemStruct {
    let (fields, semi_token) = match fields {
        Some(fields) => (
            syn::Fields::Named(syn::FieldsNamed {
                brace_token: Default::default(),
                named: fields.into_iter().collect(),
            }),
            None,
        ),
        None => (syn::Fields::Unit, Some(Default::default())),
    };
    syn::ItemStruct {
        attrs,
        vis: syn::Visibility::Inherited,
        struct_token: Default::default(),
        ident: quote::format_ident!("Model"),
        generics: Default::default(),
        fields,
        semi_token,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// A shared attribute that fits on its line.
    fn short_shared() -> Attribute {
        syntax::list(
            "serde",
            quote!(default, skip_serializing_if = "Option::is_none"),
        )
    }

    /// A shared attribute too long for its line, which prettyplease breaks.
    fn long_shared() -> Attribute {
        let test = "crate::some::rather::long::module::path::to::a::test::of::absence::is_absent";
        syntax::list(
            "serde",
            quote!(default, rename = "aLongWireName", skip_serializing_if = #test),
        )
    }

    /// The field attributes `choice` names: shared ones, and a field's own (short and long).
    fn field_attribute(choice: u8) -> FieldAttribute {
        match choice % 5 {
            0 => FieldAttribute::shared("short", short_shared),
            1 => FieldAttribute::shared("long", long_shared),
            2 => FieldAttribute::shared("deprecated", || syntax::word("deprecated")),
            3 => FieldAttribute::own(syntax::list("validate", quote!(nested))),
            _ => {
                let pattern = "^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$|^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$";
                FieldAttribute::own(syntax::list("validate", quote!(pattern = #pattern)))
            }
        }
    }

    /// The struct's attributes `choices` names.
    fn item_attribute(choice: u8) -> SharedAttribute {
        match choice % 3 {
            0 => SharedAttribute("derive", || {
                syntax::list("derive", quote!(Debug, Clone, PartialEq))
            }),
            1 => SharedAttribute("deprecated", || syntax::word("deprecated")),
            _ => SharedAttribute("long", long_shared),
        }
    }

    /// Types written as printed, one of them too long for a line, and a tuple, which is not.
    const TYPES: &[&str] = &[
        "String",
        "Option<Vec<String>>",
        "BTreeMap<String, serde_json::Value>",
        "Nullable<DateTime<FixedOffset>>",
        "Option<Vec<Option<BTreeMap<String, AVeryLongModelNameThatGoesOnAndOnAndOnAndOnAndOnAndOn>>>>",
        "(u8, u8)",
    ];

    /// One struct's parts: name, page or doc lines, attributes, and per field its doc lines,
    /// attribute choices, name and type choice.
    type Parts = (
        String,
        Option<String>,
        Vec<String>,
        Vec<u8>,
        Vec<(Vec<String>, Vec<u8>, String, usize)>,
    );

    fn written(parts: &Parts) -> String {
        let (name, page, lines, attributes, fields) = parts;
        let text = StructText {
            docs: match page {
                Some(page) => ItemDocs::Page(page.clone()),
                None => ItemDocs::Lines(lines.clone()),
            },
            attributes: attributes
                .iter()
                .map(|&choice| item_attribute(choice))
                .collect(),
            name: name.clone(),
            fields: fields
                .iter()
                .map(|(docs, choices, name, ty)| FieldText {
                    docs: docs.clone(),
                    attributes: choices
                        .iter()
                        .map(|&choice| field_attribute(choice))
                        .collect(),
                    name: name.clone(),
                    ty: TYPES[ty % TYPES.len()].to_owned(),
                })
                .collect(),
        };
        let mut out = String::new();
        text.write(&mut out);
        out
    }

    /// The same struct as a syntax tree, printed by prettyplease.
    fn printed(parts: &Parts) -> String {
        let (name, page, lines, attributes, fields) = parts;
        let mut attrs: Vec<Attribute> = match page {
            Some(page) => vec![syntax::doc_include(page)],
            None => lines.iter().map(|line| syntax::doc_line(line)).collect(),
        };
        attrs.extend(
            attributes
                .iter()
                .map(|&choice| (item_attribute(choice).1)()),
        );
        let fields = fields.iter().map(|(docs, choices, name, ty)| {
            let mut attrs: Vec<Attribute> =
                docs.iter().map(|line| syntax::doc_line(line)).collect();
            attrs.extend(choices.iter().map(|&choice| match field_attribute(choice) {
                FieldAttribute::Shared(SharedAttribute(_, build)) => build(),
                FieldAttribute::Own(attribute) => *attribute,
            }));
            let ty = syntax::parse_type(TYPES[ty % TYPES.len()]);
            syntax::public_field(attrs, super::super::field_ident(name), ty)
        });
        let ident = quote::format_ident!("{}", name);
        let mut item: syn::ItemStruct = syn::parse_quote!(pub struct #ident { #(#fields),* });
        item.attrs = attrs;
        prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![syn::Item::Struct(item)],
        })
    }

    fn doc_line_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex("|[^\r\n]{0,30}|[a-z ]{0,6}  |/x|\\[x\\] `a` \"q\"# |\0")
            .unwrap()
    }

    proptest::proptest! {
        /// A struct written as text is what prettyplease prints for it as a syntax tree.
        #[test]
        fn structs_are_written_as_prettyplease_prints_them(
            name in "M[A-Za-z0-9]{0,10}|M[A-Za-z0-9]{60,90}",
            page in proptest::option::of("\\.\\./docs/[A-Za-z0-9]{0,70}\\.md|a\"b\\\\c"),
            lines in proptest::collection::vec(doc_line_strategy(), 0..3),
            attributes in proptest::collection::vec(0u8..3, 0..3),
            fields in proptest::collection::vec(
                (
                    proptest::collection::vec(doc_line_strategy(), 0..3),
                    proptest::collection::vec(0u8..5, 0..4),
                    "f_[a-z0-9_]{0,10}|r#type|f_[a-z0-9_]{40,70}",
                    0..TYPES.len(),
                ),
                0..4,
            ),
        ) {
            let parts = (name, page, lines, attributes, fields);
            proptest::prop_assert_eq!(written(&parts), printed(&parts));
        }
    }

    #[test]
    fn long_attributes_and_fields_are_broken_as_prettyplease_breaks_them() {
        let field = |ty: usize| {
            (
                vec!["a".to_owned()],
                vec![1, 0, 4, 1],
                "field".to_owned(),
                ty,
            )
        };
        let parts: Parts = (
            "Model".to_owned(),
            None,
            vec!["Docs.".to_owned()],
            vec![0, 2],
            vec![field(0), field(4), field(5)],
        );
        let text = written(&parts);
        assert_eq!(text, printed(&parts));
        assert!(printed_shared(Place::Field, SharedAttribute("long", long_shared)).len() > 1);
        assert!(text.contains("    pub field: Option<\n"), "{text}");
    }

    #[test]
    fn doc_lines_of_spaces_or_the_nul_character_are_written_as_printed() {
        let lines = vec![
            "  ".to_owned(),
            "\0".to_owned(),
            String::new(),
            "a  ".to_owned(),
        ];
        let parts: Parts = (
            "Model".to_owned(),
            None,
            lines.clone(),
            Vec::new(),
            vec![(lines, vec![0], "field".to_owned(), 0)],
        );
        assert_eq!(written(&parts), printed(&parts));
    }

    #[test]
    fn types_are_written_as_printed_only_in_prettypleases_form() {
        for ty in [
            "String",
            "Option<Vec<String>>",
            "BTreeMap<String, serde_json::Value>",
        ] {
            assert!(is_written_as_printed(ty), "{ty}");
        }
        for ty in [
            "(u8, u8)",
            "BTreeMap<String,Value>",
            "Vec< u8>",
            "Vec::<u8>",
            "&str",
        ] {
            assert!(!is_written_as_printed(ty), "{ty}");
        }
    }
}
