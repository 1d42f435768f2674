//! Reading GPU buffers and textures back to the CPU.

use crate::context::GpuContext;
use crate::error::{GpuError, Result};

/// Maps a `MAP_READ` buffer, waits for the GPU, and returns its bytes.
pub fn map_read(ctx: &GpuContext, buffer: &wgpu::Buffer) -> Result<Vec<u8>> {
    let slice = buffer.slice(..);
    let (sender, receiver) = std::sync::mpsc::channel();
    slice.map_async(wgpu::MapMode::Read, move |result| {
        let _ = sender.send(result);
    });
    ctx.wait_idle()?;
    receiver
        .recv()
        .map_err(|e| GpuError::Readback(e.to_string()))?
        .map_err(|e| GpuError::Readback(e.to_string()))?;
    let bytes = slice
        .get_mapped_range()
        .map_err(|e| GpuError::Readback(e.to_string()))?
        .to_vec();
    buffer.unmap();
    Ok(bytes)
}

/// A buffer of `size` bytes to copy into and map for reading.
pub fn staging_buffer(ctx: &GpuContext, size: u64) -> wgpu::Buffer {
    ctx.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("readback"),
        size,
        usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
        mapped_at_creation: false,
    })
}

/// Copies the first `size` bytes of each buffer (which need `COPY_SRC`) into one
/// staging buffer in one submission, and returns them in order.
pub fn read_buffers(ctx: &GpuContext, sources: &[(&wgpu::Buffer, u64)]) -> Result<Vec<Vec<u8>>> {
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

/// IEEE 754 half precision to single precision.
pub fn f16_to_f32(bits: u16) -> f32 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = i32::from((bits >> 10) & 0x1F);
    let mantissa = f32::from(bits & 0x3FF);
    match exponent {
        0 => sign * mantissa * 2f32.powi(-24),
        31 if mantissa == 0.0 => sign * f32::INFINITY,
        31 => f32::NAN,
        e => sign * (1.0 + mantissa / 1024.0) * 2f32.powi(e - 15),
    }
}

/// Copies mip 0 of a 2D texture (every layer) to the CPU, tightly packed (the GPU's
/// 256-byte row padding removed).
pub fn read_texture(ctx: &GpuContext, texture: &wgpu::Texture) -> Result<Vec<u8>> {
    read_texture_level(ctx, texture, 0)
}

/// Copies mip `level` of a 2D texture, every layer one after the other, to the CPU,
/// tightly packed.
pub fn read_texture_level(ctx: &GpuContext, texture: &wgpu::Texture, level: u32) -> Result<Vec<u8>> {
    let format = texture.format();
    let bytes_per_texel = format
        .block_copy_size(None)
        .ok_or_else(|| GpuError::Readback(format!("{format:?} cannot be copied")))?;
    if level >= texture.mip_level_count() {
        return Err(GpuError::Readback(format!(
            "mip level {level} of a texture with {}",
            texture.mip_level_count()
        )));
    }
    let width = (texture.width() >> level).max(1);
    let height = (texture.height() >> level).max(1);
    let layers = texture.depth_or_array_layers();
    let row = width * bytes_per_texel;
    let padded_row = row.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
    let buffer = staging_buffer(ctx, u64::from(padded_row) * u64::from(height) * u64::from(layers));
    let mut encoder = ctx
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("readback"),
        });
    encoder.copy_texture_to_buffer(
        wgpu::TexelCopyTextureInfo {
            texture,
            mip_level: level,
            origin: wgpu::Origin3d::ZERO,
            aspect: wgpu::TextureAspect::All,
        },
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded_row),
                rows_per_image: Some(height),
            },
        },
        wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: layers,
        },
    );
    ctx.queue.submit([encoder.finish()]);
    let mapped = map_read(ctx, &buffer)?;
    let mut out = Vec::with_capacity((row * height * layers) as usize);
    for r in 0..(height * layers) as usize {
        let start = r * padded_row as usize;
        out.extend_from_slice(&mapped[start..start + row as usize]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats() {
        assert_eq!(f16_to_f32(0x3C00), 1.0);
        assert_eq!(f16_to_f32(0xC000), -2.0);
        assert_eq!(f16_to_f32(0x3800), 0.5);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert!(f16_to_f32(0x7C00).is_infinite());
    }
}
