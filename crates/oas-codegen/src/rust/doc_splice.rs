//! Field doc comments and attributes put into a model file after prettyplease has printed it.
//!
//! Field docs and attributes are most of a model file's lines. As `#[doc = "..."]` attributes
//! each doc line is built as a string literal, printed by prettyplease as `///` and the literal's
//! value with its trailing spaces trimmed, and freed; a fifth of generation went there. Most
//! fields also take one of a few `#[serde(...)]` attributes, which prettyplease prints token by
//! token each time. Instead each field gets one marker attribute, prettyplease prints the code
//! around it, and [`DocLines::splice`] writes each marker's doc lines in that same form at the
//! marker's indentation, then its shared attributes as prettyplease printed them once per thread:
//! the same bytes, which the tests hold against prettyplease printing the attributes itself.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use syn::Attribute;

use super::syntax;

/// What a marker's doc text starts with; no doc line of the file may hold it.
const MARK: char = '\0';

/// The indentation of a top-level struct's fields, where every marker stands and at which the
/// attributes are printed once.
const FIELD_INDENT: &str = "    ";

/// A field attribute for [`DocLines::attributes`].
pub(super) enum FieldAttribute {
    /// One that many fields take, under a name of its own and built by the function: printed
    /// once per thread and spliced.
    Shared(&'static str, fn() -> Attribute),
    /// This field's own, printed by prettyplease with the field.
    Own(Box<Attribute>),
}

impl FieldAttribute {
    /// A field's own attribute.
    pub(super) fn own(attribute: Attribute) -> FieldAttribute {
        FieldAttribute::Own(Box::new(attribute))
    }

    fn into_attribute(self) -> Attribute {
        match self {
            FieldAttribute::Shared(_, build) => build(),
            FieldAttribute::Own(attribute) => *attribute,
        }
    }
}

/// The lines behind one marker: doc lines, then attributes as printed (relative to the field's
/// indentation).
struct Block {
    docs: Vec<String>,
    attributes: Vec<Rc<[String]>>,
}

/// The doc lines and attributes of one file's fields, each block standing behind one marker
/// attribute.
#[derive(Default)]
pub(super) struct DocLines {
    blocks: Vec<Block>,
}

impl DocLines {
    /// The attributes of a field of a top-level struct with a doc comment of `lines` and then
    /// `attributes`: one marker for [`DocLines::splice`] to replace, standing for the lines and
    /// the shared attributes up to the first of the field's own, which follow it; or each line's
    /// own attribute and then `attributes` when a line holds the marker character.
    pub(super) fn attributes(
        &mut self,
        lines: Vec<String>,
        attributes: Vec<FieldAttribute>,
    ) -> Vec<Attribute> {
        if lines.iter().any(|line| line.contains(MARK)) {
            let docs = lines.iter().map(|line| syntax::doc_line(line));
            return docs
                .chain(attributes.into_iter().map(FieldAttribute::into_attribute))
                .collect();
        }
        let mut attributes = attributes.into_iter().peekable();
        let mut printed = Vec::new();
        while let Some(FieldAttribute::Shared(name, build)) = attributes.peek() {
            printed.push(printed_attribute(name, *build));
            attributes.next();
        }
        let mut all = Vec::new();
        if !lines.is_empty() || !printed.is_empty() {
            all.push(marker(self.blocks.len()));
            self.blocks.push(Block {
                docs: lines,
                attributes: printed,
            });
        }
        all.extend(attributes.map(FieldAttribute::into_attribute));
        all
    }

