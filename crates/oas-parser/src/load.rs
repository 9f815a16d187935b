//! Reading a spec file: format detection, syntax errors with positions, the version check.

use std::path::Path;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::read::early::{EarlyReader, EarlyReads};
use crate::tree::{self, Handoff, Syntax};

/// The versions this parser lowers, as a phrase for messages.
pub const SUPPORTED_VERSIONS: &str = "OpenAPI 3.0.x, 3.1.x and 3.2.x, and Swagger 2.0";

/// A spec document that parsed and has a supported version.
#[derive(Debug, Clone)]
pub struct Document {
    /// The whole document as JSON data (YAML is converted on reading).
    pub root: Value,
    /// The `openapi` (or `swagger`) version string.
    pub version: String,
    /// The schema dialect that version implies.
    pub dialect: Dialect,
    /// Warnings from reading the text: numbers that had to be converted to be held.
    pub warnings: Vec<Diagnostic>,
    /// The text the document was read from, to find where a diagnostic's node is written.
    pub source: String,
    /// The syntax of that text.
    pub format: Format,
    /// `components.schemas` read while the text was parsed, for reading to take.
    pub(crate) early_reads: EarlyReads,
}

impl Document {
    /// Sets the line and column of every diagnostic that names a pointer into this document
    /// and has no position yet (a node the text does not have gets its nearest ancestor's).
    /// Costs one pass over the text, so call it once with all diagnostics.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        crate::locate::locate(&self.source, self.format, diagnostics);
    }
}

/// The dialect a document's schemas are written in, which decides the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Swagger 2.0's Schema Object (JSON Schema draft 4's subset with `discriminator` names).
    Swagger20,
    /// OpenAPI 3.0's Schema Object (an extended subset of JSON Schema draft 5).
    OpenApi30,
    /// OpenAPI 3.1's and 3.2's Schema Object: JSON Schema 2020-12 with OpenAPI's vocabulary.
    OpenApi31,
}

impl Dialect {
    /// Where a document of this dialect keeps its named schemas: 3.x's `components.schemas`,
    /// 2.0's `definitions`.
    pub const fn models_pointer(self) -> &'static str {
        match self {
            Dialect::Swagger20 => "#/definitions",
            Dialect::OpenApi30 | Dialect::OpenApi31 => "#/components/schemas",
        }
    }
}

/// The syntax a document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON.
    Json,
    /// YAML (1.2).
    Yaml,
}

impl Format {
    /// Detects the format from the content: a document whose first significant character opens a
    /// JSON object or array is JSON, anything else is YAML.
    pub fn detect(text: &str) -> Format {
        let first = text
            .trim_start_matches('\u{feff}')
            .chars()
            .find(|ch| !ch.is_whitespace());
        match first {
            Some('{') | Some('[') => Format::Json,
            _ => Format::Yaml,
        }
    }
}

/// Reads and parses a spec file; see [`parse_document`].
pub fn load_file(path: &Path) -> Result<Document, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        Diagnostic::error(
            "#",
            format!("cannot read spec file {}: {err}", path.display()),
        )
    })?;
    parse_text(text)
}

/// Parses spec text (JSON or YAML, detected by content) and checks its version. A number no
/// JSON value can hold is converted with a warning naming its pointer, never refused.
pub fn parse_document(text: &str) -> Result<Document, Diagnostic> {
    parse_text(text.to_owned())
}

