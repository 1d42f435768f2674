//! A chunk: a range of instances whose per-instance bindings fit the adapter's storage
//! binding limit, with everything the culling passes and draws need for it.

use super::PhaseReadback;
use super::pipelines::dispatch_shape;
use crate::error::Result;
use crate::gpu_scene::GpuScene;
use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::gpu_types::{GpuBatch, GpuCullView, GpuDrawCommand};

/// Buffers one culling phase writes.
pub(crate) struct Phase {
    /// Instances per batch.
    pub counts: wgpu::Buffer,
    /// Visible instance ids, in per-batch regions.
    pub list: wgpu::Buffer,
    /// DrawIndexedIndirect commands.
    pub commands: wgpu::Buffer,
    /// Commands written per pipeline group (compacted mode).
    pub draw_counts: wgpu::Buffer,
    pub cull_group: wgpu::BindGroup,
    pub commands_group: wgpu::BindGroup,
    /// Instance bindings for drawing this phase's list.
    pub draw_group: wgpu::BindGroup,
}

impl Phase {
    /// Reads back what the last cull of this phase of `chunk` wrote (waits for the GPU).
    pub fn read(&self, ctx: &GpuContext, chunk: &Chunk) -> Result<PhaseReadback> {
        let sources = [
            (&self.counts, chunk.batches.len() as u64 * 4),
            (
                &self.commands,
                (chunk.batches.len() * size_of::<GpuDrawCommand>()) as u64,
            ),
            (&self.draw_counts, self.draw_counts.size()),
            (&self.list, u64::from(chunk.list_capacity) * 4),
        ];
        let bytes = museion_gpu::readback::read_buffers(ctx, &sources)?;
        Ok(PhaseReadback {
            counts: bytemuck::pod_collect_to_vec(&bytes[0]),
            commands: bytemuck::pod_collect_to_vec(&bytes[1]),
            draw_counts: bytemuck::pod_collect_to_vec(&bytes[2]),
            list: bytemuck::pod_collect_to_vec(&bytes[3]),
        })
    }
}

pub(crate) struct Chunk {
    /// First instance of the chunk.
    pub start: u32,
    /// Instances in the chunk.
    pub count: u32,
    /// The batch table with this chunk's list regions.
    pub batches: Vec<GpuBatch>,
    /// Entries of each visible list: the sum of its batches' regions.
    pub list_capacity: u32,
    pub phases: [Phase; 2],
    /// A list written by the CPU (`none` and `cpu` modes), with its draw bindings.
    pub cpu_list: wgpu::Buffer,
    pub cpu_draw_group: wgpu::BindGroup,
    /// Blended instances of this chunk, sorted each frame.
    pub blended_list: wgpu::Buffer,
    pub blended_draw_group: wgpu::BindGroup,
    /// The cull view uniform (written each frame).
    pub view: wgpu::Buffer,
    /// What every phase of this chunk binds besides its own buffers.
    shared: PhaseInputs,
    /// Bytes of the buffers allocated per instance of this chunk.
    pub instance_bytes: u64,
}

fn buffer(ctx: &GpuContext, label: &str, size: u64, usage: wgpu::BufferUsages) -> wgpu::Buffer {
    ctx.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some(label),
        size: size.max(16).next_multiple_of(4),
        usage: usage | wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::COPY_SRC,
        mapped_at_creation: false,
    })
}

fn range(buffer: &wgpu::Buffer, offset: u64, size: u64) -> wgpu::BindingResource<'_> {
    wgpu::BindingResource::Buffer(wgpu::BufferBinding {
        buffer,
        offset,
        size: std::num::NonZeroU64::new(size.max(4)),
    })
}

fn entire(buffer: &wgpu::Buffer) -> wgpu::BindingResource<'_> {
    buffer.as_entire_binding()
}

/// The chunk's instances and buffers that each phase binds (its own buffers aside).
struct PhaseInputs {
    /// The chunk's first instance and count.
    start: u32,
    count: u32,
    /// The same two numbers in a uniform, for the vertex shaders.
    chunk_uniform: wgpu::Buffer,
    batch_buffer: wgpu::Buffer,
    batch_count_uniform: wgpu::Buffer,
    visibility: wgpu::Buffer,
    /// Entries of a visible list (at least 1).
    capacity: u64,
    /// Batches (at least 1) and pipeline groups (at least 1).
    batch_count: u64,
    pipeline_count: u64,
}

