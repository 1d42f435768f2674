//! Mutations with any outcome (`Ok` and `Err` are both fine, but no panic and no hang):
//! odd numbers, deleted keys, swapped arrays and objects, duplicated or removed elements,
//! odd field and enumeration values, odd extension values, flipped or truncated buffer and
//! image bytes, deep nesting, JSON text and GLB container edits.

use super::{Build, DEEP_MARKER, GlbOp, Rng, TextOp, odd_number};
use crate::util::{KTX2_MAGIC, escape, is_png, jpeg_sof, patch_png_size, to_json};
use serde_json::{Value, json};

impl Build<'_> {
    // --- mutations with any outcome ----------------------------------------------------

    pub(super) fn free_op(&mut self, kind: usize) -> bool {
        match kind {
            0 | 1 => {
                let Some(p) = self.pick_pointer(Value::is_number) else {
                    return false;
                };
                let value = odd_number(&mut self.rng);
                self.note(format!("{p} = {value}"));
                self.set(&p, value)
            }
            2 => {
                let Some(p) = self.pick_pointer(|v| v.as_object().is_some_and(|o| !o.is_empty())) else {
                    return false;
                };
                let keys: Vec<String> = self
                    .doc
                    .pointer(&p)
                    .and_then(Value::as_object)
                    .map_or(Vec::new(), |o| o.keys().cloned().collect());
                let key = self.rng.pick(&keys);
                if let Some(object) = self.doc.pointer_mut(&p).and_then(Value::as_object_mut) {
                    object.remove(&key);
                }
                self.note(format!("deleted {p}/{}", escape(&key)));
                true
            }
            3 => {
                let Some(p) = self.pick_pointer(|v| v.is_array() || v.is_object()) else {
                    return false;
                };
                let Some(slot) = self.doc.pointer_mut(&p) else {
                    return false;
                };
                let swapped = match slot.take() {
                    Value::Array(items) => Value::Object(
                        items
                            .into_iter()
                            .enumerate()
                            .map(|(i, v)| (i.to_string(), v))
                            .collect(),
                    ),
                    Value::Object(map) => Value::Array(map.into_iter().map(|(_, v)| v).collect()),
                    other => other,
                };
                *slot = swapped;
                self.note(format!("{p}: array and object swapped"));
                true
            }
            4 => {
                let Some(p) = self.pick_pointer(|v| v.as_array().is_some_and(|a| !a.is_empty())) else {
                    return false;
                };
                let small = self.rng.chance(30);
                let (rng, doc) = (&mut self.rng, &mut self.doc);
                let Some(array) = doc.pointer_mut(&p).and_then(Value::as_array_mut) else {
                    return false;
                };
                let element = array[rng.below(array.len())].clone();
                let copies = if small && to_json(&element).len() < 256 {
                    200
                } else {
                    1 + rng.below(3)
                };
                for _ in 0..copies {
                    let at = rng.below(array.len() + 1);
                    array.insert(at, element.clone());
                }
                self.note(format!("{p}: an element duplicated {copies} times"));
                true
            }
            5 => {
                let Some(p) = self.pick_pointer(|v| v.as_array().is_some_and(|a| !a.is_empty())) else {
                    return false;
                };
                let (rng, doc) = (&mut self.rng, &mut self.doc);
                let Some(array) = doc.pointer_mut(&p).and_then(Value::as_array_mut) else {
                    return false;
                };
                let at = rng.below(array.len());
                array.remove(at);
                self.note(format!("{p}/{at} removed"));
                true
            }
            6 => {
                let Some(p) = self.pick_pointer(|_| true) else {
                    return false;
                };
                let value = self.rng.pick(&[
                    Value::Null,
                    json!(true),
                    json!("x"),
                    json!("NaN"),
                    json!([]),
                    json!({}),
                    json!(-1),
                    json!([1, 2, 3]),
                ]);
                self.note(format!("{p} = {value}"));
                self.set(&p, value)
            }
            7 | 8 => {
                let refs = self.refs();
                if refs.is_empty() {
                    return false;
                }
                let r = &refs[self.rng.below(refs.len())];
                let value = self.rng.below(r.count + 3);
                let pointer = r.pointer.clone();
                self.note(format!("{pointer} = {value} (count {})", r.count));
                self.set(&pointer, json!(value))
            }
            9 => self.free_field(
                "bufferViews",
                &["byteOffset", "byteLength", "byteStride", "buffer"],
                |rng| {
                    rng.pick(&[
                        json!(0),
                        json!(1),
                        json!(3),
                        json!(4),
                        json!(252),
                        json!(256),
                        json!(1u64 << 32),
                        json!(1u64 << 53),
                        json!(1e20),
                        json!(-1),
                    ])
                },
            ),
            10 => self.free_field(
                "accessors",
                &[
                    "count",
                    "byteOffset",
                    "componentType",
                    "type",
                    "normalized",
                    "min",
                    "max",
                    "bufferView",
                ],
                |rng| {
                    let component = 5120 + rng.below(7) as u64;
                    rng.pick(&[
                        json!(0),
                        json!(1),
                        json!(2),
                        json!(1u64 << 32),
                        json!(-1),
                        json!(component),
                        json!((1u64 << 32) + 5126),
                        json!("VEC3"),
                        json!("MAT4"),
                        json!("VEC5"),
                        json!(true),
                        json!([1e39, "NaN"]),
                    ])
                },
            ),
            11 => self.free_field(
                "nodes",
                &["matrix", "rotation", "scale", "translation", "weights"],
                |rng| {
                    rng.pick(&[
                        json!(vec![0.0; 16]),
                        json!([
                            1.0, 2.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0
                        ]),
                        json!([1e39, 0.0, 0.0]),
                        json!([0.0, 0.0, 0.0, 0.0]),
                        json!([2.0, 0.0, 0.0, 0.0]),
                        json!([3.4e38, -3.4e38, 3.4e38]),
                        json!([0.0, 0.0, 0.0]),
                        json!(["NaN", 0.0, 0.0]),
                        json!([1.0]),
                        json!([]),
                    ])
                },
            ),
            12 => {
                let mut primitives = Vec::new();
                for (m, mesh) in self.arr("meshes").iter().enumerate() {
                    let count = mesh
                        .get("primitives")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len);
                    primitives.extend((0..count).map(|p| format!("/meshes/{m}/primitives/{p}")));
                }
                if primitives.is_empty() {
                    return false;
                }
                let p = self.rng.pick(&primitives);
                let mode = self.rng.pick(&[0u64, 1, 2, 3, 4, 5, 6, 7, (1 << 32) + 4]);
                self.note(format!("{p}/mode = {mode}"));
                self.put(&p, "mode", json!(mode))
            }
            13 => {
                let accessors = self.count_of("accessors");
                let views = self.count_of("bufferViews");
                if accessors == 0 {
                    return false;
                }
                let a = self.rng.below(accessors);
                let sparse = json!({
                    "count": self.rng.pick(&[json!(0), json!(1), json!(2), json!(4), json!(1u64 << 32)]),
                    "indices": {
                        "bufferView": self.rng.below(views + 1),
                        "componentType": self.rng.pick(&[5121, 5123, 5125, 5126, 5120]),
                        "byteOffset": self.rng.pick(&[0u64, 1, 2, 1 << 32]),
                    },
                    "values": {"bufferView": self.rng.below(views + 1), "byteOffset": self.rng.pick(&[0u64, 4, 1 << 53])},
                });
                self.note(format!("/accessors/{a}/sparse = {sparse}"));
                self.put(&format!("/accessors/{a}"), "sparse", sparse)
            }
            14 => {
                let Some(p) = self.pick_pointer(Value::is_object) else {
                    return false;
                };
                let depth = self.rng.pick(&[16usize, 100, 126, 127, 128, 129, 1000, 20_000]);
                // A marker, replaced by `depth` nested arrays in the text (serde_json will
                // not build values nested that deep).
                self.note(format!("{p}/extras nested {depth} deep"));
                self.deep.push(depth);
                self.put(&p, "extras", json!({DEEP_MARKER: depth}))
            }
            15 => self.free_extension_values(),
            16 => self.free_enum(),
            17 => self.free_data(),
            18 => {
                let op = self.rng.pick(&[
                    TextOp::HugeNumber,
                    TextOp::FlipByte,
                    TextOp::InsertGarbage,
                    TextOp::Bom,
                    TextOp::DuplicateAsset,
                    TextOp::InvalidUtf8,
                ]);
                self.text_ops.push(op);
                self.note(format!("JSON text: {op:?}"));
                true
            }
            19 => {
                if self.seed.glb {
                    let op = self.rng.pick(&[
                        GlbOp::HeaderByte,
                        GlbOp::AppendGarbage,
                        GlbOp::UnknownChunk,
                        GlbOp::ExtraChunk,
                    ]);
                    self.glb_ops.push(op);
                    self.note(format!("GLB container: {op:?}"));
                } else {
                    self.as_glb = true;
                    self.note("packed as a GLB without a BIN chunk".into());
                }
                true
            }
            20 => {
                let scene = self.rng.below(self.count_of("scenes") + 1);
                self.options.scene = Some(scene);
                self.note(format!("ImportOptions::scene = {scene}"));
                true
            }
            _ => {
                // Odd but legal: unknown used extensions, unused accessors, an empty scene.
                match self.rng.below(3) {
                    0 => {
                        if self.doc.get("extensionsUsed").is_none() {
                            self.put("", "extensionsUsed", json!([]));
                        }
                        self.push("/extensionsUsed", json!("EXT_museion_unknown"));
                        self.note("unknown extension in extensionsUsed".into());
                    }
                    1 => {
                        if self.doc.get("accessors").is_none() {
                            self.put("", "accessors", json!([]));
                        }
                        self.push(
                            "/accessors",
                            json!({"componentType": 5126, "count": 1_000_000, "type": "VEC4"}),
                        );
                        self.note("unused accessor of 1e6 zero VEC4s".into());
                    }
                    _ => {
                        if self.doc.get("scenes").is_none() {
                            self.put("", "scenes", json!([]));
                        }
                        self.push("/scenes", json!({}));
                        self.note("empty scene added".into());
                    }
                }
                true
            }
        }
    }

    /// Sets one of `keys` of a random element of `/collection` to a value from `value`.
    fn free_field(&mut self, collection: &str, keys: &[&str], value: impl Fn(&mut Rng) -> Value) -> bool {
        let n = self.count_of(collection);
        if n == 0 {
            return false;
        }
        let index = self.rng.below(n);
        let key = self.rng.pick(keys);
        let value = value(&mut self.rng);
        self.note(format!("/{collection}/{index}/{key} = {value}"));
        self.put(&format!("/{collection}/{index}"), key, value)
    }

    fn free_extension_values(&mut self) -> bool {
        match self.rng.below(4) {
            0 => {
                let n = self.count_of("materials");
                if n == 0 {
                    return false;
                }
                let m = self.rng.below(n);
                let transform = self.rng.pick(&[
                    json!({"offset": [1e39, 0.0]}),
                    json!({"scale": "big"}),
                    json!({"rotation": 1e30, "texCoord": 7}),
                    json!({"texCoord": 1u64 << 32}),
                    json!([]),
                ]);
                let strength = self.rng.pick(&[json!(-1.0), json!(1e39), json!(0.0), json!("x")]);
                self.note(format!(
                    "/materials/{m}: texture transform {transform}, emissive strength {strength}"
                ));
                self.put(
                    &format!("/materials/{m}"),
                    "emissiveTexture",
                    json!({"index": 0, "extensions": {"KHR_texture_transform": transform}}),
                );
                self.put(
                    &format!("/materials/{m}"),
                    "extensions",
                    json!({"KHR_materials_emissive_strength": {"emissiveStrength": strength}, "KHR_materials_unlit": {}}),
                )
            }
            1 => {
                let light = self.rng.pick(&[
                    json!({"type": "spot", "spot": {"innerConeAngle": 2.0, "outerConeAngle": -1.0}}),
                    json!({"type": "point", "range": -5.0, "intensity": -1.0}),
                    json!({"type": "directional", "color": [1e39, 0.0, 0.0]}),
                    json!({"type": "area"}),
                    json!({"type": "spot", "spot": {"outerConeAngle": 0.0}}),
                ]);
                self.note(format!("light {light} added and used by node 0"));
                self.put(
                    "",
                    "extensions",
                    json!({"KHR_lights_punctual": {"lights": [light]}}),
                );
                let light = self.rng.below(2);
                if self.count_of("nodes") > 0 {
                    self.put(
                        "/nodes/0",
                        "extensions",
                        json!({"KHR_lights_punctual": {"light": light}}),
                    );
                }
                true
            }
            2 => {
                let camera = self.rng.pick(&[
                    json!({"type": "perspective", "perspective": {"yfov": 0.0, "znear": 0.1}}),
                    json!({"type": "perspective", "perspective": {"yfov": 1.0, "znear": 1.0, "zfar": 0.5, "aspectRatio": -1.0}}),
                    json!({"type": "perspective"}),
                    json!({"type": "orthographic", "orthographic": {"xmag": 0.0, "ymag": 1.0, "znear": 0.0, "zfar": 1.0}}),
                    json!({"type": "orthographic", "orthographic": {"xmag": 1.0, "ymag": 1.0, "znear": 2.0, "zfar": 1.0}}),
                    json!({"type": "fisheye"}),
                ]);
                self.note(format!("camera {camera} added and used by node 0"));
                if self.doc.get("cameras").is_none() {
                    self.put("", "cameras", json!([]));
                }
                let index = self.count_of("cameras");
                self.push("/cameras", camera);
                if self.count_of("nodes") > 0 {
                    self.put("/nodes/0", "camera", json!(index));
                }
                true
            }
            _ => {
                let n = self.count_of("materials");
                if n == 0 {
                    return false;
                }
                let m = self.rng.below(n);
                let (key, value) = self.rng.pick(&[
                    ("alphaCutoff", json!(-1.0)),
                    ("emissiveFactor", json!([2.0, -1.0, 1e39])),
                    ("normalTexture", json!({"index": 0, "scale": 1e39})),
                    (
                        "occlusionTexture",
                        json!({"index": 0, "strength": 5.0, "texCoord": 9}),
                    ),
                    (
                        "pbrMetallicRoughness",
                        json!({"baseColorFactor": [2.0, -1.0, 0.5, 1.0], "roughnessFactor": -3.0}),
                    ),
                ]);
                self.note(format!("/materials/{m}/{key} = {value}"));
                self.put(&format!("/materials/{m}"), key, value)
            }
        }
    }

    /// Enumerations and special values set to something odd.
    fn free_enum(&mut self) -> bool {
        let n = self.count_of("animations");
        if n > 0 && self.rng.chance(25) {
            let a = self.rng.below(n);
            let (pointer, key, value) = self.rng.pick(&[
                (
                    format!("/animations/{a}/samplers/0"),
                    "interpolation",
                    json!("CUBIC"),
                ),
                (
                    format!("/animations/{a}/samplers/0"),
                    "interpolation",
                    json!("CUBICSPLINE"),
                ),
                (
                    format!("/animations/{a}/channels/0/target"),
                    "path",
                    json!("color"),
                ),
                (
                    format!("/animations/{a}/channels/0/target"),
                    "path",
                    json!("weights"),
                ),
            ]);
            self.note(format!("{pointer}/{key} = {value}"));
            return self.put(&pointer, key, value);
        }
        let (collection, key, value) = self.rng.pick(&[
            ("materials", "alphaMode", json!("FOO")),
            ("materials", "alphaMode", json!("MASK")),
            ("samplers", "magFilter", json!(1)),
            ("samplers", "minFilter", json!(9728 + (1u64 << 32))),
            ("samplers", "wrapS", json!(0)),
            ("cameras", "type", json!("fisheye")),
            ("textures", "source", json!(u32::MAX)),
            ("images", "mimeType", json!("image/gif")),
            ("buffers", "byteLength", json!(0)),
        ]);
        let n = self.count_of(collection);
        if n == 0 {
            return false;
        }
        let index = self.rng.below(n);
        self.note(format!("/{collection}/{index}/{key} = {value}"));
        self.put(&format!("/{collection}/{index}"), key, value)
    }

    /// Buffer and image bytes: flipped, truncated, headers patched.
    fn free_data(&mut self) -> bool {
        if self.rng.chance(50) {
            let n = self.count_of("buffers");
            if n == 0 {
                return false;
            }
            let index = self.rng.below(n);
            let Some(mut bytes) = self.buffer_bytes(index) else {
                return false;
            };
            if bytes.is_empty() {
                return false;
            }
            let what = match self.rng.below(4) {
                0 => {
                    for _ in 0..1 + self.rng.below(16) {
                        let at = self.rng.below(bytes.len());
                        bytes[at] ^= 1 << self.rng.below(8);
                    }
                    "bytes flipped".to_owned()
                }
                1 => {
                    let at = self.rng.below(bytes.len());
                    let len = (1 + self.rng.below(64)).min(bytes.len() - at);
                    bytes[at..at + len].fill(0xFF);
                    format!("{len} bytes at {at} set to 0xFF")
                }
                2 => {
                    let keep = self.rng.below(bytes.len());
                    bytes.truncate(keep);
                    format!("truncated to {keep} bytes")
                }
                _ => {
                    bytes.extend(std::iter::repeat_n(0xAB, 1 + self.rng.below(100)));
                    "extended".to_owned()
                }
            };
            self.store_buffer(index, &bytes);
            self.note(format!("buffer {index}: {what}"));
            return true;
        }
        let n = self.count_of("images");
        if n == 0 {
            return false;
        }
        let index = self.rng.below(n);
        let Some((mut bytes, at)) = self.image_bytes(index) else {
            return false;
        };
        if bytes.len() < 32 {
            return false;
        }
        let what = match self.rng.below(5) {
            0 if is_png(&bytes) => {
                let (w, h) = self
                    .rng
                    .pick(&[(1, 1), (3, 5), (16_384, 16_384), (0, 4), (4096, 1)]);
                patch_png_size(&mut bytes, w, h);
                format!("PNG IHDR says {w}x{h}")
            }
            0 => {
                let Some(sof) = jpeg_sof(&bytes) else { return false };
                let (w, h) = self
                    .rng
                    .pick(&[(0u16, 0u16), (1, 1), (16_384, 16_384), (65_535, 1)]);
                bytes[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
                bytes[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
                format!("JPEG SOF says {w}x{h}")
            }
            1 if bytes.starts_with(&KTX2_MAGIC) && bytes.len() > 104 => {
                let (w, h) =
                    self.rng
                        .pick(&[(0u32, 1u32), (16_384, 16_384), (1 << 20, 1), (u32::MAX, u32::MAX)]);
                bytes[20..24].copy_from_slice(&w.to_le_bytes());
                bytes[24..28].copy_from_slice(&h.to_le_bytes());
                if self.rng.chance(50) {
                    bytes[12..16].copy_from_slice(&37u32.to_le_bytes()); // R8G8B8A8_UNORM
                    bytes[44..48].copy_from_slice(&self.rng.pick(&[0u32, 2]).to_le_bytes());
                }
                format!("KTX2 header says {w}x{h}")
            }
            2 => {
                let keep = 8 + self.rng.below(bytes.len() - 8);
                bytes.truncate(keep);
                format!("truncated to {keep} bytes")
            }
            3 => {
                for _ in 0..1 + self.rng.below(32) {
                    let at = self.rng.below(bytes.len());
                    bytes[at] = self.rng.next_u64() as u8;
                }
                "bytes changed".to_owned()
            }
            _ => {
                let keep = bytes.len().min(64);
                bytes.truncate(keep);
                bytes
                    .iter_mut()
                    .skip(8)
                    .for_each(|b| *b = b.wrapping_mul(31).wrapping_add(7));
                "replaced by garbage after its signature".to_owned()
            }
        };
        self.store_image(index, at, &bytes);
        self.note(format!("image {index}: {what}"));
        true
    }
}
