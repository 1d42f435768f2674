//! Textures and samplers.

use super::Warning;
use super::context::Context;
use crate::error::Error;
use gltf::json::texture as json;
use gltf::json::validation::Checked;
use museion_scene::{Filter, MinFilter, Sampler, Texture, WrapMode};
use museion_scene::{ImageId, SamplerId};

/// Converts sampler `index`. Unknown enum values fall back to the defaults with a warning.
pub(crate) fn convert_sampler(ctx: &Context, index: usize, warnings: &mut Vec<Warning>) -> Sampler {
    let s = &ctx.doc.samplers[index];
    let p = format!("/samplers/{index}");
    let mut unknown =
        |field: &str| warnings.push(ctx.warning(format!("{p}/{field}"), "unknown value; using the default"));
    let mag_filter = match s.mag_filter {
        None => Filter::Linear,
        Some(Checked::Valid(json::MagFilter::Nearest)) => Filter::Nearest,
        Some(Checked::Valid(json::MagFilter::Linear)) => Filter::Linear,
        Some(Checked::Invalid) => {
            unknown("magFilter");
            Filter::Linear
        }
    };
    let min_filter = match s.min_filter {
        None => MinFilter::default(),
        Some(Checked::Valid(m)) => {
            let (filter, mipmap) = match m {
                json::MinFilter::Nearest => (Filter::Nearest, None),
                json::MinFilter::Linear => (Filter::Linear, None),
                json::MinFilter::NearestMipmapNearest => (Filter::Nearest, Some(Filter::Nearest)),
                json::MinFilter::LinearMipmapNearest => (Filter::Linear, Some(Filter::Nearest)),
                json::MinFilter::NearestMipmapLinear => (Filter::Nearest, Some(Filter::Linear)),
                json::MinFilter::LinearMipmapLinear => (Filter::Linear, Some(Filter::Linear)),
            };
            MinFilter { filter, mipmap }
        }
        Some(Checked::Invalid) => {
            unknown("minFilter");
            MinFilter::default()
        }
    };
    let mut wrap = |mode: Checked<json::WrappingMode>, field: &str| match mode {
        Checked::Valid(json::WrappingMode::Repeat) => WrapMode::Repeat,
        Checked::Valid(json::WrappingMode::MirroredRepeat) => WrapMode::MirroredRepeat,
        Checked::Valid(json::WrappingMode::ClampToEdge) => WrapMode::ClampToEdge,
        Checked::Invalid => {
            unknown(field);
            WrapMode::Repeat
        }
    };
    let wrap_u = wrap(s.wrap_s, "wrapS");
    let wrap_v = wrap(s.wrap_t, "wrapT");
    Sampler {
        mag_filter,
        min_filter,
        wrap_u,
        wrap_v,
    }
}

/// The images a texture may use, best first: `KHR_texture_basisu` (it stays compressed
/// on the GPU), `EXT_texture_webp`, then the core source. The first one that decodes is
/// used. glTF allows a texture with none (what it shows is then undefined): it gets no
/// image.
pub(crate) fn image_candidates(ctx: &Context, index: usize) -> Result<Vec<u32>, Error> {
    let t = &ctx.doc.textures[index];
    let p = format!("/textures/{index}");
    let extension_source = |name: &str| -> Result<Option<u32>, Error> {
        let Some(ext) = t.extensions.as_ref().and_then(|e| e.others.get(name)) else {
            return Ok(None);
        };
        let pointer = format!("{p}/extensions/{name}/source");
        // An extension object without a source (empty, or with other properties only)
        // leaves the core source to be used.
        let Some(source) = ext.get("source") else {
            return Ok(None);
        };
        let source = source
            .as_u64()
            .ok_or_else(|| ctx.invalid(&pointer, "source must be an image index"))?;
        let source = u32::try_from(source).unwrap_or(u32::MAX);
        ctx.get(&ctx.doc.images, source, "image", &pointer)?;
        Ok(Some(source))
    };
    let mut candidates = Vec::new();
    candidates.extend(extension_source("KHR_texture_basisu")?);
    candidates.extend(extension_source("EXT_texture_webp")?);
    // gltf-json marks a missing `source` with u32::MAX.
    let core = t.source.value();
    if core != u32::MAX as usize {
        ctx.get(&ctx.doc.images, core as u32, "image", format!("{p}/source"))?;
        candidates.push(core as u32);
    }
    Ok(candidates)
}

/// Converts texture `index`, given which document images decoded (and to which id).
pub(crate) fn convert_texture(
    ctx: &Context,
    index: usize,
    decoded: &[Option<ImageId>],
    warnings: &mut Vec<Warning>,
) -> Result<Texture, Error> {
    let t = &ctx.doc.textures[index];
    let p = format!("/textures/{index}");
    let sampler = match t.sampler {
        Some(s) => {
            ctx.get(
                &ctx.doc.samplers,
                s.value() as u32,
                "sampler",
                format!("{p}/sampler"),
            )?;
            Some(SamplerId(s.value() as u32))
        }
        None => None,
    };
    let candidates = image_candidates(ctx, index)?;
    let image = candidates
        .iter()
        .find_map(|c| decoded.get(*c as usize).copied().flatten());
    if candidates.is_empty() {
        warnings.push(ctx.warning(
            &p,
            "texture has no image source; slots using it fall back to none",
        ));
    } else if image.is_none() {
        warnings.push(ctx.warning(
            &p,
            "none of the texture's images could be decoded; slots using it fall back to none",
        ));
    }
    Ok(Texture {
        name: t.name.clone(),
        image,
        sampler,
    })
}
