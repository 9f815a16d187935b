//! Every rule failing at once: the errors as `Display` and as JSON, with wire-name paths.

use std::collections::BTreeMap;

use oas_validate::{Nullable, Validate};
use serde::Deserialize;

#[derive(Debug, Deserialize, Validate)]
struct Key {
    #[validate(min_length = 4)]
    kid: String,
    #[serde(rename = "use")]
    #[validate(enum_values("sig", "enc"))]
    r#use: String,
}

#[derive(Debug, Deserialize, Validate)]
struct KeySet {
    #[validate(nested)]
    keys: Vec<Key>,
}

#[derive(Debug, Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
struct Client {
    #[validate(pattern = "^[0-9]+(ns|us|ms|s|m|h)$")]
    access_lifespan: Nullable<String>,
    #[validate(min_length = 2, max_length = 4)]
    name: String,
    #[validate(minimum = 0, maximum = 10)]
    count: i64,
    #[validate(exclusive_minimum = 0, exclusive_maximum = 1, multiple_of = 0.25)]
    ratio: f64,
    #[validate(format = "uri")]
    client_uri: Option<String>,
    #[validate(format = "email")]
    contact: String,
    #[validate(
        min_items = 2,
        max_items = 3,
        unique_items,
        items(format = "uri", max_length = 30)
    )]
    redirect_uris: Vec<String>,
    #[validate(nested)]
    jwks: Option<KeySet>,
    #[validate(nested)]
    by_name: BTreeMap<String, Key>,
    #[validate(format = "uri", allow_empty)]
    tos_uri: String,
}

fn everything_wrong() -> Client {
    serde_json::from_value(serde_json::json!({
        "accessLifespan": "one hour",
        "name": "x",
        "count": 11,
        "ratio": 1.1,
        "clientUri": "no scheme",
        "contact": "not-an-email",
        "redirectUris": ["https://a.example.com/really/long/path/here", "https://a.example.com/really/long/path/here"],
        "jwks": { "keys": [{ "kid": "k1", "use": "sign" }] },
        "byName": { "primary": { "kid": "abc", "use": "enc" } },
        "tosUri": ""
    }))
    .unwrap()
}

#[test]
fn every_failure_in_declaration_order() {
    let errors = everything_wrong().validate().unwrap_err();
    insta::assert_snapshot!("errors_display", errors.to_string());
    insta::assert_json_snapshot!("errors_json", errors);
    let codes: Vec<&str> = errors.errors().iter().map(|e| e.code()).collect();
    assert_eq!(
        codes,
        [
            "pattern",
            "minLength",
            "maximum",
            "exclusiveMaximum",
            "multipleOf",
            "format",
            "format",
            "uniqueItems",
            "maxLength",
            "maxLength",
            "minLength",
            "enum",
            "minLength"
        ]
    );
    let pointers: Vec<String> = errors.errors().iter().map(|e| e.path.pointer()).collect();
    assert!(
        pointers.contains(&"/jwks/keys/0/kid".to_owned()),
        "{pointers:?}"
    );
    assert!(
        pointers.contains(&"/jwks/keys/0/use".to_owned()),
        "serde renames and r# are honoured: {pointers:?}"
    );
}

#[test]
fn errors_never_carry_the_value() {
    let json = serde_json::to_string(&everything_wrong().validate().unwrap_err()).unwrap();
    assert!(
        !json.contains("one hour") && !json.contains("not-an-email"),
        "{json}"
    );
}

#[test]
fn absent_null_and_empty_values_pass() {
    let client: Client = serde_json::from_value(serde_json::json!({
        "accessLifespan": null,
        "name": "ok",
        "count": 0,
        "ratio": 0.5,
        "contact": "a@example.com",
        "redirectUris": ["https://a.example.com", "https://b.example.com"],
        "byName": {},
        "tosUri": ""
    }))
    .unwrap();
    assert_eq!(client.validate(), Ok(()));
}

/// The derive keeps its own list of formats (it cannot depend on this crate); every format the
/// runtime knows must be accepted by it, and the lists must stay the same length.
#[derive(Validate)]
struct EveryFormat {
    #[validate(format = "uri")]
    a: String,
    #[validate(format = "uri-reference")]
    b: String,
    #[validate(format = "email")]
    c: String,
    #[validate(format = "uuid")]
    d: String,
    #[validate(format = "date-time")]
    e: String,
    #[validate(format = "date")]
    f: String,
    #[validate(format = "ipv4")]
    g: String,
    #[validate(format = "ipv6")]
    h: String,
    #[validate(format = "hostname")]
    i: String,
}

#[test]
fn the_derive_accepts_every_runtime_format() {
    assert_eq!(
        oas_validate::format::KNOWN.len(),
        9,
        "a new format needs the derive's list and this struct updated"
    );
    let valid = EveryFormat {
        a: "https://x.example".into(),
        b: "/path".into(),
        c: "a@example.com".into(),
        d: "3fa85f64-5717-4562-b3fc-2c963f66afa6".into(),
        e: "2024-01-01T00:00:00Z".into(),
        f: "2024-01-01".into(),
        g: "10.0.0.1".into(),
        h: "::1".into(),
        i: "example.com".into(),
    };
    assert_eq!(valid.validate(), Ok(()));
    let invalid = EveryFormat {
        a: "x".into(),
        b: "a b".into(),
        c: "x".into(),
        d: "x".into(),
        e: "x".into(),
        f: "x".into(),
        g: "x".into(),
        h: "x".into(),
        i: "-x".into(),
    };
    assert_eq!(invalid.validate().unwrap_err().errors().len(), 9);
}

#[derive(Debug, Deserialize, Validate)]
struct Headers {
    #[validate(keys(pattern = "^x-[a-z]+$", max_length = 8))]
    extra: BTreeMap<String, String>,
    #[validate(keys(min_length = 2))]
    labels: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(rename = "creditCard")]
    #[validate(dependent_required(billing_address, billing_name))]
    credit_card: Option<String>,
    #[serde(rename = "billingAddress")]
    billing_address: Nullable<String>,
    billing_name: Option<String>,
}

#[test]
fn keys_and_dependent_required_report_each_failure_at_its_path() {
    let headers: Headers = serde_json::from_value(serde_json::json!({
        "extra": {"x-ok": "1", "X-Bad": "2", "x-waytoolong": "3"},
        "labels": {"a": 1, "ab": 2},
        "creditCard": "4111",
        "billingAddress": null
    }))
    .unwrap();
    let errors = headers.validate().unwrap_err();
    let lines: Vec<String> = errors.to_string().lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            "extra.X-Bad: does not match the pattern `^x-[a-z]+$`",
            "extra.x-waytoolong: must be at most 8 characters long",
            "labels.a: must be at least 2 characters long",
            "billing_name: is required when `creditCard` is present",
        ]
    );
    assert_eq!(errors.errors()[3].failure.code(), "dependentRequired");

    let fine: Headers = serde_json::from_value(serde_json::json!({
        "extra": {"x-ok": "1"},
        "billingAddress": "Main St"
    }))
    .unwrap();
    assert!(fine.validate().is_ok(), "no card: no billing fields needed");
}
