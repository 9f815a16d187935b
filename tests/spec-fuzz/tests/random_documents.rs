//! The fuzz targets' checks on stable Rust: a fixed sample of random documents, the replay of
//! every input a fuzzer found failing (`regressions/`), properties of name assignment, and
//! byte-identical output whatever the thread count.

use std::collections::HashMap;
use std::path::Path;

use arbitrary::Unstructured;
use oas_parser::naming::type_name;
use proptest::prelude::*;
use spec_fuzz::check::{check_names, load_and_lower, pipeline};
use spec_fuzz::document::{document, seeded_bytes, wire_name};

#[test]
fn a_sample_of_random_documents_passes_the_pipeline() {
    let (mut generated, mut generated_20) = (0, 0);
    for seed in 0..300 {
        let bytes = seeded_bytes(seed, 4096);
        let text = document(&mut Unstructured::new(&bytes), 8).unwrap();
        pipeline(&text);
        if load_and_lower(&text).is_some_and(|lowering| lowering.errors().next().is_none()) {
            generated += 1;
            generated_20 += usize::from(text.starts_with(r#"{"swagger""#));
        }
    }
    // The sample is not vacuous: many documents reach code generation, Swagger 2.0 ones too.
    assert!(
        generated > 60 && generated_20 > 15,
        "only {generated} of 300 documents generated a crate, {generated_20} of them 2.0"
    );
}

#[test]
fn every_input_once_found_failing_now_passes() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        // A load input is any bytes; a structured one is the document it built, as text.
        pipeline(&String::from_utf8_lossy(&bytes));
        replayed += 1;
    }
    assert!(replayed > 0, "no regression case in {}", folder.display());
}

#[test]
fn output_is_byte_identical_with_one_thread_or_many() {
    let bytes = seeded_bytes(7, 1 << 16);
    let text = document(&mut Unstructured::new(&bytes), 40).unwrap();
    let run = |threads| {
        let lowering = load_and_lower(&text).unwrap();
        assert!(
            lowering.errors().next().is_none(),
            "the seed makes a valid document"
        );
        let settings = oas_codegen::Settings {
            threads: Some(threads),
            ..oas_codegen::Settings::standalone("random", "random-models", Vec::new())
        };
        let provenance = oas_codegen::Provenance {
            spec: "random.json".to_owned(),
            command: "test".to_owned(),
        };
        oas_codegen::generate(lowering, &settings, &provenance)
            .unwrap()
            .files
    };
    let one = run(1);
    assert!(one.len() > 20, "{} files", one.len());
    for threads in [2, 3, 8] {
        let many = run(threads);
        assert_eq!(one.len(), many.len());
        for (a, b) in one.iter().zip(&many) {
            assert_eq!((&a.path, &a.contents), (&b.path, &b.contents));
        }
    }
    // And across runs: every `HashMap` in a run has its own random order.
    let again = run(1);
    assert!(
        one.iter()
            .zip(&again)
            .all(|(a, b)| a.path == b.path && a.contents == b.contents)
    );
}

/// A document of one object schema per wire name, in the given order.
fn schemas_named(names: &[String]) -> String {
    let schemas: serde_json::Map<String, serde_json::Value> = names
        .iter()
        .map(|name| {
            let schema = serde_json::json!({
                "type": "object",
                "properties": {name.clone(): {"type": "string"}, "other": {"type": "integer"}}
            });
            (name.clone(), schema)
        })
        .collect();
    serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "names", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas}
    })
    .to_string()
}

/// Wire name → Rust name of every named schema.
fn assigned(names: &[String]) -> HashMap<String, String> {
    let lowering = load_and_lower(&schemas_named(names)).unwrap();
    check_names(&lowering).unwrap();
    lowering
        .ir
        .models
        .iter()
        .filter(|model| model.inline_path.is_none())
        .map(|model| (model.wire_name.clone(), model.name.clone()))
        .collect()
}

/// Found by the property below: numbered names (`Model2` for a second `Model`) were handed out
/// before the names schemas want, so `2\0` (wanting `Model2`) was renamed by the order of others.
#[test]
fn a_name_one_schema_wants_is_never_handed_out_as_a_numbered_name() {
    let names: Vec<String> = ["", "\0\0", "2\0", "名前"].map(str::to_owned).to_vec();
    for order in [names.clone(), names.iter().rev().cloned().collect()] {
        assert_eq!(assigned(&order)["2\0"], "Model2");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Names are valid, unique and bounded for any set of wire names, and a schema whose name
    /// collides with no other keeps it whatever the order of the others.
    #[test]
    fn names_are_valid_unique_and_stable_under_reordering(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        rotate in 0usize..16,
    ) {
        let mut u = Unstructured::new(&bytes);
        let mut names: Vec<String> = Vec::new();
        // An exhausted byte source repeats itself: a bounded number of draws.
        for _ in 0..24 {
            let Ok(name) = wire_name(&mut u) else { break };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        prop_assume!(!names.is_empty());
        let before = assigned(&names);
        let mut reordered = names.clone();
        reordered.reverse();
        let len = reordered.len();
        reordered.rotate_left(rotate % len);
        let after = assigned(&reordered);
        for name in &names {
            let wanted = type_name(name);
            let alone = names.iter().filter(|other| type_name(other) == wanted).count() == 1;
            if alone {
                prop_assert_eq!(&before[name], &after[name], "{:?} in {:?}", name, names);
            }
        }
    }
}
