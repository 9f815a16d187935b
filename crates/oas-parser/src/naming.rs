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
//! - a name longer than [`MAX_NAME_LEN`] keeps its last words and gets a short hash of the whole
//!   name, so deep inline paths and long wire names give bounded identifiers and file names
//!   that stay distinct and stable between runs;
//! - collisions get a numeric suffix, handed out by [`NameSet`].

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

/// The longest identifier made here, in bytes. With it, a model's module file
/// (`snake_name.rs`, a numeric suffix at most) and its page (`TypeName.md`) stay far below the
/// 255 bytes every file system allows.
pub const MAX_NAME_LEN: usize = 64;

/// The longest module name made here, in bytes: the snake_case form of a type name may be
/// longer than the type name. With a collision suffix and `.rs`, a file name stays under 100.
pub const MAX_MODULE_LEN: usize = 90;

/// The UpperCamelCase type name for a schema key or inline path, at most [`MAX_NAME_LEN`] long.
pub fn type_name(wire: &str) -> String {
    bounded_camel(full_type_name(wire))
}

/// [`type_name`] before it is cut to length: what names inside the type are made from, so that
/// cut names do not pile up hashes.
pub fn full_type_name(wire: &str) -> String {
    let camel = capitalized(ascii_identifier(&upper_camel(&spell_signs(wire))));
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

/// The snake_case module name for a type name, at most [`MAX_MODULE_LEN`] long, never a keyword.
pub fn module_name(type_name: &str) -> String {
    let snake = ascii_identifier(&snake(type_name));
    let snake = bounded(snake, MAX_MODULE_LEN, &SNAKE_CUT);
    if RAW_KEYWORDS.contains(&snake.as_str()) || NON_RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_model")
    } else {
        snake
    }
}

/// The UpperCamelCase variant name for an enum value or union alternative.
pub fn variant_name(wire: &str) -> String {
    let camel = capitalized(ascii_identifier(&upper_camel(&spell_signs(wire))));
    match camel.chars().next() {
        None => "Empty".to_owned(),
        Some(first) if first.is_ascii_digit() => bounded_camel(format!("V{camel}")),
        Some(_) if camel == "Self" => "Self_".to_owned(),
        Some(_) => bounded_camel(camel),
    }
}

/// The snake_case field name for a property's wire name.
pub fn field_name(wire: &str) -> String {
    if is_plain_snake(wire) {
        // Most wire names are already snake_case; case conversion would return them unchanged.
        return escape_keyword(wire.to_owned());
    }
    converted_field_name(wire)
}

/// True for a name that is already what [`converted_field_name`] makes of it: lower-case ASCII
/// words of letters and digits joined by single underscores, starting with a letter, short
/// enough to need no cut. Keywords are still escaped by the caller.
fn is_plain_snake(wire: &str) -> bool {
    let bytes = wire.as_bytes();
    wire.len() <= MAX_NAME_LEN
        && bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes.last() != Some(&b'_')
        && bytes
            .iter()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || *byte == b'_')
        && !bytes.windows(2).any(|pair| pair == b"__")
}

/// [`field_name`] through case conversion, for any wire name.
fn converted_field_name(wire: &str) -> String {
    let snake = ascii_identifier(&snake(&spell_signs(wire)));
    let snake = match snake.chars().next() {
        None => return "field".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("_{snake}"),
        Some(_) => snake,
    };
    escape_keyword(bounded_snake(snake))
}

/// `heck`'s UpperCamelCase of `name`, without case conversion where [`is_plain_camel`] allows.
fn upper_camel(name: &str) -> String {
    if !is_plain_camel(name) {
        return name.to_upper_camel_case();
    }
    let mut camel = String::with_capacity(name.len());
    for part in plain_parts(name) {
        let (first, rest) = part.split_at(1);
        camel.push_str(&first.to_ascii_uppercase());
        camel.push_str(rest);
    }
    camel
}

/// `heck`'s snake_case of `name`, without case conversion where [`is_plain_camel`] allows.
fn snake(name: &str) -> String {
    if !is_plain_camel(name) {
        return name.to_snake_case();
    }
    let mut snake = String::with_capacity(name.len() + 8);
    for part in plain_parts(name) {
        for (index, byte) in part.bytes().enumerate() {
            if !snake.is_empty() && (index == 0 || byte.is_ascii_uppercase()) {
                snake.push('_');
            }
            snake.push(char::from(byte.to_ascii_lowercase()));
        }
    }
    snake
}

