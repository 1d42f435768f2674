//! Shadow casters culled on the GPU by the culling core: per shadow view and chunk, a
//! frustum-only cull — the CPU path's test, finest level of detail, blended instances
//! left out — writes compacted indirect draws that the depth pass draws.

use super::ShadowPlan;
use crate::culling::{Chunk, CullingCore, Phase, dispatch_shape, frustum_record};
use crate::error::Result;
use crate::gpu_scene::GpuScene;
use museion_gpu::GpuContext;
use museion_gpu::gpu_types::GpuCullView;

/// One shadow view's cull over one chunk: its view record and the phase it fills.
struct ViewChunk {
    view: wgpu::Buffer,
    phase: Phase,
}

/// The GPU-culled casters of every shadow view.
pub(crate) struct GpuCasters {
    /// The chunk layout the phases were made for.
    layout: Option<(u64, u32)>,
    /// Per view slot (as many as the most views a frame had), per chunk.
    views: Vec<Vec<ViewChunk>>,
    /// Views of the current frame.
    active: usize,
}

impl GpuCasters {
    pub fn new() -> Self {
        Self {
            layout: None,
            views: Vec::new(),
            active: 0,
        }
    }

    /// Writes the view records of `plan`'s views, making phases for views and chunks
    /// that have none yet (all of them again when the chunks were rebuilt).
    pub fn prepare(&mut self, ctx: &GpuContext, scene: &GpuScene, core: &CullingCore, plan: &ShadowPlan) {
        if core.layout_key() != self.layout {
            self.views.clear();
            self.layout = core.layout_key();
        }
        while self.views.len() < plan.views.len() {
            let slot = (0..core.chunks().len())
                .map(|c| {
                    let view = ctx.device.create_buffer(&wgpu::BufferDescriptor {
                        label: Some("shadow cull view"),
                        size: size_of::<GpuCullView>() as u64,
                        usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                        mapped_at_creation: false,
                    });
                    let phase = core.view_phase(ctx, scene, c, &view, "shadow casters");
                    ViewChunk { view, phase }
                })
                .collect();
            self.views.push(slot);
        }
        for (shadow_view, slot) in plan.views.iter().zip(&self.views) {
            for (chunk, view_chunk) in core.chunks().iter().zip(slot) {
                let (_, _, row) = dispatch_shape(chunk.count);
                let record = frustum_record(&shadow_view.view_proj, chunk.count, row);
                ctx.queue
                    .write_buffer(&view_chunk.view, 0, bytemuck::bytes_of(&record));
            }
        }
        self.active = plan.views.len();
    }

    /// The frame's (chunk, phase) pairs, view by view.
    fn phases<'a>(&'a self, core: &'a CullingCore) -> Vec<(&'a Chunk, &'a Phase)> {
        self.views[..self.active]
            .iter()
            .flat_map(|slot| core.chunks().iter().zip(slot.iter().map(|v| &v.phase)))
            .collect()
    }

    /// Records the culls of every view of the frame.
    pub fn record_cull(&self, encoder: &mut wgpu::CommandEncoder, core: &CullingCore) {
        let phases = self.phases(core);
        if !phases.is_empty() {
            core.record_view_culls(encoder, &phases);
        }
    }

    /// Draws view `view`'s casters into `pass` (its pipeline, view uniform and buffers
    /// bound): one multi-draw per chunk and pipeline group, as the forward pass draws.
    pub fn draw(&self, pass: &mut wgpu::RenderPass, view: usize, scene: &GpuScene, core: &CullingCore) {
        let Some(slot) = self.views.get(view) else {
            return;
        };
        for view_chunk in slot {
            let p = &view_chunk.phase;
            pass.set_bind_group(1, &p.draw_group, &[]);
            for (index, group) in scene.pipeline_groups().iter().enumerate() {
                if group.key.blend {
                    continue;
                }
                core.multi_draw(pass, p, index, group.batches.clone());
            }
        }
    }

    /// Per view of the last frame, the scene-wide indices of the instances its draws
    /// drew, sorted. Waits for the GPU.
    pub fn read(&self, ctx: &GpuContext, scene: &GpuScene, core: &CullingCore) -> Result<Vec<Vec<u32>>> {
        self.views[..self.active]
            .iter()
            .map(|slot| {
                let phases: Vec<&Phase> = slot.iter().map(|v| &v.phase).collect();
                let mut ids = core.read_view(ctx, &phases)?.drawn_instances(scene);
                ids.sort_unstable();
                Ok(ids)
            })
            .collect()
    }
}
