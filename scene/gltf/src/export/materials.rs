//! Materials: metallic-roughness with every texture slot, `KHR_texture_transform`,
//! `KHR_materials_emissive_strength` and `KHR_materials_unlit`; the extensions that add
//! lobes and layers are written by [`extensions`]. Parts at their defaults that an
//! animation drives are written all the same (see [`AnimatedParts`]).

mod extensions;

use super::error::ExportError;
use super::json::{name_and_extras, num, nums};
use super::pointer_channels::AnimatedParts;
use glam::Vec3;
use museion_scene::Scene;
use museion_scene::{AlphaMode, Material, TextureRef};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// Every material of the scene, in order. `textures` maps scene textures to written
/// ones (`None`: not written, and slots using it are left out); `animated` names the
/// parts pointer channels drive, written even at their defaults; the extensions the
/// materials use go into `used`.
pub(crate) fn materials(
    scene: &Scene,
    textures: &[Option<u32>],
    animated: &AnimatedParts,
    used: &mut BTreeSet<&'static str>,
) -> Result<Vec<Value>, ExportError> {
    let mut out = Vec::with_capacity(scene.materials.len());
    for (index, m) in scene.materials.iter().enumerate() {
        let at = format!("material {index}");
        let mut slots = Slots {
            textures,
            at: &at,
            used,
            animated,
            material: index,
        };
        out.push(material(&mut slots, m)?);
    }
    Ok(out)
}

/// What writing a material's texture slots needs.
struct Slots<'a> {
    textures: &'a [Option<u32>],
    at: &'a str,
    used: &'a mut BTreeSet<&'static str>,
    /// The parts animations drive.
    animated: &'a AnimatedParts,
    /// The material's index.
    material: usize,
}

impl Slots<'_> {
    /// Whether an animation drives extension `name` of this material.
    fn animates(&self, name: &'static str) -> bool {
        self.animated.extension(self.material, name)
    }
}

fn material(slots: &mut Slots, m: &Material) -> Result<Value, ExportError> {
    let at = slots.at.to_owned();
    let mut object = Map::new();
    let mut extensions = Map::new();

    let mut pbr = Map::new();
    let base = m
        .base_color_factor
        .to_array()
        .map(|c| unit(c, &at, "baseColorFactor"));
    pbr.insert("baseColorFactor".into(), nums(base));
    pbr.insert(
        "metallicFactor".into(),
        num(unit(m.metallic_factor, &at, "metallicFactor")),
    );
    pbr.insert(
        "roughnessFactor".into(),
        num(unit(m.roughness_factor, &at, "roughnessFactor")),
    );
    if let Some(info) = slots.info("baseColorTexture", m.base_color_texture.as_ref())? {
        pbr.insert("baseColorTexture".into(), info);
    }
    let metallic_roughness = m.metallic_roughness_texture.as_ref();
    if let Some(info) = slots.info("metallicRoughnessTexture", metallic_roughness)? {
        pbr.insert("metallicRoughnessTexture".into(), info);
    }
    object.insert("pbrMetallicRoughness".into(), Value::Object(pbr));

    if let Some(mut info) = slots.info("normalTexture", m.normal_texture.as_ref())? {
        info["scale"] = num(m.normal_scale);
        object.insert("normalTexture".into(), info);
    }
    if let Some(mut info) = slots.info("occlusionTexture", m.occlusion_texture.as_ref())? {
        info["strength"] = num(unit(m.occlusion_strength, &at, "occlusion strength"));
        object.insert("occlusionTexture".into(), info);
    }
    if let Some(info) = slots.info("emissiveTexture", m.emissive_texture.as_ref())? {
        object.insert("emissiveTexture".into(), info);
    }
    let (factor, strength) = emissive(m.emissive_factor, m.emissive_strength, &at)?;
    object.insert("emissiveFactor".into(), nums(factor.to_array()));
    if strength != 1.0 || slots.animates("KHR_materials_emissive_strength") {
        extensions.insert(
            "KHR_materials_emissive_strength".into(),
            json!({ "emissiveStrength": num(strength) }),
        );
        slots.used.insert("KHR_materials_emissive_strength");
    }

    match m.alpha_mode {
        AlphaMode::Opaque => {
            object.insert("alphaMode".into(), json!("OPAQUE"));
        }
        AlphaMode::Mask { cutoff } => {
            if cutoff < 0.0 {
                return Err(ExportError::Invalid {
                    at,
                    message: format!("alpha cutoff {cutoff} is negative"),
                });
            }
            object.insert("alphaMode".into(), json!("MASK"));
            object.insert("alphaCutoff".into(), num(cutoff));
        }
        AlphaMode::Blend => {
            object.insert("alphaMode".into(), json!("BLEND"));
        }
    }
    object.insert("doubleSided".into(), json!(m.double_sided));
    if m.unlit {
        extensions.insert("KHR_materials_unlit".into(), json!({}));
        slots.used.insert("KHR_materials_unlit");
    }
    extensions::write(slots, m, &mut extensions)?;
    if !extensions.is_empty() {
        object.insert("extensions".into(), Value::Object(extensions));
    }
    name_and_extras(&mut object, m.name.as_ref(), m.extras.as_ref());
    Ok(Value::Object(object))
}

