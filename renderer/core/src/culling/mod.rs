//! The GPU-driven culling core.
//!
//! Each frame, per chunk of instances (a range whose bindings fit the adapter's storage
//! binding limit):
//!
//! 1. counts reset (`clear_buffer`);
//! 2. early cull: instances visible last frame and in the frustum, appended to per-batch
//!    visible lists, then turned into `DrawIndexedIndirect` commands;
//! 3. early draw, with `multi_draw_indexed_indirect_count` (or the non-count multi-draw
//!    over fixed slots where the adapter lacks the count feature);
//! 4. the Hi-Z pyramid from the early draw's depth;
//! 5. late cull: everything in the frustum the early pass did not draw, tested against
//!    the pyramid; it records each instance's visibility for the next frame;
//! 6. late draw.
//!
//! [`CullMode::GpuFrustum`] runs one frustum-only cull and draw; [`CullMode::Cpu`] runs the
//! reference tests on the CPU and draws one instanced call per batch; [`CullMode::None`]
//! draws everything. Blended instances are frustum-culled and sorted back to front on the
//! CPU in every mode, since their order matters.

mod chunk;
mod cpu;
mod hiz;
mod pipelines;
mod readback;
mod view;

/// The GPU records that readbacks hold, as the culling passes wrote them.
pub use museion_gpu::gpu_types::{GpuBatch, GpuDrawCommand};
pub use readback::{ChunkReadback, CullReadback, ExecutedDraw, PhaseReadback};
pub use view::{CullView, select_lod};

pub(crate) use pipelines::dispatch_shape;
pub(crate) use view::frustum_record;

pub(crate) use chunk::{Chunk, Phase};
pub(crate) use cpu::CpuLists;

use crate::camera::ViewCamera;
use crate::error::Result;
use crate::gpu_scene::GpuScene;
use chunk::ChunkLayouts;
use hiz::{HizPipelines, Pyramid};
use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::formats::DEPTH_FORMAT;
use pipelines::{CullPipelines, CullVariant};
use std::fmt;
use std::str::FromStr;

/// How instances are culled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CullMode {
    /// Everything is drawn, finest level of detail, one instanced draw per batch.
    None,
    /// The scene crate's reference tests on the CPU, then one instanced draw per batch.
    Cpu,
    /// Frustum (and small-object) culling on the GPU, indirect draws.
    GpuFrustum,
    /// Frustum culling and two-phase Hi-Z occlusion culling on the GPU, indirect draws.
    #[default]
    GpuOcclusion,
}

impl CullMode {
    /// Every mode, in the order of the comparison tables.
    pub const ALL: [CullMode; 4] = [
        CullMode::None,
        CullMode::Cpu,
        CullMode::GpuFrustum,
        CullMode::GpuOcclusion,
    ];

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            CullMode::None => "none",
            CullMode::Cpu => "cpu",
            CullMode::GpuFrustum => "gpu-frustum",
            CullMode::GpuOcclusion => "gpu-occlusion",
        }
    }

    /// True for the modes whose draws the GPU writes.
    pub fn is_gpu(self) -> bool {
        matches!(self, CullMode::GpuFrustum | CullMode::GpuOcclusion)
    }
}

