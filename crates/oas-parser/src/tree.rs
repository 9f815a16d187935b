//! Reading spec text into a JSON tree in which every number the text holds has a place.
//!
//! `serde_json::Value` holds numbers as `i64`, `u64` or finite `f64`. A spec may write more:
//! integer bounds beyond 64 bits (a JavaScript-rounded `-2^63`), `1e400`, YAML's `.inf`. Such a
//! number is never a reason to refuse the document: it is read as the nearest value a `Value`
//! holds, with a warning naming its pointer and what was written.
//! - YAML: integers beyond 64 bits arrive as `i128`/`u128` and become the nearest `f64`;
//!   `.inf`/`-.inf` become the largest finite `f64`, `.nan` becomes `null`; a plain scalar with
//!   the syntax of a float too large for `f64` (which the YAML library reads as a string) becomes
//!   the largest finite `f64` of its sign.
//! - JSON: `serde_json` refuses a number too large for `f64` outright, and reads an integer beyond
//!   64 bits, a decimal with more than 17 significant digits or one below `f64`'s range as the
//!   nearest `f64` without a word; such tokens are first rewritten into marked strings that this
//!   reader turns back into numbers, with a warning each. (YAML's library hands over only the
//!   `f64`, so a long YAML decimal is rounded without one.)

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::diagnostic::{Diagnostic, push_token};

/// What a JSON string starts with when it stands for a number token too large for `f64`.
const OVERFLOW_MARK: &str = "\u{0}oasgen-number:";

/// The syntax being read, which decides how an out-of-range number can arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// JSON, after [`mark_overflowing_numbers`] where needed.
    Json,
    /// YAML 1.2.
    Yaml,
}

/// Reads one document from `deserializer`, collecting a warning for each number it had to
/// convert and each key an object repeats (its last value is read).
pub(crate) fn read_tree<'de, D: Deserializer<'de>>(
    deserializer: D,
    syntax: Syntax,
    handoff: Option<Handoff<'_>>,
) -> Result<(Value, Vec<Diagnostic>), D::Error> {
    let warnings = RefCell::new(Vec::new());
    let value = Node {
        path: None,
        syntax,
        warnings: &warnings,
        handoff,
    }
    .deserialize(deserializer)?;
    Ok((value, warnings.into_inner()))
}

/// Called with each member of the root's `components.schemas` as soon as it is parsed, with its
/// key; returns what the tree holds in its place until the caller puts the value back (see
/// `read::early`).
pub(crate) type Handoff<'h> = &'h dyn Fn(&str, Value) -> Value;

/// Rewrites every JSON number token that `serde_json` would refuse (`1e400`) or read inexactly
/// without a word (an integer beyond 64 bits) into a string carrying [`OVERFLOW_MARK`], leaving
/// all else byte for byte. Returns `None`, having allocated nothing, when there is none.
pub(crate) fn mark_wide_numbers(text: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    for (start, end) in number_tokens(text) {
        let token = &text[start..end];
        if !is_wide(token) {
            continue;
        }
        let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 64));
        out.push_str(&text[copied..start]);
        out.push('"');
        out.push_str(&OVERFLOW_MARK.replace('\u{0}', "\\u0000"));
        out.push_str(token);
        out.push('"');
        copied = end;
    }
    out.map(|mut out| {
        out.push_str(&text[copied..]);
        out
    })
}

/// True for a number token no `serde_json::Value` holds as written: an integer beyond 64 bits,
/// a number beyond the range of `f64`, one so small it reads as zero, or one with more
/// significant digits than an `f64` keeps (17).
fn is_wide(token: &str) -> bool {
    if !token.contains(['.', 'e', 'E']) {
        return token.parse::<i64>().is_err() && token.parse::<u64>().is_err();
    }
    let Ok(float) = token.parse::<f64>() else {
        return false;
    };
    let digits = significant_digits(token);
    float.is_infinite() || (float == 0.0 && digits > 0) || digits > 17
}