impl Slots<'_> {
    /// A slot's `textureInfo`: index, UV set and, unless it is the identity, the UV
    /// transform. `None` when the slot is empty or its texture was not written.
    fn info(&mut self, name: &str, slot: Option<&TextureRef>) -> Result<Option<Value>, ExportError> {
        let Some(slot) = slot else { return Ok(None) };
        let index = slot.texture.index();
        let written = self
            .textures
            .get(index)
            .ok_or_else(|| ExportError::DanglingReference {
                from: format!("{} {name}", self.at),
                kind: "texture",
                index,
                count: self.textures.len(),
            })?;
        let Some(written) = written else {
            log::warn!(
                "{} {name}: texture {index} has no image and is not written; the slot is left out",
                self.at
            );
            return Ok(None);
        };
        let mut info = json!({ "index": written, "texCoord": slot.tex_coord });
        if !slot.transform.is_identity() || self.animated.transform(self.material, name) {
            let t = slot.transform;
            info["extensions"] = json!({
                "KHR_texture_transform": {
                    "offset": nums(t.offset.to_array()),
                    "rotation": num(t.rotation),
                    "scale": nums(t.scale.to_array()),
                }
            });
            self.used.insert("KHR_texture_transform");
        }
        Ok(Some(info))
    }
}

/// A factor glTF keeps in [0, 1], clamped into it with a warning. NaN passes through
/// (and fails the export when written).
fn unit(value: f32, at: &str, what: &str) -> f32 {
    if (0.0..=1.0).contains(&value) || value.is_nan() {
        return value;
    }
    log::warn!("{at}: {what} {value} is outside [0, 1]; clamped");
    value.clamp(0.0, 1.0)
}

/// The emissive factor and strength to write. glTF keeps the factor in [0, 1]; a larger
/// factor is scaled down into it and the strength up by as much, so the product, which
/// is what a renderer shows, stays the same. Negative components are clamped to 0.
fn emissive(factor: Vec3, strength: f32, at: &str) -> Result<(Vec3, f32), ExportError> {
    if strength < 0.0 {
        return Err(ExportError::Invalid {
            at: at.to_owned(),
            message: format!("emissive strength {strength} is negative"),
        });
    }
    let mut factor = factor;
    if factor.min_element() < 0.0 {
        log::warn!("{at}: negative emissive factor {factor}; clamped to 0");
        factor = factor.max(Vec3::ZERO);
    }
    let peak = factor.max_element();
    if peak > 1.0 && peak.is_finite() {
        return Ok((factor / peak, strength * peak));
    }
    Ok((factor, strength))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emissive_factors_above_one_move_into_the_strength() {
        let (factor, strength) = emissive(Vec3::new(4.0, 2.0, 0.0), 1.5, "m").expect("valid");
        assert_eq!(factor, Vec3::new(1.0, 0.5, 0.0));
        assert_eq!(strength, 6.0);
        let (factor, strength) = emissive(Vec3::new(0.5, 1.0, 0.25), 3.0, "m").expect("valid");
        assert_eq!((factor, strength), (Vec3::new(0.5, 1.0, 0.25), 3.0));
        let (factor, _) = emissive(Vec3::new(-1.0, 0.5, 0.0), 1.0, "m").expect("valid");
        assert_eq!(factor, Vec3::new(0.0, 0.5, 0.0));
        assert!(matches!(
            emissive(Vec3::ONE, -1.0, "m"),
            Err(ExportError::Invalid { .. })
        ));
    }

    #[test]
    fn unit_factors_are_clamped_but_nan_is_kept_for_the_finite_check() {
        assert_eq!(unit(1.5, "m", "metallicFactor"), 1.0);
        assert_eq!(unit(-0.1, "m", "metallicFactor"), 0.0);
        assert_eq!(unit(0.25, "m", "metallicFactor"), 0.25);
        assert!(unit(f32::NAN, "m", "metallicFactor").is_nan());
    }
}
