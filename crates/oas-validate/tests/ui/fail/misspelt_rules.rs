// Every mistake is reported at once: two misspelt rules and an invalid regex.
use oas_validate::Validate;

#[derive(Validate)]
struct S {
    #[validate(min_lenght = 2)]
    name: String,
    #[validate(patern = "^a$", max_length = 3)]
    code: String,
    #[validate(pattern = "([unclosed")]
    broken: String,
}

fn main() {}
