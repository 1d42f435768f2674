//! Turns material names into scene materials: the file's `[materials.NAME]` first, then
//! the library; each built once.

use super::layers;
use super::library::{self, LIBRARY, LibraryEntry};
use super::patterns::{self, Pattern};
use crate::context::Context;
use crate::document::{MaterialSpec, Spanned};
use crate::error::VenueError;
use crate::toml_errors::closest;
use glam::{Vec2, Vec3, Vec4};
use museion_scene::{
    AlphaMode, Clearcoat, ColorSpace, Material, MaterialId, Sheen, Texture, TextureId, TextureRef,
    TextureTransform, Transmission,
};
use std::collections::HashMap;
use std::ops::Range;

/// The materials built so far.
#[derive(Default)]
pub(crate) struct Materials {
    ids: HashMap<String, MaterialId>,
    textures: HashMap<Pattern, TextureId>,
}

impl Materials {
    /// Builds every material the file defines, so mistakes in unused ones are found too.
    pub fn define_all(&mut self, ctx: &mut Context) -> Result<(), VenueError> {
        for (name, spec) in &ctx.doc.materials {
            let material = self.user(ctx, name, spec)?;
            let id = ctx.scene.add_material(material);
            self.ids.insert(name.clone(), id);
        }
        Ok(())
    }

    /// The material named by `name` (a file material, else a library one).
    pub fn get(&mut self, ctx: &mut Context, name: &Spanned<String>) -> Result<MaterialId, VenueError> {
        self.by_name(ctx, name.get_ref(), name.span())
    }

    /// The material named `name`, or the default `fallback` when the file names none.
    pub fn get_or(
        &mut self,
        ctx: &mut Context,
        name: Option<&Spanned<String>>,
        fallback: &str,
    ) -> Result<MaterialId, VenueError> {
        match name {
            Some(name) => self.get(ctx, name),
            None => self.by_name(ctx, fallback, 0..0),
        }
    }

    fn by_name(
        &mut self,
        ctx: &mut Context,
        name: &str,
        span: Range<usize>,
    ) -> Result<MaterialId, VenueError> {
        if let Some(id) = self.ids.get(name) {
            return Ok(*id);
        }
        let Some(entry) = library::find(name) else {
            return Err(unknown(ctx, "material", name, span));
        };
        let material = self.library_material(ctx, entry);
        let id = ctx.scene.add_material(material);
        self.ids.insert(name.to_owned(), id);
        Ok(id)
    }

    fn library_material(&mut self, ctx: &mut Context, entry: &LibraryEntry) -> Material {
        let texture = entry.pattern.map(|pattern| TextureRef {
            texture: self.pattern_texture(ctx, pattern, entry.name),
            tex_coord: 0,
            transform: tiling(entry.tile),
            color_space: ColorSpace::Srgb,
        });
        Material {
            name: Some(entry.name.to_owned()),
            base_color_factor: Vec4::from(entry.base_color),
            base_color_texture: texture,
            metallic_factor: entry.metallic,
            roughness_factor: entry.roughness,
            double_sided: entry.double_sided,
            transmission: (entry.transmission > 0.0).then_some(Transmission {
                factor: entry.transmission,
                texture: None,
            }),
            clearcoat: entry.clearcoat.map(|[factor, roughness]| Clearcoat {
                factor,
                roughness_factor: roughness,
                ..Clearcoat::default()
            }),
            sheen: entry.sheen.map(|(color, roughness)| Sheen {
                color_factor: Vec3::from(color),
                roughness_factor: roughness,
                ..Sheen::default()
            }),
            ..Material::default()
        }
    }

    fn pattern_texture(&mut self, ctx: &mut Context, pattern: Pattern, name: &str) -> TextureId {
        if let Some(texture) = self.textures.get(&pattern) {
            return *texture;
        }
        let image = ctx.scene.add_image(patterns::generate(pattern, name));
        let sampler = ctx.sampler();
        let texture = ctx.scene.add_texture(Texture {
            name: Some(name.to_owned()),
            image: Some(image),
            sampler: Some(sampler),
        });
        ctx.report.textures_generated += 1;
        self.textures.insert(pattern, texture);
        texture
    }

