//! Validation failures: every one, in declaration order, with its path, keyword and limit.

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::number::Num;
use crate::path::{FieldPath, Path};

/// Which rule failed and its limit or allowed values (never the offending value).
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// `pattern`: the value does not match.
    Pattern(&'static str),
    /// `minLength`, in characters.
    MinLength(u64),
    /// `maxLength`, in characters.
    MaxLength(u64),
    /// `minimum`.
    Minimum(Num),
    /// `maximum`.
    Maximum(Num),
    /// `exclusiveMinimum`.
    ExclusiveMinimum(Num),
    /// `exclusiveMaximum`.
    ExclusiveMaximum(Num),
    /// `multipleOf`.
    MultipleOf(Num),
    /// `enum`: the allowed values.
    Enum(&'static [&'static str]),
    /// `format`.
    Format(&'static str),
    /// `minItems`.
    MinItems(u64),
    /// `maxItems`.
    MaxItems(u64),
    /// `uniqueItems`.
    UniqueItems,
    /// `dependentRequired`: the key is missing although the named key is present.
    DependentRequired(&'static str),
}

impl Failure {
    /// The JSON Schema keyword.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Pattern(_) => "pattern",
            Failure::MinLength(_) => "minLength",
            Failure::MaxLength(_) => "maxLength",
            Failure::Minimum(_) => "minimum",
            Failure::Maximum(_) => "maximum",
            Failure::ExclusiveMinimum(_) => "exclusiveMinimum",
            Failure::ExclusiveMaximum(_) => "exclusiveMaximum",
            Failure::MultipleOf(_) => "multipleOf",
            Failure::Enum(_) => "enum",
            Failure::Format(_) => "format",
            Failure::MinItems(_) => "minItems",
            Failure::MaxItems(_) => "maxItems",
            Failure::UniqueItems => "uniqueItems",
            Failure::DependentRequired(_) => "dependentRequired",
        }
    }

    /// What the value should have been.
    pub fn message(&self) -> String {
        match self {
            Failure::Pattern(pattern) => format!("does not match the pattern `{pattern}`"),
            Failure::MinLength(n) => format!("must be at least {n} characters long"),
            Failure::MaxLength(n) => format!("must be at most {n} characters long"),
            Failure::Minimum(n) => format!("must be at least {n}"),
            Failure::Maximum(n) => format!("must be at most {n}"),
            Failure::ExclusiveMinimum(n) => format!("must be greater than {n}"),
            Failure::ExclusiveMaximum(n) => format!("must be less than {n}"),
            Failure::MultipleOf(n) => format!("must be a multiple of {n}"),
            Failure::Enum(values) => {
                // The empty string shows as `""`, not as an empty pair of backticks.
                let values: Vec<String> = values
                    .iter()
                    .map(|v| {
                        if v.is_empty() {
                            "`\"\"`".to_owned()
                        } else {
                            format!("`{v}`")
                        }
                    })
                    .collect();
                format!("must be one of {}", values.join(", "))
            }
            Failure::Format(format) => format!("is not a valid {format}"),
            Failure::MinItems(n) => format!("must have at least {n} items"),
            Failure::MaxItems(n) => format!("must have at most {n} items"),
            Failure::UniqueItems => "must not contain duplicate items".to_owned(),
            Failure::DependentRequired(key) => format!("is required when `{key}` is present"),
        }
    }

    fn serialize_params<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
        #[derive(Serialize)]
        struct Limit<T> {
            limit: T,
        }
        match self {
            Failure::Pattern(pattern) => {
                out.serialize_field("params", &serde_json::json!({ "pattern": pattern }))
            }
            Failure::MinLength(n)
            | Failure::MaxLength(n)
            | Failure::MinItems(n)
            | Failure::MaxItems(n) => out.serialize_field("params", &Limit { limit: n }),
            Failure::Minimum(n)
            | Failure::Maximum(n)
            | Failure::ExclusiveMinimum(n)
            | Failure::ExclusiveMaximum(n)
            | Failure::MultipleOf(n) => out.serialize_field("params", &Limit { limit: n }),
            Failure::Enum(values) => {
                out.serialize_field("params", &serde_json::json!({ "allowed": values }))
            }
            Failure::Format(format) => {
                out.serialize_field("params", &serde_json::json!({ "format": format }))
            }
            Failure::UniqueItems => out.serialize_field("params", &serde_json::json!({})),
            Failure::DependentRequired(key) => {
                out.serialize_field("params", &serde_json::json!({ "when": key }))
            }
        }
    }
}

/// One failed rule at one path.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    /// Where, in wire names.
    pub path: FieldPath,
    /// What failed.
    pub failure: Failure,
}

impl ValidationError {
    /// The JSON Schema keyword that failed (`pattern`, `minLength`, `enum`, ...).
    pub fn code(&self) -> &'static str {
        self.failure.code()
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.0.is_empty() {
            write!(f, "{}", self.failure.message())
        } else {
            write!(f, "{}: {}", self.path, self.failure.message())
        }
    }
}

impl Serialize for ValidationError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("ValidationError", 5)?;
        out.serialize_field("path", &self.path)?;
        out.serialize_field("pointer", &self.path.pointer())?;
        out.serialize_field("code", self.code())?;
        self.failure.serialize_params(&mut out)?;
        out.serialize_field("message", &self.failure.message())?;
        out.end()
    }
}

/// Every failure of one validation, in declaration order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ValidationErrors(Vec<ValidationError>);

impl ValidationErrors {
    /// Records a failure at `path`.
    #[cold]
    pub fn add(&mut self, path: &Path<'_>, failure: Failure) {
        self.0.push(ValidationError {
            path: path.to_field_path(),
            failure,
        });
    }

    /// The failures.
    pub fn errors(&self) -> &[ValidationError] {
        &self.0
    }

    /// True when nothing failed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing failed.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for ValidationErrors {
    /// One failure per line, path first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, error) in self.0.iter().enumerate() {
            if position > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
