//! Materials: metallic-roughness with every texture slot, `KHR_texture_transform` on each
//! slot, `KHR_materials_emissive_strength` and `KHR_materials_unlit`; the extensions that
//! add lobes and layers (ior, specular, clearcoat, sheen, transmission, volume,
//! iridescence, anisotropy, dispersion) are read in [`extensions`].

pub(crate) mod extensions;

use super::Warning;
use super::context::Context;
use crate::error::Error;
use glam::{Vec2, Vec3, Vec4};
use gltf::json::validation::Checked;
use museion_scene::TextureId;
use museion_scene::{AlphaMode, ColorSpace, Material, TextureRef, TextureTransform};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The JSON of `KHR_texture_transform`, with the extension's defaults.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TransformJson {
    #[serde(default)]
    offset: [f32; 2],
    #[serde(default)]
    rotation: f32,
    #[serde(default = "unit_scale")]
    scale: [f32; 2],
    tex_coord: Option<u32>,
}

fn unit_scale() -> [f32; 2] {
    [1.0, 1.0]
}

/// One texture slot: the texture, its UV set, its extensions.
struct Slot<'a> {
    index: u32,
    tex_coord: u32,
    extensions: Option<&'a Map<String, Value>>,
}

fn texture_ref(
    ctx: &Context,
    slot: Slot,
    pointer: &str,
    color_space: ColorSpace,
    warnings: &mut Vec<Warning>,
) -> Result<TextureRef, Error> {
    ctx.get(
        &ctx.doc.textures,
        slot.index,
        "texture",
        format!("{pointer}/index"),
    )?;
    let mut tex_coord = slot.tex_coord;
    let mut transform = TextureTransform::IDENTITY;
    if let Some(json) = slot.extensions.and_then(|e| e.get("KHR_texture_transform")) {
        let ext_pointer = format!("{pointer}/extensions/KHR_texture_transform");
        let parsed = TransformJson::deserialize(json)
            .map_err(|e| ctx.invalid(&ext_pointer, format!("malformed KHR_texture_transform: {e}")))?;
        transform = TextureTransform {
            offset: Vec2::from_array(parsed.offset),
            rotation: parsed.rotation,
            scale: Vec2::from_array(parsed.scale),
        };
        if !(transform.offset.is_finite() && transform.rotation.is_finite() && transform.scale.is_finite()) {
            return Err(ctx.invalid(ext_pointer, "texture transform values must be finite"));
        }
        if let Some(over) = parsed.tex_coord {
            tex_coord = over;
        }
    }
    if tex_coord > 1 {
        warnings.push(ctx.warning(
            pointer,
            format!("TEXCOORD_{tex_coord} is not supported (only sets 0 and 1); the slot reads set 0"),
        ));
        tex_coord = 0;
    }
    Ok(TextureRef {
        texture: TextureId(slot.index),
        tex_coord,
        transform,
        color_space,
    })
}

fn unit_factor(
    ctx: &Context,
    value: f32,
    pointer: String,
    warnings: &mut Vec<Warning>,
) -> Result<f32, Error> {
    if !value.is_finite() {
        return Err(ctx.invalid(pointer, "factor must be finite"));
    }
    if !(0.0..=1.0).contains(&value) {
        warnings.push(ctx.warning(&pointer, format!("{value} is outside [0, 1]; clamped")));
    }
    Ok(value.clamp(0.0, 1.0))
}

