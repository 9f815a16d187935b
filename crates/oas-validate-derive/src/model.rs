//! The typed model of a struct's `#[validate(...)]` attributes, with the spans of each rule.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned as _;
use syn::{Data, DeriveInput, Fields, LitStr, Token};

/// Every rule name, for suggestions.
pub const RULES: &[&str] = &[
    "pattern",
    "min_length",
    "max_length",
    "format",
    "enum_values",
    "allow_empty",
    "minimum",
    "maximum",
    "exclusive_minimum",
    "exclusive_maximum",
    "multiple_of",
    "min_items",
    "max_items",
    "unique_items",
    "items",
    "keys",
    "dependent_required",
    "nested",
];

/// A struct to validate.
pub struct Model {
    /// Its fields that have rules, in declaration order.
    pub fields: Vec<FieldRules>,
    /// Every field's wire name, for rules that name other fields.
    pub wires: Vec<(syn::Ident, String)>,
}

/// One field's rules.
pub struct FieldRules {
    /// The field.
    pub ident: syn::Ident,
    /// Its type (errors about inapplicable rules point here).
    pub ty: syn::Type,
    /// Its wire name (serde `rename` / `rename_all` applied, `r#` stripped).
    pub wire: String,
    /// Rules on the value itself.
    pub value: ValueRules,
    /// Rules on the field as a whole: array rules, key rules, `dependent_required`.
    pub outer: OuterRules,
}

/// Rules on one value (a field, or each item of an array field).
#[derive(Default)]
pub struct ValueRules {
    /// `pattern`.
    pub pattern: Option<LitStr>,
    /// `min_length`.
    pub min_length: Option<Spanned<u64>>,
    /// `max_length`.
    pub max_length: Option<Spanned<u64>>,
    /// `format`.
    pub format: Option<LitStr>,
    /// `enum_values(...)`.
    pub enum_values: Option<Spanned<Vec<LitStr>>>,
    /// `allow_empty`: string rules pass on `""` (servers that send `""` for "unset").
    pub allow_empty: Option<Span>,
    /// `minimum`.
    pub minimum: Option<Spanned<NumLit>>,
    /// `maximum`.
    pub maximum: Option<Spanned<NumLit>>,
    /// `exclusive_minimum`.
    pub exclusive_minimum: Option<Spanned<NumLit>>,
    /// `exclusive_maximum`.
    pub exclusive_maximum: Option<Spanned<NumLit>>,
    /// `multiple_of`.
    pub multiple_of: Option<Spanned<NumLit>>,
    /// `nested`.
    pub nested: Option<Span>,
}

impl ValueRules {
    /// True when a string rule is set.
    pub fn has_string_rules(&self) -> bool {
        self.pattern.is_some()
            || self.min_length.is_some()
            || self.max_length.is_some()
            || self.format.is_some()
            || self.enum_values.is_some()
    }

    /// True when a number rule is set.
    pub fn has_number_rules(&self) -> bool {
        self.minimum.is_some()
            || self.maximum.is_some()
            || self.exclusive_minimum.is_some()
            || self.exclusive_maximum.is_some()
            || self.multiple_of.is_some()
    }
}

/// Rules on a field as a whole, not allowed inside `items(...)` or `keys(...)`.
#[derive(Default)]
pub struct OuterRules {
    /// `min_items`.
    pub min_items: Option<Spanned<u64>>,
    /// `max_items`.
    pub max_items: Option<Spanned<u64>>,
    /// `unique_items`.
    pub unique_items: Option<Span>,
    /// `items(...)`: rules on each item.
    pub items: Option<Spanned<ValueRules>>,
    /// `keys(...)`: string rules on each key of a map.
    pub keys: Option<Spanned<ValueRules>>,
    /// `dependent_required(a, b)`: when this field is present, so must fields `a` and `b` be.
    pub dependent_required: Vec<syn::Ident>,
}

impl OuterRules {
    /// True when any array rule is set.
    pub fn has_array_rules(&self) -> bool {
        self.min_items.is_some()
            || self.max_items.is_some()
            || self.unique_items.is_some()
            || self.items.is_some()
    }

    /// True when any rule is set.
    pub fn is_set(&self) -> bool {
        self.has_array_rules() || self.keys.is_some() || !self.dependent_required.is_empty()
    }
}

