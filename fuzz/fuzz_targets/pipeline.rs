//! The whole pipeline on structure-aware random documents: generated Rust parses with `syn`.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = spec_fuzz::document::document(&mut Unstructured::new(data), 12) {
        spec_fuzz::check::pipeline(&text);
    }
});
