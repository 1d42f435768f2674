//! Hostile input: the shared Draco and meshopt files with their streams cut short,
//! overwritten or flipped byte by byte, and their JSON declaring sizes the streams do not
//! hold. Each must give a typed error naming the JSON pointer, never a panic, and never
//! an allocation beyond the limits.
//!
//! Offsets come from the files' JSON: Fox_draco's stream is buffer view 3 (70,640 bytes
//! into the binary chunk, 3,566 long); Fox_meshopt's compressed views point into buffer
//! 0 from byte 26,768 to its end (57,804), its positions are view 6 (9,644 compressed
//! bytes at 38,464, 1,728 elements of 8 bytes) and buffer 1 is the fallback.

use super::{import_bytes, join_glb, read, split_glb};
use museion_gltf::{Error, ImportLimits, ImportOptions};
use museion_scene::glam::Vec3;
use serde_json::{Value, json};

const FOX_DRACO: &str = "Compressed/Fox_draco.glb";
const FOX_MESHOPT: &str = "Compressed/Fox_meshopt.glb";
const DRACO_VIEW: usize = 3;
const DRACO_START: usize = 70_640;
const DRACO_LENGTH: usize = 3_566;
const DRACO_POINTER: &str = "/meshes/0/primitives/0/extensions/KHR_draco_mesh_compression";
const MESHOPT_START: usize = 26_768;
const MESHOPT_END: usize = 57_804;
const POSITIONS_VIEW: usize = 6;
const POSITIONS_START: usize = 38_464;

/// The file's JSON and binary chunk, without its images (which each import would
/// decode again and which nothing here is about).
fn parts(rel: &str) -> (Value, Vec<u8>) {
    let (mut json, bin) = split_glb(&read(rel));
    let doc = json.as_object_mut().expect("a JSON object");
    for key in ["images", "textures", "samplers", "materials"] {
        doc.remove(key);
    }
    for mesh in doc["meshes"].as_array_mut().expect("meshes") {
        for primitive in mesh["primitives"].as_array_mut().expect("primitives") {
            primitive.as_object_mut().expect("an object").remove("material");
        }
    }
    (json, bin)
}

/// The `EXT_meshopt_compression` object of buffer view `view`.
fn ext(json: &mut Value, view: usize) -> &mut Value {
    &mut json["bufferViews"][view]["extensions"]["EXT_meshopt_compression"]
}

fn import(json: &Value, bin: &[u8]) -> museion_gltf::Result<museion_gltf::Imported> {
    import_bytes(&join_glb(json, bin))
}

/// Asserts an [`Error::DecodedSize`] at `at` with these sizes.
#[track_caller]
fn assert_size_error(
    result: museion_gltf::Result<museion_gltf::Imported>,
    at: &str,
    declared: u64,
    decoded: u64,
) {
    match result {
        Err(Error::DecodedSize {
            at: location,
            declared: d,
            decoded: n,
            ..
        }) => assert_eq!((location.pointer.as_str(), d, n), (at, declared, decoded)),
        other => panic!("expected a size error at {at}: {other:?}"),
    }
}

/// The pointer of an error, which every error of a compressed stream has.
#[track_caller]
fn pointer(error: &Error) -> &str {
    &error.location().expect("a located error").pointer
}

#[test]
fn the_unmodified_files_import_without_their_images() {
    for rel in [FOX_DRACO, FOX_MESHOPT] {
        let (json, bin) = parts(rel);
        let imported = import(&json, &bin).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(
            imported.scene.meshes[0].primitives[0].indices.len(),
            1728,
            "{rel}"
        );
    }
}

#[test]
fn a_draco_stream_cut_short_or_overwritten_is_a_draco_error() {
    let (mut json, bin) = parts(FOX_DRACO);
    // Every length short of the whole stream.
    for length in (0..DRACO_LENGTH).step_by(41) {
        json["bufferViews"][DRACO_VIEW]["byteLength"] = json!(length);
        match import(&json, &bin) {
            Err(e @ Error::Draco { .. }) => assert_eq!(pointer(&e), DRACO_POINTER),
            other => panic!("{length} of {DRACO_LENGTH} bytes: {other:?}"),
        }
    }
    json["bufferViews"][DRACO_VIEW]["byteLength"] = json!(DRACO_LENGTH);
    let mut overwritten = bin.clone();
    overwritten[DRACO_START..DRACO_START + 5].copy_from_slice(b"OCARD");
    assert!(matches!(import(&json, &overwritten), Err(Error::Draco { .. })));
}

