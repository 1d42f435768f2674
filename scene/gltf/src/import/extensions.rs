//! Which glTF extensions Museion implements, and what happens to the others.

use super::Warning;
use super::context::Context;
use crate::error::Error;

/// Extensions whose data Museion reads.
pub const SUPPORTED: &[&str] = &[
    "KHR_animation_pointer",
    "KHR_draco_mesh_compression",
    "KHR_lights_punctual",
    "KHR_materials_anisotropy",
    "KHR_materials_clearcoat",
    "KHR_materials_dispersion",
    "KHR_materials_emissive_strength",
    "KHR_materials_ior",
    "KHR_materials_iridescence",
    "KHR_materials_sheen",
    "KHR_materials_specular",
    "KHR_materials_transmission",
    "KHR_materials_unlit",
    "KHR_materials_variants",
    "KHR_materials_volume",
    "KHR_mesh_quantization",
    "KHR_meshopt_compression",
    "KHR_texture_basisu",
    "KHR_texture_transform",
    "KHR_xmp_json_ld",
    "EXT_texture_webp",
    "EXT_meshopt_compression",
];

/// Fails on the first required extension Museion does not implement; warns for every
/// used one it ignores (the file then renders with the core glTF fallback).
pub(crate) fn check(ctx: &Context, warnings: &mut Vec<Warning>) -> Result<(), Error> {
    for (i, name) in ctx.doc.extensions_required.iter().enumerate() {
        if !SUPPORTED.contains(&name.as_str()) {
            return Err(Error::UnsupportedExtension {
                at: ctx.at(format!("/extensionsRequired/{i}")),
                name: name.clone(),
            });
        }
    }
    for (i, name) in ctx.doc.extensions_used.iter().enumerate() {
        if !SUPPORTED.contains(&name.as_str()) {
            warnings.push(ctx.warning(
                format!("/extensionsUsed/{i}"),
                format!("extension {name} is not supported; its data is ignored and the core glTF fallback is used"),
            ));
        }
    }
    Ok(())
}
