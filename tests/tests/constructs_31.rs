//! Round trips of the OpenAPI 3.1 constructs in `tests/fixtures/codegen/constructs-31.yaml`,
//! through the crate generated from it (`tests/fixture-models-31`), used as a downstream crate
//! would.

use fixture_models_31::{
    Adoption, Annotated, Color, Conditional, Envelope, IdOrName, Kind, Nulls, NullsEitherOrNull,
    Palette, Payment, Pet, PetAdoptedRequest, Point, Shape, Tags, Upload, Validate,
};
use oas_validate::Nullable;
use serde_json::json;
use workspace_tests::round_trip;

/// The validation failures of a model, one line each.
fn failures(model: &impl Validate) -> Vec<String> {
    match model.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.to_string().lines().map(str::to_owned).collect(),
    }
}

#[test]
fn type_arrays_and_null_alternatives_are_the_nullable_forms() {
    let nulls: Nulls = round_trip(json!({
        "required_nullable": null,
        "required_any_of": null,
        "optional_nullable": null,
        "optional_one_of": "abc",
        "legacy_nullable": null,
        "only_null": null
    }));
    assert_eq!(nulls.required_nullable, None);
    assert_eq!(nulls.required_any_of, None);
    assert_eq!(nulls.optional_nullable, Nullable::Null);
    assert_eq!(nulls.optional_one_of, Nullable::Value("abc".to_owned()));
    assert_eq!(nulls.legacy_nullable, Nullable::Null);
    assert_eq!(nulls.either_or_null, Nullable::Absent);

    let either: Nulls = round_trip(json!({
        "required_nullable": null,
        "required_any_of": null,
        "either_or_null": 3
    }));
    assert_eq!(
        either.either_or_null,
        Nullable::Value(NullsEitherOrNull::Integer(3))
    );
    let either_null: Nulls = round_trip(json!({
        "required_nullable": null,
        "required_any_of": null,
        "either_or_null": null
    }));
    assert_eq!(either_null.either_or_null, Nullable::Null);

    let absent: Nulls = round_trip(json!({
        "required_nullable": "here",
        "required_any_of": {"name": "Rex", "kind": "dog"}
    }));
    assert_eq!(absent.optional_nullable, Nullable::Absent);
    assert_eq!(
        absent.required_any_of.as_ref().map(|pet| &pet.kind),
        Some(&Some(Kind::Dog))
    );
    let too_long: Nulls = serde_json::from_value(json!({
        "required_nullable": null, "required_any_of": null, "optional_one_of": "abcd"
    }))
    .unwrap();
    assert_eq!(
        failures(&too_long),
        ["optional_one_of: must be at most 3 characters long"]
    );
}

#[test]
fn several_types_are_a_union_read_by_json_type() {
    assert_eq!(round_trip::<IdOrName>(json!(7)), IdOrName::Integer(7));
    assert_eq!(
        round_trip::<IdOrName>(json!("seven")),
        IdOrName::String("seven".to_owned())
    );
    assert!(IdOrName::from_json("true").is_err());
}

