//! The impls of generated enums, as macros: the generated code declares each enum (its variants
//! and their docs, for readers) and calls one macro for the behaviour every such enum shares.
//!
//! Both kinds keep a value the spec does not list in a fallback variant, so a server that adds a
//! value does not break its clients; `validate()` reports such a value (`enum`), as JSON Schema
//! would.

/// Implements a string enum: `as_str`, `Display`, `FromStr` (never fails), serde as the string,
/// and the JSON operations of [`json_operations!`](crate::json_operations).
///
/// ```
/// #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
/// pub enum Color {
///     Red,
///     Green,
///     Other(String),
/// }
/// oas_validate::string_enum!(Color { Red = "red", Green = "green" } else Other);
///
/// assert_eq!("red".parse::<Color>(), Ok(Color::Red));
/// assert_eq!(Color::from_json(r#""purple""#).unwrap(), Color::Other("purple".into()));
/// assert_eq!(Color::Green.to_string(), "green");
/// assert_eq!(Color::Other("purple".into()).to_json(), r#""purple""#);
///
/// use oas_validate::Validate;
/// assert!(Color::Red.validate().is_ok());
/// let errors = Color::Other("purple".into()).validate().unwrap_err();
/// assert_eq!(errors.to_string(), "must be one of `red`, `green`");
/// ```
#[macro_export]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } else $fallback:ident) => {
        impl $name {
            /// The value as it appears in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$fallback(value) => value,
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(match value {
                    $($wire => Self::$variant,)*
                    other => Self::$fallback(::std::borrow::ToOwned::to_owned(other)),
                })
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value: ::std::string::String =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                let ::core::result::Result::Ok(parsed) = value.parse();
                ::core::result::Result::Ok(parsed)
            }
        }

        $crate::__enum_validate!($name, $fallback, [$($wire),*]);
        $crate::json_operations!($name);
    };
}

/// Implements an enum of integers, numbers, booleans or mixed values: `as_json`,
/// `from_json_value` (never fails), `Display` as JSON, serde as the JSON value, and the JSON
/// operations of [`json_operations!`](crate::json_operations).
///
/// ```
/// #[derive(Debug, Clone, PartialEq)]
/// pub enum Version {
///     V41,
///     V3Lite,
///     Minus1,
///     Unknown(serde_json::Value),
/// }
/// oas_validate::value_enum!(Version { V41 = 4.1, V3Lite = "3_lite", Minus1 = -1 } else Unknown);
///
/// assert_eq!(Version::from_json("4.1").unwrap(), Version::V41);
/// assert_eq!(Version::from_json("-1").unwrap(), Version::Minus1);
/// assert_eq!(Version::from_json("7").unwrap(), Version::Unknown(serde_json::json!(7)));
/// assert_eq!(Version::V3Lite.to_string(), r#""3_lite""#);
///
/// use oas_validate::Validate;
/// let errors = Version::Unknown(serde_json::json!(7)).validate().unwrap_err();
/// assert_eq!(errors.to_string(), r#"must be one of `4.1`, `"3_lite"`, `-1`"#);
/// ```
#[macro_export]
macro_rules! value_enum {
    ($name:ident { $($variant:ident = $value:expr),* $(,)? } else $fallback:ident) => {
        impl $name {
            /// The value as JSON.
            pub fn as_json(&self) -> $crate::json::Value {
                match self {
                    $(Self::$variant => $crate::__private::serde_json::json!($value),)*
                    Self::$fallback(value) => ::core::clone::Clone::clone(value),
                }
            }

            /// The variant for a JSON value.
            pub fn from_json_value(value: $crate::json::Value) -> Self {
                $(
                    if value == $crate::__private::serde_json::json!($value) {
                        return Self::$variant;
                    }
                )*
                Self::$fallback(value)
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "{}", self.as_json())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serde::Serialize::serialize(&self.as_json(), serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value: $crate::json::Value =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                ::core::result::Result::Ok(Self::from_json_value(value))
            }
        }

        $crate::__enum_validate!($name, $fallback, [$(::core::stringify!($value)),*]);
        $crate::json_operations!($name);
    };
}

/// `Validate` and `Nested` for a generated enum: a value in the fallback variant fails `enum`,
/// naming the listed values. Used by [`string_enum!`] and [`value_enum!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __enum_validate {
    ($name:ident, $fallback:ident, [$($listed:expr),*]) => {
        impl $crate::Validate for $name {
            fn validate_at(&self, path: &$crate::Path<'_>, errors: &mut $crate::ValidationErrors) {
                if let Self::$fallback(_) = self {
                    errors.add(path, $crate::Failure::Enum(&[$($listed),*]));
                }
            }
        }

        impl $crate::Nested for $name {
            fn nested_at(&self, path: &$crate::Path<'_>, errors: &mut $crate::ValidationErrors) {
                $crate::Validate::validate_at(self, path, errors);
            }
        }
    };
}
