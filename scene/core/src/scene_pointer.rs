//! Writing a sampled `KHR_animation_pointer` value into the scene: a material factor, a
//! texture transform, a light or a camera property.

use crate::animation_pointer::{
    CameraProperty, LightProperty, MaterialProperty, PointerTarget, TextureTransformPart,
};
use crate::light::LightKind;
use crate::material::{Material, TEXTURE_SLOT_COUNT, TextureTransform};
use crate::scene::Scene;
use crate::{Camera, Light, Projection};
use glam::{Vec2, Vec3, Vec4};

impl Scene {
    /// Writes a sampled value (`target.components()` numbers) into the scene. Returns
    /// false, changing nothing, when the target does not exist (a removed material, a
    /// slot with no texture, a spot property of a point light, an orthographic property
    /// of a perspective camera) or `values` is too short.
    pub fn apply_pointer(&mut self, target: PointerTarget, values: &[f32]) -> bool {
        if values.len() < target.components() {
            return false;
        }
        match target {
            PointerTarget::Material { material, property } => self
                .materials
                .get_mut(material.index())
                .is_some_and(|m| write_material(m, property, values)),
            PointerTarget::TextureTransform { material, slot, part } => self
                .materials
                .get_mut(material.index())
                .and_then(|m| texture_transform_mut(m, slot))
                .map(|t| write_texture_transform(t, part, values))
                .is_some(),
            PointerTarget::Light { light, property } => self
                .lights
                .get_mut(light.index())
                .is_some_and(|l| write_light(l, property, values[0], values)),
            PointerTarget::Camera { camera, property } => self
                .cameras
                .get_mut(camera.index())
                .is_some_and(|c| write_camera(c, property, values[0])),
        }
    }
}

fn vec3(values: &[f32]) -> Vec3 {
    Vec3::new(values[0], values[1], values[2])
}

/// Writes a material factor; false when the extension it belongs to is absent.
fn write_material(m: &mut Material, property: MaterialProperty, v: &[f32]) -> bool {
    use MaterialProperty::*;
    let x = v[0];
    match property {
        BaseColorFactor => m.base_color_factor = Vec4::new(v[0], v[1], v[2], v[3]),
        MetallicFactor => m.metallic_factor = x,
        RoughnessFactor => m.roughness_factor = x,
        NormalScale => m.normal_scale = x,
        OcclusionStrength => m.occlusion_strength = x,
        EmissiveFactor => m.emissive_factor = vec3(v),
        EmissiveStrength => m.emissive_strength = x,
        AlphaCutoff => match &mut m.alpha_mode {
            crate::AlphaMode::Mask { cutoff } => *cutoff = x,
            _ => return false,
        },
        Ior => m.ior = x,
        Dispersion => m.dispersion = x,
        SpecularFactor => return set(m.specular.as_mut().map(|s| &mut s.factor), x),
        SpecularColorFactor => return set(m.specular.as_mut().map(|s| &mut s.color_factor), vec3(v)),
        ClearcoatFactor => return set(m.clearcoat.as_mut().map(|c| &mut c.factor), x),
        ClearcoatRoughnessFactor => return set(m.clearcoat.as_mut().map(|c| &mut c.roughness_factor), x),
        SheenColorFactor => return set(m.sheen.as_mut().map(|s| &mut s.color_factor), vec3(v)),
        SheenRoughnessFactor => return set(m.sheen.as_mut().map(|s| &mut s.roughness_factor), x),
        TransmissionFactor => return set(m.transmission.as_mut().map(|t| &mut t.factor), x),
        ThicknessFactor => return set(m.volume.as_mut().map(|t| &mut t.thickness_factor), x),
        AttenuationDistance => return set(m.volume.as_mut().map(|t| &mut t.attenuation_distance), x),
        AttenuationColor => return set(m.volume.as_mut().map(|t| &mut t.attenuation_color), vec3(v)),
        IridescenceFactor => return set(m.iridescence.as_mut().map(|i| &mut i.factor), x),
        IridescenceIor => return set(m.iridescence.as_mut().map(|i| &mut i.ior), x),
        IridescenceThicknessMinimum => {
            return set(m.iridescence.as_mut().map(|i| &mut i.thickness_minimum), x);
        }
        IridescenceThicknessMaximum => {
            return set(m.iridescence.as_mut().map(|i| &mut i.thickness_maximum), x);
        }
        AnisotropyStrength => return set(m.anisotropy.as_mut().map(|a| &mut a.strength), x),
        AnisotropyRotation => return set(m.anisotropy.as_mut().map(|a| &mut a.rotation), x),
    }
    true
}

fn set<T>(place: Option<&mut T>, value: T) -> bool {
    place.map(|p| *p = value).is_some()
}

/// The transform of texture slot `slot` (in [`Material::texture_slot_table`] order).
fn texture_transform_mut(m: &mut Material, slot: usize) -> Option<&mut TextureTransform> {
    if slot >= TEXTURE_SLOT_COUNT {
        return None;
    }
    // texture_slots_mut skips empty slots; find the slot by its name in the full table.
    let name = m.texture_slot_table()[slot].0;
    m.texture_slots_mut()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| &mut r.transform)
}

fn write_texture_transform(t: &mut TextureTransform, part: TextureTransformPart, v: &[f32]) {
    match part {
        TextureTransformPart::Offset => t.offset = Vec2::new(v[0], v[1]),
        TextureTransformPart::Rotation => t.rotation = v[0],
        TextureTransformPart::Scale => t.scale = Vec2::new(v[0], v[1]),
    }
}

fn write_light(l: &mut Light, property: LightProperty, x: f32, v: &[f32]) -> bool {
    match (property, &mut l.kind) {
        (LightProperty::Color, _) => l.color = vec3(v),
        (LightProperty::Intensity, _) => l.intensity = x,
        (LightProperty::Range, _) => l.range = Some(x),
        (LightProperty::SpotInnerConeAngle, LightKind::Spot { inner_cone_angle, .. }) => {
            *inner_cone_angle = x
        }
        (LightProperty::SpotOuterConeAngle, LightKind::Spot { outer_cone_angle, .. }) => {
            *outer_cone_angle = x
        }
        _ => return false,
    }
    true
}

fn write_camera(c: &mut Camera, property: CameraProperty, x: f32) -> bool {
    match (property, &mut c.projection) {
        (CameraProperty::Yfov, Projection::Perspective { yfov, .. }) => *yfov = x,
        (CameraProperty::AspectRatio, Projection::Perspective { aspect_ratio, .. }) => {
            *aspect_ratio = Some(x)
        }
        (
            CameraProperty::Znear,
            Projection::Perspective { znear, .. } | Projection::Orthographic { znear, .. },
        ) => *znear = x,
        (CameraProperty::Zfar, Projection::Perspective { zfar, .. }) => *zfar = Some(x),
        (CameraProperty::Zfar, Projection::Orthographic { zfar, .. }) => *zfar = x,
        (CameraProperty::Xmag, Projection::Orthographic { xmag, .. }) => *xmag = x,
        (CameraProperty::Ymag, Projection::Orthographic { ymag, .. }) => *ymag = x,
        _ => return false,
    }
    true
}