    /// `printed` (prettyplease's text of the file) with each marker line replaced by its doc
    /// lines, as prettyplease prints a doc attribute: the marker's indentation, `///`, and the
    /// line after a space (none for an empty line) without trailing spaces; then by its
    /// attributes' lines at that indentation.
    pub(super) fn splice(&self, printed: String) -> String {
        if self.blocks.is_empty() {
            return printed;
        }
        let extra: usize = self
            .blocks
            .iter()
            .map(|block| {
                let docs: usize = block.docs.iter().map(|line| line.len() + 16).sum();
                let attributes: usize = block
                    .attributes
                    .iter()
                    .flat_map(|lines| lines.iter())
                    .map(|line| line.len() + 16)
                    .sum();
                docs + attributes
            })
            .sum();
        let mut out = String::with_capacity(printed.len() + extra);
        let mut rest = printed.as_str();
        // Where to look for the next marker in `rest`: past a doc line that holds the marker
        // character itself.
        let mut from = 0;
        while let Some(offset) = memchr::memchr(MARK as u8, &rest.as_bytes()[from..]) {
            let mark = from + offset;
            let Some(at) = rest[..mark].strip_suffix("///").map(str::len) else {
                from = mark + 1;
                continue;
            };
            let line_start = rest[..at].rfind('\n').map_or(0, |newline| newline + 1);
            let indent = &rest[line_start..at];
            out.push_str(&rest[..line_start]);
            let after = &rest[mark + MARK.len_utf8()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let index: usize = after[..digits].parse().expect("a marker names its block");
            let block = &self.blocks[index];
            for line in &block.docs {
                out.push_str(indent);
                out.push_str("///");
                let text = line.trim_end_matches(' ');
                if !text.is_empty() {
                    out.push(' ');
                    out.push_str(text);
                }
                out.push('\n');
            }
            debug_assert!(
                block.attributes.is_empty() || indent == FIELD_INDENT,
                "shared attributes are printed for a top-level struct's fields"
            );
            for line in block.attributes.iter().flat_map(|lines| lines.iter()) {
                out.push_str(indent);
                out.push_str(line);
                out.push('\n');
            }
            rest = after[digits..]
                .strip_prefix('\n')
                .unwrap_or(&after[digits..]);
            from = 0;
        }
        out.push_str(rest);
        out
    }
}

/// The marker of block `index`: `#[doc = "\0{index}"]`. Files number their blocks from 0, so
/// each thread builds each marker once and clones it.
fn marker(index: usize) -> Attribute {
    thread_local! {
        static MARKERS: RefCell<Vec<Attribute>> = const { RefCell::new(Vec::new()) };
    }
    MARKERS.with_borrow_mut(|markers| {
        for next in markers.len()..=index {
            markers.push(syntax::short_doc(&format!("{MARK}{next}")));
        }
        markers[index].clone()
    })
}

/// The lines prettyplease prints for the shared attribute `name` (built by `build`) on a field of
/// a top-level struct, without the field's indentation; printed once per thread.
fn printed_attribute(name: &'static str, build: fn() -> Attribute) -> Rc<[String]> {
    thread_local! {
        static PRINTED: RefCell<HashMap<&'static str, Rc<[String]>>> = Default::default();
    }
    PRINTED.with_borrow_mut(|printed| {
        Rc::clone(
            printed
                .entry(name)
                .or_insert_with(|| print_alone(build()).into()),
        )
    })
}

/// `attribute` printed by prettyplease on the one field of a struct, its lines without the
/// field's indentation.
fn print_alone(attribute: Attribute) -> Vec<String> {
    let field = syntax::public_field(
        vec![attribute],
        quote::format_ident!("field"),
        syntax::parse_type("u8"),
    );
    let item: syn::ItemStruct = syn::parse_quote!(struct Model { #field });
    let file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![syn::Item::Struct(item)],
    };
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    // `struct Model {`, the attribute's lines, `pub field: u8,`, `}`.
    lines[1..lines.len() - 2]
        .iter()
        .map(|line| {
            line.strip_prefix(FIELD_INDENT)
                .expect("a field's attribute is indented as the field")
                .to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{format_ident, quote};

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
            0 => FieldAttribute::Shared("short", short_shared),
            1 => FieldAttribute::Shared("long", long_shared),
            2 => FieldAttribute::Shared("deprecated", || syntax::word("deprecated")),
            3 => FieldAttribute::own(syntax::list("validate", quote!(nested))),
            _ => {
                let pattern = "^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$|^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$";
                FieldAttribute::own(syntax::list("validate", quote!(pattern = #pattern)))
            }
        }
    }

    /// A struct with a field per block of doc lines and attributes, printed with them as
    /// attributes (`spliced: false`) or as markers spliced after printing.
    fn printed(blocks: &[(Vec<String>, Vec<u8>)], spliced: bool) -> String {
        let mut docs = DocLines::default();
        let fields = blocks.iter().enumerate().map(|(index, (lines, choices))| {
            let attributes = choices.iter().map(|&choice| field_attribute(choice));
            let attrs = if spliced {
                docs.attributes(lines.clone(), attributes.collect())
            } else {
                let docs = lines.iter().map(|line| syntax::doc_line(line));
                docs.chain(attributes.map(FieldAttribute::into_attribute))
                    .collect()
            };
            let ident = format_ident!("field_{index}");
            syntax::public_field(attrs, ident, syntax::parse_type("Option<String>"))
        });
        let item: syn::ItemStruct = syn::parse_quote!(pub struct Model { #(#fields),* });
        let file = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![syn::Item::Struct(item)],
        };
        docs.splice(prettyplease::unparse(&file))
    }

    proptest::proptest! {
        /// Spliced lines and attributes are what prettyplease prints for the same lines and
        /// attributes, in the same order.
        #[test]
        fn spliced_fields_print_as_prettyplease_prints_them(
            blocks in proptest::collection::vec(
                (
                    proptest::collection::vec("|[^\r\n]{0,30}|[a-z ]{0,6}  |\\[x\\] `a` \"q\"# ", 0..4),
                    proptest::collection::vec(0u8..5, 0..4),
                ),
                0..4,
            )
        ) {
            proptest::prop_assert_eq!(printed(&blocks, true), printed(&blocks, false));
        }
    }

    #[test]
    fn a_long_shared_attribute_is_broken_as_prettyplease_breaks_it() {
        let lines = printed_attribute("long", long_shared);
        assert!(lines.len() > 1, "{lines:?}");
        let blocks = [(vec!["a".to_owned()], vec![1, 0, 4, 1])];
        assert_eq!(printed(&blocks, true), printed(&blocks, false));
    }

    #[test]
    fn a_line_holding_the_marker_character_keeps_its_attribute() {
        let blocks = vec![
            (vec![format!("a {MARK}0 b")], vec![0]),
            (vec!["c".to_owned()], vec![0]),
        ];
        assert_eq!(printed(&blocks, true), printed(&blocks, false));
        let mut docs = DocLines::default();
        let attributes = vec![field_attribute(0)];
        assert_eq!(docs.attributes(blocks[0].0.clone(), attributes).len(), 2);
        assert!(docs.blocks.is_empty());
    }
}