/// The non-empty runs of ASCII letters and digits in `name`.
fn plain_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
}

/// True for ASCII text whose runs of letters and digits each have every upper-case letter after
/// their first character right after a lower-case letter (`jsonWebKey`, `OAuth2Client jwks`;
/// `OAuth` is not): `heck` then starts a word at each run and at each of those letters and
/// nowhere else, so UpperCamelCase only capitalizes each run's first character and snake_case
/// only puts `_` between words. Most schema and property names are like this, and case
/// conversion writes every character through the formatting machinery.
fn is_plain_camel(name: &str) -> bool {
    name.is_ascii()
        && plain_parts(name).all(|part| {
            part.as_bytes()
                .windows(2)
                .all(|pair| !pair[1].is_ascii_uppercase() || pair[0].is_ascii_lowercase())
        })
}

/// An UpperCamelCase name cut to [`MAX_NAME_LEN`]: its last words, then `X` and a hash of the
/// whole name (`…Level11Level12X0k3hq`).
fn bounded_camel(name: String) -> String {
    bounded(name, MAX_NAME_LEN, &CAMEL_CUT)
}

/// A snake_case name cut to [`MAX_NAME_LEN`]: its last words, then `_x` and a hash of the whole
/// name (`…level11_level12_x0k3hq`).
fn bounded_snake(name: String) -> String {
    bounded(name, MAX_NAME_LEN, &SNAKE_CUT)
}

fn snake_word_start(bytes: &[u8], at: usize) -> bool {
    bytes[at].is_ascii_alphabetic() && at > 0 && bytes[at - 1] == b'_'
}

/// How a cut name is put together: where a word starts, what joins the hash (`X`, `_x`), and
/// the letter a tail starts with when no word start leaves room (`M`, `m`).
struct Cut<'a> {
    starts_word: fn(&[u8], usize) -> bool,
    joiner: &'a str,
    lead: &'a str,
}

const CAMEL_CUT: Cut = Cut {
    starts_word: |bytes, at| bytes[at].is_ascii_uppercase(),
    joiner: "X",
    lead: "M",
};

const SNAKE_CUT: Cut = Cut {
    starts_word: snake_word_start,
    joiner: "_x",
    lead: "m",
};

/// Cuts an ASCII `name` longer than `max` at the first word start that leaves room for the
/// joiner and a six-character hash, keeping the end.
fn bounded(name: String, max: usize, cut: &Cut) -> String {
    if name.len() <= max {
        return name;
    }
    let hash = short_hash(&name);
    let room = max - cut.joiner.len() - hash.len();
    let bytes = name.as_bytes();
    let earliest = bytes.len() - room;
    let tail = match (earliest..bytes.len()).find(|&at| (cut.starts_word)(bytes, at)) {
        Some(start) => name[start..].to_owned(),
        // No word starts late enough: the tail's first character becomes a letter.
        None => format!("{}{}", cut.lead, &name[earliest + 1..]),
    };
    format!("{tail}{}{hash}", cut.joiner)
}

/// Six base-36 characters of the name's 64-bit FNV-1a hash: stable across runs, platforms and
/// Rust versions (unlike `std`'s hasher), and enough to keep cut names apart.
fn short_hash(name: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|_| {
            let digit = (hash % 36) as u32;
            hash /= 36;
            char::from_digit(digit, 36).expect("a base-36 digit")
        })
        .collect()
}

/// The longest keyword, in bytes: longer names are not looked up.
const LONGEST_KEYWORD: usize = 8;

