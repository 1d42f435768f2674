//! Seeds of the malformed corpus: the shared models in `../shared/gltf/` (copied into the
//! temporary directory) and the four hand-made files, each with the number of cases to
//! derive from it.

use crate::util::{data_uri, pack_glb, split_glb, to_json};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Shared models: folder, file, and how many cases to derive (fewer for the models whose
/// 2K textures take a large share of the time budget to decode).
const SHARED_SEEDS: &[(&str, &str, usize)] = &[
    ("FlightHelmet", "FlightHelmet.gltf", 20),
    ("DamagedHelmet", "DamagedHelmet.gltf", 25),
    ("AnisotropyBarnLamp", "AnisotropyBarnLamp.gltf", 60),
    ("MorphStressTest", "MorphStressTest.gltf", 120),
    ("Fox", "Fox.glb", 250),
    ("Kenney", "craft_speederD.gltf", 250),
    ("Kenney", "alien.glb", 150),
    ("Kenney", "cakeBirthday.glb", 120),
    ("Kenney", "tile.glb", 150),
];
/// Cases for each hand-made seed, in the order of [`hand_made_seeds`].
const HAND_CASES: [usize; 4] = [400, 300, 300, 250];

pub(crate) struct SeedModel {
    pub(crate) label: String,
    /// The directory (in the temporary directory) holding the seed and its files.
    pub(crate) dir: PathBuf,
    /// The seed's file name in `dir`.
    pub(crate) file: String,
    pub(crate) glb: bool,
    pub(crate) doc: Value,
    /// The GLB `BIN` chunk.
    pub(crate) bin: Option<Vec<u8>>,
    pub(crate) cases: usize,
}

pub(crate) fn shared_root() -> PathBuf {
    let root = museion_testkit::shared_dir().join("gltf");
    assert!(
        root.join("CREDITS.md").is_file(),
        "{} not found: ../shared/gltf must sit beside the checkout (the shared test models are \
         read in place, never copied into the repository)",
        root.display()
    );
    root
}

pub(crate) fn load_seeds(temp: &Path) -> Vec<SeedModel> {
    let root = shared_root();
    let mut seeds = Vec::new();
    let mut copied = BTreeSet::new();
    for &(folder, file, cases) in SHARED_SEEDS {
        let source = root.join(folder);
        assert!(
            source.join(file).is_file(),
            "test model {} not found: ../shared/gltf must sit beside the checkout",
            source.join(file).display()
        );
        let dir = temp.join(folder);
        if copied.insert(folder) {
            std::fs::create_dir_all(&dir).expect("create a seed directory");
            for entry in std::fs::read_dir(&source).expect("list a shared model folder") {
                let path = entry.expect("a directory entry").path();
                if path.is_file() {
                    let to = dir.join(path.file_name().expect("a file name"));
                    std::fs::copy(&path, to).expect("copy a shared model file");
                }
            }
        }
        let bytes = std::fs::read(dir.join(file)).expect("read a copied seed");
        seeds.push(seed_from_bytes(
            format!("{folder}/{file}"),
            dir,
            file,
            &bytes,
            cases,
        ));
    }
    let hand = temp.join("hand");
    std::fs::create_dir_all(&hand).expect("create the hand-made seed directory");
    for ((file, bytes, side), cases) in hand_made_seeds().into_iter().zip(HAND_CASES) {
        for (name, data) in side {
            std::fs::write(hand.join(name), data).expect("write a hand-made side file");
        }
        std::fs::write(hand.join(file), &bytes).expect("write a hand-made seed");
        seeds.push(seed_from_bytes(
            format!("hand/{file}"),
            hand.clone(),
            file,
            &bytes,
            cases,
        ));
    }
    seeds
}

fn seed_from_bytes(label: String, dir: PathBuf, file: &str, bytes: &[u8], cases: usize) -> SeedModel {
    let (json, bin, glb) = if bytes.starts_with(b"glTF") {
        let (json, bin) = split_glb(bytes);
        (json, bin, true)
    } else {
        (bytes.to_vec(), None, false)
    };
    let doc = serde_json::from_slice(json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&json))
        .unwrap_or_else(|e| panic!("seed {label} is not JSON: {e}"));
    SeedModel {
        label,
        dir,
        file: file.to_owned(),
        glb,
        doc,
        bin,
        cases,
    }
}

type HandSeed = (&'static str, Vec<u8>, Vec<(&'static str, Vec<u8>)>);

