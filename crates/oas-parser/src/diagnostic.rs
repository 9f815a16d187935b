//! Diagnostics: what went wrong (or was changed) and where in the spec.

use std::fmt;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The node could not be lowered as written.
    Error,
    /// The node was lowered, with a change the user should know of (a renaming, a dropped keyword).
    Warning,
}

/// A message about one node of the spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// JSON pointer of the node at fault, as a URI fragment (`#/components/schemas/x`).
    pub pointer: String,
    /// Line and column (1-based) where the parser knows them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What the user can do about it, where there is something to suggest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// A 1-based position in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl Diagnostic {
    /// An error at `pointer`.
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pointer: pointer.into(),
            location: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `pointer`.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pointer, message)
        }
    }

    /// The same diagnostic with a source position.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.location = Some(Location { line, column });
        self
    }

    /// The same diagnostic with a suggestion.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {} (at {}", self.message, self.pointer)?;
        if let Some(Location { line, column }) = self.location {
            write!(f, ", line {line}, column {column}")?;
        }
        f.write_str(")")?;
        match &self.help {
            Some(help) => write!(f, "; help: {help}"),
            None => Ok(()),
        }
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn push_token(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    let mut rest = token;
    while let Some(at) = memchr::memchr2(b'~', b'/', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        out.push_str(if rest.as_bytes()[at] == b'~' {
            "~0"
        } else {
            "~1"
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

/// A pointer as a dotted path for messages: `#/components/schemas` is `components.schemas`.
pub fn dotted(pointer: &str) -> String {
    pointer
        .trim_start_matches('#')
        .trim_start_matches('/')
        .replace('/', ".")
}

/// Decodes one reference token of a JSON pointer (RFC 6901 escapes and URI percent-encoding).
pub fn decode_token(token: &str) -> String {
    let bytes = token.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                decoded.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&decoded)
        .replace("~1", "/")
        .replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_round_trip() {
        let pointer = push_token("#/components/schemas", "a/b~c");
        assert_eq!(pointer, "#/components/schemas/a~1b~0c");
        assert_eq!(decode_token("a~1b~0c"), "a/b~c");
        assert_eq!(decode_token("a%20b"), "a b");
        assert_eq!(decode_token("100%"), "100%");
    }

    #[test]
    fn display_names_pointer_and_position() {
        let diagnostic = Diagnostic::error("#/x", "bad thing").at(3, 7);
        assert_eq!(
            diagnostic.to_string(),
            "error: bad thing (at #/x, line 3, column 7)"
        );
        let diagnostic = Diagnostic::warning("#/y", "odd thing").with_help("do this");
        assert_eq!(
            diagnostic.to_string(),
            "warning: odd thing (at #/y); help: do this"
        );
    }
}
