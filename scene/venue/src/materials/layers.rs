//! What a venue material may add over its base: a clear varnish or lacquer
//! (`clearcoat`), a cloth sheen (`sheen_color`), transmission (glass); and the varnish an
//! artwork's painting may have.

use super::resolve::srgb_to_linear;
use crate::document::{MaterialSpec, Spanned, VarnishSpec, defaults};
use crate::error::{SourceText, VenueError};
use glam::Vec3;
use museion_scene::{Clearcoat, Material, Sheen, Transmission};

/// A number from 0 to 1, or an error at its place.
pub(crate) fn fraction(source: &SourceText, value: &Spanned<f32>, key: &str) -> Result<f32, VenueError> {
    let v = *value.get_ref();
    if !(0.0..=1.0).contains(&v) {
        return Err(source.value(
            value.span(),
            format!("{key} must be from 0 to 1"),
            format!("{key} is a fraction: 0 to 1"),
        ));
    }
    Ok(v)
}

/// Applies the clearcoat, sheen and transmission keys of material `name` to `material`
/// (which may carry a library material's layers already).
pub(crate) fn apply(
    source: &SourceText,
    name: &str,
    spec: &MaterialSpec,
    material: &mut Material,
) -> Result<(), VenueError> {
    if let Some(amount) = &spec.clearcoat {
        let factor = fraction(source, amount, "clearcoat")?;
        let coat = material.clearcoat.get_or_insert_with(Clearcoat::default);
        coat.factor = factor;
    }
    if let Some(roughness) = &spec.clearcoat_roughness {
        let coat = material.clearcoat.as_mut().map(|c| &mut c.roughness_factor);
        let missing = format!("material \"{name}\" has clearcoat_roughness but no clearcoat");
        let hint = "add `clearcoat = 1.0` (the layer's strength), or base it on a lacquered library material";
        layer_roughness(source, roughness, "clearcoat_roughness", coat, (missing, hint))?;
    }
    if let Some(colour) = &spec.sheen_color {
        let c = colour.get_ref();
        if c.len() != 3 || c.iter().any(|x| !(0.0..=1.0).contains(x)) {
            return Err(source.value(
                colour.span(),
                format!("sheen_color of material \"{name}\" must be 3 numbers from 0 to 1"),
                "write sRGB like `[0.8, 0.4, 0.4]`; black `[0, 0, 0]` for no sheen",
            ));
        }
        let linear = Vec3::new(srgb_to_linear(c[0]), srgb_to_linear(c[1]), srgb_to_linear(c[2]));
        material.sheen.get_or_insert_with(Sheen::default).color_factor = linear;
    }
    if let Some(roughness) = &spec.sheen_roughness {
        let sheen = material.sheen.as_mut().map(|s| &mut s.roughness_factor);
        let missing = format!("material \"{name}\" has sheen_roughness but no sheen_color");
        let hint = "add `sheen_color = [r, g, b]` (sRGB), or base it on \"velvet\"";
        layer_roughness(source, roughness, "sheen_roughness", sheen, (missing, hint))?;
    }
    if let Some(amount) = &spec.transmission {
        let factor = fraction(source, amount, "transmission")?;
        material.transmission = (factor > 0.0).then_some(Transmission {
            factor,
            texture: None,
        });
    }
    Ok(())
}

/// Sets the roughness `key` of a layer into `slot`; `slot` is `None` when the material
/// lacks the layer, which is the error `missing` with its hint.
fn layer_roughness(
    source: &SourceText,
    value: &Spanned<f32>,
    key: &str,
    slot: Option<&mut f32>,
    (missing, hint): (String, &str),
) -> Result<(), VenueError> {
    let roughness = fraction(source, value, key)?;
    let slot = slot.ok_or_else(|| source.value(value.span(), missing, hint))?;
    *slot = roughness;
    Ok(())
}

/// The clear coat of a painting's varnish: `settings` over the defaults (a full satin
/// layer).
pub(crate) fn varnish(source: &SourceText, settings: &VarnishSpec) -> Result<Clearcoat, VenueError> {
    let factor = match &settings.amount {
        Some(amount) => fraction(source, amount, "varnish amount")?,
        None => defaults::VARNISH_AMOUNT,
    };
    let roughness_factor = match &settings.roughness {
        Some(roughness) => fraction(source, roughness, "varnish roughness")?,
        None => defaults::VARNISH_ROUGHNESS,
    };
    Ok(Clearcoat {
        factor,
        roughness_factor,
        ..Clearcoat::default()
    })
}
