//! One struct declared twice, with `#[derive(JsonObject)]` and with serde's derives, and the
//! same `#[serde]` attributes: a field of each form generated models use. Shared by the parity
//! test (`tests/json_object.rs`) and the speed bench (`benches/json_object.rs`).

use std::collections::BTreeMap;

use oas_validate::{JsonObject, Nullable, UndeclaredKeys};

/// Declares the struct `$name` with `$derive`, with a field of each attribute form generated
/// models use.
macro_rules! pet {
    ($name:ident, $extras:ident, $closed:ident, $($derive:path),+) => {
        #[derive(Debug, Clone, PartialEq, $($derive),+)]
        pub struct $name {
            pub name: String,
            #[serde(rename = "petType")]
            pub pet_type: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub tag: Option<String>,
            #[serde(default, skip_serializing_if = "Nullable::is_absent")]
            pub owner: Nullable<String>,
            #[serde(default = "default_age", deserialize_with = "null_is_default")]
            pub age: u32,
            #[serde(with = "oas_validate::base64", default, skip_serializing_if = "Option::is_none")]
            pub photo: Option<Vec<u8>>,
            pub r#type: Option<u8>,
            #[serde(flatten)]
            pub additional_properties: UndeclaredKeys,
        }

        #[derive(Debug, Clone, PartialEq, $($derive),+)]
        pub struct $extras {
            pub id: u8,
            #[serde(flatten, with = "oas_validate::base64")]
            pub blobs: BTreeMap<String, Vec<u8>>,
        }

        #[derive(Debug, Clone, PartialEq, $($derive),+)]
        #[serde(deny_unknown_fields)]
        pub struct $closed {
            pub id: u8,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
        }
    };
}

pub fn default_age() -> u32 {
    7
}

pub fn null_is_default<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let value: Option<u32> = serde::Deserialize::deserialize(deserializer)?;
    Ok(value.unwrap_or_else(default_age))
}

pet!(Ours, OursExtras, OursClosed, JsonObject);
pet!(
    Serdes,
    SerdesExtras,
    SerdesClosed,
    serde::Serialize,
    serde::Deserialize
);
