//! The JSON operations every generated model offers, with errors that name the failing field.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
/// The JSON value type the operations convert to and from.
pub use serde_json::Value;

/// A JSON document that does not fit the model, with the path of the offending field.
///
/// Displays as `path: message`, e.g. `jwks.keys[0]: missing field `kid` at line 1 column 40`.
#[derive(Debug)]
pub struct JsonError {
    path: String,
    inner: serde_json::Error,
}

impl JsonError {
    /// The dotted path of the field at fault (`jwks.keys[0]`); empty for the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The underlying serde_json error.
    pub fn inner(&self) -> &serde_json::Error {
        &self.inner
    }

    fn from_tracked(err: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = err.path().to_string();
        let path = if path == "." { String::new() } else { path };
        JsonError {
            path,
            inner: err.into_inner(),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.inner)
        } else {
            write!(f, "{}: {}", self.path, self.inner)
        }
    }
}

impl std::error::Error for JsonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.inner)
    }
}

/// Parses a model from JSON text.
pub fn from_str<T: DeserializeOwned>(json: &str) -> Result<T, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value =
        serde_path_to_error::deserialize(&mut deserializer).map_err(JsonError::from_tracked)?;
    deserializer.end().map_err(|inner| JsonError {
        path: String::new(),
        inner,
    })?;
    Ok(value)
}

/// Converts a JSON value into a model.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, JsonError> {
    serde_path_to_error::deserialize(value).map_err(JsonError::from_tracked)
}

/// Writes a model as compact JSON.
///
/// Generated models have string map keys and no fallible `Serialize`, so this cannot fail for
/// them; a hand-written type whose serialization fails yields `"null"`.
pub fn to_string<T: Serialize>(model: &T) -> String {
    serde_json::to_string(model).unwrap_or_else(|_| "null".to_owned())
}

/// Converts a model into a JSON value (see [`to_string`] on failure).
pub fn to_value<T: Serialize>(model: &T) -> serde_json::Value {
    serde_json::to_value(model).unwrap_or(serde_json::Value::Null)
}

/// Gives a model the four JSON operations as inherent methods: `from_json`, `to_json`,
/// `to_value` and `from_value`. Generated crates call it once per model.
///
/// The methods are `#[inline]`: the serde code they instantiate is compiled in the crate that
/// calls them, for the models it uses, instead of for every model when the model crate is
/// built (most of a generated crate's `cargo build` time otherwise).
///
/// ```
/// #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
/// struct Pet {
///     name: String,
/// }
/// oas_validate::json_operations!(Pet);
///
/// let pet = Pet::from_json(r#"{"name":"Rex"}"#).unwrap();
/// assert_eq!(pet.to_json(), r#"{"name":"Rex"}"#);
/// assert_eq!(Pet::from_value(pet.to_value()).unwrap(), pet);
/// assert_eq!(Pet::from_json("{}").unwrap_err().to_string(), "missing field `name` at line 1 column 2");
/// ```
#[macro_export]
macro_rules! json_operations {
    ($model:ident) => {
        impl $model {
            /// Parses JSON text; the error names the path of the offending field.
            #[inline]
            pub fn from_json(json: &str) -> ::core::result::Result<Self, $crate::JsonError> {
                $crate::json::from_str(json)
            }

            /// Writes compact JSON text.
            #[inline]
            pub fn to_json(&self) -> ::std::string::String {
                $crate::json::to_string(self)
            }

            /// Converts to a JSON value.
            #[inline]
            pub fn to_value(&self) -> $crate::json::Value {
                $crate::json::to_value(self)
            }

            /// Converts from a JSON value; the error names the path of the offending field.
            #[inline]
            pub fn from_value(
                value: $crate::json::Value,
            ) -> ::core::result::Result<Self, $crate::JsonError> {
                $crate::json::from_value(value)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Key {
        kid: String,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Set {
        keys: Vec<Key>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Client {
        jwks: Set,
    }

    #[test]
    fn errors_name_the_path() {
        let err = from_str::<Client>(r#"{"jwks":{"keys":[{}]}}"#).unwrap_err();
        assert_eq!(err.path(), "jwks.keys[0]");
        assert!(
            err.to_string()
                .starts_with("jwks.keys[0]: missing field `kid`"),
            "{err}"
        );
        let err =
            from_value::<Client>(serde_json::json!({"jwks": {"keys": [{"kid": 1}]}})).unwrap_err();
        assert_eq!(err.path(), "jwks.keys[0].kid");
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let err = from_str::<Set>(r#"{"keys":[]} x"#).unwrap_err();
        assert_eq!(err.path(), "");
    }
}
