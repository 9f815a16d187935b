//! The constraints a value's docs state, listed once: rustdoc renders them as sentences
//! (`notes.rs`), the Markdown table as bracketed notes (`markdown.rs`).

use oas_parser::ir::{Constraints, Type};
use serde_json::{Number, Value};

use crate::types::format_sets_type;

/// One stated constraint, in the order the docs list them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit<'c> {
    /// `pattern`, and whether an engine can check it.
    Pattern {
        /// The ECMA-262 pattern.
        pattern: &'c str,
        /// True when `regex` or `regress` compiles it.
        checked: bool,
    },
    /// A `format` the Rust type does not already express.
    Format(&'c str),
    /// `minLength` / `maxLength`.
    Length(Bounds),
    /// `minimum` (exclusive or not).
    Minimum(&'c Number, bool),
    /// `maximum` (exclusive or not).
    Maximum(&'c Number, bool),
    /// `multipleOf`.
    MultipleOf(&'c Number),
    /// `minItems` / `maxItems`.
    Items(Bounds),
    /// `uniqueItems: true`.
    UniqueItems,
    /// `enum` values on a plain type (or a `const`).
    OneOf(&'c [Value]),
    /// What every key of a map follows (`propertyNames`, `patternProperties`).
    Keys(&'c Constraints),
    /// A keyword the spec states that no type or rule checks (`not`, `if/then/else`...).
    Unchecked(&'c str),
}

/// A count's limits: lower, upper or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bounds {
    /// At least this many.
    AtLeast(u64),
    /// At most this many.
    AtMost(u64),
    /// From the first to the second, inclusive.
    Between(u64, u64),
}

impl Bounds {
    fn new(min: Option<u64>, max: Option<u64>) -> Option<Bounds> {
        match (min, max) {
            (Some(min), Some(max)) => Some(Bounds::Between(min, max)),
            (Some(min), None) => Some(Bounds::AtLeast(min)),
            (None, Some(max)) => Some(Bounds::AtMost(max)),
            (None, None) => None,
        }
    }

    /// The lower limit, if any.
    pub fn min(self) -> Option<u64> {
        match self {
            Bounds::AtLeast(min) | Bounds::Between(min, _) => Some(min),
            Bounds::AtMost(_) => None,
        }
    }

    /// The upper limit, if any.
    pub fn max(self) -> Option<u64> {
        match self {
            Bounds::AtMost(max) | Bounds::Between(_, max) => Some(max),
            Bounds::AtLeast(_) => None,
        }
    }
}

/// The constraints of a value of type `ty`, in doc order.
pub fn limits<'c>(ty: &Type, constraints: &'c Constraints) -> Vec<Limit<'c>> {
    let mut limits = Vec::new();
    if let Some(pattern) = &constraints.pattern {
        limits.push(Limit::Pattern {
            pattern,
            checked: crate::rules::pattern_is_checkable(pattern),
        });
    }
    if let Some(format) = constraints
        .format
        .as_deref()
        .filter(|format| !format_sets_type(ty, format))
    {
        limits.push(Limit::Format(format));
    }
    if let Some(bounds) = Bounds::new(constraints.min_length, constraints.max_length) {
        limits.push(Limit::Length(bounds));
    }
    if let Some(minimum) = &constraints.minimum {
        limits.push(Limit::Minimum(minimum, constraints.exclusive_minimum));
    }
    if let Some(maximum) = &constraints.maximum {
        limits.push(Limit::Maximum(maximum, constraints.exclusive_maximum));
    }
    if let Some(multiple) = &constraints.multiple_of {
        limits.push(Limit::MultipleOf(multiple));
    }
    if let Some(bounds) = Bounds::new(constraints.min_items, constraints.max_items) {
        limits.push(Limit::Items(bounds));
    }
    if constraints.unique_items {
        limits.push(Limit::UniqueItems);
    }
    if !constraints.enum_values.is_empty() {
        limits.push(Limit::OneOf(&constraints.enum_values));
    }
    if let Some(keys) = &constraints.keys {
        limits.push(Limit::Keys(keys));
    }
    limits.extend(
        constraints
            .unchecked
            .iter()
            .map(|keyword| Limit::Unchecked(keyword)),
    );
    limits
}
