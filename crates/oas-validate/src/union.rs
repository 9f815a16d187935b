//! Reading a union whose alternatives can overlap (no discriminator, stated or inferred, and
//! alternatives of the same JSON type).
//!
//! serde's `untagged` takes the first alternative that accepts a value. For objects that drops
//! whatever the chosen alternative does not declare, so [`read_best`] ranks the alternatives by
//! how many of the object's keys each declares, and takes the best one that accepts the value
//! (the first listed on a tie). Values that are not objects are read in the listed order.
//!
//! ```
//! use oas_validate::union::{Alternative, read_best};
//! use serde::Deserialize;
//!
//! #[derive(Debug, PartialEq, Deserialize)]
//! struct Label { name: String }
//! #[derive(Debug, PartialEq, Deserialize)]
//! struct Milestone { name: String, due: Option<String> }
//! #[derive(Debug, PartialEq)]
//! enum Event { Label(Label), Milestone(Milestone) }
//!
//! let alternatives = [
//!     Alternative { name: "Label", keys: &["name"], read: |v| Label::deserialize(v).map(Event::Label) },
//!     Alternative { name: "Milestone", keys: &["name", "due"], read: |v| Milestone::deserialize(v).map(Event::Milestone) },
//! ];
//! let value = serde_json::json!({ "name": "v1", "due": "2026-12-01" });
//! let event = read_best(&value, &alternatives).unwrap();
//! assert!(matches!(event, Event::Milestone(_)));
//! ```

use serde_json::Value;

/// Implements serde for a union whose alternatives a tag property selects: the tag picks the
/// variant, which then reads the whole object (tag included, since the variant's schema usually
/// declares it; serde's internally tagged enums would remove it first). An unknown or missing
/// tag is an error. Also implements the JSON operations of
/// [`json_operations!`](crate::json_operations).
///
/// ```
/// #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
/// pub struct Cat { pet_type: String, lives: u8 }
/// #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
/// pub struct Dog { pet_type: String }
/// #[derive(Debug, PartialEq)]
/// pub enum Pet { Cat(Cat), Dog(Dog) }
/// oas_validate::tagged_union!(Pet by "pet_type" { Cat = ["cat", "kitty"], Dog = ["Dog"] });
///
/// let pet = Pet::from_json(r#"{"pet_type": "kitty", "lives": 9}"#).unwrap();
/// assert_eq!(pet, Pet::Cat(Cat { pet_type: "kitty".into(), lives: 9 }));
/// assert_eq!(pet.to_json(), r#"{"pet_type":"kitty","lives":9}"#);
/// let unknown = Pet::from_json(r#"{"pet_type": "parrot"}"#).unwrap_err();
/// assert!(unknown.to_string().contains("unknown variant `parrot`"), "{unknown}");
/// ```
#[macro_export]
macro_rules! tagged_union {
    ($name:ident by $property:literal { $($variant:ident = [$($tag:literal),+ $(,)?]),* $(,)? }) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => {
                        $crate::__private::serde::Serialize::serialize(value, serializer)
                    })*
                }
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                use $crate::__private::serde::de::Error as _;
                let value: $crate::json::Value =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                let tag = value
                    .get($property)
                    .and_then($crate::json::Value::as_str)
                    .ok_or_else(|| D::Error::missing_field($property))?;
                match tag {
                    $($($tag)|+ => $crate::__private::serde_json::from_value(value)
                        .map(Self::$variant)
                        .map_err(D::Error::custom),)*
                    other => ::core::result::Result::Err(D::Error::unknown_variant(
                        other,
                        &[$($($tag),+),*],
                    )),
                }
            }
        }

        $crate::json_operations!($name);
    };
}

/// One alternative of a union read by shape.
pub struct Alternative<T> {
    /// The variant's name, for errors.
    pub name: &'static str,
    /// The object keys the alternative declares (empty when it is not an object).
    pub keys: &'static [&'static str],
    /// Reads the value as this alternative.
    pub read: fn(&Value) -> Result<T, serde_json::Error>,
}

/// Reads `value` as the alternative that declares the most of its keys among those that accept
/// it, the first listed on a tie; the error lists why each alternative refused it.
pub fn read_best<T>(value: &Value, alternatives: &[Alternative<T>]) -> Result<T, String> {
    let mut ranked: Vec<(usize, &Alternative<T>)> = alternatives
        .iter()
        .map(|alternative| (declared_keys(value, alternative.keys), alternative))
        .collect();
    // Stable: alternatives with equal scores keep their listed order.
    ranked.sort_by_key(|(declared, _)| std::cmp::Reverse(*declared));
    let mut refusals = Vec::with_capacity(ranked.len());
    for (_, alternative) in ranked {
        match (alternative.read)(value) {
            Ok(read) => return Ok(read),
            Err(error) => refusals.push(format!("as {}: {error}", alternative.name)),
        }
    }
    Err(format!(
        "matches none of the alternatives ({})",
        refusals.join("; ")
    ))
}

/// How many of the object's keys are among `keys` (0 for a value that is not an object).
fn declared_keys(value: &Value, keys: &[&str]) -> usize {
    match value {
        Value::Object(object) => object
            .keys()
            .filter(|key| keys.contains(&key.as_str()))
            .count(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Small {
        id: u32,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Large {
        id: u32,
        extra: String,
    }

    #[derive(Debug, PartialEq)]
    enum Either {
        Small(Small),
        Large(Large),
        Text(String),
    }

    const ALTERNATIVES: [Alternative<Either>; 3] = [
        Alternative {
            name: "Small",
            keys: &["id"],
            read: |v| Small::deserialize(v).map(Either::Small),
        },
        Alternative {
            name: "Large",
            keys: &["id", "extra"],
            read: |v| Large::deserialize(v).map(Either::Large),
        },
        Alternative {
            name: "Text",
            keys: &[],
            read: |v| String::deserialize(v).map(Either::Text),
        },
    ];

    #[test]
    fn prefers_the_alternative_that_declares_more_keys() {
        let large = read_best(&serde_json::json!({"id": 1, "extra": "x"}), &ALTERNATIVES);
        assert!(matches!(large, Ok(Either::Large(_))));
        let small = read_best(&serde_json::json!({"id": 1}), &ALTERNATIVES);
        assert_eq!(small, Ok(Either::Small(Small { id: 1 })));
        let text = read_best(&serde_json::json!("x"), &ALTERNATIVES);
        assert_eq!(text, Ok(Either::Text("x".into())));
    }

    #[test]
    fn a_tie_goes_to_the_first_listed() {
        let alternatives = [
            Alternative {
                name: "First",
                keys: &["id"],
                read: |v| Small::deserialize(v).map(Either::Small),
            },
            Alternative {
                name: "Second",
                keys: &["id"],
                read: |v| Small::deserialize(v).map(|s| Either::Text(s.id.to_string())),
            },
        ];
        let read = read_best(&serde_json::json!({"id": 2}), &alternatives);
        assert_eq!(read, Ok(Either::Small(Small { id: 2 })));
    }

    #[test]
    fn explains_every_refusal() {
        let error = read_best(&serde_json::json!(7), &ALTERNATIVES).unwrap_err();
        assert_eq!(
            error,
            "matches none of the alternatives (as Small: invalid type: integer `7`, expected \
             struct Small; as Large: invalid type: integer `7`, expected struct Large; as Text: \
             invalid type: integer `7`, expected a string)"
        );
    }
}
