// Values that cannot be right: unknown format, empty enum, inverted limits, zero step, a number
// rule on keys, a dependency on a field that does not exist.
use oas_validate::Validate;

#[derive(Validate)]
struct S {
    #[validate(format = "url")]
    a: String,
    #[validate(enum_values())]
    b: String,
    #[validate(min_length = 5, max_length = 2)]
    c: String,
    #[validate(multiple_of = 0)]
    d: i64,
    #[validate(items(min_items = 1))]
    e: Vec<String>,
    #[validate(keys(minimum = 1))]
    f: std::collections::BTreeMap<String, String>,
    #[validate(dependent_required(nowhere))]
    g: Option<String>,
}

fn main() {}
