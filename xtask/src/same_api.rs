//! One API published in two versions gives the same crate: Ory Keto's Swagger 2.0 document and
//! its OpenAPI 3.0 document describe the same schemas, so every model's module and page must be
//! byte-identical. The crate's index files (`lib.rs`, `Cargo.toml`, `README.md`, `api.toml`)
//! list the models in document order, which differs between 2.0's `definitions` and 3.0's
//! `components.schemas`; they may differ in the order of their lines and nothing else. The
//! README names the document's `info.title` and `info.version`, which the two documents write
//! differently (`ORY Keto`, `Latest` / `Ory Keto API`, empty): they are compared with those
//! replaced by placeholders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use oas_codegen::{Provenance, Settings, generate, lower_spec};

/// The pairs compared: a Swagger 2.0 document and the 3.x document of the same API.
const PAIRS: &[(&str, &str)] = &[(
    "corpus/swagger2/ory-keto-swagger2.json",
    "corpus/public/ory-keto.json",
)];

/// Files that list every model in document order.
const INDEX_FILES: &[&str] = &["src/lib.rs", "Cargo.toml", "README.md", "api.toml"];

/// Compares each pair under `specs`; returns one line per difference that is not explained.
pub fn compare(specs: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    for (older, newer) in PAIRS {
        let (older, newer) = (specs.join(older), specs.join(newer));
        match (files(&older), files(&newer)) {
            (Ok(old_files), Ok(new_files)) => {
                let (same, explained, unexplained) = differences(&old_files, &new_files);
                println!(
                    "  {} vs {}: {same} files identical (`info` aside); {} differ in line order \
                     only (models are listed in document order); {} unexplained difference(s)",
                    name(&older),
                    name(&newer),
                    explained.len(),
                    unexplained.len()
                );
                for file in &explained {
                    println!("    order only: {file}");
                }
                failures.extend(unexplained.into_iter().map(|difference| {
                    format!("{} vs {}: {difference}", name(&older), name(&newer))
                }));
            }
            (Err(err), _) | (_, Err(err)) => failures.push(err),
        }
    }
    failures
}

/// The generated files of a spec, with the same settings and headers whatever the spec, and its
/// `info.title` and `info.version` replaced by placeholders.
fn files(spec: &Path) -> Result<BTreeMap<PathBuf, String>, String> {
    let settings = Settings::standalone("api", "api-models", Vec::new());
    let provenance = Provenance {
        spec: "api".to_owned(),
        command: "cargo xtask conformance".to_owned(),
    };
    let lowering = lower_spec(spec).map_err(|err| err.to_string())?;
    let (title, version) = (lowering.ir.title.clone(), lowering.ir.version.clone());
    let generated = generate(lowering, &settings, &provenance).map_err(|err| err.to_string())?;
    let without_info = |text: String| {
        let text = text.replace(&format!("(version {version})"), "(version {info.version})");
        match title.is_empty() {
            true => text,
            false => text.replace(&title, "{info.title}"),
        }
    };
    Ok(generated
        .files
        .into_iter()
        .map(|file| (file.path, without_info(file.contents)))
        .collect())
}

/// How many files are identical, the index files that differ in line order only, and every
/// other difference.
fn differences(
    older: &BTreeMap<PathBuf, String>,
    newer: &BTreeMap<PathBuf, String>,
) -> (usize, Vec<String>, Vec<String>) {
    let (mut same, mut explained, mut unexplained) = (0, Vec::new(), Vec::new());
    for (path, old) in older {
        let shown = path.display().to_string();
        match newer.get(path) {
            None => unexplained.push(format!("{shown} is generated from the 2.0 document only")),
            Some(new) if new == old => same += 1,
            Some(new) if INDEX_FILES.contains(&shown.as_str()) && sorted(old) == sorted(new) => {
                explained.push(shown)
            }
            Some(new) => {
                unexplained.push(format!("{shown} differs:\n{}", first_difference(old, new)))
            }
        }
    }
    for path in newer.keys().filter(|path| !older.contains_key(*path)) {
        unexplained.push(format!(
            "{} is generated from the 3.x document only",
            path.display()
        ));
    }
    (same, explained, unexplained)
}

fn sorted(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

/// The first line that differs, from each side.
fn first_difference(old: &str, new: &str) -> String {
    let mut new_lines = new.lines();
    for (number, old_line) in old.lines().enumerate() {
        let new_line = new_lines.next().unwrap_or("<end of file>");
        if old_line != new_line {
            return format!(
                "      line {}: 2.0: {old_line}\n      line {}: 3.x: {new_line}",
                number + 1,
                number + 1
            );
        }
    }
    "      the 3.x file is longer".to_owned()
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_of(files: &[(&str, &str)]) -> BTreeMap<PathBuf, String> {
        files
            .iter()
            .map(|(path, text)| (PathBuf::from(path), (*text).to_owned()))
            .collect()
    }

    #[test]
    fn only_index_files_may_differ_and_only_in_order() {
        let older = crate_of(&[
            ("src/lib.rs", "mod a;\nmod b;\n"),
            ("src/a.rs", "struct A;"),
            ("src/b.rs", "struct B;"),
            ("src/c.rs", "struct C;"),
        ]);
        let newer = crate_of(&[
            ("src/lib.rs", "mod b;\nmod a;\n"),
            ("src/a.rs", "struct A;"),
            ("src/b.rs", "struct B { x: u8 }"),
            ("src/d.rs", "struct D;"),
        ]);
        let (same, explained, unexplained) = differences(&older, &newer);
        assert_eq!(same, 1);
        assert_eq!(explained, ["src/lib.rs"]);
        assert_eq!(unexplained.len(), 3, "{unexplained:?}");
        assert!(unexplained[0].starts_with("src/b.rs differs"));
        assert!(unexplained[1].contains("2.0 document only"));
        assert!(unexplained[2].contains("3.x document only"));
    }
}
