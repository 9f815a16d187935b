//! Every generated model's `from_json` on hostile JSON: nesting 100,000 deep, a 100 MB string,
//! duplicate keys, numbers out of range, invalid UTF-16 escapes. Each returns a value or an error
//! naming where, never a crash. The list of models comes from the crates' `api.toml` (build.rs).

use std::sync::LazyLock;

const DEEP: usize = 100_000;

/// Hostile documents, each with the pointer-ish path an error should name when it is nested.
static HOSTILE: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    let deep_array = format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP));
    let deep_object = format!("{}1{}", "{\"a\":".repeat(DEEP), "}".repeat(DEEP));
    vec![
        ("deep array", deep_array.clone()),
        ("deep object", deep_object.clone()),
        (
            "deep array in a key",
            format!("{{\"zz_hostile\": {deep_array}}}"),
        ),
        (
            "deep object in a key",
            format!("{{\"zz_hostile\": {deep_object}}}"),
        ),
        ("number beyond f64", "{\"zz_hostile\": 1e400}".to_owned()),
        (
            "integer beyond 64 bits",
            "{\"zz_hostile\": 123456789012345678901234567890}".to_owned(),
        ),
        ("lone surrogate", "{\"zz_hostile\": \"\\ud800\"}".to_owned()),
        (
            "reversed surrogates",
            "{\"zz_hostile\": \"\\udc00\\ud800\"}".to_owned(),
        ),
        (
            "duplicate keys",
            "{\"zz_hostile\": 1, \"zz_hostile\": 2}".to_owned(),
        ),
        ("lone surrogate key", "{\"\\ud800\": 1}".to_owned()),
        ("truncated", "{\"zz_hostile\": [1, 2".to_owned()),
    ]
});

/// A 100 MB string under an undeclared key.
static HUGE: LazyLock<String> =
    LazyLock::new(|| format!("{{\"zz_hostile\": \"{}\"}}", "x".repeat(100 << 20)));

/// Checks one model; returns how many errors named the hostile key.
fn check<T, E: std::fmt::Display>(model: &str, parse: impl Fn(&str) -> Result<T, E>) -> usize {
    let mut named = 0;
    for (what, json) in HOSTILE.iter() {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse(json)));
        let outcome = result.unwrap_or_else(|_| panic!("{model}: `{what}` panicked"));
        if let Err(err) = outcome {
            let message = err.to_string();
            assert!(!message.is_empty(), "{model}: `{what}` gave an empty error");
            // An error raised inside the hostile value (not a refusal of the whole document's
            // type) names the key it sits under.
            let inside = ["recursion limit", "surrogate", "out of range"]
                .iter()
                .any(|cause| message.contains(cause));
            if inside && json.starts_with("{\"zz_hostile\"") {
                assert!(
                    message.contains("zz_hostile"),
                    "{model}: `{what}`: {message}"
                );
                named += 1;
            }
        }
    }
    named
}

#[test]
#[allow(deprecated)] // the fixtures' deprecated models are models too
fn every_generated_model_survives_hostile_json() {
    let mut count = 0;
    let mut named = 0;
    macro_rules! check_models {
        ($($model:path),*) => {{
            $(
                named += check(stringify!($model), <$model>::from_json);
                count += 1;
            )*
        }};
    }
    include!(concat!(env!("OUT_DIR"), "/every_model.rs"));
    assert!(count > 50, "only {count} models listed");
    assert!(
        named > count,
        "errors inside a value name its key ({named} did)"
    );
}

#[test]
fn a_100_mb_string_reads_or_fails_without_crashing() {
    // Kept under an undeclared key by an open struct, refused by a union or an enum's reader.
    let client = ory_client_models::OAuth2Client::from_json(&HUGE).unwrap();
    assert_eq!(client.additional_properties.len(), 1);
    drop(client);
    assert!(fixture_models::Closed::from_json(&HUGE).is_err());
}
