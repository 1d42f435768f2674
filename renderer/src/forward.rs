//! The forward pass: every draw into the HDR target, opaque and masked first (grouped by
//! pipeline and material), then blended draws from back to front.

use crate::context::GpuContext;
use crate::gpu_scene::{Draw, GpuScene};
use crate::gpu_types::GpuVertex;
use crate::shaders;
use glam::Vec3;
use museion_scene::Topology;
use std::collections::HashMap;

/// The HDR format the forward pass renders to.
pub const HDR_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba16Float;
/// The depth format; reverse-Z, so cleared to 0 and tested with `Greater`.
pub const DEPTH_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Depth32Float;

/// What makes two draws need different pipelines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PipelineKey {
    topology: u8,
    double_sided: bool,
    mirrored: bool,
    blend: bool,
    samples: u32,
}

impl PipelineKey {
    fn of(draw: &Draw, samples: u32) -> Self {
        Self {
            topology: match draw.primitive.topology {
                Topology::Triangles => 0,
                Topology::Lines => 1,
                Topology::Points => 2,
            },
            double_sided: draw.double_sided,
            mirrored: draw.mirrored,
            blend: draw.blend,
            samples,
        }
    }
}

/// Counts of what a frame drew.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameStats {
    /// Draw calls issued.
    pub draws: u32,
    /// Triangles submitted.
    pub triangles: u64,
    /// Instances drawn.
    pub instances: u32,
}

pub(crate) struct ForwardPass {
    module: wgpu::ShaderModule,
    layout: wgpu::PipelineLayout,
    pipelines: HashMap<PipelineKey, wgpu::RenderPipeline>,
}

impl ForwardPass {
    pub fn new(ctx: &GpuContext, scene: &GpuScene) -> Self {
        let layout = ctx
            .device
            .create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some("forward"),
                bind_group_layouts: &[Some(&scene.layouts.frame), Some(&scene.layouts.material)],
                immediate_size: 0,
            });
        Self {
            module: shaders::pbr().create(&ctx.device),
            layout,
            pipelines: HashMap::new(),
        }
    }

    fn pipeline(&mut self, ctx: &GpuContext, key: PipelineKey) -> &wgpu::RenderPipeline {
        self.pipelines.entry(key).or_insert_with(|| {
            let topology = match key.topology {
                0 => wgpu::PrimitiveTopology::TriangleList,
                1 => wgpu::PrimitiveTopology::LineList,
                _ => wgpu::PrimitiveTopology::PointList,
            };
            let blend = key.blend.then_some(wgpu::BlendState {
                color: wgpu::BlendComponent {
                    src_factor: wgpu::BlendFactor::SrcAlpha,
                    dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
                    operation: wgpu::BlendOperation::Add,
                },
                // Alpha accumulates coverage, so tone mapping can tell geometry from
                // background.
                alpha: wgpu::BlendComponent {
                    src_factor: wgpu::BlendFactor::One,
                    dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
                    operation: wgpu::BlendOperation::Add,
                },
            });
            ctx.device
                .create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                    label: Some("forward"),
                    layout: Some(&self.layout),
                    vertex: wgpu::VertexState {
                        module: &self.module,
                        entry_point: Some("vs_main"),
                        compilation_options: Default::default(),
                        buffers: &[Some(GpuVertex::LAYOUT)],
                    },
                    primitive: wgpu::PrimitiveState {
                        topology,
                        // glTF: a negative determinant makes the winding clockwise.
                        front_face: if key.mirrored {
                            wgpu::FrontFace::Cw
                        } else {
                            wgpu::FrontFace::Ccw
                        },
                        cull_mode: (!key.double_sided && key.topology == 0).then_some(wgpu::Face::Back),
                        ..Default::default()
                    },
                    depth_stencil: Some(wgpu::DepthStencilState {
                        format: DEPTH_FORMAT,
                        depth_write_enabled: Some(!key.blend),
                        depth_compare: Some(wgpu::CompareFunction::Greater),
                        stencil: Default::default(),
                        bias: Default::default(),
                    }),
                    multisample: wgpu::MultisampleState {
                        count: key.samples,
                        ..Default::default()
                    },
                    fragment: Some(wgpu::FragmentState {
                        module: &self.module,
                        entry_point: Some("fs_main"),
                        compilation_options: Default::default(),
                        targets: &[Some(wgpu::ColorTargetState {
                            format: HDR_FORMAT,
                            blend,
                            write_mask: wgpu::ColorWrites::ALL,
                        })],
                    }),
                    multiview_mask: None,
                    cache: None,
                })
        })
    }

    /// Records the pass. `clear` is the HDR clear colour (alpha 0 marks background).
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        scene: &GpuScene,
        color: &wgpu::TextureView,
        resolve: Option<&wgpu::TextureView>,
        depth: &wgpu::TextureView,
        samples: u32,
        eye: Vec3,
        clear: wgpu::Color,
    ) -> FrameStats {
        // Opaque and masked draws grouped by pipeline, then material; blended draws last,
        // farthest first.
        let mut order: Vec<&Draw> = scene.draws().iter().filter(|d| !d.blend).collect();
        order.sort_by_key(|d| (PipelineKey::of(d, samples), d.material));
        let mut blended: Vec<&Draw> = scene.draws().iter().filter(|d| d.blend).collect();
        blended.sort_by(|a, b| {
            b.center
                .distance_squared(eye)
                .total_cmp(&a.center.distance_squared(eye))
        });
        order.extend(blended);
        // Create every pipeline first: the pass borrows them.
        for draw in &order {
            self.pipeline(ctx, PipelineKey::of(draw, samples));
        }

        let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
            label: Some("forward"),
            color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                view: color,
                depth_slice: None,
                resolve_target: resolve,
                ops: wgpu::Operations {
                    load: wgpu::LoadOp::Clear(clear),
                    store: if resolve.is_some() {
                        wgpu::StoreOp::Discard
                    } else {
                        wgpu::StoreOp::Store
                    },
                },
            })],
            depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                view: depth,
                depth_ops: Some(wgpu::Operations {
                    load: wgpu::LoadOp::Clear(0.0),
                    store: wgpu::StoreOp::Discard,
                }),
                stencil_ops: None,
            }),
            timestamp_writes: None,
            occlusion_query_set: None,
            multiview_mask: None,
        });
        let mut stats = FrameStats::default();
        if order.is_empty() {
            return stats;
        }
        pass.set_vertex_buffer(0, scene.pool().vertex_buffer().slice(..));
        pass.set_index_buffer(scene.pool().index_buffer().slice(..), wgpu::IndexFormat::Uint32);
        pass.set_bind_group(0, scene.frame_bind_group(), &[]);
        let mut current_key = None;
        let mut current_material = None;
        for draw in order {
            let key = PipelineKey::of(draw, samples);
            if current_key != Some(key) {
                if let Some(pipeline) = self.pipelines.get(&key) {
                    pass.set_pipeline(pipeline);
                }
                current_key = Some(key);
            }
            if current_material != Some(draw.material) {
                pass.set_bind_group(1, scene.material_bind_group(draw.material), &[]);
                current_material = Some(draw.material);
            }
            let p = &draw.primitive;
            pass.draw_indexed(
                p.indices.clone(),
                p.vertices.start as i32,
                draw.instance..draw.instance + 1,
            );
            stats.draws += 1;
            stats.instances += 1;
            stats.triangles += u64::from(p.triangles());
        }
        stats
    }
}
