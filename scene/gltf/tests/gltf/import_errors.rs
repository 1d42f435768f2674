//! Bad input gives a typed error naming the file and the JSON pointer, never a panic:
//! one small generated file per kind of problem.

use crate::support::*;
use museion_gltf::Error;
use museion_gltf::{self as gltf, ImportLimits, ImportOptions};
use serde_json::json;
use std::path::Path;

fn import_text(text: &str) -> Result<gltf::Imported, Error> {
    gltf::import_slice(text.as_bytes(), "bad.gltf", None, &ImportOptions::default())
}

fn import(g: &Gltf) -> Result<gltf::Imported, Error> {
    import_text(&g.embedded())
}

/// The error's JSON pointer, asserting it names the file.
fn pointer(error: &Error) -> String {
    let at = error
        .location()
        .unwrap_or_else(|| panic!("no location in {error}"));
    assert!(
        error.to_string().contains(&at.file.display().to_string()),
        "{error}"
    );
    at.pointer.clone()
}

#[test]
fn accessor_range_outside_its_buffer_view() {
    let mut g = triangle();
    g.json["accessors"][0]["count"] = json!(4); // 4 × 12 bytes in a 36-byte view
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::OutOfBounds { .. }), "{e}");
    assert_eq!(pointer(&e), "/accessors/0");
    let mut g = triangle();
    g.json["accessors"][0]["byteOffset"] = json!(4);
    assert!(matches!(import(&g).unwrap_err(), Error::OutOfBounds { .. }));
    let mut g = triangle();
    g.json["accessors"][0]["byteOffset"] = json!(u64::MAX);
    assert!(matches!(import(&g).unwrap_err(), Error::OutOfBounds { .. }));
}

#[test]
fn buffer_view_outside_its_buffer() {
    let mut g = triangle();
    g.json["bufferViews"][1]["byteOffset"] = json!(1_000_000);
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::OutOfBounds { .. }), "{e}");
    assert_eq!(pointer(&e), "/bufferViews/1");
    let mut g = triangle();
    g.json["bufferViews"][0]["byteLength"] = json!(u64::MAX);
    assert!(matches!(import(&g).unwrap_err(), Error::OutOfBounds { .. }));
}

#[test]
fn stride_smaller_than_an_element() {
    let mut g = triangle();
    g.json["bufferViews"][0]["byteStride"] = json!(8);
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::Invalid { .. }), "{e}");
    assert_eq!(pointer(&e), "/bufferViews/0/byteStride");
}

#[test]
fn vertex_index_out_of_range() {
    let mut g = Gltf::new();
    let positions = g.positions(&TRIANGLE);
    let indices = g.indices_u16(&[0, 1, 3]);
    g.mesh_node(json!({ "attributes": { "POSITION": positions }, "indices": indices }));
    match import(&g).unwrap_err() {
        e @ Error::VertexIndexOutOfRange {
            position,
            value,
            vertex_count,
            ..
        } => {
            assert_eq!((position, value, vertex_count), (2, 3, 3));
            assert_eq!(pointer(&e), "/accessors/1");
        }
        e => panic!("wrong error {e}"),
    }
}

#[test]
fn sparse_index_out_of_range() {
    let mut g = triangle();
    let indices = g.view(&9u16.to_le_bytes(), None);
    let values = g.view(&f32_bytes(&[1.0, 1.0, 1.0]), None);
    g.json["accessors"][0]["sparse"] = json!({
        "count": 1,
        "indices": { "bufferView": indices, "componentType": UNSIGNED_SHORT },
        "values": { "bufferView": values }
    });
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::OutOfBounds { .. }), "{e}");
    assert_eq!(pointer(&e), "/accessors/0/sparse/indices");
    g.json["accessors"][0]["sparse"]["count"] = json!(4);
    assert!(matches!(import(&g).unwrap_err(), Error::Invalid { .. }));
}

