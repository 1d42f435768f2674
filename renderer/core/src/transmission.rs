//! The opaque scene as transmissive surfaces see it (`KHR_materials_transmission`).
//!
//! When a scene has transmissive materials, the main pass pauses after the opaque stage
//! and the skybox: the resolved HDR colour is copied into a texture of the output's size
//! with a full mip chain, and the transmissive surfaces, drawn next, sample it where
//! their refracted view ray leaves them, from a blurrier level the rougher they are (as
//! the glTF Sample Renderer does). Scenes without such materials bind a 1×1 black
//! texture and pay nothing.

use crate::gpu_scene::textures::{LevelBlit, mip_count};
use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::formats::HDR_FORMAT;
use museion_gpu::pipeline;
use museion_gpu::shaders;

/// The texture the transmissive surfaces of one output size read.
pub(crate) struct TransmissionTarget {
    texture: wgpu::Texture,
    /// Every level, for sampling.
    pub view: wgpu::TextureView,
}

impl TransmissionTarget {
    /// The output size the texture has.
    pub fn size(&self) -> (u32, u32) {
        (self.texture.width(), self.texture.height())
    }
}

/// The copy and mip-chain pipeline, and the fallback for scenes without transmission.
pub(crate) struct TransmissionPass {
    layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    blit: wgpu::RenderPipeline,
    fallback: wgpu::TextureView,
}

impl TransmissionPass {
    pub fn new(ctx: &GpuContext) -> Self {
        let device = &ctx.device;
        let module = shaders::mipmap().create(device);
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("transmission"),
            entries: &[
                bindings::texture(0, wgpu::ShaderStages::FRAGMENT, true),
                bindings::sampler(1, wgpu::ShaderStages::FRAGMENT),
            ],
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("transmission"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let blit = pipeline::fullscreen(
            device,
            "transmission",
            &pipeline_layout,
            &module,
            ("vs_blit", "fs_blit"),
            HDR_FORMAT,
        );
        let sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("transmission"),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        let fallback = Self::texture(ctx, (1, 1), 1).create_view(&wgpu::TextureViewDescriptor::default());
        Self {
            layout,
            sampler,
            blit,
            fallback,
        }
    }

    fn texture(ctx: &GpuContext, (width, height): (u32, u32), levels: u32) -> wgpu::Texture {
        ctx.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("transmission"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: levels,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: HDR_FORMAT,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::RENDER_ATTACHMENT,
            view_formats: &[],
        })
    }

    /// A black 1×1 texture, bound when no transmissive surface is drawn.
    pub fn fallback(&self) -> &wgpu::TextureView {
        &self.fallback
    }

    /// The texture for outputs of `size`, with a full mip chain.
    pub fn target(&self, ctx: &GpuContext, size: (u32, u32)) -> TransmissionTarget {
        let texture = Self::texture(ctx, size, mip_count(size.0, size.1));
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        TransmissionTarget { texture, view }
    }

    /// Copies `hdr` (the resolved opaque scene) into level 0 of `target`, then each level
    /// from the one above it.
    pub fn record(
        &self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        hdr: &wgpu::TextureView,
        target: &TransmissionTarget,
    ) {
        let blit = LevelBlit {
            layout: &self.layout,
            sampler: &self.sampler,
            pipeline: &self.blit,
            label: "transmission",
        };
        blit.record(
            ctx,
            encoder,
            hdr.clone(),
            &target.texture,
            None,
            0..target.texture.mip_level_count(),
        );
    }
}
