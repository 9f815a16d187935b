//! The model IR: plain data that every later stage consumes.
//!
//! Nothing here refers to `openapiv3`; the emitters see only these types. Models are kept in
//! document order (named component schemas first, then the inline schemas that needed a name, in
//! the order they were met), and every reference between models is a [`ModelId`] index into
//! [`Ir::models`].

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The lowered document: every model, in document order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ir {
    /// `info.title` of the document.
    pub title: String,
    /// `info.version` of the document.
    pub version: String,
    /// All models; a [`ModelId`] is an index into this list.
    pub models: Vec<Model>,
}

impl Ir {
    /// The model a reference points at.
    pub fn model(&self, id: ModelId) -> &Model {
        &self.models[id.0]
    }

    /// Finds a model by its wire name (the key under `components.schemas`).
    pub fn find_by_wire_name(&self, wire_name: &str) -> Option<ModelId> {
        self.models
            .iter()
            .position(|model| model.inline_path.is_none() && model.wire_name == wire_name)
            .map(ModelId)
    }
}

/// Index of a model in [`Ir::models`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ModelId(pub usize);

/// One named type of the generated code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Rust type name (UpperCamelCase, unique in the document).
    pub name: String,
    /// The schema's key under `components.schemas`, or for an inline schema the wire name of the
    /// property (or role) it was found at.
    pub wire_name: String,
    /// For an inline schema, the chain of wire names from its named ancestor; `None` for a
    /// component schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_path: Option<Vec<String>>,
    /// JSON pointer of the schema in the document.
    pub pointer: String,
    /// The schema's `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The schema's `description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `deprecated: true` on the schema.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// The schema's `example`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// Keywords the schema states whose rule is neither a type nor checked (`not`,
    /// `if/then/else`...): documented, and reported as warnings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unchecked: Vec<String>,
    /// What the model is.
    pub kind: ModelKind,
}

/// The shape of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// An object with named fields (an `allOf` is merged into one).
    Struct(Struct),
    /// A closed set of values.
    Enum(Enum),
    /// `oneOf` / `anyOf`: one of several shapes.
    Union(Union),
    /// Another name for a shape (a primitive, array or map schema, or a ref to a ref).
    Alias(Box<Shape>),
}

/// Fields of an object model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Struct {
    /// Properties in document order (for a merged `allOf`, part by part).
    pub fields: Vec<Field>,
    /// What keys beyond `fields` may hold.
    pub additional: Additional,
    /// A `oneOf` / `anyOf` beside the properties that only lists required keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_rule: Option<KeyRule>,
    /// `dependentRequired`: when a key is present, the keys that must be present with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependent_required: Vec<DependentRequired>,
    /// What the keys of the extra-keys map follow (`propertyNames`, `patternProperties`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Box<Constraints>>,
}

/// One entry of `dependentRequired`: when `key` is present, so must `required` be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DependentRequired {
    /// The wire name whose presence triggers the rule.
    pub key: String,
    /// The wire names that must then be present.
    pub required: Vec<String>,
}

/// Which sets of keys an object must have, from `oneOf` / `anyOf` alternatives that only list
/// `required` keys (as Kubernetes CRDs write); documented, not checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyRule {
    /// `oneOf`: exactly one set is present; `anyOf`: at least one.
    pub keyword: UnionKeyword,
    /// Each alternative's `required` keys.
    pub required_sets: Vec<Vec<String>>,
}

/// The `additionalProperties` of an object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Additional {
    /// Not stated: other keys are allowed and carry nothing the model describes.
    Unspecified,
    /// `additionalProperties: false`.
    Forbidden,
    /// `additionalProperties: true` or `{}`: any JSON value.
    AnyValue,
    /// `additionalProperties` with a schema.
    Typed(Box<Shape>),
}

/// One property of an object model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The JSON key.
    pub wire_name: String,
    /// The Rust field name (snake_case; a keyword is raw, `r#type`, or suffixed, `self_`).
    pub rust_name: String,
    /// JSON pointer of the property schema.
    pub pointer: String,
    /// Listed in the object's `required`.
    pub required: bool,
    /// Type, nullability and constraints.
    pub shape: Shape,
    /// `readOnly: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// `writeOnly: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub write_only: bool,
    /// `deprecated: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// The property's `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// The property's `example` (or its inlined target's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// The property's own `description` (never the description of a ref's target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The property's own `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Field {
    /// What the field's docs say about it: its description, else its title.
    pub fn doc(&self) -> Option<&str> {
        self.description.as_deref().or(self.title.as_deref())
    }
}

/// A type together with its nullability and constraints: what a field, an item or a map value is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shape {
    /// The value's type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// `nullable: true` (or `null` among the enum values).
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// Validation keywords.
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

impl Shape {
    /// A shape with no nullability and no constraints.
    pub fn plain(ty: Type) -> Self {
        Shape {
            ty,
            nullable: false,
            constraints: Constraints::default(),
        }
    }

