//! The whole glTF import from bytes: a `.gltf` JSON document or a `.glb` container (by its
//! magic), with the files packed after it (see `museion_fuzz::unpack`) written into a
//! temporary folder that its URIs resolve into.
#![no_main]

use libfuzzer_sys::fuzz_target;
use museion_fuzz::{Folder, GLB_MAGIC, options, unpack};

fuzz_target!(|data: &[u8]| {
    let packed = unpack(data);
    let Some(folder) = Folder::with(&packed.files) else {
        return;
    };
    let name = if packed.document.starts_with(GLB_MAGIC) {
        "fuzz.glb"
    } else {
        "fuzz.gltf"
    };
    let _ = museion_gltf::import_slice(packed.document, name, Some(&folder.path()), &options());
});
