//! What `KHR_animation_pointer` channels may drive besides node transforms and morph
//! weights (those become ordinary [`AnimationChannel`](crate::AnimationChannel)s): material
//! factors, texture transforms, light and camera properties. [`Scene::apply_pointer`]
//! (in `scene_pointer.rs`) writes a sampled value into the scene.
//!
//! [`Scene::apply_pointer`]: crate::Scene::apply_pointer

use crate::ids::{CameraId, LightId, MaterialId};

/// A material factor an animation can drive, named by its glTF property.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MaterialProperty {
    /// `pbrMetallicRoughness/baseColorFactor` (4 values).
    BaseColorFactor,
    /// `pbrMetallicRoughness/metallicFactor`.
    MetallicFactor,
    /// `pbrMetallicRoughness/roughnessFactor`.
    RoughnessFactor,
    /// `normalTexture/scale`.
    NormalScale,
    /// `occlusionTexture/strength`.
    OcclusionStrength,
    /// `emissiveFactor` (3 values).
    EmissiveFactor,
    /// `KHR_materials_emissive_strength/emissiveStrength`.
    EmissiveStrength,
    /// `alphaCutoff`.
    AlphaCutoff,
    /// `KHR_materials_ior/ior`.
    Ior,
    /// `KHR_materials_specular/specularFactor`.
    SpecularFactor,
    /// `KHR_materials_specular/specularColorFactor` (3 values).
    SpecularColorFactor,
    /// `KHR_materials_clearcoat/clearcoatFactor`.
    ClearcoatFactor,
    /// `KHR_materials_clearcoat/clearcoatRoughnessFactor`.
    ClearcoatRoughnessFactor,
    /// `KHR_materials_sheen/sheenColorFactor` (3 values).
    SheenColorFactor,
    /// `KHR_materials_sheen/sheenRoughnessFactor`.
    SheenRoughnessFactor,
    /// `KHR_materials_transmission/transmissionFactor`.
    TransmissionFactor,
    /// `KHR_materials_volume/thicknessFactor`.
    ThicknessFactor,
    /// `KHR_materials_volume/attenuationDistance`.
    AttenuationDistance,
    /// `KHR_materials_volume/attenuationColor` (3 values).
    AttenuationColor,
    /// `KHR_materials_iridescence/iridescenceFactor`.
    IridescenceFactor,
    /// `KHR_materials_iridescence/iridescenceIor`.
    IridescenceIor,
    /// `KHR_materials_iridescence/iridescenceThicknessMinimum`.
    IridescenceThicknessMinimum,
    /// `KHR_materials_iridescence/iridescenceThicknessMaximum`.
    IridescenceThicknessMaximum,
    /// `KHR_materials_anisotropy/anisotropyStrength`.
    AnisotropyStrength,
    /// `KHR_materials_anisotropy/anisotropyRotation`.
    AnisotropyRotation,
    /// `KHR_materials_dispersion/dispersion`.
    Dispersion,
}

impl MaterialProperty {
    /// Values per key.
    pub fn components(self) -> usize {
        use MaterialProperty::*;
        match self {
            BaseColorFactor => 4,
            EmissiveFactor | SpecularColorFactor | SheenColorFactor | AttenuationColor => 3,
            _ => 1,
        }
    }
}

/// A part of a texture slot's `KHR_texture_transform`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextureTransformPart {
    /// `offset` (2 values).
    Offset,
    /// `rotation` (1 value, radians).
    Rotation,
    /// `scale` (2 values).
    Scale,
}

/// A light property an animation can drive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LightProperty {
    /// `color` (3 values).
    Color,
    /// `intensity`.
    Intensity,
    /// `range`.
    Range,
    /// `spot/innerConeAngle`.
    SpotInnerConeAngle,
    /// `spot/outerConeAngle`.
    SpotOuterConeAngle,
}

/// A camera property an animation can drive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CameraProperty {
    /// `perspective/yfov`.
    Yfov,
    /// `perspective/aspectRatio`.
    AspectRatio,
    /// `perspective/znear` or `orthographic/znear`.
    Znear,
    /// `perspective/zfar` or `orthographic/zfar`.
    Zfar,
    /// `orthographic/xmag`.
    Xmag,
    /// `orthographic/ymag`.
    Ymag,
}

/// What a pointer channel drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointerTarget {
    /// A material factor.
    Material {
        /// The material.
        material: MaterialId,
        /// The factor.
        property: MaterialProperty,
    },
    /// A part of the texture transform of one of a material's texture slots.
    TextureTransform {
        /// The material.
        material: MaterialId,
        /// The slot, as ordered by [`Material::texture_slot_table`](crate::Material::texture_slot_table).
        slot: usize,
        /// Offset, rotation or scale.
        part: TextureTransformPart,
    },
    /// A light property.
    Light {
        /// The light.
        light: LightId,
        /// The property.
        property: LightProperty,
    },
    /// A camera property.
    Camera {
        /// The camera.
        camera: CameraId,
        /// The property.
        property: CameraProperty,
    },
}

impl PointerTarget {
    /// Values per key.
    pub fn components(self) -> usize {
        match self {
            PointerTarget::Material { property, .. } => property.components(),
            PointerTarget::TextureTransform { part, .. } => match part {
                TextureTransformPart::Rotation => 1,
                TextureTransformPart::Offset | TextureTransformPart::Scale => 2,
            },
            PointerTarget::Light { property, .. } => match property {
                LightProperty::Color => 3,
                _ => 1,
            },
            PointerTarget::Camera { .. } => 1,
        }
    }
}

/// One animated property reached through `KHR_animation_pointer`.
#[derive(Clone, Debug, PartialEq)]
pub struct PointerChannel {
    /// What the channel drives.
    pub target: PointerTarget,
    /// Index into [`Animation::samplers`](crate::Animation::samplers).
    pub sampler: usize,
}
