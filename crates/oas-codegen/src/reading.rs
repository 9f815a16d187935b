//! How a union is read from JSON, decided once for the Rust and Markdown emitters.
//!
//! - **By tag**: a discriminator (stated, or inferred by the parser) names the alternative.
//! - **By JSON type**: the alternatives exclude each other by JSON type (a string or an object,
//!   as in Stripe's expandable fields), so the first that accepts a value is the only one.
//! - **By shape**: alternatives of the same JSON type can overlap (`anyOf` of objects); the
//!   value is read as the alternative that declares the most of its keys among those that accept
//!   it, the first listed on a tie ([`oas_validate::union::read_best`]).

use oas_parser::Ir;
use oas_parser::ir::{EnumBase, ModelKind, Shape, Type, Union};

/// The way a union's value picks its alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A discriminator property selects the alternative.
    Tag,
    /// The JSON type selects the alternative.
    JsonType,
    /// The best-fitting alternative is chosen.
    Shape,
}

/// How `union` is read.
pub fn reading(ir: &Ir, union: &Union) -> Reading {
    let tagged = union.discriminator.is_some()
        && union
            .variants
            .iter()
            .all(|variant| !variant.tags.is_empty());
    if tagged {
        return Reading::Tag;
    }
    let mut taken = 0u8;
    for variant in &union.variants {
        let kinds = json_kinds(ir, &variant.shape, 0);
        if taken & kinds != 0 {
            return Reading::Shape;
        }
        taken |= kinds;
    }
    Reading::JsonType
}

/// One sentence for the docs on how the union is read.
pub fn reading_sentence(union: &Union, reading: Reading) -> String {
    match (reading, &union.discriminator) {
        (Reading::Tag, Some(discriminator)) if discriminator.inferred => format!(
            "Read by the `{}` property: every alternative requires it with values of its own \
             (the spec states no discriminator).",
            discriminator.property
        ),
        (Reading::Tag, Some(discriminator)) => format!(
            "Read by the `{}` property, the spec's discriminator.",
            discriminator.property
        ),
        (Reading::JsonType, _) | (Reading::Tag, None) => {
            "Read by JSON type: no two alternatives accept the same kind of value.".to_owned()
        }
        (Reading::Shape, _) => "Read by shape: the alternatives can overlap, so a value is \
            read as the alternative that declares the most of its keys among those that accept \
            it, the first listed on a tie."
            .to_owned(),
    }
}

const STRING: u8 = 1;
const NUMBER: u8 = 1 << 1;
const BOOLEAN: u8 = 1 << 2;
const ARRAY: u8 = 1 << 3;
const OBJECT: u8 = 1 << 4;
const NULL: u8 = 1 << 5;
const ANY: u8 = STRING | NUMBER | BOOLEAN | ARRAY | OBJECT | NULL;

/// The JSON kinds of value a shape accepts, as a bit set (`depth` stops a cycle of unions).
fn json_kinds(ir: &Ir, shape: &Shape, depth: usize) -> u8 {
    let null = if shape.nullable { NULL } else { 0 };
    null | match &shape.ty {
        Type::String | Type::DateTime | Type::Date | Type::Uuid | Type::Bytes | Type::Binary => {
            STRING
        }
        Type::Integer { .. } | Type::Number { .. } => NUMBER,
        Type::Boolean => BOOLEAN,
        Type::Array(_) | Type::Tuple(_) => ARRAY,
        Type::Map(_) | Type::JsonObject => OBJECT,
        Type::Any => ANY,
        Type::Model(_) if depth > 8 => ANY,
        Type::Model(target) => match &ir.model(target.id).kind {
            ModelKind::Struct(_) => OBJECT,
            ModelKind::Enum(body) => {
                let null = if body.nullable { NULL } else { 0 };
                null | match body.base {
                    EnumBase::String => STRING,
                    EnumBase::Integer | EnumBase::Number => NUMBER,
                    EnumBase::Boolean => BOOLEAN,
                    EnumBase::Mixed => ANY,
                }
            }
            ModelKind::Union(inner) => {
                let null = if inner.nullable { NULL } else { 0 };
                inner.variants.iter().fold(null, |kinds, variant| {
                    kinds | json_kinds(ir, &variant.shape, depth + 1)
                })
            }
            ModelKind::Alias(aliased) => json_kinds(ir, aliased, depth + 1),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oas_parser::ir::{UnionKeyword, Variant};

    fn union_of(types: &[Type]) -> Union {
        Union {
            keyword: UnionKeyword::AnyOf,
            variants: types
                .iter()
                .map(|ty| Variant {
                    rust_name: String::new(),
                    shape: Shape::plain(ty.clone()),
                    tags: Vec::new(),
                })
                .collect(),
            discriminator: None,
            nullable: false,
        }
    }

    #[test]
    fn json_types_decide_whether_alternatives_overlap() {
        let ir = Ir {
            title: String::new(),
            version: String::new(),
            models: Vec::new(),
        };
        let apart = union_of(&[
            Type::String,
            Type::Integer { format: None },
            Type::JsonObject,
        ]);
        assert_eq!(reading(&ir, &apart), Reading::JsonType);
        let dates = union_of(&[Type::DateTime, Type::Date]);
        assert_eq!(reading(&ir, &dates), Reading::Shape);
        let numbers = union_of(&[
            Type::Integer { format: None },
            Type::Number { format: None },
        ]);
        assert_eq!(reading(&ir, &numbers), Reading::Shape);
        let any = union_of(&[Type::Boolean, Type::Any]);
        assert_eq!(reading(&ir, &any), Reading::Shape);
    }
}
