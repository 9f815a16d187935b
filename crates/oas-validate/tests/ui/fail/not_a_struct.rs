use oas_validate::Validate;

#[derive(Validate)]
enum E {
    A,
}

fn main() {}
