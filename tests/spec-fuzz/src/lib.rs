//! Random OpenAPI documents and the checks every document must pass, shared by the fuzz targets
//! in `fuzz/` (coverage-guided, `cargo fuzz`) and this crate's tests (a fixed sample, property
//! tests and the replay of every crash the fuzzers found, on stable Rust).

pub mod check;
pub mod document;