/// Makes a keyword usable as an identifier: `r#type`, `self_`.
fn escape_keyword(name: String) -> String {
    if name.len() > LONGEST_KEYWORD {
        name
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
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

/// The name with its first letter upper case: dropping a non-ASCII capital (`Ünï` → `nï`)
/// must not leave a type or variant name that starts in lower case.
fn capitalized(mut name: String) -> String {
    if let Some(first) = name.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    name
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
    /// Hashed with `foldhash`: names are short, and lowering takes one per field and model.
    taken: foldhash::HashSet<String>,
}

impl NameSet {
    /// An empty scope.
    pub fn new() -> Self {
        NameSet::default()
    }

    /// An empty scope with room for `count` names.
    pub fn with_capacity(count: usize) -> Self {
        NameSet {
            taken: foldhash::HashSet::with_capacity_and_hasher(count, Default::default()),
        }
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
        let name = free_name(preferred, separator, |name| self.taken.contains(name));
        self.taken.insert(unraw(&name).to_owned());
        name
    }
}

/// `preferred` if `is_taken` says it is free, else the first free `preferred` + `separator` +
/// 2, 3, ... (names are asked about without a raw prefix). Where the names taken are already at
/// hand (a struct's fields), this asks them instead of building a [`NameSet`].
pub fn free_name(preferred: &str, separator: &str, is_taken: impl Fn(&str) -> bool) -> String {
    let base = unraw(preferred);
    if !is_taken(base) {
        return preferred.to_owned();
    }
    // `self_` + `_` + 2 would be `self__2`, which is not snake case.
    let separator = if base.ends_with('_') { "" } else { separator };
    (2..)
        .map(|n| format!("{base}{separator}{n}"))
        .find(|candidate| !is_taken(candidate))
        .expect("an unbounded range yields a free name")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_keyword_is_longer_than_the_lookup_bound() {
        let longest = RAW_KEYWORDS
            .iter()
            .chain(NON_RAW_KEYWORDS)
            .map(|k| k.len())
            .max();
        assert_eq!(longest, Some(LONGEST_KEYWORD));
    }

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
        assert_eq!(
            type_name("ünïünï"),
            "Nn",
            "starts upper case once the Ü is dropped"
        );
        assert_eq!(variant_name("ünï"), "N");
    }

    proptest::proptest! {
        /// The shortcuts for plain camelCase names give what `heck` gives.
        #[test]
        fn plain_camel_names_convert_as_heck_converts(name in "[a-zA-Z0-9]{0,12}|[a-z][a-z0-9]{0,5}([A-Z][a-z0-9]{0,5}){0,4}|([a-zA-Z0-9][a-z0-9]{0,4}([A-Z][a-z0-9]{0,3}){0,2}[ ._-]{1,2}){1,4}|[a-zA-Z0-9 _.-]{0,16}") {
            proptest::prop_assert_eq!(upper_camel(&name), name.to_upper_camel_case());
            proptest::prop_assert_eq!(snake(&name), name.to_snake_case());
        }

        /// The shortcut for names already in snake_case gives what case conversion gives.
        #[test]
        fn plain_snake_names_convert_to_themselves(wire in "[a-z0-9_]{0,12}|[a-z0-9_]{60,70}|[a-zA-Z0-9_ $-]{0,70}") {
            proptest::prop_assert_eq!(field_name(&wire), converted_field_name(&wire));
        }
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
    fn long_names_keep_their_end_and_a_stable_hash() {
        let deep: String = (1..=20).map(|level| format!("level{level} ")).collect();
        let ty = type_name(&format!("Deep {deep}"));
        assert!(ty.len() <= MAX_NAME_LEN, "{ty}");
        assert!(ty.contains("Level19Level20X"), "{ty}");
        assert!(ty.starts_with("Level"), "cut at a word: {ty}");
        assert_eq!(ty, type_name(&format!("Deep {deep}")), "stable");
        assert_ne!(
            ty,
            type_name(&format!("Other {deep}")),
            "the hash keeps them apart"
        );
        let field = field_name(&"very long property name ".repeat(10));
        assert!(field.len() <= MAX_NAME_LEN, "{field}");
        assert!(
            field.starts_with("name_")
                || field.starts_with("long_")
                || field.starts_with("very_")
                || field.starts_with("property_"),
            "{field}"
        );
        let variant = variant_name(&"9".repeat(200));
        assert!(
            variant.len() <= MAX_NAME_LEN && variant.starts_with('M'),
            "{variant}"
        );
        assert_eq!(type_name(&"a".repeat(64)).len(), 64, "64 bytes fit");
    }

    #[test]
    fn name_set_suffixes_collisions() {
        let mut names = NameSet::new();
        assert_eq!(names.take("mixed_case", "_"), "mixed_case");
        assert_eq!(names.take("mixed_case", "_"), "mixed_case_2");
        assert_eq!(names.take("r#type", "_"), "r#type");
        assert_eq!(names.take("r#type", "_"), "type_2");
        assert!(names.contains("type"));
        assert_eq!(names.take("self_", "_"), "self_");
        assert_eq!(names.take("self_", "_"), "self_2");
    }
}
