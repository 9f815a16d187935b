//! Uses `ory-client-models` only through its public API, as a user crate would: builds a client
//! in code, round-trips it, reads the fixture payloads in `tests/fixtures/payloads/`.

use ory_client_models::Validate;
use ory_client_models::{
    JsonWebKey, JsonWebKeySet, Nullable, OAuth2Client, SubjectType, TokenEndpointAuthMethod,
};
use workspace_tests::payload::{check_breakages, check_payload, compare_written};
use workspace_tests::workspace_root;

fn fixture(name: &str) -> String {
    let path = workspace_root().join("tests/fixtures/payloads").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

#[test]
fn a_client_built_in_code_round_trips() {
    let client = OAuth2Client {
        client_id: Some("built-in-code".to_owned()),
        client_secret: Some("in-code-secret".to_owned()),
        redirect_uris: Some(vec!["https://app.example.com/cb".to_owned()]),
        authorization_code_grant_access_token_lifespan: Nullable::Value("1h".to_owned()),
        refresh_token_grant_id_token_lifespan: Nullable::Null,
        subject_type: Some(SubjectType::Public),
        jwks: Some(JsonWebKeySet {
            // A key has no meaningful default: `new` takes its required fields.
            keys: Some(vec![JsonWebKey {
                k: Some("c2VjcmV0LWtleQ".to_owned()),
                ..JsonWebKey::new(
                    "HS256".to_owned(),
                    "k1".to_owned(),
                    "oct".to_owned(),
                    "sig".to_owned(),
                )
            }]),
            ..JsonWebKeySet::default()
        }),
        ..OAuth2Client::default()
    };
    assert_eq!(
        client.token_endpoint_auth_method,
        TokenEndpointAuthMethod::ClientSecretBasic,
        "the spec default"
    );
    let json = client.to_json();
    assert!(
        json.contains(r#""token_endpoint_auth_method":"client_secret_basic""#),
        "{json}"
    );
    assert!(json.contains(r#""subject_type":"public""#), "{json}");
    assert!(
        json.contains(r#""refresh_token_grant_id_token_lifespan":null"#),
        "{json}"
    );
    assert!(
        !json.contains("implicit_grant_access_token_lifespan"),
        "absent stays absent: {json}"
    );
    assert!(
        json.contains(r#""use":"sig""#),
        "wire name of r#use: {json}"
    );
    assert_eq!(OAuth2Client::from_json(&json).unwrap(), client);
    assert_eq!(OAuth2Client::from_value(client.to_value()).unwrap(), client);
    let printed = format!("{client:?}");
    assert!(!printed.contains("in-code-secret"), "{printed}");
    assert!(!printed.contains("c2VjcmV0LWtleQ"), "{printed}");
    assert!(printed.contains("<redacted>"), "{printed}");
}

#[test]
fn explicit_nulls_keep_their_meaning() {
    let report = check_payload(&fixture("explicit-nulls.json")).unwrap();
    assert_eq!(
        report.nulls_read_as_absent,
        [
            "grant_types",
            "response_types",
            "contacts",
            "skip_logout_consent"
        ],
        "optional, non-nullable properties read null as absent"
    );
    let client = OAuth2Client::from_json(&fixture("explicit-nulls.json")).unwrap();
    assert_eq!(
        client.authorization_code_grant_access_token_lifespan,
        Nullable::Null
    );
    assert_eq!(
        client.implicit_grant_access_token_lifespan,
        Nullable::Absent
    );
    assert_eq!(client.skip_logout_consent, None);
}

#[test]
fn an_empty_jwks_and_metadata_survive() {
    let report = check_payload(&fixture("empty-jwks.json")).unwrap();
    assert_eq!(report.defaults_added, ["token_endpoint_auth_method"]);
    let client = OAuth2Client::from_json(&fixture("empty-jwks.json")).unwrap();
    assert_eq!(client.jwks, Some(JsonWebKeySet::default()));
    assert_eq!(client.metadata, Some(serde_json::Map::new()));
}

#[test]
fn a_full_jwk_set_keeps_every_member_and_hides_private_ones() {
    check_payload(&fixture("full-jwk-set.json")).unwrap();
    let client = OAuth2Client::from_json(&fixture("full-jwk-set.json")).unwrap();
    let keys = client.jwks.unwrap().keys.unwrap();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[1].crv.as_deref(), Some("P-256"));
    let printed = format!("{:?}", keys[0]);
    assert!(
        printed.contains("signing-key-1"),
        "public members print: {printed}"
    );
    assert!(
        !printed.contains("X4cTteJY"),
        "the private exponent does not: {printed}"
    );
}

#[test]
fn metadata_and_secrets() {
    check_payload(&fixture("metadata-and-secrets.json")).unwrap();
    let client = OAuth2Client::from_json(&fixture("metadata-and-secrets.json")).unwrap();
    let metadata = client.metadata.unwrap();
    assert_eq!(metadata["flags"]["beta"], serde_json::json!(true));
    assert_eq!(metadata["nothing"], serde_json::Value::Null);
}

#[test]
fn a_go_zero_time_parses_and_is_written_back() {
    check_payload(&fixture("go-zero-time.json")).unwrap();
    let client = OAuth2Client::from_json(&fixture("go-zero-time.json")).unwrap();
    let created = client.created_at.unwrap();
    assert_eq!(
        created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "0001-01-01T00:00:00Z"
    );
    assert!(
        client
            .to_json()
            .contains(r#""created_at":"0001-01-01T00:00:00Z""#)
    );
}

#[test]
fn a_bad_body_names_the_field() {
    let err = OAuth2Client::from_json(r#"{"jwks":{"keys":[{"kty":"RSA"}]}}"#).unwrap_err();
    assert_eq!(err.path(), "jwks.keys[0]");
    assert!(err.to_string().contains("missing field `alg`"), "{err}");
    let err = OAuth2Client::from_json(r#"{"created_at":"yesterday"}"#).unwrap_err();
    assert_eq!(err.path(), "created_at");
    assert!(
        err.to_string()
            .contains("input contains invalid characters"),
        "{err}"
    );
    let err = OAuth2Client::from_json(r#"{"skip_consent":"yes"}"#).unwrap_err();
    assert_eq!(err.path(), "skip_consent");
}

#[test]
fn the_check_itself_catches_a_lost_value() {
    // A key dropped, or a value changed, on writing: the comparison must say so.
    let original = serde_json::json!({"client_id": "x", "not_in_the_spec": 1});
    let dropped = serde_json::json!({"client_id": "x"});
    let err = compare_written(&original, &dropped).unwrap_err();
    assert!(err.contains("not_in_the_spec"), "{err}");
    let changed = serde_json::json!({"client_id": "y", "not_in_the_spec": 1});
    assert!(compare_written(&original, &changed).is_err());
    // The model itself keeps the key it does not declare.
    let report = check_payload(&original.to_string()).unwrap();
    assert_eq!(report.keys, 2);
}

#[test]
fn every_fixture_validates_and_each_breakage_is_caught_at_its_field() {
    for name in [
        "explicit-nulls.json",
        "empty-jwks.json",
        "full-jwk-set.json",
        "metadata-and-secrets.json",
        "go-zero-time.json",
    ] {
        let json = fixture(name);
        check_payload(&json).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(
            check_breakages(&json).unwrap_or_else(|err| panic!("{name}: {err}")),
            7
        );
    }
}

#[test]
fn validation_reports_every_failure_with_wire_paths() {
    let client = OAuth2Client::from_json(
        r#"{
            "client_uri": "nope",
            "subject_type": "",
            "authorization_code_grant_id_token_lifespan": "1 hour",
            "post_logout_redirect_uris": ["https://ok.example.com", "bad"],
            "jwks": {"keys": [{"kid": "k", "kty": "RSA", "alg": "RS256", "use": "sig"}]}
        }"#,
    )
    .unwrap();
    let errors = client.validate().unwrap_err();
    insta::assert_json_snapshot!("oauth2_client_validation_errors", errors);
    assert_eq!(
        errors.to_string(),
        "authorization_code_grant_id_token_lifespan: does not match the pattern `^-?([0-9]+(\\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$`\n\
         client_uri: is not a valid uri\n\
         post_logout_redirect_uris[1]: is not a valid uri"
    );
    assert!(
        !serde_json::to_string(&errors).unwrap().contains("1 hour"),
        "errors never carry the value"
    );
}

#[test]
fn go_durations_validate() {
    for lifespan in ["1h0m0s", "31h0m0s", "1m30s", "720h", "1.5s", "0s"] {
        let client = OAuth2Client {
            implicit_grant_id_token_lifespan: Nullable::Value(lifespan.to_owned()),
            ..OAuth2Client::default()
        };
        assert!(client.validate().is_ok(), "{lifespan}");
    }
}

#[test]
fn read_modify_write_keeps_the_keys_the_model_does_not_declare() {
    // A server newer than this model added two fields; a client updates one field and sends the
    // client back with PUT, as Ory documents for updates.
    let sent = serde_json::json!({
        "client_id": "c1",
        "client_name": "before",
        "skip_consent_for_partners": true,
        "partner_secret": "p4rtn3r"
    });
    let mut client = OAuth2Client::from_value(sent.clone()).unwrap();
    assert_eq!(
        client.additional_properties.keys().collect::<Vec<_>>(),
        ["partner_secret", "skip_consent_for_partners"]
    );
    client.client_name = Some("after".to_owned());
    let written = client.to_value();
    assert_eq!(written["skip_consent_for_partners"], true);
    assert_eq!(written["partner_secret"], "p4rtn3r");
    assert_eq!(written["client_name"], "after");
    let printed = format!("{client:?}");
    assert!(
        printed.contains("partner_secret"),
        "Debug names the key: {printed}"
    );
    assert!(!printed.contains("p4rtn3r"), "but not its value: {printed}");
}

/// The crate's example program (`examples/create_client.rs`), run as a test.
mod create_client_example {
    include!("../../crates/ory-client-models/examples/create_client.rs");
}

#[test]
fn the_create_client_example_runs() {
    create_client_example::main().unwrap();
}
