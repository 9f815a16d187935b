// The interface other tools use, exactly as written down for them.
use oas_validate::Validate;

#[derive(Validate)]
struct Key {
    #[validate(min_length = 1)]
    kid: String,
}

#[derive(Validate)]
struct S {
    #[validate(pattern = "^[0-9]+(ns|us|ms|s|m|h)$")]
    lifespan: Option<String>,
    #[validate(min_length = 2, max_length = 4)]
    name: String,
    #[validate(minimum = 0, maximum = 10)]
    count: i64,
    #[validate(enum_values("public", "pairwise"))]
    subject_type: String,
    #[validate(format = "uri")]
    client_uri: String,
    #[validate(min_items = 1, unique_items, items(format = "uri"))]
    redirect_uris: Vec<String>,
    #[validate(nested)]
    keys: Vec<Key>,
    #[validate(exclusive_minimum = -1.5, exclusive_maximum = 2, multiple_of = 0.5)]
    ratio: Option<f64>,
    #[validate(nested)]
    by_name: std::collections::BTreeMap<String, Key>,
    #[validate(nested)]
    boxed: Option<Box<Key>>,
    #[validate(pattern = "^(?!admin).*$")]
    not_admin: oas_validate::Nullable<String>,
}

fn main() {
    let s = S {
        lifespan: None,
        name: "abc".into(),
        count: 3,
        subject_type: "public".into(),
        client_uri: "https://example.com".into(),
        redirect_uris: vec!["https://example.com/cb".into()],
        keys: vec![Key { kid: "k".into() }],
        ratio: Some(1.0),
        by_name: Default::default(),
        boxed: None,
        not_admin: oas_validate::Nullable::Absent,
    };
    let result: Result<(), oas_validate::ValidationErrors> = s.validate();
    assert!(result.is_ok());
}
