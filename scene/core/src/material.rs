//! glTF metallic-roughness materials and the `KHR_materials_*` extensions Museion reads.

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

/// The texture slots of a material as `(glTF name, Option<&TextureRef>)` pairs, filtered
/// to those in use; `$as` is `as_ref` or `as_mut`, so that one list serves both borrows.
macro_rules! texture_slot_table {
    ($material:expr, $as:ident) => {{
        let Material {
            base_color_texture,
            metallic_roughness_texture,
            normal_texture,
            occlusion_texture,
            emissive_texture,
            specular,
            clearcoat,
            sheen,
            transmission,
            volume,
            iridescence,
            anisotropy,
            ..
        } = $material;
        let (specular, specular_color) = match specular {
            Some(Specular {
                texture,
                color_texture,
                ..
            }) => (texture.$as(), color_texture.$as()),
            None => (None, None),
        };
        let (clearcoat, clearcoat_roughness, clearcoat_normal) = match clearcoat {
            Some(Clearcoat {
                texture,
                roughness_texture,
                normal_texture,
                ..
            }) => (texture.$as(), roughness_texture.$as(), normal_texture.$as()),
            None => (None, None, None),
        };
        let (sheen_color, sheen_roughness) = match sheen {
            Some(Sheen {
                color_texture,
                roughness_texture,
                ..
            }) => (color_texture.$as(), roughness_texture.$as()),
            None => (None, None),
        };
        let transmission = transmission.$as().and_then(|t| t.texture.$as());
        let thickness = volume.$as().and_then(|v| v.thickness_texture.$as());
        let (iridescence, iridescence_thickness) = match iridescence {
            Some(Iridescence {
                texture,
                thickness_texture,
                ..
            }) => (texture.$as(), thickness_texture.$as()),
            None => (None, None),
        };
        let anisotropy = anisotropy.$as().and_then(|a| a.texture.$as());
        [
            ("baseColorTexture", base_color_texture.$as()),
            ("metallicRoughnessTexture", metallic_roughness_texture.$as()),
            ("normalTexture", normal_texture.$as()),
            ("occlusionTexture", occlusion_texture.$as()),
            ("emissiveTexture", emissive_texture.$as()),
            ("specularTexture", specular),
            ("specularColorTexture", specular_color),
            ("clearcoatTexture", clearcoat),
            ("clearcoatRoughnessTexture", clearcoat_roughness),
            ("clearcoatNormalTexture", clearcoat_normal),
            ("sheenColorTexture", sheen_color),
            ("sheenRoughnessTexture", sheen_roughness),
            ("transmissionTexture", transmission),
            ("thicknessTexture", thickness),
            ("iridescenceTexture", iridescence),
            ("iridescenceThicknessTexture", iridescence_thickness),
            ("anisotropyTexture", anisotropy),
        ]
    }};
}

/// How many texture slots a material has: the five core ones and the extensions'.
pub const TEXTURE_SLOT_COUNT: usize = 17;

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
    /// `KHR_materials_ior`: the index of refraction of the dielectric part (1.5 when
    /// absent; 0 means an infinite index, a perfect mirror Fresnel).
    pub ior: f32,
    /// `KHR_materials_specular`: the strength and colour of the dielectric specular lobe.
    pub specular: Option<Specular>,
    /// `KHR_materials_clearcoat`: a clear lacquer layer over the base.
    pub clearcoat: Option<Clearcoat>,
    /// `KHR_materials_sheen`: a cloth-like back-scattering layer.
    pub sheen: Option<Sheen>,
    /// `KHR_materials_transmission`: light passing through the surface.
    pub transmission: Option<Transmission>,
    /// `KHR_materials_volume`: the medium behind a transmissive surface.
    pub volume: Option<Volume>,
    /// `KHR_materials_iridescence`: a thin film over the base (soap bubbles, oil).
    pub iridescence: Option<Iridescence>,
    /// `KHR_materials_anisotropy`: roughness stretched along a direction.
    pub anisotropy: Option<Anisotropy>,
    /// `KHR_materials_dispersion`: `20 / Abbe number` of the volume (0 when absent: no
    /// dispersion).
    pub dispersion: f32,
    /// The material's glTF `extras`, if any.
    pub extras: Option<serde_json::Value>,
    /// The material's XMP metadata (glTF `KHR_xmp_json_ld`), if any.
    pub xmp: Option<crate::XmpPacket>,
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
            ior: DEFAULT_IOR,
            specular: None,
            clearcoat: None,
            sheen: None,
            transmission: None,
            volume: None,
            iridescence: None,
            anisotropy: None,
            dispersion: 0.0,
            extras: None,
            xmp: None,
        }
    }
}

impl Material {
    /// Every texture slot in use, with the slot's glTF name (core slots first, then the
    /// extensions' in the order of the fields).
    pub fn texture_slots(&self) -> impl Iterator<Item = (&'static str, &TextureRef)> {
        self.texture_slot_table()
            .into_iter()
            .filter_map(|(name, slot)| slot.map(|s| (name, s)))
    }

