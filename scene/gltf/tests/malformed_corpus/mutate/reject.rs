//! Mutations that break a rule of the glTF specification, so that the importer must give
//! an `Err`: unknown required extensions, bad versions, indices out of range, cycles and
//! second parents, ranges past the end of a buffer, huge image headers, bad base64 and
//! URIs that cannot be loaded, truncated text and buffers, broken GLB containers.

use super::{Build, GlbOp, Ref, TextOp};
use crate::util::{as_index, children, element_size, is_png, jpeg_sof, patch_png_size};
use serde_json::{Value, json};

impl Build<'_> {
    // --- mutations that must be rejected -----------------------------------------------

    pub(super) fn must_reject_op(&mut self, kind: usize) -> bool {
        match kind {
            0 => {
                let name = format!("EXT_museion_unknown_{}", self.rng.below(100));
                let used = self.doc.get("extensionsUsed").is_some();
                if self.doc.get("extensionsRequired").is_none() {
                    self.put("", "extensionsRequired", json!([]));
                }
                if used {
                    self.push("/extensionsUsed", json!(name));
                }
                if !self.push("/extensionsRequired", json!(name)) {
                    return false;
                }
                self.reject(format!("unknown required extension {name}"));
                true
            }
            1 => {
                let (pointer, version) = if self.rng.chance(70) {
                    (
                        "/asset/version",
                        self.rng.pick(&["1.0", "3.0", "", "two", "20", "-2.0"]),
                    )
                } else {
                    ("/asset/minVersion", self.rng.pick(&["2.1", "3.0", "1.0"]))
                };
                if pointer.ends_with("minVersion") {
                    self.put("/asset", "minVersion", json!(version));
                } else {
                    self.set(pointer, json!(version));
                }
                self.reject(format!("{pointer} = {version:?}"));
                true
            }
            2 => {
                let scenes = self.count_of("scenes");
                let value = scenes + self.rng.below(3);
                self.put("", "scene", json!(value));
                self.reject(format!("/scene = {value} with {scenes} scenes"));
                true
            }
            3 => self.reject_ref_out_of_range(),
            4 => self.reject_cycle(),
            5 => self.reject_two_parents(),
            6 => {
                let n = self.count_of("buffers");
                if n == 0 {
                    return false;
                }
                let index = self.rng.below(n);
                let Some(actual) = self.buffer_bytes(index).map(|b| b.len()) else {
                    return false;
                };
                let value = self.rng.pick(&[actual + 1, actual + 4096, 1usize << 40]);
                self.set(&format!("/buffers/{index}/byteLength"), json!(value));
                self.reject(format!(
                    "/buffers/{index}/byteLength = {value}, data has {actual} bytes"
                ));
                true
            }
            7 => {
                let Some(a) = self.pick_used_accessor(false) else {
                    return false;
                };
                let value = self.rng.pick(&[
                    json!(1u64 << 32),
                    json!(1u64 << 40),
                    json!(1u64 << 53),
                    json!(1e20),
                    json!(-1),
                    json!("3"),
                ]);
                self.set(&format!("/accessors/{a}/count"), value.clone());
                self.reject(format!("/accessors/{a}/count = {value}"));
                true
            }
            8 => {
                let Some(a) = self.pick_used_accessor(true) else {
                    return false;
                };
                let value = self.rng.pick(&[1u64 << 32, 1 << 53, u64::MAX, 1 << 31]);
                self.put(&format!("/accessors/{a}"), "byteOffset", json!(value));
                self.reject(format!("/accessors/{a}/byteOffset = {value}"));
                true
            }
            9 => {
                let (_, views) = self.used_accessors_and_views();
                let views: Vec<usize> = views.into_iter().collect();
                if views.is_empty() {
                    return false;
                }
                let v = self.rng.pick(&views);
                let Some(buffer) = self
                    .arr("bufferViews")
                    .get(v)
                    .and_then(|view| view.get("buffer"))
                    .and_then(as_index)
                else {
                    return false;
                };
                let Some(size) = self
                    .arr("buffers")
                    .get(buffer)
                    .and_then(|b| b.get("byteLength"))
                    .and_then(as_index)
                else {
                    return false;
                };
                let (key, value) = if self.rng.chance(50) {
                    ("byteLength", self.rng.pick(&[size as u64 + 1, 1 << 32, 1 << 53]))
                } else {
                    ("byteOffset", self.rng.pick(&[size as u64 + 1, 1 << 32, 1 << 53]))
                };
                self.put(&format!("/bufferViews/{v}"), key, json!(value));
                self.reject(format!(
                    "/bufferViews/{v}/{key} = {value} in a buffer of {size} bytes"
                ));
                true
            }
            10 => {
                let Some(a) = self.pick_used_accessor(true) else {
                    return false;
                };
                let accessor = &self.arr("accessors")[a];
                let Some(size) = element_size(accessor) else {
                    return false;
                };
                let Some(v) = accessor.get("bufferView").and_then(as_index) else {
                    return false;
                };
                if size < 2 || v >= self.count_of("bufferViews") {
                    return false;
                }
                // 0 means "tightly packed" to Museion (as to many readers): not an error.
                let stride = self.rng.pick(&[1, size - 1]);
                self.put(&format!("/bufferViews/{v}"), "byteStride", json!(stride));
                self.reject(format!(
                    "/bufferViews/{v}/byteStride = {stride}, below the {size}-byte elements of accessor {a}"
                ));
                true
            }
            11 => {
                let scenes = self.count_of("scenes");
                let scene = scenes + self.rng.below(3);
                self.options.scene = Some(scene);
                self.reject(format!("ImportOptions::scene = {scene} with {scenes} scenes"));
                true
            }
            12 => {
                self.text_ops.push(TextOp::Truncate);
                self.reject("JSON text cut short".into());
                true
            }
            13 => {
                self.text_ops.push(TextOp::BadNumber);
                self.reject("a number in the JSON text replaced by a token that is not JSON".into());
                true
            }
            14 => {
                let n = self.count_of("buffers");
                if n == 0 {
                    return false;
                }
                let index = self.rng.below(n);
                let Some(mut bytes) = self.buffer_bytes(index) else {
                    return false;
                };
                let Some(declared) = self.arr("buffers")[index].get("byteLength").and_then(as_index) else {
                    return false;
                };
                if declared == 0 {
                    return false;
                }
                // A GLB pads its BIN chunk to four bytes: keep the padded length short too.
                let in_glb = self.arr("buffers")[index].get("uri").is_none();
                let most = if in_glb {
                    (declared - 1) / 4 * 4
                } else {
                    declared - 1
                };
                bytes.truncate(self.rng.below(most + 1));
                let cut = bytes.len();
                self.store_buffer(index, &bytes);
                self.reject(format!(
                    "buffer {index} data truncated to {cut} of {declared} declared bytes"
                ));
                true
            }
            15 => self.reject_index_value(),
            16 => self.reject_huge_image(),
            17 => self.reject_base64(),
            18 => self.reject_uri(),
            _ => {
                if !self.seed.glb {
                    return false;
                }
                let op = self.rng.pick(&[
                    GlbOp::Version,
                    GlbOp::LengthBit,
                    GlbOp::Truncate,
                    GlbOp::FirstChunkType,
                    GlbOp::JsonChunkTooLong,
                    GlbOp::JsonChunkShrunk,
                    GlbOp::SwapChunks,
                ]);
                if matches!(op, GlbOp::SwapChunks) && self.bin.is_none() {
                    return false;
                }
                self.glb_ops.push(op);
                self.reject(format!("GLB container: {op:?}"));
                true
            }
        }
    }

    /// An accessor the importer reads, optionally one with a buffer view.
    fn pick_used_accessor(&mut self, with_view: bool) -> Option<usize> {
        let (used, _) = self.used_accessors_and_views();
        let candidates: Vec<usize> = used
            .into_iter()
            .filter(|&a| {
                self.arr("accessors")
                    .get(a)
                    .is_some_and(|acc| !with_view || acc.get("bufferView").is_some())
            })
            .collect();
        (!candidates.is_empty()).then(|| self.rng.pick(&candidates))
    }

    fn reject_ref_out_of_range(&mut self) -> bool {
        let refs: Vec<Ref> = self.refs().into_iter().filter(|r| r.checked).collect();
        if refs.is_empty() {
            return false;
        }
        let r = &refs[self.rng.below(refs.len())];
        let original = self.doc.pointer(&r.pointer).and_then(Value::as_u64).unwrap_or(0);
        let value = match self.rng.below(6) {
            0 => r.count as u64,
            1 => r.count as u64 + 1 + self.rng.below(100) as u64,
            2 => 1 << 31,
            3 => u64::from(u32::MAX),
            // Past 2^32: an index the file cannot mean, whatever u32 it wraps to.
            4 => (1 << 32) + original,
            _ => (1 << 32) + r.count as u64,
        };
        let (pointer, count) = (r.pointer.clone(), r.count);
        self.set(&pointer, json!(value));
        self.reject(format!("{pointer} = {value}, out of range (count {count})"));
        true
    }

    /// Parents of every node of the (valid) seed hierarchy.
    fn parents(&self) -> Vec<Option<usize>> {
        let nodes = self.arr("nodes");
        let mut parent = vec![None; nodes.len()];
        for (n, node) in nodes.iter().enumerate() {
            for c in children(node) {
                if c < parent.len() {
                    parent[c] = Some(n);
                }
            }
        }
        parent
    }

    fn reject_cycle(&mut self) -> bool {
        let n = self.count_of("nodes");
        if n == 0 {
            return false;
        }
        let parent = self.parents();
        let with_parent: Vec<usize> = (0..n).filter(|&c| parent[c].is_some()).collect();
        if with_parent.is_empty() {
            let node = self.rng.below(n);
            self.add_child(node, node);
            self.reject(format!("node {node} made its own child"));
            return true;
        }
        let child = self.rng.pick(&with_parent);
        let mut root = child;
        let mut steps = 0;
        while let Some(p) = parent[root] {
            root = p;
            steps += 1;
            if steps > n {
                return false;
            }
        }
        self.add_child(child, root);
        self.reject(format!(
            "node {root} made a child of its descendant {child} (a cycle)"
        ));
        true
    }

    fn reject_two_parents(&mut self) -> bool {
        let n = self.count_of("nodes");
        let parent = self.parents();
        let with_parent: Vec<usize> = (0..n).filter(|&c| parent[c].is_some()).collect();
        if with_parent.is_empty() || n < 2 {
            return false;
        }
        let child = self.rng.pick(&with_parent);
        let first = parent[child].unwrap_or(0);
        let second = self.rng.below(n);
        self.add_child(second, child);
        self.reject(format!(
            "node {child} given a second parent {second} (first {first})"
        ));
        true
    }

    fn add_child(&mut self, parent: usize, child: usize) {
        let pointer = format!("/nodes/{parent}");
        if self.doc.pointer(&format!("{pointer}/children")).is_none() {
            self.put(&pointer, "children", json!([]));
        }
        self.push(&format!("{pointer}/children"), json!(child));
    }

    /// Sets one index of an indices accessor to a value no vertex has.
    fn reject_index_value(&mut self) -> bool {
        let mut candidates = Vec::new();
        for mesh in self.arr("meshes") {
            for primitive in mesh
                .get("primitives")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(indices) = primitive.get("indices").and_then(as_index) else {
                    continue;
                };
                let Some(position) = primitive.pointer("/attributes/POSITION").and_then(as_index) else {
                    continue;
                };
                candidates.push((indices, position));
            }
        }
        if candidates.is_empty() {
            return false;
        }
        let (a, position) = self.rng.pick(&candidates);
        let accessors = self.arr("accessors");
        let (Some(accessor), Some(vertices)) = (
            accessors.get(a),
            accessors
                .get(position)
                .and_then(|p| p.get("count"))
                .and_then(as_index),
        ) else {
            return false;
        };
        let (Some(view), Some(count)) = (
            accessor.get("bufferView").and_then(as_index),
            accessor.get("count").and_then(as_index),
        ) else {
            return false;
        };
        if accessor.get("sparse").is_some() || count == 0 {
            return false;
        }
        let (size, max): (usize, u64) = match accessor.get("componentType").and_then(Value::as_u64) {
            Some(5121) => (1, 0xFF),
            Some(5123) => (2, 0xFFFF),
            Some(5125) => (4, 0xFFFF_FFFF),
            _ => return false,
        };
        if max < vertices as u64 {
            return false;
        }
        let Some(view_json) = self.arr("bufferViews").get(view) else {
            return false;
        };
        let stride = view_json.get("byteStride").and_then(as_index).unwrap_or(size);
        let Some(buffer) = view_json.get("buffer").and_then(as_index) else {
            return false;
        };
        let view_offset = view_json.get("byteOffset").and_then(as_index).unwrap_or(0);
        let offset = accessor.get("byteOffset").and_then(as_index).unwrap_or(0);
        let element = self.rng.below(count);
        let at = view_offset + offset + element * stride;
        let Some(mut bytes) = self.buffer_bytes(buffer) else {
            return false;
        };
        let Some(slot) = bytes.get_mut(at..at + size) else {
            return false;
        };
        slot.copy_from_slice(&max.to_le_bytes()[..size]);
        self.store_buffer(buffer, &bytes);
        self.reject(format!(
            "index {element} of accessor {a} set to {max}, with {vertices} vertices"
        ));
        true
    }

    /// A PNG `IHDR` or JPEG `SOF` claiming a side beyond the 16384-pixel default limit.
    fn reject_huge_image(&mut self) -> bool {
        let n = self.count_of("images");
        if n == 0 {
            return false;
        }
        let index = self.rng.below(n);
        let Some((mut bytes, at)) = self.image_bytes(index) else {
            return false;
        };
        let side = self.rng.pick(&[16_385u32, 65_535, 1 << 20, 0x7FFF_FFFF]);
        let wide = self.rng.chance(50);
        let patched = if is_png(&bytes) {
            patch_png_size(
                &mut bytes,
                if wide { side } else { 1 },
                if wide { 1 } else { side },
            );
            true
        } else if let Some(sof) = jpeg_sof(&bytes) {
            let v = side.min(65_535) as u16;
            let field = if wide { sof + 7 } else { sof + 5 };
            bytes[field..field + 2].copy_from_slice(&v.to_be_bytes());
            true
        } else {
            false
        };
        if !patched {
            return false;
        }
        self.store_image(index, at, &bytes);
        self.reject(format!(
            "image {index} header claims a {} of {}",
            if wide { "width" } else { "height" },
            if is_png(&bytes) { side } else { side.min(65_535) }
        ));
        true
    }

    /// Data URIs (of buffers or images) whose base64 is invalid or that are malformed.
    fn reject_base64(&mut self) -> bool {
        let Some(pointer) = self.pick_pointer(|v| v.as_str().is_some_and(|s| s.starts_with("data:"))) else {
            return false;
        };
        if !(pointer.starts_with("/buffers/") || pointer.starts_with("/images/")) {
            return false;
        }
        let uri = self
            .doc
            .pointer(&pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let Some(comma) = uri.find(',') else { return false };
        let (new, what) = match self.rng.below(4) {
            0 | 1 => {
                let payload = uri.len() - comma - 1;
                let at = comma + 1 + self.rng.below(payload.max(1));
                let bad = self.rng.pick(&['!', '*', '#', 'é', '.']);
                let mut new = uri.clone();
                new.insert(at.min(uri.len()), bad);
                (new, format!("character {bad:?} inserted into the base64 payload"))
            }
            // (Without ';base64' a data URI is percent-encoded bytes, RFC 2397: valid.)
            2 if uri.len() > comma + 1 && uri.contains(";base64") => (
                uri[..uri.len() - 1].to_owned(),
                "last character of the base64 payload removed".to_owned(),
            ),
            2 => return false,
            _ => (uri.replacen(',', ";base64", 1), "comma removed".to_owned()),
        };
        if new == uri {
            return false;
        }
        self.set(&pointer, json!(new));
        self.reject(format!("{pointer}: {what}"));
        true
    }

    /// External URIs that cannot be loaded.
    fn reject_uri(&mut self) -> bool {
        let mut pointers = Vec::new();
        for key in ["buffers", "images"] {
            for (i, item) in self.arr(key).iter().enumerate() {
                if item.get("uri").is_some() {
                    pointers.push(format!("/{key}/{i}/uri"));
                }
            }
        }
        if pointers.is_empty() {
            return false;
        }
        let pointer = self.rng.pick(&pointers);
        let uri = match self.rng.below(5) {
            0 => format!("missing_{}.bin", self.id),
            1 => "https://example.invalid/model.bin".to_owned(),
            2 => "%FF%FE.bin".to_owned(),
            3 => String::new(),
            _ => "sub%2Fdir/../missing.png".to_owned(),
        };
        self.set(&pointer, json!(uri));
        self.reject(format!("{pointer} = {uri:?}, which cannot be loaded"));
        true
    }
}
