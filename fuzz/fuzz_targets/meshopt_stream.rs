//! The `EXT_meshopt_compression` decoder: the input's bytes are a compressed stream in a
//! GLB's binary chunk, decoded as vertex attributes, triangles or indices with a filter,
//! a count and a stride chosen by its first bytes, and read by a primitive (its positions,
//! or its indices over three plain positions). The mutator thus works on the stream itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::json;

const MODES: [&str; 3] = ["ATTRIBUTES", "TRIANGLES", "INDICES"];
const FILTERS: [&str; 4] = ["NONE", "OCTAHEDRAL", "QUATERNION", "EXPONENTIAL"];

fuzz_target!(|data: &[u8]| {
    let [how, count_low, count_high, stride, stream @ ..] = data else {
        return;
    };
    let mode = MODES[usize::from(how % 3)];
    let filter = FILTERS[usize::from((how / 3) % 4)];
    let count = u32::from(u16::from_le_bytes([*count_low, *count_high]) % 4096);
    let attributes = mode == "ATTRIBUTES";
    // Attributes: any multiple of 4 up to 64 bytes (the filters want 4, 8 or 16);
    // indices: 2 or 4 bytes.
    let stride = if attributes {
        4 * (1 + u32::from(stride % 16))
    } else {
        2 + 2 * u32::from(stride % 2)
    };
    let decoded_length = count * stride;
    // Three plain positions after the stream, for the indexed case.
    let positions_offset = stream.len().div_ceil(4) * 4;
    let mut bin = stream.to_vec();
    bin.resize(positions_offset, 0);
    for v in [[0f32, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]] {
        for c in v {
            bin.extend_from_slice(&c.to_le_bytes());
        }
    }
    let mut compressed_view = json!({
        "buffer": 1, "byteOffset": 0, "byteLength": decoded_length,
        "extensions": {"EXT_meshopt_compression": {
            "buffer": 0, "byteOffset": 0, "byteLength": stream.len(), "byteStride": stride,
            "count": count, "mode": mode, "filter": filter,
        }},
    });
    if attributes {
        compressed_view["byteStride"] = json!(stride);
    }
    let (attribute, indices) = if attributes {
        let kind = match stride {
            4 => ("SCALAR", 5126),
            8 => ("VEC2", 5126),
            12 => ("VEC3", 5126),
            _ => ("VEC4", 5126),
        };
        (
            json!({"bufferView": 0, "componentType": kind.1, "type": kind.0, "count": count}),
            None,
        )
    } else {
        let component = if stride == 2 { 5123 } else { 5125 };
        (
            json!({"bufferView": 1, "componentType": 5126, "type": "VEC3", "count": 3}),
            Some(json!({"bufferView": 0, "componentType": component, "type": "SCALAR", "count": count})),
        )
    };
    let mut accessors = vec![attribute];
    let mut primitive = json!({"attributes": {"POSITION": 0}});
    if let Some(indices) = indices {
        accessors.push(indices);
        primitive["indices"] = json!(1);
    }
    let doc = json!({
        "asset": {"version": "2.0"},
        "extensionsUsed": ["EXT_meshopt_compression"],
        "extensionsRequired": ["EXT_meshopt_compression"],
        "buffers": [
            {"byteLength": bin.len()},
            {"byteLength": decoded_length, "extensions": {"EXT_meshopt_compression": {"fallback": true}}},
        ],
        "bufferViews": [
            compressed_view,
            {"buffer": 0, "byteOffset": positions_offset, "byteLength": 36},
        ],
        "accessors": accessors,
    });
    museion_fuzz::import_primitive(doc, primitive, &bin);
});