/// Imports the file with each byte of `range`, in `step`s, xored with `mask`: a
/// mutation the decoder accepts must still give valid indices, and one it refuses a
/// located error. Fails when no mutation at all was refused.
#[track_caller]
fn flip_each(json: &Value, bin: &[u8], range: std::ops::Range<usize>, step: usize, mask: u8) {
    let mut refused = 0;
    for at in range.step_by(step) {
        let mut mutated = bin.to_vec();
        mutated[at] ^= mask;
        match import(json, &mutated) {
            Ok(imported) => {
                let p = &imported.scene.meshes[0].primitives[0];
                assert!(p.indices.iter().all(|i| (*i as usize) < p.positions.len()));
            }
            Err(e) => {
                assert!(e.location().is_some(), "byte {at}: {e}");
                refused += 1;
            }
        }
    }
    assert!(refused > 0, "no corruption was noticed");
}

#[test]
fn flipped_bytes_in_a_draco_stream_never_panic() {
    let (json, bin) = parts(FOX_DRACO);
    flip_each(&json, &bin, DRACO_START..DRACO_START + DRACO_LENGTH, 7, 0xA5);
}

#[test]
fn draco_sizes_other_than_the_accessors_declare_are_refused() {
    let (json, bin) = parts(FOX_DRACO);
    // POSITION is accessor 1 (434 vertices), the indices accessor 0 (1,728).
    let mut wrong_count = json.clone();
    wrong_count["accessors"][1]["count"] = json!(435);
    assert_size_error(import(&wrong_count, &bin), "/accessors/1/count", 435, 434);
    // More indices than decoded: a size error; fewer: the decoder stops at the
    // triangles the accessor allows.
    let mut wrong_indices = json.clone();
    wrong_indices["accessors"][0]["count"] = json!(1731);
    assert_size_error(import(&wrong_indices, &bin), "/accessors/0/count", 1731, 1728);
    wrong_indices["accessors"][0]["count"] = json!(1725);
    assert!(matches!(import(&wrong_indices, &bin), Err(Error::Draco { .. })));
    // One byte per index cannot address 434 vertices.
    let mut bytes = json.clone();
    bytes["accessors"][0]["componentType"] = json!(5121);
    assert!(matches!(import(&bytes, &bin), Err(Error::Draco { .. })));
    let mut unknown = json.clone();
    unknown["meshes"][0]["primitives"][0]["extensions"]["KHR_draco_mesh_compression"]["attributes"]["POSITION"] =
        json!(9);
    match import(&unknown, &bin) {
        Err(e @ Error::Draco { .. }) => {
            assert_eq!(pointer(&e), format!("{DRACO_POINTER}/attributes/POSITION"))
        }
        other => panic!("{other:?}"),
    }
    let mut absent = json;
    absent["meshes"][0]["primitives"][0]["extensions"]["KHR_draco_mesh_compression"]["attributes"]["COLOR_0"] =
        json!(0);
    assert!(matches!(import(&absent, &bin), Err(Error::Invalid { .. })));
}

#[test]
fn draco_decoding_stays_within_the_geometry_limit() {
    let (json, bin) = parts(FOX_DRACO);
    let options = ImportOptions {
        limits: ImportLimits {
            max_geometry_bytes: 8_000,
            ..ImportLimits::default()
        },
        ..ImportOptions::default()
    };
    let result = museion_gltf::import_slice(&join_glb(&json, &bin), "fox.glb", None, &options);
    assert!(
        matches!(result, Err(Error::LimitExceeded { .. } | Error::Draco { .. })),
        "{result:?}"
    );
}

#[test]
fn a_broken_draco_stream_falls_back_only_where_the_extension_allows() {
    let (mut json, mut bin) = parts(FOX_DRACO);
    bin[DRACO_START..DRACO_START + 5].copy_from_slice(b"OCARD");
    // Uncompressed data for every accessor: zeros, in a view of its own.
    let zeros_view = json["bufferViews"].as_array().expect("views").len();
    json["bufferViews"]
        .as_array_mut()
        .expect("views")
        .push(json!({"buffer": 0, "byteOffset": bin.len(), "byteLength": 434 * 16}));
    bin.resize(bin.len() + 434 * 16, 0);
    json["buffers"][0]["byteLength"] = json!(bin.len());
    for accessor in 0..5 {
        json["accessors"][accessor]["bufferView"] = json!(zeros_view);
    }
    // Required: no fallback, whatever data there is.
    assert!(matches!(import(&json, &bin), Err(Error::Draco { .. })));
    json.as_object_mut()
        .expect("an object")
        .remove("extensionsRequired");
    let imported = import(&json, &bin).expect("the fallback is read");
    let p = &imported.scene.meshes[0].primitives[0];
    assert_eq!(p.source_vertex_count, 434);
    assert!(p.positions.iter().all(|v| *v == Vec3::ZERO));
    assert!(
        imported
            .report
            .warnings
            .iter()
            .any(|w| w.pointer == DRACO_POINTER),
        "{:?}",
        imported.report.warnings
    );
    // Only used, but without uncompressed data: still an error.
    json["accessors"][1]
        .as_object_mut()
        .expect("an object")
        .remove("bufferView");
    assert!(matches!(import(&json, &bin), Err(Error::Draco { .. })));
}

