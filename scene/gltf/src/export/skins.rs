//! Skins: joints remapped to the written nodes, inverse bind matrices in the binary
//! chunk. A skin that does not map cleanly is dropped with a warning.

use super::bin::Bin;
use super::error::ExportError;
use super::json::name_and_extras;
use super::nodes::{NodeIndex, label};
use museion_scene::Scene;
use museion_scene::Skin;
use serde_json::{Map, Value, json};
use std::collections::HashSet;

/// The written skins, and for every scene skin its index among them.
pub(crate) struct Skins {
    /// `skins`.
    pub json: Vec<Value>,
    /// Scene skin → document skin; `None` when dropped.
    pub index: Vec<Option<u32>>,
}

/// Writes every skin that maps cleanly. Dropped, with a warning: skins without joints
/// (the importer keeps such a placeholder for a skin whose joints were outside the
/// imported scene), skins with a removed or repeated joint, and skins whose inverse bind
/// matrices are not one per joint. A `skeleton` that was removed is left out.
pub(crate) fn skins(scene: &Scene, nodes: &NodeIndex, bin: &mut Bin) -> Result<Skins, ExportError> {
    let mut out = Skins {
        json: Vec::new(),
        index: Vec::with_capacity(scene.skins.len()),
    };
    for (index, skin) in scene.skins.iter().enumerate() {
        let at = format!("skin {index}");
        let Some(joints) = joints(scene, skin, nodes, &at) else {
            out.index.push(None);
            continue;
        };
        let matrices = bin.floats(&skin.inverse_bind_matrices, None, false, || {
            format!("{at} inverse bind matrices")
        })?;
        let mut object = Map::new();
        object.insert("joints".into(), json!(joints));
        object.insert("inverseBindMatrices".into(), json!(matrices));
        if let Some(skeleton) = skin.skeleton {
            match nodes.get(skeleton) {
                Some(node) => {
                    object.insert("skeleton".into(), json!(node));
                }
                None => log::warn!("{at}: skeleton {skeleton} is not in the scene; left out"),
            }
        }
        name_and_extras(&mut object, skin.name.as_ref(), None);
        out.index.push(Some(out.json.len() as u32));
        out.json.push(Value::Object(object));
    }
    Ok(out)
}

/// The skin's joints as document node indices, or `None` (with a warning) when the
/// skin cannot be written.
fn joints(scene: &Scene, skin: &Skin, nodes: &NodeIndex, at: &str) -> Option<Vec<u32>> {
    if skin.joints.is_empty() {
        log::warn!("{at}: no joints; the skin is dropped");
        return None;
    }
    if skin.inverse_bind_matrices.len() != skin.joints.len() {
        log::warn!(
            "{at}: {} inverse bind matrices for {} joints; the skin is dropped",
            skin.inverse_bind_matrices.len(),
            skin.joints.len()
        );
        return None;
    }
    let mut seen = HashSet::with_capacity(skin.joints.len());
    let mut out = Vec::with_capacity(skin.joints.len());
    for joint in &skin.joints {
        let Some(index) = nodes.get(*joint) else {
            log::warn!("{at}: joint {joint} is not in the scene; the skin is dropped");
            return None;
        };
        if !seen.insert(index) {
            log::warn!(
                "{at}: joint {} is listed twice; the skin is dropped",
                label(scene, *joint)
            );
            return None;
        }
        out.push(index);
    }
    Some(out)
}
