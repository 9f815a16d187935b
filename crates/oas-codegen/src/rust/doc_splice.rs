//! Field doc comments put into a model file after prettyplease has printed it.
//!
//! Field docs are most of a model file's lines. As `#[doc = "..."]` attributes each line is built
//! as a string literal, printed by prettyplease as `///` and the literal's value with its trailing
//! spaces trimmed, and freed; a fifth of generation went there. Instead each field gets one marker
//! attribute, prettyplease prints the code around it, and [`DocLines::splice`] writes each marker's
//! lines in that same form at the marker's indentation: the same bytes, which the tests hold
//! against prettyplease printing the attributes itself.

use syn::Attribute;

use super::syntax;

/// What a marker's doc text starts with; no doc line of the file may hold it.
const MARK: char = '\0';

/// The doc lines of one file's fields, each block standing behind one marker attribute.
#[derive(Default)]
pub(super) struct DocLines {
    blocks: Vec<Vec<String>>,
}

impl DocLines {
    /// The attributes for a doc comment of `lines`: one marker for [`DocLines::splice`] to
    /// replace, or each line's own attribute when a line holds the marker character.
    pub(super) fn attributes(&mut self, lines: Vec<String>) -> Vec<Attribute> {
        if lines.is_empty() {
            return Vec::new();
        }
        if lines.iter().any(|line| line.contains(MARK)) {
            return lines.iter().map(|line| syntax::doc_line(line)).collect();
        }
        let marker = format!("{MARK}{}", self.blocks.len());
        self.blocks.push(lines);
        vec![syntax::short_doc(&marker)]
    }

    /// `printed` (prettyplease's text of the file) with each marker line replaced by its doc
    /// lines, as prettyplease prints a doc attribute: the marker's indentation, `///`, and the
    /// line after a space (none for an empty line) without trailing spaces.
    pub(super) fn splice(&self, printed: String) -> String {
        if self.blocks.is_empty() {
            return printed;
        }
        let extra: usize = self
            .blocks
            .iter()
            .flatten()
            .map(|line| line.len() + 16)
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
            for line in &self.blocks[index] {
                out.push_str(indent);
                out.push_str("///");
                let text = line.trim_end_matches(' ');
                if !text.is_empty() {
                    out.push(' ');
                    out.push_str(text);
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use quote::format_ident;

    /// A struct with a field per block of doc lines, printed with the docs as attributes
    /// (`spliced: false`) or as markers spliced after printing.
    fn printed(blocks: &[Vec<String>], spliced: bool) -> String {
        let mut docs = DocLines::default();
        let fields = blocks.iter().enumerate().map(|(index, lines)| {
            let attrs = if spliced {
                docs.attributes(lines.clone())
            } else {
                lines.iter().map(|line| syntax::doc_line(line)).collect()
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
        /// Spliced lines are what prettyplease prints for the same lines as attributes.
        #[test]
        fn spliced_docs_print_as_prettyplease_prints_them(
            blocks in proptest::collection::vec(
                proptest::collection::vec("|[^\r\n]{0,30}|[a-z ]{0,6}  |\\[x\\] `a` \"q\"# ", 0..4),
                0..4,
            )
        ) {
            proptest::prop_assert_eq!(printed(&blocks, true), printed(&blocks, false));
        }
    }

    #[test]
    fn a_line_holding_the_marker_character_keeps_its_attribute() {
        let blocks = vec![vec![format!("a {MARK}0 b")], vec!["c".to_owned()]];
        assert_eq!(printed(&blocks, true), printed(&blocks, false));
        let mut docs = DocLines::default();
        assert_eq!(docs.attributes(blocks[0].clone()).len(), 1);
        assert!(docs.blocks.is_empty());
    }
}
