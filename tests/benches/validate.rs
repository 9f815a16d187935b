//! Validating an `OAuth2Client`: our derive (the generated model) against `validator`, `garde`
//! and a hand-written check, all with the same rules, on a valid client and on one with ten
//! errors. Run with `cargo bench -p workspace-tests --bench validate`; compare the figures of one
//! run as ratios to `hand-written`.
//!
//! The rules are the generated model's: a pattern on 13 lifespans, `uri` on 9 URI fields and on
//! the items of 3 URI lists, 3 enums, and the JWK set nested.

use std::hint::black_box;
use std::sync::LazyLock;

use criterion::{Criterion, criterion_group, criterion_main};
use ory_client_models::{OAuth2Client, Validate};
use regex::Regex;
use serde::Deserialize;
// validator's derive calls `.validate()` on nested fields: its trait must be in scope.
use validator::Validate as _;

const LIFESPAN: &str = r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$";
static LIFESPAN_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(LIFESPAN).unwrap());
const AUTH_METHODS: &[&str] = &[
    "client_secret_basic",
    "client_secret_post",
    "private_key_jwt",
    "none",
];
const SUBJECT_TYPES: &[&str] = &["pairwise", "public"];
const STRATEGIES: &[&str] = &["jwt", "opaque"];

const LIFESPANS: [&str; 13] = [
    "authorization_code_grant_access_token_lifespan",
    "authorization_code_grant_id_token_lifespan",
    "authorization_code_grant_refresh_token_lifespan",
    "client_credentials_grant_access_token_lifespan",
    "device_authorization_grant_access_token_lifespan",
    "device_authorization_grant_id_token_lifespan",
    "device_authorization_grant_refresh_token_lifespan",
    "implicit_grant_access_token_lifespan",
    "implicit_grant_id_token_lifespan",
    "jwt_bearer_grant_access_token_lifespan",
    "refresh_token_grant_access_token_lifespan",
    "refresh_token_grant_id_token_lifespan",
    "refresh_token_grant_refresh_token_lifespan",
];
const URIS: [&str; 9] = [
    "backchannel_logout_uri",
    "client_uri",
    "frontchannel_logout_uri",
    "jwks_uri",
    "logo_uri",
    "policy_uri",
    "registration_client_uri",
    "sector_identifier_uri",
    "tos_uri",
];

fn valid_json() -> serde_json::Value {
    let mut client = serde_json::json!({
        "client_id": "bench-client",
        "access_token_strategy": "opaque",
        "subject_type": "public",
        "token_endpoint_auth_method": "client_secret_basic",
        "redirect_uris": ["https://app.example.com/callback", "https://app.example.com/other"],
        "post_logout_redirect_uris": ["https://app.example.com/bye"],
        "request_uris": ["https://app.example.com/request.jwt"],
        "jwks": {"keys": [{"kid": "k1", "kty": "RSA", "alg": "RS256", "use": "sig", "e": "AQAB"}]}
    });
    for (index, name) in LIFESPANS.iter().enumerate() {
        client[name] = serde_json::json!(format!("{}h0m0s", index + 1));
    }
    for name in URIS {
        client[name] = serde_json::json!(format!("https://auth.example.com/{name}?client=bench"));
    }
    client
}

fn ten_errors_json() -> serde_json::Value {
    let mut client = valid_json();
    for name in &LIFESPANS[..4] {
        client[name] = serde_json::json!("one hour");
    }
    client["client_uri"] = serde_json::json!("not a uri");
    client["tos_uri"] = serde_json::json!("https://bad host/tos");
    client["subject_type"] = serde_json::json!("private");
    client["token_endpoint_auth_method"] = serde_json::json!("client_secret_jwt");
    client["access_token_strategy"] = serde_json::json!("none");
    client["redirect_uris"][0] = serde_json::json!("no scheme");
    client
}

