//! Files the glTF Validator calls valid load: integers written as `1.0`, buffers and
//! images nothing uses (without data, on a server, missing), data URIs that are not
//! base64, lights of a type this importer does not know, and `EXT_texture_webp`
//! objects without a source. What is used and cannot be read is still a clear error.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use museion_gltf::Error;
use museion_gltf::{self as gltf, ImportOptions};
use serde_json::{Value, json};

fn import_value(doc: &Value) -> Result<gltf::Imported, Error> {
    gltf::import_slice(
        doc.to_string().as_bytes(),
        "valid.gltf",
        None,
        &ImportOptions::default(),
    )
}

/// The triangle with its buffer embedded, as JSON.
fn embedded_triangle() -> Value {
    serde_json::from_str(&triangle().embedded()).unwrap()
}

fn positions(imported: &gltf::Imported) -> Vec<[f32; 3]> {
    imported.scene.meshes[0].primitives[0]
        .positions
        .iter()
        .map(|p| p.to_array())
        .collect()
}

#[test]
fn integers_written_as_floats_are_integers() {
    let reference = import_value(&embedded_triangle()).unwrap();
    let text = triangle()
        .embedded()
        .replace("\"count\":3", "\"count\":3.0")
        .replace("\"componentType\":5126", "\"componentType\":5126.0")
        .replace("\"mesh\":0", "\"mesh\":0.0");
    assert!(text.contains("3.0") && text.contains("5126.0"), "{text}");
    let imported = gltf::import_slice(text.as_bytes(), "valid.gltf", None, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(positions(&imported), positions(&reference));
    // A fraction where an integer belongs is still an error.
    let text = triangle().embedded().replace("\"count\":3", "\"count\":2.5");
    assert!(gltf::import_slice(text.as_bytes(), "bad.gltf", None, &ImportOptions::default()).is_err());
}

#[test]
fn buffers_nothing_uses_are_not_read_and_a_used_one_on_a_server_is_a_clear_error() {
    let mut doc = embedded_triangle();
    let buffers = doc["buffers"].as_array_mut().unwrap();
    buffers.push(json!({ "byteLength": 64 }));
    buffers.push(json!({ "byteLength": 64, "uri": "https://example.com/unused.bin" }));
    buffers.push(json!({ "byteLength": 64, "uri": "missing.bin" }));
    let imported = import_value(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.report.counts.buffers, 4);

    let mut doc = embedded_triangle();
    doc["buffers"][0]["uri"] = json!("https://example.com/model.bin");
    let error = import_value(&doc).unwrap_err();
    assert!(matches!(error, Error::Uri { .. }), "{error}");
    assert!(error.to_string().contains("not fetched"), "{error}");
    assert!(error.to_string().contains("/buffers/0"), "{error}");
}

#[test]
fn a_data_uri_without_base64_holds_its_percent_encoded_bytes() {
    let g = triangle();
    let encoded: String = g.bin.iter().map(|b| format!("%{b:02X}")).collect();
    let mut doc = embedded_triangle();
    doc["buffers"][0]["uri"] = json!(format!("data:application/octet-stream,{encoded}"));
    let imported = import_value(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        positions(&imported),
        positions(&import_value(&embedded_triangle()).unwrap())
    );
}

#[test]
fn images_nothing_uses_are_not_read() {
    let mut doc = embedded_triangle();
    doc["images"] = json!([{ "uri": "missing.png" }, { "uri": "https://example.com/a.png" }]);
    let imported = import_value(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert!(imported.scene.images.is_empty());
    assert_eq!(imported.report.counts.images, 2);
}

#[test]
fn a_light_of_an_unknown_type_is_skipped_with_a_warning() {
    let mut doc = embedded_triangle();
    doc["extensionsUsed"] = json!(["KHR_lights_punctual"]);
    doc["extensions"] = json!({ "KHR_lights_punctual": { "lights": [
        { "type": "area", "intensity": 5.0 },
        { "type": "point", "intensity": 2.0 }
    ] } });
    doc["nodes"][0]["extensions"] = json!({ "KHR_lights_punctual": { "light": 0 } });
    doc["nodes"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "extensions": { "KHR_lights_punctual": { "light": 1 } } }));
    doc["scenes"][0]["nodes"].as_array_mut().unwrap().push(json!(1));
    let imported = import_value(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.scene.lights.len(), 1);
    assert_eq!(imported.scene.lights[0].intensity, 2.0);
    let lit: Vec<_> = imported.scene.nodes().filter_map(|(_, n)| n.light).collect();
    assert_eq!(lit.len(), 1, "{lit:?}");
    assert_eq!(lit[0].0, 0);
    let warnings: Vec<String> = imported.report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("/extensions/KHR_lights_punctual/lights/0/type")),
        "{warnings:?}"
    );
}

#[test]
fn a_webp_extension_without_a_source_falls_back_to_the_core_source() {
    let mut g = triangle();
    let image = g.image_in_buffer(&png(4, 4), "image/png");
    g.push(
        "textures",
        json!({ "source": image, "extensions": { "EXT_texture_webp": { "note": "no source" } } }),
    );
    g.push(
        "materials",
        json!({ "pbrMetallicRoughness": { "baseColorTexture": { "index": 0 } } }),
    );
    g.json["meshes"][0]["primitives"][0]["material"] = json!(0);
    g.json["extensionsUsed"] = json!(["EXT_texture_webp"]);
    let text = g.embedded();
    let imported = gltf::import_slice(text.as_bytes(), "webp.gltf", None, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.scene.images.len(), 1);
    assert!(imported.scene.textures[0].image.is_some());
}