/// The hand-made seeds: file name, bytes, and side files.
fn hand_made_seeds() -> Vec<HandSeed> {
    let f32s = |values: &[f32]| values.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>();

    // 1. A triangle in a node hierarchy, with a camera and an animation; base64 buffer.
    let mut bin = f32s(&[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0]); // 0..36
    bin.extend([0u16, 1, 2, 0].iter().flat_map(|v| v.to_le_bytes())); // 36..44
    bin.extend(f32s(&[0.0, 1.0])); // 44..52
    bin.extend(f32s(&[0.0, 0.0, 0.0, 0.0, 2.0, 0.0])); // 52..76
    let triangle = json!({
        "asset": {"version": "2.0", "generator": "malformed_corpus"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [
            {"name": "root", "children": [1], "translation": [1.0, 2.0, 3.0]},
            {"name": "triangle", "mesh": 0, "children": [2], "rotation": [0.0, 0.0, 0.0, 1.0]},
            {"name": "camera", "camera": 0, "scale": [1.0, 1.0, 1.0]}
        ],
        "cameras": [{"type": "perspective", "perspective": {"yfov": 0.8, "znear": 0.1, "zfar": 100.0, "aspectRatio": 1.5}}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1, "material": 0}]}],
        "materials": [{"pbrMetallicRoughness": {"baseColorFactor": [1.0, 0.5, 0.2, 1.0], "metallicFactor": 0.5}}],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3", "min": [0.0, 0.0, 0.0], "max": [1.0, 1.0, 0.0]},
            {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"},
            {"bufferView": 2, "componentType": 5126, "count": 2, "type": "SCALAR", "min": [0.0], "max": [1.0]},
            {"bufferView": 3, "componentType": 5126, "count": 2, "type": "VEC3"}
        ],
        "bufferViews": [
            {"buffer": 0, "byteOffset": 0, "byteLength": 36, "target": 34962},
            {"buffer": 0, "byteOffset": 36, "byteLength": 6, "target": 34963},
            {"buffer": 0, "byteOffset": 44, "byteLength": 8},
            {"buffer": 0, "byteOffset": 52, "byteLength": 24}
        ],
        "buffers": [{"byteLength": bin.len(), "uri": data_uri("application/octet-stream", &bin)}],
        "animations": [{
            "channels": [{"sampler": 0, "target": {"node": 1, "path": "translation"}}],
            "samplers": [{"input": 2, "output": 3, "interpolation": "LINEAR"}]
        }]
    });

    // 2. Sparse accessors (one on top of a buffer view, one alone as a morph target),
    //    u8 indices, and an external .bin.
    let mut sparse_bin = f32s(&[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0]); // 0..48
    sparse_bin.extend([1u16, 3].iter().flat_map(|v| v.to_le_bytes())); // 48..52
    sparse_bin.extend(f32s(&[2.0, 0.0, 0.0, 0.0, 2.0, 0.0])); // 52..76
    sparse_bin.extend([0u8, 2, 0, 0]); // 76..80 (2 used)
    sparse_bin.extend(f32s(&[0.0, 0.0, 1.0, 0.0, 0.0, 1.0])); // 80..104
    sparse_bin.extend([0u8, 1, 2, 0, 2, 3, 0, 0]); // 104..112 (6 used)
    let sparse = json!({
        "asset": {"version": "2.0"},
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0, "weights": [0.5]}],
        "meshes": [{
            "primitives": [{"attributes": {"POSITION": 0}, "indices": 2, "targets": [{"POSITION": 1}], "mode": 4}],
            "weights": [0.25]
        }],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3",
             "sparse": {"count": 2, "indices": {"bufferView": 1, "componentType": 5123}, "values": {"bufferView": 2}}},
            {"componentType": 5126, "count": 4, "type": "VEC3",
             "sparse": {"count": 2, "indices": {"bufferView": 3, "componentType": 5121}, "values": {"bufferView": 4}}},
            {"bufferView": 5, "componentType": 5121, "count": 6, "type": "SCALAR"}
        ],
        "bufferViews": [
            {"buffer": 0, "byteOffset": 0, "byteLength": 48},
            {"buffer": 0, "byteOffset": 48, "byteLength": 4},
            {"buffer": 0, "byteOffset": 52, "byteLength": 24},
            {"buffer": 0, "byteOffset": 76, "byteLength": 2},
            {"buffer": 0, "byteOffset": 80, "byteLength": 24},
            {"buffer": 0, "byteOffset": 104, "byteLength": 6}
        ],
        "buffers": [{"byteLength": sparse_bin.len(), "uri": "sparse.bin"}]
    });

    // 3. A textured quad: normals, UVs, u32 indices, a normal map (so tangents are
    //    generated), a texture transform, a spot light; PNG and buffer as data URIs.
    let png = {
        let img = image::RgbaImage::from_fn(4, 4, |x, y| image::Rgba([x as u8 * 60, y as u8 * 60, 128, 255]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png)
            .expect("encode a PNG");
        out.into_inner()
    };
    let mut quad_bin = f32s(&[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0]); // 0..48
    quad_bin.extend(f32s(&[0.0, 0.0, 1.0].repeat(4))); // 48..96
    quad_bin.extend(f32s(&[0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0])); // 96..128
    quad_bin.extend([0u32, 1, 2, 0, 2, 3].iter().flat_map(|v| v.to_le_bytes())); // 128..152
    let quad = |buffer: Value, image: Value| {
        json!({
            "asset": {"version": "2.0"},
            "extensionsUsed": ["KHR_texture_transform", "KHR_lights_punctual"],
            "extensions": {"KHR_lights_punctual": {"lights": [
                {"type": "spot", "color": [1.0, 0.9, 0.8], "intensity": 20.0, "range": 10.0,
                 "spot": {"innerConeAngle": 0.2, "outerConeAngle": 0.6}}
            ]}},
            "scene": 0,
            "scenes": [{"nodes": [0, 1]}],
            "nodes": [
                {"mesh": 0, "matrix": [1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.5, 0.0, 0.0, 1.0]},
                {"extensions": {"KHR_lights_punctual": {"light": 0}}, "translation": [0.0, 0.0, 2.0]}
            ],
            "meshes": [{"primitives": [{
                "attributes": {"POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2}, "indices": 3, "material": 0
            }]}],
            "materials": [{
                "pbrMetallicRoughness": {"baseColorTexture": {"index": 0, "extensions": {
                    "KHR_texture_transform": {"offset": [0.1, 0.2], "rotation": 0.3, "scale": [2.0, 2.0]}
                }}},
                "normalTexture": {"index": 0, "scale": 1.0},
                "alphaMode": "MASK", "alphaCutoff": 0.3, "doubleSided": true
            }],
            "textures": [{"source": 0, "sampler": 0}],
            "samplers": [{"magFilter": 9729, "minFilter": 9987, "wrapS": 33648, "wrapT": 33071}],
            "images": [image],
            "accessors": [
                {"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3", "min": [0.0, 0.0, 0.0], "max": [1.0, 1.0, 0.0]},
                {"bufferView": 1, "componentType": 5126, "count": 4, "type": "VEC3"},
                {"bufferView": 2, "componentType": 5126, "count": 4, "type": "VEC2"},
                {"bufferView": 3, "componentType": 5125, "count": 6, "type": "SCALAR"}
            ],
            "bufferViews": [
                {"buffer": 0, "byteOffset": 0, "byteLength": 48},
                {"buffer": 0, "byteOffset": 48, "byteLength": 48},
                {"buffer": 0, "byteOffset": 96, "byteLength": 32},
                {"buffer": 0, "byteOffset": 128, "byteLength": 24},
                {"buffer": 0, "byteOffset": 152, "byteLength": png.len()}
            ],
            "buffers": [buffer]
        })
    };
    let textured = quad(
        json!({"byteLength": quad_bin.len(), "uri": data_uri("application/octet-stream", &quad_bin)}),
        json!({"uri": data_uri("image/png", &png)}),
    );

    // 4. The same quad as a GLB, the PNG in a buffer view of the BIN chunk.
    let mut glb_bin = quad_bin.clone();
    glb_bin.extend(&png);
    let glb_doc = quad(
        json!({"byteLength": glb_bin.len()}),
        json!({"bufferView": 4, "mimeType": "image/png"}),
    );
    let glb = pack_glb(&to_json(&glb_doc), Some(&glb_bin));

    vec![
        ("triangle.gltf", to_json(&triangle), Vec::new()),
        ("sparse.gltf", to_json(&sparse), vec![("sparse.bin", sparse_bin)]),
        ("textured.gltf", to_json(&textured), Vec::new()),
        ("textured.glb", glb, Vec::new()),
    ]
}
