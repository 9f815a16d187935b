//! The three states of a property that may be absent and may be `null`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional, nullable property: absent, explicitly `null`, or a value.
///
/// Reading and writing keep the distinction, so a `null` read is written back as `null` and an
/// absent key stays absent. Use it with
/// `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`.
///
/// ```
/// use oas_validate::Nullable;
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Client {
///     #[serde(default, skip_serializing_if = "Nullable::is_absent")]
///     lifespan: Nullable<String>,
/// }
/// for json in [r#"{}"#, r#"{"lifespan":null}"#, r#"{"lifespan":"1h"}"#] {
///     let client: Client = serde_json::from_str(json).unwrap();
///     assert_eq!(serde_json::to_string(&client).unwrap(), json);
/// }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The key is not present.
    #[default]
    Absent,
    /// The key is present with the value `null`.
    Null,
    /// The key is present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// True when the key is not present.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// True when the key is present with `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, if there is one, by value.
    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => value.serialize(serializer),
            // `Absent` is skipped by `skip_serializing_if`; written anyway, it can only be `null`.
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        value: Nullable<u8>,
    }

    #[test]
    fn keeps_three_states() {
        for (json, state) in [
            ("{}", Nullable::Absent),
            (r#"{"value":null}"#, Nullable::Null),
            (r#"{"value":7}"#, Nullable::Value(7)),
        ] {
            let holder: Holder = serde_json::from_str(json).unwrap();
            assert_eq!(holder.value, state);
            assert_eq!(serde_json::to_string(&holder).unwrap(), json);
        }
    }

    #[test]
    fn rejects_a_value_of_the_wrong_type() {
        assert!(serde_json::from_str::<Holder>(r#"{"value":"x"}"#).is_err());
    }
}
