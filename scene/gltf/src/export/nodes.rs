//! Nodes and the scene: live nodes numbered densely in arena order, with their
//! transforms, children, names, extras and what sits at them.

use super::error::ExportError;
use super::json::{name_and_extras, nums};
use super::meshes::Meshes;
use glam::{Quat, Vec3};
use museion_scene::Node;
use museion_scene::NodeId;
use museion_scene::Scene;
use museion_scene::Transform;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The document index of every live node. Removed nodes (free arena slots) have none,
/// so indices run 0, 1, 2, … without gaps.
pub(crate) struct NodeIndex {
    order: Vec<NodeId>,
    index: HashMap<NodeId, u32>,
}

impl NodeIndex {
    /// Numbers the scene's live nodes in arena order.
    pub(crate) fn new(scene: &Scene) -> Self {
        let order: Vec<NodeId> = scene.nodes().map(|(id, _)| id).collect();
        let index = order.iter().enumerate().map(|(i, id)| (*id, i as u32)).collect();
        Self { order, index }
    }

    /// The document index of a live node.
    pub(crate) fn get(&self, id: NodeId) -> Option<u32> {
        self.index.get(&id).copied()
    }
}

/// How a node is named in errors and warnings: `node 3v0 "Door"`.
pub(crate) fn label(scene: &Scene, id: NodeId) -> String {
    match scene.node(id).and_then(|n| n.name.as_deref()) {
        Some(name) => format!("{id} {name:?}"),
        None => id.to_string(),
    }
}

/// The one scene: its roots, name and extras; `None` for a scene without nodes. glTF
/// allows a scene without `nodes` but widely used readers (gltf-rs, hence Bevy) refuse
/// one, and an empty `nodes` list is invalid, so such a document gets no scene at all.
pub(crate) fn scene_json(scene: &Scene, nodes: &NodeIndex) -> Option<Value> {
    let roots: Vec<u32> = scene.roots().iter().filter_map(|r| nodes.get(*r)).collect();
    if roots.is_empty() {
        if scene.name.is_some() || scene.extras.is_some() {
            log::warn!("the scene has no nodes; its name and extras are not written");
        }
        return None;
    }
    let mut object = Map::new();
    object.insert("nodes".into(), json!(roots));
    name_and_extras(&mut object, scene.name.as_ref(), scene.extras.as_ref());
    Some(Value::Object(object))
}

/// Every live node, in the order of `nodes`. `skins` maps scene skins to written ones.
pub(crate) fn nodes(
    scene: &Scene,
    nodes: &NodeIndex,
    meshes: &Meshes,
    skins: &[Option<u32>],
) -> Result<Vec<Value>, ExportError> {
    let mut out = Vec::with_capacity(nodes.order.len());
    for &id in &nodes.order {
        let Some(node) = scene.node(id) else { continue };
        out.push(node_json(scene, id, node, nodes, meshes, skins)?);
    }
    Ok(out)
}

fn node_json(
    scene: &Scene,
    id: NodeId,
    node: &Node,
    nodes: &NodeIndex,
    meshes: &Meshes,
    skins: &[Option<u32>],
) -> Result<Value, ExportError> {
    let at = label(scene, id);
    let mut object = Map::new();
    let local = scene.local_transform(id).copied().unwrap_or(Transform::IDENTITY);
    transform(&mut object, &local, &at)?;
    let children: Vec<u32> = node.children().iter().filter_map(|c| nodes.get(*c)).collect();
    if !children.is_empty() {
        object.insert("children".into(), json!(children));
    }

    let mut mesh_info = None;
    if let Some(mesh) = node.mesh {
        let written = meshes
            .written
            .get(mesh.index())
            .ok_or_else(|| dangling(&at, "mesh", mesh.index(), scene.meshes.len()))?;
        match written {
            Some((index, info)) => {
                object.insert("mesh".into(), json!(index));
                mesh_info = Some(*info);
            }
            None => log::warn!(
                "{at}: its mesh {} was left out, so the node has none",
                mesh.index()
            ),
        }
    }
    if let Some(skin) = node.skin {
        let written = skins
            .get(skin.index())
            .ok_or_else(|| dangling(&at, "skin", skin.index(), scene.skins.len()))?;
        let joints = scene.skins[skin.index()].joints.len();
        match (written, mesh_info) {
            (None, _) => log::warn!(
                "{at}: skin {} was dropped; the node is written without it",
                skin.index()
            ),
            (Some(_), None) => log::warn!(
                "{at}: a skin needs a mesh; skin {} dropped from the node",
                skin.index()
            ),
            (Some(_), Some(info)) if !info.skinned => {
                log::warn!(
                    "{at}: its mesh lacks JOINTS_0 or WEIGHTS_0; skin {} dropped from the node",
                    skin.index()
                );
            }
            (Some(_), Some(info)) if usize::from(info.max_joint) >= joints => log::warn!(
                "{at}: its mesh uses joint {} but skin {} has {joints}; skin dropped from the node",
                info.max_joint,
                skin.index()
            ),
            (Some(index), Some(_)) => {
                object.insert("skin".into(), json!(index));
            }
        }
    }
    if let Some(camera) = node.camera {
        if camera.index() >= scene.cameras.len() {
            return Err(dangling(&at, "camera", camera.index(), scene.cameras.len()));
        }
        object.insert("camera".into(), json!(camera.index()));
    }
    if let Some(light) = node.light {
        if light.index() >= scene.lights.len() {
            return Err(dangling(&at, "light", light.index(), scene.lights.len()));
        }
        object.insert(
            "extensions".into(),
            json!({ "KHR_lights_punctual": { "light": light.index() } }),
        );
    }
    if let Some(weights) = &node.morph_weights {
        match mesh_info {
            Some(info) if info.targets == weights.len() => {
                object.insert("weights".into(), nums(weights.iter().copied()));
            }
            Some(info) => {
                return Err(ExportError::MorphTargets {
                    at,
                    message: format!(
                        "{} morph weights for a mesh with {} targets",
                        weights.len(),
                        info.targets
                    ),
                });
            }
            None => log::warn!("{at}: morph weights without a mesh are dropped"),
        }
    }
    name_and_extras(&mut object, node.name.as_ref(), node.extras.as_ref());
    Ok(Value::Object(object))
}

fn dangling(at: &str, kind: &'static str, index: usize, count: usize) -> ExportError {
    ExportError::DanglingReference {
        from: at.to_owned(),
        kind,
        index,
        count,
    }
}

/// Translation, rotation and scale, each left out when it is the default. A rotation
/// that is not unit length is normalised (glTF requires unit quaternions).
fn transform(object: &mut Map<String, Value>, t: &Transform, at: &str) -> Result<(), ExportError> {
    if !t.is_finite() {
        return Err(ExportError::NonFinite {
            at: format!("{at} transform"),
        });
    }
    if t.translation != Vec3::ZERO {
        object.insert("translation".into(), nums(t.translation.to_array()));
    }
    let length = t.rotation.length();
    if length < 1e-6 {
        return Err(ExportError::Invalid {
            at: at.to_owned(),
            message: "rotation is a zero quaternion".into(),
        });
    }
    let rotation = if (length - 1.0).abs() > 1e-6 {
        t.rotation / length
    } else {
        t.rotation
    };
    if rotation != Quat::IDENTITY {
        object.insert("rotation".into(), nums(rotation.to_array()));
    }
    if t.scale != Vec3::ONE {
        object.insert("scale".into(), nums(t.scale.to_array()));
    }
    Ok(())
}
