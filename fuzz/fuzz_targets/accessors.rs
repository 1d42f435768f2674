//! Accessor and sparse decoding, structure-aware: the input (read by `arbitrary`) is a
//! handful of buffer views over one binary chunk, accessors over them (any component type,
//! element type, normalisation, offset, count, and a sparse part with its own index and
//! value views), and the places that read them — a primitive's attributes, indices and
//! morph targets, an animation's times and values. The document is written as a GLB so
//! that every execution reaches the accessor code instead of failing on JSON syntax.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

#[derive(Arbitrary, Debug)]
struct Input {
    views: Vec<View>,
    accessors: Vec<Accessor>,
    uses: Vec<Use>,
    bin: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct View {
    offset: u16,
    length: u16,
    stride: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct Accessor {
    view: Option<u8>,
    offset: u16,
    component: u8,
    kind: u8,
    normalized: bool,
    count: u16,
    sparse: Option<Sparse>,
}

#[derive(Arbitrary, Debug)]
struct Sparse {
    count: u16,
    index_view: u8,
    index_offset: u16,
    index_component: u8,
    value_view: u8,
    value_offset: u16,
}

/// Where an accessor is read (each names accessors by index, taken modulo their count).
#[derive(Arbitrary, Debug)]
enum Use {
    Attribute(u8, u8),
    Indices(u8),
    MorphTarget(u8, u8),
    Animation(u8, u8, u8),
}

const COMPONENTS: [u32; 6] = [5120, 5121, 5122, 5123, 5125, 5126];
const KINDS: [&str; 7] = ["SCALAR", "VEC2", "VEC3", "VEC4", "MAT2", "MAT3", "MAT4"];
const ATTRIBUTES: [&str; 7] = [
    "POSITION",
    "NORMAL",
    "TANGENT",
    "TEXCOORD_0",
    "COLOR_0",
    "JOINTS_0",
    "WEIGHTS_0",
];
const PATHS: [&str; 4] = ["translation", "rotation", "scale", "weights"];
const INTERPOLATIONS: [&str; 3] = ["LINEAR", "STEP", "CUBICSPLINE"];

fn pick<T: Copy>(list: &[T], i: u8) -> T {
    list[usize::from(i) % list.len()]
}

/// The document without its mesh, and the primitive that reads the accessors.
fn document(input: &Input) -> Option<(Value, Value)> {
    let views: Vec<Value> = input
        .views
        .iter()
        .take(6)
        .map(|v| {
            let mut view = json!({"buffer": 0, "byteOffset": v.offset, "byteLength": v.length});
            if let Some(stride) = v.stride {
                view["byteStride"] = json!(stride);
            }
            view
        })
        .collect();
    let accessors: Vec<Value> = input
        .accessors
        .iter()
        .take(8)
        .map(|a| {
            let mut accessor = json!({
                "byteOffset": a.offset,
                "componentType": pick(&COMPONENTS, a.component),
                "type": pick(&KINDS, a.kind),
                "normalized": a.normalized,
                "count": a.count,
            });
            if let Some(view) = a.view {
                accessor["bufferView"] = json!(view);
            }
            if let Some(s) = &a.sparse {
                accessor["sparse"] = json!({
                    "count": s.count,
                    "indices": {"bufferView": s.index_view, "byteOffset": s.index_offset,
                                "componentType": pick(&COMPONENTS, s.index_component)},
                    "values": {"bufferView": s.value_view, "byteOffset": s.value_offset},
                });
            }
            accessor
        })
        .collect();
    let n = u8::try_from(accessors.len()).ok().filter(|&n| n > 0)?;
    let mut attributes = serde_json::Map::new();
    attributes.insert("POSITION".into(), json!(0));
    let mut primitive = json!({});
    let mut targets = Vec::new();
    let mut samplers = Vec::new();
    let mut channels = Vec::new();
    for u in input.uses.iter().take(8) {
        match *u {
            Use::Attribute(name, a) => {
                attributes.insert(pick(&ATTRIBUTES, name).into(), json!(a % n));
            }
            Use::Indices(a) => primitive["indices"] = json!(a % n),
            Use::MorphTarget(name, a) => targets.push(json!({pick(&ATTRIBUTES[..3], name): a % n})),
            Use::Animation(input_accessor, output, how) => {
                channels.push(
                    json!({"sampler": samplers.len(), "target": {"node": 0, "path": pick(&PATHS, how)}}),
                );
                samplers.push(json!({"input": input_accessor % n, "output": output % n,
                                     "interpolation": pick(&INTERPOLATIONS, how / 4)}));
            }
        }
    }
    primitive["attributes"] = Value::Object(attributes);
    if !targets.is_empty() {
        primitive["targets"] = json!(targets);
    }
    let mut doc = json!({
        "asset": {"version": "2.0"},
        "buffers": [{"byteLength": input.bin.len()}],
        "bufferViews": views,
        "accessors": accessors,
    });
    if !channels.is_empty() {
        doc["animations"] = json!([{"samplers": samplers, "channels": channels}]);
    }
    Some((doc, primitive))
}

fuzz_target!(|input: Input| {
    if let Some((doc, primitive)) = document(&input) {
        museion_fuzz::import_primitive(doc, primitive, &input.bin);
    }
});
