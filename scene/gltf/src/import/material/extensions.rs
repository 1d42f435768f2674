//! The `KHR_materials_*` extensions that add lobes and layers to a material: one small
//! converter per extension, each reading the raw JSON of `material.extensions` (the
//! `gltf` crate's typed models are not enabled), with the data model's defaults for
//! what a file leaves out. Non-finite numbers fail the import; values out of range are
//! clamped with a warning, as the core factors are.

use super::{Slot, texture_ref, unit_factor};
use crate::error::Error;
use crate::import::Warning;
use crate::import::context::Context;
use glam::Vec3;
use museion_scene::{
    Anisotropy, Clearcoat, ColorSpace, Iridescence, Material, Sheen, Specular, TextureRef, Transmission,
    Volume,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// A `textureInfo` (or `normalTextureInfo`, whose `scale` it keeps) inside an extension.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InfoJson {
    index: u32,
    #[serde(default)]
    tex_coord: u32,
    scale: Option<f32>,
    extensions: Option<Map<String, Value>>,
}

/// Reading one extension's object: where it is, for errors and warnings.
struct Reader<'a> {
    ctx: &'a Context,
    pointer: String,
    warnings: &'a mut Vec<Warning>,
}

impl Reader<'_> {
    fn at(&self, key: &str) -> String {
        format!("{}/{key}", self.pointer)
    }

    fn finite(&self, value: f32, key: &str) -> Result<f32, Error> {
        if value.is_finite() {
            Ok(value)
        } else {
            Err(self.ctx.invalid(self.at(key), format!("{key} must be finite")))
        }
    }

    /// A factor in [0, 1], `default` when absent.
    fn unit(&mut self, value: Option<f32>, default: f32, key: &str) -> Result<f32, Error> {
        value.map_or(Ok(default), |v| {
            unit_factor(self.ctx, v, self.at(key), self.warnings)
        })
    }

    /// A number at least `min`, `default` when absent.
    fn at_least(&mut self, value: Option<f32>, default: f32, min: f32, key: &str) -> Result<f32, Error> {
        let Some(value) = value else { return Ok(default) };
        let value = self.finite(value, key)?;
        if value < min {
            let at = self.at(key);
            self.warnings
                .push(self.ctx.warning(at, format!("{value} is below {min}; clamped")));
            return Ok(min);
        }
        Ok(value)
    }

    /// A linear colour with components in [0, `max`], `default` when absent.
    fn color(&mut self, value: Option<[f32; 3]>, default: Vec3, max: f32, key: &str) -> Result<Vec3, Error> {
        let Some(value) = value else { return Ok(default) };
        for v in value {
            self.finite(v, key)?;
        }
        let color = Vec3::from_array(value);
        let clamped = color.clamp(Vec3::ZERO, Vec3::splat(max));
        if clamped != color {
            let at = self.at(key);
            self.warnings.push(
                self.ctx
                    .warning(at, format!("{color} is outside [0, {max}]; clamped")),
            );
        }
        Ok(clamped)
    }

    /// A texture slot, read in `color_space`, with its `KHR_texture_transform`.
    fn texture(
        &mut self,
        info: Option<&InfoJson>,
        key: &str,
        color_space: ColorSpace,
    ) -> Result<Option<TextureRef>, Error> {
        let Some(info) = info else { return Ok(None) };
        let slot = Slot {
            index: info.index,
            tex_coord: info.tex_coord,
            extensions: info.extensions.as_ref(),
        };
        texture_ref(self.ctx, slot, &self.at(key), color_space, self.warnings).map(Some)
    }
}

/// Reads every extension of this module that `extensions` (a material's `extensions`
/// object, at `pointer`) holds into `material`.
pub(super) fn read(
    ctx: &Context,
    extensions: &Map<String, Value>,
    pointer: &str,
    material: &mut Material,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    let mut each = Each {
        ctx,
        extensions,
        pointer,
        warnings,
    };
    if let Some(ior) = each.convert("KHR_materials_ior", ior)? {
        material.ior = ior;
    }
    material.specular = each.convert("KHR_materials_specular", specular)?;
    material.clearcoat = each.convert("KHR_materials_clearcoat", clearcoat)?;
    material.sheen = each.convert("KHR_materials_sheen", sheen)?;
    material.transmission = each.convert("KHR_materials_transmission", transmission)?;
    material.volume = each.convert("KHR_materials_volume", volume)?;
    material.iridescence = each.convert("KHR_materials_iridescence", iridescence)?;
    material.anisotropy = each.convert("KHR_materials_anisotropy", anisotropy)?;
    if let Some(dispersion) = each.convert("KHR_materials_dispersion", dispersion)? {
        material.dispersion = dispersion;
    }
    Ok(())
}