/// Converts material `index`.
pub(crate) fn convert(ctx: &Context, index: usize, warnings: &mut Vec<Warning>) -> Result<Material, Error> {
    let json = &ctx.doc.materials[index];
    let p = format!("/materials/{index}");
    let pbr = &json.pbr_metallic_roughness;
    let pbr_p = format!("{p}/pbrMetallicRoughness");

    let base = pbr.base_color_factor.0;
    if !base.iter().all(|v| v.is_finite()) {
        return Err(ctx.invalid(format!("{pbr_p}/baseColorFactor"), "factor must be finite"));
    }
    fn info_slot(info: &gltf::json::texture::Info) -> Slot<'_> {
        Slot {
            index: info.index.value() as u32,
            tex_coord: info.tex_coord,
            extensions: info.extensions.as_ref().map(|e| &e.others),
        }
    }
    let mut material = Material {
        name: json.name.clone(),
        base_color_factor: Vec4::from_array(base).clamp(Vec4::ZERO, Vec4::ONE),
        metallic_factor: unit_factor(
            ctx,
            pbr.metallic_factor.0,
            format!("{pbr_p}/metallicFactor"),
            warnings,
        )?,
        roughness_factor: unit_factor(
            ctx,
            pbr.roughness_factor.0,
            format!("{pbr_p}/roughnessFactor"),
            warnings,
        )?,
        extras: super::extras(&json.extras),
        ..Material::default()
    };
    if let Some(info) = &pbr.base_color_texture {
        material.base_color_texture = Some(texture_ref(
            ctx,
            info_slot(info),
            &format!("{pbr_p}/baseColorTexture"),
            ColorSpace::Srgb,
            warnings,
        )?);
    }
    if let Some(info) = &pbr.metallic_roughness_texture {
        material.metallic_roughness_texture = Some(texture_ref(
            ctx,
            info_slot(info),
            &format!("{pbr_p}/metallicRoughnessTexture"),
            ColorSpace::Linear,
            warnings,
        )?);
    }
    if let Some(normal) = &json.normal_texture {
        let slot = Slot {
            index: normal.index.value() as u32,
            tex_coord: normal.tex_coord,
            extensions: normal.extensions.as_ref().map(|e| &e.others),
        };
        material.normal_texture = Some(texture_ref(
            ctx,
            slot,
            &format!("{p}/normalTexture"),
            ColorSpace::Linear,
            warnings,
        )?);
        if !normal.scale.is_finite() {
            return Err(ctx.invalid(format!("{p}/normalTexture/scale"), "scale must be finite"));
        }
        material.normal_scale = normal.scale;
    }
    if let Some(occlusion) = &json.occlusion_texture {
        let slot = Slot {
            index: occlusion.index.value() as u32,
            tex_coord: occlusion.tex_coord,
            extensions: occlusion.extensions.as_ref().map(|e| &e.others),
        };
        material.occlusion_texture = Some(texture_ref(
            ctx,
            slot,
            &format!("{p}/occlusionTexture"),
            ColorSpace::Linear,
            warnings,
        )?);
        material.occlusion_strength = unit_factor(
            ctx,
            occlusion.strength.0,
            format!("{p}/occlusionTexture/strength"),
            warnings,
        )?;
    }
    if let Some(info) = &json.emissive_texture {
        material.emissive_texture = Some(texture_ref(
            ctx,
            info_slot(info),
            &format!("{p}/emissiveTexture"),
            ColorSpace::Srgb,
            warnings,
        )?);
    }
    let emissive = json.emissive_factor.0;
    if !emissive.iter().all(|v| v.is_finite()) {
        return Err(ctx.invalid(format!("{p}/emissiveFactor"), "factor must be finite"));
    }
    material.emissive_factor = Vec3::from_array(emissive).clamp(Vec3::ZERO, Vec3::ONE);

    material.alpha_mode = match json.alpha_mode {
        Checked::Valid(gltf::json::material::AlphaMode::Opaque) => AlphaMode::Opaque,
        Checked::Valid(gltf::json::material::AlphaMode::Blend) => AlphaMode::Blend,
        Checked::Valid(gltf::json::material::AlphaMode::Mask) => AlphaMode::Mask {
            cutoff: json.alpha_cutoff.map_or(0.5, |c| c.0),
        },
        Checked::Invalid => {
            return Err(ctx.invalid(
                format!("{p}/alphaMode"),
                "alphaMode must be OPAQUE, MASK or BLEND",
            ));
        }
    };
    if let AlphaMode::Mask { cutoff } = material.alpha_mode
        && !(cutoff.is_finite() && cutoff >= 0.0)
    {
        return Err(ctx.invalid(format!("{p}/alphaCutoff"), "alphaCutoff must be a number ≥ 0"));
    }
    material.double_sided = json.double_sided;

    if let Some(ext) = &json.extensions {
        extensions::read(ctx, &ext.others, &p, &mut material, warnings)?;
        material.unlit = ext.unlit.is_some();
        if let Some(strength) = &ext.emissive_strength {
            let value = strength.emissive_strength.0;
            if !(value.is_finite() && value >= 0.0) {
                return Err(ctx.invalid(
                    format!("{p}/extensions/KHR_materials_emissive_strength/emissiveStrength"),
                    "emissiveStrength must be a number ≥ 0",
                ));
            }
            material.emissive_strength = value;
        }
    }
    Ok(material)
}