pub(crate) struct ChunkLayouts<'a> {
    pub cull: &'a wgpu::BindGroupLayout,
    pub commands: &'a wgpu::BindGroupLayout,
    pub draw: &'a wgpu::BindGroupLayout,
}

impl Chunk {
    /// Builds the chunk of instances `start..start + count` of `scene`.
    pub fn new(ctx: &GpuContext, scene: &GpuScene, layouts: &ChunkLayouts, start: u32, count: u32) -> Self {
        let storage = wgpu::BufferUsages::STORAGE;
        let group_of = &scene.group_of()[start as usize..(start + count) as usize];
        let mut group_counts = vec![0u32; scene.groups().len()];
        for g in group_of {
            group_counts[*g as usize] += 1;
        }
        // Each batch gets room for every instance of its group in this chunk.
        let pipeline_of_batch: Vec<u32> = {
            let mut v = vec![0; scene.batches().len()];
            for (p, group) in scene.pipeline_groups().iter().enumerate() {
                for b in group.batches.clone() {
                    v[b as usize] = p as u32;
                }
            }
            v
        };
        let mut offset = 0u32;
        let batches: Vec<GpuBatch> = scene
            .batches()
            .iter()
            .enumerate()
            .map(|(b, batch)| {
                let p = &batch.primitive;
                let record = GpuBatch {
                    index_count: p.indices.end - p.indices.start,
                    first_index: p.indices.start,
                    base_vertex: p.vertices.start as i32,
                    list_offset: offset,
                    command_slot: b as u32,
                    pipeline_group: pipeline_of_batch[b],
                    _pad: [0; 2],
                };
                offset += group_counts[batch.group as usize];
                record
            })
            .collect();
        let capacity = u64::from(offset.max(1));
        let batch_count = batches.len().max(1) as u64;
        let batch_buffer = buffer(
            ctx,
            "batches",
            batch_count * size_of::<GpuBatch>() as u64,
            storage,
        );
        ctx.queue
            .write_buffer(&batch_buffer, 0, bytemuck::cast_slice(&batches));
        let pipeline_count = scene.pipeline_groups().len().max(1) as u64;
        let view = buffer(
            ctx,
            "cull view",
            size_of::<GpuCullView>() as u64,
            wgpu::BufferUsages::UNIFORM,
        );
        let batch_count_uniform = buffer(ctx, "batch count", 16, wgpu::BufferUsages::UNIFORM);
        let (_, _, row) = dispatch_shape(batches.len() as u32);
        ctx.queue.write_buffer(
            &batch_count_uniform,
            0,
            bytemuck::cast_slice(&[batches.len() as u32, row, 0, 0]),
        );
        let chunk_uniform = buffer(ctx, "chunk", 16, wgpu::BufferUsages::UNIFORM);
        ctx.queue
            .write_buffer(&chunk_uniform, 0, bytemuck::cast_slice(&[start, count, 0, 0]));
        let visibility = buffer(ctx, "visibility", u64::from(count) * 4, storage);

        let shared = PhaseInputs {
            start,
            count,
            chunk_uniform,
            batch_buffer,
            batch_count_uniform,
            visibility,
            capacity,
            batch_count,
            pipeline_count,
        };
        let draw_group = |label: &str, list: &wgpu::Buffer| {
            list_bind_group(ctx, scene, layouts.draw, &shared, label, list)
        };
        let phase = |label: &str, view: &wgpu::Buffer| build_phase(ctx, scene, layouts, &shared, view, label);
        let phases = [phase("early phase", &view), phase("late phase", &view)];
        let cpu_list = buffer(ctx, "cpu list", capacity * 4, storage);
        let cpu_draw_group = draw_group("cpu list", &cpu_list);
        let blended_count = scene
            .blended()
            .iter()
            .filter(|i| (start..start + count).contains(i))
            .count();
        let blended_list = buffer(ctx, "blended list", blended_count.max(1) as u64 * 4, storage);
        let blended_draw_group = draw_group("blended list", &blended_list);
        // Scene arrays (transform, sphere, group) plus visibility and three lists.
        let instance_bytes = u64::from(count) * (48 + 16 + 4)
            + shared.visibility.size()
            + cpu_list.size()
            + phases.iter().map(|p| p.list.size()).sum::<u64>();
        Self {
            start,
            count,
            batches,
            list_capacity: offset,
            phases,
            cpu_list,
            cpu_draw_group,
            blended_list,
            blended_draw_group,
            view,
            shared,
            instance_bytes,
        }
    }

