//! The type mapping: IR types to Rust types, in one place (the README's table mirrors it).
//!
//! | IR | Rust |
//! |---|---|
//! | string | `String` |
//! | string, `date-time` | `chrono::DateTime<chrono::FixedOffset>` (the offset sent is kept) |
//! | string, `date` | `chrono::NaiveDate` |
//! | string, `uuid` | `uuid::Uuid` |
//! | string, `byte` | `Vec<u8>` (base64 text in JSON, via `oas_validate::base64`) |
//! | string, `binary` | `String` (the raw text as sent) |
//! | integer, `int8`..`int64` / `uint8`..`uint64` | `i8`..`i64` / `u8`..`u64` (`i64` otherwise) |
//! | number, `float` / `double` | `f32` / `f64` (`f64` otherwise) |
//! | boolean | `bool` |
//! | array | `Vec<T>` |
//! | `prefixItems` with `items: false` | a tuple `(A, B)` |
//! | object with only `additionalProperties` | `std::collections::BTreeMap<String, T>` |
//! | object with no properties | `serde_json::Map<String, serde_json::Value>` |
//! | no type | `serde_json::Value` |
//! | model reference | the model (`Box`ed where the IR marks a cycle) |
//! | nullable | `Option<T>` |
//!
//! Types are written by their short names (`Option<DateTime<FixedOffset>>`), each with the imports it
//! needs; the parser renames any schema that would shadow one of them (`String` → `StringModel`).

use std::collections::BTreeSet;

use oas_parser::Ir;
use oas_parser::ir::{ModelKind, ModelRef, Shape, Type};

/// A Rust type and the `use` paths it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustType {
    /// The type as written in code and docs.
    pub text: String,
    /// Paths to import (`chrono::DateTime`, `crate::JsonWebKey`).
    pub imports: BTreeSet<String>,
}

impl RustType {
    fn prelude(text: &str) -> Self {
        RustType {
            text: text.to_owned(),
            imports: BTreeSet::new(),
        }
    }

    fn imported(text: &str, imports: &[&str]) -> Self {
        RustType {
            text: text.to_owned(),
            imports: imports.iter().map(|path| (*path).to_owned()).collect(),
        }
    }

    /// A type given by its path (`url::Url`), imported by its last segment.
    pub fn from_path(path: &str) -> Self {
        match path.rsplit_once("::") {
            Some((_, name)) => RustType::imported(name, &[path]),
            None => RustType::prelude(path),
        }
    }

    /// `Outer<self>`, with `import` for the outer type if it needs one.
    pub fn wrap(&self, outer: &str, import: Option<&str>) -> Self {
        let mut imports = self.imports.clone();
        imports.extend(import.map(str::to_owned));
        RustType {
            text: format!("{outer}<{}>", self.text),
            imports,
        }
    }

    /// The type's tokens (lexed, not parsed: the file is parsed once, when formatted).
    pub fn to_tokens(&self) -> proc_macro2::TokenStream {
        self.text
            .parse()
            .expect("the type mapping produces valid Rust types")
    }
}

/// `Option<T>`.
pub fn option(inner: &RustType) -> RustType {
    inner.wrap("Option", None)
}

/// `Nullable<T>` (absent / null / value).
pub fn nullable(inner: &RustType) -> RustType {
    inner.wrap("Nullable", Some("oas_validate::Nullable"))
}

/// The Rust type of a value of `shape`, `Option` included when the value may be `null`.
pub fn shape_type(ir: &Ir, shape: &Shape) -> RustType {
    let value = value_type(ir, &shape.ty);
    if shape_is_nullable(ir, shape) {
        option(&value)
    } else {
        value
    }
}

/// True when `null` is a valid value of `shape` (stated on it, or on the enum or union it names).
pub fn shape_is_nullable(ir: &Ir, shape: &Shape) -> bool {
    shape.nullable
        || match &shape.ty {
            Type::Model(ModelRef { id, .. }) => match &ir.model(*id).kind {
                ModelKind::Enum(body) => body.nullable,
                ModelKind::Union(body) => body.nullable,
                ModelKind::Struct(_) | ModelKind::Alias(_) => false,
            },
            _ => false,
        }
}

