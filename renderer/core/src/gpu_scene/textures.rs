//! Images as GPU textures: RGBA8 with full mip chains built on the GPU, or BCn blocks
//! with the mip levels they came with (see [`upload_image`]); 1×1 fallbacks for empty
//! material slots, and deduplicated samplers.

use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::pipeline;
use museion_gpu::shaders;
use museion_scene::compressed_image::{BLOCK_SIDE, mip_size};
use museion_scene::{BlockFormat, ColorSpace, CompressedImage, Filter, Image, ImageData, Sampler, WrapMode};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Views of a texture (`Rgba8Unorm` viewable as `Rgba8UnormSrgb`, or a BCn format and
/// its sRGB twin) for both ways of reading it; the views keep the texture alive.
pub struct GpuTexture {
    /// Texels decoded from sRGB when sampled (the linear view for BC5, which has no
    /// sRGB form).
    pub srgb: wgpu::TextureView,
    /// Texels read as they are.
    pub linear: wgpu::TextureView,
    /// The texture's format.
    pub format: wgpu::TextureFormat,
    /// Bytes of all its mip levels.
    pub bytes: u64,
}

impl GpuTexture {
    /// The view for a slot's colour space.
    pub fn view(&self, space: ColorSpace) -> &wgpu::TextureView {
        match space {
            ColorSpace::Srgb => &self.srgb,
            ColorSpace::Linear => &self.linear,
        }
    }
}

/// Number of mip levels down to 1×1.
pub fn mip_count(width: u32, height: u32) -> u32 {
    32 - width.max(height).max(1).leading_zeros()
}

/// Builds mip levels by drawing each from the one above.
pub struct MipGenerator {
    layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    srgb: wgpu::RenderPipeline,
    linear: wgpu::RenderPipeline,
}

impl MipGenerator {
    /// Compiles the blit pipelines.
    pub fn new(ctx: &GpuContext) -> Self {
        let device = &ctx.device;
        let module = shaders::mipmap().create(device);
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("mipmap"),
            entries: &[
                bindings::texture(0, wgpu::ShaderStages::FRAGMENT, true),
                bindings::sampler(1, wgpu::ShaderStages::FRAGMENT),
            ],
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("mipmap"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let pipeline = |format: wgpu::TextureFormat| {
            pipeline::fullscreen(
                device,
                "mipmap",
                &pipeline_layout,
                &module,
                ("vs_blit", "fs_blit"),
                format,
            )
        };
        Self {
            srgb: pipeline(wgpu::TextureFormat::Rgba8UnormSrgb),
            linear: pipeline(wgpu::TextureFormat::Rgba8Unorm),
            sampler: device.create_sampler(&wgpu::SamplerDescriptor {
                label: Some("mipmap"),
                mag_filter: wgpu::FilterMode::Linear,
                min_filter: wgpu::FilterMode::Linear,
                ..Default::default()
            }),
            layout,
        }
    }

    /// Fills levels 1.. of `texture` from level 0, through views of `format`.
    fn generate(
        &self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        texture: &wgpu::Texture,
        format: wgpu::TextureFormat,
    ) {
        let pipeline = if format.is_srgb() {
            &self.srgb
        } else {
            &self.linear
        };
        let first = texture.create_view(&wgpu::TextureViewDescriptor {
            label: Some("mip level"),
            format: Some(format),
            base_mip_level: 0,
            mip_level_count: Some(1),
            ..Default::default()
        });
        let blit = LevelBlit {
            layout: &self.layout,
            sampler: &self.sampler,
            pipeline,
            label: "mipmap",
        };
        blit.record(
            ctx,
            encoder,
            first,
            texture,
            Some(format),
            1..texture.mip_level_count(),
        );
    }
}

/// Draws mip levels of a texture one after another, each from the one drawn before it,
/// with the `mipmap` module's blit (a bilinear 2×2 average).
pub(crate) struct LevelBlit<'a> {
    /// The blit's bind group layout: the source view and the sampler.
    pub layout: &'a wgpu::BindGroupLayout,
    pub sampler: &'a wgpu::Sampler,
    /// The blit pipeline for the texture's (view) format.
    pub pipeline: &'a wgpu::RenderPipeline,
    pub label: &'static str,
}

impl LevelBlit<'_> {
    /// Draws levels `levels` of `texture` (through views of `format`, or its own), the
    /// first from `source`, each later one from the level before it.
    pub fn record(
        &self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        source: wgpu::TextureView,
        texture: &wgpu::Texture,
        format: Option<wgpu::TextureFormat>,
        levels: std::ops::Range<u32>,
    ) {
        let mut source = source;
        for level in levels {
            let target = texture.create_view(&wgpu::TextureViewDescriptor {
                label: Some(self.label),
                format,
                base_mip_level: level,
                mip_level_count: Some(1),
                ..Default::default()
            });
            let bind_group = bindings::group(
                &ctx.device,
                Some(self.label),
                self.layout,
                [
                    wgpu::BindingResource::TextureView(&source),
                    wgpu::BindingResource::Sampler(self.sampler),
                ],
            );
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some(self.label),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &target,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
                        store: wgpu::StoreOp::Store,
                    },
                })],
                depth_stencil_attachment: None,
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            pass.set_pipeline(self.pipeline);
            pass.set_bind_group(0, &bind_group, &[]);
            pass.draw(0..3, 0..1);
            drop(pass);
            source = target;
        }
    }
}