    /// A phase of its own for another view of this chunk's instances (a shadow map's):
    /// counts, list, commands and their bind groups, culled against the record in
    /// `view` (a uniform buffer of one `GpuCullView`).
    pub fn view_phase(
        &self,
        ctx: &GpuContext,
        scene: &GpuScene,
        layouts: &ChunkLayouts,
        view: &wgpu::Buffer,
        label: &str,
    ) -> Phase {
        build_phase(ctx, scene, layouts, &self.shared, view, label)
    }

    /// A bind group of the instances layout (forward and shadow vertex shaders) that
    /// draws this chunk's instances through `list` (chunk-relative ids).
    pub fn bind_list(
        &self,
        ctx: &GpuContext,
        scene: &GpuScene,
        label: &str,
        list: &wgpu::Buffer,
    ) -> wgpu::BindGroup {
        list_bind_group(ctx, scene, &scene.layouts.instances, &self.shared, label, list)
    }
}

/// One phase's buffers and bind groups over the chunk's instances.
fn build_phase(
    ctx: &GpuContext,
    scene: &GpuScene,
    layouts: &ChunkLayouts,
    shared: &PhaseInputs,
    view: &wgpu::Buffer,
    label: &str,
) -> Phase {
    let storage = wgpu::BufferUsages::STORAGE;
    let counts = buffer(ctx, label, shared.batch_count * 4, storage);
    let list = buffer(ctx, label, shared.capacity * 4, storage);
    let commands = buffer(
        ctx,
        label,
        shared.batch_count * size_of::<GpuDrawCommand>() as u64,
        storage | wgpu::BufferUsages::INDIRECT,
    );
    let draw_counts = buffer(
        ctx,
        label,
        shared.pipeline_count * 4,
        storage | wgpu::BufferUsages::INDIRECT,
    );
    let (s_offset, s_size) = (u64::from(shared.start) * 16, u64::from(shared.count) * 16);
    let (g_offset, g_size) = (u64::from(shared.start) * 4, u64::from(shared.count) * 4);
    let cull_group = bindings::group(
        &ctx.device,
        Some(label),
        layouts.cull,
        [
            entire(view),
            range(&scene.sphere_buffer.buffer, s_offset, s_size),
            range(&scene.group_of_buffer.buffer, g_offset, g_size),
            entire(&shared.visibility),
            entire(&scene.group_buffer.buffer),
            entire(&shared.batch_buffer),
            entire(&counts),
            entire(&list),
        ],
    );
    let commands_group = bindings::group(
        &ctx.device,
        Some(label),
        layouts.commands,
        [
            entire(&shared.batch_buffer),
            entire(&counts),
            entire(&scene.pipeline_group_buffer.buffer),
            entire(&commands),
            entire(&draw_counts),
            entire(&shared.batch_count_uniform),
        ],
    );
    let draw_group = list_bind_group(ctx, scene, layouts.draw, shared, label, &list);
    Phase {
        counts,
        list,
        commands,
        draw_counts,
        cull_group,
        commands_group,
        draw_group,
    }
}

/// A bind group of the instances layout that draws the chunk's instances through `list`.
fn list_bind_group(
    ctx: &GpuContext,
    scene: &GpuScene,
    layout: &wgpu::BindGroupLayout,
    shared: &PhaseInputs,
    label: &str,
    list: &wgpu::Buffer,
) -> wgpu::BindGroup {
    let (t_offset, t_size) = (u64::from(shared.start) * 48, u64::from(shared.count) * 48);
    let (g_offset, g_size) = (u64::from(shared.start) * 4, u64::from(shared.count) * 4);
    bindings::group(
        &ctx.device,
        Some(label),
        layout,
        [
            entire(list),
            range(&scene.transform_buffer.buffer, t_offset, t_size),
            range(&scene.group_of_buffer.buffer, g_offset, g_size),
            entire(&scene.group_buffer.buffer),
            entire(&shared.chunk_uniform),
        ],
    )
}