#[test]
fn references_to_missing_objects_name_the_reference() {
    type Breakage = fn(&mut Gltf);
    let cases: [(&str, Breakage); 9] = [
        ("/nodes/0/mesh", |g| g.json["nodes"][0]["mesh"] = json!(7)),
        ("/meshes/0/primitives/0/material", |g| {
            g.json["meshes"][0]["primitives"][0]["material"] = json!(3)
        }),
        ("/meshes/0/primitives/0/indices", |g| {
            g.json["meshes"][0]["primitives"][0]["indices"] = json!(40)
        }),
        ("/meshes/0/primitives/0/attributes/POSITION", |g| {
            g.json["meshes"][0]["primitives"][0]["attributes"]["POSITION"] = json!(40)
        }),
        ("/accessors/0/bufferView", |g| {
            g.json["accessors"][0]["bufferView"] = json!(12)
        }),
        ("/bufferViews/0/buffer", |g| {
            g.json["bufferViews"][0]["buffer"] = json!(1)
        }),
        ("/scenes/0/nodes/0", |g| {
            g.json["scenes"][0]["nodes"][0] = json!(5)
        }),
        ("/nodes/0/children/0", |g| {
            g.json["nodes"][0]["children"] = json!([9])
        }),
        ("/scene", |g| g.json["scene"] = json!(2)),
    ];
    for (expected, break_it) in cases {
        let mut g = triangle();
        break_it(&mut g);
        let e = import(&g).unwrap_err();
        assert!(matches!(e, Error::IndexOutOfRange { .. }), "{expected}: {e}");
        assert_eq!(pointer(&e), expected, "{e}");
    }
    // Texture slots and texture sources too.
    let mut g = triangle();
    g.push("materials", json!({ "emissiveTexture": { "index": 0 } }));
    let e = import(&g).unwrap_err();
    assert_eq!(pointer(&e), "/materials/0/emissiveTexture/index");
    g.push("textures", json!({ "source": 4 }));
    let e = import(&g).unwrap_err();
    assert_eq!(pointer(&e), "/textures/0/source");
}

#[test]
fn node_cycles_and_nodes_with_two_parents() {
    let mut g = triangle();
    g.json["nodes"] = json!([{ "mesh": 0, "children": [1] }, { "children": [2] }, { "children": [1] }]);
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::NodeHierarchy { .. }), "{e}");
    assert!(e.to_string().contains("two parents"), "{e}");

    // A cycle not reachable from any root (every node has a parent).
    let mut g = triangle();
    g.json["nodes"] = json!([{ "mesh": 0 }, { "children": [2] }, { "children": [3] }, { "children": [1] }]);
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::NodeHierarchy { .. }), "{e}");
    assert!(e.to_string().contains("cycle"), "{e}");

    let mut g = triangle();
    g.json["nodes"][0]["children"] = json!([0]);
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::NodeHierarchy { .. }), "{e}");
    assert_eq!(pointer(&e), "/nodes/0/children/0");
}

#[test]
fn glb_containers_that_are_truncated_or_mislabelled() {
    let g = triangle();
    let good = g.glb();
    assert!(gltf::import_slice(&good, "ok.glb", None, &ImportOptions::default()).is_ok());
    for cut in [4, 12, 19, good.len() / 2, good.len() - 1] {
        let mut bad = good[..cut].to_vec();
        if cut >= 12 {
            bad[8..12].copy_from_slice(&(cut as u32).to_le_bytes()); // header agrees with the cut
        }
        let e = gltf::import_slice(&bad, "cut.glb", None, &ImportOptions::default()).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Glb { .. } | Error::Json { .. } | Error::OutOfBounds { .. }
            ),
            "cut {cut}: {e}"
        );
    }
    let mut retagged = good.clone();
    retagged[16..20].copy_from_slice(b"BIN\0");
    let e = gltf::import_slice(&retagged, "tag.glb", None, &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, Error::Glb { .. }), "{e}");
    let mut long = good;
    long[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
    let e = gltf::import_slice(&long, "long.glb", None, &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, Error::Glb { .. }), "{e}");
    // A GLB whose buffer claims more than the BIN chunk holds.
    let mut g = triangle();
    g.json["bufferViews"][0]["byteLength"] = json!(36);
    let mut doc = g.json.clone();
    doc["buffers"] = json!([{ "byteLength": g.bin.len() + 100 }]);
    let bytes = glb(doc.to_string().as_bytes(), Some(&g.bin));
    let e = gltf::import_slice(&bytes, "short.glb", None, &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, Error::OutOfBounds { .. }), "{e}");
    assert_eq!(pointer(&e), "/buffers/0/byteLength");
}

#[test]
fn invalid_base64_and_unloadable_uris() {
    let g = triangle();
    let text = g.embedded().replace("base64,", "base64,@@@");
    let e = import_text(&text).unwrap_err();
    assert!(matches!(e, Error::Base64 { .. }), "{e}");
    assert_eq!(pointer(&e), "/buffers/0");
    let mut doc: serde_json::Value = serde_json::from_str(&g.embedded()).unwrap();
    doc["buffers"][0]["uri"] = json!("https://example.com/model.bin");
    let e = import_text(&doc.to_string()).unwrap_err();
    assert!(matches!(e, Error::Uri { .. }), "{e}");
    // A relative URI in a document read from memory without a base directory.
    doc["buffers"][0]["uri"] = json!("model.bin");
    assert!(matches!(
        import_text(&doc.to_string()).unwrap_err(),
        Error::Uri { .. }
    ));
}

