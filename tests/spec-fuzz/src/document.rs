//! Random OpenAPI documents (Swagger 2.0, 3.0 or 3.1) built from an [`Unstructured`] byte
//! source: schemas with awkward names, refs (dangling, into cycles), unions, `allOf`, enums,
//! nullable forms, 2.0's `discriminator` names and `type: file`, and numbers of every size. The
//! same bytes always build the same document.

use arbitrary::{Result, Unstructured};
use serde_json::Value;

/// Wire names chosen to collide after case conversion, to be keywords, or to be hard to spell.
const AWKWARD_NAMES: &[&str] = &[
    "",
    "type",
    "Self",
    "self",
    "crate",
    "super",
    "String",
    "Option",
    "Value",
    "Box",
    "r#type",
    "fooBar",
    "FooBar",
    "foo_bar",
    "foo-bar",
    "foo.bar",
    "FOO_BAR",
    "foo bar",
    "1abc",
    "123",
    "+1",
    "-1",
    "$ref",
    "@id",
    "a/b",
    "a~b",
    "ünïcode",
    "名前",
    "🙂",
    "_",
    "__",
    "None",
    "Some",
    "additional_properties",
    "lib",
    "mod",
    "main",
    "Unknown",
    "Empty",
];

/// Numbers at and beyond the edges of what Rust and JSON values hold, as JSON text.
const AWKWARD_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "123456789012345678901234567890",
    "1e400",
    "-1e400",
    "1e-400",
    "1.5",
    "0.1000000000000000000000000000001",
    "3.4028235e38",
    "1e39",
    "1.7976931348623157e308",
];

/// Bytes from a fixed seed (SplitMix64), for samples that are the same on every run.
pub fn seeded_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}

/// Builds one document; `max_schemas` bounds the named schemas.
pub fn document(u: &mut Unstructured, max_schemas: usize) -> Result<String> {
    let dialect = *u.choose(&[Dialect::V20, Dialect::V30, Dialect::V31])?;
    let count = u.int_in_range(1..=max_schemas.max(1))?;
    let names: Vec<String> = (0..count).map(|_| wire_name(u)).collect::<Result<_>>()?;
    let mut builder = Builder {
        u,
        names: &names,
        dialect,
    };
    let mut schemas = Vec::new();
    for name in &names {
        schemas.push((name.clone(), builder.schema(3)?));
    }
    let info = entry("info", r#"{"title": "random", "version": "1"}"#.to_owned());
    let paths = entry("paths", "{}".to_owned());
    // Written as text: numbers beyond what a `Value` holds reach the loader as written.
    Ok(match dialect {
        Dialect::V20 => object(&[
            entry("swagger", json_string("2.0")),
            info,
            paths,
            entry("definitions", object(&schemas)),
        ]),
        Dialect::V30 | Dialect::V31 => object(&[
            entry("openapi", json_string(dialect.version())),
            info,
            paths,
            entry("components", object(&[entry("schemas", object(&schemas))])),
        ]),
    })
}

/// The version a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    V20,
    V30,
    V31,
}

impl Dialect {
    fn version(self) -> &'static str {
        match self {
            Dialect::V20 => "2.0",
            Dialect::V30 => "3.0.3",
            Dialect::V31 => "3.1.0",
        }
    }

    /// Where named schemas are, as a `$ref` prefix.
    fn models(self) -> &'static str {
        match self {
            Dialect::V20 => "#/definitions/",
            Dialect::V30 | Dialect::V31 => "#/components/schemas/",
        }
    }
}

/// A wire name: an awkward one, a random string, or a long run of words.
pub fn wire_name(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=3u8)? {
        0 | 1 => (*u.choose(AWKWARD_NAMES)?).to_owned(),
        2 => u.arbitrary::<String>()?.chars().take(40).collect(),
        _ => {
            let word = *u.choose(&["segment", "Level", "x", "9", "ünï", "spec_"])?;
            word.repeat(u.int_in_range(1..=60)?)
        }
    })
}

