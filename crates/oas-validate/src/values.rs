//! How rules reach the value of a field, whatever wraps it: `Option`, [`Nullable`], `Box`, `Vec`
//! and maps are seen through by these traits, so a rule never depends on how a type is spelt.
//! An absent or `null` value passes every rule; `required` is the serde layer's job.

use std::collections::{BTreeMap, HashMap};

use crate::Nullable;
use crate::errors::ValidationErrors;
use crate::number::Num;
use crate::path::Path;

/// A field that string rules (`pattern`, `min_length`, `format`, `enum_values`) apply to.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a string, so string rules (pattern, min_length, max_length, format, enum_values) cannot apply",
    label = "string rule on a non-string field"
)]
pub trait StrValue {
    /// The string, when one is present.
    fn str_value(&self) -> Option<&str>;
}

/// A field that number rules (`minimum`, `maximum`, `multiple_of`, ...) apply to.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number, so number rules (minimum, maximum, exclusive_minimum, exclusive_maximum, multiple_of) cannot apply",
    label = "number rule on a non-number field"
)]
pub trait NumValue {
    /// The number, when one is present.
    fn num_value(&self) -> Option<Num>;
}

/// A field that array rules (`min_items`, `max_items`, `unique_items`, `items(...)`) apply to.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an array, so array rules (min_items, max_items, unique_items, items) cannot apply",
    label = "array rule on a non-array field"
)]
pub trait ItemsValue {
    /// The item type.
    type Item;
    /// The items, when present.
    fn items_value(&self) -> Option<&[Self::Item]>;
}

/// A field whose keys key rules (`keys(...)`, from `propertyNames` and `patternProperties`)
/// apply to: a map with string keys.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a map with string keys, so `keys(...)` cannot apply",
    label = "key rule on a field that is not a map"
)]
pub trait KeysValue {
    /// Calls `visit` with each key, when the map is present.
    fn visit_keys(&self, visit: &mut dyn FnMut(&str));
}

/// A field whose key may be missing from the JSON, which `dependent_required` asks about:
/// `Option` (absent or `null` read as `None`) and [`Nullable`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is always present, so `dependent_required` cannot ask whether it is: use it on `Option` or `Nullable` fields",
    label = "`dependent_required` on a field that is always present"
)]
pub trait Presence {
    /// True when the key was (or will be written) present.
    fn is_present(&self) -> bool;
}

impl<T> Presence for Option<T> {
    #[inline]
    fn is_present(&self) -> bool {
        self.is_some()
    }
}

impl<T> Presence for Nullable<T> {
    #[inline]
    fn is_present(&self) -> bool {
        !self.is_absent()
    }
}

impl<V> KeysValue for BTreeMap<String, V> {
    fn visit_keys(&self, visit: &mut dyn FnMut(&str)) {
        self.keys().for_each(|key| visit(key));
    }
}

impl<V, S> KeysValue for HashMap<String, V, S> {
    fn visit_keys(&self, visit: &mut dyn FnMut(&str)) {
        self.keys().for_each(|key| visit(key));
    }
}

impl KeysValue for serde_json::Map<String, serde_json::Value> {
    fn visit_keys(&self, visit: &mut dyn FnMut(&str)) {
        self.keys().for_each(|key| visit(key));
    }
}

/// A field whose contents validate themselves (`nested`): models, and `Option`, [`Nullable`],
/// `Box`, `Vec` and string-keyed maps of them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `Validate`, so `nested` cannot apply",
    label = "`nested` on a type without `#[derive(Validate)]`"
)]
pub trait Nested {
    /// Validates the contents, recording failures under `path`.
    fn nested_at(&self, path: &Path<'_>, errors: &mut ValidationErrors);
}

impl StrValue for String {
    #[inline]
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}

impl StrValue for str {
    #[inline]
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}

macro_rules! num_value {
    ($($int:ty),*; $($float:ty),*) => {
        $(impl NumValue for $int {
            #[inline]
            fn num_value(&self) -> Option<Num> {
                Some(Num::Int(i128::from(*self)))
            }
        })*
        $(impl NumValue for $float {
            #[inline]
            fn num_value(&self) -> Option<Num> {
                Some(Num::Float(f64::from(*self)))
            }
        })*
    };
}
num_value!(i8, i16, i32, i64, u8, u16, u32, u64; f32, f64);

impl<T> ItemsValue for Vec<T> {
    type Item = T;
    #[inline]
    fn items_value(&self) -> Option<&[T]> {
        Some(self)
    }
}

/// The wrappers that may hold no value: the value inside, when there is one.
macro_rules! see_through {
    ($($wrapper:ident, $this:ident => $get:expr);* $(;)?) => {
        $(
            impl<T: StrValue> StrValue for $wrapper<T> {
                #[inline]
                fn str_value(&self) -> Option<&str> {
                    let $this = self;
                    let inner: Option<&T> = $get;
                    inner.and_then(StrValue::str_value)
                }
            }
            impl<T: NumValue> NumValue for $wrapper<T> {
                #[inline]
                fn num_value(&self) -> Option<Num> {
                    let $this = self;
                    let inner: Option<&T> = $get;
                    inner.and_then(NumValue::num_value)
                }
            }
            impl<T: ItemsValue> ItemsValue for $wrapper<T> {
                type Item = T::Item;
                #[inline]
                fn items_value(&self) -> Option<&[T::Item]> {
                    let $this = self;
                    let inner: Option<&T> = $get;
                    inner.and_then(ItemsValue::items_value)
                }
            }
            impl<T: KeysValue> KeysValue for $wrapper<T> {
                #[inline]
                fn visit_keys(&self, visit: &mut dyn FnMut(&str)) {
                    let $this = self;
                    let inner: Option<&T> = $get;
                    if let Some(inner) = inner {
                        inner.visit_keys(visit);
                    }
                }
            }
            impl<T: Nested> Nested for $wrapper<T> {
                #[inline]
                fn nested_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
                    let $this = self;
                    let inner: Option<&T> = $get;
                    if let Some(inner) = inner {
                        inner.nested_at(path, errors);
                    }
                }
            }
        )*
    };
}

see_through! {
    Option, value => value.as_ref();
    Nullable, value => value.as_value();
    Box, value => Some(&**value);
}

impl<T: Nested> Nested for Vec<T> {
    fn nested_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (index, item) in self.iter().enumerate() {
            item.nested_at(&path.index(index), errors);
        }
    }
}

impl<T: Nested> Nested for BTreeMap<String, T> {
    fn nested_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            value.nested_at(&path.key(key), errors);
        }
    }
}

impl<T: Nested, S> Nested for HashMap<String, T, S> {
    fn nested_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            value.nested_at(&path.key(key), errors);
        }
    }
}
