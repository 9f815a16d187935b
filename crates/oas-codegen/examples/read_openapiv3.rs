//! The yardstick `cargo xtask bench-generate` times `oasgen` against: reading a spec into
//! `openapiv3::OpenAPI`, what a generator built on that crate starts from.
//!
//! ```text
//! cargo run --release -p oas-codegen --example read_openapiv3 -- SPEC.json [ITERATIONS]
//! ```
//!
//! Reads the file once, then parses it `ITERATIONS` times (7 unless given) and prints the
//! milliseconds of each parse (with the drop of its result, as the pipeline bench times it), one
//! per line.

use std::time::Instant;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let spec = args
        .next()
        .ok_or("usage: read_openapiv3 SPEC.json [ITERATIONS]")?;
    let iterations: usize = match args.next() {
        Some(count) => count.parse().map_err(|err| format!("ITERATIONS: {err}"))?,
        None => 7,
    };
    let text = std::fs::read_to_string(&spec).map_err(|err| format!("{spec}: {err}"))?;
    for _ in 0..iterations {
        let started = Instant::now();
        let document: openapiv3::OpenAPI = serde_json::from_str(std::hint::black_box(&text))
            .map_err(|err| format!("{spec}: {err}"))?;
        drop(std::hint::black_box(document));
        println!("{:.3}", started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(())
}
