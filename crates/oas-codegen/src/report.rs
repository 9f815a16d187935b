//! Diagnostics as people and tools read them: rendered like rustc's (the spec's line, a caret
//! under the node, the pointer, a help line) with `annotate-snippets`, or as one JSON object
//! per line.
//!
//! ```
//! use oas_codegen::report;
//! let spec = "openapi: 3.0.3\ncomponents:\n  schemas:\n    pet: {type: strin}\n";
//! let document = oas_parser::parse_document(spec)?;
//! let lowering = oas_parser::lower(&document);
//! let shown = report::human(&lowering.diagnostics[0], "pet.yaml", Some(spec), false);
//! assert!(shown.contains("--> pet.yaml:4:11"), "{shown}");
//! assert!(shown.contains("4 |     pet: {type: strin}"), "{shown}");
//! let line = report::json(&lowering.diagnostics[0], "pet.yaml");
//! assert!(line.starts_with(r#"{"reason":"diagnostic","file":"pet.yaml","severity":"error""#));
//! # Ok::<(), oas_parser::Diagnostic>(())
//! ```

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use oas_parser::{Diagnostic, Location, Severity};

/// `diagnostic` rendered like a rustc message, naming `file` (as the user gave it). With the
/// spec's `text`, it shows the line of the node with a caret under it; with `color`, ANSI
/// styles (for a terminal).
pub fn human(diagnostic: &Diagnostic, file: &str, text: Option<&str>, color: bool) -> String {
    let lines = text.map(|text| SourceLines::new(text, std::slice::from_ref(diagnostic)));
    render(diagnostic, file, lines.as_ref(), color)
}

/// [`human`], with the spec's lines found once for all diagnostics.
fn render(diagnostic: &Diagnostic, file: &str, lines: Option<&SourceLines>, color: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(diagnostic.message.as_str());
    let line = diagnostic
        .location
        .and_then(|at| Some((at, lines?.line(at.line)?)));
    let mut group: Group<'_> = match line {
        Some((at, line)) => title.element(
            Snippet::source(line)
                .line_start(at.line)
                .path(file)
                .annotation(
                    AnnotationKind::Primary
                        .span(node_span(line, at))
                        .label(diagnostic.pointer.as_str()),
                ),
        ),
        None => {
            let origin = match diagnostic.location {
                Some(at) => Origin::path(file).line(at.line).char_column(at.column),
                None => Origin::path(file),
            };
            title
                .element(origin)
                .element(Level::NOTE.message(format!("at {}", diagnostic.pointer)))
        }
    };
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// Prints `diagnostics` on stderr as [`human`] renders them, a blank line after each; colored
/// when stderr is a terminal and `NO_COLOR` is unset.
pub fn eprint_human(diagnostics: &[Diagnostic], file: &str, text: Option<&str>) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let lines = text.map(|text| SourceLines::new(text, diagnostics));
    for diagnostic in diagnostics {
        eprintln!("{}\n", render(diagnostic, file, lines.as_ref(), color));
    }
}

/// `diagnostic` as one line of JSON for tools:
/// `{"reason":"diagnostic","file":…,"severity":…,"pointer":…,"location":{"line":…,"column":…},"message":…,"help":…}`
/// (`location` and `help` only when known).
pub fn json(diagnostic: &Diagnostic, file: &str) -> String {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        reason: &'static str,
        file: &'a str,
        #[serde(flatten)]
        diagnostic: &'a Diagnostic,
    }
    let line = Line {
        reason: "diagnostic",
        file,
        diagnostic,
    };
    serde_json::to_string(&line).expect("a diagnostic serializes")
}

/// The lines of a spec's text that diagnostics are located on, found in one pass: a document
/// with thousands of diagnostics is not scanned again for each.
struct SourceLines<'t> {
    /// Line number (1-based) to its text, without its line break.
    lines: BTreeMap<usize, &'t str>,
}

impl<'t> SourceLines<'t> {
    fn new(text: &'t str, diagnostics: &[Diagnostic]) -> Self {
        let mut wanted: BTreeMap<usize, Option<&str>> = diagnostics
            .iter()
            .filter_map(|diagnostic| Some((diagnostic.location?.line, None)))
            .collect();
        let last = wanted.keys().next_back().copied().unwrap_or(0);
        let text = text.trim_start_matches('\u{feff}');
        // Line breaks found by `memchr`: a spec has tens of thousands of lines before the last
        // one wanted, and splitting the text line by line cost more than the rest of the report.
        let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
        let mut start = 0;
        for (number, end) in (1..=last).zip(breaks) {
            if let Some(slot) = wanted.get_mut(&number) {
                let line = &text[start..end];
                *slot = Some(line.strip_suffix('\r').unwrap_or(line));
            }
            start = end + 1;
        }
        // A line past the end of the text is not there to show.
        let lines = wanted
            .into_iter()
            .filter_map(|(number, line)| Some((number, line?)))
            .collect();
        SourceLines { lines }
    }

    /// Line `number` (1-based), without its line break.
    fn line(&self, number: usize) -> Option<&'t str> {
        self.lines.get(&number).copied()
    }
}

