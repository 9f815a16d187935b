//! Spec descriptions made safe for rustdoc.
//!
//! Descriptions are Markdown written for other tools. Left as they are, rustdoc would misread
//! them: `[JWK]` is taken for an intra-doc link, a bare URL trips `rustdoc::bare_urls`, `<name>`
//! looks like an HTML tag, and an indented or unlabelled code block becomes a doctest that does
//! not compile; a list item's wrapped line needs indenting or it reads as a lazy continuation
//! (clippy's `doc_lazy_continuation`). [`doc_lines`] fixes each of these and keeps paragraphs.

/// A wire name or value as inline code in a doc comment: control characters are written as
/// escapes, since a bare carriage return is not allowed in a Rust doc comment at all.
pub fn code_span(text: &str) -> String {
    let mut span = String::with_capacity(text.len() + 2);
    span.push('`');
    for ch in text.chars() {
        if ch.is_control() {
            span.extend(ch.escape_default());
        } else {
            span.push(ch);
        }
    }
    span.push('`');
    span
}

/// The lines of a doc comment for `text`, each to be written as `/// {line}`. A lone carriage
/// return (which Rust refuses in a doc comment) breaks the line, as old Mac files meant it to.
/// Descriptions in Markdown pages keep their text as written.
pub fn doc_lines(text: &str) -> Vec<String> {
    // Tabs become four spaces, as clippy's `tabs_in_doc_comments` asks. Most texts have neither.
    let normalized;
    let text = if text.contains(['\r', '\t']) {
        normalized = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', "    ");
        normalized.as_str()
    } else {
        text
    };
    let mut lines = Vec::new();
    let mut in_fence = false;
    // The content indent of the list item the previous lines belong to.
    let mut list_indent: Option<usize> = None;
    for raw in text.trim_end().lines() {
        let trimmed = raw.trim_start();
        if let Some(rest) = trimmed.strip_prefix("```") {
            lines.push(if in_fence || !rest.trim().is_empty() {
                trimmed.to_owned()
            } else {
                "```text".to_owned()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            lines.push(raw.to_owned());
            continue;
        }
        // Leading spaces would make an indented code block, which rustdoc runs as a doctest;
        // only a list item's continuation is indented, to the item's content.
        let escaped = escape_inline(trimmed);
        if trimmed.is_empty() {
            list_indent = None;
            lines.push(escaped);
        } else if let Some(indent) = list_marker_width(trimmed) {
            list_indent = Some(indent);
            lines.push(escaped);
        } else if let Some(indent) = list_indent {
            lines.push(format!("{:indent$}{escaped}", ""));
        } else {
            lines.push(escaped);
        }
    }
    if in_fence {
        lines.push("```".to_owned());
    }
    while lines.first().is_some_and(|line| line.is_empty()) {
        lines.remove(0);
    }
    lines
}

/// The width of the list marker a line starts with (`* `, `- `, `+ `, `1. `, `2) `), if any.
fn list_marker_width(line: &str) -> Option<usize> {
    if ["* ", "- ", "+ "]
        .iter()
        .any(|marker| line.starts_with(marker))
    {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// Escapes one line of Markdown outside code: brackets, angle brackets and backslashes are
/// escaped and bare URLs wrapped, so rustdoc renders the text as written; inline code is kept.
pub fn escape_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        let plain = plain_len(rest);
        out.push_str(&rest[..plain]);
        rest = &rest[plain..];
        if rest.is_empty() {
            break;
        }
        if let Some(after_tick) = rest.strip_prefix('`') {
            if let Some(end) = after_tick.find('`') {
                out.push('`');
                out.push_str(&after_tick[..=end]);
                rest = &after_tick[end + 1..];
                continue;
            }
        }
        if let Some(url_len) = url_at(rest) {
            let url = &rest[..url_len];
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        let ch = rest.chars().next().expect("rest is not empty");
        match ch {
            '[' | ']' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
        rest = &rest[ch.len_utf8()..];
    }
    out
}

/// The length of the text at the start of `line` that [`escape_inline`] copies as it is: up to
/// the first character that may start inline code or needs escaping, or the first URL. Bytes are
/// scanned, since none of these characters occurs inside a multi-byte UTF-8 character.
fn plain_len(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(offset) = bytes[from..]
        .iter()
        .position(|byte| matches!(byte, b'`' | b'[' | b']' | b'<' | b'>' | b'\\' | b'h'))
    {
        let at = from + offset;
        if bytes[at] != b'h' || url_at(&line[at..]).is_some() {
            return at;
        }
        from = at + 1;
    }
    bytes.len()
}

/// The length of a URL starting at the beginning of `text`, if one does.
fn url_at(text: &str) -> Option<usize> {
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return None;
    }
    let end = text
        .find(|ch: char| ch.is_whitespace() || matches!(ch, '<' | '>' | '"' | '`' | ')' | ']'))
        .unwrap_or(text.len());
    // A sentence's full stop or comma is not part of the URL.
    let url = text[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

/// One line of Markdown table cell text from a description: each newline becomes one space,
/// `|` is escaped, nothing else changes.
pub fn table_cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_rustdoc_misreads() {
        let lines = doc_lines(
            "Key Set [JWK] at https://example.com/a.\nUse <name> and `[kept]` and snake_case.",
        );
        assert_eq!(
            lines,
            [
                r"Key Set \[JWK\] at <https://example.com/a>.",
                r"Use \<name\> and `[kept]` and snake_case.",
            ]
        );
    }

    #[test]
    fn keeps_paragraphs_and_labels_code() {
        let lines = doc_lines("Title\n\n    indented\n```\nlet x = [1];\n```\n");
        assert_eq!(
            lines,
            ["Title", "", "indented", "```text", "let x = [1];", "```"]
        );
    }

    #[test]
    fn indents_the_wrapped_lines_of_list_items() {
        let lines = doc_lines("Who:\n\n* `admins` - the\ngroup admin.\n10. all\nusers.\n\nAfter.");
        assert_eq!(
            lines,
            [
                "Who:",
                "",
                "* `admins` - the",
                "  group admin.",
                "10. all",
                "    users.",
                "",
                "After."
            ]
        );
    }

    /// [`escape_inline`] as first written, one character at a time: the oracle for the
    /// byte scan that skips plain text.
    fn escape_by_chars(line: &str) -> String {
        let mut out = String::new();
        let mut rest = line;
        while let Some(ch) = rest.chars().next() {
            if let Some(after_tick) = rest.strip_prefix('`') {
                if let Some(end) = after_tick.find('`') {
                    out.push_str(&rest[..end + 2]);
                    rest = &after_tick[end + 1..];
                    continue;
                }
            }
            if let Some(url_len) = url_at(rest) {
                out.push_str(&format!("<{}>", &rest[..url_len]));
                rest = &rest[url_len..];
                continue;
            }
            if matches!(ch, '[' | ']' | '<' | '>' | '\\') {
                out.push('\\');
            }
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
        out
    }

    proptest::proptest! {
        /// Skipping plain text by bytes escapes what going character by character escapes.
        #[test]
        fn escaping_skips_only_plain_text(line in "([a-z hé`<>\\[\\]\\\\.:/]|https?://|http){0,40}") {
            proptest::prop_assert_eq!(escape_inline(&line), escape_by_chars(&line));
        }
    }

    #[test]
    fn code_spans_escape_control_characters() {
        assert_eq!(code_span("a\rb\u{7}é"), "`a\\rb\\u{7}é`");
    }

    #[test]
    fn table_cells_are_one_line() {
        assert_eq!(table_cell("a\n\nb | c"), "a  b \\| c");
    }
}
