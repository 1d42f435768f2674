//! The forward pass: opaque and masked instances through the culling core's lists
//! (indirect multi-draws the GPU wrote, or instanced draws from CPU lists), then blended
//! instances from back to front.

use crate::ambient_occlusion::NORMAL_FORMAT;
use crate::context::GpuContext;
use crate::culling::CullingCore;
use crate::gpu_scene::{DrawKey, GpuScene};
use crate::gpu_types::GpuVertex;
use crate::shaders;
use std::collections::HashMap;

/// The HDR format the forward pass renders to.
pub const HDR_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba16Float;
/// The depth format; reverse-Z, so cleared to 0 and tested with `Greater`.
pub const DEPTH_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Depth32Float;
/// The instance-id format: 0 where nothing is drawn, else the scene-wide instance index
/// plus one.
pub const INSTANCE_ID_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::R32Uint;

/// Counts of what a frame submitted, read back from the commands the culling core wrote
/// (or counted on the CPU in the CPU modes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameStats {
    /// Draws executed with at least one instance: indirect commands in the GPU modes,
    /// instanced draw calls in the CPU modes, plus one per blended instance.
    pub draws: u32,
    /// Triangles submitted (instances × triangles of the level of detail drawn).
    pub triangles: u64,
    /// Instances drawn.
    pub instances: u32,
}

/// A pipeline: the draw key, samples, whether an instance-id target is written, and
/// whether it is the ambient occlusion prepass's (depth and normals, one sample).
type PipelineKey = (DrawKey, u32, bool, bool);

/// The attachments of a frame's forward passes, and its lighting bind group.
pub(crate) struct PassTargets<'a> {
    pub lighting: &'a wgpu::BindGroup,
    pub color: &'a wgpu::TextureView,
    pub resolve: Option<&'a wgpu::TextureView>,
    pub depth: &'a wgpu::TextureView,
    pub ids: Option<&'a wgpu::TextureView>,
    pub samples: u32,
    /// The ambient occlusion prepass: `color` is its normal target.
    pub prepass: bool,
}

pub(crate) struct ForwardPass {
    module: wgpu::ShaderModule,
    layout: wgpu::PipelineLayout,
    pipelines: HashMap<PipelineKey, wgpu::RenderPipeline>,
}

fn pipeline_descriptor_blend(blend: bool) -> Option<wgpu::BlendState> {
    blend.then_some(wgpu::BlendState {
        color: wgpu::BlendComponent {
            src_factor: wgpu::BlendFactor::SrcAlpha,
            dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
            operation: wgpu::BlendOperation::Add,
        },
        // Alpha accumulates coverage, so tone mapping can tell geometry from background.
        alpha: wgpu::BlendComponent {
            src_factor: wgpu::BlendFactor::One,
            dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
            operation: wgpu::BlendOperation::Add,
        },
    })
}

