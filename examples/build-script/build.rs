//! Generates the models of `spec/` into `OUT_DIR/models.rs` on every build where the spec or its
//! settings changed; `src/lib.rs` includes them.

fn main() {
    let (_file, warnings) = oas_codegen::Builder::from_settings_file("../../spec/codegen.toml")
        .and_then(oas_codegen::Builder::generate)
        .unwrap_or_else(|err| panic!("generating the models failed: {err}"));
    for warning in warnings {
        println!("cargo:warning={warning}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
