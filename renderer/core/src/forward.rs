//! The forward pass: opaque and masked instances through the culling core's lists
//! (indirect multi-draws the GPU wrote, or instanced draws from CPU lists), then blended
//! instances from back to front.

use crate::culling::{CullMode, CullPhase, CullingCore};
use crate::gpu_scene::{DrawKey, GpuScene};
use museion_gpu::GpuContext;
use museion_gpu::formats::{DEPTH_FORMAT, HDR_FORMAT, INSTANCE_ID_FORMAT, NORMAL_FORMAT, TargetLayout};
use museion_gpu::gpu_types::GpuVertex;
use museion_gpu::shaders;
use museion_gpu::shaders::constants::material_flags;
use std::collections::HashMap;

/// What a forward pass writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PassOutput {
    /// The ambient occlusion prepass: single-sample depth and view-space normals.
    Prepass,
    /// Shaded HDR colour and depth (and instance ids) into the main targets.
    Shaded(TargetLayout),
}

/// The attachments of a forward pass, and the frame's lighting bind group.
#[derive(Clone, Copy)]
pub(crate) struct PassTargets<'a> {
    pub lighting: &'a wgpu::BindGroup,
    /// HDR colour, or the prepass's normals.
    pub color: &'a wgpu::TextureView,
    /// The single-sample HDR target that multisampled colour resolves into.
    pub resolve: Option<&'a wgpu::TextureView>,
    pub depth: &'a wgpu::TextureView,
    pub ids: Option<&'a wgpu::TextureView>,
    pub output: PassOutput,
}

impl PassTargets<'_> {
    /// Samples per pixel of the attachments.
    pub fn samples(&self) -> u32 {
        match self.output {
            PassOutput::Prepass => 1,
            PassOutput::Shaded(layout) => layout.samples,
        }
    }
}

/// How a forward pass begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Load {
    /// The frame's first pass into these targets: everything cleared.
    Clear,
    /// Continues what an earlier pass of the frame drew.
    Keep,
}

/// How a forward pass ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Store {
    /// Everything kept for a later pass (and for the Hi-Z pyramid and ambient occlusion,
    /// which read depth).
    Keep,
    /// The frame's last pass into these targets: multisampled colour resolves into the
    /// HDR target and is let go, and so is depth.
    Resolve,
    /// Multisampled colour resolves into the HDR target (which transmissive surfaces then
    /// read) and everything is kept for the pass that draws them.
    ResolveAndKeep,
}

/// Which opaque instances a forward pass draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OpaqueDraws {
    /// The indirect commands a GPU cull phase wrote.
    Culled(CullPhase),
    /// The CPU's lists, one instanced draw per batch (`none` and `cpu` modes).
    Listed,
}

impl OpaqueDraws {
    /// Every opaque draw of a frame culled with `mode`, in cull order.
    pub fn of(mode: CullMode) -> &'static [OpaqueDraws] {
        match mode {
            CullMode::GpuOcclusion => &[
                OpaqueDraws::Culled(CullPhase::Early),
                OpaqueDraws::Culled(CullPhase::Late),
            ],
            CullMode::GpuFrustum => &[OpaqueDraws::Culled(CullPhase::Early)],
            CullMode::None | CullMode::Cpu => &[OpaqueDraws::Listed],
        }
    }
}

/// Each layer bit and the shader definition that compiles its code in.
const LAYER_DEFS: [(u32, &str); 7] = [
    (material_flags::CLEARCOAT, "CLEARCOAT"),
    (material_flags::SHEEN, "SHEEN"),
    (material_flags::TRANSMISSION, "TRANSMISSION"),
    (material_flags::IRIDESCENCE, "IRIDESCENCE"),
    (material_flags::ANISOTROPY, "ANISOTROPY"),
    (material_flags::SPECULAR_TEXTURES, "SPECULAR_TEXTURES"),
    (material_flags::CORE_TEXTURES, "CORE_TEXTURES"),
];

