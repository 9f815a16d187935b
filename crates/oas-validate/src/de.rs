//! What the `Deserialize` impls of generated structs call.
//!
//! A generated struct reads its JSON object in one `visit_map`: each key is borrowed where the
//! input allows ([`Key`]), matched against the wire names, and its value read straight into the
//! field's slot; a key the struct does not declare goes into its map of undeclared keys, is
//! refused (`additionalProperties: false`) or skipped. That is the part of
//! `#[derive(Deserialize)]` the models use, without the field enum, the sequence visitor and
//! the buffering `#[serde(flatten)]` needs: on Ory's 453-schema crate, `cargo check` went
//! from 0.74× openapi-generator's models to 0.62× (`cargo xtask bench-compile`).
//!
//! ```
//! use oas_validate::de::{Key, required};
//! use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
//!
//! struct Pet { name: String, tag: Option<String> }
//!
//! impl<'de> Deserialize<'de> for Pet {
//!     fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
//!         struct PetVisitor;
//!         impl<'de> Visitor<'de> for PetVisitor {
//!             type Value = Pet;
//!             fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!                 f.write_str("struct Pet")
//!             }
//!             fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pet, A::Error> {
//!                 let (mut name, mut tag) = (None, None);
//!                 while let Some(key) = map.next_key::<Key<'de>>()? {
//!                     match &*key {
//!                         "name" => name = Some(map.next_value()?),
//!                         "tag" => tag = map.next_value()?,
//!                         _ => drop(map.next_value::<serde::de::IgnoredAny>()?),
//!                     }
//!                 }
//!                 Ok(Pet { name: required(name, "name")?, tag })
//!             }
//!         }
//!         deserializer.deserialize_map(PetVisitor)
//!     }
//! }
//!
//! let pet: Pet = serde_json::from_str(r#"{"name": "Rex", "age": 3}"#).unwrap();
//! assert_eq!((pet.name.as_str(), pet.tag), ("Rex", None));
//! let err = serde_json::from_str::<Pet>(r#"{"tag": "x"}"#).err().unwrap();
//! assert_eq!(err.to_string(), "missing field `name` at line 1 column 12");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// An object key, borrowed from the input when it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key as an owned string (for a map of undeclared keys).
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl Deref for Key<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor { known: None })
    }
}

/// Reads a key of a struct that refuses undeclared ones (`deny_unknown_fields`): a key not
/// among these is an "unknown field" error, raised where the key is read (so positions and
/// error paths are serde's).
pub struct KnownKey(pub &'static [&'static str]);

impl<'de> de::DeserializeSeed<'de> for KnownKey {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(KeyVisitor {
            known: Some(self.0),
        })
    }
}

/// Reads a key, refusing it when it is not `known` (if given).
struct KeyVisitor {
    known: Option<&'static [&'static str]>,
}

impl KeyVisitor {
    fn accept<'de, E: de::Error>(&self, key: Cow<'de, str>) -> Result<Key<'de>, E> {
        match self.known {
            Some(known) if !known.contains(&&*key) => Err(E::unknown_field(&key, known)),
            _ => Ok(Key(key)),
        }
    }
}

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        self.accept(Cow::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        self.accept(Cow::Owned(key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        self.accept(Cow::Owned(key))
    }
}

/// The value of a required field, or when its key was absent, what serde's derive gives: `None`
/// for an `Option` field, else the "missing field" error.
pub fn required<'de, T: Deserialize<'de>, E: de::Error>(
    slot: Option<T>,
    field: &'static str,
) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(Missing(field, PhantomData)),
    }
}

/// Stands for an absent key: an `Option` reads it as `None`, anything else fails.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_borrowed_from_text_and_owned_from_values() {
        let borrowed: Key = serde_json::from_str(r#""name""#).unwrap();
        assert!(matches!(borrowed.0, Cow::Borrowed("name")));
        let escaped: Key = serde_json::from_str(r#""na\"me""#).unwrap();
        assert_eq!(&*escaped, "na\"me");
        let owned = Key::deserialize(serde_json::json!("name")).unwrap();
        assert_eq!(owned.into_string(), "name");
    }

    #[test]
    fn an_absent_required_key_is_none_for_options_and_an_error_otherwise() {
        let none: Result<Option<u8>, serde_json::Error> = required(None, "a");
        assert_eq!(none.unwrap(), None);
        let err: Result<u8, serde_json::Error> = required(None, "a");
        assert_eq!(err.unwrap_err().to_string(), "missing field `a`");
        let given: Result<u8, serde_json::Error> = required(Some(3), "a");
        assert_eq!(given.unwrap(), 3);
    }
}
