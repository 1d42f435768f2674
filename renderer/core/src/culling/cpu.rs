//! Visible lists built on the CPU: every instance (`none`), the reference tests (`cpu`),
//! and blended instances sorted back to front (every mode).

use super::chunk::Chunk;
use super::{CullMode, CullSettings, CullView};
use crate::gpu_scene::GpuScene;
use museion_gpu::GpuContext;
use museion_scene::Sphere;

/// One blended instance's draw: its slot in the chunk's blended list and its batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BlendedDraw {
    pub slot: u32,
    pub batch: u32,
}

/// The CPU-side lists of one chunk.
pub(crate) struct CpuLists {
    /// Instances per batch in the CPU list (`none` and `cpu` modes).
    pub counts: Vec<u32>,
    /// The list as written to the chunk's CPU list buffer: ids relative to the chunk,
    /// in per-batch regions.
    pub list: Vec<u32>,
    /// This frame's blended draws, farthest first.
    pub blended: Vec<BlendedDraw>,
    /// Chunk-relative ids of the blended instances in this chunk.
    blended_instances: Vec<u32>,
    /// The mode `list` was last filled for; `none` lists do not change between frames.
    filled_for: Option<CullMode>,
}

impl CpuLists {
    pub fn new(scene: &GpuScene, chunk: &Chunk) -> Self {
        let range = chunk.start..chunk.start + chunk.count;
        Self {
            counts: vec![0; chunk.batches.len()],
            list: Vec::new(),
            blended: Vec::new(),
            blended_instances: scene
                .blended()
                .iter()
                .filter(|i| range.contains(i))
                .map(|i| i - chunk.start)
                .collect(),
            filled_for: None,
        }
    }

    /// Fills the visible list for `mode` (`none` or `cpu`) and uploads it.
    pub fn fill(
        &mut self,
        ctx: &GpuContext,
        scene: &GpuScene,
        chunk: &Chunk,
        view: &CullView,
        settings: &CullSettings,
        mode: CullMode,
    ) {
        if mode == CullMode::None && self.filled_for == Some(CullMode::None) {
            return;
        }
        let groups = scene.groups();
        self.list.clear();
        self.list.resize(chunk.list_capacity as usize, 0);
        self.counts.iter_mut().for_each(|c| *c = 0);
        let start = chunk.start as usize;
        let group_of = &scene.group_of()[start..start + chunk.count as usize];
        let spheres = &scene.spheres()[start..start + chunk.count as usize];
        for (id, (&group, sphere)) in group_of.iter().zip(spheres).enumerate() {
            let info = &groups[group as usize];
            if info.key.blend {
                continue;
            }
            let lod = match mode {
                CullMode::None => Some(0),
                _ => view.classify(*sphere, settings, scene.lod_pixels(group), info.lods.len() as u32),
            };
            let Some(lod) = lod else {
                continue;
            };
            let b = (scene.first_batch(group) + lod) as usize;
            let slot = chunk.batches[b].list_offset + self.counts[b];
            self.list[slot as usize] = id as u32;
            self.counts[b] += 1;
        }
        if !self.list.is_empty() {
            ctx.queue
                .write_buffer(&chunk.cpu_list, 0, bytemuck::cast_slice(&self.list));
        }
        self.filled_for = Some(mode);
    }

    /// Frustum-culls the blended instances, sorts them farthest first, and uploads the
    /// list.
    pub fn sort_blended(&mut self, ctx: &GpuContext, scene: &GpuScene, chunk: &Chunk, view: &CullView) {
        self.blended.clear();
        if self.blended_instances.is_empty() {
            return;
        }
        let eye = view.view.inverse().w_axis.truncate();
        let spheres = scene.spheres();
        let mut visible: Vec<(f32, u32)> = self
            .blended_instances
            .iter()
            .filter_map(|&id| {
                let s = spheres[(chunk.start + id) as usize];
                let sphere = Sphere {
                    center: glam::Vec3::new(s[0], s[1], s[2]),
                    radius: s[3],
                };
                view.frustum
                    .intersects_sphere(&sphere)
                    .then(|| (sphere.center.distance_squared(eye), id))
            })
            .collect();
        visible.sort_by(|a, b| b.0.total_cmp(&a.0));
        let group_of = scene.group_of();
        let ids: Vec<u32> = visible.iter().map(|(_, id)| *id).collect();
        self.blended = ids
            .iter()
            .enumerate()
            .map(|(slot, &id)| BlendedDraw {
                slot: slot as u32,
                batch: scene.first_batch(group_of[(chunk.start + id) as usize]),
            })
            .collect();
        if !ids.is_empty() {
            ctx.queue
                .write_buffer(&chunk.blended_list, 0, bytemuck::cast_slice(&ids));
        }
    }
}