#[test]
fn missing_files_name_the_file_and_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let g = triangle();
    let path = g.write_gltf(dir.path(), "model");
    std::fs::remove_file(dir.path().join("model.bin")).unwrap();
    match gltf::import(&path).unwrap_err() {
        e @ Error::Io { .. } => {
            assert_eq!(pointer(&e), "/buffers/0");
            assert!(e.to_string().contains("model.bin: no such file"), "{e}");
            assert!(!e.to_string().contains("os error"), "{e}");
        }
        e => panic!("wrong error {e}"),
    }
    // An image is read (and missing) once a texture uses it.
    let mut g = triangle();
    let image = g.push("images", json!({ "uri": "textures/missing.png" }));
    g.push("textures", json!({ "source": image }));
    let path = g.write_gltf(dir.path(), "with_image");
    let e = gltf::import(&path).unwrap_err();
    assert!(matches!(e, Error::Io { .. }), "{e}");
    assert_eq!(pointer(&e), "/images/0");
    let e = gltf::import(dir.path().join("nothing-here.gltf")).unwrap_err();
    assert!(matches!(e, Error::Io { .. }), "{e}");
    // A folder, or a device, where a file was meant.
    let folder = gltf::import(dir.path()).unwrap_err();
    assert!(
        folder.to_string().ends_with(": it is a folder, not a file"),
        "{folder}"
    );
    let device = gltf::import("/dev/zero").unwrap_err();
    assert!(
        device
            .to_string()
            .ends_with("not a regular file (a device, pipe or socket)"),
        "{device}"
    );
    // The document itself is named once.
    let missing = dir.path().join("nothing-here.gltf");
    assert_eq!(
        e.to_string(),
        format!("cannot read {}: no such file", missing.display())
    );
}

#[test]
fn a_buffer_shorter_than_its_byte_length() {
    let dir = tempfile::tempdir().unwrap();
    let g = triangle();
    let path = g.write_gltf(dir.path(), "short");
    let bin = std::fs::read(dir.path().join("short.bin")).unwrap();
    std::fs::write(dir.path().join("short.bin"), &bin[..bin.len() - 2]).unwrap();
    let e = gltf::import(&path).unwrap_err();
    assert!(matches!(e, Error::OutOfBounds { .. }), "{e}");
    assert_eq!(pointer(&e), "/buffers/0/byteLength");
}

#[test]
fn absurd_counts_hit_the_limits_before_allocating() {
    // No buffer view: the count alone would decide the allocation.
    let mut g = triangle();
    g.push(
        "accessors",
        json!({ "componentType": FLOAT, "count": 1u64 << 40, "type": "VEC3" }),
    );
    g.json["meshes"][0]["primitives"][0]["attributes"]["POSITION"] = json!(2);
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::LimitExceeded { .. }), "{e}");
    assert_eq!(pointer(&e), "/accessors/2");
    // A small budget is enforced across accessors.
    let options = ImportOptions {
        limits: ImportLimits {
            max_geometry_bytes: 16,
            ..ImportLimits::default()
        },
        ..ImportOptions::default()
    };
    let e = gltf::import_slice(triangle().embedded().as_bytes(), "t.gltf", None, &options).unwrap_err();
    assert!(matches!(e, Error::LimitExceeded { .. }), "{e}");
}

#[test]
fn absurd_image_sizes_are_refused_from_the_header() {
    // A PNG whose header claims 100000 × 100000 pixels (the data is a 2 × 2 image).
    let bytes = png_claiming(png(2, 2), 100_000, 100_000);
    let mut g = triangle();
    let image = g.image_in_buffer(&bytes, "image/png");
    g.push("textures", json!({ "source": image }));
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::LimitExceeded { .. }), "{e}");
    assert_eq!(pointer(&e), "/images/0");
    // Within the dimension limit but over a small total budget.
    let mut g = triangle();
    let image = g.image_in_buffer(&png(64, 64), "image/png");
    g.push("textures", json!({ "source": image }));
    let limits = ImportLimits {
        max_image_bytes: 1000,
        ..ImportLimits::default()
    };
    let options = ImportOptions {
        limits,
        ..ImportOptions::default()
    };
    let e = gltf::import_slice(g.embedded().as_bytes(), "t.gltf", None, &options).unwrap_err();
    assert!(matches!(e, Error::LimitExceeded { .. }), "{e}");
    // Corrupt pixel data in a valid header.
    let mut bytes = png(8, 8);
    let len = bytes.len();
    bytes[len - 30..len - 12].fill(0xFF);
    let mut g = triangle();
    let image = g.image_in_buffer(&bytes, "image/png");
    g.push("textures", json!({ "source": image }));
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::Image { .. }), "{e}");
}

