//! The venue file: TOML text parsed into a document and compiled into a venue, with an
//! empty temporary folder as its base (models and images it names are not found there,
//! and the scope keeps it from reading anywhere else). Input that is not UTF-8 is not a
//! venue file and is skipped, as the loader refuses it before parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use museion_fuzz::empty_dir;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(document) = museion_venue::parse(text, "fuzz/venue.toml") else {
        return;
    };
    let _ = museion_venue::compile(&document, empty_dir());
});
