//! Builds small glTF files for tests: a JSON document plus one binary buffer, written
//! as `.gltf` with an external `.bin`, as `.gltf` with a data URI, or as `.glb`.

// In test helpers a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used)]

use base64::Engine;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// glTF component type code of `i8`.
pub const BYTE: u32 = 5120;
/// glTF component type code of `u8`.
pub const UNSIGNED_BYTE: u32 = 5121;
/// glTF component type code of `i16`.
pub const SHORT: u32 = 5122;
/// glTF component type code of `u16`.
pub const UNSIGNED_SHORT: u32 = 5123;
/// glTF component type code of `u32`.
pub const UNSIGNED_INT: u32 = 5125;
/// glTF component type code of `f32`.
pub const FLOAT: u32 = 5126;

/// A glTF document being built: its JSON and one binary buffer.
pub struct Gltf {
    /// The document.
    pub json: Value,
    /// The binary buffer, referred to by the document's one buffer.
    pub bin: Vec<u8>,
}

impl Default for Gltf {
    fn default() -> Self {
        Self::new()
    }
}

impl Gltf {
    /// A document with only its `asset`.
    pub fn new() -> Self {
        Self {
            json: json!({ "asset": { "version": "2.0", "generator": "museion tests" } }),
            bin: Vec::new(),
        }
    }

    /// Appends `value` to the top-level array `array` and returns its index.
    pub fn push(&mut self, array: &str, value: Value) -> usize {
        let list = self
            .json
            .as_object_mut()
            .unwrap()
            .entry(array)
            .or_insert_with(|| json!([]));
        let list = list.as_array_mut().unwrap();
        list.push(value);
        list.len() - 1
    }

    /// Appends bytes to the binary buffer (4-byte aligned) as a new buffer view.
    pub fn view(&mut self, bytes: &[u8], stride: Option<usize>) -> usize {
        while !self.bin.len().is_multiple_of(4) {
            self.bin.push(0);
        }
        let offset = self.bin.len();
        self.bin.extend_from_slice(bytes);
        let mut view = json!({ "buffer": 0, "byteOffset": offset, "byteLength": bytes.len() });
        if let Some(stride) = stride {
            view["byteStride"] = json!(stride);
        }
        self.push("bufferViews", view)
    }

    /// A tightly packed accessor over new data.
    pub fn accessor(
        &mut self,
        bytes: &[u8],
        component: u32,
        count: usize,
        ty: &str,
        normalized: bool,
    ) -> usize {
        let view = self.view(bytes, None);
        let mut accessor =
            json!({ "bufferView": view, "componentType": component, "count": count, "type": ty });
        if normalized {
            accessor["normalized"] = json!(true);
        }
        self.push("accessors", accessor)
    }

    /// A float VEC3 accessor with min and max, as POSITION needs.
    pub fn positions(&mut self, points: &[[f32; 3]]) -> usize {
        let index = self.accessor(
            &f32_bytes(points.iter().flatten()),
            FLOAT,
            points.len(),
            "VEC3",
            false,
        );
        let (min, max) = min_max(points);
        self.json["accessors"][index]["min"] = json!(min);
        self.json["accessors"][index]["max"] = json!(max);
        index
    }

    /// A float accessor of `ty` (`SCALAR`, `VEC2`, …) over `values`.
    pub fn floats(&mut self, values: &[f32], ty: &str) -> usize {
        let count = values.len() / components(ty);
        self.accessor(&f32_bytes(values.iter()), FLOAT, count, ty, false)
    }

    /// A `u16` index accessor.
    pub fn indices_u16(&mut self, indices: &[u16]) -> usize {
        let bytes: Vec<u8> = indices.iter().flat_map(|i| i.to_le_bytes()).collect();
        self.accessor(&bytes, UNSIGNED_SHORT, indices.len(), "SCALAR", false)
    }

    /// A `u32` index accessor.
    pub fn indices_u32(&mut self, indices: &[u32]) -> usize {
        let bytes: Vec<u8> = indices.iter().flat_map(|i| i.to_le_bytes()).collect();
        self.accessor(&bytes, UNSIGNED_INT, indices.len(), "SCALAR", false)
    }

    /// A `u8` index accessor.
    pub fn indices_u8(&mut self, indices: &[u8]) -> usize {
        self.accessor(indices, UNSIGNED_BYTE, indices.len(), "SCALAR", false)
    }

    /// A mesh with one primitive and a node placing it in scene 0; returns the mesh index.
    pub fn mesh_node(&mut self, primitive: Value) -> usize {
        let mesh = self.push("meshes", json!({ "primitives": [primitive] }));
        let node = self.push("nodes", json!({ "mesh": mesh }));
        self.root(node);
        mesh
    }

    /// Adds `node` to the roots of scene 0 (creating it).
    pub fn root(&mut self, node: usize) {
        if self.json.get("scenes").is_none() {
            self.push("scenes", json!({ "nodes": [] }));
        }
        self.json["scenes"][0]["nodes"]
            .as_array_mut()
            .unwrap()
            .push(json!(node));
    }