/// Creates a texture from RGBA8 texels and builds its mips. `srgb` says how to filter
/// the mips (in linear light for colour).
pub fn upload_rgba8(
    ctx: &GpuContext,
    mips: &MipGenerator,
    label: &str,
    width: u32,
    height: u32,
    texels: &[u8],
    srgb: bool,
) -> GpuTexture {
    let size = wgpu::Extent3d {
        width,
        height,
        depth_or_array_layers: 1,
    };
    let texture = ctx.device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size,
        mip_level_count: mip_count(width, height),
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: wgpu::TextureFormat::Rgba8Unorm,
        usage: wgpu::TextureUsages::TEXTURE_BINDING
            | wgpu::TextureUsages::RENDER_ATTACHMENT
            | wgpu::TextureUsages::COPY_DST,
        view_formats: &[wgpu::TextureFormat::Rgba8UnormSrgb],
    });
    ctx.queue.write_texture(
        texture.as_image_copy(),
        texels,
        wgpu::TexelCopyBufferLayout {
            offset: 0,
            bytes_per_row: Some(4 * width),
            rows_per_image: Some(height),
        },
        size,
    );
    if texture.mip_level_count() > 1 {
        let mut encoder = ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("mipmaps"),
            });
        let format = if srgb {
            wgpu::TextureFormat::Rgba8UnormSrgb
        } else {
            wgpu::TextureFormat::Rgba8Unorm
        };
        mips.generate(ctx, &mut encoder, &texture, format);
        ctx.queue.submit([encoder.finish()]);
    }
    let bytes = (0..texture.mip_level_count())
        .map(|level| {
            let (w, h) = mip_size(width, height, level);
            u64::from(w) * u64::from(h) * 4
        })
        .sum();
    views(&texture, label, wgpu::TextureFormat::Rgba8UnormSrgb, bytes)
}

/// The sRGB and linear views of `texture`, with its size in bytes.
fn views(texture: &wgpu::Texture, label: &str, srgb: wgpu::TextureFormat, bytes: u64) -> GpuTexture {
    let srgb_view = texture.create_view(&wgpu::TextureViewDescriptor {
        label: Some(label),
        format: Some(srgb),
        ..Default::default()
    });
    let linear = texture.create_view(&wgpu::TextureViewDescriptor {
        label: Some(label),
        ..Default::default()
    });
    GpuTexture {
        srgb: srgb_view,
        linear,
        format: texture.format(),
        bytes,
    }
}

/// RGBA8 texels scaled down to fit the device's texture limit, if they must be.
fn fit_to_limit(width: u32, height: u32, texels: &[u8], max: u32) -> Option<(u32, u32, Vec<u8>)> {
    if width <= max && height <= max {
        return None;
    }
    let scale = f64::from(max) / f64::from(width.max(height));
    let fitted_width = ((f64::from(width) * scale) as u32).clamp(1, max);
    let fitted_height = ((f64::from(height) * scale) as u32).clamp(1, max);
    let source = image::RgbaImage::from_raw(width, height, texels.to_vec())?;
    let resized = image::imageops::resize(
        &source,
        fitted_width,
        fitted_height,
        image::imageops::FilterType::Triangle,
    );
    Some((fitted_width, fitted_height, resized.into_raw()))
}

