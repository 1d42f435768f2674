// Turns per-batch instance counts into DrawIndexedIndirect commands: compacted per
// multi-draw call (COMPACT, for multi_draw_indexed_indirect_count) or one fixed slot per
// batch (for adapters without the count feature).

#import museion::constants::CULL_WORKGROUP
#import museion::shared::{Batch, DrawCommand, PipelineGroup}

override COMPACT: bool = true;

@group(0) @binding(0) var<storage, read> batches: array<Batch>;
@group(0) @binding(1) var<storage, read> counts: array<u32>;
@group(0) @binding(2) var<storage, read> pipeline_groups: array<PipelineGroup>;
@group(0) @binding(3) var<storage, read_write> commands: array<DrawCommand>;
@group(0) @binding(4) var<storage, read_write> draw_counts: array<atomic<u32>>;
@group(0) @binding(5) var<uniform> batch_count: vec4<u32>;

@compute @workgroup_size(CULL_WORKGROUP)
fn write_commands(@builtin(global_invocation_id) id: vec3<u32>) {
    // x: batches; y: invocations per row of the two-dimensional dispatch.
    let b = id.x + id.y * batch_count.y;
    if b >= batch_count.x {
        return;
    }
    let batch = batches[b];
    let count = counts[b];
    let command = DrawCommand(batch.index_count, count, batch.first_index, batch.base_vertex, batch.list_offset);
    if COMPACT {
        if count == 0u {
            return;
        }
        let slot = atomicAdd(&draw_counts[batch.pipeline_group], 1u);
        commands[pipeline_groups[batch.pipeline_group].first_command + slot] = command;
    } else {
        commands[batch.command_slot] = command;
    }
}
