//! glTF 2.0 binary export (see the crate docs).

mod animations;
mod bin;
mod error;
mod glb;
mod images;
mod json;
mod materials;
mod meshes;
mod nodes;
mod pointer_channels;
mod punctual;
mod skins;
mod variants;
mod xmp;

pub use error::ExportError;

use museion_scene::Scene;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::path::Path;

/// The `asset.generator` of every exported file.
pub const GENERATOR: &str = concat!("Museion ", env!("CARGO_PKG_VERSION"));

/// The scene as the bytes of a GLB file.
pub fn to_glb_bytes(scene: &Scene) -> Result<Vec<u8>, ExportError> {
    let (json, bin) = document(scene)?;
    glb::assemble(&json, bin.as_deref())
}

/// Writes the scene to `path` as a GLB file. The file is written beside its final name
/// and renamed into place, so a reader never sees half a file.
pub fn write_glb(scene: &Scene, path: impl AsRef<Path>) -> Result<(), ExportError> {
    let path = path.as_ref();
    let (json, bin) = document(scene)?;
    let length = glb::total_length(&json, bin.as_deref())?;
    museion_files::write_atomic(path, |mut out| {
        glb::write_to(&mut out, length, &json, bin.as_deref())
    })
    .map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The JSON text and the binary chunk (`None` when the scene has no binary data).
fn document(scene: &Scene) -> Result<(Vec<u8>, Option<Vec<u8>>), ExportError> {
    let mut bin = bin::Bin::default();
    let mut used: BTreeSet<&'static str> = BTreeSet::new();
    let node_index = nodes::NodeIndex::new(scene);

    let mut images = images::images(scene, &mut bin)?;
    let samplers = images::samplers(scene);
    let textures = images::textures(scene)?;
    let animated = pointer_channels::AnimatedParts::of(scene);
    let mut materials = materials::materials(scene, &textures.index, &animated, &mut used)?;
    let mut meshes = meshes::meshes(scene, &mut bin, &mut used)?;
    let lights = punctual::lights(scene)?;
    let cameras = punctual::cameras(scene)?;
    let skins = skins::skins(scene, &node_index, &mut bin)?;
    let mut nodes = nodes::nodes(scene, &node_index, &meshes, &skins.index)?;
    let written = animations::Written {
        nodes: &node_index,
        meshes: &meshes,
        textures: &textures.index,
    };
    let animations = animations::animations(scene, &written, &mut bin, &mut used)?;
    let buffer = bin.finish()?;

    let mut asset = json!({ "version": "2.0", "generator": GENERATOR });
    let xmp = xmp::write(
        scene,
        &node_index,
        &meshes.written,
        xmp::Objects {
            asset: &mut asset,
            nodes: &mut nodes,
            meshes: &mut meshes.json,
            materials: &mut materials,
            images: &mut images,
        },
    );
    let mut root = Map::new();
    root.insert("asset".into(), asset);
    if let Some(scene_json) = nodes::scene_json(scene, &node_index) {
        root.insert("scene".into(), json!(0));
        root.insert("scenes".into(), json!([scene_json]));
    }
    json::put_list(&mut root, "nodes", nodes);
    json::put_list(&mut root, "meshes", meshes.json);
    json::put_list(&mut root, "materials", materials);
    json::put_list(&mut root, "textures", textures.json);
    json::put_list(&mut root, "images", images);
    json::put_list(&mut root, "samplers", samplers);
    json::put_list(&mut root, "cameras", cameras);
    json::put_list(&mut root, "skins", skins.json);
    json::put_list(&mut root, "animations", animations);
    json::put_list(&mut root, "accessors", std::mem::take(&mut bin.accessors));
    json::put_list(&mut root, "bufferViews", std::mem::take(&mut bin.views));
    json::put_list(&mut root, "buffers", buffer.into_iter().collect());
    let mut extensions = Map::new();
    if !lights.is_empty() {
        extensions.insert("KHR_lights_punctual".into(), json!({ "lights": lights }));
        used.insert("KHR_lights_punctual");
    }
    if let Some(variants) = variants::root(scene) {
        extensions.insert(variants::NAME.into(), variants);
        used.insert(variants::NAME);
    }
    if let Some(xmp) = xmp {
        extensions.insert(xmp::NAME.into(), xmp);
        used.insert(xmp::NAME);
    }
    if !extensions.is_empty() {
        root.insert("extensions".into(), Value::Object(extensions));
    }
    if !used.is_empty() {
        root.insert("extensionsUsed".into(), json!(used));
    }
    let document = Value::Object(root);
    json::check_finite(&document)?;
    let text = serde_json::to_vec(&document)?;
    let bin = (!bin.data.is_empty()).then_some(bin.data);
    Ok((text, bin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_scene_is_a_document_without_buffers() {
        let bytes = to_glb_bytes(&Scene::new()).expect("an empty scene exports");
        assert_eq!(&bytes[0..4], b"glTF");
        let length = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) as usize;
        assert_eq!(bytes.len(), 20 + length, "one JSON chunk and nothing else");
        let doc: Value = serde_json::from_slice(&bytes[20..]).expect("JSON");
        assert_eq!(doc["asset"]["generator"], GENERATOR);
        for key in ["scene", "scenes", "nodes", "buffers", "extensionsUsed"] {
            assert!(doc.get(key).is_none(), "{key}");
        }
    }
}