/// The wgpu format of a block format, and its sRGB twin (BC5 has none).
pub fn block_formats(format: BlockFormat) -> (wgpu::TextureFormat, Option<wgpu::TextureFormat>) {
    use wgpu::TextureFormat as F;
    match format {
        BlockFormat::Bc1Rgb => (F::Bc1RgbaUnorm, Some(F::Bc1RgbaUnormSrgb)),
        BlockFormat::Bc3Rgba => (F::Bc3RgbaUnorm, Some(F::Bc3RgbaUnormSrgb)),
        BlockFormat::Bc5Rg => (F::Bc5RgUnorm, None),
        BlockFormat::Bc7Rgba => (F::Bc7RgbaUnorm, Some(F::Bc7RgbaUnormSrgb)),
    }
}

/// A fingerprint of `image`'s size, format and texels (every mip level of a compressed
/// one): two images with the same fingerprint upload to the same texture. 64 bits of
/// SipHash; hashing runs at about a gigabyte a second, far faster than an upload.
pub fn fingerprint(image: &Image) -> u64 {
    let mut hasher = DefaultHasher::new();
    (image.width, image.height).hash(&mut hasher);
    match &image.data {
        ImageData::Rgba8(texels) => {
            0u8.hash(&mut hasher);
            texels.hash(&mut hasher);
        }
        ImageData::Compressed(data) => {
            1u8.hash(&mut hasher);
            data.format().hash(&mut hasher);
            data.levels().hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Uploads an image as the GPU can take it. Block-compressed images stay compressed,
/// with their own mip levels (no blit mip generation), when the device has
/// `TEXTURE_COMPRESSION_BC`, the format has an sRGB form where `srgb` asks for one, and
/// some level fits `max` with a size in whole blocks (larger levels are then left out).
/// Otherwise the image is decoded to RGBA8 on the CPU. RGBA8 is scaled down to fit `max`
/// and gets GPU-built mips, filtered in linear light when `srgb`.
pub fn upload_image(
    ctx: &GpuContext,
    mips: &MipGenerator,
    image: &Image,
    srgb: bool,
    max: u32,
) -> GpuTexture {
    let label = image.name.as_deref().unwrap_or("image");
    if let ImageData::Compressed(data) = &image.data {
        let (_, srgb_format) = block_formats(data.format());
        if !ctx.has(wgpu::Features::TEXTURE_COMPRESSION_BC) {
            log::debug!(
                "{label}: no BC on this adapter; {} decoded to RGBA8",
                data.format()
            );
        } else if srgb && srgb_format.is_none() {
            log::debug!("{label}: {} has no sRGB form; decoded to RGBA8", data.format());
        } else if let Some(texture) = upload_compressed(ctx, label, data, max) {
            return texture;
        } else {
            log::debug!(
                "{label}: no level of {} fits {max} in whole blocks; decoded",
                data.format()
            );
        }
    }
    let (width, height) = match &image.data {
        ImageData::Rgba8(_) => (image.width, image.height),
        ImageData::Compressed(data) => (data.width(), data.height()),
    };
    let texels = image.to_rgba8();
    match fit_to_limit(width, height, &texels, max) {
        Some((w, h, fitted)) => {
            log::warn!("{label}: {width}x{height} exceeds the GPU's {max}; scaled to {w}x{h}");
            upload_rgba8(ctx, mips, label, w, h, &fitted, srgb)
        }
        None => upload_rgba8(ctx, mips, label, width, height, &texels, srgb),
    }
}

/// Creates a BCn texture from the levels of `data`, starting at the first level that
/// fits `max` and whose size is whole blocks (wgpu's rule for level 0); `None` when
/// none does.
fn upload_compressed(ctx: &GpuContext, label: &str, data: &CompressedImage, max: u32) -> Option<GpuTexture> {
    let (format, srgb) = block_formats(data.format());
    let first = (0..data.levels().len() as u32).find(|&level| {
        let (w, h) = mip_size(data.width(), data.height(), level);
        w <= max && h <= max && w % BLOCK_SIDE == 0 && h % BLOCK_SIDE == 0
    })?;
    let (width, height) = mip_size(data.width(), data.height(), first);
    let levels = &data.levels()[first as usize..];
    let texture = ctx.device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
        mip_level_count: levels.len() as u32,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
        view_formats: srgb.as_slice(),
    });
    let block_bytes = data.format().block_bytes() as u32;
    for (level, blocks) in levels.iter().enumerate() {
        let (w, h) = mip_size(width, height, level as u32);
        let (across, down) = (w.div_ceil(BLOCK_SIDE), h.div_ceil(BLOCK_SIDE));
        ctx.queue.write_texture(
            wgpu::TexelCopyTextureInfo {
                mip_level: level as u32,
                ..texture.as_image_copy()
            },
            blocks,
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(across * block_bytes),
                rows_per_image: Some(down),
            },
            wgpu::Extent3d {
                width: across * BLOCK_SIDE,
                height: down * BLOCK_SIDE,
                depth_or_array_layers: 1,
            },
        );
    }
    let bytes = levels.iter().map(|l| l.len() as u64).sum();
    log::debug!(
        "{label}: {width}x{height} {format:?}, {} levels, {bytes} bytes",
        levels.len()
    );
    Some(views(&texture, label, srgb.unwrap_or(format), bytes))
}

