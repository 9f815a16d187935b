//! The loader on any bytes: a document or a diagnostic, never a crash; what loads, lowers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(document) = oas_parser::parse_document(&text) {
        let _ = oas_parser::lower(&document);
    }
});
