//! Reading the current value of what a `KHR_animation_pointer` channel drives: the
//! counterpart of [`Scene::apply_pointer`], for the rest pose a player blends towards.

use museion_scene::{
    AlphaMode, CameraProperty, LightKind, LightProperty, Material, MaterialProperty, PointerTarget,
    Projection, Scene, TextureTransformPart,
};

/// What a pointer target holds now.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Current {
    /// Its value, as the `target.components()` numbers [`Scene::apply_pointer`] takes.
    Value(Vec<f32>),
    /// The target exists but holds no number yet: a light's infinite range, a camera's
    /// aspect ratio left to the viewport, an infinite far plane.
    Unset,
    /// Nothing `apply_pointer` could write: a missing material, light or camera, an
    /// absent extension, a slot without a texture, a spot property of a point light, a
    /// property of the other projection.
    Missing,
}

/// The value `target` has in `scene` now.
pub(crate) fn read_pointer(scene: &Scene, target: PointerTarget) -> Current {
    match read(scene, target) {
        Some(Some(value)) => Current::Value(value),
        Some(None) => Current::Unset,
        None => Current::Missing,
    }
}

/// `None` for a missing target, `Some(None)` for an unset one.
fn read(scene: &Scene, target: PointerTarget) -> Option<Option<Vec<f32>>> {
    match target {
        PointerTarget::Material { material, property } => {
            read_material(scene.materials.get(material.index())?, property).map(Some)
        }
        PointerTarget::TextureTransform { material, slot, part } => {
            let material = scene.materials.get(material.index())?;
            let reference = material.texture_slot_table().get(slot)?.1?;
            let t = reference.transform;
            Some(Some(match part {
                TextureTransformPart::Offset => t.offset.to_array().to_vec(),
                TextureTransformPart::Rotation => vec![t.rotation],
                TextureTransformPart::Scale => t.scale.to_array().to_vec(),
            }))
        }
        PointerTarget::Light { light, property } => {
            let light = scene.lights.get(light.index())?;
            let value = match (property, light.kind) {
                (LightProperty::Color, _) => Some(light.color.to_array().to_vec()),
                (LightProperty::Intensity, _) => Some(vec![light.intensity]),
                (LightProperty::Range, _) => light.range.map(|r| vec![r]),
                (LightProperty::SpotInnerConeAngle, LightKind::Spot { inner_cone_angle, .. }) => {
                    Some(vec![inner_cone_angle])
                }
                (LightProperty::SpotOuterConeAngle, LightKind::Spot { outer_cone_angle, .. }) => {
                    Some(vec![outer_cone_angle])
                }
                _ => return None,
            };
            Some(value)
        }
        PointerTarget::Camera { camera, property } => {
            let camera = scene.cameras.get(camera.index())?;
            read_camera(camera.projection, property).map(|x| x.map(|x| vec![x]))
        }
    }
}

fn read_material(m: &Material, property: MaterialProperty) -> Option<Vec<f32>> {
    use MaterialProperty::*;
    let one = |x: f32| Some(vec![x]);
    let three = |v: glam::Vec3| Some(v.to_array().to_vec());
    match property {
        BaseColorFactor => Some(m.base_color_factor.to_array().to_vec()),
        MetallicFactor => one(m.metallic_factor),
        RoughnessFactor => one(m.roughness_factor),
        NormalScale => one(m.normal_scale),
        OcclusionStrength => one(m.occlusion_strength),
        EmissiveFactor => three(m.emissive_factor),
        EmissiveStrength => one(m.emissive_strength),
        AlphaCutoff => match m.alpha_mode {
            AlphaMode::Mask { cutoff } => one(cutoff),
            _ => None,
        },
        Ior => one(m.ior),
        Dispersion => one(m.dispersion),
        SpecularFactor => one(m.specular.as_ref()?.factor),
        SpecularColorFactor => three(m.specular.as_ref()?.color_factor),
        ClearcoatFactor => one(m.clearcoat.as_ref()?.factor),
        ClearcoatRoughnessFactor => one(m.clearcoat.as_ref()?.roughness_factor),
        SheenColorFactor => three(m.sheen.as_ref()?.color_factor),
        SheenRoughnessFactor => one(m.sheen.as_ref()?.roughness_factor),
        TransmissionFactor => one(m.transmission.as_ref()?.factor),
        ThicknessFactor => one(m.volume.as_ref()?.thickness_factor),
        AttenuationDistance => one(m.volume.as_ref()?.attenuation_distance),
        AttenuationColor => three(m.volume.as_ref()?.attenuation_color),
        IridescenceFactor => one(m.iridescence.as_ref()?.factor),
        IridescenceIor => one(m.iridescence.as_ref()?.ior),
        IridescenceThicknessMinimum => one(m.iridescence.as_ref()?.thickness_minimum),
        IridescenceThicknessMaximum => one(m.iridescence.as_ref()?.thickness_maximum),
        AnisotropyStrength => one(m.anisotropy.as_ref()?.strength),
        AnisotropyRotation => one(m.anisotropy.as_ref()?.rotation),
    }
}

/// `None` for a property of the other projection, `Some(None)` for an unset one.
fn read_camera(projection: Projection, property: CameraProperty) -> Option<Option<f32>> {
    Some(match (property, projection) {
        (CameraProperty::Yfov, Projection::Perspective { yfov, .. }) => Some(yfov),
        (CameraProperty::AspectRatio, Projection::Perspective { aspect_ratio, .. }) => aspect_ratio,
        (CameraProperty::Znear, Projection::Perspective { znear, .. })
        | (CameraProperty::Znear, Projection::Orthographic { znear, .. }) => Some(znear),
        (CameraProperty::Zfar, Projection::Perspective { zfar, .. }) => zfar,
        (CameraProperty::Zfar, Projection::Orthographic { zfar, .. }) => Some(zfar),
        (CameraProperty::Xmag, Projection::Orthographic { xmag, .. }) => Some(xmag),
        (CameraProperty::Ymag, Projection::Orthographic { ymag, .. }) => Some(ymag),
        _ => return None,
    })
}
