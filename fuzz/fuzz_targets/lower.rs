//! Lowering on structure-aware random documents: names valid, unique and bounded, or errors.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = spec_fuzz::document::document(&mut Unstructured::new(data), 12) else {
        return;
    };
    if let Some(lowering) = spec_fuzz::check::load_and_lower(&text) {
        if let Err(err) = spec_fuzz::check::check_names(&lowering) {
            panic!("{err}\n--- document:\n{text}");
        }
    }
});