impl fmt::Display for CullMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A culling mode name that is not one of [`CullMode::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown culling mode '{0}' (none, cpu, gpu-frustum or gpu-occlusion)")]
pub struct UnknownCullMode(pub String);

impl FromStr for CullMode {
    type Err = UnknownCullMode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CullMode::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| UnknownCullMode(s.to_owned()))
    }
}

/// How the culling core works.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CullSettings {
    /// The mode.
    pub mode: CullMode,
    /// Level-of-detail selection by projected size (and generated levels for large
    /// meshes).
    pub lod: bool,
    /// Instances whose projected bounding-sphere diameter is below this many pixels are
    /// not drawn; 0 turns small-object culling off.
    pub small_object_pixels: f32,
    /// Most instances per chunk; the adapter's storage binding limit may make chunks
    /// smaller. Lower it to exercise multi-chunk scenes.
    pub max_chunk_instances: u32,
}

impl Default for CullSettings {
    fn default() -> Self {
        Self {
            mode: CullMode::GpuOcclusion,
            lod: true,
            small_object_pixels: 0.0,
            max_chunk_instances: u32::MAX,
        }
    }
}

/// Bytes of the largest per-instance array bound per chunk (the 3×4 transforms).
const LARGEST_INSTANCE_RECORD: u64 = 48;

/// Timestamp writes for a compute pass, handed out by the frame timer.
pub(crate) type ComputeTimestamps<'a> = Option<wgpu::ComputePassTimestampWrites<'a>>;

/// A cull pass of the GPU modes; each fills its own phase buffers in every chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CullPhase {
    /// The first cull of a frame: frustum culling alone (`gpu-frustum`), or occlusion
    /// culling's early pass over the instances visible last frame.
    Early,
    /// Occlusion culling's late pass: everything else in the frustum, tested against the
    /// Hi-Z pyramid of the early draw's depth.
    Late,
}

impl CullPhase {
    /// The cull passes `mode` runs, in order: none in the CPU modes.
    pub fn of(mode: CullMode) -> &'static [CullPhase] {
        match mode {
            CullMode::GpuOcclusion => &[CullPhase::Early, CullPhase::Late],
            CullMode::GpuFrustum => &[CullPhase::Early],
            CullMode::None | CullMode::Cpu => &[],
        }
    }

    /// Which of a chunk's [`Chunk::phases`] it fills.
    pub fn index(self) -> usize {
        match self {
            CullPhase::Early => 0,
            CullPhase::Late => 1,
        }
    }
}

/// What a frame's culling sees: the camera, the viewport, and the depth that the Hi-Z
/// pyramid is built from.
pub(crate) struct CullFrame<'a> {
    /// The camera.
    pub camera: &'a ViewCamera,
    /// The output size in pixels.
    pub viewport: (u32, u32),
    /// Samples per pixel of that depth (single-sampled depth is also read pixel by
    /// pixel for small rectangles).
    pub depth_samples: u32,
    /// That depth, bound for the late pass; `None` keeps the last binding.
    pub depth: Option<&'a wgpu::TextureView>,
}

/// The culling core: pipelines, chunks, the Hi-Z pyramid and the CPU-side lists.
pub(crate) struct CullingCore {
    pipelines: CullPipelines,
    hiz: HizPipelines,
    /// Commands compacted for `multi_draw_indexed_indirect_count`.
    compact: bool,
    /// Indirect draws may start at a non-zero instance (needed by the GPU modes).
    indirect_first_instance: bool,
    chunks: Vec<Chunk>,
    cpu: Vec<CpuLists>,
    /// (scene generation, chunk size) the chunks were built for.
    built_for: Option<(u64, u32)>,
    pyramid: Option<Pyramid>,
    /// The late pass's group 1: the pyramid and this frame's depth (when single-sampled).
    late_group: Option<wgpu::BindGroup>,
    /// A 1×1 pyramid and depth texture for passes that do not read them.
    placeholder: wgpu::BindGroup,
    placeholder_pyramid: Pyramid,
    placeholder_depth: wgpu::TextureView,
    warned_fallback: bool,
}

impl CullingCore {
    pub fn new(ctx: &GpuContext) -> Self {
        let compact = ctx.has(wgpu::Features::MULTI_DRAW_INDIRECT_COUNT);
        let pipelines = CullPipelines::new(&ctx.device, compact);
        let placeholder_pyramid = Pyramid::new(ctx, (1, 1));
        let placeholder_depth = ctx
            .device
            .create_texture(&wgpu::TextureDescriptor {
                label: Some("depth stand-in"),
                size: wgpu::Extent3d {
                    width: 1,
                    height: 1,
                    depth_or_array_layers: 1,
                },
                mip_level_count: 1,
                sample_count: 1,
                dimension: wgpu::TextureDimension::D2,
                format: DEPTH_FORMAT,
                usage: wgpu::TextureUsages::TEXTURE_BINDING,
                view_formats: &[],
            })
            .create_view(&wgpu::TextureViewDescriptor::default());
        let placeholder = pyramid_bind_group(ctx, &pipelines, &placeholder_pyramid, &placeholder_depth);
        Self {
            pipelines,
            hiz: HizPipelines::new(ctx),
            compact,
            indirect_first_instance: ctx.has(wgpu::Features::INDIRECT_FIRST_INSTANCE),
            chunks: Vec::new(),
            cpu: Vec::new(),
            built_for: None,
            pyramid: None,
            late_group: None,
            placeholder,
            placeholder_pyramid,
            placeholder_depth,
            warned_fallback: false,
        }
    }

    /// The chunks of the current scene.
    pub fn chunks(&self) -> &[Chunk] {
        &self.chunks
    }

    /// CPU-side lists of each chunk (the `none` and `cpu` modes, and blended draws).
    pub fn cpu_lists(&self) -> &[CpuLists] {
        &self.cpu
    }

    /// The mode that will run for `requested` on this adapter: the GPU modes need
    /// indirect draws with a first instance, and fall back to `cpu` without them.
    pub fn effective_mode(&mut self, requested: CullMode) -> CullMode {
        if requested.is_gpu() && !self.indirect_first_instance {
            if !self.warned_fallback {
                log::warn!(
                    "the adapter lacks INDIRECT_FIRST_INSTANCE: culling on the CPU instead of {requested}"
                );
                self.warned_fallback = true;
            }
            return CullMode::Cpu;
        }
        requested
    }

    /// Instances per chunk on this device with these settings: a multiple of the
    /// workgroup size (which also keeps binding offsets aligned).
    fn chunk_size(ctx: &GpuContext, settings: &CullSettings) -> u32 {
        let by_binding = ctx.device.limits().max_storage_buffer_binding_size / LARGEST_INSTANCE_RECORD;
        let size = by_binding.min(u64::from(settings.max_chunk_instances)) as u32;
        (size / pipelines::WORKGROUP * pipelines::WORKGROUP).max(pipelines::WORKGROUP)
    }

    /// Rebuilds the chunks when the scene's layout or the chunk size changed.
    pub fn prepare(&mut self, ctx: &GpuContext, scene: &GpuScene, settings: &CullSettings) {
        let size = Self::chunk_size(ctx, settings);
        let key = (scene.generation(), size);
        if self.built_for == Some(key) {
            return;
        }
        let layouts = ChunkLayouts {
            cull: &self.pipelines.cull_layout,
            commands: &self.pipelines.commands_layout,
            draw: &scene.layouts.instances,
        };
        let total = scene.instance_count();
        self.chunks = (0..total.div_ceil(size))
            .map(|c| {
                let start = c * size;
                Chunk::new(ctx, scene, &layouts, start, size.min(total - start))
            })
            .collect();
        self.cpu = self
            .chunks
            .iter()
            .map(|chunk| CpuLists::new(scene, chunk))
            .collect();
        self.built_for = Some(key);
        log::debug!(
            "culling: {total} instances in {} chunks of up to {size}",
            self.chunks.len()
        );
    }

    /// Bytes of per-instance GPU data: the scene's instance arrays plus the culling
    /// core's visibility flags and visible lists.
    pub fn instance_bytes(&self) -> u64 {
        self.chunks.iter().map(|c| c.instance_bytes).sum()
    }

    /// The CPU's part of a frame's culling, before anything is recorded: chunks for the
    /// scene's layout, the mode that will run, the pyramid for the viewport and — given
    /// the frame's depth — its binding for the late pass, then the view uniforms (GPU
    /// modes), the visible lists (`none` and `cpu`) and the sorted blended lists. Returns
    /// the mode that runs.
    pub fn begin_frame(
        &mut self,
        ctx: &GpuContext,
        scene: &GpuScene,
        settings: &CullSettings,
        frame: &CullFrame,
    ) -> CullMode {
        self.prepare(ctx, scene, settings);
        let mode = self.effective_mode(settings.mode);
        if mode == CullMode::GpuOcclusion {
            self.ensure_pyramid(ctx, frame.viewport);
            if let Some(depth) = frame.depth {
                self.bind_depth(ctx, depth, frame.depth_samples);
            }
        }
        let view = CullView::new(frame.camera, frame.viewport);
        self.write_frame(ctx, scene, &view, settings, mode, frame.depth_samples);
        mode
    }

    /// Writes this frame's CPU-side data: view uniforms (GPU modes), the visible lists
    /// (`none` and `cpu` modes) and the sorted blended lists (every mode).
    fn write_frame(
        &mut self,
        ctx: &GpuContext,
        scene: &GpuScene,
        view: &CullView,
        settings: &CullSettings,
        mode: CullMode,
        samples: u32,
    ) {
        let pyramid = self.pyramid.as_ref().map(|p| (p.levels, p.size));
        for (chunk, cpu) in self.chunks.iter().zip(&mut self.cpu) {
            if mode.is_gpu() {
                let (_, _, row) = dispatch_shape(chunk.count);
                let record = view.record(chunk.count, pyramid, settings, row, samples == 1);
                ctx.queue
                    .write_buffer(&chunk.view, 0, bytemuck::bytes_of(&record));
            } else {
                cpu.fill(ctx, scene, chunk, view, settings, mode);
            }
            cpu.sort_blended(ctx, scene, chunk, view);
        }
    }

    /// Makes sure a pyramid exists for `viewport` (before the view records, which name
    /// its size, are written).
    fn ensure_pyramid(&mut self, ctx: &GpuContext, viewport: (u32, u32)) {
        if self.pyramid.as_ref().is_none_or(|p| p.viewport != viewport) {
            self.pyramid = Some(Pyramid::new(ctx, viewport));
        }
    }

    /// Binds this frame's depth for the late pass (read pixel by pixel for small
    /// rectangles when single-sampled). Call after [`CullingCore::ensure_pyramid`].
    fn bind_depth(&mut self, ctx: &GpuContext, depth: &wgpu::TextureView, samples: u32) {
        let depth = if samples == 1 {
            depth
        } else {
            &self.placeholder_depth
        };
        let pyramid = self.pyramid.as_ref().unwrap_or(&self.placeholder_pyramid);
        self.late_group = Some(pyramid_bind_group(ctx, &self.pipelines, pyramid, depth));
    }

    /// Records cull phase `phase` of `mode` for every chunk: counts reset, cull dispatch,
    /// command writing.
    pub fn record_cull(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        mode: CullMode,
        phase: CullPhase,
        timestamps: ComputeTimestamps<'_>,
    ) {
        let variant = match (mode, phase) {
            (CullMode::GpuOcclusion, CullPhase::Early) => CullVariant::Early,
            (CullMode::GpuOcclusion, CullPhase::Late) => CullVariant::Late,
            _ => CullVariant::Frustum,
        };
        let phases: Vec<(&Chunk, &Phase)> = self
            .chunks
            .iter()
            .map(|c| (c, &c.phases[phase.index()]))
            .collect();
        self.record_phases(encoder, variant, &phases, "cull", timestamps);
    }

    /// The key of the current chunk layout: it changes whenever the chunks are rebuilt
    /// (and phases made with [`Chunk::view_phase`] must be made again).
    pub fn layout_key(&self) -> Option<(u64, u32)> {
        self.built_for
    }

    /// A phase of its own for another view of chunk `chunk`'s instances, culled
    /// against the `GpuCullView` record in the uniform buffer `view`.
    pub fn view_phase(
        &self,
        ctx: &GpuContext,
        scene: &GpuScene,
        chunk: usize,
        view: &wgpu::Buffer,
        label: &str,
    ) -> Phase {
        let layouts = ChunkLayouts {
            cull: &self.pipelines.cull_layout,
            commands: &self.pipelines.commands_layout,
            draw: &scene.layouts.instances,
        };
        self.chunks[chunk].view_phase(ctx, scene, &layouts, view, label)
    }

    /// Records frustum culls of phases made by [`CullingCore::view_phase`], each with
    /// its chunk: counts reset, cull dispatch, command writing.
    pub fn record_view_culls(&self, encoder: &mut wgpu::CommandEncoder, phases: &[(&Chunk, &Phase)]) {
        self.record_phases(encoder, CullVariant::Frustum, phases, "view cull", None);
    }

    fn record_phases(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        variant: CullVariant,
        phases: &[(&Chunk, &Phase)],
        label: &str,
        timestamps: ComputeTimestamps<'_>,
    ) {
        for (_, p) in phases {
            encoder.clear_buffer(&p.counts, 0, None);
            encoder.clear_buffer(&p.draw_counts, 0, None);
            if !self.compact {
                // Every slot is drawn: empty batches must hold zero-instance commands.
                encoder.clear_buffer(&p.commands, 0, None);
            }
        }
        let pyramid = match (variant, &self.late_group) {
            (CullVariant::Late, Some(group)) => group,
            _ => &self.placeholder,
        };
        let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some(label),
            timestamp_writes: timestamps,
        });
        for (chunk, p) in phases {
            let (x, y, _) = dispatch_shape(chunk.count);
            pass.set_pipeline(self.pipelines.cull(variant));
            pass.set_bind_group(0, &p.cull_group, &[]);
            pass.set_bind_group(1, pyramid, &[]);
            pass.dispatch_workgroups(x, y, 1);
            let (x, y, _) = dispatch_shape(chunk.batches.len() as u32);
            pass.set_pipeline(self.pipelines.commands());
            pass.set_bind_group(0, &p.commands_group, &[]);
            pass.dispatch_workgroups(x, y, 1);
        }
    }

    /// Draws the command slots `batches` of pipeline group `group` from `phase`: one
    /// multi-draw, bounded by the count the commands pass wrote where commands are
    /// compacted (otherwise every slot is drawn, empty ones with no instances). The
    /// pass's pipeline and bindings are the caller's.
    pub fn multi_draw(
        &self,
        pass: &mut wgpu::RenderPass,
        phase: &Phase,
        group: usize,
        batches: std::ops::Range<u32>,
    ) {
        let offset = u64::from(batches.start) * size_of::<GpuDrawCommand>() as u64;
        let slots = batches.end - batches.start;
        if self.compact {
            pass.multi_draw_indexed_indirect_count(
                &phase.commands,
                offset,
                &phase.draw_counts,
                group as u64 * 4,
                slots,
            );
        } else {
            pass.multi_draw_indexed_indirect(&phase.commands, offset, slots);
        }
    }

    /// Records the Hi-Z pyramid build from `depth` (after the early draw).
    pub fn record_pyramid(
        &self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        depth: &wgpu::TextureView,
        samples: u32,
        timestamps: ComputeTimestamps<'_>,
    ) {
        let Some(pyramid) = &self.pyramid else {
            return;
        };
        let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some("hi-z"),
            timestamp_writes: timestamps,
        });
        pyramid.build(ctx, &self.hiz, &mut pass, depth, samples);
    }
}

impl CullingCore {
    /// Reads back what the last frame's culling wrote for `mode` (the mode that ran).
    /// GPU modes read the buffers (waiting for the GPU); CPU modes report their lists.
    pub fn read(&self, ctx: &GpuContext, mode: CullMode) -> Result<CullReadback> {
        let mut chunks = Vec::with_capacity(self.chunks.len());
        for (chunk, cpu) in self.chunks.iter().zip(&self.cpu) {
            let phases = if mode.is_gpu() {
                let used = CullPhase::of(mode).len();
                chunk.phases[..used]
                    .iter()
                    .map(|p| p.read(ctx, chunk))
                    .collect::<Result<Vec<_>>>()?
            } else {
                // The CPU modes draw one instanced call per non-empty batch.
                let commands = chunk
                    .batches
                    .iter()
                    .zip(&cpu.counts)
                    .map(|(b, &count)| GpuDrawCommand {
                        index_count: b.index_count,
                        instance_count: count,
                        first_index: b.first_index,
                        base_vertex: b.base_vertex,
                        first_instance: b.list_offset,
                    })
                    .collect();
                vec![PhaseReadback {
                    counts: cpu.counts.clone(),
                    commands,
                    draw_counts: Vec::new(),
                    list: cpu.list.clone(),
                }]
            };
            chunks.push(ChunkReadback {
                start: chunk.start,
                batches: chunk.batches.clone(),
                phases,
            });
        }
        Ok(CullReadback {
            mode,
            compact: self.compact,
            chunks,
        })
    }
}

impl CullingCore {
    /// Reads back a view culled with [`CullingCore::record_view_culls`]: `phases[c]` is
    /// its phase of chunk `c` (waits for the GPU).
    pub fn read_view(&self, ctx: &GpuContext, phases: &[&Phase]) -> Result<CullReadback> {
        let chunks = self
            .chunks
            .iter()
            .zip(phases)
            .map(|(chunk, phase)| {
                Ok(ChunkReadback {
                    start: chunk.start,
                    batches: chunk.batches.clone(),
                    phases: vec![phase.read(ctx, chunk)?],
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(CullReadback {
            mode: CullMode::GpuFrustum,
            compact: self.compact,
            chunks,
        })
    }
}

fn pyramid_bind_group(
    ctx: &GpuContext,
    pipelines: &CullPipelines,
    pyramid: &Pyramid,
    depth: &wgpu::TextureView,
) -> wgpu::BindGroup {
    bindings::group(
        &ctx.device,
        Some("hi-z pyramid"),
        &pipelines.pyramid_layout,
        [
            wgpu::BindingResource::TextureView(&pyramid.view),
            wgpu::BindingResource::TextureView(depth),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_names_round_trip() {
        for mode in CullMode::ALL {
            assert_eq!(mode.name().parse::<CullMode>(), Ok(mode));
        }
        assert_eq!("gpu".parse::<CullMode>(), Err(UnknownCullMode("gpu".into())));
        assert_eq!(CullMode::default(), CullMode::GpuOcclusion);
    }
}