/// The rule-carrying fields, for the other libraries and the hand-written check.
#[derive(Deserialize, validator::Validate, garde::Validate)]
struct Mirror {
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    authorization_code_grant_access_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    authorization_code_grant_id_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    authorization_code_grant_refresh_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    client_credentials_grant_access_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    device_authorization_grant_access_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    device_authorization_grant_id_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    device_authorization_grant_refresh_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    implicit_grant_access_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    implicit_grant_id_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    jwt_bearer_grant_access_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    refresh_token_grant_access_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    refresh_token_grant_id_token_lifespan: Option<String>,
    #[validate(regex(path = *LIFESPAN_RE))]
    #[garde(pattern(r"^-?([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$"))]
    refresh_token_grant_refresh_token_lifespan: Option<String>,
    #[validate(url)]
    #[garde(url)]
    backchannel_logout_uri: Option<String>,
    #[validate(url)]
    #[garde(url)]
    client_uri: Option<String>,
    #[validate(url)]
    #[garde(url)]
    frontchannel_logout_uri: Option<String>,
    #[validate(url)]
    #[garde(url)]
    jwks_uri: Option<String>,
    #[validate(url)]
    #[garde(url)]
    logo_uri: Option<String>,
    #[validate(url)]
    #[garde(url)]
    policy_uri: Option<String>,
    #[validate(url)]
    #[garde(url)]
    registration_client_uri: Option<String>,
    #[validate(url)]
    #[garde(url)]
    sector_identifier_uri: Option<String>,
    #[validate(url)]
    #[garde(url)]
    tos_uri: Option<String>,
    #[validate(custom(function = "validator_strategy"))]
    #[garde(custom(garde_one_of(STRATEGIES)))]
    access_token_strategy: Option<String>,
    #[validate(custom(function = "validator_subject_type"))]
    #[garde(custom(garde_one_of(SUBJECT_TYPES)))]
    subject_type: Option<String>,
    #[validate(custom(function = "validator_auth_method"))]
    #[garde(custom(garde_one_of(AUTH_METHODS)))]
    token_endpoint_auth_method: Option<String>,
    #[validate(custom(function = "validator_uris"))]
    #[garde(inner(inner(url)))]
    redirect_uris: Option<Vec<String>>,
    #[validate(custom(function = "validator_uris"))]
    #[garde(inner(inner(url)))]
    post_logout_redirect_uris: Option<Vec<String>>,
    #[validate(custom(function = "validator_uris"))]
    #[garde(inner(inner(url)))]
    request_uris: Option<Vec<String>>,
    #[validate(nested)]
    #[garde(dive)]
    jwks: Option<MirrorKeySet>,
}

#[derive(Deserialize, validator::Validate, garde::Validate)]
struct MirrorKeySet {
    #[validate(nested)]
    #[garde(dive)]
    keys: Option<Vec<MirrorKey>>,
}

/// A JWK has no rules in the generated model either: only the traversal is measured.
#[derive(Deserialize, validator::Validate, garde::Validate)]
struct MirrorKey {}

fn one_of(value: &str, allowed: &[&str]) -> Result<(), validator::ValidationError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("enum"))
    }
}
fn validator_strategy(value: &str) -> Result<(), validator::ValidationError> {
    one_of(value, STRATEGIES)
}
fn validator_subject_type(value: &str) -> Result<(), validator::ValidationError> {
    one_of(value, SUBJECT_TYPES)
}
fn validator_auth_method(value: &str) -> Result<(), validator::ValidationError> {
    one_of(value, AUTH_METHODS)
}
fn validator_uris(values: &[String]) -> Result<(), validator::ValidationError> {
    if values.iter().all(|value| url::Url::parse(value).is_ok()) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("url"))
    }
}
fn garde_one_of(
    allowed: &'static [&'static str],
) -> impl FnOnce(&Option<String>, &()) -> garde::Result {
    move |value, _| match value {
        Some(value) if !allowed.contains(&value.as_str()) => {
            Err(garde::Error::new("not an allowed value"))
        }
        _ => Ok(()),
    }
}

/// What a person would write by hand: the same rules, every failure collected with its path,
/// URIs checked with `url::Url::parse`.
fn hand_written(client: &Mirror) -> Result<(), Vec<(String, &'static str)>> {
    hand_written_with(client, |value| url::Url::parse(value).is_ok())
}

/// The same hand-written check with this workspace's RFC 3986 scan: the derive's own overhead.
fn hand_written_same_uri_check(client: &Mirror) -> Result<(), Vec<(String, &'static str)>> {
    hand_written_with(client, oas_validate::format::uri)
}

