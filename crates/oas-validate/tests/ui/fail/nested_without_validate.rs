// `nested` needs a type that derives Validate.
use oas_validate::Validate;

struct Plain {
    _x: u8,
}

#[derive(Validate)]
struct S {
    #[validate(nested)]
    plain: Option<Plain>,
}

fn main() {}
