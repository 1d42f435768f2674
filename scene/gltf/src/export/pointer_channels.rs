//! `KHR_animation_pointer` channels: a scene's pointer channels written with the
//! pointers the importer reads back, and the parts of materials the document must then
//! hold. A pointer must name a property whose enclosing object is present, so a
//! material's emissive strength, ior, dispersion or texture transform that an animation
//! drives is written even where it holds its default.

use crate::pointer;
use museion_scene::{
    CameraProperty, LightKind, LightProperty, MaterialProperty, PointerChannel, PointerTarget, Projection,
    Scene,
};
use std::collections::HashSet;

/// The extension's name, for `extensionsUsed`.
pub(crate) const NAME: &str = pointer::EXTENSION;

/// The material parts pointer channels drive that the material writer must write even
/// at their defaults.
#[derive(Debug, Default)]
pub(crate) struct AnimatedParts {
    /// (material, extension name) of extensions written only when not at their default.
    extensions: HashSet<(usize, &'static str)>,
    /// (material, texture slot name) of texture transforms.
    transforms: HashSet<(usize, &'static str)>,
}

impl AnimatedParts {
    /// What the scene's pointer channels drive.
    pub fn of(scene: &Scene) -> Self {
        let mut parts = Self::default();
        let targets = scene
            .animations
            .iter()
            .flat_map(|a| &a.pointer_channels)
            .map(|c| c.target);
        for target in targets {
            match target {
                PointerTarget::Material { material, property } => {
                    let extension = match property {
                        MaterialProperty::EmissiveStrength => "KHR_materials_emissive_strength",
                        MaterialProperty::Ior => "KHR_materials_ior",
                        MaterialProperty::Dispersion => "KHR_materials_dispersion",
                        _ => continue,
                    };
                    parts.extensions.insert((material.index(), extension));
                }
                PointerTarget::TextureTransform { material, slot, .. } => {
                    let Some(m) = scene.materials.get(material.index()) else {
                        continue;
                    };
                    if let Some((name, _)) = m.texture_slot_table().get(slot) {
                        parts.transforms.insert((material.index(), name));
                    }
                }
                PointerTarget::Light { .. } | PointerTarget::Camera { .. } => {}
            }
        }
        parts
    }

    /// Whether material `material`'s extension `name` must be written.
    pub fn extension(&self, material: usize, name: &'static str) -> bool {
        self.extensions.contains(&(material, name))
    }

    /// Whether the transform of material `material`'s texture slot `slot` must be written.
    pub fn transform(&self, material: usize, slot: &str) -> bool {
        self.transforms.iter().any(|(m, s)| *m == material && *s == slot)
    }
}

/// The pointer of a channel that can be written, or `None` with a warning naming
/// `at` when the written document would not hold the property: its object is missing
/// or lacks it (see [`pointer::applies`]), its texture slot is left out (`textures`:
/// scene texture → written texture), or it is an optional property without a value (a
/// light's range, a perspective camera's aspect ratio or far plane).
pub(crate) fn pointer_of(
    scene: &Scene,
    channel: &PointerChannel,
    textures: &[Option<u32>],
    at: &str,
) -> Option<String> {
    let target = channel.target;
    let missing = |why: &str| {
        log::warn!("{at}: {target:?}: {why}; dropped");
        None
    };
    if !pointer::applies(target, &scene.materials, &scene.lights, &scene.cameras) {
        return missing("the scene has no such property");
    }
    match target {
        PointerTarget::TextureTransform { material, slot, .. } => {
            let written = scene.materials[material.index()].texture_slot_table()[slot]
                .1
                .and_then(|r| textures.get(r.texture.index()).copied().flatten());
            if written.is_none() {
                return missing("the slot's texture is not written");
            }
        }
        PointerTarget::Light {
            light,
            property: LightProperty::Range,
        } => {
            let l = &scene.lights[light.index()];
            if l.range.is_none() || l.kind == LightKind::Directional {
                return missing("the light has no range");
            }
        }
        PointerTarget::Camera {
            camera,
            property: property @ (CameraProperty::AspectRatio | CameraProperty::Zfar),
        } => {
            if let Projection::Perspective {
                aspect_ratio, zfar, ..
            } = scene.cameras[camera.index()].projection
            {
                let value = match property {
                    CameraProperty::AspectRatio => aspect_ratio,
                    _ => zfar,
                };
                if value.is_none() {
                    return missing("the camera does not set it");
                }
            }
        }
        _ => {}
    }
    match pointer::animation_pointer(scene, target) {
        Some(pointer) => Some(pointer),
        None => missing("no glTF property is this"),
    }
}

/// The accessor type of `components` values per key.
pub(crate) fn output_type(components: usize) -> &'static str {
    match components {
        1 => "SCALAR",
        2 => "VEC2",
        3 => "VEC3",
        _ => "VEC4",
    }
}
