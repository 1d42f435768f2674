//! Reading GPU buffers back to the CPU.

use crate::context::GpuContext;
use crate::error::{RenderError, Result};

/// Maps a `MAP_READ` buffer, waits for the GPU, and returns its bytes.
pub(crate) fn map_read(ctx: &GpuContext, buffer: &wgpu::Buffer) -> Result<Vec<u8>> {
    let slice = buffer.slice(..);
    let (sender, receiver) = std::sync::mpsc::channel();
    slice.map_async(wgpu::MapMode::Read, move |result| {
        let _ = sender.send(result);
    });
    ctx.wait_idle()?;
    receiver
        .recv()
        .map_err(|e| RenderError::Readback(e.to_string()))?
        .map_err(|e| RenderError::Readback(e.to_string()))?;
    let bytes = slice
        .get_mapped_range()
        .map_err(|e| RenderError::Readback(e.to_string()))?
        .to_vec();
    buffer.unmap();
    Ok(bytes)
}

/// A buffer of `size` bytes to copy into and map for reading.
pub(crate) fn staging_buffer(ctx: &GpuContext, size: u64) -> wgpu::Buffer {
    ctx.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("readback"),
        size,
        usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
        mapped_at_creation: false,
    })
}

/// Copies the first `size` bytes of each buffer (which need `COPY_SRC`) into one
/// staging buffer in one submission, and returns them in order.
pub(crate) fn read_buffers(ctx: &GpuContext, sources: &[(&wgpu::Buffer, u64)]) -> Result<Vec<Vec<u8>>> {
    let mut offsets = Vec::with_capacity(sources.len());
    let mut total = 0u64;
    for (_, size) in sources {
        offsets.push(total);
        total += size.next_multiple_of(wgpu::COPY_BUFFER_ALIGNMENT);
    }
    let staging = staging_buffer(ctx, total.max(wgpu::COPY_BUFFER_ALIGNMENT));
    let mut encoder = ctx
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("readback"),
        });
    for ((buffer, size), offset) in sources.iter().zip(&offsets) {
        let size = size
            .next_multiple_of(wgpu::COPY_BUFFER_ALIGNMENT)
            .min(buffer.size());
        if size > 0 {
            encoder.copy_buffer_to_buffer(buffer, 0, &staging, *offset, size);
        }
    }
    ctx.queue.submit([encoder.finish()]);
    let bytes = map_read(ctx, &staging)?;
    Ok(sources
        .iter()
        .zip(&offsets)
        .map(|((_, size), offset)| bytes[*offset as usize..(*offset + *size) as usize].to_vec())
        .collect())
}