/// What running the converters of one material's extensions needs.
struct Each<'a> {
    ctx: &'a Context,
    extensions: &'a Map<String, Value>,
    pointer: &'a str,
    warnings: &'a mut Vec<Warning>,
}

impl Each<'_> {
    /// Parses the extension `name` into `J` and converts it with `convert`; `None` when
    /// the material does not have it.
    fn convert<J: DeserializeOwned, T>(
        &mut self,
        name: &str,
        convert: fn(&mut Reader, &J) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        let Some(json) = self.extensions.get(name) else {
            return Ok(None);
        };
        let pointer = format!("{}/extensions/{name}", self.pointer);
        let parsed =
            J::deserialize(json).map_err(|e| self.ctx.invalid(&pointer, format!("malformed {name}: {e}")))?;
        let mut reader = Reader {
            ctx: self.ctx,
            pointer,
            warnings: self.warnings,
        };
        convert(&mut reader, &parsed).map(Some)
    }
}

#[derive(Deserialize)]
struct IorJson {
    ior: Option<f32>,
}

/// `ior` is 0 (an infinite index) or at least 1.
fn ior(r: &mut Reader, json: &IorJson) -> Result<f32, Error> {
    match json.ior {
        Some(value) if r.finite(value, "ior")? == 0.0 => Ok(0.0),
        value => r.at_least(value, museion_scene::DEFAULT_IOR, 1.0, "ior"),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpecularJson {
    specular_factor: Option<f32>,
    specular_texture: Option<InfoJson>,
    specular_color_factor: Option<[f32; 3]>,
    specular_color_texture: Option<InfoJson>,
}

fn specular(r: &mut Reader, json: &SpecularJson) -> Result<Specular, Error> {
    let d = Specular::default();
    Ok(Specular {
        factor: r.unit(json.specular_factor, d.factor, "specularFactor")?,
        texture: r.texture(
            json.specular_texture.as_ref(),
            "specularTexture",
            ColorSpace::Linear,
        )?,
        // The colour may exceed 1 (the extension scales F0 by it, then clamps).
        color_factor: r.color(
            json.specular_color_factor,
            d.color_factor,
            f32::MAX,
            "specularColorFactor",
        )?,
        color_texture: r.texture(
            json.specular_color_texture.as_ref(),
            "specularColorTexture",
            ColorSpace::Srgb,
        )?,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClearcoatJson {
    clearcoat_factor: Option<f32>,
    clearcoat_texture: Option<InfoJson>,
    clearcoat_roughness_factor: Option<f32>,
    clearcoat_roughness_texture: Option<InfoJson>,
    clearcoat_normal_texture: Option<InfoJson>,
}

fn clearcoat(r: &mut Reader, json: &ClearcoatJson) -> Result<Clearcoat, Error> {
    let d = Clearcoat::default();
    let normal = json.clearcoat_normal_texture.as_ref();
    let normal_scale = match normal.and_then(|n| n.scale) {
        Some(scale) => r.finite(scale, "clearcoatNormalTexture/scale")?,
        None => d.normal_scale,
    };
    Ok(Clearcoat {
        factor: r.unit(json.clearcoat_factor, d.factor, "clearcoatFactor")?,
        texture: r.texture(
            json.clearcoat_texture.as_ref(),
            "clearcoatTexture",
            ColorSpace::Linear,
        )?,
        roughness_factor: r.unit(
            json.clearcoat_roughness_factor,
            d.roughness_factor,
            "clearcoatRoughnessFactor",
        )?,
        roughness_texture: r.texture(
            json.clearcoat_roughness_texture.as_ref(),
            "clearcoatRoughnessTexture",
            ColorSpace::Linear,
        )?,
        normal_texture: r.texture(normal, "clearcoatNormalTexture", ColorSpace::Linear)?,
        normal_scale,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SheenJson {
    sheen_color_factor: Option<[f32; 3]>,
    sheen_color_texture: Option<InfoJson>,
    sheen_roughness_factor: Option<f32>,
    sheen_roughness_texture: Option<InfoJson>,
}

fn sheen(r: &mut Reader, json: &SheenJson) -> Result<Sheen, Error> {
    let d = Sheen::default();
    Ok(Sheen {
        color_factor: r.color(json.sheen_color_factor, d.color_factor, 1.0, "sheenColorFactor")?,
        color_texture: r.texture(
            json.sheen_color_texture.as_ref(),
            "sheenColorTexture",
            ColorSpace::Srgb,
        )?,
        roughness_factor: r.unit(
            json.sheen_roughness_factor,
            d.roughness_factor,
            "sheenRoughnessFactor",
        )?,
        roughness_texture: r.texture(
            json.sheen_roughness_texture.as_ref(),
            "sheenRoughnessTexture",
            ColorSpace::Linear,
        )?,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TransmissionJson {
    transmission_factor: Option<f32>,
    transmission_texture: Option<InfoJson>,
}

fn transmission(r: &mut Reader, json: &TransmissionJson) -> Result<Transmission, Error> {
    let d = Transmission::default();
    Ok(Transmission {
        factor: r.unit(json.transmission_factor, d.factor, "transmissionFactor")?,
        texture: r.texture(
            json.transmission_texture.as_ref(),
            "transmissionTexture",
            ColorSpace::Linear,
        )?,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VolumeJson {
    thickness_factor: Option<f32>,
    thickness_texture: Option<InfoJson>,
    attenuation_distance: Option<f32>,
    attenuation_color: Option<[f32; 3]>,
}

fn volume(r: &mut Reader, json: &VolumeJson) -> Result<Volume, Error> {
    let d = Volume::default();
    let attenuation_distance = match json.attenuation_distance {
        Some(distance) if r.finite(distance, "attenuationDistance")? > 0.0 => distance,
        Some(distance) => {
            let at = r.at("attenuationDistance");
            r.warnings.push(r.ctx.warning(
                at,
                format!("{distance} is not above 0; the volume does not attenuate"),
            ));
            d.attenuation_distance
        }
        None => d.attenuation_distance,
    };
    Ok(Volume {
        thickness_factor: r.at_least(json.thickness_factor, d.thickness_factor, 0.0, "thicknessFactor")?,
        thickness_texture: r.texture(
            json.thickness_texture.as_ref(),
            "thicknessTexture",
            ColorSpace::Linear,
        )?,
        attenuation_distance,
        attenuation_color: r.color(
            json.attenuation_color,
            d.attenuation_color,
            1.0,
            "attenuationColor",
        )?,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IridescenceJson {
    iridescence_factor: Option<f32>,
    iridescence_texture: Option<InfoJson>,
    iridescence_ior: Option<f32>,
    iridescence_thickness_minimum: Option<f32>,
    iridescence_thickness_maximum: Option<f32>,
    iridescence_thickness_texture: Option<InfoJson>,
}

fn iridescence(r: &mut Reader, json: &IridescenceJson) -> Result<Iridescence, Error> {
    let d = Iridescence::default();
    Ok(Iridescence {
        factor: r.unit(json.iridescence_factor, d.factor, "iridescenceFactor")?,
        texture: r.texture(
            json.iridescence_texture.as_ref(),
            "iridescenceTexture",
            ColorSpace::Linear,
        )?,
        ior: r.at_least(json.iridescence_ior, d.ior, 1.0, "iridescenceIor")?,
        thickness_minimum: r.at_least(
            json.iridescence_thickness_minimum,
            d.thickness_minimum,
            0.0,
            "iridescenceThicknessMinimum",
        )?,
        thickness_maximum: r.at_least(
            json.iridescence_thickness_maximum,
            d.thickness_maximum,
            0.0,
            "iridescenceThicknessMaximum",
        )?,
        thickness_texture: r.texture(
            json.iridescence_thickness_texture.as_ref(),
            "iridescenceThicknessTexture",
            ColorSpace::Linear,
        )?,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AnisotropyJson {
    anisotropy_strength: Option<f32>,
    anisotropy_rotation: Option<f32>,
    anisotropy_texture: Option<InfoJson>,
}

fn anisotropy(r: &mut Reader, json: &AnisotropyJson) -> Result<Anisotropy, Error> {
    let d = Anisotropy::default();
    let rotation = match json.anisotropy_rotation {
        Some(rotation) => r.finite(rotation, "anisotropyRotation")?,
        None => d.rotation,
    };
    Ok(Anisotropy {
        strength: r.unit(json.anisotropy_strength, d.strength, "anisotropyStrength")?,
        rotation,
        texture: r.texture(
            json.anisotropy_texture.as_ref(),
            "anisotropyTexture",
            ColorSpace::Linear,
        )?,
    })
}

#[derive(Deserialize)]
struct DispersionJson {
    dispersion: Option<f32>,
}

/// `dispersion` is at least 0.
fn dispersion(r: &mut Reader, json: &DispersionJson) -> Result<f32, Error> {
    r.at_least(json.dispersion, 0.0, 0.0, "dispersion")
}