/// The 1×1 textures bound to empty material slots.
pub struct Fallbacks {
    /// White: neutral for base colour, metallic-roughness, occlusion and emissive.
    pub white: GpuTexture,
    /// A flat tangent-space normal, (0.5, 0.5, 1).
    pub flat_normal: GpuTexture,
}

impl Fallbacks {
    /// Uploads the fallbacks.
    pub fn new(ctx: &GpuContext, mips: &MipGenerator) -> Self {
        Self {
            white: upload_rgba8(ctx, mips, "fallback white", 1, 1, &[255, 255, 255, 255], false),
            flat_normal: upload_rgba8(ctx, mips, "fallback normal", 1, 1, &[128, 128, 255, 255], false),
        }
    }
}

fn wrap(mode: WrapMode) -> wgpu::AddressMode {
    match mode {
        WrapMode::Repeat => wgpu::AddressMode::Repeat,
        WrapMode::MirroredRepeat => wgpu::AddressMode::MirrorRepeat,
        WrapMode::ClampToEdge => wgpu::AddressMode::ClampToEdge,
    }
}

fn filter(f: Filter) -> wgpu::FilterMode {
    match f {
        Filter::Nearest => wgpu::FilterMode::Nearest,
        Filter::Linear => wgpu::FilterMode::Linear,
    }
}

/// One wgpu sampler per distinct glTF sampler state.
#[derive(Default)]
pub(crate) struct SamplerCache {
    samplers: HashMap<Sampler, wgpu::Sampler>,
}

impl SamplerCache {
    /// The sampler for `state`, created on first use.
    pub fn get(&mut self, ctx: &GpuContext, state: Sampler) -> &wgpu::Sampler {
        self.samplers.entry(state).or_insert_with(|| {
            let mipmap = state.min_filter.mipmap;
            let all_linear = state.mag_filter == Filter::Linear
                && state.min_filter.filter == Filter::Linear
                && mipmap == Some(Filter::Linear);
            ctx.device.create_sampler(&wgpu::SamplerDescriptor {
                label: Some("material sampler"),
                address_mode_u: wrap(state.wrap_u),
                address_mode_v: wrap(state.wrap_v),
                mag_filter: filter(state.mag_filter),
                min_filter: filter(state.min_filter.filter),
                mipmap_filter: match mipmap.unwrap_or(Filter::Nearest) {
                    Filter::Nearest => wgpu::MipmapFilterMode::Nearest,
                    Filter::Linear => wgpu::MipmapFilterMode::Linear,
                },
                // Without mip filtering glTF samples the base level only.
                lod_max_clamp: if mipmap.is_some() { 32.0 } else { 0.0 },
                anisotropy_clamp: if all_linear { ctx.max_anisotropy() } else { 1 },
                ..Default::default()
            })
        })
    }

    /// How many distinct samplers exist.
    pub fn count(&self) -> usize {
        self.samplers.len()
    }
}

#[cfg(test)]
mod tests {
    use super::mip_count;

    #[test]
    fn mip_chains_reach_one_texel() {
        assert_eq!(mip_count(1, 1), 1);
        assert_eq!(mip_count(2048, 2048), 12);
        assert_eq!(mip_count(1000, 3), 10);
        assert_eq!(mip_count(0, 0), 1);
    }
}
