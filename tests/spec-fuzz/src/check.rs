//! What must hold for any input: loading gives a document or a diagnostic; lowering gives an IR
//! whose names are valid, unique and bounded, or error diagnostics; generating from an IR
//! without errors gives Rust that `syn` parses and file names that every file system takes.

use std::collections::HashSet;

use oas_codegen::{Generated, Provenance, Settings, generate};
use oas_parser::naming::MAX_NAME_LEN;
use oas_parser::{Lowering, lower, parse_document};

/// The longest file name a generated crate may have, in bytes.
pub const MAX_FILE_NAME: usize = 100;

/// Loads any text; returns the lowering when it loaded.
pub fn load_and_lower(text: &str) -> Option<Lowering> {
    let document = parse_document(text).ok()?;
    Some(lower(&document))
}

/// Checks the names of an IR: every model name a valid identifier, at most
/// [`MAX_NAME_LEN`] bytes (plus a collision suffix), and unique; every field name too, per
/// struct.
pub fn check_names(lowering: &Lowering) -> Result<(), String> {
    let mut models = HashSet::new();
    for model in &lowering.ir.models {
        check_identifier(&model.name, MAX_NAME_LEN + 6)?;
        check_upper_camel(&model.name)?;
        if let oas_parser::ir::ModelKind::Enum(body) = &model.kind {
            for value in &body.values {
                check_identifier(&value.rust_name, MAX_NAME_LEN + 6)?;
                check_upper_camel(&value.rust_name)?;
            }
        }
        if let oas_parser::ir::ModelKind::Union(union) = &model.kind {
            for variant in &union.variants {
                check_identifier(&variant.rust_name, MAX_NAME_LEN + 6)?;
                check_upper_camel(&variant.rust_name)?;
            }
        }
        if !models.insert(model.name.as_str()) {
            return Err(format!("two models are named `{}`", model.name));
        }
        if let oas_parser::ir::ModelKind::Struct(body) = &model.kind {
            let mut fields = HashSet::new();
            for field in &body.fields {
                check_identifier(&field.rust_name, MAX_NAME_LEN + 6)?;
                if !fields.insert(field.rust_name.as_str()) {
                    return Err(format!(
                        "`{}` has two fields `{}`",
                        model.name, field.rust_name
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Type and variant names start with an upper-case ASCII letter, as rustc's
/// `non_camel_case_types` lint and distinct module names (`mod foo; pub use foo::Foo;`) need.
fn check_upper_camel(name: &str) -> Result<(), String> {
    if name.starts_with(|ch: char| ch.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(format!("`{name}` does not start with an upper-case letter"))
    }
}

fn check_identifier(name: &str, max: usize) -> Result<(), String> {
    syn::parse_str::<syn::Ident>(name).map_err(|err| format!("`{name}`: {err}"))?;
    if name.len() > max {
        return Err(format!("`{name}` is {} bytes long", name.len()));
    }
    Ok(())
}

/// Checks where diagnostics point: every diagnostic naming a pointer has a line and column
/// inside the text; in JSON, one whose pointer ends in an object member starts at that
/// member's key as written.
pub fn check_locations(text: &str, lowering: &Lowering) -> Result<(), String> {
    let text = text.trim_start_matches('\u{feff}');
    let root = parse_document(text).map_err(|err| err.to_string())?.root;
    let lines: Vec<&str> = text.split('\n').collect();
    for diagnostic in lowering.diagnostics.iter() {
        if !diagnostic.pointer.starts_with('#') {
            continue;
        }
        let Some(at) = diagnostic.location else {
            return Err(format!("no location: {diagnostic}"));
        };
        let line = lines
            .get(at.line - 1)
            .ok_or_else(|| format!("line past the end: {diagnostic}"))?;
        let from: String = line.chars().skip(at.column - 1).collect();
        if at.column > line.chars().count() + 1 {
            return Err(format!("column past the line's end: {diagnostic}"));
        }
        let Some((parent, last)) = diagnostic.pointer.rsplit_once('/') else {
            continue;
        };
        let last = oas_parser::diagnostic::decode_token(last);
        let parent = root.pointer(&parent[1..]);
        let is_member = parent.is_some_and(|node| node.is_object() && node.get(&last).is_some());
        if oas_parser::Format::detect(text) == oas_parser::Format::Json && is_member {
            let key = serde_json::to_string(&last).expect("a string serializes");
            // A key written with escapes the serializer would not use cannot be compared.
            if text.contains(&key) && !from.starts_with(&key) {
                return Err(format!(
                    "located at `{from}`, not at key {key}: {diagnostic}"
                ));
            }
        }
    }
    Ok(())
}

/// Generates a crate from a lowering without errors and checks it: every Rust file parses and
/// every file name is short enough. Returns the generated files.
pub fn check_generated(lowering: Lowering) -> Result<Generated, String> {
    let settings = Settings::standalone("random", "random-models", Vec::new());
    let provenance = Provenance {
        spec: "random.json".to_owned(),
        command: "spec-fuzz".to_owned(),
    };
    let generated = generate(lowering, &settings, &provenance).map_err(|err| err.to_string())?;
    for file in &generated.files {
        let name = file
            .path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if name.len() > MAX_FILE_NAME {
            return Err(format!("file name of {} bytes: {name}", name.len()));
        }
        if file.path.extension().is_some_and(|ext| ext == "rs") {
            syn::parse_file(&file.contents)
                .map_err(|err| format!("{} does not parse: {err}", file.path.display()))?;
        }
    }
    Ok(generated)
}

/// The whole pipeline on any text: panics (for a fuzzer to catch) when a check fails.
pub fn pipeline(text: &str) {
    let Some(lowering) = load_and_lower(text) else {
        return;
    };
    if let Err(err) = check_names(&lowering).and_then(|()| check_locations(text, &lowering)) {
        panic!("{err}\n--- document:\n{text}");
    }
    if lowering.errors().next().is_some() {
        return;
    }
    if let Err(err) = check_generated(lowering) {
        panic!("{err}\n--- document:\n{text}");
    }
}
