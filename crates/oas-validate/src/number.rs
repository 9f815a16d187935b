//! Numbers as rules compare them: integers exactly, floats as floats.

use std::fmt;

use serde::Serialize;

/// A number read from a field or written in a rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Num {
    /// An integer (every Rust integer type fits).
    Int(i128),
    /// A floating-point number.
    Float(f64),
}

impl Num {
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(int) => int as f64,
            Num::Float(float) => float,
        }
    }

    /// `self < other`, exact for two integers.
    pub fn lt(self, other: Num) -> bool {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a < b,
            (a, b) => a.as_f64() < b.as_f64(),
        }
    }

    /// True when `self` is a whole multiple of `step`.
    pub fn is_multiple_of(self, step: Num) -> bool {
        match (self, step) {
            (Num::Int(_), Num::Int(0)) => false,
            (Num::Int(a), Num::Int(b)) => a % b == 0,
            (a, b) => {
                let quotient = a.as_f64() / b.as_f64();
                quotient.is_finite() && (quotient - quotient.round()).abs() < 1e-9
            }
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Num::Int(int) => write!(f, "{int}"),
            Num::Float(float) => write!(f, "{float}"),
        }
    }
}
