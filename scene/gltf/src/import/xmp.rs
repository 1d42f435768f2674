//! `KHR_xmp_json_ld`: the document's XMP packets, and the packet the asset, each node,
//! mesh, material and image refers to, kept in the scene. Metadata never stops an
//! import: a packet that is not a JSON object, a reference that is not an index of one,
//! or an extension object of the wrong shape is a warning, and the object has no packet.

use super::Warning;
use super::context::Context;
use museion_scene::{ImageId, NodeId, Scene, XmpPacket};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The extension's name.
pub(crate) const NAME: &str = "KHR_xmp_json_ld";

/// Sets the `xmp` of the scene's asset, nodes (`nodes[i]` is document node `i`, if in
/// the scene), meshes and materials (in document order) and images (`images[i]` is
/// document image `i`, if decoded). `json` is the document's text, for the asset's
/// extension, which the `gltf` data model drops.
pub(crate) fn attach(
    ctx: &Context,
    json: &[u8],
    scene: &mut Scene,
    nodes: &[Option<NodeId>],
    images: &[Option<ImageId>],
    warnings: &mut Vec<Warning>,
) {
    if !json.windows(NAME.len()).any(|w| w == NAME.as_bytes()) {
        return;
    }
    let packets = Packets::read(ctx, warnings);
    let doc = &ctx.doc;
    scene.asset_xmp =
        asset_extension(json).and_then(|ext| packets.referenced(ctx, Some(&ext), "/asset", warnings));
    for (i, json) in doc.nodes.iter().enumerate() {
        let ext = json.extensions.as_ref().and_then(|e| e.others.get(NAME));
        let packet = packets.referenced(ctx, ext, &format!("/nodes/{i}"), warnings);
        if let (Some(packet), Some(Some(id))) = (packet, nodes.get(i))
            && let Some(node) = scene.node_mut(*id)
        {
            node.xmp = Some(packet);
        }
    }
    for (i, json) in doc.meshes.iter().enumerate() {
        let ext = json.extensions.as_ref().and_then(|e| e.others.get(NAME));
        let packet = packets.referenced(ctx, ext, &format!("/meshes/{i}"), warnings);
        if let Some(mesh) = scene.meshes.get_mut(i) {
            mesh.xmp = packet;
        }
    }
    for (i, json) in doc.materials.iter().enumerate() {
        let ext = json.extensions.as_ref().and_then(|e| e.others.get(NAME));
        let packet = packets.referenced(ctx, ext, &format!("/materials/{i}"), warnings);
        if let Some(material) = scene.materials.get_mut(i) {
            material.xmp = packet;
        }
    }
    for (i, json) in doc.images.iter().enumerate() {
        let ext = json.extensions.as_ref().and_then(|e| e.others.get(NAME));
        let packet = packets.referenced(ctx, ext, &format!("/images/{i}"), warnings);
        if let (Some(packet), Some(Some(id))) = (packet, images.get(i))
            && let Some(image) = scene.images.get_mut(id.index())
        {
            image.xmp = Some(packet);
        }
    }
}

/// The document's packets, by index; `None` for one that is not a JSON object.
struct Packets(Vec<Option<XmpPacket>>);

impl Packets {
    fn read(ctx: &Context, warnings: &mut Vec<Warning>) -> Self {
        let pointer = format!("/extensions/{NAME}");
        let Some(root) = ctx.doc.extensions.as_ref().and_then(|e| e.others.get(NAME)) else {
            return Self(Vec::new());
        };
        let Some(list) = root.get("packets").and_then(Value::as_array) else {
            warnings.push(ctx.warning(pointer, "has no \"packets\" array; its metadata is ignored"));
            return Self(Vec::new());
        };
        let packets = list
            .iter()
            .enumerate()
            .map(|(i, packet)| {
                let packet = XmpPacket::from_json(packet.clone());
                if packet.is_none() {
                    warnings.push(ctx.warning(
                        format!("{pointer}/packets/{i}"),
                        "is not a JSON object; the packet is ignored",
                    ));
                }
                packet
            })
            .collect();
        Self(packets)
    }

    /// The packet an object's extension refers to; `at` is the object's JSON pointer.
    fn referenced(
        &self,
        ctx: &Context,
        extension: Option<&Value>,
        at: &str,
        warnings: &mut Vec<Warning>,
    ) -> Option<XmpPacket> {
        let extension = extension?;
        let pointer = format!("{at}/extensions/{NAME}/packet");
        let Some(index) = extension.get("packet").and_then(Value::as_u64) else {
            warnings.push(ctx.warning(pointer, "is not a packet index; the object's metadata is ignored"));
            return None;
        };
        match usize::try_from(index).ok().and_then(|i| self.0.get(i)) {
            Some(packet) => packet.clone(),
            None => {
                warnings.push(ctx.warning(
                    pointer,
                    format!(
                        "packet {index} does not exist ({} packets); the object's metadata is ignored",
                        self.0.len()
                    ),
                ));
                None
            }
        }
    }
}

/// The asset's `KHR_xmp_json_ld` object, read from the text.
fn asset_extension(json: &[u8]) -> Option<Value> {
    #[derive(Deserialize)]
    struct Document {
        asset: Option<Asset>,
    }
    #[derive(Deserialize)]
    struct Asset {
        extensions: Option<Map<String, Value>>,
    }
    let document: Document = serde_json::from_slice(json).ok()?;
    document.asset?.extensions?.remove(NAME)
}
