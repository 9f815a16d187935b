//! `format: byte` fields: `Vec<u8>` in Rust, base64 text in JSON.
//!
//! Use the module with `#[serde(with = "oas_validate::base64")]` on a field whose type is
//! `Vec<u8>` or any nesting of it in `Option`, [`Nullable`], `Vec`, `BTreeMap<String, _>` or `Box`:
//! [`Base64Encoded`] carries the encoding through the containers. Reading accepts the standard
//! alphabet with or without padding; writing pads.
//!
//! ```
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Key {
//!     #[serde(with = "oas_validate::base64")]
//!     public_key: Vec<u8>,
//!     #[serde(with = "oas_validate::base64", default, skip_serializing_if = "Option::is_none")]
//!     chain: Option<Vec<Vec<u8>>>,
//! }
//! let key: Key = serde_json::from_str(r#"{"public_key":"AAEC","chain":["/w=="]}"#).unwrap();
//! assert_eq!(key.public_key, [0, 1, 2]);
//! assert_eq!(key.chain, Some(vec![vec![255]]));
//! assert_eq!(serde_json::to_string(&key).unwrap(), r#"{"public_key":"AAEC","chain":["/w=="]}"#);
//! ```

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::de::Error as _;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Nullable;

/// Standard alphabet; padding written, and optional when read.
const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A type whose bytes travel as base64 strings: `Vec<u8>` and the containers around it.
pub trait Base64Encoded: Sized {
    /// Writes the value with every byte string as base64 text.
    fn serialize_base64<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the value, decoding every byte string from base64 text.
    fn deserialize_base64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// Serializes `value` with its bytes as base64 (the `serialize` half of `with`).
pub fn serialize<T: Base64Encoded, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize_base64(serializer)
}

/// Deserializes a value whose bytes are base64 (the `deserialize` half of `with`).
pub fn deserialize<'de, T: Base64Encoded, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    T::deserialize_base64(deserializer)
}

/// Borrows a value to serialize it as base64.
struct Encode<'a, T>(&'a T);

impl<T: Base64Encoded> Serialize for Encode<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_base64(serializer)
    }
}

/// Holds a value read from base64.
struct Decode<T>(T);

impl<'de, T: Base64Encoded> Deserialize<'de> for Decode<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_base64(deserializer).map(Decode)
    }
}

impl Base64Encoded for Vec<u8> {
    fn serialize_base64<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&ENGINE.encode(self))
    }

    fn deserialize_base64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ENGINE
            .decode(text.as_bytes())
            .map_err(|error| D::Error::custom(format_args!("invalid base64: {error}")))
    }
}

impl<T: Base64Encoded> Base64Encoded for Option<T> {
    fn serialize_base64<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Encode(value)),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize_base64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<Decode<T>>::deserialize(deserializer)?.map(|decoded| decoded.0))
    }
}

impl<T: Base64Encoded> Base64Encoded for Nullable<T> {
    fn serialize_base64<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(&Encode(value)),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }

    fn deserialize_base64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<Decode<T>>::deserialize(deserializer)? {
            Some(decoded) => Nullable::Value(decoded.0),
            None => Nullable::Null,
        })
    }
}

impl<T: Base64Encoded> Base64Encoded for Vec<T> {
    fn serialize_base64<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&Encode(item))?;
        }
        seq.end()
    }

    fn deserialize_base64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<Decode<T>>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|decoded| decoded.0).collect())
    }
}

impl<T: Base64Encoded> Base64Encoded for BTreeMap<String, T> {
    fn serialize_base64<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self {
            map.serialize_entry(key, &Encode(value))?;
        }
        map.end()
    }

    fn deserialize_base64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = BTreeMap::<String, Decode<T>>::deserialize(deserializer)?;
        Ok(entries
            .into_iter()
            .map(|(key, decoded)| (key, decoded.0))
            .collect())
    }
}

impl<T: Base64Encoded> Base64Encoded for Box<T> {
    fn serialize_base64<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize_base64(serializer)
    }

    fn deserialize_base64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_base64(deserializer).map(Box::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(with = "super", default, skip_serializing_if = "Nullable::is_absent")]
        key: Nullable<Vec<u8>>,
        #[serde(with = "super", default)]
        by_name: BTreeMap<String, Vec<u8>>,
    }

    #[test]
    fn round_trips_through_containers() {
        for json in [
            r#"{"by_name":{}}"#,
            r#"{"key":null,"by_name":{}}"#,
            r#"{"key":"aGk=","by_name":{"a":"","b":"AP8="}}"#,
        ] {
            let holder: Holder = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&holder).unwrap(), json);
        }
    }

    #[test]
    fn reads_unpadded_text() {
        let holder: Holder = serde_json::from_str(r#"{"key":"aGk"}"#).unwrap();
        assert_eq!(holder.key, Nullable::Value(b"hi".to_vec()));
    }

    #[test]
    fn names_bad_text() {
        let error = serde_json::from_str::<Holder>(r#"{"key":"a*b"}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("invalid base64: Invalid symbol 42"),
            "{error}"
        );
    }
}
