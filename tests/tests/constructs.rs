//! Round trips of the constructs in `tests/fixtures/codegen/constructs.yaml`, through the crate
//! generated from it (`tests/fixture-models`), used as a downstream crate would.

use fixture_models::{
    Cat, Color, Extended, IdOrName, Keywords, KeywordsMode, Labels, Node, Pet, Validate,
};
use serde_json::json;

/// Reads `value`, checks it writes back to the same JSON, and returns the model.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    let model: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&model).unwrap(), value);
    model
}

#[test]
fn a_discriminator_picks_the_variant_and_the_tag_stays_in_it() {
    let pet: Pet = round_trip(json!({"pet_type": "kitty", "lives": 7}));
    assert_eq!(
        pet,
        Pet::Cat(Cat {
            pet_type: "kitty".to_owned(),
            lives: Some(7)
        })
    );
    let dog: Pet = round_trip(json!({"pet_type": "Dog", "bark": true}));
    assert!(matches!(dog, Pet::Dog(_)));
    let unknown = Pet::from_json(r#"{"pet_type": "parrot"}"#).unwrap_err();
    assert!(
        unknown.to_string().contains("unknown variant `parrot`"),
        "{unknown}"
    );
    let missing = Pet::from_json(r#"{"lives": 1}"#).unwrap_err();
    assert!(
        missing.to_string().contains("missing field `pet_type`"),
        "{missing}"
    );
}

#[test]
fn an_untagged_union_takes_the_alternative_that_fits() {
    assert_eq!(round_trip::<IdOrName>(json!(42)), IdOrName::Integer(42));
    assert_eq!(
        round_trip::<IdOrName>(json!("forty-two")),
        IdOrName::String("forty-two".to_owned())
    );
}

#[test]
fn an_enum_keeps_values_the_spec_does_not_list() {
    assert_eq!(round_trip::<Color>(json!("red")), Color::Red);
    assert_eq!(round_trip::<Color>(json!("unknown")), Color::Unknown);
    let purple: Color = round_trip(json!("purple"));
    assert_eq!(purple, Color::Unknown2("purple".to_owned()));
    assert_eq!(purple.to_string(), "purple");
    assert_eq!("green".parse::<Color>(), Ok(Color::Green));
}

#[test]
fn all_of_merges_fields_and_required_lists() {
    let extended: Extended = round_trip(json!({"pet_type": "kitty", "lives": 3, "name": "Tom"}));
    assert_eq!(extended.name, "Tom");
    let err = Extended::from_json(r#"{"pet_type": "kitty"}"#).unwrap_err();
    assert!(err.to_string().contains("missing field `name`"), "{err}");
    let invalid = Extended::from_json(r#"{"pet_type": "kitty", "lives": 10, "name": ""}"#).unwrap();
    let errors = invalid.validate().unwrap_err().to_string();
    assert_eq!(
        errors,
        "lives: must be at most 9\nname: must be at least 1 characters long"
    );
}

#[test]
fn recursion_boxes_only_the_direct_reference() {
    let node: Node = round_trip(json!({
        "value": "root",
        "next": {"value": "second", "next": {"value": "third"}},
        "children": [{"value": "child", "children": []}]
    }));
    let second: &Node = node.next.as_deref().unwrap();
    assert_eq!(second.value.as_deref(), Some("second"));
    assert_eq!(
        node.children.as_ref().unwrap()[0].value.as_deref(),
        Some("child")
    );
}

#[test]
fn additional_properties_beside_fields_are_kept() {
    let labels: Labels = round_trip(json!({"name": "n", "team": "payments", "tier": "gold"}));
    assert_eq!(
        labels.additional_properties.get("tier").map(String::as_str),
        Some("gold")
    );
}

#[test]
fn keyword_and_punctuation_names_keep_their_wire_names() {
    let keywords: Keywords = round_trip(json!({
        "type": "t", "self": "s", "+1": 1, "-1": 2,
        "@timestamp": "2024-05-01T12:00:00Z", "color": "green", "mode": "fast"
    }));
    assert_eq!(
        (keywords.r#type.as_deref(), keywords.self_.as_deref()),
        (Some("t"), Some("s"))
    );
    assert_eq!((keywords.plus_1, keywords.minus_1), (Some(1), Some(2)));
    assert_eq!(keywords.mode, KeywordsMode::Fast);
    let defaulted = Keywords::from_json("{}").unwrap();
    assert_eq!(
        defaulted.mode,
        KeywordsMode::Slow,
        "the spec default of an inline enum"
    );
}

#[test]
fn integer_boolean_and_mixed_enums_are_rust_enums() {
    use fixture_models::{Level, Version, Versioned, VersionedFlag};
    let versioned: Versioned = round_trip(json!({"level": 2, "version": "3_lite", "flag": true}));
    assert_eq!(versioned.level, Level::V2);
    assert_eq!(
        versioned.version,
        fixture_models::Nullable::Value(Version::V3Lite)
    );
    assert_eq!(versioned.flag, Some(VersionedFlag::True));
    let other: Versioned = round_trip(json!({"level": 7, "version": null}));
    assert_eq!(
        other.level,
        Level::Unknown(json!(7)),
        "unlisted values are kept"
    );
    assert!(other.version.is_null());
    assert_eq!(round_trip::<Version>(json!(4.1)), Version::V41);
    assert_eq!(round_trip::<Version>(json!(4)), Version::V4);
    assert_eq!(Version::V3Lite.to_string(), "\"3_lite\"");
}
