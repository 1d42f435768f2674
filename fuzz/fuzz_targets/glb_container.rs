//! The GLB container: the input is a GLB file; one that does not start with the `glTF`
//! magic is given a version 2 header stating its length, so that the mutator works on the
//! chunks (lengths, types, order, padding) rather than on finding the magic. Imported with
//! no folder to read from: what is not in the container cannot be found.
#![no_main]

use libfuzzer_sys::fuzz_target;
use museion_fuzz::{GLB_MAGIC, empty_dir, options};

fuzz_target!(|data: &[u8]| {
    let mut owned;
    let bytes = if data.starts_with(GLB_MAGIC) {
        data
    } else {
        owned = Vec::with_capacity(12 + data.len());
        owned.extend_from_slice(GLB_MAGIC);
        owned.extend_from_slice(&2u32.to_le_bytes());
        let length = u32::try_from(12 + data.len()).unwrap_or(u32::MAX);
        owned.extend_from_slice(&length.to_le_bytes());
        owned.extend_from_slice(data);
        &owned[..]
    };
    let _ = museion_gltf::import_slice(bytes, "fuzz.glb", Some(empty_dir()), &options());
});