/// The significant digits of a decimal token's mantissa: no sign, point, exponent, nor leading
/// or trailing zeros.
fn significant_digits(token: &str) -> usize {
    let mantissa = token.split(['e', 'E']).next().unwrap_or_default();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

/// The byte ranges of the number tokens outside strings in JSON text.
fn number_tokens(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut index = 0;
    std::iter::from_fn(move || {
        while index < bytes.len() {
            match bytes[index] {
                b'"' => {
                    // Strings are most of a spec's text: jump from one quote or backslash to
                    // the next.
                    index += 1;
                    loop {
                        match bytes
                            .get(index..)
                            .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                        {
                            Some(offset) if bytes[index + offset] == b'\\' => index += offset + 2,
                            Some(offset) => {
                                index += offset;
                                break;
                            }
                            None => {
                                index = bytes.len();
                                break;
                            }
                        }
                    }
                    index += 1;
                }
                b'-' | b'0'..=b'9' => {
                    let start = index;
                    while index < bytes.len()
                        && matches!(bytes[index], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                    {
                        index += 1;
                    }
                    return Some((start, index));
                }
                _ => index += 1,
            }
        }
        None
    })
}

/// One step of the path from the root, kept on the stack and joined only for a warning.
struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    token: Token<'p>,
}

enum Token<'p> {
    Key(&'p str),
    Index(usize),
}

impl Path<'_> {
    fn pointer(path: Option<&Path<'_>>) -> String {
        let mut tokens = Vec::new();
        let mut at = path;
        while let Some(step) = at {
            tokens.push(match step.token {
                Token::Key(key) => key.to_owned(),
                Token::Index(index) => index.to_string(),
            });
            at = step.parent;
        }
        tokens
            .iter()
            .rev()
            .fold("#".to_owned(), |pointer, token| push_token(&pointer, token))
    }
}

/// The reader of the value at one path.
#[derive(Clone, Copy)]
struct Node<'p> {
    path: Option<&'p Path<'p>>,
    syntax: Syntax,
    warnings: &'p RefCell<Vec<Diagnostic>>,
    handoff: Option<Handoff<'p>>,
}

