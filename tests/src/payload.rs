//! What a downstream user needs of an `OAuth2Client` body: it parses, is written back without
//! losing a value, reads back equal, and prints without showing a secret.

use chrono::DateTime;
use ory_client_models::{OAuth2Client, Validate};
use serde_json::Value;

/// Keys the model may add on writing: properties with a spec default.
const DEFAULTED: &[&str] = &["token_endpoint_auth_method"];

/// Properties whose values `Debug` must not show, with the JWK members that are secret.
const SECRET_KEYS: &[&str] = &[
    "client_secret",
    "registration_access_token",
    "d",
    "p",
    "q",
    "dp",
    "dq",
    "qi",
    "k",
];

/// What checking one body found.
#[derive(Debug, Default, PartialEq)]
pub struct PayloadReport {
    /// Keys read.
    pub keys: usize,
    /// Keys whose `null` was read as absent (optional, not nullable) and so not written back.
    pub nulls_read_as_absent: Vec<String>,
    /// Keys written with their spec default because the body did not have them.
    pub defaults_added: Vec<String>,
}

/// Checks one body; the error says which step failed and where.
pub fn check_payload(json: &str) -> Result<PayloadReport, String> {
    let client = OAuth2Client::from_json(json).map_err(|err| format!("parse: {err}"))?;
    client
        .validate()
        .map_err(|errors| format!("validate: {errors}"))?;
    let original: Value = serde_json::from_str(json).map_err(|err| format!("not JSON: {err}"))?;
    let written = client.to_value();
    let report = compare_written(&original, &written)?;
    let again = OAuth2Client::from_value(written).map_err(|err| format!("read back: {err}"))?;
    if again != client {
        return Err("read back: the written document reads as a different client".to_owned());
    }
    let printed = format!("{client:?}");
    let mut secrets = Vec::new();
    collect_secrets(&original, &mut secrets);
    if let Some(secret) = secrets
        .iter()
        .find(|secret| printed.contains(secret.as_str()))
    {
        return Err(format!("debug: `{{:?}}` shows the secret value `{secret}`"));
    }
    Ok(report)
}

/// Compares a body with what the model wrote back: every value kept (a `null` read as absent,
/// and a spec default added, are reported, not failures).
pub fn compare_written(original: &Value, written: &Value) -> Result<PayloadReport, String> {
    let mut report = PayloadReport {
        keys: original.as_object().map_or(0, |object| object.len()),
        ..PayloadReport::default()
    };
    compare(original, written, "", &mut report)?;
    Ok(report)
}

/// One-field breakages: (JSON pointer to set, a value the rules must refuse, the path they name).
const BREAKAGES: &[(&str, &str, &str)] = &[
    ("/client_uri", r#""not a uri""#, "client_uri"),
    ("/subject_type", r#""private""#, "subject_type"),
    (
        "/token_endpoint_auth_method",
        r#""client_secret_jwt""#,
        "token_endpoint_auth_method",
    ),
    (
        "/access_token_strategy",
        r#""none""#,
        "access_token_strategy",
    ),
    (
        "/authorization_code_grant_access_token_lifespan",
        r#""one hour""#,
        "authorization_code_grant_access_token_lifespan",
    ),
    (
        "/redirect_uris",
        r#"["https://ok.example.com/cb", "no scheme"]"#,
        "redirect_uris[1]",
    ),
    ("/jwks_uri", r#""https://bad host/jwks""#, "jwks_uri"),
];

/// Breaks the body in one field at a time and checks that validation fails there and only there;
/// returns how many breakages were checked.
pub fn check_breakages(json: &str) -> Result<usize, String> {
    let original: Value = serde_json::from_str(json).map_err(|err| format!("not JSON: {err}"))?;
    for (pointer, bad, path) in BREAKAGES {
        let mut broken = original.clone();
        let key = &pointer[1..];
        broken
            .as_object_mut()
            .ok_or("the body is not an object")?
            .insert(
                key.to_owned(),
                serde_json::from_str(bad).expect("breakages are JSON"),
            );
        let client =
            OAuth2Client::from_value(broken).map_err(|err| format!("{key}: parse: {err}"))?;
        let errors = match client.validate() {
            Ok(()) => return Err(format!("{key} = {bad} passed validation")),
            Err(errors) => errors,
        };
        let paths: Vec<String> = errors
            .errors()
            .iter()
            .map(|error| error.path.to_string())
            .collect();
        if paths != [*path] {
            return Err(format!(
                "{key} = {bad}: expected one failure at `{path}`, got {paths:?}"
            ));
        }
    }
    Ok(BREAKAGES.len())
}

/// Every value of `original` must be in `written`; a `null` may be dropped, a default added.
fn compare(
    original: &Value,
    written: &Value,
    path: &str,
    report: &mut PayloadReport,
) -> Result<(), String> {
    match (original, written) {
        (Value::Object(before), Value::Object(after)) => {
            for (key, value) in before {
                let at = join(path, key);
                match (value, after.get(key)) {
                    (Value::Null, None) => report.nulls_read_as_absent.push(at),
                    (_, None) => return Err(format!("lost: `{at}` was not written back")),
                    (_, Some(again)) => compare(value, again, &at, report)?,
                }
            }
            for key in after.keys().filter(|key| !before.contains_key(*key)) {
                let at = join(path, key);
                if path.is_empty() && DEFAULTED.contains(&key.as_str()) {
                    report.defaults_added.push(at);
                } else {
                    return Err(format!("added: `{at}` was written but not read"));
                }
            }
            Ok(())
        }
        (Value::Array(before), Value::Array(after)) if before.len() == after.len() => before
            .iter()
            .zip(after)
            .enumerate()
            .try_for_each(|(index, (a, b))| compare(a, b, &format!("{path}[{index}]"), report)),
        (Value::String(a), Value::String(b)) if a == b || same_instant(a, b) => Ok(()),
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("changed: `{path}` was {a}, written as {b}")),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Two RFC 3339 timestamps for the same instant (`+00:00` and `Z`, trailing zeros).
fn same_instant(a: &str, b: &str) -> bool {
    match (
        DateTime::parse_from_rfc3339(a),
        DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn collect_secrets(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, value) in object {
                match value.as_str() {
                    Some(secret) if SECRET_KEYS.contains(&key.as_str()) && secret.len() >= 4 => {
                        out.push(secret.to_owned())
                    }
                    _ => collect_secrets(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_secrets(item, out)),
        _ => {}
    }
}
