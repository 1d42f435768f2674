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
    to_glb_bytes_with(scene, &[])
}

/// Bytes stored in a GLB's binary chunk beside the scene's own, in a buffer view of
/// their own, for data glTF has no object for (a venue's environment image, say):
/// the view's index is written into the document at `pointer`.
#[derive(Clone, Copy, Debug)]
pub struct Attachment<'a> {
    /// The bytes, stored as they are.
    pub bytes: &'a [u8],
    /// A JSON pointer (RFC 6901) into the written document, whose parent must be an
    /// object the document has (the scene's `extras`, say, as
    /// `/scenes/0/extras/venue/environment/embedded/bufferView`): the buffer view's
    /// index is set there.
    pub pointer: &'a str,
}

/// The scene as the bytes of a GLB file, with `attachments` stored in buffer views of
/// their own after everything else, each view's index written at its pointer; an
/// attachment whose pointer's parent is not an object of the document is an
/// [`ExportError::Invalid`].
pub fn to_glb_bytes_with(scene: &Scene, attachments: &[Attachment]) -> Result<Vec<u8>, ExportError> {
    let (json, bin) = document(scene, attachments)?;
    glb::assemble(&json, bin.as_deref())
}

/// Writes the scene to `path` as a GLB file. The file is written beside its final name
/// and renamed into place, so a reader never sees half a file.
pub fn write_glb(scene: &Scene, path: impl AsRef<Path>) -> Result<(), ExportError> {
    let path = path.as_ref();
    let (json, bin) = document(scene, &[])?;
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
fn document(scene: &Scene, attachments: &[Attachment]) -> Result<(Vec<u8>, Option<Vec<u8>>), ExportError> {
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
    let attached: Vec<usize> = attachments.iter().map(|a| bin.view(a.bytes)).collect();
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
    let mut document = Value::Object(root);
    for (attachment, view) in attachments.iter().zip(attached) {
        set_pointer(&mut document, attachment.pointer, json!(view))?;
    }
    json::check_finite(&document)?;
    let text = serde_json::to_vec(&document)?;
    let bin = (!bin.data.is_empty()).then_some(bin.data);
    Ok((text, bin))
}

/// Sets the member `pointer` names in `document`; its parent must be an object.
fn set_pointer(document: &mut Value, pointer: &str, value: Value) -> Result<(), ExportError> {
    let invalid = |message: &str| ExportError::Invalid {
        at: pointer.to_owned(),
        message: message.to_owned(),
    };
    let (parent, key) = pointer
        .rsplit_once('/')
        .ok_or_else(|| invalid("an attachment's pointer must start with /"))?;
    let key = key.replace("~1", "/").replace("~0", "~");
    match document.pointer_mut(parent) {
        Some(Value::Object(members)) => {
            members.insert(key, value);
            Ok(())
        }
        _ => Err(invalid(
            "the attachment's place is not inside an object of the document",
        )),
    }
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

    #[test]
    fn attachments_get_views_of_their_own_and_their_index_where_asked() {
        let mut scene = Scene::new();
        scene.extras = Some(json!({ "venue": {} }));
        scene
            .add_node(museion_scene::Node::new().with_name("root"), None)
            .expect("a root");
        let bytes = to_glb_bytes_with(
            &scene,
            &[
                Attachment {
                    bytes: b"#?RADIANCE",
                    pointer: "/scenes/0/extras/venue/env",
                },
                Attachment {
                    bytes: b"xyz",
                    pointer: "/asset/missing/x",
                },
            ],
        );
        let Err(ExportError::Invalid { at, .. }) = bytes else {
            panic!("the asset has no member missing: {bytes:?}");
        };
        assert_eq!(at, "/asset/missing/x");
        let attachment = Attachment {
            bytes: b"#?RADIANCE",
            pointer: "/scenes/0/extras/venue/env",
        };
        let bytes = to_glb_bytes_with(&scene, &[attachment]).expect("exports");
        let length = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) as usize;
        let doc: Value = serde_json::from_slice(&bytes[20..20 + length]).expect("JSON");
        let view = doc["scenes"][0]["extras"]["venue"]["env"]
            .as_u64()
            .expect("an index");
        let read =
            crate::glb_buffer_view(Path::new("t.glb"), &bytes, view as usize).expect("the view reads back");
        assert_eq!(read, b"#?RADIANCE");
    }
}