impl Node<'_> {
    fn warn(&self, message: String) {
        self.warnings
            .borrow_mut()
            .push(Diagnostic::warning(Path::pointer(self.path), message));
    }

    /// The largest finite `f64` of the sign of `written`, with a warning.
    fn clamped(&self, written: &str, negative: bool) -> Value {
        let nearest = if negative { f64::MIN } else { f64::MAX };
        self.warn(format!(
            "the number `{written}` is beyond the range of f64; it is read as {nearest:e}"
        ));
        Value::Number(Number::from_f64(nearest).expect("f64::MAX is finite"))
    }

    /// A decimal an `f64` cannot keep (too many digits, or so small it is zero), with a warning.
    fn rounded(&self, written: &str, as_float: f64) -> Value {
        self.warn(format!(
            "the number `{written}` has more precision than an f64 keeps; it is read as {as_float:e}"
        ));
        Value::Number(Number::from_f64(as_float).expect("a finite f64"))
    }

    fn wide_integer(&self, written: String, as_float: f64) -> Value {
        self.warn(format!(
            "the integer `{written}` does not fit in 64 bits; it is read as the nearest f64, \
             {as_float:e}"
        ));
        Value::Number(Number::from_f64(as_float).expect("a 128-bit integer is a finite f64"))
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(match i64::try_from(value) {
            Ok(small) => Value::Number(small.into()),
            Err(_) => self.wide_integer(value.to_string(), value as f64),
        })
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(match u64::try_from(value) {
            Ok(small) => Value::Number(small.into()),
            Err(_) => self.wide_integer(value.to_string(), value as f64),
        })
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(match Number::from_f64(value) {
            Some(number) => Value::Number(number),
            None if value.is_nan() => {
                self.warn("the number `.nan` has no JSON form; it is read as null".to_owned());
                Value::Null
            }
            None => self.clamped(&value.to_string(), value < 0.0),
        })
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        let number = match self.syntax {
            Syntax::Json => value.strip_prefix(OVERFLOW_MARK),
            Syntax::Yaml => is_yaml_float(value).then_some(value),
        };
        Ok(match number {
            Some(written) if written.parse::<f64>().is_ok_and(f64::is_infinite) => {
                self.clamped(written, written.starts_with('-'))
            }
            Some(written) if self.syntax == Syntax::Json => {
                let as_float = written.parse::<f64>().unwrap_or_default();
                if written.contains(['.', 'e', 'E']) {
                    self.rounded(written, as_float)
                } else {
                    self.wide_integer(written.to_owned(), as_float)
                }
            }
            _ => Value::String(value.to_owned()),
        })
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<Value, E> {
        match self.syntax {
            Syntax::Json if !value.starts_with(OVERFLOW_MARK) => Ok(Value::String(value)),
            _ => self.visit_str(&value),
        }
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let path = Path {
                parent: self.path,
                token: Token::Index(items.len()),
            };
            let node = Node {
                path: Some(&path),
                ..self
            };
            match seq.next_element_seed(node)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let hand_over = self.handoff.filter(|_| {
            matches!(
                self.path,
                Some(Path {
                    token: Token::Key("schemas"),
                    parent: Some(Path {
                        token: Token::Key("components"),
                        parent: None,
                    }),
                })
            )
        });
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = Path {
                parent: self.path,
                token: Token::Key(&key),
            };
            let node = Node {
                path: Some(&path),
                ..self
            };
            let mut value = map.next_value_seed(node)?;
            if let Some(hand_over) = hand_over {
                value = hand_over(&key, value);
            }
            match object.entry(key) {
                serde_json::map::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                serde_json::map::Entry::Occupied(mut entry) => {
                    self.warn(format!(
                        "the key `{}` appears more than once in this object; the last value is read",
                        entry.key()
                    ));
                    entry.insert(value);
                }
            }
        }
        Ok(Value::Object(object))
    }
}

