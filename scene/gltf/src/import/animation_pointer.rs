//! `KHR_animation_pointer` channels: the pointer resolved to a node property (an
//! ordinary [`AnimationChannel`]) or to a material, texture transform, light or camera
//! property (a [`PointerChannel`]). A pointer that cannot be resolved is never an error:
//! the channel is dropped and the caller warns with the reason given here.

use crate::pointer::{self, DocTarget, ProjectionKind};
use museion_scene::{
    AnimationChannel, AnimationProperty, AnimationSampler, Camera, CameraId, Interpolation, Light, LightId,
    Material, MaterialId, NodeId, PointerChannel, PointerTarget, Projection,
};

/// What a pointer can resolve to in the imported scene.
pub(crate) struct Objects<'a> {
    /// For every document node, its id if it was imported.
    pub nodes: &'a [Option<NodeId>],
    /// The imported materials (ids are the document's indices).
    pub materials: &'a [Material],
    /// The imported lights.
    pub lights: &'a [Light],
    /// For every document light, its id if it was imported.
    pub light_ids: &'a [Option<LightId>],
    /// The imported cameras (ids are the document's indices).
    pub cameras: &'a [Camera],
}

/// A resolved pointer channel.
#[derive(Debug, PartialEq)]
pub(crate) enum Resolved {
    /// A node's translation, rotation, scale or morph weights.
    Node(AnimationChannel),
    /// Any other property.
    Pointer(PointerChannel),
}

/// The keys a sampler provides, as the pointer checks need them.
pub(crate) struct Keys<'a> {
    /// The converted sampler.
    pub sampler: &'a AnimationSampler,
    /// Its index in the animation.
    pub index: usize,
    /// Components of its output accessor's type (1 for `SCALAR`, 3 for `VEC3`, …).
    pub output_components: usize,
}

/// Resolves `pointer` for a channel with sampler `keys`; `Err` says why it cannot be.
pub(crate) fn resolve(pointer: &str, keys: &Keys, objects: &Objects) -> Result<Resolved, String> {
    let target = match pointer::parse(pointer)? {
        DocTarget::Node { node, property } => return node_channel(node, property, keys, objects),
        other => scene_target(other, objects)?,
    };
    if !pointer::applies(target, objects.materials, objects.lights, objects.cameras) {
        return Err(
            "names a property this object does not have (an extension it lacks, an empty \
                    texture slot, a spot property of another light, a cutoff without MASK)"
                .into(),
        );
    }
    check_components(keys, target.components())?;
    Ok(Resolved::Pointer(PointerChannel {
        target,
        sampler: keys.index,
    }))
}

/// A node property: an ordinary channel.
fn node_channel(
    node: usize,
    property: AnimationProperty,
    keys: &Keys,
    objects: &Objects,
) -> Result<Resolved, String> {
    let Some(id) = objects.nodes.get(node) else {
        return Err(out_of_range("node", node, objects.nodes.len()));
    };
    let Some(target) = *id else {
        return Err(format!("node {node} is not in the imported scene"));
    };
    match property {
        AnimationProperty::Translation | AnimationProperty::Scale => check_components(keys, 3)?,
        AnimationProperty::Rotation => check_components(keys, 4)?,
        AnimationProperty::MorphWeights => check_weights(keys)?,
    }
    Ok(Resolved::Node(AnimationChannel {
        target,
        property,
        sampler: keys.index,
    }))
}

fn out_of_range(kind: &str, index: usize, count: usize) -> String {
    format!("{kind} index {index} is out of range (the file has {count})")
}

/// The scene target of a material, texture transform, light or camera pointer.
fn scene_target(target: DocTarget, objects: &Objects) -> Result<PointerTarget, String> {
    let material = |index: usize| {
        if index < objects.materials.len() {
            Ok(MaterialId(index as u32))
        } else {
            Err(out_of_range("material", index, objects.materials.len()))
        }
    };
    Ok(match target {
        DocTarget::Node { node, .. } => return Err(format!("node {node}: node properties are channels")),
        DocTarget::Material {
            material: m,
            property,
        } => PointerTarget::Material {
            material: material(m)?,
            property,
        },
        DocTarget::TextureTransform {
            material: m,
            slot,
            part,
        } => PointerTarget::TextureTransform {
            material: material(m)?,
            slot,
            part,
        },
        DocTarget::Light { light, property } => match objects.light_ids.get(light) {
            Some(Some(id)) => PointerTarget::Light { light: *id, property },
            Some(None) => return Err(format!("light {light} was skipped at import")),
            None => return Err(out_of_range("light", light, objects.light_ids.len())),
        },
        DocTarget::Camera {
            camera,
            projection,
            property,
        } => {
            let Some(c) = objects.cameras.get(camera) else {
                return Err(out_of_range("camera", camera, objects.cameras.len()));
            };
            let has = match c.projection {
                Projection::Perspective { .. } => ProjectionKind::Perspective,
                Projection::Orthographic { .. } => ProjectionKind::Orthographic,
            };
            if has != projection {
                let name = match projection {
                    ProjectionKind::Perspective => "perspective",
                    ProjectionKind::Orthographic => "orthographic",
                };
                return Err(format!("camera {camera} has no {name} projection"));
            }
            PointerTarget::Camera {
                camera: CameraId(camera as u32),
                property,
            }
        }
    })
}

/// Values per key: 3 for cubic splines (in-tangent, value, out-tangent), else 1.
fn per_key(sampler: &AnimationSampler) -> usize {
    if sampler.interpolation == Interpolation::CubicSpline {
        3
    } else {
        1
    }
}

/// The output accessor must have the property's type and one element per key (three
/// for cubic splines).
fn check_components(keys: &Keys, components: usize) -> Result<(), String> {
    if keys.output_components != components {
        return Err(format!(
            "needs {components} components per value but sampler {}'s output has {}",
            keys.index, keys.output_components
        ));
    }
    let expected = keys.sampler.times.len() * components * per_key(keys.sampler);
    if keys.sampler.values.len() != expected {
        return Err(format!(
            "needs {expected} output values for {} keys but sampler {} has {}",
            keys.sampler.times.len(),
            keys.index,
            keys.sampler.values.len()
        ));
    }
    Ok(())
}

/// Morph weights are scalars, a whole number of them per key.
fn check_weights(keys: &Keys) -> Result<(), String> {
    let per_key = keys.sampler.times.len() * per_key(keys.sampler);
    if keys.output_components != 1 || per_key == 0 || !keys.sampler.values.len().is_multiple_of(per_key) {
        return Err(format!(
            "morph weights need SCALAR outputs, a whole number per key; sampler {} has {} values of {} \
             components for {} keys",
            keys.index,
            keys.sampler.values.len() / keys.output_components.max(1),
            keys.output_components,
            keys.sampler.times.len()
        ));
    }
    Ok(())
}
