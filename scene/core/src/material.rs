//! glTF metallic-roughness materials.

use crate::ids::TextureId;
use glam::{Mat3, Vec2, Vec3, Vec4};

/// How the alpha channel of the base colour is used.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum AlphaMode {
    /// Alpha is ignored; the surface is fully opaque.
    #[default]
    Opaque,
    /// Fragments with alpha below `cutoff` are discarded, the rest are opaque.
    Mask {
        /// The alpha threshold (glTF default 0.5).
        cutoff: f32,
    },
    /// The surface is blended over what is behind it.
    Blend,
}

/// How texel values of a texture are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColorSpace {
    /// sRGB-encoded colour: base colour and emissive textures.
    Srgb,
    /// Linear data: metallic-roughness, normal and occlusion textures.
    Linear,
}

/// `KHR_texture_transform`: a UV offset, rotation and scale applied to a texture slot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextureTransform {
    /// Added to the UV after scale and rotation.
    pub offset: Vec2,
    /// Counter-clockwise rotation of the UV, in radians.
    pub rotation: f32,
    /// Multiplies the UV first.
    pub scale: Vec2,
}

impl Default for TextureTransform {
    fn default() -> Self {
        Self::IDENTITY
    }
}

impl TextureTransform {
    /// The transform that leaves UVs unchanged.
    pub const IDENTITY: TextureTransform = TextureTransform {
        offset: Vec2::ZERO,
        rotation: 0.0,
        scale: Vec2::ONE,
    };

    /// True when the transform leaves UVs unchanged.
    pub fn is_identity(&self) -> bool {
        *self == Self::IDENTITY
    }

    /// The 3×3 matrix `T * R * S` that maps `(u, v, 1)` as `KHR_texture_transform` defines.
    pub fn matrix(&self) -> Mat3 {
        let (s, c) = self.rotation.sin_cos();
        let translation = Mat3::from_cols(Vec3::X, Vec3::Y, Vec3::new(self.offset.x, self.offset.y, 1.0));
        let rotation = Mat3::from_cols(Vec3::new(c, -s, 0.0), Vec3::new(s, c, 0.0), Vec3::Z);
        let scale = Mat3::from_diagonal(Vec3::new(self.scale.x, self.scale.y, 1.0));
        translation * rotation * scale
    }

    /// Applies the transform to one UV.
    pub fn apply(&self, uv: Vec2) -> Vec2 {
        self.matrix().transform_point2(uv)
    }
}

/// A material's use of a texture: which one, which UV set, how UVs are transformed, and
/// how texel values are read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextureRef {
    /// The texture.
    pub texture: TextureId,
    /// The UV set to read (0 or 1), after any `KHR_texture_transform` override.
    pub tex_coord: u32,
    /// The UV transform (identity when the file has none).
    pub transform: TextureTransform,
    /// The colour space this slot reads the texture in.
    pub color_space: ColorSpace,
}

/// A glTF 2.0 metallic-roughness material, with the extensions Museion reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Material {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// Linear RGBA base colour factor.
    pub base_color_factor: Vec4,
    /// Base colour texture (sRGB).
    pub base_color_texture: Option<TextureRef>,
    /// Metalness factor, 0 to 1.
    pub metallic_factor: f32,
    /// Perceptual roughness factor, 0 to 1.
    pub roughness_factor: f32,
    /// Metallic (blue) and roughness (green) texture (linear).
    pub metallic_roughness_texture: Option<TextureRef>,
    /// Tangent-space normal map (linear).
    pub normal_texture: Option<TextureRef>,
    /// Scale of the normal map's X and Y.
    pub normal_scale: f32,
    /// Ambient occlusion texture, red channel (linear).
    pub occlusion_texture: Option<TextureRef>,
    /// How strongly occlusion applies, 0 to 1.
    pub occlusion_strength: f32,
    /// Linear emissive colour factor.
    pub emissive_factor: Vec3,
    /// Emissive texture (sRGB).
    pub emissive_texture: Option<TextureRef>,
    /// `KHR_materials_emissive_strength` multiplier (1 when absent).
    pub emissive_strength: f32,
    /// How alpha is used.
    pub alpha_mode: AlphaMode,
    /// Whether back faces are drawn and lit with a flipped normal.
    pub double_sided: bool,
    /// `KHR_materials_unlit`: the base colour is shown as is, without lighting.
    pub unlit: bool,
    /// The material's glTF `extras`, if any.
    pub extras: Option<serde_json::Value>,
}

impl Default for Material {
    /// glTF's default material: white, fully metallic, fully rough, opaque, single-sided.
    fn default() -> Self {
        Self {
            name: None,
            base_color_factor: Vec4::ONE,
            base_color_texture: None,
            metallic_factor: 1.0,
            roughness_factor: 1.0,
            metallic_roughness_texture: None,
            normal_texture: None,
            normal_scale: 1.0,
            occlusion_texture: None,
            occlusion_strength: 1.0,
            emissive_factor: Vec3::ZERO,
            emissive_texture: None,
            emissive_strength: 1.0,
            alpha_mode: AlphaMode::Opaque,
            double_sided: false,
            unlit: false,
            extras: None,
        }
    }
}

impl Material {
    /// Every texture slot in use, with the slot's name.
    pub fn texture_slots(&self) -> impl Iterator<Item = (&'static str, &TextureRef)> {
        [
            ("baseColorTexture", self.base_color_texture.as_ref()),
            (
                "metallicRoughnessTexture",
                self.metallic_roughness_texture.as_ref(),
            ),
            ("normalTexture", self.normal_texture.as_ref()),
            ("occlusionTexture", self.occlusion_texture.as_ref()),
            ("emissiveTexture", self.emissive_texture.as_ref()),
        ]
        .into_iter()
        .filter_map(|(name, slot)| slot.map(|s| (name, s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texture_transform_matches_the_extension_definition() {
        // KHR_texture_transform: scale, then rotate by `rotation` (counter-clockwise in
        // UV space, which with v pointing down turns u towards -v), then offset.
        let t = TextureTransform {
            offset: Vec2::new(0.5, 0.25),
            rotation: std::f32::consts::FRAC_PI_2,
            scale: Vec2::new(2.0, 3.0),
        };
        let uv = Vec2::new(1.0, 0.0);
        // Scale: (2, 0). Rotate: (c*x + s*y, -s*x + c*y) = (0, -2). Offset: (0.5, -1.75).
        assert!(
            t.apply(uv).abs_diff_eq(Vec2::new(0.5, -1.75), 1e-6),
            "{}",
            t.apply(uv)
        );
        assert!(TextureTransform::IDENTITY.apply(uv).abs_diff_eq(uv, 0.0));

        // The extension's own example: offset (0, 1), rotation 90°, scale 0.5 "utilizes
        // only the lower left quadrant of the source image" (v grows downwards).
        let example = TextureTransform {
            offset: Vec2::new(0.0, 1.0),
            rotation: std::f32::consts::FRAC_PI_2,
            scale: Vec2::splat(0.5),
        };
        for corner in [Vec2::ZERO, Vec2::X, Vec2::Y, Vec2::ONE] {
            let t = example.apply(corner);
            assert!((-1e-6..=0.5 + 1e-6).contains(&t.x), "{corner} -> {t}");
            assert!((0.5 - 1e-6..=1.0 + 1e-6).contains(&t.y), "{corner} -> {t}");
        }
        assert!(TextureTransform::default().is_identity());
    }
}
