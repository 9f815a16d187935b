//! Reading and writing a model with `#[derive(JsonObject)]` against serde's derives with the same
//! attributes (`tests/common/pets.rs`): a payload with every field and undeclared keys, which
//! serde's `flatten` buffers and `JsonObject` reads in the same loop.
//! `cargo bench -p oas-validate --bench json_object`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/common/pets.rs"]
#[allow(dead_code)]
mod pets;

use pets::{Ours, Serdes};

const PAYLOAD: &str = r#"{"name": "Rex", "petType": "dog", "tag": "good", "owner": null,
  "age": 3, "photo": "AAECAwQ=", "type": 2, "color": "brown", "chip": {"id": 123, "at": "neck"},
  "vaccinations": ["rabies", "distemper"], "weight": 31.5}"#;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("json_object");
    group.bench_function("read: serde derive (baseline)", |b| {
        b.iter(|| serde_json::from_str::<Serdes>(black_box(PAYLOAD)).unwrap())
    });
    group.bench_function("read: JsonObject", |b| {
        b.iter(|| serde_json::from_str::<Ours>(black_box(PAYLOAD)).unwrap())
    });
    let serdes: Serdes = serde_json::from_str(PAYLOAD).unwrap();
    let ours: Ours = serde_json::from_str(PAYLOAD).unwrap();
    group.bench_function("write: serde derive (baseline)", |b| {
        b.iter(|| serde_json::to_string(black_box(&serdes)).unwrap())
    });
    group.bench_function("write: JsonObject", |b| {
        b.iter(|| serde_json::to_string(black_box(&ours)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