    /// Appends an image's encoded bytes as a buffer view image.
    pub fn image_in_buffer(&mut self, encoded: &[u8], mime: &str) -> usize {
        let view = self.view(encoded, None);
        self.push("images", json!({ "bufferView": view, "mimeType": mime }))
    }

    fn with_buffer(&self, uri: Option<String>) -> Value {
        let mut json = self.json.clone();
        if !self.bin.is_empty() {
            let mut buffer = json!({ "byteLength": self.bin.len() });
            if let Some(uri) = uri {
                buffer["uri"] = json!(uri);
            }
            json["buffers"] = json!([buffer]);
        }
        json
    }

    /// `.gltf` text with the buffer as a base64 data URI.
    pub fn embedded(&self) -> String {
        let data = base64::engine::general_purpose::STANDARD.encode(&self.bin);
        self.with_buffer(Some(format!("data:application/octet-stream;base64,{data}")))
            .to_string()
    }

    /// Writes `name.gltf` and `name.bin` into `dir`; returns the `.gltf` path.
    pub fn write_gltf(&self, dir: &Path, name: &str) -> PathBuf {
        let bin_name = format!("{name}.bin");
        std::fs::write(dir.join(&bin_name), &self.bin).unwrap();
        let path = dir.join(format!("{name}.gltf"));
        std::fs::write(&path, self.with_buffer(Some(bin_name)).to_string()).unwrap();
        path
    }

    /// Writes `.gltf` text with an embedded buffer; returns its path.
    pub fn write_embedded(&self, dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(format!("{name}.gltf"));
        std::fs::write(&path, self.embedded()).unwrap();
        path
    }

    /// The document as a binary glTF container.
    pub fn glb(&self) -> Vec<u8> {
        glb(
            self.with_buffer(None).to_string().as_bytes(),
            (!self.bin.is_empty()).then_some(&self.bin[..]),
        )
    }

    /// Writes `name.glb` into `dir`; returns its path.
    pub fn write_glb(&self, dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(format!("{name}.glb"));
        std::fs::write(&path, self.glb()).unwrap();
        path
    }
}

/// A GLB container around `json` and an optional binary chunk.
pub fn glb(json: &[u8], bin: Option<&[u8]>) -> Vec<u8> {
    let mut chunks = Vec::new();
    let mut chunk = |tag: &[u8; 4], data: &[u8], pad: u8| {
        let padded = data.len().div_ceil(4) * 4;
        chunks.extend((padded as u32).to_le_bytes());
        chunks.extend(tag);
        chunks.extend(data);
        chunks.resize(chunks.len() + padded - data.len(), pad);
    };
    chunk(b"JSON", json, b' ');
    if let Some(bin) = bin {
        chunk(b"BIN\0", bin, 0);
    }
    let mut out = Vec::new();
    out.extend(b"glTF");
    out.extend(2u32.to_le_bytes());
    out.extend(((12 + chunks.len()) as u32).to_le_bytes());
    out.extend(chunks);
    out
}

/// Components of an accessor type (`VEC3` has 3).
pub fn components(ty: &str) -> usize {
    match ty {
        "SCALAR" => 1,
        "VEC2" => 2,
        "VEC3" => 3,
        "VEC4" | "MAT2" => 4,
        "MAT3" => 9,
        "MAT4" => 16,
        other => panic!("unknown type {other}"),
    }
}

/// Little-endian bytes of floats.
pub fn f32_bytes<'a>(values: impl IntoIterator<Item = &'a f32>) -> Vec<u8> {
    values.into_iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn min_max(points: &[[f32; 3]]) -> ([f32; 3], [f32; 3]) {
    let mut min = [f32::INFINITY; 3];
    let mut max = [f32::NEG_INFINITY; 3];
    for p in points {
        for k in 0..3 {
            min[k] = min[k].min(p[k]);
            max[k] = max[k].max(p[k]);
        }
    }
    (min, max)
}

/// A triangle in the z = 0 plane, facing +z.
pub const TRIANGLE: [[f32; 3]; 3] = [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]];

/// A document with one indexed triangle (u16 indices) in scene 0.
pub fn triangle() -> Gltf {
    let mut g = Gltf::new();
    let positions = g.positions(&TRIANGLE);
    let indices = g.indices_u16(&[0, 1, 2]);
    g.mesh_node(json!({ "attributes": { "POSITION": positions }, "indices": indices }));
    g
}

/// PNG bytes of an RGBA image whose pixel (x, y) is `(x * 40, y * 40, 200, 255)`.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x * 40) as u8, (y * 40) as u8, 200, 255])
    });
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// CRC-32 (IEEE), as PNG chunks use.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Rewrites a PNG's header to claim `width` × `height`, with a valid chunk checksum.
pub fn png_claiming(mut bytes: Vec<u8>, width: u32, height: u32) -> Vec<u8> {
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}