/// True for a YAML 1.2 core-schema float: `[-+]? (\.[0-9]+ | [0-9]+(\.[0-9]*)?) ([eE][-+]?[0-9]+)?`.
fn is_yaml_float(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty())
        }
        None => !mantissa.is_empty() && digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        !exponent.is_empty() && digits(exponent)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> (Value, Vec<Diagnostic>) {
        let marked = mark_wide_numbers(text);
        let text = marked.as_deref().unwrap_or(text);
        read_tree(
            &mut serde_json::Deserializer::from_str(text),
            Syntax::Json,
            None,
        )
        .unwrap()
    }

    fn yaml(text: &str) -> (Value, Vec<Diagnostic>) {
        read_tree(yaml_serde::Deserializer::from_str(text), Syntax::Yaml, None).unwrap()
    }

    #[test]
    fn a_key_written_twice_keeps_its_place_and_its_last_value_with_a_warning() {
        let (value, warnings) =
            json(r#"{"a": {"type": "string", "x": 1, "type": "integer"}, "b": {"c": 2}}"#);
        assert_eq!(value["a"], serde_json::json!({"type": "integer", "x": 1}));
        let keys: Vec<&String> = value["a"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["type", "x"]);
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/a"]);
        assert!(warnings[0].message.contains("`type`"), "{}", warnings[0]);
    }

    #[test]
    fn json_numbers_beyond_f64_are_clamped_with_a_warning_at_their_pointer() {
        let (value, warnings) =
            json(r#"{"a": {"max": 1e400, "s": "1e400", "list": [-1E+999, 2, "x\"1e999"]}}"#);
        assert_eq!(value["a"]["max"].as_f64(), Some(f64::MAX));
        assert_eq!(value["a"]["s"], "1e400");
        assert_eq!(value["a"]["list"][0].as_f64(), Some(f64::MIN));
        assert_eq!(value["a"]["list"][2], "x\"1e999");
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/a/max", "#/a/list/0"]);
        assert!(warnings[0].message.contains("`1e400`"), "{}", warnings[0]);
    }

    proptest::proptest! {
        /// Number tokens are found outside strings whatever the strings hold (escaped quotes,
        /// backslashes at the end, an unterminated string).
        #[test]
        fn number_tokens_skip_strings(text in r#"[-0-9 ."\\a{}:,]{0,40}"#) {
            proptest::prop_assert_eq!(
                number_tokens(&text).collect::<Vec<_>>(),
                byte_by_byte_number_tokens(&text)
            );
        }
    }

    /// The number tokens outside strings, found by a different walk than [`number_tokens`]: one
    /// pass over the bytes, tracking whether it is inside a string and after a backslash.
    fn byte_by_byte_number_tokens(text: &str) -> Vec<(usize, usize)> {
        let number_byte = |byte: u8| matches!(byte, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9');
        let (mut tokens, mut start) = (Vec::new(), None);
        let (mut in_string, mut escaped) = (false, false);
        for (index, byte) in text.bytes().enumerate() {
            match start {
                Some(_) if number_byte(byte) => continue,
                Some(begin) => tokens.push((begin, index)),
                None => {}
            }
            start = None;
            if in_string {
                in_string = escaped || byte != b'"';
                escaped = !escaped && byte == b'\\';
            } else if byte == b'"' {
                in_string = true;
            } else if byte == b'-' || byte.is_ascii_digit() {
                start = Some(index);
            }
        }
        tokens.extend(start.map(|begin| (begin, text.len())));
        tokens
    }

    #[test]
    fn json_numbers_that_fit_are_not_rewritten() {
        let fits = r#"{"a": [1e300, -0, 0.0e-999, 18446744073709551615, -9223372036854775808,
            0.12345678901234567, 1.50000000000000000000]}"#;
        assert_eq!(mark_wide_numbers(fits), None);
    }

    #[test]
    fn json_decimals_an_f64_cannot_keep_are_read_with_a_warning() {
        let (value, warnings) =
            json(r#"{"tiny": 1e-400, "long": 0.1000000000000000000000000000001}"#);
        assert_eq!(value["tiny"].as_f64(), Some(0.0));
        assert_eq!(value["long"].as_f64(), Some(0.1));
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/tiny", "#/long"]);
        assert!(
            warnings[1].message.contains("more precision"),
            "{}",
            warnings[1]
        );
    }

    #[test]
    fn json_integers_beyond_64_bits_are_read_as_f64_with_a_warning() {
        let (value, warnings) = json(r#"{"a": 18446744073709551616, "b": -0}"#);
        assert_eq!(value["a"].as_f64(), Some(18446744073709551616.0));
        assert!(value["b"].is_number());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("64 bits"), "{}", warnings[0]);
    }

    #[test]
    fn yaml_numbers_of_any_size_load() {
        let (value, warnings) = yaml(
            "big: -9223372036854775809\nhuge: 123456789012345678901234567890\n\
             over: 1e400\nquoted: '12'\ninf: .inf\nnan: .nan\nplain: 1e5x\nsmall: -0\n",
        );
        assert_eq!(value["big"].as_f64(), Some(-9223372036854775809.0));
        assert_eq!(value["huge"].as_f64(), Some(1.2345678901234568e29));
        assert_eq!(value["over"].as_f64(), Some(f64::MAX));
        assert_eq!(value["quoted"], "12");
        assert_eq!(value["inf"].as_f64(), Some(f64::MAX));
        assert_eq!(value["nan"], Value::Null);
        assert_eq!(value["plain"], "1e5x");
        assert!(value["small"].is_number());
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/big", "#/huge", "#/over", "#/inf", "#/nan"]);
    }

    #[test]
    fn yaml_float_syntax() {
        for yes in ["1", "-1.5", ".5", "1.", "+2e10", "1E-3"] {
            assert!(is_yaml_float(yes), "{yes}");
        }
        for no in ["", ".", "e5", "1e", "1.2.3", "0x10", "1_000", "inf"] {
            assert!(!is_yaml_float(no), "{no}");
        }
    }
}
