//! Round trips of the Swagger 2.0 constructs in `tests/fixtures/codegen/constructs-20.yaml`,
//! through the crate generated from it (`tests/fixture-models-20`), used as a downstream crate
//! would.

use fixture_models_20::{
    Cat, CatHuntingSkill, Dog, Limits, Loner, Nullable, Owner, Pet, Status, Upload, Validate,
};
use serde_json::json;
use workspace_tests::round_trip;

fn owner_with(pet: serde_json::Value) -> serde_json::Value {
    json!({"pet": pet, "nickname": "Sam"})
}

#[test]
fn a_discriminator_base_is_a_union_of_the_definitions_that_extend_it() {
    let cat: Owner = round_trip(owner_with(
        json!({"name": "Tom", "petType": "Cat", "huntingSkill": "lazy"}),
    ));
    let Pet::Cat(Cat {
        name,
        hunting_skill,
        ..
    }) = &cat.pet
    else {
        panic!("a Cat: {:?}", cat.pet);
    };
    assert_eq!(
        (name.as_str(), hunting_skill),
        ("Tom", &CatHuntingSkill::Lazy)
    );

    // Each extending definition merges the base's properties.
    let dog: Owner = round_trip(owner_with(
        json!({"name": "Rex", "petType": "Dog", "packSize": 3}),
    ));
    let Pet::Dog(Dog {
        name, pack_size, ..
    }) = &dog.pet
    else {
        panic!("a Dog: {:?}", dog.pet);
    };
    assert_eq!((name.as_str(), *pack_size), ("Rex", Some(3)));

    // The definition's name is the tag: a value tagged otherwise is refused, naming it.
    let err = Owner::from_json(&owner_with(json!({"name": "Nemo", "petType": "Fish"})).to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("Fish"), "{err}");
    // A cat without the property the Cat definition requires is not a cat.
    assert!(
        Owner::from_json(&owner_with(json!({"name": "Tom", "petType": "Cat"})).to_string())
            .is_err()
    );
}

#[test]
fn vendor_nullability_gives_the_nullable_forms() {
    let nulls: Owner = round_trip(json!({
        "pet": {"name": "Rex", "petType": "Dog"},
        "previous": null,
        "nickname": null,
        "age": null
    }));
    // `$ref` + `x-nullable`, optional: three states.
    assert_eq!(nulls.previous, Nullable::Null);
    // `x-nullable`, required: `Option`, the key always written.
    assert_eq!(nulls.nickname, None);
    // NSwag's `x-isnullable`, optional.
    assert_eq!(nulls.age, Nullable::Null);

    let values: Owner = round_trip(json!({
        "pet": {"name": "Rex", "petType": "Dog"},
        "previous": {"name": "Tom", "petType": "Cat", "huntingSkill": "clueless"},
        "nickname": "Sam",
        "age": 4
    }));
    assert!(matches!(values.previous, Nullable::Value(Pet::Cat(_))));
    assert_eq!(values.age, Nullable::Value(4));

    let absent: Owner = round_trip(owner_with(json!({"name": "Rex", "petType": "Dog"})));
    assert_eq!(absent.previous, Nullable::Absent);
    assert_eq!(absent.age, Nullable::Absent);
    // Required and nullable: the key is always written, `null` for `None`.
    let written = serde_json::to_value(&absent).unwrap();
    assert_eq!(written["nickname"], json!("Sam"));
    let unnamed = Owner::new(absent.pet.clone(), None);
    assert_eq!(
        serde_json::to_value(&unnamed).unwrap()["nickname"],
        json!(null)
    );
}

#[test]
fn annotations_and_vendor_keys_do_not_change_the_value() {
    let owner: Owner = round_trip(json!({
        "pet": {"name": "Rex", "petType": "Dog"},
        "nickname": "Sam",
        "id": "o-1",
        "notes": ""
    }));
    assert_eq!(owner.id.as_deref(), Some("o-1"));
    assert_eq!(owner.notes.as_deref(), Some(""));
}

#[test]
fn type_file_is_the_text_as_sent() {
    let upload: Upload = round_trip(json!({"content": "aGVsbG8="}));
    assert_eq!(upload.content.as_deref(), Some("aGVsbG8="));
}

#[test]
fn schemas_shared_through_parameters_and_responses_are_models() {
    let owner: Owner = round_trip(json!({
        "pet": {"name": "Rex", "petType": "Dog"},
        "nickname": "Sam",
        "status": {"healthy": true},
        "limits": {"max": 101}
    }));
    assert_eq!(
        owner.status.as_ref().map(|s: &Status| s.healthy),
        Some(true)
    );
    assert_eq!(
        owner.limits.as_ref().and_then(|l: &Limits| l.max),
        Some(101)
    );
    let errors = owner.validate().unwrap_err().to_string();
    assert!(errors.contains("limits.max"), "{errors}");
}

#[test]
fn a_discriminator_nothing_extends_leaves_a_plain_object() {
    let loner: Loner = round_trip(json!({"kind": "solo"}));
    assert_eq!(loner.kind.as_deref(), Some("solo"));
}