fn hand_written_with(
    client: &Mirror,
    is_uri: impl Fn(&str) -> bool,
) -> Result<(), Vec<(String, &'static str)>> {
    let mut errors = Vec::new();
    let lifespans = [
        (
            &client.authorization_code_grant_access_token_lifespan,
            LIFESPANS[0],
        ),
        (
            &client.authorization_code_grant_id_token_lifespan,
            LIFESPANS[1],
        ),
        (
            &client.authorization_code_grant_refresh_token_lifespan,
            LIFESPANS[2],
        ),
        (
            &client.client_credentials_grant_access_token_lifespan,
            LIFESPANS[3],
        ),
        (
            &client.device_authorization_grant_access_token_lifespan,
            LIFESPANS[4],
        ),
        (
            &client.device_authorization_grant_id_token_lifespan,
            LIFESPANS[5],
        ),
        (
            &client.device_authorization_grant_refresh_token_lifespan,
            LIFESPANS[6],
        ),
        (&client.implicit_grant_access_token_lifespan, LIFESPANS[7]),
        (&client.implicit_grant_id_token_lifespan, LIFESPANS[8]),
        (&client.jwt_bearer_grant_access_token_lifespan, LIFESPANS[9]),
        (
            &client.refresh_token_grant_access_token_lifespan,
            LIFESPANS[10],
        ),
        (&client.refresh_token_grant_id_token_lifespan, LIFESPANS[11]),
        (
            &client.refresh_token_grant_refresh_token_lifespan,
            LIFESPANS[12],
        ),
    ];
    for (value, name) in lifespans {
        if value.as_deref().is_some_and(|v| !LIFESPAN_RE.is_match(v)) {
            errors.push((name.to_owned(), "pattern"));
        }
    }
    let uris = [
        (&client.backchannel_logout_uri, URIS[0]),
        (&client.client_uri, URIS[1]),
        (&client.frontchannel_logout_uri, URIS[2]),
        (&client.jwks_uri, URIS[3]),
        (&client.logo_uri, URIS[4]),
        (&client.policy_uri, URIS[5]),
        (&client.registration_client_uri, URIS[6]),
        (&client.sector_identifier_uri, URIS[7]),
        (&client.tos_uri, URIS[8]),
    ];
    for (value, name) in uris {
        if value.as_deref().is_some_and(|v| !is_uri(v)) {
            errors.push((name.to_owned(), "format"));
        }
    }
    for (value, name, allowed) in [
        (
            &client.access_token_strategy,
            "access_token_strategy",
            STRATEGIES,
        ),
        (&client.subject_type, "subject_type", SUBJECT_TYPES),
        (
            &client.token_endpoint_auth_method,
            "token_endpoint_auth_method",
            AUTH_METHODS,
        ),
    ] {
        if value.as_deref().is_some_and(|v| !allowed.contains(&v)) {
            errors.push((name.to_owned(), "enum"));
        }
    }
    for (values, name) in [
        (&client.redirect_uris, "redirect_uris"),
        (
            &client.post_logout_redirect_uris,
            "post_logout_redirect_uris",
        ),
        (&client.request_uris, "request_uris"),
    ] {
        for (index, value) in values.iter().flatten().enumerate() {
            if !is_uri(value) {
                errors.push((format!("{name}[{index}]"), "format"));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn bench(c: &mut Criterion) {
    for (label, json) in [("valid", valid_json()), ("ten errors", ten_errors_json())] {
        let ours = OAuth2Client::from_value(json.clone()).unwrap();
        let mirror: Mirror = serde_json::from_value(json).unwrap();
        let expected_errors = if label == "valid" { 0 } else { 10 };
        assert_eq!(
            ours.validate().err().map_or(0, |e| e.errors().len()),
            expected_errors
        );
        assert_eq!(
            hand_written(&mirror).err().map_or(0, |e| e.len()),
            expected_errors
        );
        assert_eq!(
            validator::Validate::validate(&mirror).is_ok(),
            expected_errors == 0
        );
        assert_eq!(
            garde::Validate::validate(&mirror).is_ok(),
            expected_errors == 0
        );

        let mut group = c.benchmark_group(format!("validate OAuth2Client ({label})"));
        assert_eq!(
            hand_written_same_uri_check(&mirror)
                .err()
                .map_or(0, |e| e.len()),
            expected_errors
        );
        group.bench_function("hand-written", |b| {
            b.iter(|| hand_written(black_box(&mirror)).is_ok())
        });
        group.bench_function("hand-written, same URI check", |b| {
            b.iter(|| hand_written_same_uri_check(black_box(&mirror)).is_ok())
        });
        group.bench_function("oas-validate derive", |b| {
            b.iter(|| black_box(&ours).validate().is_ok())
        });
        group.bench_function("validator", |b| {
            b.iter(|| validator::Validate::validate(black_box(&mirror)).is_ok())
        });
        group.bench_function("garde", |b| {
            b.iter(|| garde::Validate::validate(black_box(&mirror)).is_ok())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