impl ForwardPass {
    pub fn new(ctx: &GpuContext, scene: &GpuScene, lighting: &wgpu::BindGroupLayout) -> Self {
        let layout = ctx
            .device
            .create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some("forward"),
                bind_group_layouts: &[
                    Some(&scene.layouts.frame),
                    Some(lighting),
                    Some(&scene.layouts.instances),
                    Some(&scene.layouts.material),
                ],
                immediate_size: 0,
            });
        Self {
            module: shaders::pbr().create(&ctx.device),
            layout,
            pipelines: HashMap::new(),
        }
    }

    fn create_pipeline(
        &self,
        ctx: &GpuContext,
        (key, samples, ids, prepass): PipelineKey,
    ) -> wgpu::RenderPipeline {
        let topology = match key.topology {
            0 => wgpu::PrimitiveTopology::TriangleList,
            1 => wgpu::PrimitiveTopology::LineList,
            _ => wgpu::PrimitiveTopology::PointList,
        };
        let color = Some(wgpu::ColorTargetState {
            format: HDR_FORMAT,
            blend: pipeline_descriptor_blend(key.blend),
            write_mask: wgpu::ColorWrites::ALL,
        });
        let id = Some(wgpu::ColorTargetState {
            format: INSTANCE_ID_FORMAT,
            blend: None,
            write_mask: wgpu::ColorWrites::ALL,
        });
        let normals = [Some(wgpu::ColorTargetState {
            format: NORMAL_FORMAT,
            blend: None,
            write_mask: wgpu::ColorWrites::ALL,
        })];
        let with_ids = [color.clone(), id];
        let without_ids = [color];
        let (entry, targets): (_, &[Option<wgpu::ColorTargetState>]) = match (prepass, ids) {
            (true, _) => ("fs_prepass", &normals),
            (false, true) => ("fs_main_with_id", &with_ids),
            (false, false) => ("fs_main", &without_ids),
        };
        ctx.device
            .create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some(if prepass { "prepass" } else { "forward" }),
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
                    count: samples,
                    ..Default::default()
                },
                fragment: Some(wgpu::FragmentState {
                    module: &self.module,
                    entry_point: Some(entry),
                    compilation_options: Default::default(),
                    targets,
                }),
                multiview_mask: None,
                cache: None,
            })
    }

    /// Creates the pipelines every draw group of `scene` needs (the passes borrow them),
    /// and those of the ambient occlusion prepass when `prepass`.
    pub fn prepare(&mut self, ctx: &GpuContext, scene: &GpuScene, samples: u32, ids: bool, prepass: bool) {
        for group in scene.groups() {
            let mut keys = vec![(group.key, samples, ids, false)];
            if prepass && !group.key.blend {
                keys.push((group.key, 1, false, true));
            }
            for key in keys {
                if !self.pipelines.contains_key(&key) {
                    let pipeline = self.create_pipeline(ctx, key);
                    self.pipelines.insert(key, pipeline);
                }
            }
        }
    }

    /// Begins a forward pass: the first of a frame clears, the last resolves and lets
    /// depth go; passes in between keep everything for the next.
    pub fn begin<'e>(
        encoder: &'e mut wgpu::CommandEncoder,
        targets: &PassTargets,
        first: bool,
        last: bool,
        clear: wgpu::Color,
        timestamps: Option<wgpu::RenderPassTimestampWrites<'_>>,
    ) -> wgpu::RenderPass<'e> {
        let keep_color = !(last && targets.resolve.is_some());
        let store = |keep: bool| {
            if keep {
                wgpu::StoreOp::Store
            } else {
                wgpu::StoreOp::Discard
            }
        };
        let mut colors = vec![Some(wgpu::RenderPassColorAttachment {
            view: targets.color,
            depth_slice: None,
            resolve_target: if last { targets.resolve } else { None },
            ops: wgpu::Operations {
                load: if first {
                    wgpu::LoadOp::Clear(clear)
                } else {
                    wgpu::LoadOp::Load
                },
                store: store(keep_color),
            },
        })];
        if let Some(ids) = targets.ids {
            colors.push(Some(wgpu::RenderPassColorAttachment {
                view: ids,
                depth_slice: None,
                resolve_target: None,
                ops: wgpu::Operations {
                    load: if first {
                        wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT)
                    } else {
                        wgpu::LoadOp::Load
                    },
                    store: wgpu::StoreOp::Store,
                },
            }));
        }
        encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
            label: Some(if targets.prepass { "prepass" } else { "forward" }),
            color_attachments: &colors,
            depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                view: targets.depth,
                depth_ops: Some(wgpu::Operations {
                    load: if first {
                        wgpu::LoadOp::Clear(0.0)
                    } else {
                        wgpu::LoadOp::Load
                    },
                    // The Hi-Z pyramid and the next pass read it.
                    store: store(!last),
                }),
                stencil_ops: None,
            }),
            timestamp_writes: timestamps,
            occlusion_query_set: None,
            multiview_mask: None,
        })
    }

    fn bind_common(pass: &mut wgpu::RenderPass, scene: &GpuScene, targets: &PassTargets) {
        pass.set_vertex_buffer(0, scene.pool().vertex_buffer().slice(..));
        pass.set_index_buffer(scene.pool().index_buffer().slice(..), wgpu::IndexFormat::Uint32);
        pass.set_bind_group(0, scene.frame_bind_group(), &[]);
        pass.set_bind_group(1, targets.lighting, &[]);
    }

    fn pipeline(&self, key: DrawKey, targets: &PassTargets) -> Option<&wgpu::RenderPipeline> {
        self.pipelines
            .get(&(key, targets.samples, targets.ids.is_some(), targets.prepass))
    }

    /// Draws a phase's indirect commands: one multi-draw per chunk and pipeline group.
    /// Returns the draw calls recorded.
    pub fn draw_indirect(
        &self,
        pass: &mut wgpu::RenderPass,
        scene: &GpuScene,
        core: &CullingCore,
        phase: usize,
        targets: &PassTargets,
    ) -> u32 {
        Self::bind_common(pass, scene, targets);
        let mut calls = 0;
        for chunk in core.chunks() {
            let p = &chunk.phases[phase];
            pass.set_bind_group(2, &p.draw_group, &[]);
            for (index, group) in scene.pipeline_groups().iter().enumerate() {
                let Some(pipeline) = self.pipeline(group.key, targets).filter(|_| !group.key.blend) else {
                    continue;
                };
                pass.set_pipeline(pipeline);
                pass.set_bind_group(3, scene.material_bind_group(group.material), &[]);
                core.multi_draw(pass, p, index, group.batches.clone());
                calls += 1;
            }
        }
        calls
    }

    /// Draws the CPU-built lists: one instanced draw per non-empty batch. Returns the draw
    /// calls recorded.
    pub fn draw_direct(
        &self,
        pass: &mut wgpu::RenderPass,
        scene: &GpuScene,
        core: &CullingCore,
        targets: &PassTargets,
    ) -> u32 {
        Self::bind_common(pass, scene, targets);
        let mut calls = 0;
        for (chunk, cpu) in core.chunks().iter().zip(core.cpu_lists()) {
            pass.set_bind_group(2, &chunk.cpu_draw_group, &[]);
            for group in scene.pipeline_groups() {
                let Some(pipeline) = self.pipeline(group.key, targets).filter(|_| !group.key.blend) else {
                    continue;
                };
                let batches = group.batches.start as usize..group.batches.end as usize;
                if cpu.counts[batches.clone()].iter().all(|&c| c == 0) {
                    continue;
                }
                pass.set_pipeline(pipeline);
                pass.set_bind_group(3, scene.material_bind_group(group.material), &[]);
                for b in batches {
                    let (batch, count) = (&chunk.batches[b], cpu.counts[b]);
                    if count > 0 {
                        pass.draw_indexed(
                            batch.first_index..batch.first_index + batch.index_count,
                            batch.base_vertex,
                            batch.list_offset..batch.list_offset + count,
                        );
                        calls += 1;
                    }
                }
            }
        }
        calls
    }

    /// Draws the blended instances, farthest first. Returns the draw calls recorded and
    /// the triangles they submitted.
    pub fn draw_blended(
        &self,
        pass: &mut wgpu::RenderPass,
        scene: &GpuScene,
        core: &CullingCore,
        targets: &PassTargets,
    ) -> (u32, u64) {
        Self::bind_common(pass, scene, targets);
        let (mut calls, mut triangles) = (0, 0);
        for (chunk, cpu) in core.chunks().iter().zip(core.cpu_lists()) {
            if cpu.blended.is_empty() {
                continue;
            }
            pass.set_bind_group(2, &chunk.blended_draw_group, &[]);
            for draw in &cpu.blended {
                let info = &scene.batches()[draw.batch as usize];
                let group = &scene.groups()[info.group as usize];
                let Some(pipeline) = self.pipeline(group.key, targets) else {
                    continue;
                };
                let batch = &chunk.batches[draw.batch as usize];
                pass.set_pipeline(pipeline);
                pass.set_bind_group(3, scene.material_bind_group(group.material), &[]);
                pass.draw_indexed(
                    batch.first_index..batch.first_index + batch.index_count,
                    batch.base_vertex,
                    draw.slot..draw.slot + 1,
                );
                calls += 1;
                triangles += u64::from(info.primitive.triangles());
            }
        }
        (calls, triangles)
    }
}
