//! `pattern` rules: each distinct pattern is compiled once per process, on first use.
//!
//! JSON Schema patterns are ECMA-262 and unanchored. The derive macro picks the engine when it
//! expands: `regex` (fast, linear time) where the pattern means the same there, `regress` (an
//! ECMA-262 engine) where it does not, e.g. for look-arounds or back-references.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Which engine runs a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engine {
    /// The `regex` crate.
    Regex,
    /// The `regress` crate (ECMA-262 semantics).
    Regress,
}

/// A pattern as a `static`: its source, engine and, once used, the shared compiled form.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    engine: Engine,
    compiled: OnceLock<&'static Compiled>,
}

#[derive(Debug)]
enum Compiled {
    Regex(regex::Regex),
    Regress(regress::Regex),
}

impl Pattern {
    /// A pattern, compiled on first use.
    pub const fn new(source: &'static str, engine: Engine) -> Self {
        Pattern {
            source,
            engine,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern's source text.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// True when the pattern matches anywhere in `value` (JSON Schema patterns are unanchored).
    #[inline]
    pub fn is_match(&self, value: &str) -> bool {
        match self
            .compiled
            .get_or_init(|| shared(self.source, self.engine))
        {
            Compiled::Regex(regex) => regex.is_match(value),
            Compiled::Regress(regex) => regex.find(value).is_some(),
        }
    }
}

/// Checks that `source` compiles with `engine` (the derive macro's check, and tests').
pub fn compiles(source: &str, engine: Engine) -> Result<(), String> {
    match engine {
        Engine::Regex => regex::Regex::new(source)
            .map(drop)
            .map_err(|err| err.to_string()),
        Engine::Regress => regress::Regex::new(source)
            .map(drop)
            .map_err(|err| err.to_string()),
    }
}

/// The process-wide compiled form of a pattern: compiled by the first `static` that needs it.
fn shared(source: &'static str, engine: Engine) -> &'static Compiled {
    static REGISTRY: OnceLock<Mutex<HashMap<(&'static str, Engine), &'static Compiled>>> =
        OnceLock::new();
    let registry = REGISTRY.get_or_init(Default::default);
    let mut registry = registry
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    registry.entry((source, engine)).or_insert_with(|| {
        let compiled = match engine {
            Engine::Regex => Compiled::Regex(
                regex::Regex::new(source)
                    .expect("the derive macro checked that the pattern compiles"),
            ),
            Engine::Regress => Compiled::Regress(
                regress::Regex::new(source)
                    .expect("the derive macro checked that the pattern compiles"),
            ),
        };
        Box::leak(Box::new(compiled))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_unanchored_and_shared() {
        static A: Pattern = Pattern::new("[0-9]+s", Engine::Regex);
        static B: Pattern = Pattern::new("[0-9]+s", Engine::Regex);
        assert!(A.is_match("take 10s"));
        assert!(!A.is_match("ten seconds"));
        assert!(B.is_match("1s"));
        assert!(std::ptr::eq(
            *A.compiled.get().unwrap(),
            *B.compiled.get().unwrap()
        ));
    }

    #[test]
    fn regress_runs_what_regex_cannot() {
        assert!(compiles("^(?!admin).*$", Engine::Regex).is_err());
        static NOT_ADMIN: Pattern = Pattern::new("^(?!admin).*$", Engine::Regress);
        assert!(NOT_ADMIN.is_match("user"));
        assert!(!NOT_ADMIN.is_match("admin"));
    }
}
