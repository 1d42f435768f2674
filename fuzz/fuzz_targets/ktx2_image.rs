//! KTX2 and image headers as the importer decodes them: the input is one image, held in
//! the BIN chunk of a GLB whose only texture (core `source` and `KHR_texture_basisu`)
//! uses it from a material, so that it goes through the importer's own sniffing, header
//! checks, limits, Basis Universal transcoding and PNG/JPEG/WebP decoding. Input that
//! starts with none of the PNG, JPEG, WebP or KTX2 signatures is given the KTX2 one, so
//! that the mutator works on KTX2 headers rather than on finding the magic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use museion_fuzz::{empty_dir, glb, options};

const KTX2_MAGIC: [u8; 12] = [
    0xAB, b'K', b'T', b'X', b' ', b'2', b'0', 0xBB, b'\r', b'\n', 0x1A, b'\n',
];

fn mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.starts_with(&KTX2_MAGIC) {
        Some("image/ktx2")
    } else {
        None
    }
}

fuzz_target!(|data: &[u8]| {
    let mut owned;
    let (image, mime) = match mime(data) {
        Some(mime) => (data, mime),
        None => {
            owned = KTX2_MAGIC.to_vec();
            owned.extend_from_slice(data);
            (&owned[..], "image/ktx2")
        }
    };
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"extensionsUsed":["KHR_texture_basisu"],
"buffers":[{{"byteLength":{n}}}],"bufferViews":[{{"buffer":0,"byteLength":{n}}}],
"images":[{{"bufferView":0,"mimeType":"{mime}"}}],
"textures":[{{"source":0,"extensions":{{"KHR_texture_basisu":{{"source":0}}}}}}],
"materials":[{{"pbrMetallicRoughness":{{"baseColorTexture":{{"index":0}}}}}}]}}"#,
        n = image.len()
    );
    let file = glb(json.as_bytes(), Some(image));
    let _ = museion_gltf::import_slice(&file, "fuzz.glb", Some(empty_dir()), &options());
});
