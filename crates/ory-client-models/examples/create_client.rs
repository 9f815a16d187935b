// Builds an OAuth 2.0 client for Ory's create request, validates and serializes it, then reads
// the server's answer back: the round a program that registers clients makes.
//
// Run it with `cargo run -p ory-client-models --example create_client`; `cargo test` runs it
// too (`tests/tests/downstream.rs`).

use ory_client_models::{
    AccessTokenStrategy, JsonWebKey, JsonWebKeySet, OAuth2Client, SubjectType,
    TokenEndpointAuthMethod, Validate,
};

/// Builds, checks, sends (as JSON text) and reads back one client.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A key has no meaningful default: `new` takes its four required fields.
    let signing_key = JsonWebKey {
        n: Some("u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0_IzW7yWR7QkrmBL7jTKEn5u-qKhbwKfBstIs-bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW_VDL5AaWTg0nLVkjRo9z-40RQzuVaE8AkAFmxZzow3x-VJYKdjykkJ0iT9wCS0DRTXu269V264Vf_3jvredZiKRkgwlL9xNAwxXFg0x_XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC-9aGVd-Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmw".to_owned()),
        e: Some("AQAB".to_owned()),
        ..JsonWebKey::new(
            "RS256".to_owned(),
            "signing-key-1".to_owned(),
            "RSA".to_owned(),
            "sig".to_owned(),
        )
    };
    // Every other field of a client is optional or has the spec's default: struct-update syntax
    // sets the ones this request needs, and the closed sets are enums.
    let request = OAuth2Client {
        client_name: Some("Example Web App".to_owned()),
        redirect_uris: Some(vec!["https://app.example.com/callback".to_owned()]),
        grant_types: Some(vec![
            "authorization_code".to_owned(),
            "refresh_token".to_owned(),
        ]),
        response_types: Some(vec!["code".to_owned()]),
        token_endpoint_auth_method: TokenEndpointAuthMethod::PrivateKeyJwt,
        subject_type: Some(SubjectType::Public),
        access_token_strategy: Some(AccessTokenStrategy::Opaque),
        jwks: Some(JsonWebKeySet {
            keys: Some(vec![signing_key]),
            ..JsonWebKeySet::default()
        }),
        ..OAuth2Client::default()
    };
    // The spec's rules, checked before anything is sent.
    request.validate()?;
    let body = request.to_json();
    assert!(body.contains(r#""token_endpoint_auth_method":"private_key_jwt""#));
    println!("POST /admin/clients\n{body}\n");

    // What the server answers: the client with its ID and secret, timestamps, and a key this
    // model predates (a newer server's field), which is kept and written back.
    let response = r#"{
        "client_id": "b4a24ac6-6a8c-4e1e-9f40-2b1f2f0d9d63",
        "client_secret": "s3cr3t-never-printed",
        "client_name": "Example Web App",
        "redirect_uris": ["https://app.example.com/callback"],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "private_key_jwt",
        "subject_type": "public",
        "access_token_strategy": "opaque",
        "created_at": "2026-11-30T12:00:00+01:00",
        "logout_strategy": "front"
    }"#;
    let created = OAuth2Client::from_json(response)?;
    created.validate()?;
    assert_eq!(
        created.token_endpoint_auth_method,
        TokenEndpointAuthMethod::PrivateKeyJwt
    );
    assert_eq!(created.subject_type, Some(SubjectType::Public));
    let created_at = created.created_at.ok_or("the server sets created_at")?;
    assert_eq!(created_at.offset().local_minus_utc(), 3600, "the offset sent");
    assert_eq!(created.additional_properties["logout_strategy"], "front");
    assert!(created.to_json().contains(r#""logout_strategy":"front""#));
    // `Debug` never shows the secret.
    let printed = format!("{created:?}");
    assert!(!printed.contains("s3cr3t-never-printed"));
    println!("created {}\n{printed}", created_at.to_rfc3339());
    Ok(())
}
