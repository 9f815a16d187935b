//! The rule checks the derive macro calls: each returns `true` when the value passes.

use crate::number::Num;

/// `minLength`: at least `min` characters (not bytes).
#[inline]
pub fn min_length(value: &str, min: u64) -> bool {
    // Bytes bound characters from above: enough characters is certain only when counted.
    (value.len() as u64) >= min && (value.is_ascii() || value.chars().count() as u64 >= min)
}

/// `maxLength`: at most `max` characters (not bytes).
#[inline]
pub fn max_length(value: &str, max: u64) -> bool {
    (value.len() as u64) <= max || value.chars().count() as u64 <= max
}

/// `minimum`.
#[inline]
pub fn minimum(value: Num, min: Num) -> bool {
    !value.lt(min)
}

/// `maximum`.
#[inline]
pub fn maximum(value: Num, max: Num) -> bool {
    !max.lt(value)
}

/// `exclusiveMinimum`.
#[inline]
pub fn exclusive_minimum(value: Num, min: Num) -> bool {
    min.lt(value)
}

/// `exclusiveMaximum`.
#[inline]
pub fn exclusive_maximum(value: Num, max: Num) -> bool {
    value.lt(max)
}

/// `multipleOf`.
#[inline]
pub fn multiple_of(value: Num, step: Num) -> bool {
    value.is_multiple_of(step)
}

/// `enum`: one of the allowed strings.
#[inline]
pub fn enum_values(value: &str, allowed: &[&str]) -> bool {
    allowed.contains(&value)
}

/// `minItems`.
#[inline]
pub fn min_items(count: usize, min: u64) -> bool {
    count as u64 >= min
}

/// `maxItems`.
#[inline]
pub fn max_items(count: usize, max: u64) -> bool {
    count as u64 <= max
}

/// `uniqueItems`: no two items are equal.
pub fn unique_items<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(i, item)| !items[i + 1..].contains(item))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters() {
        assert!(min_length("ab", 2) && !min_length("a", 2));
        assert!(min_length("éé", 2) && !min_length("é", 2));
        assert!(max_length("éééé", 4) && !max_length("ééééé", 4));
    }

    #[test]
    fn numbers_compare_exactly() {
        assert!(minimum(Num::Int(0), Num::Int(0)) && !minimum(Num::Int(-1), Num::Int(0)));
        assert!(!exclusive_maximum(Num::Int(10), Num::Int(10)));
        assert!(exclusive_minimum(Num::Float(0.5), Num::Int(0)));
        assert!(maximum(
            Num::Int(i64::MAX as i128),
            Num::Int(i64::MAX as i128)
        ));
        assert!(multiple_of(Num::Int(6), Num::Int(3)) && !multiple_of(Num::Int(7), Num::Int(3)));
        assert!(multiple_of(Num::Float(0.3), Num::Float(0.1)));
    }

    #[test]
    fn items() {
        assert!(unique_items(&[1, 2, 3]) && !unique_items(&[1, 2, 1]));
        assert!(min_items(1, 1) && !max_items(3, 2));
        assert!(enum_values("public", &["pairwise", "public"]) && !enum_values("", &["public"]));
    }
}