/// The Rust type of a non-null value of type `ty`.
pub fn value_type(ir: &Ir, ty: &Type) -> RustType {
    match ty {
        Type::String | Type::Binary => RustType::prelude("String"),
        Type::Bytes => RustType::prelude("Vec<u8>"),
        Type::DateTime => RustType::imported(
            "DateTime<FixedOffset>",
            &["chrono::DateTime", "chrono::FixedOffset"],
        ),
        Type::Date => RustType::imported("NaiveDate", &["chrono::NaiveDate"]),
        Type::Uuid => RustType::imported("Uuid", &["uuid::Uuid"]),
        Type::Integer { format } => RustType::prelude(integer_type(format.as_deref())),
        Type::Number { format } => RustType::prelude(if format.as_deref() == Some("float") {
            "f32"
        } else {
            "f64"
        }),
        Type::Boolean => RustType::prelude("bool"),
        Type::Array(item) => shape_type(ir, item).wrap("Vec", None),
        Type::Tuple(items) => {
            let items: Vec<RustType> = items.iter().map(|item| shape_type(ir, item)).collect();
            let texts: Vec<&str> = items.iter().map(|item| item.text.as_str()).collect();
            RustType {
                // A one-item tuple needs its comma.
                text: format!(
                    "({}{})",
                    texts.join(", "),
                    if texts.len() == 1 { "," } else { "" }
                ),
                imports: items.into_iter().flat_map(|item| item.imports).collect(),
            }
        }
        Type::Map(value) => {
            let value = shape_type(ir, value);
            let mut imports = value.imports;
            imports.insert("std::collections::BTreeMap".to_owned());
            RustType {
                text: format!("BTreeMap<String, {}>", value.text),
                imports,
            }
        }
        Type::JsonObject => RustType::imported(
            "Map<String, Value>",
            &["serde_json::Map", "serde_json::Value"],
        ),
        Type::Any => RustType::imported("Value", &["serde_json::Value"]),
        Type::Model(ModelRef { id, boxed }) => {
            let name = &ir.model(*id).name;
            // `super::`: the models module, whether it is the crate root or a module that
            // `include!`s the generated models (build.rs).
            let model = RustType::imported(name, &[&format!("super::{name}")]);
            if *boxed {
                model.wrap("Box", None)
            } else {
                model
            }
        }
    }
}

/// The serde `with` module that writes `Vec<u8>` as base64 text.
pub const BASE64_WITH: &str = "oas_validate::base64";

/// True when `shape` holds `format: byte` strings directly or in its arrays and maps, so its
/// field needs `#[serde(with = BASE64_WITH)]`. (A referenced model encodes its own.)
pub fn carries_bytes(shape: &Shape) -> bool {
    match &shape.ty {
        Type::Bytes => true,
        Type::Array(inner) | Type::Map(inner) => carries_bytes(inner),
        _ => false,
    }
}

/// The integer type for a `format`.
fn integer_type(format: Option<&str>) -> &'static str {
    match format {
        Some("int8") => "i8",
        Some("int16") => "i16",
        Some("int32") => "i32",
        Some("uint8") => "u8",
        Some("uint16") => "u16",
        Some("uint32") => "u32",
        Some("uint64" | "uint") => "u64",
        _ => "i64",
    }
}

/// True when the Rust integer type for `format` holds `number` exactly.
pub fn integer_holds(format: Option<&str>, number: &serde_json::Number) -> bool {
    let wide = match (number.as_i64(), number.as_u64()) {
        (Some(int), _) => i128::from(int),
        (None, Some(uint)) => i128::from(uint),
        (None, None) => return false,
    };
    let (min, max) = match integer_type(format) {
        "i8" => (i128::from(i8::MIN), i128::from(i8::MAX)),
        "i16" => (i128::from(i16::MIN), i128::from(i16::MAX)),
        "i32" => (i128::from(i32::MIN), i128::from(i32::MAX)),
        "u8" => (0, i128::from(u8::MAX)),
        "u16" => (0, i128::from(u16::MAX)),
        "u32" => (0, i128::from(u32::MAX)),
        "u64" => (0, i128::from(u64::MAX)),
        _ => (i128::from(i64::MIN), i128::from(i64::MAX)),
    };
    (min..=max).contains(&wide)
}

/// True when `format` chose the Rust type (`date-time`, `int64`, ...), so the type says it all.
pub fn format_sets_type(ty: &Type, format: &str) -> bool {
    match ty {
        Type::DateTime | Type::Date | Type::Uuid | Type::Bytes => true,
        Type::Integer { .. } => integer_type(Some(format)) != "i64" || format == "int64",
        Type::Number { .. } => matches!(format, "float" | "double"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_ir() -> Ir {
        Ir {
            title: String::new(),
            version: String::new(),
            models: Vec::new(),
        }
    }

    #[test]
    fn maps_formats_and_containers() {
        let ir = empty_ir();
        let date_time = value_type(&ir, &Type::DateTime);
        assert_eq!(date_time.text, "DateTime<FixedOffset>");
        assert!(date_time.imports.contains("chrono::FixedOffset"));
        let list = Type::Array(Box::new(Shape {
            nullable: true,
            ..Shape::plain(Type::Integer {
                format: Some("uint32".into()),
            })
        }));
        assert_eq!(value_type(&ir, &list).text, "Vec<Option<u32>>");
        assert_eq!(
            value_type(&ir, &Type::Map(Box::new(Shape::plain(Type::Boolean)))).text,
            "BTreeMap<String, bool>"
        );
        let _: syn::Type = syn::parse2(value_type(&ir, &list).to_tokens()).unwrap();
    }
}
