// A rule on a type it cannot apply to points at the field's type.
use oas_validate::Validate;

#[derive(Validate)]
struct S {
    #[validate(pattern = "^[0-9]+$")]
    count: i64,
    #[validate(minimum = 0)]
    name: String,
    #[validate(min_items = 1)]
    single: String,
    #[validate(keys(min_length = 1))]
    not_a_map: Vec<String>,
    #[validate(dependent_required(name))]
    always_there: String,
}

fn main() {}