/// What the frame as a whole lights with, each compiled into the forward shader only
/// when the frame has it. A branch on a uniform is not enough: a CPU device runs both
/// sides of a branch with its SIMD lanes masked, so code behind a switch that is off
/// still costs every pixel (on lavapipe, the probes' lookups and the shadow filter took
/// more than half of a frame of the `halls` benchmark that had neither).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct FrameFeatures {
    /// Baked irradiance probes and reflection cubes are bound (`PROBES`).
    pub probes: bool,
    /// Some light casts a shadow this frame (`SHADOWS`).
    pub shadows: bool,
    /// Surfaces show their illuminance, not their shading (`ILLUMINANCE_VIEW`).
    pub illuminance: bool,
}

impl FrameFeatures {
    /// The shader definitions of the features present.
    fn defs(self) -> impl Iterator<Item = &'static str> {
        [
            (self.probes, "PROBES"),
            (self.shadows, "SHADOWS"),
            (self.illuminance, "ILLUMINANCE_VIEW"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
    }
}

/// A pipeline: its draw key, what the pass it draws in writes, and the frame's features.
type PipelineKey = (DrawKey, PassOutput, FrameFeatures);

pub(crate) struct ForwardPass {
    /// The forward shader compiled for each combination of material layers and frame
    /// features in use.
    modules: HashMap<(u32, FrameFeatures), wgpu::ShaderModule>,
    layout: wgpu::PipelineLayout,
    pipelines: HashMap<PipelineKey, wgpu::RenderPipeline>,
    /// The features of the frame last prepared: its draws use pipelines compiled for them.
    features: FrameFeatures,
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
            modules: HashMap::new(),
            layout,
            pipelines: HashMap::new(),
            features: FrameFeatures::default(),
        }
    }

    /// The forward shader with the definitions of `layers` (`material_flags::LAYERS`
    /// bits) and of `features`: code for the layers a material does not have, or for
    /// what the frame lacks, is not compiled in.
    fn module(&mut self, ctx: &GpuContext, layers: u32, features: FrameFeatures) -> wgpu::ShaderModule {
        self.modules
            .entry((layers, features))
            .or_insert_with(|| {
                let defs: Vec<&str> = LAYER_DEFS
                    .iter()
                    .filter(|(bit, _)| layers & bit != 0)
                    .map(|(_, name)| *name)
                    .chain(features.defs())
                    .collect();
                shaders::pbr().create_with(&ctx.device, &defs)
            })
            .clone()
    }

    fn create_pipeline(
        &mut self,
        ctx: &GpuContext,
        (key, output, features): PipelineKey,
    ) -> wgpu::RenderPipeline {
        let module = self.module(ctx, key.layers, features);
        let topology = match key.topology {
            0 => wgpu::PrimitiveTopology::TriangleList,
            1 => wgpu::PrimitiveTopology::LineList,
            _ => wgpu::PrimitiveTopology::PointList,
        };
        let color = Some(wgpu::ColorTargetState {
            format: HDR_FORMAT,
            blend: pipeline_descriptor_blend(key.blend && !key.transmission),
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
        let (entry, targets, samples): (_, &[Option<wgpu::ColorTargetState>], _) = match output {
            PassOutput::Prepass => ("fs_prepass", &normals, 1),
            PassOutput::Shaded(layout) if layout.instance_ids => {
                ("fs_main_with_id", &with_ids, layout.samples)
            }
            PassOutput::Shaded(layout) => ("fs_main", &without_ids, layout.samples),
        };
        ctx.device
            .create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some(pass_label(output)),
                layout: Some(&self.layout),
                vertex: wgpu::VertexState {
                    module: &module,
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
                    module: &module,
                    entry_point: Some(entry),
                    compilation_options: Default::default(),
                    targets,
                }),
                multiview_mask: None,
                cache: None,
            })
    }

    /// Creates the pipelines every draw group of `scene` needs in passes writing each of
    /// `outputs` in a frame with `features` (the passes borrow them); the prepass draws
    /// no blended groups.
    pub fn prepare(
        &mut self,
        ctx: &GpuContext,
        scene: &GpuScene,
        outputs: &[PassOutput],
        features: FrameFeatures,
    ) {
        self.features = features;
        for group in scene.groups() {
            for &output in outputs {
                let key = (group.key, output, features);
                let drawn = !(output == PassOutput::Prepass && group.key.blend);
                if drawn && !self.pipelines.contains_key(&key) {
                    let pipeline = self.create_pipeline(ctx, key);
                    self.pipelines.insert(key, pipeline);
                }
            }
        }
    }

    /// Begins a forward pass into `targets`, clearing them or keeping what an earlier
    /// pass drew, and keeping everything for a later pass or resolving.
    pub fn begin<'e>(
        encoder: &'e mut wgpu::CommandEncoder,
        targets: &PassTargets,
        load: Load,
        store: Store,
        timestamps: Option<wgpu::RenderPassTimestampWrites<'_>>,
    ) -> wgpu::RenderPass<'e> {
        let load_op = |clear| match load {
            Load::Clear => wgpu::LoadOp::Clear(clear),
            Load::Keep => wgpu::LoadOp::Load,
        };
        let store_op = |keep: bool| {
            if keep {
                wgpu::StoreOp::Store
            } else {
                wgpu::StoreOp::Discard
            }
        };
        let resolve = store != Store::Keep;
        let keep = store != Store::Resolve;
        let mut colors = vec![Some(wgpu::RenderPassColorAttachment {
            view: targets.color,
            depth_slice: None,
            resolve_target: if resolve { targets.resolve } else { None },
            ops: wgpu::Operations {
                // Alpha 0 marks "nothing drawn here". The tone mapper adds the background
                // where blended surfaces leave it visible (the exposure may only be known
                // on the GPU).
                load: load_op(wgpu::Color::TRANSPARENT),
                // Multisampled colour is not needed once resolved, unless a pass follows.
                store: store_op(keep || targets.resolve.is_none()),
            },
        })];
        if let Some(ids) = targets.ids {
            colors.push(Some(wgpu::RenderPassColorAttachment {
                view: ids,
                depth_slice: None,
                resolve_target: None,
                ops: wgpu::Operations {
                    load: load_op(wgpu::Color::TRANSPARENT),
                    store: wgpu::StoreOp::Store,
                },
            }));
        }
        encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
            label: Some(pass_label(targets.output)),
            color_attachments: &colors,
            depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                view: targets.depth,
                depth_ops: Some(wgpu::Operations {
                    load: match load {
                        Load::Clear => wgpu::LoadOp::Clear(0.0),
                        Load::Keep => wgpu::LoadOp::Load,
                    },
                    // The Hi-Z pyramid and the next pass read it.
                    store: store_op(keep),
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
        self.pipelines.get(&(key, targets.output, self.features))
    }

    /// Draws the opaque instances of `draws`. Returns the draw calls recorded.
    pub fn draw_opaque(
        &self,
        pass: &mut wgpu::RenderPass,
        scene: &GpuScene,
        core: &CullingCore,
        draws: OpaqueDraws,
        targets: &PassTargets,
    ) -> u32 {
        match draws {
            OpaqueDraws::Culled(phase) => self.draw_indirect(pass, scene, core, phase, targets),
            OpaqueDraws::Listed => self.draw_direct(pass, scene, core, targets),
        }
    }

    /// Draws a phase's indirect commands: one multi-draw per chunk and pipeline group.
    /// Returns the draw calls recorded.
    fn draw_indirect(
        &self,
        pass: &mut wgpu::RenderPass,
        scene: &GpuScene,
        core: &CullingCore,
        phase: CullPhase,
        targets: &PassTargets,
    ) -> u32 {
        Self::bind_common(pass, scene, targets);
        let mut calls = 0;
        for chunk in core.chunks() {
            let p = &chunk.phases[phase.index()];
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
    fn draw_direct(
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

/// The label of a forward pass, and of its pipelines.
fn pass_label(output: PassOutput) -> &'static str {
    match output {
        PassOutput::Prepass => "prepass",
        PassOutput::Shaded(_) => "forward",
    }
}
