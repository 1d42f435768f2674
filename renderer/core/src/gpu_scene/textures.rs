//! Images as GPU textures with full mip chains built on the GPU, 1×1 fallbacks for
//! empty material slots, and deduplicated samplers.

use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::pipeline;
use museion_gpu::shaders;
use museion_scene::{ColorSpace, Filter, Image, Sampler, WrapMode};
use std::collections::HashMap;

/// Views of a texture (`Rgba8Unorm`, viewable as `Rgba8UnormSrgb`) for both ways of
/// reading it; the views keep the texture alive.
pub struct GpuTexture {
    /// Texels decoded from sRGB when sampled.
    pub srgb: wgpu::TextureView,
    /// Texels read as they are.
    pub linear: wgpu::TextureView,
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
        let level_view = |level: u32| {
            texture.create_view(&wgpu::TextureViewDescriptor {
                label: Some("mip level"),
                format: Some(format),
                base_mip_level: level,
                mip_level_count: Some(1),
                ..Default::default()
            })
        };
        for level in 1..texture.mip_level_count() {
            let source = level_view(level - 1);
            let target = level_view(level);
            let bind_group = bindings::group(
                &ctx.device,
                Some("mipmap"),
                &self.layout,
                [
                    wgpu::BindingResource::TextureView(&source),
                    wgpu::BindingResource::Sampler(&self.sampler),
                ],
            );
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("mipmap"),
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
            pass.set_pipeline(pipeline);
            pass.set_bind_group(0, &bind_group, &[]);
            pass.draw(0..3, 0..1);
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
    let srgb_view = texture.create_view(&wgpu::TextureViewDescriptor {
        label: Some(label),
        format: Some(wgpu::TextureFormat::Rgba8UnormSrgb),
        ..Default::default()
    });
    let linear = texture.create_view(&wgpu::TextureViewDescriptor {
        label: Some(label),
        ..Default::default()
    });
    GpuTexture {
        srgb: srgb_view,
        linear,
    }
}

/// An image scaled down to fit the device's texture limit, if it must be.
pub fn fit_to_limit(image: &Image, max: u32) -> Option<(u32, u32, Vec<u8>)> {
    if image.width <= max && image.height <= max {
        return None;
    }
    let scale = f64::from(max) / f64::from(image.width.max(image.height));
    let width = ((f64::from(image.width) * scale) as u32).clamp(1, max);
    let height = ((f64::from(image.height) * scale) as u32).clamp(1, max);
    let source = image::RgbaImage::from_raw(image.width, image.height, image.pixels.clone())?;
    let resized = image::imageops::resize(&source, width, height, image::imageops::FilterType::Triangle);
    Some((width, height, resized.into_raw()))
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
