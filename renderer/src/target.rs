//! Offscreen render targets and reading textures back to the CPU.

use crate::context::GpuContext;
use crate::error::{RenderError, Result};

/// Where frames go: an offscreen texture or a window surface. The renderer draws both
/// with the same passes.
pub enum RenderTarget {
    /// A texture without a window.
    Offscreen(OffscreenTarget),
    /// A window's surface.
    Surface(crate::surface::SurfaceTarget),
}

impl RenderTarget {
    /// Width and height.
    pub fn size(&self) -> (u32, u32) {
        match self {
            Self::Offscreen(t) => t.size(),
            Self::Surface(t) => t.size(),
        }
    }

    /// The texture format.
    pub fn format(&self) -> wgpu::TextureFormat {
        match self {
            Self::Offscreen(t) => t.format(),
            Self::Surface(t) => t.format(),
        }
    }
}

/// A texture to render into without a window: for tests, screenshots and benchmarks.
#[derive(Debug)]
pub struct OffscreenTarget {
    /// The texture.
    pub texture: wgpu::Texture,
    /// A view of the whole texture.
    pub view: wgpu::TextureView,
}

impl OffscreenTarget {
    /// A target of `width` × `height` in `format` (`Rgba8UnormSrgb` for images,
    /// `Rgba32Float` for exact radiance).
    pub fn new(ctx: &GpuContext, width: u32, height: u32, format: wgpu::TextureFormat) -> Result<Self> {
        let max = ctx.device.limits().max_texture_dimension_2d;
        if width == 0 || height == 0 || width > max || height > max {
            return Err(RenderError::InvalidSetting(format!(
                "image size {width}x{height} (each side must be 1 to {max})"
            )));
        }
        let texture = ctx.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("offscreen target"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        Ok(Self { texture, view })
    }

    /// Width and height.
    pub fn size(&self) -> (u32, u32) {
        (self.texture.width(), self.texture.height())
    }

    /// The format.
    pub fn format(&self) -> wgpu::TextureFormat {
        self.texture.format()
    }

    /// Reads the target back as an 8-bit sRGB image, whatever its format: RGBA or BGRA
    /// 8-bit (sRGB or not) as stored, and float formats (linear values) encoded to sRGB.
    pub fn read_rgba8(&self, ctx: &GpuContext) -> Result<image::RgbaImage> {
        let (width, height) = self.size();
        let bytes = read_texture(ctx, &self.texture)?;
        let rgba = match self.format() {
            wgpu::TextureFormat::Rgba8Unorm | wgpu::TextureFormat::Rgba8UnormSrgb => bytes,
            wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb => bytes
                .chunks_exact(4)
                .flat_map(|t| [t[2], t[1], t[0], t[3]])
                .collect(),
            wgpu::TextureFormat::Rgba32Float => self.read_rgba32f_bytes(bytes),
            wgpu::TextureFormat::Rgba16Float => bytes
                .chunks_exact(8)
                .flat_map(|t| {
                    let f = |i: usize| f16_to_f32(u16::from_le_bytes([t[i], t[i + 1]]));
                    encode_srgb8([f(0), f(2), f(4), f(6)])
                })
                .collect(),
            other => {
                return Err(RenderError::Readback(format!(
                    "cannot convert {other:?} to an image"
                )));
            }
        };
        image::RgbaImage::from_raw(width, height, rgba)
            .ok_or_else(|| RenderError::Readback("texture size mismatch".into()))
    }

    fn read_rgba32f_bytes(&self, bytes: Vec<u8>) -> Vec<u8> {
        bytes
            .chunks_exact(16)
            .flat_map(|t| {
                let f = |i: usize| f32::from_le_bytes([t[i], t[i + 1], t[i + 2], t[i + 3]]);
                encode_srgb8([f(0), f(4), f(8), f(12)])
            })
            .collect()
    }

    /// Reads an `Rgba32Float` target back as linear floats, row by row.
    pub fn read_rgba32f(&self, ctx: &GpuContext) -> Result<Vec<[f32; 4]>> {
        if self.format() != wgpu::TextureFormat::Rgba32Float {
            return Err(RenderError::Readback(format!(
                "read_rgba32f on a {:?} target",
                self.format()
            )));
        }
        let bytes = read_texture(ctx, &self.texture)?;
        Ok(bytes
            .chunks_exact(16)
            .map(|t| {
                let f = |i: usize| f32::from_le_bytes([t[i], t[i + 1], t[i + 2], t[i + 3]]);
                [f(0), f(4), f(8), f(12)]
            })
            .collect())
    }
}

/// Linear RGBA to 8-bit sRGB RGBA (alpha stays linear).
fn encode_srgb8(linear: [f32; 4]) -> [u8; 4] {
    let encode = |c: f32| {
        let c = c.clamp(0.0, 1.0);
        let s = if c <= 0.003_130_8 {
            c * 12.92
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        };
        (s * 255.0).round() as u8
    };
    [
        encode(linear[0]),
        encode(linear[1]),
        encode(linear[2]),
        (linear[3].clamp(0.0, 1.0) * 255.0).round() as u8,
    ]
}

/// IEEE 754 half precision to single precision.
pub(crate) fn f16_to_f32(bits: u16) -> f32 {
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
        .ok_or_else(|| RenderError::Readback(format!("{format:?} cannot be copied")))?;
    if level >= texture.mip_level_count() {
        return Err(RenderError::Readback(format!(
            "mip level {level} of a texture with {}",
            texture.mip_level_count()
        )));
    }
    let width = (texture.width() >> level).max(1);
    let height = (texture.height() >> level).max(1);
    let layers = texture.depth_or_array_layers();
    let row = width * bytes_per_texel;
    let padded_row = row.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
    let buffer =
        crate::readback::staging_buffer(ctx, u64::from(padded_row) * u64::from(height) * u64::from(layers));
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
    let mapped = crate::readback::map_read(ctx, &buffer)?;
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
    fn half_floats_and_srgb_encoding() {
        assert_eq!(f16_to_f32(0x3C00), 1.0);
        assert_eq!(f16_to_f32(0xC000), -2.0);
        assert_eq!(f16_to_f32(0x3800), 0.5);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert!(f16_to_f32(0x7C00).is_infinite());
        assert_eq!(encode_srgb8([0.0, 1.0, 0.5, 0.5]), [0, 255, 188, 128]);
        assert_eq!(encode_srgb8([2.0, -1.0, 0.0031308, 1.0])[..2], [255, 0]);
    }
}