    /// Calls `visit` on this shape and on every shape nested in it (array items, map values,
    /// tuple items), outermost first.
    pub fn visit(&self, visit: &mut dyn FnMut(&Shape)) {
        visit(self);
        match &self.ty {
            Type::Array(inner) | Type::Map(inner) => inner.visit(visit),
            Type::Tuple(items) => items.iter().for_each(|item| item.visit(visit)),
            _ => {}
        }
    }
}

/// The type of a value, as the spec states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    /// `type: string` (any format not listed below).
    String,
    /// `type: integer`, with its `format` (`int32`, `int64`, `uint8`, ...) if any.
    Integer {
        /// The stated format.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// `type: number`, with its `format` (`float`, `double`) if any.
    Number {
        /// The stated format.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// `type: boolean`.
    Boolean,
    /// `format: date-time`.
    DateTime,
    /// `format: date`.
    Date,
    /// `format: uuid`.
    Uuid,
    /// `format: byte`: base64-encoded bytes.
    Bytes,
    /// `format: binary`: raw bytes (in JSON, a string).
    Binary,
    /// `type: array`.
    Array(Box<Shape>),
    /// `prefixItems` with no further items (`items: false`): a fixed-length array whose items
    /// have a type each.
    Tuple(Vec<Shape>),
    /// An object with only `additionalProperties`: a map from string keys.
    Map(Box<Shape>),
    /// An object with no properties and open additional properties: any JSON object.
    JsonObject,
    /// No type stated: any JSON value.
    Any,
    /// A reference to another model.
    Model(ModelRef),
}

/// A reference from one model to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelRef {
    /// The target.
    pub id: ModelId,
    /// The reference is held through a `Box`: it closes a cycle of direct containment, or
    /// holding it by value would make a chain of nested structs too deep to compile.
    #[serde(default, skip_serializing_if = "is_false")]
    pub boxed: bool,
}

/// Validation keywords of a schema.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Constraints {
    /// `format`, as written (also the formats that picked a [`Type`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// `pattern` (ECMA-262, unanchored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// `minLength`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// `maxLength`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// `minimum` (exclusive when `exclusive_minimum`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<serde_json::Number>,
    /// `maximum` (exclusive when `exclusive_maximum`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<serde_json::Number>,
    /// `exclusiveMinimum: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive_minimum: bool,
    /// `exclusiveMaximum: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive_maximum: bool,
    /// `multipleOf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<serde_json::Number>,
    /// `minItems`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// `maxItems`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// `uniqueItems: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unique_items: bool,
    /// `minProperties`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_properties: Option<u64>,
    /// `enum` values where the shape stays a plain type (otherwise the enum is a model), or the
    /// one value of a `const`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<Value>,
    /// For a map: what every key follows (`propertyNames`, the patterns of `patternProperties`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Box<Constraints>>,
    /// Keywords the schema states whose rule is neither a type nor checked (`not`,
    /// `if/then/else`, `prefixItems` beside open `items`...): documented, and reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unchecked: Vec<String>,
}

impl Constraints {
    /// True when no keyword is set.
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }
}

/// A closed set of values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enum {
    /// The JSON type the values share.
    pub base: EnumBase,
    /// The values in document order; a `null` among them makes the enum nullable instead.
    pub values: Vec<EnumValue>,
    /// `null` was among the values or the schema is `nullable`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
}

/// The JSON type of an enum's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumBase {
    /// Strings.
    String,
    /// Integers.
    Integer,
    /// Numbers (some not integral).
    Number,
    /// Booleans.
    Boolean,
    /// Values of more than one JSON type.
    Mixed,
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The value as it appears in JSON.
    pub value: Value,
    /// The Rust variant name (UpperCamelCase, unique in the enum).
    pub rust_name: String,
}

/// `oneOf` / `anyOf`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Union {
    /// Which keyword.
    pub keyword: UnionKeyword,
    /// The alternatives, in document order.
    pub variants: Vec<Variant>,
    /// The `discriminator`, stated or inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<Discriminator>,
    /// `nullable: true` on the union schema.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
}

/// The keyword a union came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnionKeyword {
    /// Exactly one alternative matches.
    OneOf,
    /// At least one alternative matches.
    AnyOf,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// The Rust variant name (from the referenced model or the type, unique in the union).
    pub rust_name: String,
    /// The alternative's shape.
    pub shape: Shape,
    /// Discriminator values that select this alternative (empty without a discriminator).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A union's `discriminator`: stated, or inferred from a property that every alternative
/// requires with string values of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discriminator {
    /// `propertyName`: the key whose value selects the alternative.
    pub property: String,
    /// Not stated in the spec: inferred from the alternatives' enum values.
    #[serde(default, skip_serializing_if = "is_false")]
    pub inferred: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}