    /// Every texture slot, used or not, with its glTF name, in a fixed order: the core
    /// slots (base colour, metallic-roughness, normal, occlusion, emissive), then
    /// specular, specular colour, clearcoat, clearcoat roughness, clearcoat normal, sheen
    /// colour, sheen roughness, transmission, thickness, iridescence, iridescence
    /// thickness and anisotropy.
    pub fn texture_slot_table(&self) -> [(&'static str, Option<&TextureRef>); TEXTURE_SLOT_COUNT] {
        texture_slot_table!(self, as_ref)
    }

    /// Every texture slot in use, mutable, with the slot's glTF name (the order of
    /// [`Material::texture_slots`]): for remapping texture ids.
    pub fn texture_slots_mut(&mut self) -> impl Iterator<Item = (&'static str, &mut TextureRef)> {
        texture_slot_table!(self, as_mut)
            .into_iter()
            .filter_map(|(name, slot)| slot.map(|s| (name, s)))
    }

    /// The slot whose UVs tangents should follow, if the material reads tangents: the
    /// normal map, else the clearcoat normal map, else the anisotropy direction map.
    pub fn tangent_slot(&self) -> Option<&TextureRef> {
        let clearcoat = self.clearcoat.as_ref().and_then(|c| c.normal_texture.as_ref());
        let anisotropy = self.anisotropy.as_ref().and_then(|a| a.texture.as_ref());
        self.normal_texture.as_ref().or(clearcoat).or(anisotropy)
    }
}

/// The index of refraction glTF assumes when `KHR_materials_ior` is absent.
pub const DEFAULT_IOR: f32 = 1.5;

/// `KHR_materials_specular`: scales and tints the dielectric Fresnel (F0 and F90).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Specular {
    /// `specularFactor`: strength of the specular reflection, 0 to 1 (default 1).
    pub factor: f32,
    /// `specularTexture`: multiplies `factor` by its alpha channel (linear).
    pub texture: Option<TextureRef>,
    /// `specularColorFactor`: linear tint of F0 (default white; may exceed 1).
    pub color_factor: Vec3,
    /// `specularColorTexture`: multiplies `color_factor` by its RGB (sRGB).
    pub color_texture: Option<TextureRef>,
}

impl Default for Specular {
    fn default() -> Self {
        Self {
            factor: 1.0,
            texture: None,
            color_factor: Vec3::ONE,
            color_texture: None,
        }
    }
}

/// `KHR_materials_clearcoat`: a clear dielectric layer (ior 1.5) over the base material.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clearcoat {
    /// `clearcoatFactor`: the layer's intensity, 0 to 1 (default 0).
    pub factor: f32,
    /// `clearcoatTexture`: multiplies `factor` by its red channel (linear).
    pub texture: Option<TextureRef>,
    /// `clearcoatRoughnessFactor`: the layer's perceptual roughness, 0 to 1 (default 0).
    pub roughness_factor: f32,
    /// `clearcoatRoughnessTexture`: multiplies `roughness_factor` by its green channel
    /// (linear).
    pub roughness_texture: Option<TextureRef>,
    /// `clearcoatNormalTexture`: the layer's tangent-space normal map (linear); without
    /// it the layer uses the geometric normal.
    pub normal_texture: Option<TextureRef>,
    /// The `scale` of `clearcoatNormalTexture` (default 1).
    pub normal_scale: f32,
}

impl Default for Clearcoat {
    fn default() -> Self {
        Self {
            factor: 0.0,
            texture: None,
            roughness_factor: 0.0,
            roughness_texture: None,
            normal_texture: None,
            normal_scale: 1.0,
        }
    }
}

/// `KHR_materials_sheen`: a velvet-like layer for cloth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sheen {
    /// `sheenColorFactor`: linear sheen colour (default black: no sheen).
    pub color_factor: Vec3,
    /// `sheenColorTexture`: multiplies `color_factor` by its RGB (sRGB).
    pub color_texture: Option<TextureRef>,
    /// `sheenRoughnessFactor`: the sheen's roughness, 0 to 1 (default 0).
    pub roughness_factor: f32,
    /// `sheenRoughnessTexture`: multiplies `roughness_factor` by its alpha channel
    /// (linear).
    pub roughness_texture: Option<TextureRef>,
}

impl Default for Sheen {
    fn default() -> Self {
        Self {
            color_factor: Vec3::ZERO,
            color_texture: None,
            roughness_factor: 0.0,
            roughness_texture: None,
        }
    }
}

/// `KHR_materials_transmission`: the share of light that passes through the surface.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Transmission {
    /// `transmissionFactor`: 0 (opaque) to 1 (fully transmissive); default 0.
    pub factor: f32,
    /// `transmissionTexture`: multiplies `factor` by its red channel (linear).
    pub texture: Option<TextureRef>,
}