#[test]
fn a_meshopt_stream_cut_short_or_overwritten_is_a_meshopt_error() {
    let (json, bin) = parts(FOX_MESHOPT);
    let at = "/bufferViews/6/extensions/EXT_meshopt_compression";
    let mut short = json.clone();
    let length = &mut ext(&mut short, POSITIONS_VIEW)["byteLength"];
    *length = json!(length.as_u64().expect("a length") - 1);
    match import(&short, &bin) {
        Err(e @ Error::Meshopt { .. }) => assert_eq!(pointer(&e), at),
        other => panic!("{other:?}"),
    }
    let mut header = bin.clone();
    header[POSITIONS_START] = 0x00;
    match import(&json, &header) {
        Err(e @ Error::Meshopt { .. }) => assert_eq!(pointer(&e), at),
        other => panic!("{other:?}"),
    }
}

#[test]
fn flipped_bytes_in_meshopt_streams_never_panic() {
    let (json, bin) = parts(FOX_MESHOPT);
    flip_each(&json, &bin, MESHOPT_START..MESHOPT_END, 89, 0x5A);
}

#[test]
fn meshopt_declarations_that_break_the_extension_rules_are_refused() {
    let (json, bin) = parts(FOX_MESHOPT);
    // count × byteStride must be the view's byteLength.
    let mut count = json.clone();
    ext(&mut count, POSITIONS_VIEW)["count"] = json!(1729);
    assert_size_error(import(&count, &bin), "/bufferViews/6", 13_824, 13_832);
    // Quaternions are 8 bytes; COLOR belongs to KHR_meshopt_compression; TRIANGLES and
    // INDICES take no filter; ATTRIBUTES strides are multiples of 4.
    for (view, key, value) in [
        (1, "filter", json!("QUATERNION")),
        (6, "filter", json!("COLOR")),
        (6, "mode", json!("INDICES")),
        (6, "filter", json!("SHARPEN")),
    ] {
        let mut broken = json.clone();
        ext(&mut broken, view)[key] = value.clone();
        let result = import(&broken, &bin);
        assert!(
            matches!(result, Err(Error::Invalid { .. })),
            "{key} {value}: {result:?}"
        );
    }
    // A declared size far past the limits is refused before anything is allocated.
    let mut huge = json.clone();
    huge["bufferViews"][POSITIONS_VIEW]["byteLength"] = json!(1u64 << 40);
    ext(&mut huge, POSITIONS_VIEW)["count"] = json!((1u64 << 40) / 8);
    assert!(matches!(import(&huge, &bin), Err(Error::LimitExceeded { .. })));
}

#[test]
fn the_meshopt_fallback_buffer_is_never_read_and_only_compressed_views_use_it() {
    let (mut json, bin) = parts(FOX_MESHOPT);
    // A uri that leads nowhere: reading it would fail.
    json["buffers"][1]["uri"] = json!("nowhere/fallback.bin");
    let imported = import(&json, &bin).expect("the fallback buffer is not read");
    assert_eq!(imported.scene.meshes[0].primitives[0].positions.len(), 1728);
    // A view without the extension may not use it.
    json["bufferViews"][1]
        .as_object_mut()
        .expect("an object")
        .remove("extensions");
    match import(&json, &bin) {
        Err(e @ Error::Invalid { .. }) => assert_eq!(pointer(&e), "/bufferViews/1/buffer"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn khr_meshopt_compression_reads_the_same_streams() {
    let (json, bin) = parts(FOX_MESHOPT);
    // The ratified extension shares the bitstream: renaming the extension is enough.
    let renamed: Value = serde_json::from_str(
        &json
            .to_string()
            .replace("EXT_meshopt_compression", "KHR_meshopt_compression"),
    )
    .expect("JSON");
    let ext = import(&json, &bin).expect("EXT imports");
    let khr = import(&renamed, &bin).expect("KHR imports");
    assert_eq!(khr.report.extensions_required[0], "KHR_meshopt_compression");
    let positions = |i: &museion_gltf::Imported| i.scene.meshes[0].primitives[0].positions.clone();
    assert_eq!(positions(&khr), positions(&ext));
    assert_eq!(
        khr.scene.animations[0].samplers[1].values,
        ext.scene.animations[0].samplers[1].values
    );
}
