//! The generator's speed against its baselines: parsing the spec text into JSON values, and
//! reading it into `openapiv3::OpenAPI` (what a generator built on that crate starts from).
//!
//! Reads Ory's v1.22.65 spec from `../shared` (453 schemas) when it is there, or the spec named by
//! `OAS_BENCH_SPEC`, else this repository's `spec/ory-oauth2-client.yaml`. Run with
//! `cargo bench -p oas-codegen --bench pipeline`; read each stage as a ratio to a baseline. The
//! last one runs the whole `oasgen` process, writing the crate into a temporary folder (on tmpfs
//! where `/dev/shm` exists).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use oas_codegen::{Provenance, Settings, generate};
use oas_parser::Diagnostic;

fn spec_path() -> PathBuf {
    if let Some(path) = std::env::var_os("OAS_BENCH_SPEC") {
        return PathBuf::from(path);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared/specs/ory/ory-v1.22.65.json");
    if shared.exists() {
        shared
    } else {
        root.join("spec/ory-oauth2-client.yaml")
    }
}

fn bench(c: &mut Criterion) {
    let path = spec_path();
    let text = std::fs::read_to_string(&path).unwrap();
    let settings = Settings::standalone("bench", "bench-models", Vec::new());
    let provenance = Provenance {
        spec: "bench".to_owned(),
        command: "cargo bench".to_owned(),
    };
    let document = oas_parser::parse_document(&text).unwrap();
    println!("spec: {}", path.display());

    let mut group = c.benchmark_group("pipeline");
    group.sample_size(20);
    group.bench_function("parse JSON (baseline)", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap())
    });
    if path.extension().is_some_and(|ext| ext == "json") {
        group.bench_function("read into openapiv3::OpenAPI (baseline)", |b| {
            b.iter(|| serde_json::from_str::<openapiv3::OpenAPI>(black_box(&text)).unwrap())
        });
    }
    group.bench_function("load (JSON tree, version check)", |b| {
        b.iter(|| oas_parser::parse_document(black_box(&text)).unwrap())
    });
    // Positions are found on demand, for the diagnostics there are: those lowering reports on
    // this spec, then a diagnostic on every schema, then on every schema and every property
    // (the line map enters each of them).
    let own = oas_parser::lower(&document).diagnostics;
    let cases = [
        ("its own diagnostics", own),
        (
            "a diagnostic on every schema",
            diagnostics_everywhere(&document.root, false),
        ),
        (
            "a diagnostic on every schema and property",
            diagnostics_everywhere(&document.root, true),
        ),
    ];
    for (name, diagnostics) in cases {
        let name = format!("load + positions of {name} ({})", diagnostics.len());
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    diagnostics
                        .iter()
                        .cloned()
                        .map(|d| Diagnostic {
                            location: None,
                            ..d
                        })
                        .collect::<Vec<_>>()
                },
                |mut diagnostics| {
                    let document = oas_parser::parse_document(black_box(&text)).unwrap();
                    document.locate(&mut diagnostics);
                    (document, diagnostics)
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.bench_function("load + lower", |b| {
        b.iter(|| oas_parser::lower(&oas_parser::parse_document(black_box(&text)).unwrap()))
    });
    group.bench_function("generate from IR", |b| {
        b.iter_batched(
            || oas_parser::lower(&document),
            |lowering| generate(lowering, &settings, &provenance).unwrap(),
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("whole pipeline, in memory", |b| {
        b.iter(|| {
            let lowering =
                oas_parser::lower(&oas_parser::parse_document(black_box(&text)).unwrap());
            generate(lowering, &settings, &provenance).unwrap()
        })
    });
    let shm = PathBuf::from("/dev/shm");
    let scratch = if shm.is_dir() {
        shm
    } else {
        std::env::temp_dir()
    };
    let out = scratch.join(format!("oasgen-bench-{}", std::process::id()));
    group.bench_function("whole oasgen process, into an empty folder", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&out);
            },
            |()| {
                let status = std::process::Command::new(env!("CARGO_BIN_EXE_oasgen"))
                    .arg("--spec")
                    .arg(&path)
                    .arg("--out")
                    .arg(&out)
                    .args(["--crate-name", "bench-models"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success());
            },
            criterion::BatchSize::PerIteration,
        )
    });
    let _ = std::fs::remove_dir_all(&out);
    group.finish();
}

/// A warning on every component schema, and on each of its properties if `properties`.
fn diagnostics_everywhere(root: &serde_json::Value, properties: bool) -> Vec<Diagnostic> {
    use oas_parser::diagnostic::push_token;
    let schemas = "#/components/schemas";
    let mut diagnostics = Vec::new();
    let Some(map) = root["components"]["schemas"].as_object() else {
        return diagnostics;
    };
    for (name, schema) in map {
        let pointer = push_token(schemas, name);
        let members = schema["properties"].as_object().into_iter().flatten();
        for (property, _) in members.filter(|_| properties) {
            let at = push_token(&push_token(&pointer, "properties"), property);
            diagnostics.push(Diagnostic::warning(at, "bench"));
        }
        diagnostics.push(Diagnostic::warning(pointer, "bench"));
    }
    diagnostics
}

criterion_group!(benches, bench);
criterion_main!(benches);
