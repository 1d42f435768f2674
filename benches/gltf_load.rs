//! `gltf_load`: Museion's full glTF import (buffers, vertex conversion, images decoded)
//! against the gltf crate's `gltf::import` (buffers and images decoded one by one) on
//! the same files in the same run; and, in `gltf_compressed`, the Draco, meshopt and
//! quantized variants of three models beside their uncompressed sources, whole and
//! (`gltf_compressed_geometry`) without their images, where the geometry's decoding is
//! most of the work.
//!
//! ```text
//! cargo bench -p museion-benches --bench gltf_load
//! cargo bench -p museion-benches --bench gltf_load -- gltf_compressed
//! ```
//!
//! The models are third-party test data in `../shared/gltf/` beside the checkout.

mod support;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{measurement_time, shared_model};

fn gltf_load(c: &mut Criterion) {
    let mut group = new_group(c, "gltf_load");
    for (name, file) in [
        ("FlightHelmet", "FlightHelmet/FlightHelmet.gltf"),
        ("DamagedHelmet", "DamagedHelmet/DamagedHelmet.gltf"),
    ] {
        let path = shared_model(file);
        group.bench_function(format!("{name}/museion"), |b| {
            b.iter(|| museion_gltf::import(&path).expect("model imports"))
        });
        group.bench_function(format!("{name}/gltf_crate"), |b| {
            b.iter(|| gltf::import(&path).expect("model imports"))
        });
    }
    group.finish();
}

/// A model's variants: (label, path under `../shared/gltf/`).
type Variants = &'static [(&'static str, &'static str)];

/// Each source model with its compressed or quantized variants in `Compressed/`.
const COMPRESSED: &[(&str, &str, Variants)] = &[
    (
        "DamagedHelmet",
        "DamagedHelmet/DamagedHelmet.gltf",
        &[
            ("draco", "Compressed/DamagedHelmet_draco.glb"),
            ("meshopt", "Compressed/DamagedHelmet_meshopt.glb"),
        ],
    ),
    (
        "Fox",
        "Fox/Fox.glb",
        &[
            ("draco", "Compressed/Fox_draco.glb"),
            ("meshopt", "Compressed/Fox_meshopt.glb"),
        ],
    ),
    (
        "alien",
        "Kenney/alien.glb",
        &[("quantized", "Compressed/alien_quantized.glb")],
    ),
];

/// Every file of [`COMPRESSED`] as `(model/variant, path)`, each source first.
fn compressed_files() -> Vec<(String, PathBuf)> {
    COMPRESSED
        .iter()
        .flat_map(|(model, source, variants)| {
            std::iter::once(("source", *source))
                .chain(variants.iter().copied())
                .map(move |(variant, file)| (format!("{model}/{variant}"), shared_model(file)))
        })
        .collect()
}

/// A group with this bench's sample size and measuring time (less when `CI` is set).
fn new_group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(if std::env::var_os("CI").is_some() { 10 } else { 20 });
    group.measurement_time(measurement_time(15));
    group
}

fn gltf_compressed(c: &mut Criterion) {
    let files = compressed_files();
    let mut whole = new_group(c, "gltf_compressed");
    for (id, path) in &files {
        whole.bench_function(id, |b| {
            b.iter(|| museion_gltf::import(path).expect("model imports"))
        });
    }
    whole.finish();
    // The same files without images, textures and materials (so no tangents either),
    // written once to a temporary folder and imported from there like the originals.
    let dir = std::env::temp_dir().join(format!("museion-gltf-geometry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let mut geometry = new_group(c, "gltf_compressed_geometry");
    for (id, path) in &files {
        let stripped = without_images(path, &dir, &id.replace('/', "_"));
        geometry.bench_function(id, |b| {
            b.iter(|| museion_gltf::import(&stripped).expect("model imports"))
        });
    }
    geometry.finish();
    std::fs::remove_dir_all(&dir).ok();
}

/// A copy of the model at `path` in `dir` with its images, textures, samplers and
/// materials taken out, and a GLB's binary chunk without the images' bytes (a `.gltf`
/// keeps its external buffers beside it), so that what is left is the geometry.
fn without_images(path: &Path, dir: &Path, name: &str) -> PathBuf {
    let bytes = std::fs::read(path).expect("model readable");
    let glb = bytes.starts_with(b"glTF");
    let (json, bin) = if glb {
        let json_length = u32_at(&bytes, 12);
        let bin = bytes
            .get(20 + json_length..)
            .filter(|rest| !rest.is_empty())
            .map(|rest| {
                let length = u32_at(rest, 0);
                &rest[8..8 + length]
            });
        (&bytes[20..20 + json_length], bin)
    } else {
        (&bytes[..], None)
    };
    let mut json: Value = serde_json::from_slice(json).expect("glTF JSON");
    let image_views: Vec<Value> = json["images"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|image| image.get("bufferView").cloned())
        .collect();
    let doc = json.as_object_mut().expect("a JSON object");
    for key in ["images", "textures", "samplers", "materials"] {
        doc.remove(key);
    }
    for mesh in doc
        .get_mut("meshes")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        for primitive in mesh["primitives"].as_array_mut().into_iter().flatten() {
            primitive.as_object_mut().map(|p| p.remove("material"));
        }
    }
    let out = dir.join(name);
    match bin {
        Some(bin) => {
            let bin = without_views(&mut json, bin, &image_views);
            let glb = museion_testkit::gltf::glb(json.to_string().as_bytes(), Some(&bin));
            std::fs::write(&out, glb).expect("written");
        }
        None => {
            for buffer in json["buffers"].as_array().into_iter().flatten() {
                let uri = buffer["uri"].as_str().expect("an external buffer");
                let source = path.parent().expect("a folder").join(uri);
                std::fs::copy(source, dir.join(uri)).expect("buffer copied");
            }
            std::fs::write(&out, json.to_string()).expect("written");
        }
    }
    out
}

/// The GLB binary chunk `bin` without the bytes of the buffer views `dropped`: every
/// other range of buffer 0 (views, and the compressed ranges meshopt views point at)
/// is moved down and its `byteOffset` rewritten; a dropped view becomes one byte at 0,
/// which nothing reads.
fn without_views(json: &mut Value, bin: &[u8], dropped: &[Value]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bin.len());
    let mut keep = |range: &mut Value| {
        let start = range["byteOffset"].as_u64().unwrap_or(0) as usize;
        let length = range["byteLength"].as_u64().expect("a byteLength") as usize;
        range["byteOffset"] = Value::from(out.len());
        out.extend_from_slice(&bin[start..start + length]);
        out.resize(out.len().div_ceil(4) * 4, 0);
    };
    for (index, view) in json["bufferViews"]
        .as_array_mut()
        .into_iter()
        .flatten()
        .enumerate()
    {
        for name in ["EXT_meshopt_compression", "KHR_meshopt_compression"] {
            if let Some(ext) = view.pointer_mut(&format!("/extensions/{name}"))
                && ext["buffer"] == 0
            {
                keep(ext);
            }
        }
        if view["buffer"] != 0 {
            continue;
        }
        if dropped.contains(&Value::from(index)) {
            view["byteOffset"] = Value::from(0);
            view["byteLength"] = Value::from(1);
        } else {
            keep(view);
        }
    }
    json["buffers"][0]["byteLength"] = Value::from(out.len());
    out
}

fn u32_at(bytes: &[u8], at: usize) -> usize {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes")) as usize
}

criterion_group!(benches, gltf_load, gltf_compressed);
criterion_main!(benches);