/// A value with the span it was written at.
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where.
    pub span: Span,
}

/// A number literal of a rule: `-5`, `10`, `0.5`.
#[derive(Clone)]
pub enum NumLit {
    /// An integer.
    Int(i128),
    /// A float.
    Float(f64),
}

/// Reads the model; mistakes are collected into `errors` and the rest is still read, so later
/// checks can report theirs too.
pub fn parse(input: &DeriveInput, errors: &mut Vec<syn::Error>) -> syn::Result<Model> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`Validate` can be derived for structs with named fields",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new(
            data.fields.span(),
            "`Validate` can be derived for structs with named fields",
        ));
    };
    let rename_all = serde_rename_all(&input.attrs, errors);
    let mut fields = Vec::new();
    let mut wires = Vec::new();
    for field in &named.named {
        let ident = field.ident.clone().expect("named fields have names");
        let wire = serde_rename(&field.attrs, errors).unwrap_or_else(|| {
            let name = ident.to_string();
            let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
            match &rename_all {
                Some(rule) => apply_rename_all(rule, &name),
                None => name,
            }
        });
        wires.push((ident.clone(), wire.clone()));
        let mut value = ValueRules::default();
        let mut outer = OuterRules::default();
        for attr in field
            .attrs
            .iter()
            .filter(|attr| attr.path().is_ident("validate"))
        {
            let parsed = attr.parse_nested_meta(|meta| {
                parse_rule(&meta, &mut value, Some(&mut outer), errors);
                Ok(())
            });
            if let Err(error) = parsed {
                errors.push(error);
            }
        }
        if !value.has_string_rules()
            && !value.has_number_rules()
            && value.nested.is_none()
            && !outer.is_set()
        {
            if let Some(span) = value.allow_empty {
                errors.push(syn::Error::new(
                    span,
                    "`allow_empty` needs a string rule beside it",
                ));
            }
            continue;
        }
        fields.push(FieldRules {
            ident,
            ty: field.ty.clone(),
            wire,
            value,
            outer,
        });
    }
    Ok(Model { fields, wires })
}

/// Reads one rule into `value` (or `outer`, where rules on the whole field are allowed).
fn parse_rule(
    meta: &ParseNestedMeta,
    value: &mut ValueRules,
    outer: Option<&mut OuterRules>,
    errors: &mut Vec<syn::Error>,
) {
    let span = meta.path.span();
    let Some(name) = meta.path.get_ident().map(ToString::to_string) else {
        errors.push(meta.error("expected a rule name"));
        skip_value(meta);
        return;
    };
    let result: syn::Result<()> = (|| {
        match name.as_str() {
            "pattern" => value.pattern = Some(meta.value()?.parse()?),
            "format" => value.format = Some(meta.value()?.parse()?),
            "min_length" => value.min_length = Some(count(meta)?),
            "max_length" => value.max_length = Some(count(meta)?),
            "enum_values" => {
                let content;
                syn::parenthesized!(content in meta.input);
                let values =
                    content.parse_terminated(|input| input.parse::<LitStr>(), Token![,])?;
                value.enum_values = Some(Spanned {
                    value: values.into_iter().collect(),
                    span,
                });
            }
            "allow_empty" => value.allow_empty = Some(span),
            "minimum" => value.minimum = Some(number(meta)?),
            "maximum" => value.maximum = Some(number(meta)?),
            "exclusive_minimum" => value.exclusive_minimum = Some(number(meta)?),
            "exclusive_maximum" => value.exclusive_maximum = Some(number(meta)?),
            "multiple_of" => value.multiple_of = Some(number(meta)?),
            "nested" => value.nested = Some(span),
            "min_items" | "max_items" | "unique_items" | "items" | "keys"
            | "dependent_required" => {
                let Some(outer) = outer else {
                    skip_value(meta);
                    return Err(syn::Error::new(
                        span,
                        format!("`{name}` cannot be used inside `items(...)` or `keys(...)`"),
                    ));
                };
                match name.as_str() {
                    "min_items" => outer.min_items = Some(count(meta)?),
                    "max_items" => outer.max_items = Some(count(meta)?),
                    "unique_items" => outer.unique_items = Some(span),
                    "dependent_required" => {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        let fields = content
                            .parse_terminated(|input| input.parse::<syn::Ident>(), Token![,])?;
                        outer.dependent_required.extend(fields);
                    }
                    _ => {
                        let mut inner = ValueRules::default();
                        meta.parse_nested_meta(|nested| {
                            parse_rule(&nested, &mut inner, None, errors);
                            Ok(())
                        })?;
                        let rules = Some(Spanned { value: inner, span });
                        if name == "keys" {
                            outer.keys = rules;
                        } else {
                            outer.items = rules;
                        }
                    }
                }
            }
            unknown => {
                skip_value(meta);
                let mut message = format!("unknown validation rule `{unknown}`");
                if let Some(suggestion) = suggest(unknown) {
                    message.push_str(&format!("; did you mean `{suggestion}`?"));
                }
                return Err(syn::Error::new(span, message));
            }
        }
        Ok(())
    })();
    if let Err(error) = result {
        errors.push(error);
    }
}