/// [`parse_document`] on text the document then keeps as its source.
fn parse_text(mut source: String) -> Result<Document, Diagnostic> {
    let bom = source.len() - source.trim_start_matches('\u{feff}').len();
    source.drain(..bom);
    let text = source.as_str();
    let format = Format::detect(text);
    let (root, warnings, early_reads) = std::thread::scope(|scope| {
        let reader = EarlyReader::start(scope);
        let hand_over = reader
            .as_ref()
            .map(|reader| |key: &str, value: Value| reader.hand_over(key, value));
        let handoff = hand_over.as_ref().map(|hand_over| hand_over as Handoff<'_>);
        let mut parsed = read_tree(text, format, handoff);
        let early_reads = match reader {
            Some(reader) => reader.finish(parsed.as_mut().ok().map(|(root, _)| root)),
            None => EarlyReads::default(),
        };
        parsed.map(|(root, warnings)| (root, warnings, early_reads))
    })?;
    let (version, dialect) = check_version(&root).map_err(|mut refusal| {
        crate::locate::locate(text, format, std::slice::from_mut(&mut refusal));
        refusal
    })?;
    Ok(Document {
        root,
        version,
        dialect,
        warnings,
        source,
        format,
        early_reads,
    })
}

/// Parses the text in its format into a JSON tree, handing `components.schemas` members to
/// `handoff` as they are parsed.
fn read_tree(
    text: &str,
    format: Format,
    handoff: Option<Handoff<'_>>,
) -> Result<(Value, Vec<Diagnostic>), Diagnostic> {
    match format {
        Format::Json => read_json(text, handoff),
        Format::Yaml => tree::read_tree(
            yaml_serde::Deserializer::from_str(text),
            Syntax::Yaml,
            handoff,
        )
        .map_err(|err| match err.location() {
            Some(at) => {
                let message = without_position(err.to_string(), at.line(), at.column());
                Diagnostic::error("#", format!("malformed YAML: {}", explain(message)))
                    .at(at.line(), at.column())
            }
            None => Diagnostic::error("#", format!("malformed YAML: {}", explain(err.to_string()))),
        }),
    }
}

/// Reads JSON text, with the numbers `serde_json` would refuse or round silently marked first.
fn read_json(
    text: &str,
    handoff: Option<Handoff<'_>>,
) -> Result<(Value, Vec<Diagnostic>), Diagnostic> {
    let marked = tree::mark_wide_numbers(text);
    let text = marked.as_deref().unwrap_or(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    tree::read_tree(&mut deserializer, Syntax::Json, handoff).map_err(|err| {
        let message = without_position(err.to_string(), err.line(), err.column());
        Diagnostic::error("#", format!("malformed JSON: {}", explain(message)))
            .at(err.line(), err.column())
    })
}

/// A parser's message, with what its nesting limit means.
fn explain(message: String) -> String {
    if message.starts_with("recursion limit exceeded") {
        format!(
            "{message}: the document nests deeper than the parser allows (128 levels of \
             arrays and objects)"
        )
    } else {
        message
    }
}

/// Accepts `openapi: 3.0.x`, `3.1.x` and `3.2.x`, and `swagger: "2.0"`; anything else is an
/// "unsupported version" error naming what was found.
fn check_version(root: &Value) -> Result<(String, Dialect), Diagnostic> {
    let Some(object) = root.as_object() else {
        return Err(Diagnostic::error(
            "#",
            "the document is not an object: an OpenAPI document is a mapping with an `openapi` key",
        ));
    };
    if let Some(openapi) = object.get("openapi") {
        let found = match openapi {
            Value::String(version) => version.clone(),
            other => other.to_string(),
        };
        let minor = |minor: &str| {
            openapi.as_str().is_some_and(|version| {
                version == minor
                    || version
                        .strip_prefix(minor)
                        .and_then(|rest| rest.strip_prefix('.'))
                        .is_some_and(is_version_tail)
            })
        };
        let dialect = if minor("3.0") {
            Some(Dialect::OpenApi30)
        } else if minor("3.1") || minor("3.2") {
            Some(Dialect::OpenApi31)
        } else {
            None
        };
        return if let Some(dialect) = dialect {
            Ok((found, dialect))
        } else {
            Err(Diagnostic::error(
                "#/openapi",
                format!("unsupported version: found `openapi: {found}`"),
            )
            .with_help(format!("supported: {SUPPORTED_VERSIONS}")))
        };
    }
    if let Some(swagger) = object.get("swagger") {
        // `swagger: 2.0` unquoted in YAML is a number; its authors meant the version all the same.
        if swagger.as_str() == Some("2.0") || swagger.as_f64() == Some(2.0) {
            return Ok(("2.0".to_owned(), Dialect::Swagger20));
        }
        let found = swagger
            .as_str()
            .map_or_else(|| swagger.to_string(), str::to_owned);
        return Err(Diagnostic::error(
            "#/swagger",
            format!("unsupported version: found `swagger: {found}`"),
        )
        .with_help(format!("supported: {SUPPORTED_VERSIONS}")));
    }
    Err(Diagnostic::error(
        "#",
        "unsupported version: the document has no `openapi` key",
    )
    .with_help(format!(
        "start the document with `openapi: 3.1.0` (or the version it follows); supported: {SUPPORTED_VERSIONS}"
    )))
}

/// Drops the " at line L column C" a parser's message ends with; the diagnostic carries it.
fn without_position(message: String, line: usize, column: usize) -> String {
    let suffix = format!(" at line {line} column {column}");
    match message.strip_suffix(&suffix) {
        Some(stripped) => stripped.to_owned(),
        None => message,
    }
}

fn is_version_tail(tail: &str) -> bool {
    let patch = tail.split(['-', '+']).next().unwrap_or_default();
    !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_format_by_content() {
        assert_eq!(Format::detect("  \n{\"openapi\": 1}"), Format::Json);
        assert_eq!(Format::detect("openapi: 3.0.0"), Format::Yaml);
        assert_eq!(Format::detect("\u{feff}{}"), Format::Json);
    }

    #[test]
    fn a_leading_byte_order_mark_is_not_part_of_the_source() {
        let text = "\u{feff}{\"openapi\": \"3.0.3\", \"x\": 1}";
        let document = parse_document(text).unwrap();
        assert_eq!(document.source, &text[3..]);
        assert_eq!(document.root["x"], 1);
        let yaml = parse_document("\u{feff}openapi: 3.0.3\n").unwrap();
        assert_eq!(yaml.source, "openapi: 3.0.3\n");
    }

    #[test]
    fn accepts_30_31_and_32_versions_only() {
        for (ok, dialect) in [
            ("3.0.0", Dialect::OpenApi30),
            ("3.0.3", Dialect::OpenApi30),
            ("3.0.4-rc1", Dialect::OpenApi30),
            ("3.1.0", Dialect::OpenApi31),
            ("3.1.1", Dialect::OpenApi31),
            ("3.2.0", Dialect::OpenApi31),
        ] {
            let text = format!("openapi: {ok}\ninfo: {{title: t, version: v}}\n");
            let document = parse_document(&text).unwrap();
            assert_eq!((document.version.as_str(), document.dialect), (ok, dialect));
        }
        for (text, found) in [
            ("openapi: 3.3.0", "openapi: 3.3.0"),
            ("openapi: 3.10.0", "openapi: 3.10.0"),
            ("swagger: '1.2'", "swagger: 1.2"),
            ("swagger: '2.1'", "swagger: 2.1"),
            ("openapi: 3.0.x", "openapi: 3.0.x"),
            ("openapi: 3", "openapi: 3"),
        ] {
            let err = parse_document(text).unwrap_err();
            assert!(err.message.starts_with("unsupported version"), "{err}");
            assert!(err.message.contains(found), "{err}");
            assert!(err.help.unwrap().contains(SUPPORTED_VERSIONS));
        }
    }

    #[test]
    fn swagger_20_is_read_in_its_own_dialect() {
        for text in [
            "swagger: '2.0'\n",
            "swagger: 2.0\n",
            "{\"swagger\": \"2.0\"}",
        ] {
            let document = parse_document(text).unwrap();
            assert_eq!(document.dialect, Dialect::Swagger20);
            assert_eq!(document.version, "2.0");
        }
    }

    #[test]
    fn a_refused_version_names_its_line() {
        let err = parse_document("info: {title: t}\nopenapi: 2.9.0\n").unwrap_err();
        assert_eq!(err.pointer, "#/openapi");
        assert_eq!(err.location, Some(crate::Location { line: 2, column: 1 }));
    }

    #[test]
    fn syntax_errors_carry_positions() {
        let err = parse_document("{\n  \"openapi\": \"3.0.0\",\n  oops\n}").unwrap_err();
        assert_eq!(err.location.map(|at| at.line), Some(3));
        let err = parse_document("openapi: 3.0.0\ninfo: [unclosed\n").unwrap_err();
        assert!(err.message.starts_with("malformed YAML"), "{err}");
        assert!(err.location.is_some());
    }
}