/// `KHR_materials_volume`: the medium enclosed by the mesh.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Volume {
    /// `thicknessFactor`: thickness in the mesh's local units; 0 (the default) means a
    /// thin-walled surface with no volume.
    pub thickness_factor: f32,
    /// `thicknessTexture`: multiplies `thickness_factor` by its green channel (linear).
    pub thickness_texture: Option<TextureRef>,
    /// `attenuationDistance`: the distance light travels before its colour becomes
    /// `attenuation_color`; `f32::INFINITY` (the default) means no attenuation.
    pub attenuation_distance: f32,
    /// `attenuationColor`: the linear colour white light turns into after
    /// `attenuation_distance` (default white).
    pub attenuation_color: Vec3,
}

impl Default for Volume {
    fn default() -> Self {
        Self {
            thickness_factor: 0.0,
            thickness_texture: None,
            attenuation_distance: f32::INFINITY,
            attenuation_color: Vec3::ONE,
        }
    }
}

impl Volume {
    /// True when the surface is thin-walled (`thickness_factor` is 0): light refracts
    /// in and straight out again.
    pub fn is_thin_walled(&self) -> bool {
        self.thickness_factor == 0.0
    }
}

/// `KHR_materials_iridescence`: a thin film whose interference colours the reflection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Iridescence {
    /// `iridescenceFactor`: the film's intensity, 0 to 1 (default 0).
    pub factor: f32,
    /// `iridescenceTexture`: multiplies `factor` by its red channel (linear).
    pub texture: Option<TextureRef>,
    /// `iridescenceIor`: the film's index of refraction (default 1.3).
    pub ior: f32,
    /// `iridescenceThicknessMinimum`: film thickness in nanometres where the thickness
    /// texture reads 0 (default 100).
    pub thickness_minimum: f32,
    /// `iridescenceThicknessMaximum`: film thickness in nanometres where the thickness
    /// texture reads 1, and everywhere without one (default 400).
    pub thickness_maximum: f32,
    /// `iridescenceThicknessTexture`: its green channel blends from the minimum to the
    /// maximum thickness (linear).
    pub thickness_texture: Option<TextureRef>,
}

impl Default for Iridescence {
    fn default() -> Self {
        Self {
            factor: 0.0,
            texture: None,
            ior: 1.3,
            thickness_minimum: 100.0,
            thickness_maximum: 400.0,
            thickness_texture: None,
        }
    }
}

/// `KHR_materials_anisotropy`: specular highlights stretched along a tangent direction.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Anisotropy {
    /// `anisotropyStrength`: 0 (isotropic, the default) to 1.
    pub strength: f32,
    /// `anisotropyRotation`: radians, counter-clockwise from the tangent (default 0).
    pub rotation: f32,
    /// `anisotropyTexture`: red and green a direction in tangent space (mapped from
    /// [0, 1] to [-1, 1]), blue a multiplier of `strength` (linear).
    pub texture: Option<TextureRef>,
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

    #[test]
    fn extension_defaults_are_the_specifications() {
        let m = Material::default();
        assert_eq!(m.ior, 1.5);
        assert_eq!(m.dispersion, 0.0);
        assert_eq!(Specular::default().factor, 1.0);
        assert_eq!(Specular::default().color_factor, Vec3::ONE);
        assert_eq!(Clearcoat::default().normal_scale, 1.0);
        assert_eq!(Sheen::default().color_factor, Vec3::ZERO);
        assert_eq!(Transmission::default().factor, 0.0);
        let volume = Volume::default();
        assert!(volume.is_thin_walled());
        assert_eq!(volume.attenuation_distance, f32::INFINITY);
        assert_eq!(volume.attenuation_color, Vec3::ONE);
        let film = Iridescence::default();
        assert_eq!(
            (film.ior, film.thickness_minimum, film.thickness_maximum),
            (1.3, 100.0, 400.0)
        );
        assert_eq!(Anisotropy::default().strength, 0.0);
    }

    #[test]
    fn texture_slots_name_the_extension_slots() {
        let slot = |i| TextureRef {
            texture: TextureId(i),
            tex_coord: 0,
            transform: TextureTransform::IDENTITY,
            color_space: ColorSpace::Linear,
        };
        let m = Material {
            clearcoat: Some(Clearcoat {
                normal_texture: Some(slot(1)),
                ..Clearcoat::default()
            }),
            sheen: Some(Sheen {
                roughness_texture: Some(slot(2)),
                ..Sheen::default()
            }),
            volume: Some(Volume {
                thickness_texture: Some(slot(3)),
                ..Volume::default()
            }),
            ..Material::default()
        };
        let names: Vec<_> = m.texture_slots().map(|(n, s)| (n, s.texture.0)).collect();
        assert_eq!(
            names,
            [
                ("clearcoatNormalTexture", 1),
                ("sheenRoughnessTexture", 2),
                ("thicknessTexture", 3)
            ]
        );
    }
}
