//! `KHR_xmp_json_ld`: the XMP packets of the scene's asset, nodes, meshes, materials and
//! images written once each into the document's `packets`, and referred to by index
//! from each object's `extensions`.

use super::meshes::MeshInfo;
use super::nodes::NodeIndex;
use museion_scene::{Scene, XmpPacket};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The extension's name.
pub(crate) const NAME: &str = "KHR_xmp_json_ld";

/// The objects of the document being written that can carry a packet, in document order.
pub(crate) struct Objects<'a> {
    /// The `asset` object.
    pub asset: &'a mut Value,
    /// `nodes`, numbered by `node_index`.
    pub nodes: &'a mut [Value],
    /// `meshes`, where `mesh_written` says.
    pub meshes: &'a mut [Value],
    /// `materials`, one per scene material.
    pub materials: &'a mut [Value],
    /// `images`, one per scene image.
    pub images: &'a mut [Value],
}

/// Writes each packet of the scene once (equal packets shared) and refers to it from
/// its object; returns the document's `KHR_xmp_json_ld` object, `None` when the scene
/// has no packet.
pub(crate) fn write(
    scene: &Scene,
    node_index: &NodeIndex,
    mesh_written: &[Option<(u32, MeshInfo)>],
    objects: Objects,
) -> Option<Value> {
    let mut packets = Packets::default();
    if let Some(packet) = &scene.asset_xmp {
        refer(objects.asset, packets.index(packet));
    }
    for (id, node) in scene.nodes() {
        let (Some(packet), Some(i)) = (&node.xmp, node_index.get(id)) else {
            continue;
        };
        if let Some(object) = objects.nodes.get_mut(i as usize) {
            refer(object, packets.index(packet));
        }
    }
    for (mesh, written) in scene.meshes.iter().zip(mesh_written) {
        let (Some(packet), Some((i, _))) = (&mesh.xmp, written) else {
            continue;
        };
        if let Some(object) = objects.meshes.get_mut(*i as usize) {
            refer(object, packets.index(packet));
        }
    }
    for (material, object) in scene.materials.iter().zip(objects.materials.iter_mut()) {
        if let Some(packet) = &material.xmp {
            refer(object, packets.index(packet));
        }
    }
    for (image, object) in scene.images.iter().zip(objects.images.iter_mut()) {
        if let Some(packet) = &image.xmp {
            refer(object, packets.index(packet));
        }
    }
    (!packets.list.is_empty()).then(|| json!({ "packets": packets.list }))
}

/// The packets written so far, each once.
#[derive(Default)]
struct Packets {
    list: Vec<Value>,
    /// Index by the packet's JSON text.
    by_text: HashMap<String, u32>,
}

impl Packets {
    fn index(&mut self, packet: &XmpPacket) -> u32 {
        let json = packet.to_json();
        let text = json.to_string();
        let next = self.list.len() as u32;
        *self.by_text.entry(text).or_insert_with(|| {
            self.list.push(json);
            next
        })
    }
}

/// Adds `extensions.KHR_xmp_json_ld.packet` to an object, beside its other extensions.
fn refer(object: &mut Value, packet: u32) {
    let Value::Object(members) = object else {
        return;
    };
    let extensions = members
        .entry("extensions")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(extensions) = extensions {
        extensions.insert(NAME.into(), json!({ "packet": packet }));
    }
}
