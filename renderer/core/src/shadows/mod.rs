//! Shadow maps: cascaded for directional lights (texel-snapped, blended between
//! cascades), perspective for spot lights, six faces for point lights; all layers of one
//! depth texture array within a budget, filtered with PCF when shading.
//!
//! Casters are chosen per shadow view by the culling core: in the GPU culling modes a
//! frustum-only cull per view and chunk writes indirect draws ([`gpu`]); in the CPU
//! modes the reference test (the scene crate's frustum against each instance's bounding
//! sphere) fills per-view lists drawn with instanced draws. Both take every instance at
//! its finest level of detail. Blended instances cast no shadow; masked ones cast as if
//! opaque.

mod gpu;
mod plan;

pub(crate) use plan::{ShadowPlan, plan};

use crate::culling::{CullMode, CullingCore};
use crate::error::Result;
use crate::gpu_scene::{GpuScene, GrowableBuffer};
use gpu::GpuCasters;
use museion_gpu::GpuContext;
use museion_gpu::formats::SHADOW_FORMAT;
use museion_gpu::gpu_types::{GpuShadowView, GpuVertex};
use museion_gpu::shaders;
use museion_scene::{Frustum, Sphere};

/// How shadows are drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShadowSettings {
    /// Shadows at all (per light, `museion_scene::Light::cast_shadows`).
    pub enabled: bool,
    /// Texels along a side of each shadow map.
    pub resolution: u32,
    /// The budget: shadow maps per frame at most (a directional light takes one per
    /// cascade, a spot light one, a point light six). Lights past it cast no shadow.
    pub max_maps: u32,
    /// Cascades per directional light, 1 to 4.
    pub cascades: u32,
    /// Distance from the camera where directional shadows end (they also end where the
    /// scene does).
    pub max_distance: f32,
    /// Filter radius in texels.
    pub pcf_radius: f32,
    /// How far a shaded point moves along its normal before the lookup, in texels:
    /// keeps surfaces from shadowing themselves (acne).
    pub normal_offset: f32,
    /// Slope-scaled depth bias of the casters.
    pub slope_bias: f32,
}

impl Default for ShadowSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            resolution: 2048,
            max_maps: 16,
            cascades: 3,
            max_distance: 150.0,
            pcf_radius: 1.5,
            normal_offset: 1.5,
            slope_bias: 1.5,
        }
    }
}

/// Share of a cascade over which it fades into the next.
pub(crate) const CASCADE_BLEND: f32 = 0.1;

/// Bytes between the per-view uniforms (the dynamic-offset alignment).
const VIEW_STRIDE: u64 = 256;

/// One instanced draw of a view's casters.
struct CasterDraw {
    view: u32,
    chunk: u32,
    batch: u32,
    first: u32,
    count: u32,
}

pub(crate) struct ShadowMaps {
    atlas: wgpu::Texture,
    /// The whole atlas, for sampling.
    pub atlas_view: wgpu::TextureView,
    /// One view per layer, for drawing.
    layer_views: Vec<wgpu::TextureView>,
    pub sampler: wgpu::Sampler,
    /// The `ShadowView` records the shading passes read.
    pub views: GrowableBuffer,
    /// Each view's matrix at a multiple of `VIEW_STRIDE`.
    view_uniforms: GrowableBuffer,
    view_layout: wgpu::BindGroupLayout,
    view_group: Option<wgpu::BindGroup>,
    pipeline_layout: wgpu::PipelineLayout,
    module: wgpu::ShaderModule,
    pipeline: Option<(f32, wgpu::RenderPipeline)>,
    lists: Vec<GrowableBuffer>,
    list_groups: Vec<wgpu::BindGroup>,
    draws: Vec<CasterDraw>,
    /// The CPU path's caster lists per chunk, as uploaded (for read-back).
    cpu_lists: Vec<Vec<u32>>,
    /// The GPU path's per-view culls.
    gpu: GpuCasters,
    /// Whether this frame's casters come from the GPU path.
    gpu_culled: bool,
    view_count: u32,
}

