//! What the culling core wrote in the last frame, read back for statistics and tests.

use super::CullMode;
use crate::gpu_scene::GpuScene;
use museion_gpu::gpu_types::{GpuBatch, GpuDrawCommand};
use museion_scene::Topology;

/// One phase of one chunk: its per-batch counts, the commands and the visible list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhaseReadback {
    /// Instances per batch, as the cull pass counted them.
    pub counts: Vec<u32>,
    /// The commands the draws read: compacted per pipeline group, or one slot per batch.
    pub commands: Vec<GpuDrawCommand>,
    /// Commands written per pipeline group (compacted commands only).
    pub draw_counts: Vec<u32>,
    /// The visible list (ids relative to the chunk's first instance).
    pub list: Vec<u32>,
}

/// One chunk of instances.
#[derive(Clone, Debug, PartialEq)]
pub struct ChunkReadback {
    /// First instance of the chunk.
    pub start: u32,
    /// The batch table, with this chunk's list regions.
    pub batches: Vec<GpuBatch>,
    /// The phases that ran: one for `none`, `cpu` and `gpu-frustum`, two (early and
    /// late) for `gpu-occlusion`.
    pub phases: Vec<PhaseReadback>,
}

/// What the culling core wrote for the last frame.
#[derive(Clone, Debug, PartialEq)]
pub struct CullReadback {
    /// The mode that ran.
    pub mode: CullMode,
    /// True when commands are compacted per pipeline group (drawn with a count buffer).
    pub compact: bool,
    /// Per chunk.
    pub chunks: Vec<ChunkReadback>,
}

/// One command the GPU executed with at least one instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExecutedDraw {
    /// Chunk index.
    pub chunk: usize,
    /// Phase index.
    pub phase: usize,
    /// The command.
    pub command: GpuDrawCommand,
}

impl CullReadback {
    /// The commands the draws executed with instances, in order.
    pub fn executed(&self, scene: &GpuScene) -> Vec<ExecutedDraw> {
        let mut out = Vec::new();
        for (c, chunk) in self.chunks.iter().enumerate() {
            for (p, phase) in chunk.phases.iter().enumerate() {
                let issued: Vec<GpuDrawCommand> = if self.compact && self.mode.is_gpu() {
                    scene
                        .pipeline_groups()
                        .iter()
                        .zip(&phase.draw_counts)
                        .flat_map(|(group, &written)| {
                            let first = group.batches.start as usize;
                            let written = written.min(group.batches.end - group.batches.start) as usize;
                            phase.commands[first..first + written].iter().copied()
                        })
                        .collect()
                } else {
                    phase.commands.clone()
                };
                out.extend(
                    issued
                        .into_iter()
                        .filter(|command| command.instance_count > 0)
                        .map(|command| ExecutedDraw {
                            chunk: c,
                            phase: p,
                            command,
                        }),
                );
            }
        }
        out
    }

    /// Scene-wide ids of every instance drawn, in draw order (duplicates included, so a
    /// test can find them).
    pub fn drawn_instances(&self, scene: &GpuScene) -> Vec<u32> {
        self.drawn(scene).map(|(id, _)| id).collect()
    }

    /// Scene-wide id and triangles drawn of every instance drawn.
    pub fn drawn_triangles(&self, scene: &GpuScene) -> Vec<(u32, u32)> {
        let triangles = triangle_counter(scene);
        self.drawn(scene)
            .map(|(id, command)| (id, triangles(&command)))
            .collect()
    }

    /// Each instance drawn (scene-wide id) with the command that drew it: the entries of
    /// its phase's list the command's instance range names.
    fn drawn(&self, scene: &GpuScene) -> impl Iterator<Item = (u32, GpuDrawCommand)> + '_ {
        self.executed(scene).into_iter().flat_map(move |draw| {
            let chunk = &self.chunks[draw.chunk];
            let list = &chunk.phases[draw.phase].list;
            let first = draw.command.first_instance as usize;
            let end = (first + draw.command.instance_count as usize).min(list.len());
            list[first.min(end)..end]
                .iter()
                .map(move |id| (id + chunk.start, draw.command))
        })
    }

    /// Draws, triangles and instances submitted by the culled draws, from the commands
    /// (blended draws are not included).
    pub fn totals(&self, scene: &GpuScene) -> (u32, u64, u32) {
        let triangles = triangle_counter(scene);
        let mut totals = (0u32, 0u64, 0u32);
        for draw in self.executed(scene) {
            let c = draw.command;
            totals.0 += 1;
            totals.1 += u64::from(triangles(&c)) * u64::from(c.instance_count);
            totals.2 += c.instance_count;
        }
        totals
    }
}

/// Triangles one instance of a command draws: a third of its indices when its batch
/// draws triangles, else none.
fn triangle_counter(scene: &GpuScene) -> impl Fn(&GpuDrawCommand) -> u32 {
    let topology_of: std::collections::HashMap<(u32, i32), Topology> = scene
        .batches()
        .iter()
        .map(|b| {
            (
                (b.primitive.indices.start, b.primitive.vertices.start as i32),
                b.primitive.topology,
            )
        })
        .collect();
    move |c| {
        if topology_of.get(&(c.first_index, c.base_vertex)) == Some(&Topology::Triangles) {
            c.index_count / 3
        } else {
            0
        }
    }
}