/// The bytes of `line` that the node at `at` starts with: a quoted key or string up to its
/// closing quote, a bracket, or a plain word up to the next delimiter.
fn node_span(line: &str, at: Location) -> Range<usize> {
    let start = line
        .char_indices()
        .nth(at.column.saturating_sub(1))
        .map_or(line.len(), |(index, _)| index);
    let rest = &line[start..];
    let length = match rest.chars().next() {
        None => 0,
        Some(quote @ ('"' | '\'')) => {
            let mut escaped = false;
            let close = rest[1..].char_indices().find(|&(_, ch)| {
                let closes = ch == quote && !escaped;
                escaped = ch == '\\' && !escaped;
                closes
            });
            close.map_or(rest.len(), |(index, _)| index + 2)
        }
        Some(bracket @ ('{' | '[' | '-')) => bracket.len_utf8(),
        Some(_) => rest
            .find(|ch: char| matches!(ch, ':' | ',' | ']' | '}' | '#') || ch.is_whitespace())
            .filter(|&end| end > 0)
            .unwrap_or(rest.len()),
    };
    start..start + length
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_text(line: &str, column: usize) -> &str {
        &line[node_span(line, Location { line: 1, column })]
    }

    #[test]
    fn spans_cover_the_token_at_the_column() {
        assert_eq!(span_text(r#"  "na\"me": {"type": 1}"#, 3), r#""na\"me""#);
        assert_eq!(span_text("    type: object", 5), "type");
        assert_eq!(span_text("  required: [name, age]", 20), "age");
        assert_eq!(span_text("  - {a: 1}", 5), "{");
        assert_eq!(span_text("é: x", 1), "é");
        assert_eq!(span_text("short", 40), "");
    }

    #[test]
    fn human_shows_the_line_the_caret_and_the_help() {
        let text = "openapi: 3.0.3\ncomponents:\n  schemas:\n    pet: {$ref: '#/components/schemas/Pat'}\n";
        let diagnostic = Diagnostic::error("#/components/schemas/pet", "dangling $ref")
            .with_help("a schema with a similar name exists")
            .at(4, 5);
        let shown = human(&diagnostic, "spec.yaml", Some(text), false);
        let expected = "\
error: dangling $ref
 --> spec.yaml:4:5
  |
4 |     pet: {$ref: '#/components/schemas/Pat'}
  |     ^^^ #/components/schemas/pet
  |
  = help: a schema with a similar name exists";
        assert_eq!(shown, expected);
    }

    #[test]
    fn each_diagnostic_shows_its_own_line_found_in_one_pass() {
        let text = "\u{feff}a: 1\r\nb: 2\nc: 3\n";
        let diagnostics = [
            Diagnostic::warning("#/c", "third").at(3, 1),
            Diagnostic::warning("#/a", "first").at(1, 1),
            Diagnostic::warning("#/zz", "past the end").at(9, 1),
            Diagnostic::warning("#/c", "third again").at(3, 4),
        ];
        let lines = SourceLines::new(text, &diagnostics);
        assert_eq!(lines.line(1), Some("a: 1"), "no byte order mark, no \\r");
        assert_eq!(lines.line(3), Some("c: 3"));
        assert_eq!(
            lines.line(2),
            None,
            "only the lines diagnostics are on are kept"
        );
        assert_eq!(lines.line(9), None);
        let shown = render(&diagnostics[1], "spec.yaml", Some(&lines), false);
        assert!(shown.contains("1 | a: 1"), "{shown}");
        let past = render(&diagnostics[2], "spec.yaml", Some(&lines), false);
        assert!(past.contains("spec.yaml:9:1"), "{past}");
    }

    #[test]
    fn human_without_the_text_names_the_position_and_pointer() {
        let diagnostic = Diagnostic::warning("#/x", "odd").at(7, 3);
        let shown = human(&diagnostic, "spec.json", None, false);
        assert!(shown.starts_with("warning: odd\n"), "{shown}");
        assert!(shown.contains("spec.json:7:3"), "{shown}");
        assert!(shown.contains("at #/x"), "{shown}");
        let unplaced = human(&Diagnostic::warning("#/x", "odd"), "spec.json", None, false);
        assert!(unplaced.contains("spec.json"), "{unplaced}");
    }

    #[test]
    fn color_only_when_asked() {
        let diagnostic = Diagnostic::warning("#/x", "odd");
        assert!(!human(&diagnostic, "s", None, false).contains('\u{1b}'));
        assert!(human(&diagnostic, "s", None, true).contains('\u{1b}'));
    }

    #[test]
    fn json_is_one_line_with_every_fact() {
        let diagnostic = Diagnostic::error("#/a", "bad \"x\"\nnext")
            .with_help("fix")
            .at(2, 4);
        let line = json(&diagnostic, "dir/spec.yaml");
        assert!(!line.contains('\n'));
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "reason": "diagnostic", "file": "dir/spec.yaml", "severity": "error",
                "pointer": "#/a", "location": {"line": 2, "column": 4},
                "message": "bad \"x\"\nnext", "help": "fix",
            })
        );
    }
}
