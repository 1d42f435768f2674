//! Where frames go: offscreen textures (read back as images) and window surfaces.

use crate::context::GpuContext;
use crate::error::{GpuError, Result};
use crate::formats::target_texture;
use crate::readback::{f16_to_f32, read_texture};

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

/// The texture view a frame is drawn into, with its format and size.
#[derive(Clone, Copy, Debug)]
pub struct FrameOutput<'a> {
    /// The view drawn into.
    pub view: &'a wgpu::TextureView,
    /// Its format.
    pub format: wgpu::TextureFormat,
    /// Width and height in pixels, neither 0.
    pub size: (u32, u32),
}

impl<'a> FrameOutput<'a> {
    /// The output `view` of `format` and `size`; an error when a side is 0.
    pub fn new(view: &'a wgpu::TextureView, format: wgpu::TextureFormat, size: (u32, u32)) -> Result<Self> {
        if size.0 == 0 || size.1 == 0 {
            return Err(GpuError::InvalidSetting(format!(
                "output size {}x{}",
                size.0, size.1
            )));
        }
        Ok(Self { view, format, size })
    }

    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.size.0 as f32 / self.size.1 as f32
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
            return Err(GpuError::InvalidSetting(format!(
                "image size {width}x{height} (each side must be 1 to {max})"
            )));
        }
        let usage = wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC;
        let texture = target_texture(ctx, "offscreen target", (width, height), format, 1, usage);
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
                return Err(GpuError::Readback(format!(
                    "cannot convert {other:?} to an image"
                )));
            }
        };
        image::RgbaImage::from_raw(width, height, rgba)
            .ok_or_else(|| GpuError::Readback("texture size mismatch".into()))
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
            return Err(GpuError::Readback(format!(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srgb_encoding() {
        assert_eq!(encode_srgb8([0.0, 1.0, 0.5, 0.5]), [0, 255, 188, 128]);
        assert_eq!(encode_srgb8([2.0, -1.0, 0.0031308, 1.0])[..2], [255, 0]);
    }
}