    fn user(&mut self, ctx: &mut Context, name: &str, spec: &MaterialSpec) -> Result<Material, VenueError> {
        let source = ctx.source();
        let mut material = match &spec.based_on {
            Some(base) => match library::find(base.get_ref()) {
                Some(entry) => self.library_material(ctx, entry),
                None => return Err(unknown_library(ctx, base)),
            },
            None => Material {
                metallic_factor: 0.0,
                roughness_factor: 0.8,
                ..Material::default()
            },
        };
        material.name = Some(name.to_owned());
        if let Some(colour) = &spec.base_color {
            let c = colour.get_ref();
            if !(c.len() == 3 || c.len() == 4) || c.iter().any(|x| !(0.0..=1.0).contains(x)) {
                return Err(source.value(
                    colour.span(),
                    format!("base_color of material \"{name}\" must be 3 or 4 numbers from 0 to 1"),
                    "write sRGB like `[0.8, 0.75, 0.7]`, with a 4th number for opacity",
                ));
            }
            let alpha = c.get(3).copied().unwrap_or(1.0);
            material.base_color_factor = Vec4::new(
                srgb_to_linear(c[0]),
                srgb_to_linear(c[1]),
                srgb_to_linear(c[2]),
                alpha,
            );
            if alpha < 1.0 {
                material.alpha_mode = AlphaMode::Blend;
            }
        }
        if let Some(roughness) = &spec.roughness {
            material.roughness_factor = layers::fraction(source, roughness, "roughness")?;
        }
        if let Some(metallic) = &spec.metallic {
            material.metallic_factor = layers::fraction(source, metallic, "metallic")?;
        }
        let size = match &spec.texture_size {
            Some(size) if *size.get_ref() <= 0.0 || !size.get_ref().is_finite() => {
                return Err(source.value(
                    size.span(),
                    "texture_size must be more than 0",
                    "the metres one repeat of the texture covers, e.g. `1.0`",
                ));
            }
            Some(size) => Some(*size.get_ref()),
            None => None,
        };
        if let Some(texture) = &spec.texture {
            let loaded = ctx.image(texture)?;
            material.base_color_texture = Some(TextureRef {
                texture: loaded.texture,
                tex_coord: 0,
                transform: tiling(size.unwrap_or(1.0)),
                color_space: ColorSpace::Srgb,
            });
        } else if let (Some(size), Some(texture)) = (size, material.base_color_texture.as_mut()) {
            texture.transform = tiling(size);
        }
        if let Some(double_sided) = spec.double_sided {
            material.double_sided = double_sided;
        }
        layers::apply(source, name, spec, &mut material)?;
        Ok(material)
    }
}

/// UVs are in metres; the texture repeats every `metres`.
fn tiling(metres: f32) -> TextureTransform {
    TextureTransform {
        scale: Vec2::splat(1.0 / metres),
        ..TextureTransform::IDENTITY
    }
}

pub(crate) fn srgb_to_linear(c: f32) -> f32 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn unknown(ctx: &Context, what: &str, name: &str, span: Range<usize>) -> VenueError {
    let mut names: Vec<String> = ctx.doc.materials.keys().cloned().collect();
    names.extend(LIBRARY.iter().map(|e| e.name.to_owned()));
    let list = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match closest(name, &names) {
        Some(best) => format!("did you mean \"{best}\"? materials are {list}"),
        None => format!("materials are {list}, or define [materials.{name}]"),
    };
    ctx.source()
        .reference(span, format!("{what} \"{name}\" does not exist"), hint)
}

fn unknown_library(ctx: &Context, base: &Spanned<String>) -> VenueError {
    let names: Vec<String> = LIBRARY.iter().map(|e| e.name.to_owned()).collect();
    let list = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match closest(base.get_ref(), &names) {
        Some(best) => format!("did you mean \"{best}\"? the library has {list}"),
        None => format!("based_on names a library material: {list}"),
    };
    ctx.source().reference(
        base.span(),
        format!("library material \"{}\" does not exist", base.get_ref()),
        hint,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srgb_values_become_linear() {
        assert_eq!(srgb_to_linear(0.0), 0.0);
        assert!((srgb_to_linear(1.0) - 1.0).abs() < 1e-6);
        assert!((srgb_to_linear(0.5) - 0.214).abs() < 1e-3);
    }
}
