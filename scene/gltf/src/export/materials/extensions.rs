//! The `KHR_materials_*` extensions that add lobes and layers: ior, specular, clearcoat,
//! sheen, transmission, volume, iridescence, anisotropy and dispersion, each written
//! when the material has it (ior and dispersion when they differ from the default or an
//! animation drives them), so that importing the file gives the same material back.

use super::{Slots, unit};
use crate::export::error::ExportError;
use crate::export::json::{num, nums};
use glam::Vec3;
use museion_scene::{DEFAULT_IOR, Material, TextureRef};
use serde_json::{Map, Value};

/// One extension object being written: its factors, and its textures through `slots`.
struct Extension<'s, 'a> {
    slots: &'s mut Slots<'a>,
    object: Map<String, Value>,
}

impl<'s, 'a> Extension<'s, 'a> {
    fn new(slots: &'s mut Slots<'a>) -> Self {
        Self {
            slots,
            object: Map::new(),
        }
    }

    /// A factor glTF keeps in [0, 1].
    fn unit(mut self, key: &str, value: f32) -> Self {
        let value = unit(value, self.slots.at, key);
        self.object.insert(key.into(), num(value));
        self
    }

    /// Any other number.
    fn number(mut self, key: &str, value: f32) -> Self {
        self.object.insert(key.into(), num(value));
        self
    }

    fn color(mut self, key: &str, value: Vec3) -> Self {
        self.object.insert(key.into(), nums(value.to_array()));
        self
    }

    /// A texture slot, left out when empty or when its texture is not written.
    fn texture(mut self, key: &str, slot: Option<&TextureRef>) -> Result<Self, ExportError> {
        if let Some(info) = self.slots.info(key, slot)? {
            self.object.insert(key.into(), info);
        }
        Ok(self)
    }

    /// Adds the object to `extensions` under `name`, and `name` to `extensionsUsed`.
    fn finish(self, name: &'static str, extensions: &mut Map<String, Value>) {
        extensions.insert(name.into(), Value::Object(self.object));
        self.slots.used.insert(name);
    }
}

/// Writes the extensions `m` has into `extensions` (the material's `extensions` object).
pub(super) fn write(
    slots: &mut Slots,
    m: &Material,
    extensions: &mut Map<String, Value>,
) -> Result<(), ExportError> {
    if m.ior != DEFAULT_IOR || slots.animates("KHR_materials_ior") {
        Extension::new(slots)
            .number("ior", m.ior)
            .finish("KHR_materials_ior", extensions);
    }
    if let Some(s) = &m.specular {
        Extension::new(slots)
            .unit("specularFactor", s.factor)
            .texture("specularTexture", s.texture.as_ref())?
            .color("specularColorFactor", s.color_factor)
            .texture("specularColorTexture", s.color_texture.as_ref())?
            .finish("KHR_materials_specular", extensions);
    }
    if let Some(c) = &m.clearcoat {
        let mut clearcoat = Extension::new(slots)
            .unit("clearcoatFactor", c.factor)
            .texture("clearcoatTexture", c.texture.as_ref())?
            .unit("clearcoatRoughnessFactor", c.roughness_factor)
            .texture("clearcoatRoughnessTexture", c.roughness_texture.as_ref())?
            .texture("clearcoatNormalTexture", c.normal_texture.as_ref())?;
        if let Some(normal) = clearcoat.object.get_mut("clearcoatNormalTexture") {
            normal["scale"] = num(c.normal_scale);
        }
        clearcoat.finish("KHR_materials_clearcoat", extensions);
    }
    if let Some(s) = &m.sheen {
        Extension::new(slots)
            .color("sheenColorFactor", s.color_factor)
            .texture("sheenColorTexture", s.color_texture.as_ref())?
            .unit("sheenRoughnessFactor", s.roughness_factor)
            .texture("sheenRoughnessTexture", s.roughness_texture.as_ref())?
            .finish("KHR_materials_sheen", extensions);
    }
    if let Some(t) = &m.transmission {
        Extension::new(slots)
            .unit("transmissionFactor", t.factor)
            .texture("transmissionTexture", t.texture.as_ref())?
            .finish("KHR_materials_transmission", extensions);
    }
    if let Some(v) = &m.volume {
        let mut volume = Extension::new(slots)
            .number("thicknessFactor", v.thickness_factor)
            .texture("thicknessTexture", v.thickness_texture.as_ref())?
            .color("attenuationColor", v.attenuation_color);
        // Infinity, the default, has no JSON spelling: leaving the key out says it.
        if v.attenuation_distance.is_finite() {
            volume = volume.number("attenuationDistance", v.attenuation_distance);
        }
        volume.finish("KHR_materials_volume", extensions);
    }
    if let Some(i) = &m.iridescence {
        Extension::new(slots)
            .unit("iridescenceFactor", i.factor)
            .texture("iridescenceTexture", i.texture.as_ref())?
            .number("iridescenceIor", i.ior)
            .number("iridescenceThicknessMinimum", i.thickness_minimum)
            .number("iridescenceThicknessMaximum", i.thickness_maximum)
            .texture("iridescenceThicknessTexture", i.thickness_texture.as_ref())?
            .finish("KHR_materials_iridescence", extensions);
    }
    if let Some(a) = &m.anisotropy {
        Extension::new(slots)
            .unit("anisotropyStrength", a.strength)
            .number("anisotropyRotation", a.rotation)
            .texture("anisotropyTexture", a.texture.as_ref())?
            .finish("KHR_materials_anisotropy", extensions);
    }
    if m.dispersion != 0.0 || slots.animates("KHR_materials_dispersion") {
        Extension::new(slots)
            .number("dispersion", m.dispersion)
            .finish("KHR_materials_dispersion", extensions);
    }
    Ok(())
}