/// The closest known rule name, if one is close.
fn suggest(unknown: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|rule| (strsim::jaro_winkler(unknown, rule), *rule))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, rule)| rule)
}

/// Consumes whatever follows an unusable rule name, so parsing can go on to the next rule.
fn skip_value(meta: &ParseNestedMeta) {
    if meta.input.peek(Token![=]) {
        let _ = meta.value().and_then(|value| value.parse::<syn::Expr>());
    } else if meta.input.peek(syn::token::Paren) {
        let _ = meta.parse_nested_meta(|inner| {
            skip_value(&inner);
            Ok(())
        });
    }
}

fn count(meta: &ParseNestedMeta) -> syn::Result<Spanned<u64>> {
    let literal: syn::LitInt = meta.value()?.parse()?;
    Ok(Spanned {
        value: literal.base10_parse()?,
        span: literal.span(),
    })
}

fn number(meta: &ParseNestedMeta) -> syn::Result<Spanned<NumLit>> {
    let input = meta.value()?;
    let negative = input.parse::<Option<Token![-]>>()?.is_some();
    let sign = if negative { -1 } else { 1 };
    let literal: syn::Lit = input.parse()?;
    let value = match &literal {
        syn::Lit::Int(int) => NumLit::Int(sign as i128 * int.base10_parse::<i128>()?),
        syn::Lit::Float(float) => NumLit::Float(f64::from(sign) * float.base10_parse::<f64>()?),
        other => return Err(syn::Error::new(other.span(), "expected a number")),
    };
    Ok(Spanned {
        value,
        span: literal.span(),
    })
}

/// `#[serde(rename = "...")]` on a field.
fn serde_rename(attrs: &[syn::Attribute], errors: &mut Vec<syn::Error>) -> Option<String> {
    serde_string(attrs, "rename", errors)
}

/// `#[serde(rename_all = "...")]` on the struct.
fn serde_rename_all(attrs: &[syn::Attribute], errors: &mut Vec<syn::Error>) -> Option<String> {
    serde_string(attrs, "rename_all", errors)
}

fn serde_string(
    attrs: &[syn::Attribute],
    key: &str,
    errors: &mut Vec<syn::Error>,
) -> Option<String> {
    let mut found = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(key) && meta.input.peek(Token![=]) {
                found = Some(meta.value()?.parse::<LitStr>()?.value());
            } else {
                skip_value(&meta);
            }
            Ok(())
        });
        if let Err(error) = parsed {
            errors.push(error);
        }
    }
    found
}

fn apply_rename_all(rule: &str, name: &str) -> String {
    use heck::{
        ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase,
        ToUpperCamelCase,
    };
    match rule {
        "lowercase" => name.to_lowercase(),
        "UPPERCASE" => name.to_uppercase(),
        "PascalCase" => name.to_upper_camel_case(),
        "camelCase" => name.to_lower_camel_case(),
        "snake_case" => name.to_snake_case(),
        "SCREAMING_SNAKE_CASE" => name.to_shouty_snake_case(),
        "kebab-case" => name.to_kebab_case(),
        "SCREAMING-KEBAB-CASE" => name.to_shouty_kebab_case(),
        _ => name.to_owned(),
    }
}
