//! The Hi-Z depth pyramid: built from the depth buffer after the early draw, read by the
//! late cull.
//!
//! Level 0 holds the farthest depth of each 2×2 pixel block (a quarter of the texels to
//! write, on machines where that pass dominates) and is padded to powers of two in each
//! direction, so every level halves exactly and texel (x, y) of level k covers pixels
//! [x·2^(k+1), (x+1)·2^(k+1)) of the viewport, whatever its size. Padding texels hold
//! depth 0 — the far plane in reverse-Z — which never hides anything, so the test stays
//! conservative at the edges.

use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::pipeline;
use museion_gpu::shaders;
use museion_gpu::shaders::constants::IMAGE_TILE;

pub(crate) struct HizPipelines {
    single: wgpu::ComputePipeline,
    single_layout: wgpu::BindGroupLayout,
    msaa: wgpu::ComputePipeline,
    msaa_layout: wgpu::BindGroupLayout,
    reduce: wgpu::ComputePipeline,
    reduce_layout: wgpu::BindGroupLayout,
}

fn storage_target(binding: u32) -> wgpu::BindGroupLayoutEntry {
    wgpu::BindGroupLayoutEntry {
        binding,
        visibility: wgpu::ShaderStages::COMPUTE,
        ty: wgpu::BindingType::StorageTexture {
            access: wgpu::StorageTextureAccess::WriteOnly,
            format: wgpu::TextureFormat::R32Float,
            view_dimension: wgpu::TextureViewDimension::D2,
        },
        count: None,
    }
}

fn depth_entry(binding: u32, multisampled: bool) -> wgpu::BindGroupLayoutEntry {
    wgpu::BindGroupLayoutEntry {
        binding,
        visibility: wgpu::ShaderStages::COMPUTE,
        ty: wgpu::BindingType::Texture {
            sample_type: wgpu::TextureSampleType::Depth,
            view_dimension: wgpu::TextureViewDimension::D2,
            multisampled,
        },
        count: None,
    }
}

impl HizPipelines {
    pub fn new(ctx: &GpuContext) -> Self {
        let device = &ctx.device;
        let module = shaders::hiz().create(device);
        let make = |entry: &str, entries: &[wgpu::BindGroupLayoutEntry]| {
            let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
                label: Some("hi-z"),
                entries,
            });
            let pipeline = pipeline::compute(device, entry, &module, entry, &[Some(&layout)], &[]);
            (pipeline, layout)
        };
        let (single, single_layout) = make("from_depth", &[depth_entry(0, false), storage_target(3)]);
        let (msaa, msaa_layout) = make("from_depth_msaa", &[depth_entry(1, true), storage_target(3)]);
        let (reduce, reduce_layout) = make(
            "reduce",
            &[
                bindings::texture(2, wgpu::ShaderStages::COMPUTE, false),
                storage_target(3),
            ],
        );
        Self {
            single,
            single_layout,
            msaa,
            msaa_layout,
            reduce,
            reduce_layout,
        }
    }
}

/// A pyramid for one viewport size.
pub(crate) struct Pyramid {
    /// The viewport it was made for.
    pub viewport: (u32, u32),
    /// Level 0 size (powers of two).
    pub size: (u32, u32),
    pub levels: u32,
    /// All levels, for the cull pass.
    pub view: wgpu::TextureView,
    level_views: Vec<wgpu::TextureView>,
}

impl Pyramid {
    pub fn new(ctx: &GpuContext, viewport: (u32, u32)) -> Self {
        let size = (
            viewport.0.div_ceil(2).next_power_of_two(),
            viewport.1.div_ceil(2).next_power_of_two(),
        );
        let levels = 32 - size.0.max(size.1).leading_zeros();
        let texture = ctx.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("hi-z pyramid"),
            size: wgpu::Extent3d {
                width: size.0,
                height: size.1,
                depth_or_array_layers: 1,
            },
            mip_level_count: levels,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::R32Float,
            usage: wgpu::TextureUsages::STORAGE_BINDING | wgpu::TextureUsages::TEXTURE_BINDING,
            view_formats: &[],
        });
        let level_views = (0..levels)
            .map(|level| {
                texture.create_view(&wgpu::TextureViewDescriptor {
                    label: Some("hi-z level"),
                    base_mip_level: level,
                    mip_level_count: Some(1),
                    ..Default::default()
                })
            })
            .collect();
        Self {
            viewport,
            size,
            levels,
            view: texture.create_view(&wgpu::TextureViewDescriptor::default()),
            level_views,
        }
    }

    /// Records the build into a compute pass (one dispatch per level; wgpu orders them).
    pub fn build(
        &self,
        ctx: &GpuContext,
        pipelines: &HizPipelines,
        pass: &mut wgpu::ComputePass,
        depth: &wgpu::TextureView,
        samples: u32,
    ) {
        let groups = |w: u32, h: u32| (w.div_ceil(IMAGE_TILE), h.div_ceil(IMAGE_TILE));
        let (pipeline, layout, binding) = if samples > 1 {
            (&pipelines.msaa, &pipelines.msaa_layout, 1)
        } else {
            (&pipelines.single, &pipelines.single_layout, 0)
        };
        let first = ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("hi-z level 0"),
            layout,
            entries: &[
                wgpu::BindGroupEntry {
                    binding,
                    resource: wgpu::BindingResource::TextureView(depth),
                },
                wgpu::BindGroupEntry {
                    binding: 3,
                    resource: wgpu::BindingResource::TextureView(&self.level_views[0]),
                },
            ],
        });
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, &first, &[]);
        // Only texels over the viewport are written: the padding beyond keeps the zeros
        // (far) the texture was created with, at every level, since zeros reduce to zero.
        let covered = |level: u32| {
            (
                self.viewport.0.div_ceil(2 << level).max(1),
                self.viewport.1.div_ceil(2 << level).max(1),
            )
        };
        let (w, h) = covered(0);
        let (x, y) = groups(w, h);
        pass.dispatch_workgroups(x, y, 1);
        pass.set_pipeline(&pipelines.reduce);
        for level in 1..self.levels {
            let bind_group = ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("hi-z level"),
                layout: &pipelines.reduce_layout,
                entries: &[
                    wgpu::BindGroupEntry {
                        binding: 2,
                        resource: wgpu::BindingResource::TextureView(&self.level_views[level as usize - 1]),
                    },
                    wgpu::BindGroupEntry {
                        binding: 3,
                        resource: wgpu::BindingResource::TextureView(&self.level_views[level as usize]),
                    },
                ],
            });
            pass.set_bind_group(0, &bind_group, &[]);
            let (w, h) = covered(level);
            let (x, y) = groups(w, h);
            pass.dispatch_workgroups(x, y, 1);
        }
    }
}
