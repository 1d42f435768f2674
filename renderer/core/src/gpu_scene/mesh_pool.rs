//! One vertex buffer and one index buffer for every mesh: primitives are ranges in
//! them, so any draw (and the culling core's indirect draws) binds the same buffers.

use super::allocator::RangeAllocator;
use crate::error::{RenderError, Result};
use museion_gpu::gpu_types::GpuVertex;
use museion_gpu::{GpuContext, GpuError};
use museion_scene::{Primitive, Topology};
use std::ops::Range;

/// Where a primitive's data lives in the pool.
#[derive(Clone, Debug, PartialEq)]
pub struct PooledPrimitive {
    /// Its vertices.
    pub vertices: Range<u32>,
    /// Its indices (relative to `vertices.start`).
    pub indices: Range<u32>,
    /// What the indices draw.
    pub topology: Topology,
}

impl PooledPrimitive {
    /// Triangles drawn by one instance.
    pub fn triangles(&self) -> u32 {
        match self.topology {
            Topology::Triangles => (self.indices.end - self.indices.start) / 3,
            Topology::Lines | Topology::Points => 0,
        }
    }
}

/// A growable pair of GPU buffers with sub-allocation.
///
/// The vertex buffer is also a storage buffer: the deformation pass reads uploaded
/// vertices from it and writes each deformed instance's copy into a range of its own.
pub struct MeshPool {
    vertex_buffer: wgpu::Buffer,
    index_buffer: wgpu::Buffer,
    vertices: RangeAllocator,
    indices: RangeAllocator,
}

const VERTEX_SIZE: u64 = size_of::<GpuVertex>() as u64;
/// The vertex buffer is drawn from and, by the deformation pass, read and written.
const VERTEX_USAGE: wgpu::BufferUsages = wgpu::BufferUsages::VERTEX.union(wgpu::BufferUsages::STORAGE);

fn create_buffer(ctx: &GpuContext, label: &str, size: u64, usage: wgpu::BufferUsages) -> wgpu::Buffer {
    ctx.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some(label),
        size: size.max(4),
        usage: usage | wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::COPY_SRC,
        mapped_at_creation: false,
    })
}

impl MeshPool {
    /// An empty pool with room for a first mesh or two.
    pub fn new(ctx: &GpuContext) -> Self {
        let (vertex_capacity, index_capacity) = (1 << 16, 1 << 18);
        Self {
            vertex_buffer: create_buffer(
                ctx,
                "vertex pool",
                u64::from(vertex_capacity) * VERTEX_SIZE,
                VERTEX_USAGE,
            ),
            index_buffer: create_buffer(
                ctx,
                "index pool",
                u64::from(index_capacity) * 4,
                wgpu::BufferUsages::INDEX,
            ),
            vertices: RangeAllocator::new(vertex_capacity),
            indices: RangeAllocator::new(index_capacity),
        }
    }

    /// A range of `vertices` for a deformed copy of `source` (which shares the source's
    /// indices), filled with the source's vertex data; the deformation pass rewrites
    /// positions, normals and tangents.
    pub fn allocate_copy(
        &mut self,
        ctx: &GpuContext,
        source: &PooledPrimitive,
        vertices: &[GpuVertex],
    ) -> Result<PooledPrimitive> {
        let count = u32::try_from(vertices.len()).map_err(|_| too_large(ctx, "vertices"))?;
        let range = self.allocate(ctx, Pool::Vertices, count)?;
        if !vertices.is_empty() {
            ctx.queue.write_buffer(
                &self.vertex_buffer,
                u64::from(range.start) * VERTEX_SIZE,
                bytemuck::cast_slice(vertices),
            );
        }
        Ok(PooledPrimitive {
            vertices: range,
            indices: source.indices.clone(),
            topology: source.topology,
        })
    }

    /// Gives a deformed copy's vertices back (its indices belong to its source).
    pub fn free_copy(&mut self, copy: &PooledPrimitive) {
        self.vertices.free(copy.vertices.clone());
    }

