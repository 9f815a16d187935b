//! Rust names from wire names: case conversion, keywords, and unique allocation.
//!
//! Every identifier the IR carries is made here, so the rules live in one place:
//! - type and variant names are UpperCamelCase, field names snake_case (`heck`);
//! - a leading `+` or `-` reads as `plus`/`minus` (GitHub's `+1` and `-1` reactions);
//! - only ASCII letters, digits and `_` survive; a name starting with a digit gets a prefix;
//! - keywords become raw identifiers (`r#type`), or get a `_` suffix where Rust has no raw form
//!   (`self_`, `Self_`);
//! - type names the generated code uses unqualified (`Option`, `String`, `Value`, ...) get a
//!   `Model` suffix, so a schema named `String` cannot shadow them;
//! - collisions get a numeric suffix, handed out by [`NameSet`].

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be written as raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names that generated code uses without a path.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Vec",
    "String",
    "Default",
    "Clone",
    "Copy",
    "PartialEq",
    "Eq",
    "Debug",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Serialize",
    "Deserialize",
    "Validate",
    "Value",
    "Map",
    "DateTime",
    "Utc",
    "FixedOffset",
    "NaiveDate",
    "Uuid",
    "Nullable",
    "Error",
    "BTreeMap",
    "HashMap",
    "Redacted",
];

/// The UpperCamelCase type name for a schema key or inline path.
pub fn type_name(wire: &str) -> String {
    let camel = ascii_identifier(&spell_signs(wire).to_upper_camel_case());
    let camel = match camel.chars().next() {
        None => return "Model".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("Model{camel}"),
        Some(_) => camel,
    };
    if RESERVED_TYPE_NAMES.contains(&camel.as_str()) || camel == "Self" {
        format!("{camel}Model")
    } else {
        camel
    }
}

/// The UpperCamelCase variant name for an enum value or union alternative.
pub fn variant_name(wire: &str) -> String {
    let camel = ascii_identifier(&spell_signs(wire).to_upper_camel_case());
    match camel.chars().next() {
        None => "Empty".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("V{camel}"),
        Some(_) if camel == "Self" => "Self_".to_owned(),
        Some(_) => camel,
    }
}

/// The snake_case field name for a property's wire name.
pub fn field_name(wire: &str) -> String {
    let snake = ascii_identifier(&spell_signs(wire).to_snake_case());
    let snake = match snake.chars().next() {
        None => return "field".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("_{snake}"),
        Some(_) => snake,
    };
    escape_keyword(snake)
}

/// Makes a keyword usable as an identifier: `r#type`, `self_`.
fn escape_keyword(name: String) -> String {
    if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The name without a raw-identifier prefix, for building suffixed variants.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Spells out a leading sign, which case conversion would drop: `+1` → `plus 1`.
fn spell_signs(wire: &str) -> String {
    if let Some(rest) = wire.strip_prefix('+') {
        format!("plus {rest}")
    } else if let Some(rest) = wire.strip_prefix('-') {
        format!("minus {rest}")
    } else {
        wire.to_owned()
    }
}

/// Keeps ASCII letters, digits and underscores.
fn ascii_identifier(name: &str) -> String {
    name.chars()
        .filter(|ch| ch.is_ascii_alphanumeric() || *ch == '_')
        .collect()
}

/// Names already taken in one scope (a module, a struct, an enum), handing out unique ones.
#[derive(Debug, Default)]
pub struct NameSet {
    taken: HashSet<String>,
}

impl NameSet {
    /// An empty scope.
    pub fn new() -> Self {
        NameSet::default()
    }

    /// True when `name` is already taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(unraw(name))
    }

    /// Takes `preferred` if free, else the first free `preferred` + `separator` + 2, 3, ...
    pub fn take(&mut self, preferred: &str, separator: &str) -> String {
        if self.taken.insert(unraw(preferred).to_owned()) {
            return preferred.to_owned();
        }
        let base = unraw(preferred);
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(type_name("oAuth2Client"), "OAuth2Client");
        assert_eq!(type_name("jsonWebKeySet"), "JsonWebKeySet");
        assert_eq!(type_name("nullDuration"), "NullDuration");
        assert_eq!(type_name("io.k8s.api.core.v1.Pod"), "IoK8sApiCoreV1Pod");
        assert_eq!(type_name("401k"), "Model401k");
        assert_eq!(type_name("String"), "StringModel");
        assert_eq!(type_name("Self"), "SelfModel");
        assert_eq!(type_name("%%"), "Model");
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("client_id"), "client_id");
        assert_eq!(field_name("mixedCase"), "mixed_case");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("$ref"), "r#ref");
        assert_eq!(field_name("@timestamp"), "timestamp");
        assert_eq!(field_name("From@odata.bind"), "from_odata_bind");
        assert_eq!(field_name("+1"), "plus_1");
        assert_eq!(field_name("-1"), "minus_1");
        assert_eq!(field_name("1_leading_digit"), "_1_leading_digit");
        assert_eq!(field_name("with space"), "with_space");
        assert_eq!(field_name("ünïcode"), "ncode");
        assert_eq!(field_name(""), "field");
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("client_secret_basic"), "ClientSecretBasic");
        assert_eq!(variant_name("3_lite"), "V3Lite");
        assert_eq!(variant_name(""), "Empty");
    }

    #[test]
    fn name_set_suffixes_collisions() {
        let mut names = NameSet::new();
        assert_eq!(names.take("mixed_case", "_"), "mixed_case");
        assert_eq!(names.take("mixed_case", "_"), "mixed_case_2");
        assert_eq!(names.take("r#type", "_"), "r#type");
        assert_eq!(names.take("r#type", "_"), "type_2");
        assert!(names.contains("type"));
    }
}