impl ShadowMaps {
    pub fn new(ctx: &GpuContext, scene: &GpuScene) -> Self {
        let view_layout = ctx
            .device
            .create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
                label: Some("shadow view"),
                entries: &[wgpu::BindGroupLayoutEntry {
                    binding: 0,
                    visibility: wgpu::ShaderStages::VERTEX,
                    ty: wgpu::BindingType::Buffer {
                        ty: wgpu::BufferBindingType::Uniform,
                        has_dynamic_offset: true,
                        min_binding_size: wgpu::BufferSize::new(64),
                    },
                    count: None,
                }],
            });
        let pipeline_layout = ctx
            .device
            .create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some("shadow"),
                bind_group_layouts: &[Some(&view_layout), Some(&scene.layouts.instances)],
                immediate_size: 0,
            });
        let (atlas, atlas_view, layer_views) = Self::atlas(ctx, 1, 1);
        let storage = wgpu::BufferUsages::STORAGE;
        Self {
            atlas,
            atlas_view,
            layer_views,
            sampler: ctx.device.create_sampler(&wgpu::SamplerDescriptor {
                label: Some("shadow"),
                mag_filter: wgpu::FilterMode::Linear,
                min_filter: wgpu::FilterMode::Linear,
                compare: Some(wgpu::CompareFunction::LessEqual),
                ..Default::default()
            }),
            views: GrowableBuffer::new(ctx, "shadow views", storage, 256),
            view_uniforms: GrowableBuffer::new(ctx, "shadow view uniforms", wgpu::BufferUsages::UNIFORM, 256),
            view_layout,
            view_group: None,
            pipeline_layout,
            module: shaders::shadow().create(&ctx.device),
            pipeline: None,
            lists: Vec::new(),
            list_groups: Vec::new(),
            draws: Vec::new(),
            cpu_lists: Vec::new(),
            gpu: GpuCasters::new(),
            gpu_culled: false,
            view_count: 0,
        }
    }

    fn atlas(
        ctx: &GpuContext,
        resolution: u32,
        layers: u32,
    ) -> (wgpu::Texture, wgpu::TextureView, Vec<wgpu::TextureView>) {
        let atlas = ctx.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("shadow atlas"),
            size: wgpu::Extent3d {
                width: resolution,
                height: resolution,
                depth_or_array_layers: layers,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: SHADOW_FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
            view_formats: &[],
        });
        let view = atlas.create_view(&wgpu::TextureViewDescriptor {
            dimension: Some(wgpu::TextureViewDimension::D2Array),
            ..Default::default()
        });
        let layer_views = (0..layers)
            .map(|layer| {
                atlas.create_view(&wgpu::TextureViewDescriptor {
                    dimension: Some(wgpu::TextureViewDimension::D2),
                    base_array_layer: layer,
                    array_layer_count: Some(1),
                    ..Default::default()
                })
            })
            .collect();
        (atlas, view, layer_views)
    }

    /// Prepares the frame's maps for `plan`: the atlas (grown when it needs more layers
    /// or another resolution), the view records, and each view's casters — culled on
    /// the GPU when `mode` (the frame's culling mode) is a GPU mode, else listed on the
    /// CPU. Returns true when the atlas or the view buffer was replaced (the lighting
    /// bind group is then stale).
    pub fn prepare(
        &mut self,
        ctx: &GpuContext,
        scene: &GpuScene,
        core: &CullingCore,
        plan: &ShadowPlan,
        settings: &ShadowSettings,
        mode: CullMode,
    ) -> bool {
        let mut rebind = false;
        let layers = plan.views.len() as u32;
        let resolution = if layers == 0 { 1 } else { settings.resolution };
        if self.atlas.width() != resolution || self.atlas.depth_or_array_layers() < layers.max(1) {
            (self.atlas, self.atlas_view, self.layer_views) = Self::atlas(ctx, resolution, layers.max(1));
            rebind = true;
        }
        let records: Vec<GpuShadowView> = plan
            .views
            .iter()
            .map(|v| GpuShadowView {
                view_proj: v.view_proj.to_cols_array_2d(),
                texel: v.texel,
                perspective: u32::from(v.perspective),
                _pad: [0; 2],
            })
            .collect();
        rebind |= self
            .views
            .reserve(ctx, (records.len() * size_of::<GpuShadowView>()) as u64);
        if !records.is_empty() {
            ctx.queue
                .write_buffer(&self.views.buffer, 0, bytemuck::cast_slice(&records));
        }
        let mut uniforms = vec![0u8; plan.views.len() * VIEW_STRIDE as usize];
        for (i, v) in plan.views.iter().enumerate() {
            let at = i * VIEW_STRIDE as usize;
            uniforms[at..at + 64].copy_from_slice(bytemuck::bytes_of(&v.view_proj.to_cols_array()));
        }
        if self.view_uniforms.reserve(ctx, uniforms.len() as u64) || self.view_group.is_none() {
            self.view_group = Some(ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("shadow view"),
                layout: &self.view_layout,
                entries: &[wgpu::BindGroupEntry {
                    binding: 0,
                    resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                        buffer: &self.view_uniforms.buffer,
                        offset: 0,
                        size: wgpu::BufferSize::new(64),
                    }),
                }],
            }));
        }
        if !uniforms.is_empty() {
            ctx.queue.write_buffer(&self.view_uniforms.buffer, 0, &uniforms);
        }
        if self
            .pipeline
            .as_ref()
            .is_none_or(|(bias, _)| *bias != settings.slope_bias)
        {
            self.pipeline = Some((
                settings.slope_bias,
                self.create_pipeline(ctx, settings.slope_bias),
            ));
        }
        self.view_count = layers;
        self.gpu_culled = mode.is_gpu();
        if self.gpu_culled {
            self.draws.clear();
            self.gpu.prepare(ctx, scene, core, plan);
        } else {
            self.fill_lists(ctx, scene, core, plan);
        }
        rebind
    }

    /// Per shadow view of the last frame, in plan order, the scene-wide indices of the
    /// instances drawn into it, sorted. Waits for the GPU in the GPU modes.
    pub fn read_casters(
        &self,
        ctx: &GpuContext,
        scene: &GpuScene,
        core: &CullingCore,
    ) -> Result<Vec<Vec<u32>>> {
        if self.gpu_culled {
            return self.gpu.read(ctx, scene, core);
        }
        let mut views = vec![Vec::new(); self.view_count as usize];
        for draw in &self.draws {
            let start = core.chunks()[draw.chunk as usize].start;
            let list = &self.cpu_lists[draw.chunk as usize];
            let ids = &list[draw.first as usize..(draw.first + draw.count) as usize];
            views[draw.view as usize].extend(ids.iter().map(|id| start + id));
        }
        for ids in &mut views {
            ids.sort_unstable();
        }
        Ok(views)
    }

    fn create_pipeline(&self, ctx: &GpuContext, slope_bias: f32) -> wgpu::RenderPipeline {
        let position_only = wgpu::VertexBufferLayout {
            array_stride: size_of::<GpuVertex>() as u64,
            step_mode: wgpu::VertexStepMode::Vertex,
            attributes: &wgpu::vertex_attr_array![0 => Float32x3],
        };
        ctx.device
            .create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some("shadow"),
                layout: Some(&self.pipeline_layout),
                vertex: wgpu::VertexState {
                    module: &self.module,
                    entry_point: Some("vs_shadow"),
                    compilation_options: Default::default(),
                    buffers: &[Some(position_only)],
                },
                // Both faces cast: thin and open meshes shadow too.
                primitive: wgpu::PrimitiveState::default(),
                depth_stencil: Some(wgpu::DepthStencilState {
                    format: SHADOW_FORMAT,
                    depth_write_enabled: Some(true),
                    depth_compare: Some(wgpu::CompareFunction::LessEqual),
                    stencil: Default::default(),
                    bias: wgpu::DepthBiasState {
                        constant: 0,
                        slope_scale: slope_bias,
                        clamp: 0.0,
                    },
                }),
                multisample: wgpu::MultisampleState::default(),
                fragment: None,
                multiview_mask: None,
                cache: None,
            })
    }

    /// Per view and chunk, the non-blended instances whose bounding spheres meet the
    /// view, by batch (finest level of detail), uploaded as one list per chunk.
    fn fill_lists(&mut self, ctx: &GpuContext, scene: &GpuScene, core: &CullingCore, plan: &ShadowPlan) {
        self.draws.clear();
        let chunks = core.chunks();
        self.lists.truncate(chunks.len());
        while self.lists.len() < chunks.len() {
            self.lists.push(GrowableBuffer::new(
                ctx,
                "shadow casters",
                wgpu::BufferUsages::STORAGE,
                256,
            ));
        }
        self.list_groups.clear();
        self.cpu_lists.clear();
        if plan.views.is_empty() {
            return;
        }
        let frustums: Vec<Frustum> = plan
            .views
            .iter()
            .map(|v| Frustum::from_view_projection(&v.view_proj))
            .collect();
        let groups = scene.groups();
        let spheres = scene.spheres();
        let group_of = scene.group_of();
        for (c, chunk) in chunks.iter().enumerate() {
            let mut list: Vec<u32> = Vec::new();
            let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); scene.batches().len()];
            for (v, frustum) in frustums.iter().enumerate() {
                for id in 0..chunk.count {
                    let global = (chunk.start + id) as usize;
                    let group = group_of[global];
                    if groups[group as usize].key.blend {
                        continue;
                    }
                    let s = spheres[global];
                    let sphere = Sphere {
                        center: glam::Vec3::new(s[0], s[1], s[2]),
                        radius: s[3],
                    };
                    if frustum.intersects_sphere(&sphere) {
                        buckets[scene.first_batch(group) as usize].push(id);
                    }
                }
                for (batch, bucket) in buckets.iter_mut().enumerate() {
                    if bucket.is_empty() {
                        continue;
                    }
                    self.draws.push(CasterDraw {
                        view: v as u32,
                        chunk: c as u32,
                        batch: batch as u32,
                        first: list.len() as u32,
                        count: bucket.len() as u32,
                    });
                    list.append(bucket);
                }
            }
            let buffer = &mut self.lists[c];
            buffer.reserve(ctx, (list.len().max(1) * 4) as u64);
            if !list.is_empty() {
                ctx.queue
                    .write_buffer(&buffer.buffer, 0, bytemuck::cast_slice(&list));
            }
            self.list_groups
                .push(chunk.bind_list(ctx, scene, "shadow casters", &buffer.buffer));
            self.cpu_lists.push(list);
        }
        // Drawn view by view.
        self.draws.sort_by_key(|d| (d.view, d.chunk));
    }

    /// Records one depth pass per shadow view.
    pub fn record(&self, encoder: &mut wgpu::CommandEncoder, scene: &GpuScene, core: &CullingCore) {
        let (Some((_, pipeline)), Some(view_group)) = (&self.pipeline, &self.view_group) else {
            return;
        };
        if self.gpu_culled {
            self.gpu.record_cull(encoder, core);
        }
        let chunks = core.chunks();
        let mut draws = self.draws.iter().peekable();
        for view in 0..self.view_count {
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("shadow map"),
                color_attachments: &[],
                depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                    view: &self.layer_views[view as usize],
                    depth_ops: Some(wgpu::Operations {
                        load: wgpu::LoadOp::Clear(1.0),
                        store: wgpu::StoreOp::Store,
                    }),
                    stencil_ops: None,
                }),
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            pass.set_pipeline(pipeline);
            pass.set_vertex_buffer(0, scene.pool().vertex_buffer().slice(..));
            pass.set_index_buffer(scene.pool().index_buffer().slice(..), wgpu::IndexFormat::Uint32);
            pass.set_bind_group(0, view_group, &[view * VIEW_STRIDE as u32]);
            if self.gpu_culled {
                self.gpu.draw(&mut pass, view as usize, scene, core);
                continue;
            }
            let mut bound = None;
            while let Some(draw) = draws.next_if(|d| d.view == view) {
                if bound != Some(draw.chunk) {
                    pass.set_bind_group(1, &self.list_groups[draw.chunk as usize], &[]);
                    bound = Some(draw.chunk);
                }
                let batch = &chunks[draw.chunk as usize].batches[draw.batch as usize];
                pass.draw_indexed(
                    batch.first_index..batch.first_index + batch.index_count,
                    batch.base_vertex,
                    draw.first..draw.first + draw.count,
                );
            }
        }
    }
}
