//! Round trips of the constructs in `tests/fixtures/codegen/constructs.yaml`, through the crate
//! generated from it (`tests/fixture-models`), used as a downstream crate would.

use fixture_models::{
    Cat, Color, Extended, IdOrName, Keywords, KeywordsMode, Labels, Node, NullableOwner, Pet,
    Repository, Status, Ticket, TicketColor, Validate,
};
use serde_json::json;
use workspace_tests::round_trip;

#[test]
fn a_discriminator_picks_the_variant_and_the_tag_stays_in_it() {
    let pet: Pet = round_trip(json!({"pet_type": "kitty", "lives": 7}));
    assert_eq!(
        pet,
        Cat {
            lives: Some(7),
            ..Cat::new("kitty".to_owned())
        }
        .into()
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
    let errors = purple.validate().unwrap_err().to_string();
    assert_eq!(errors, "must be one of `red`, `green`, `unknown`");
}

#[test]
fn value_sets_from_the_settings_are_enums_like_the_specs() {
    let ticket = Ticket::default();
    assert_eq!(ticket.status, Status::Open, "the spec default is a variant");
    assert_eq!(ticket.status.as_str(), "open");
    assert_eq!("closed".parse::<Status>(), Ok(Status::Closed));
    let read: Ticket = round_trip(json!({"status": "closed", "color": ""}));
    assert_eq!(read.status, Status::Closed);
    assert_eq!(
        read.color,
        Some(TicketColor::Empty),
        "allow_empty lists \"\""
    );
    assert!(read.validate().is_ok());
    let unlisted: Ticket = round_trip(json!({"status": "pending", "color": "teal"}));
    assert_eq!(unlisted.status, Status::Unknown("pending".to_owned()));
    assert_eq!(
        unlisted.validate().unwrap_err().to_string(),
        "status: must be one of `open`, `closed`"
    );
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

#[test]
fn inline_objects_twelve_levels_deep_are_models_named_by_their_path() {
    // Names past 64 bytes keep their last words and a hash of the whole path.
    use fixture_models::{
        Deep, Level4Level5Level6Level7Level8Level9Level10Level11Level12X07bhlr as Level12,
    };
    let mut value = json!({"leaf": "bottom"});
    for level in (1..=12).rev() {
        value = json!({ format!("level{level}"): value });
    }
    let deep: Deep = round_trip(value);
    let level12: &Level12 = deep
        .level1
        .as_ref()
        .and_then(|l| l.level2.as_ref())
        .and_then(|l| l.level3.as_ref())
        .and_then(|l| l.level4.as_ref())
        .and_then(|l| l.level5.as_ref())
        .and_then(|l| l.level6.as_ref())
        .and_then(|l| l.level7.as_ref())
        .and_then(|l| l.level8.as_ref())
        .and_then(|l| l.level9.as_ref())
        .and_then(|l| l.level10.as_ref())
        .and_then(|l| l.level11.as_ref())
        .and_then(|l| l.level12.as_ref())
        .unwrap();
    assert_eq!(level12.leaf.as_deref(), Some("bottom"));
}

#[test]
fn odd_property_names_become_identifiers_and_keep_their_wire_names() {
    use fixture_models::Names;
    let names: Names = round_trip(json!({
        "ref": "r", "use": "u", "async": "a", "gen": "g", "static": "s", "match": "m",
        "$ref": "#/x", "From@odata.bind": "b", "rulesets_Messages": 1, "rulesets_messages": 2,
        "401k": true, "1_leading_digit": false, "with space": "w", "dotted.name": "d"
    }));
    assert_eq!(
        (names.r#ref.as_deref(), names.ref_2.as_deref()),
        (Some("r"), Some("#/x"))
    );
    assert_eq!(
        (names.rulesets_messages_2, names.rulesets_messages),
        (Some(1), Some(2))
    );
    assert_eq!(
        (names._401k, names._1_leading_digit),
        (Some(true), Some(false))
    );
    assert_eq!(names.from_odata_bind.as_deref(), Some("b"));
    assert_eq!(
        (names.with_space.as_deref(), names.dotted_name.as_deref()),
        (Some("w"), Some("d"))
    );
    assert_eq!(names.r#match.as_deref(), Some("m"));
}

#[test]
fn schema_names_that_differ_by_case_are_distinct_types() {
    use fixture_models::{NullTime, NullTime2, RulesetsMessages, RulesetsMessages2};
    let upper: NullTime = round_trip(json!({"time": "2024-05-01T12:00:00Z", "valid": true}));
    let lower: NullTime2 = round_trip(json!({"time": "2024-05-01T12:00:00Z"}));
    assert_eq!(upper.time, lower.time);
    let _: RulesetsMessages = round_trip(json!({"count": 1}));
    let _: RulesetsMessages2 = round_trip(json!({"total": 2}));
}

#[test]
fn formats_pick_rust_types_and_bytes_travel_as_base64() {
    use fixture_models::{Blobs, Encoded, KeyOrIndex, Nullable};
    let encoded: Encoded = round_trip(json!({
        "key": "AAEC/w==", "maybe_key": null, "chain": ["aGk=", ""],
        "upload": "raw text", "day": "2024-02-29", "at": "2024-05-01T12:00:00Z",
        "id": "8b2f3c6e-8f0a-4a57-9a36-2b8d7f1e0c11",
        "small": -8, "count": 4000000000u32, "big": 18446744073709551615u64, "ratio": 0.5,
        "zip": "12345"
    }));
    assert_eq!(encoded.key.as_deref(), Some(&[0, 1, 2, 255][..]));
    assert!(encoded.maybe_key.is_null());
    assert_eq!(encoded.chain, Some(vec![b"hi".to_vec(), Vec::new()]));
    assert_eq!(
        encoded.day,
        Some(chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
    );
    assert_eq!(
        (encoded.small, encoded.count, encoded.big),
        (Some(-8i8), Some(4_000_000_000u32), Some(u64::MAX))
    );
    assert_eq!(encoded.ratio, Some(0.5f32));
    let set = Encoded {
        maybe_key: Nullable::Value(b"k".to_vec()),
        ..Encoded::default()
    };
    assert_eq!(set.to_json(), r#"{"maybe_key":"aw=="}"#);
    let bad = Encoded::from_json(r#"{"key": "not base64!"}"#).unwrap_err();
    assert!(bad.to_string().starts_with("key: invalid base64"), "{bad}");
    let too_small = Encoded::from_json(r#"{"small": 300}"#).unwrap_err();
    assert!(
        too_small.to_string().starts_with("small: invalid value"),
        "{too_small}"
    );

    let blobs: Blobs = round_trip(json!({"name": "n", "a": "AQ==", "b": ""}));
    assert_eq!(blobs.additional_properties["a"], vec![1]);
    assert_eq!(
        round_trip::<KeyOrIndex>(json!("AQI=")),
        KeyOrIndex::Bytes(vec![1, 2])
    );
    assert_eq!(round_trip::<KeyOrIndex>(json!(7)), KeyOrIndex::Integer(7));
}

#[test]
#[allow(deprecated)]
fn deprecated_schemas_and_properties_are_marked_and_still_work() {
    use fixture_models::Legacy;
    let legacy: Legacy = round_trip(json!({"id": "l1", "secret": "s3cr3t", "old_name": "o"}));
    assert_eq!(legacy.old_name.as_deref(), Some("o"));
    let shown = format!("{legacy:?}");
    assert!(
        !shown.contains("s3cr3t"),
        "a write-only property is secret: {shown}"
    );
    let source = include_str!("../fixture-models/src/legacy.rs");
    assert_eq!(source.matches("#[deprecated]").count(), 2, "{source}");
}

#[test]
fn alternatives_that_require_their_own_values_are_read_by_them() {
    use fixture_models::{Removed, RemovedBank, RemovedCard};
    // Both alternatives accept this body by shape; only `object` tells them apart.
    let card: Removed = round_trip(json!({"id": "c1", "object": "card", "deleted": true}));
    // Variants drop the union's own name (`Card`, not `RemovedCard`), and each payload converts.
    let Removed::Card(inner) = &card else {
        panic!("{card:?}");
    };
    let rebuilt: Removed = RemovedCard::clone(inner).into();
    assert_eq!(rebuilt, card);
    let bank: Removed = round_trip(json!({"id": "b1", "object": "bank_account", "deleted": true}));
    assert!(
        matches!(bank, Removed::Bank(RemovedBank { .. })),
        "{bank:?}"
    );
    let other =
        Removed::from_json(r#"{"id": "x", "object": "coupon", "deleted": true}"#).unwrap_err();
    assert!(
        other.to_string().contains("unknown variant `coupon`"),
        "{other}"
    );
}

#[test]
fn overlapping_alternatives_are_read_as_the_one_that_declares_the_most_keys() {
    use fixture_models::{IssueEvent, Labeled, Milestoned};
    let milestoned: IssueEvent =
        round_trip(json!({"id": 1, "milestone": "v1", "due_on": "2026-12-01"}));
    assert!(
        matches!(milestoned, IssueEvent::Milestoned(Milestoned { .. })),
        "{milestoned:?}"
    );
    let labeled: IssueEvent = round_trip(json!({"id": 2, "label": "bug"}));
    assert!(
        matches!(labeled, IssueEvent::Labeled(Labeled { .. })),
        "{labeled:?}"
    );
    let tie: IssueEvent = round_trip(json!({"id": 3}));
    assert!(
        matches!(tie, IssueEvent::Labeled(_)),
        "a tie goes to the first listed"
    );
    let neither = IssueEvent::from_json(r#"{"label": "no id"}"#).unwrap_err();
    assert!(
        neither
            .to_string()
            .contains("matches none of the alternatives (as Labeled: missing field `id`"),
        "{neither}"
    );
}

#[test]
fn additional_properties_true_false_and_alone() {
    use fixture_models::{Closed, Holder, OpenBag};
    let bag: OpenBag = round_trip(json!({"name": "n", "size": 3, "tags": ["a"]}));
    assert_eq!(bag.additional_properties["tags"], json!(["a"]));
    let closed = Closed::from_json(r#"{"name": "n", "extra": 1}"#).unwrap_err();
    assert!(
        closed.to_string().contains("unknown field `extra`"),
        "{closed}"
    );
    let holder: Holder = round_trip(json!({
        "counts": {"a": 1, "b": 2},
        "anything": {"nested": {"deep": [1, null]}},
        "closed": {"name": "c"}
    }));
    assert_eq!(holder.counts.unwrap()["b"], 2);
    let wrong = Holder::from_json(r#"{"counts": {"a": "one"}}"#).unwrap_err();
    assert!(
        wrong.to_string().starts_with("counts.a: invalid type"),
        "{wrong}"
    );
}

#[test]
fn mutual_recursion_boxes_only_the_edge_that_closes_the_cycle() {
    use fixture_models::{Company, Person};
    let person: Person = round_trip(json!({
        "name": "Ada", "employer": {"name": "Engines", "owner": {"name": "Charles"}}
    }));
    let employer: &Company = person.employer.as_ref().unwrap();
    let owner: &Person = employer.owner.as_deref().unwrap();
    assert_eq!(owner.name.as_deref(), Some("Charles"));
}

#[test]
fn required_key_alternatives_beside_properties_keep_the_object() {
    use fixture_models::ResourceRef;
    let by_name: ResourceRef = round_trip(json!({"name": "n", "namespace": "ns"}));
    assert_eq!(by_name.namespace.as_deref(), Some("ns"));
    let external: ResourceRef = round_trip(json!({"external": "projects/p"}));
    assert_eq!(external.external.as_deref(), Some("projects/p"));
    let page = include_str!("../fixture-models/docs/ResourceRef.md");
    assert!(
        page.contains("Exactly one of these key sets is present: `name`; `external` (the spec"),
        "{page}"
    );
}

#[test]
fn a_reference_to_a_nullable_schema_is_nullable() {
    let orphan: Repository = round_trip(json!({"owner": null, "former_owner": null}));
    assert_eq!(orphan.owner, None);
    assert_eq!(orphan.former_owner, oas_validate::Nullable::Null);
    let owned: Repository = round_trip(json!({"owner": {"login": "octocat"}}));
    assert_eq!(
        owned.owner,
        Some(NullableOwner {
            login: Some("octocat".to_owned()),
            ..NullableOwner::default()
        })
    );
    assert_eq!(owned.former_owner, oas_validate::Nullable::Absent);
}

#[test]
fn date_times_keep_the_offset_sent() {
    let sent = json!({"@timestamp": "2017-07-08T16:18:44-04:00", "mode": "slow"});
    let keywords: Keywords = round_trip(sent);
    let at = keywords.timestamp.unwrap();
    assert_eq!(at.offset().local_minus_utc(), -4 * 3600);
    assert_eq!(
        at.with_timezone(&chrono::Utc).to_rfc3339(),
        "2017-07-08T20:18:44+00:00",
        "the same instant, in UTC when asked"
    );
    // Go's zero time, as Hydra writes for unset times, still reads.
    let zero: Keywords = round_trip(json!({"@timestamp": "0001-01-01T00:00:00Z", "mode": "slow"}));
    assert_eq!(zero.timestamp.unwrap().timestamp(), -62135596800);
}

#[test]
fn a_typeless_property_keeps_null_apart_from_absent() {
    use fixture_models::{Holder, Nullable};
    let null: Holder = round_trip(json!({"whatever": null}));
    assert_eq!(null.whatever, Nullable::Null);
    let absent: Holder = round_trip(json!({}));
    assert_eq!(absent.whatever, Nullable::Absent);
    let value: Holder = round_trip(json!({"whatever": [1, "two"]}));
    assert_eq!(value.whatever, Nullable::Value(json!([1, "two"])));
}