#[test]
fn const_values_are_checked_and_tag_a_union() {
    let circle: Shape = round_trip(json!({"kind": "circle", "radius": 2.0}));
    assert!(matches!(circle, Shape::Circle(_)));
    let square: Shape = round_trip(json!({"kind": "square", "side": 3.0}));
    let Shape::Square(square) = square else {
        panic!("read by its tag")
    };
    assert_eq!(square.side, 3.0);
    let unknown = Shape::from_json(r#"{"kind": "hexagon", "side": 1}"#).unwrap_err();
    assert!(unknown.to_string().contains("hexagon"), "{unknown}");

    let adopted: PetAdoptedRequest =
        round_trip(json!({"event": "pet.returned", "pet": {"name": "Rex"}}));
    assert_eq!(failures(&adopted), ["event: must be one of `pet.adopted`"]);
}

#[test]
fn numeric_exclusive_bounds_are_checked_as_3_0_booleans_were() {
    let shape: Shape = serde_json::from_value(json!({"kind": "square", "side": 100})).unwrap();
    let Shape::Square(square) = shape else {
        panic!("a square")
    };
    assert_eq!(failures(&square), ["side: must be less than 100"]);
    let flat: fixture_models_31::Circle =
        serde_json::from_value(json!({"kind": "circle", "radius": 0})).unwrap();
    assert_eq!(failures(&flat), ["radius: must be greater than 0"]);
    let legacy: Annotated = serde_json::from_value(json!({"legacy_bound": 10})).unwrap();
    assert_eq!(failures(&legacy), ["legacy_bound: must be less than 10"]);
}

#[test]
fn keywords_beside_a_ref_apply_to_the_field() {
    let annotated: Annotated = round_trip(json!({
        "described": "0123456789x",
        "defaulted": "none",
        "tighter": "abc-def",
        "retired": "ok",
        "by_anchor": 100,
        "by_id": -1,
        "by_id_and_anchor": "green",
        "legacy_bound": 1
    }));
    assert_eq!(annotated.defaulted, "none");
    let absent: Annotated = serde_json::from_value(json!({})).unwrap();
    assert_eq!(
        absent.defaulted, "none",
        "the default beside the ref fills an absent key"
    );
    assert_eq!(annotated.by_id_and_anchor, Some(Color::Green));
    assert_eq!(
        failures(&annotated),
        [
            "described: must be at most 10 characters long",
            "tighter: must be at most 5 characters long",
            "tighter: does not match the pattern `^[a-z]+$`",
            "by_anchor: must be at most 99",
            "by_id: must be at least 0",
        ]
    );
    let page = include_str!("../fixture-models-31/docs/Annotated.md");
    assert!(page.contains("A description beside the ref."), "{page}");
    assert!(page.contains("A title beside the ref"), "{page}");
    assert!(page.contains("\\[deprecated\\]"), "{page}");
    assert!(
        page.contains("\"described\": \"hello\""),
        "the example beside the ref: {page}"
    );
}

#[test]
fn prefix_items_with_no_more_items_are_tuples() {
    let point: Point = round_trip(json!({
        "position": [1.5, -2.0],
        "labelled": ["a", 1],
        "open": ["first", 2, {"three": 3}]
    }));
    assert_eq!(point.position, (1.5, -2.0));
    assert_eq!(point.labelled, Some(("a".to_owned(), 1)));
    assert_eq!(point.open.map(|items| items.len()), Some(3));
    assert!(Point::from_json(r#"{"position": [1.0, 2.0, 3.0]}"#).is_err());
}

#[test]
fn content_encoding_base64_is_bytes() {
    let upload: Upload = round_trip(json!({"content": "aGVsbG8="}));
    assert_eq!(upload.content.as_deref(), Some(&b"hello"[..]));
}

#[test]
fn pattern_properties_and_property_names_check_keys() {
    let envelope: Envelope = round_trip(json!({"headers": {"x-trace": "1", "Host": "a"}}));
    assert_eq!(
        failures(&envelope),
        ["headers.Host: does not match the pattern `^x-[a-z-]+$`"]
    );
    let tags: Tags = round_trip(json!({"name": "n", "size_cm": 3, "Weight": 4}));
    assert_eq!(tags.additional_properties.len(), 2);
    assert_eq!(
        failures(&tags),
        ["additional_properties.Weight: does not match the pattern `^[a-z_]+$`"]
    );
}

#[test]
fn dependent_required_is_checked_and_unevaluated_properties_false_denies_keys() {
    let partial: Payment = round_trip(json!({"card": "4111", "billing_name": "A"}));
    assert_eq!(
        failures(&partial),
        ["billing_address: is required when `card` is present"]
    );
    let whole: Payment =
        round_trip(json!({"card": "4111", "billing_name": "A", "billing_address": "B"}));
    assert!(whole.validate().is_ok());
    let extra = Payment::from_json(r#"{"cash": true}"#).unwrap_err();
    assert!(
        extra.to_string().contains("unknown field `cash`"),
        "{extra}"
    );
}

#[test]
fn conditions_and_not_are_stated_not_checked() {
    let conditional: Conditional = round_trip(json!({"country": "US", "postal_code": "00000"}));
    assert!(conditional.validate().is_ok(), "not checked");
    let page = include_str!("../fixture-models-31/docs/Conditional.md");
    assert!(
        page.contains("`if/then/else`, which is not checked"),
        "{page}"
    );
    assert!(page.contains("\\[not checked: not\\]"), "{page}");
}

#[test]
fn a_webhook_payload_is_a_model_and_defs_refs_resolve() {
    let adopted: PetAdoptedRequest = round_trip(json!({
        "event": "pet.adopted",
        "pet": {"name": "Tom", "kind": "cat"}
    }));
    assert!(adopted.validate().is_ok());
    let pet: Pet = adopted.pet;
    assert_eq!(pet.kind, Some(Kind::Cat));
}

#[test]
fn a_reference_to_a_schema_whose_type_admits_null_is_nullable() {
    let adoption: Adoption = round_trip(json!({"owner": null, "previous_owner": {"login": "a"}}));
    assert_eq!(adoption.owner, None);
    assert!(matches!(adoption.previous_owner, Nullable::Value(_)));
}

#[test]
fn an_enum_value_the_spec_does_not_list_is_kept_and_reported_by_validate() {
    let palette = Palette::from_json(r#"{"color": "mauve"}"#).unwrap();
    assert_eq!(palette.color, Some(Color::Unknown("mauve".to_owned())));
    assert_eq!(
        palette.to_json(),
        r#"{"color":"mauve"}"#,
        "written back as sent"
    );
    assert_eq!(failures(&palette), ["color: must be one of `red`, `green`"]);
    let listed = Palette::from_json(r#"{"color": "red"}"#).unwrap();
    assert_eq!(failures(&listed), Vec::<String>::new());
}