fn json_string(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

/// A JSON object's text from its entries (keys already quoted).
fn object(entries: &[(String, String)]) -> String {
    let entries: Vec<String> = entries
        .iter()
        .map(|(key, value)| format!("{}: {value}", json_string(key)))
        .collect();
    format!("{{{}}}", entries.join(", "))
}

struct Builder<'u, 'a, 'n> {
    u: &'u mut Unstructured<'a>,
    names: &'n [String],
    dialect: Dialect,
}

/// The entries of one schema object, as (key, JSON text).
type Entries = Vec<(String, String)>;

impl Builder<'_, '_, '_> {
    /// A schema as JSON text, `depth` levels of inline schemas at most.
    fn schema(&mut self, depth: u32) -> Result<String> {
        let choices = if depth == 0 { 5 } else { 11 };
        let mut entries = match self.u.int_in_range(0..=choices)? {
            0 => self.reference()?,
            1 => self.string()?,
            2 => self.number("integer")?,
            3 => self.number("number")?,
            4 => vec![entry("type", json_string("boolean"))],
            5 => Vec::new(),
            6 | 7 => self.object(depth)?,
            8 => vec![
                entry("type", json_string("array")),
                entry("items", self.schema(depth - 1)?),
            ],
            9 => self.union(depth)?,
            10 => self.all_of(depth)?,
            _ => self.enumeration()?,
        };
        self.nullability(&mut entries)?;
        if self.u.ratio(1, 8)? {
            entries.push(entry(
                "description",
                json_string(&self.u.arbitrary::<String>()?),
            ));
        }
        Ok(object(&entries))
    }

    fn reference(&mut self) -> Result<Entries> {
        let target = if self.u.ratio(1, 10)? {
            "Missing".to_owned()
        } else {
            self.u.choose(self.names)?.clone()
        };
        let escaped = target.replace('~', "~0").replace('/', "~1");
        let mut entries = vec![entry(
            "$ref",
            json_string(&format!("{}{escaped}", self.dialect.models())),
        )];
        if self.dialect != Dialect::V30 && self.u.ratio(1, 4)? {
            entries.push(entry("description", json_string("beside the ref")));
        }
        Ok(entries)
    }

    fn string(&mut self) -> Result<Entries> {
        if self.dialect == Dialect::V20 && self.u.ratio(1, 6)? {
            return Ok(vec![entry("type", json_string("file"))]);
        }
        let mut entries = vec![entry("type", json_string("string"))];
        let formats = [
            "date-time",
            "date",
            "uuid",
            "byte",
            "binary",
            "email",
            "uri",
            "other",
        ];
        if self.u.arbitrary::<bool>()? {
            entries.push(entry("format", json_string(self.u.choose(&formats)?)));
        }
        if self.u.ratio(1, 4)? {
            entries.push(entry("maxLength", self.awkward_number()?));
        }
        if self.u.ratio(1, 6)? {
            let pattern = *self.u.choose(&["^[a-z]+$", "(", "\\d{2,}", "^\\p{L}+$"])?;
            entries.push(entry("pattern", json_string(pattern)));
        }
        Ok(entries)
    }

    fn number(&mut self, ty: &str) -> Result<Entries> {
        let mut entries = vec![entry("type", json_string(ty))];
        let formats = ["int32", "int64", "uint64", "float", "double", "int8"];
        if self.u.arbitrary::<bool>()? {
            entries.push(entry("format", json_string(self.u.choose(&formats)?)));
        }
        for keyword in ["minimum", "maximum", "multipleOf", "default", "example"] {
            if self.u.ratio(1, 3)? {
                entries.push(entry(keyword, self.awkward_number()?));
            }
        }
        if self.dialect == Dialect::V31 && self.u.ratio(1, 4)? {
            entries.push(entry("const", self.awkward_number()?));
        }
        Ok(entries)
    }

    fn awkward_number(&mut self) -> Result<String> {
        Ok((*self.u.choose(AWKWARD_NUMBERS)?).to_owned())
    }

    fn object(&mut self, depth: u32) -> Result<Entries> {
        let mut properties = Vec::new();
        let mut required = Vec::new();
        for _ in 0..self.u.int_in_range(0..=4)? {
            let name = wire_name(self.u)?;
            if self.u.arbitrary::<bool>()? {
                required.push(json_string(&name));
            }
            properties.push((name, self.schema(depth - 1)?));
        }
        let mut entries = vec![
            entry("type", json_string("object")),
            entry("properties", object(&properties)),
        ];
        if !required.is_empty() {
            entries.push(entry("required", format!("[{}]", required.join(", "))));
        }
        // 2.0 polymorphism: a base names its discriminator; definitions that `allOf` it extend it.
        if self.dialect == Dialect::V20 && self.u.ratio(1, 4)? {
            let property = match properties.first() {
                Some((name, _)) => name.clone(),
                None => "kind".to_owned(),
            };
            entries.push(entry("discriminator", json_string(&property)));
        }
        match self.u.int_in_range(0..=3u8)? {
            0 => entries.push(entry("additionalProperties", "false".to_owned())),
            1 => entries.push(entry("additionalProperties", self.schema(depth - 1)?)),
            _ => {}
        }
        Ok(entries)
    }

    fn union(&mut self, depth: u32) -> Result<Entries> {
        let keyword = if self.u.arbitrary::<bool>()? {
            "oneOf"
        } else {
            "anyOf"
        };
        let mut alternatives = Vec::new();
        for _ in 0..self.u.int_in_range(1..=4)? {
            alternatives.push(self.schema(depth - 1)?);
        }
        if self.u.ratio(1, 4)? {
            alternatives.push(object(&[entry("type", json_string("null"))]));
        }
        let mut entries = vec![entry(keyword, format!("[{}]", alternatives.join(", ")))];
        if self.u.ratio(1, 4)? {
            entries.push(entry(
                "discriminator",
                object(&[entry("propertyName", json_string("kind"))]),
            ));
        }
        Ok(entries)
    }

    fn all_of(&mut self, depth: u32) -> Result<Entries> {
        let mut parts = Vec::new();
        for _ in 0..self.u.int_in_range(1..=3)? {
            parts.push(self.schema(depth - 1)?);
        }
        Ok(vec![entry("allOf", format!("[{}]", parts.join(", ")))])
    }

    fn enumeration(&mut self) -> Result<Entries> {
        let mut values = Vec::new();
        let numbers = self.u.arbitrary::<bool>()?;
        for _ in 0..self.u.int_in_range(1..=5)? {
            values.push(if numbers {
                self.awkward_number()?
            } else {
                json_string(&wire_name(self.u)?)
            });
        }
        if self.u.ratio(1, 5)? {
            values.push("null".to_owned());
        }
        let ty = if numbers { "number" } else { "string" };
        Ok(vec![
            entry("type", json_string(ty)),
            entry("enum", format!("[{}]", values.join(", "))),
        ])
    }

    /// Makes a schema nullable the way its version writes it, sometimes.
    fn nullability(&mut self, entries: &mut Entries) -> Result<()> {
        if !self.u.ratio(1, 5)? {
            return Ok(());
        }
        if self.dialect == Dialect::V20 {
            let key = *self.u.choose(&["x-nullable", "x-isnullable"])?;
            entries.push(entry(key, "true".to_owned()));
        } else if self.dialect == Dialect::V30 {
            entries.push(entry("nullable", "true".to_owned()));
        } else if let Some((_, ty)) = entries.iter_mut().find(|(key, _)| key == "type") {
            *ty = format!("[{ty}, \"null\"]");
        }
        Ok(())
    }
}

fn entry(key: &str, value: String) -> (String, String) {
    (key.to_owned(), value)
}
