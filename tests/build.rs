//! Lists every model of the generated crates (from their `api.toml`) for the hostile-payload
//! test, so that a model added by regeneration is tested without editing the test.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut models = Vec::new();
    for (krate, api) in [
        ("ory_client_models", "../crates/ory-client-models/api.toml"),
        ("fixture_models", "fixture-models/api.toml"),
        ("fixture_models_31", "fixture-models-31/api.toml"),
    ] {
        let path = root.join(api);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("the generated crate has its api.toml");
        let lines: Vec<&str> = text.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            // A type alias (`kind = "alias"`) is a plain Rust type, with no `from_json`.
            if lines.get(index + 1) == Some(&"kind = \"alias\"") {
                continue;
            }
            let model = line
                .strip_prefix("[models.")
                .and_then(|rest| rest.strip_suffix(']'))
                .filter(|model| !model.contains('.'));
            if let Some(model) = model {
                models.push(format!("{krate}::{model}"));
            }
        }
    }
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("every_model.rs");
    // One expression, as `include!` in a function body needs.
    std::fs::write(target, format!("check_models!({})", models.join(", "))).unwrap();
}
