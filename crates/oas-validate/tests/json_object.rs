//! `#[derive(JsonObject)]` reads and writes what `#[derive(Serialize, Deserialize)]` does with
//! the same attributes: the same struct is declared twice, once with each derive, and every
//! input gives the same value, the same output and the same error.

use serde_json::{Value, json};

#[path = "common/pets.rs"]
mod pets;

use pets::*;

/// Reads `input` with both derives and checks they agree: values (as written back), output,
/// errors (with serde_json's position and serde_path_to_error's path).
fn agree<O, S>(input: &Value)
where
    O: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
    S: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let text = input.to_string();
    let ours = serde_json::from_str::<O>(&text);
    let serdes = serde_json::from_str::<S>(&text);
    match (&ours, &serdes) {
        (Ok(ours), Ok(serdes)) => assert_eq!(
            serde_json::to_string(ours).unwrap(),
            serde_json::to_string(serdes).unwrap(),
            "{text}"
        ),
        (Err(ours), Err(serdes)) => {
            // The messages name the struct: `Ours` for one, `Serdes` for the other.
            let ours = ours.to_string().replace(short_name::<O>(), "X");
            assert_eq!(
                ours,
                serdes.to_string().replace(short_name::<S>(), "X"),
                "{text}"
            )
        }
        _ => panic!("{text}: ours {ours:?}, serde's {serdes:?}"),
    }
    let from_value_ours = serde_json::from_value::<O>(input.clone())
        .map_err(|e| e.to_string().replace(short_name::<O>(), "X"));
    let from_value_serdes = serde_json::from_value::<S>(input.clone())
        .map_err(|e| e.to_string().replace(short_name::<S>(), "X"));
    assert_eq!(
        from_value_ours.map(|v| serde_json::to_value(v).unwrap()),
        from_value_serdes.map(|v| serde_json::to_value(v).unwrap()),
        "{text}"
    );
    let ours_path =
        serde_path_to_error::deserialize::<_, O>(&mut serde_json::Deserializer::from_str(&text))
            .map(drop)
            .map_err(|e| e.path().to_string());
    let serdes_path =
        serde_path_to_error::deserialize::<_, S>(&mut serde_json::Deserializer::from_str(&text))
            .map(drop)
            .map_err(|e| e.path().to_string());
    match (&ours_path, &serdes_path) {
        // serde's `flatten` buffers the values it does not know, so an error inside one loses
        // its path; read in the same loop, ours keeps it.
        (Err(ours), Err(serdes)) if serdes == "." => {
            println!("{text}: serde's path `.`, ours `{ours}`")
        }
        _ => assert_eq!(ours_path, serdes_path, "{text}"),
    }
}

fn short_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

#[test]
fn reads_writes_and_fails_as_serde_derive_does() {
    let inputs = [
        json!({"name": "Rex"}),
        json!({"name": "Rex", "petType": "dog", "tag": "a", "owner": "Sam", "age": 3, "photo": "AAEC", "type": 1}),
        json!({"name": "Rex", "petType": null, "tag": null, "owner": null, "age": null, "photo": null, "type": null}),
        json!({"name": "Rex", "extra": {"nested": [1, 2]}, "more": null, "zzz": 1}),
        json!({"name": "Rex", "r#type": 2}),
        json!({"petType": "dog"}),
        json!({"name": 5}),
        json!({"name": "Rex", "age": "old"}),
        json!({"name": "Rex", "photo": "!!"}),
        json!({"name": "Rex", "owner": 3}),
        json!("Rex"),
        json!(null),
    ];
    for input in &inputs {
        agree::<Ours, Serdes>(input);
    }
    for input in [
        json!({"id": 1, "a": "AAEC", "b": "/w=="}),
        json!({"id": 1, "a": "not base64!"}),
        json!({"a": "AAEC"}),
    ] {
        agree::<OursExtras, SerdesExtras>(&input);
    }
    let bad_blob = r#"{"id": 1, "a": "not base64!"}"#;
    let ours = serde_path_to_error::deserialize::<_, OursExtras>(
        &mut serde_json::Deserializer::from_str(bad_blob),
    );
    assert_eq!(ours.unwrap_err().path().to_string(), "a");
    for input in [
        json!({"id": 1}),
        json!({"id": 1, "note": "n"}),
        json!({"id": 1, "other": 2}),
    ] {
        agree::<OursClosed, SerdesClosed>(&input);
    }
}

#[test]
fn keeps_undeclared_keys_in_order_of_their_names_and_writes_them_back() {
    let text = r#"{"name":"Rex","zeta":1,"alpha":{"a":[true]}}"#;
    let pet: Ours = serde_json::from_str(text).unwrap();
    assert_eq!(
        pet.additional_properties.keys().collect::<Vec<_>>(),
        ["alpha", "zeta"]
    );
    assert_eq!(
        serde_json::to_string(&pet).unwrap(),
        r#"{"name":"Rex","petType":null,"age":7,"type":null,"alpha":{"a":[true]},"zeta":1}"#
    );
}

#[test]
fn a_repeated_key_is_refused_and_a_repeated_undeclared_key_keeps_its_last_value() {
    for text in [
        r#"{"name": "a", "name": "b"}"#,
        r#"{"name": "a", "tag": null, "tag": "t"}"#,
    ] {
        let ours = serde_json::from_str::<Ours>(text).unwrap_err().to_string();
        let serdes = serde_json::from_str::<Serdes>(text)
            .unwrap_err()
            .to_string();
        assert_eq!(ours, serdes);
        assert!(ours.starts_with("duplicate field"), "{ours}");
    }
    let pet: Ours = serde_json::from_str(r#"{"name": "a", "x": 1, "x": 2}"#).unwrap();
    assert_eq!(pet.additional_properties["x"], 2);
}

#[test]
fn an_array_is_not_a_struct() {
    let err = serde_json::from_str::<Ours>(r#"["Rex"]"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: sequence, expected struct Ours at line 1 column 0"
    );
}