    /// The vertex buffer.
    pub fn vertex_buffer(&self) -> &wgpu::Buffer {
        &self.vertex_buffer
    }

    /// The index buffer (u32 indices).
    pub fn index_buffer(&self) -> &wgpu::Buffer {
        &self.index_buffer
    }

    /// Bytes in use, vertices and indices.
    pub fn used_bytes(&self) -> u64 {
        u64::from(self.vertices.capacity() - self.vertices.free_count()) * VERTEX_SIZE
            + u64::from(self.indices.capacity() - self.indices.free_count()) * 4
    }

    /// Uploads a primitive and returns where it went, growing the buffers if needed.
    pub fn upload(&mut self, ctx: &GpuContext, primitive: &Primitive) -> Result<PooledPrimitive> {
        let vertices = GpuVertex::from_primitive(primitive);
        let vertex_count = u32::try_from(vertices.len()).map_err(|_| too_large(ctx, "vertices"))?;
        let index_count = u32::try_from(primitive.indices.len()).map_err(|_| too_large(ctx, "indices"))?;
        let vertex_range = self.allocate(ctx, Pool::Vertices, vertex_count)?;
        let index_range = self.allocate(ctx, Pool::Indices, index_count)?;
        if !vertices.is_empty() {
            ctx.queue.write_buffer(
                &self.vertex_buffer,
                u64::from(vertex_range.start) * VERTEX_SIZE,
                bytemuck::cast_slice(&vertices),
            );
        }
        if !primitive.indices.is_empty() {
            ctx.queue.write_buffer(
                &self.index_buffer,
                u64::from(index_range.start) * 4,
                bytemuck::cast_slice(&primitive.indices),
            );
        }
        Ok(PooledPrimitive {
            vertices: vertex_range,
            indices: index_range,
            topology: primitive.topology,
        })
    }

    /// Gives a primitive's ranges back to the pool.
    pub fn free(&mut self, primitive: &PooledPrimitive) {
        self.vertices.free(primitive.vertices.clone());
        self.indices.free(primitive.indices.clone());
    }

    /// A range of `len` elements, growing the buffer (doubling, copying the old
    /// contents on the GPU) until it fits.
    fn allocate(&mut self, ctx: &GpuContext, pool: Pool, len: u32) -> Result<Range<u32>> {
        loop {
            let (allocator, buffer, element, usage, label) = match pool {
                Pool::Vertices => (
                    &mut self.vertices,
                    &mut self.vertex_buffer,
                    VERTEX_SIZE,
                    VERTEX_USAGE,
                    "vertex pool",
                ),
                Pool::Indices => (
                    &mut self.indices,
                    &mut self.index_buffer,
                    4,
                    wgpu::BufferUsages::INDEX,
                    "index pool",
                ),
            };
            if let Some(range) = allocator.allocate(len) {
                return Ok(range);
            }
            let capacity = u64::from(allocator.capacity());
            let wanted = (capacity * 2).max((capacity + u64::from(len)).next_power_of_two());
            let max_elements = (ctx.device.limits().max_buffer_size / element).min(u64::from(u32::MAX));
            let new_capacity = wanted.min(max_elements);
            if new_capacity < capacity + u64::from(len) {
                return Err(too_large(ctx, label));
            }
            let grown = create_buffer(ctx, label, new_capacity * element, usage);
            let mut encoder = ctx
                .device
                .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                    label: Some("grow mesh pool"),
                });
            encoder.copy_buffer_to_buffer(buffer, 0, &grown, 0, Some(capacity * element));
            ctx.queue.submit([encoder.finish()]);
            *buffer = grown;
            allocator.grow(new_capacity as u32);
        }
    }
}

#[derive(Clone, Copy)]
enum Pool {
    Vertices,
    Indices,
}

fn too_large(ctx: &GpuContext, what: &str) -> RenderError {
    RenderError::Gpu(GpuError::Unsupported {
        adapter: ctx.info.name.clone(),
        missing: format!(
            "room for the scene's {what} (max_buffer_size {})",
            ctx.device.limits().max_buffer_size
        ),
    })
}
