//! The `KHR_draco_mesh_compression` decoder: the input's bytes are a Draco stream in a
//! GLB's binary chunk, named by a primitive with positions (and, by the first byte's bits,
//! normals, texture coordinates and indices) that the decoded mesh must fill. The mutator
//! thus works on the stream itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let [which, count_low, count_high, stream @ ..] = data else {
        return;
    };
    let count = u16::from_le_bytes([*count_low, *count_high]) % 8192;
    let mut attributes = serde_json::Map::new();
    let mut draco_attributes = serde_json::Map::new();
    let mut accessors = vec![json!({"componentType": 5126, "type": "VEC3", "count": count})];
    attributes.insert("POSITION".into(), json!(0));
    draco_attributes.insert("POSITION".into(), json!(0));
    for (bit, name, kind) in [(1, "NORMAL", "VEC3"), (2, "TEXCOORD_0", "VEC2")] {
        if which & bit != 0 {
            attributes.insert(name.into(), json!(accessors.len()));
            draco_attributes.insert(name.into(), json!(accessors.len()));
            accessors.push(json!({"componentType": 5126, "type": kind, "count": count}));
        }
    }
    let mut primitive = json!({
        "attributes": attributes,
        "extensions": {"KHR_draco_mesh_compression": {"bufferView": 0, "attributes": draco_attributes}},
    });
    if which & 4 != 0 {
        primitive["indices"] = json!(accessors.len());
        let component = if which & 8 != 0 { 5125 } else { 5123 };
        accessors.push(json!({"componentType": component, "type": "SCALAR", "count": u32::from(count) * 3}));
    }
    let doc = json!({
        "asset": {"version": "2.0"},
        "extensionsUsed": ["KHR_draco_mesh_compression"],
        "extensionsRequired": ["KHR_draco_mesh_compression"],
        "buffers": [{"byteLength": stream.len()}],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": stream.len()}],
        "accessors": accessors,
    });
    museion_fuzz::import_primitive(doc, primitive, stream);
});
