//! Reading and writing the document of a case being built: pointers, side files, the
//! default scene's nodes, the accessors and views the importer reads, every index-valued
//! field, and the bytes of buffers and images wherever they live.

use super::{Build, ImageAt, KNOWN_ATTRIBUTES, Ref};
use crate::util::{as_index, children, data_uri, decode_data_uri, escape, walk};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

impl Build<'_> {
    // --- reading and writing the document -------------------------------------------

    pub(super) fn arr(&self, key: &str) -> &[Value] {
        self.doc
            .get(key)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    pub(super) fn count_of(&self, key: &str) -> usize {
        self.arr(key).len()
    }

    pub(super) fn set(&mut self, pointer: &str, value: Value) -> bool {
        match self.doc.pointer_mut(pointer) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// Sets `key` in the object at `pointer`.
    pub(super) fn put(&mut self, pointer: &str, key: &str, value: Value) -> bool {
        match self.doc.pointer_mut(pointer).and_then(Value::as_object_mut) {
            Some(object) => {
                object.insert(key.to_owned(), value);
                true
            }
            None => false,
        }
    }

    pub(super) fn push(&mut self, pointer: &str, value: Value) -> bool {
        match self.doc.pointer_mut(pointer).and_then(Value::as_array_mut) {
            Some(array) => {
                array.push(value);
                true
            }
            None => false,
        }
    }

    /// A random pointer (not the root) whose value satisfies `keep`.
    pub(super) fn pick_pointer(&mut self, keep: impl Fn(&Value) -> bool) -> Option<String> {
        let all: Vec<String> = walk(&self.doc)
            .into_iter()
            .filter(|(p, v)| !p.is_empty() && keep(v))
            .map(|(p, _)| p)
            .collect();
        (!all.is_empty()).then(|| all[self.rng.below(all.len())].clone())
    }

    fn write_side_file(&mut self, extension: &str, bytes: &[u8]) -> String {
        let name = format!("case{:04}_{}.{extension}", self.id, self.side_files);
        self.side_files += 1;
        std::fs::write(self.seed.dir.join(&name), bytes).expect("write a side file");
        name
    }

    /// The nodes of the scene the importer picks by default (all of them without scenes).
    fn default_scene_nodes(&self) -> (Option<usize>, Vec<bool>) {
        let nodes = self.arr("nodes");
        let scene = self
            .doc
            .get("scene")
            .and_then(Value::as_u64)
            .map(|s| s as usize)
            .or((self.count_of("scenes") > 0).then_some(0));
        let mut inside = vec![scene.is_none(); nodes.len()];
        if let Some(s) = scene {
            let mut stack: Vec<usize> = self
                .arr("scenes")
                .get(s)
                .and_then(|scene| scene.get("nodes"))
                .and_then(Value::as_array)
                .map_or(Vec::new(), |a| a.iter().filter_map(as_index).collect());
            while let Some(n) = stack.pop() {
                if n < nodes.len() && !inside[n] {
                    inside[n] = true;
                    stack.extend(children(&nodes[n]));
                }
            }
        }
        (scene, inside)
    }

    /// Accessors the importer reads (mesh attributes it knows, indices, morph targets,
    /// skins, animations) and the buffer views it reads through them or through images.
    pub(super) fn used_accessors_and_views(&self) -> (BTreeSet<usize>, BTreeSet<usize>) {
        let mut accessors = BTreeSet::new();
        for mesh in self.arr("meshes") {
            for primitive in mesh
                .get("primitives")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(attributes) = primitive.get("attributes").and_then(Value::as_object) {
                    for (name, index) in attributes {
                        if KNOWN_ATTRIBUTES.contains(&name.as_str()) {
                            accessors.extend(as_index(index));
                        }
                    }
                }
                accessors.extend(primitive.get("indices").and_then(as_index));
                for target in primitive
                    .get("targets")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    for name in ["POSITION", "NORMAL", "TANGENT"] {
                        accessors.extend(target.get(name).and_then(as_index));
                    }
                }
            }
        }
        for skin in self.arr("skins") {
            accessors.extend(skin.get("inverseBindMatrices").and_then(as_index));
        }
        for animation in self.arr("animations") {
            for sampler in animation
                .get("samplers")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                accessors.extend(sampler.get("input").and_then(as_index));
                accessors.extend(sampler.get("output").and_then(as_index));
            }
        }
        let mut views = BTreeSet::new();
        for &a in &accessors {
            if let Some(accessor) = self.arr("accessors").get(a) {
                views.extend(accessor.get("bufferView").and_then(as_index));
                views.extend(accessor.pointer("/sparse/indices/bufferView").and_then(as_index));
                views.extend(accessor.pointer("/sparse/values/bufferView").and_then(as_index));
            }
        }
        for image in self.arr("images") {
            if image.get("uri").is_none() {
                views.extend(image.get("bufferView").and_then(as_index));
            }
        }
        (accessors, views)
    }

    /// Every index-valued field, with whether the importer always resolves it.
    pub(super) fn refs(&self) -> Vec<Ref> {
        let mut refs = Vec::new();
        let mut add = |pointer: String, count: usize, checked: bool| {
            refs.push(Ref {
                pointer,
                count,
                checked,
            })
        };
        let count = |key: &str| self.count_of(key);
        let (scene, inside) = self.default_scene_nodes();
        let (used_accessors, used_views) = self.used_accessors_and_views();
        let lights = self
            .doc
            .pointer("/extensions/KHR_lights_punctual/lights")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if self.doc.get("scene").is_some() {
            add("/scene".into(), count("scenes"), true);
        }
        for (s, value) in self.arr("scenes").iter().enumerate() {
            for j in 0..value.get("nodes").and_then(Value::as_array).map_or(0, Vec::len) {
                add(format!("/scenes/{s}/nodes/{j}"), count("nodes"), scene == Some(s));
            }
        }
        for (n, node) in self.arr("nodes").iter().enumerate() {
            for j in 0..node.get("children").and_then(Value::as_array).map_or(0, Vec::len) {
                add(format!("/nodes/{n}/children/{j}"), count("nodes"), true);
            }
            let here = inside.get(n).copied().unwrap_or(false);
            for (key, of) in [("mesh", "meshes"), ("camera", "cameras"), ("skin", "skins")] {
                if node.get(key).is_some() {
                    add(format!("/nodes/{n}/{key}"), count(of), here);
                }
            }
            if node.pointer("/extensions/KHR_lights_punctual/light").is_some() {
                add(
                    format!("/nodes/{n}/extensions/KHR_lights_punctual/light"),
                    lights,
                    here,
                );
            }
        }
        for (m, mesh) in self.arr("meshes").iter().enumerate() {
            let primitives = mesh.get("primitives").and_then(Value::as_array);
            for (p, primitive) in primitives.into_iter().flatten().enumerate() {
                let base = format!("/meshes/{m}/primitives/{p}");
                if let Some(attributes) = primitive.get("attributes").and_then(Value::as_object) {
                    for name in attributes.keys() {
                        let known = KNOWN_ATTRIBUTES.contains(&name.as_str());
                        add(
                            format!("{base}/attributes/{}", escape(name)),
                            count("accessors"),
                            known,
                        );
                    }
                }
                for (key, of) in [("indices", "accessors"), ("material", "materials")] {
                    if primitive.get(key).is_some() {
                        add(format!("{base}/{key}"), count(of), true);
                    }
                }
                let targets = primitive.get("targets").and_then(Value::as_array);
                for (t, target) in targets.into_iter().flatten().enumerate() {
                    for name in target.as_object().into_iter().flat_map(Map::keys) {
                        let known = ["POSITION", "NORMAL", "TANGENT"].contains(&name.as_str());
                        add(
                            format!("{base}/targets/{t}/{}", escape(name)),
                            count("accessors"),
                            known,
                        );
                    }
                }
            }
        }
        for (m, material) in self.arr("materials").iter().enumerate() {
            for slot in [
                "/pbrMetallicRoughness/baseColorTexture",
                "/pbrMetallicRoughness/metallicRoughnessTexture",
                "/normalTexture",
                "/occlusionTexture",
                "/emissiveTexture",
            ] {
                if material.pointer(&format!("{slot}/index")).is_some() {
                    add(format!("/materials/{m}{slot}/index"), count("textures"), true);
                }
            }
        }
        for (t, texture) in self.arr("textures").iter().enumerate() {
            for (key, of) in [("source", "images"), ("sampler", "samplers")] {
                if texture.get(key).is_some() {
                    add(format!("/textures/{t}/{key}"), count(of), true);
                }
            }
        }
        for (i, image) in self.arr("images").iter().enumerate() {
            if image.get("bufferView").is_some() {
                add(
                    format!("/images/{i}/bufferView"),
                    count("bufferViews"),
                    image.get("uri").is_none(),
                );
            }
        }
        for (a, accessor) in self.arr("accessors").iter().enumerate() {
            for pointer in [
                "/bufferView",
                "/sparse/indices/bufferView",
                "/sparse/values/bufferView",
            ] {
                if accessor.pointer(pointer).is_some() {
                    add(
                        format!("/accessors/{a}{pointer}"),
                        count("bufferViews"),
                        used_accessors.contains(&a),
                    );
                }
            }
        }
        for v in 0..count("bufferViews") {
            add(
                format!("/bufferViews/{v}/buffer"),
                count("buffers"),
                used_views.contains(&v),
            );
        }
        for (s, skin) in self.arr("skins").iter().enumerate() {
            for j in 0..skin.get("joints").and_then(Value::as_array).map_or(0, Vec::len) {
                add(format!("/skins/{s}/joints/{j}"), count("nodes"), true);
            }
            for (key, of) in [("skeleton", "nodes"), ("inverseBindMatrices", "accessors")] {
                if skin.get(key).is_some() {
                    add(format!("/skins/{s}/{key}"), count(of), true);
                }
            }
        }
        for (a, animation) in self.arr("animations").iter().enumerate() {
            let samplers = animation
                .get("samplers")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            for c in 0..animation
                .get("channels")
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
            {
                add(format!("/animations/{a}/channels/{c}/sampler"), samplers, true);
                add(
                    format!("/animations/{a}/channels/{c}/target/node"),
                    count("nodes"),
                    true,
                );
            }
            for s in 0..samplers {
                add(
                    format!("/animations/{a}/samplers/{s}/input"),
                    count("accessors"),
                    true,
                );
                add(
                    format!("/animations/{a}/samplers/{s}/output"),
                    count("accessors"),
                    true,
                );
            }
        }
        refs
    }

    // --- buffers and images ----------------------------------------------------------

    pub(super) fn buffer_bytes(&self, index: usize) -> Option<Vec<u8>> {
        let buffer = self.arr("buffers").get(index)?;
        match buffer.get("uri") {
            Some(Value::String(uri)) if uri.starts_with("data:") => decode_data_uri(uri),
            Some(Value::String(uri)) => std::fs::read(self.seed.dir.join(uri)).ok(),
            Some(_) => None,
            None if index == 0 => self.bin.clone(),
            None => None,
        }
    }

    pub(super) fn store_buffer(&mut self, index: usize, bytes: &[u8]) {
        let pointer = format!("/buffers/{index}/uri");
        match self.doc.pointer(&pointer).and_then(Value::as_str) {
            Some(uri) if uri.starts_with("data:") => {
                self.set(&pointer, json!(data_uri("application/octet-stream", bytes)));
            }
            Some(_) => {
                let name = self.write_side_file("bin", bytes);
                self.set(&pointer, json!(name));
            }
            None => self.bin = Some(bytes.to_vec()),
        }
    }

    pub(super) fn image_bytes(&self, index: usize) -> Option<(Vec<u8>, ImageAt)> {
        let image = self.arr("images").get(index)?;
        match image.get("uri") {
            Some(Value::String(uri)) if uri.starts_with("data:") => {
                Some((decode_data_uri(uri)?, ImageAt::DataUri))
            }
            Some(Value::String(uri)) => Some((
                std::fs::read(self.seed.dir.join(uri)).ok()?,
                ImageAt::File(uri.clone()),
            )),
            Some(_) => None,
            None => {
                let view_index = image.get("bufferView").and_then(as_index)?;
                let view = self.arr("bufferViews").get(view_index)?;
                let buffer = view.get("buffer").and_then(as_index)?;
                let start = view.get("byteOffset").and_then(as_index).unwrap_or(0);
                let len = view.get("byteLength").and_then(as_index)?;
                let bytes = self
                    .buffer_bytes(buffer)?
                    .get(start..start.checked_add(len)?)?
                    .to_vec();
                Some((
                    bytes,
                    ImageAt::View {
                        view: view_index,
                        buffer,
                        start,
                        len,
                    },
                ))
            }
        }
    }

    /// Replaces an image's bytes; in a buffer view they may only shrink.
    pub(super) fn store_image(&mut self, index: usize, at: ImageAt, bytes: &[u8]) {
        match at {
            ImageAt::DataUri => {
                self.set(
                    &format!("/images/{index}/uri"),
                    json!(data_uri("image/png", bytes)),
                );
            }
            ImageAt::File(uri) => {
                let extension = uri.rsplit('.').next().unwrap_or("img").to_owned();
                let name = self.write_side_file(&extension, bytes);
                self.set(&format!("/images/{index}/uri"), json!(name));
            }
            ImageAt::View {
                view,
                buffer,
                start,
                len,
            } => {
                let Some(mut data) = self.buffer_bytes(buffer) else {
                    return;
                };
                let n = bytes.len().min(len);
                data[start..start + n].copy_from_slice(&bytes[..n]);
                self.store_buffer(buffer, &data);
                if n < len {
                    self.set(&format!("/bufferViews/{view}/byteLength"), json!(n));
                }
            }
        }
    }
}
