//! Which glTF extensions Museion implements, and what happens to the others.

use super::Warning;
use super::context::Context;
use crate::error::Error;

/// Extensions whose data Museion reads.
pub const SUPPORTED: &[&str] = &[
    "KHR_lights_punctual",
    "KHR_materials_emissive_strength",
    "KHR_materials_unlit",
    "KHR_mesh_quantization",
    "KHR_texture_basisu",
    "KHR_texture_transform",
    "EXT_texture_webp",
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