#[test]
fn unsupported_required_extensions_are_named() {
    let mut g = triangle();
    // An extension no reader implements (Draco, the example here before, now is).
    g.json["extensionsUsed"] = json!(["VENDOR_no_such_extension"]);
    g.json["extensionsRequired"] = json!(["VENDOR_no_such_extension"]);
    match import(&g).unwrap_err() {
        e @ Error::UnsupportedExtension { .. } => {
            assert_eq!(pointer(&e), "/extensionsRequired/0");
            assert!(e.to_string().contains("VENDOR_no_such_extension"));
        }
        e => panic!("wrong error {e}"),
    }
}

#[test]
fn malformed_json_and_wrong_versions() {
    let e = import_text("{ \"asset\": { \"version\": \"2.0\" }, \"nodes\": [ }").unwrap_err();
    match e {
        e @ Error::Json { line, column, .. } => {
            assert_eq!((line, column), (1, 45));
            // The position once, not again in serde's words.
            assert_eq!(e.to_string().matches("line").count(), 1, "{e}");
        }
        e => panic!("wrong error {e}"),
    }
    // Text that is not a JSON object, and files of other kinds, are not glTF at all.
    let radiance = b"#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n";
    for bytes in [
        &b"[1, 2]"[..],
        b"",
        b"  \n",
        b"[venue]\nname = \"x\"\n",
        radiance,
        b"\x89PNG\r\n",
    ] {
        let e = gltf::import_slice(bytes, "sky.hdr", None, &ImportOptions::default()).unwrap_err();
        assert!(matches!(e, Error::NotGltf { .. }), "{e}");
        assert!(e.to_string().contains("sky.hdr: not a glTF file"), "{e}");
    }
    // A byte order mark and white space before the object are still JSON.
    assert!(matches!(
        import_text("\u{feff} \n{}").unwrap_err(),
        Error::Json { .. }
    ));
    assert!(
        matches!(import_text("{}").unwrap_err(), Error::Json { .. }),
        "asset is required"
    );
    let e = import_text(r#"{ "asset": { "version": "1.0" } }"#).unwrap_err();
    assert!(matches!(e, Error::UnsupportedVersion { .. }), "{e}");
    assert_eq!(pointer(&e), "/asset/version");
    let e = import_text(r#"{ "asset": { "version": "2.0", "minVersion": "2.1" } }"#).unwrap_err();
    assert!(matches!(e, Error::UnsupportedVersion { .. }), "{e}");
    // Wrong shapes inside the document.
    let mut g = triangle();
    g.json["meshes"][0]["primitives"][0]["mode"] = json!(9);
    assert_eq!(pointer(&import(&g).unwrap_err()), "/meshes/0/primitives/0/mode");
    let mut g = triangle();
    g.json["accessors"][0]["type"] = json!("VEC2");
    let e = import(&g).unwrap_err();
    assert_eq!(pointer(&e), "/accessors/0/type");
    assert!(e.to_string().contains("POSITION must be VEC3"), "{e}");
    // Float indices (4 bytes each, so the view is large enough).
    let mut g = Gltf::new();
    let positions = g.positions(&TRIANGLE);
    let indices = g.indices_u32(&[0, 1, 2]);
    g.mesh_node(json!({ "attributes": { "POSITION": positions }, "indices": indices }));
    g.json["accessors"][indices]["componentType"] = json!(FLOAT);
    let e = import(&g).unwrap_err();
    assert_eq!(pointer(&e), format!("/accessors/{indices}/componentType"), "{e}");
}

#[test]
fn attribute_counts_must_agree() {
    let mut g = triangle();
    let uv = g.floats(&[0.0; 4], "VEC2");
    g.json["meshes"][0]["primitives"][0]["attributes"]["TEXCOORD_0"] = json!(uv);
    let e = import(&g).unwrap_err();
    assert!(matches!(e, Error::Invalid { .. }), "{e}");
    assert_eq!(pointer(&e), format!("/accessors/{uv}/count"));
}

#[test]
fn non_finite_values_are_refused() {
    let mut g = Gltf::new();
    let positions = g.positions(&[[0.0, 0.0, 0.0], [f32::NAN, 0.0, 0.0], [0.0, 1.0, 0.0]]);
    g.mesh_node(json!({ "attributes": { "POSITION": positions } }));
    let e = import(&g).unwrap_err();
    assert_eq!(pointer(&e), "/meshes/0/primitives/0/attributes/POSITION");
}

#[test]
fn errors_display_as_one_line_with_file_and_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let mut g = triangle();
    g.json["nodes"][0]["mesh"] = json!(3);
    let path = g.write_gltf(dir.path(), "venue");
    let e = gltf::import(&path).unwrap_err();
    let text = e.to_string();
    assert!(!text.contains('\n'), "{text}");
    assert!(text.starts_with(&path.display().to_string()), "{text}");
    assert!(text.contains("/nodes/0/mesh"), "{text}");
    assert_eq!(e.location().unwrap().file, path);
    assert!(Path::new(&e.location().unwrap().file).exists());
}
